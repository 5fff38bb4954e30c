//! The object list: every object of the floor shown, grouped by kind, searchable by id or
//! name, with the number of findings about each; clicking one selects it and centres the view
//! on it. Rows are built once per change and drawn only where they are in view, so a floor of
//! 100,000 objects lists as quickly as a small one.

use eframe::egui;

use super::edit::{self, ItemKind, ItemRef};
use super::labels;
use super::App;
use crate::i18n::Text;

/// One row of the list.
#[derive(Clone, Debug)]
enum Row {
    /// A kind's heading and how many of it match.
    Kind(ItemKind, usize),
    /// An object: where it is, what it is called, how many findings name it first.
    Item {
        at: ItemRef,
        text: String,
        findings: usize,
    },
}

/// The list as last built, and what it was built from.
#[derive(Default)]
pub struct ObjectList {
    pub search: String,
    built: Option<(u64, usize, String)>,
    rows: Vec<Row>,
}

const SEARCH: Text = Text::new("id or name", "编号或名称");
const FIND: Text = Text::new("Find", "查找");

/// The name of a kind of object.
pub fn kind_text(kind: ItemKind) -> Text {
    match kind {
        ItemKind::Device => labels::KIND_DEVICE,
        ItemKind::Sign => labels::KIND_SIGN,
        ItemKind::Opening => labels::KIND_OPENING,
        ItemKind::Wall => labels::KIND_WALL,
        ItemKind::Zone => labels::KIND_ZONE,
        ItemKind::Space => labels::KIND_SPACE,
    }
}

fn name_of(floor: &crate::model::Floor, at: ItemRef) -> &str {
    let i = at.index;
    let name = match at.kind {
        ItemKind::Device => floor.devices.get(i).map(|d| d.name.as_str()),
        ItemKind::Space => floor.spaces.get(i).map(|s| s.name.as_str()),
        ItemKind::Zone => floor.zones.get(i).map(|z| z.name.as_str()),
        ItemKind::Sign => floor.signs.get(i).map(|g| g.text.as_str()),
        ItemKind::Wall | ItemKind::Opening => None,
    };
    name.unwrap_or("")
}

impl App {
    /// Builds the rows again if the site, the floor or the search changed.
    fn refresh_objects(&mut self) {
        let Some(doc) = &self.doc else { return };
        let fi = self.floor_index();
        let built = self.objects.built.as_ref();
        if built.is_some_and(|(r, f, s)| (*r, *f, s) == (doc.revision, fi, &self.objects.search)) {
            return;
        }
        let key = (doc.revision, fi, self.objects.search.clone());
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for f in doc.checker.findings() {
            if let (Some(ffi), Some(first)) = (f.floor_index, f.subjects.first()) {
                if ffi == fi {
                    *counts.entry(first.as_str()).or_default() += 1;
                }
            }
        }
        let needle = self.objects.search.trim().to_lowercase();
        let mut rows = Vec::new();
        for kind in ItemKind::ALL {
            let heading = rows.len();
            rows.push(Row::Kind(kind, 0));
            for index in 0..edit::count(floor, kind) {
                let at = ItemRef { kind, index };
                let id = edit::id(floor, at).unwrap_or("");
                let name = name_of(floor, at);
                let matches = needle.is_empty()
                    || id.to_lowercase().contains(&needle)
                    || name.to_lowercase().contains(&needle);
                if matches {
                    let text = if name.is_empty() {
                        id.to_owned()
                    } else {
                        format!("{id} · {}", name.lines().next().unwrap_or(""))
                    };
                    let findings = counts.get(id).copied().unwrap_or(0);
                    rows.push(Row::Item { at, text, findings });
                }
            }
            let n = rows.len() - heading - 1;
            if n == 0 {
                rows.truncate(heading);
            } else if let Some(Row::Kind(_, count)) = rows.get_mut(heading) {
                *count = n;
            }
        }
        self.objects.rows = rows;
        self.objects.built = Some(key);
    }

    /// The Objects section of the side panel.
    pub(crate) fn objects_panel(&mut self, ui: &mut egui::Ui) {
        if self.doc.is_none() {
            return;
        }
        let lang = self.lang;
        ui.horizontal(|ui| {
            let l = ui.label(FIND.get(lang));
            let field = egui::TextEdit::singleline(&mut self.objects.search)
                .hint_text(SEARCH.get(lang))
                .desired_width(180.0);
            ui.add(field).labelled_by(l.id);
        });
        self.refresh_objects();
        let row_height = ui.spacing().interact_size.y;
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .id_salt("objects")
            .max_height(260.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, self.objects.rows.len(), |ui, range| {
                for row in self.objects.rows.get(range).unwrap_or(&[]) {
                    match row {
                        Row::Kind(kind, n) => {
                            ui.strong(format!("{} ({n})", kind_text(*kind).get(lang)));
                        }
                        Row::Item { at, text, findings } => {
                            ui.horizontal(|ui| {
                                let selected = self.selection.contains(at);
                                if ui.selectable_label(selected, text).clicked() {
                                    clicked = Some(*at);
                                }
                                if *findings > 0 {
                                    ui.label(
                                        egui::RichText::new(format!(" ⚠ {findings} "))
                                            .color(egui::Color32::WHITE)
                                            .background_color(super::draw::colour(
                                                crate::scene::palette::FINDING,
                                                1.0,
                                            )),
                                    );
                                }
                            });
                        }
                    }
                }
            });
        if let Some(at) = clicked {
            self.select_and_show(at);
        }
    }

    /// Selects one object and centres the view on it.
    pub(crate) fn select_and_show(&mut self, at: ItemRef) {
        let point = self
            .current_floor()
            .and_then(|f| edit::get(f, at))
            .and_then(|item| crate::model::bounds(item.points()))
            .map(|[lo, hi]| [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0]);
        self.selection = std::iter::once(at).collect();
        if let Some(p) = point {
            let scale = self.view.map_or(40.0, |(_, s)| s);
            self.view = Some((p, scale));
        }
    }
}
