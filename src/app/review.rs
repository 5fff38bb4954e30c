//! The "review rooms" checklist at the head of the findings panel (import.md, issue "Import
//! v2" item 6): every space of this floor whose kind the importer guessed, private kinds
//! first, with its name, guessed kind, area and a zoom-to; choosing a kind or Confirm clears
//! the flag in one click (one undo step each).

use eframe::egui;

use super::edit::{Edit, Item, ItemKind, ItemRef};
use super::App;
use crate::i18n::{self, Text};
use crate::import::rooms;
use crate::model::{SpaceClass, SpaceKind};

const TITLE: Text = Text::new("Review rooms", "核对房间");
const HINT: Text = Text::new(
    "Kinds guessed on import. Private kinds first; confirm each or choose another.",
    "以下类型为导入时推测，私密类型在前；请逐一确认或改选。",
);
const CONFIRM: Text = Text::new("Confirm", "确认");
const CONFIRM_ALL: Text = Text::new("Confirm all shown", "全部确认");
const ZOOM: Text = Text::new("Show on the plan", "在平面上显示");
const UNNAMED: Text = Text::new("(no name)", "（无名称）");

/// One row: (space index, name, kind, area m², centre).
pub(crate) type Row = (usize, String, SpaceKind, f64, [f64; 2]);

/// The checklist's rows and the (revision, floor) they were made for.
pub(crate) type Rows = (Option<(u64, usize)>, Vec<Row>);

/// The spaces to review, private kinds first, larger first.
fn rows_of(floor: &crate::model::Floor) -> Vec<Row> {
    let mut rows: Vec<Row> = floor
        .spaces
        .iter()
        .enumerate()
        .filter(|(_, s)| s.review)
        .map(|(i, s)| {
            let (area, centre) = (rooms::area(&s.polygon), rooms::centroid(&s.polygon));
            (i, s.name.clone(), s.kind, area, centre)
        })
        .collect();
    rows.sort_by(|a, b| {
        let private = |k: SpaceKind| k.class() != SpaceClass::Private;
        private(a.2).cmp(&private(b.2)).then(b.3.total_cmp(&a.3))
    });
    rows
}

impl App {
    /// Draws the checklist when this floor has spaces to review.
    pub(crate) fn review_rooms(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang;
        let t = |x: Text| x.get(lang);
        let fi = self.floor_index();
        let Some(doc) = self.doc.as_ref() else {
            return;
        };
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        // Made again only when the site or the floor changes (a floor may hold 50,000 spaces).
        let key = (doc.revision, fi);
        if self.review_rows.0 != Some(key) {
            self.review_rows = (Some(key), rows_of(floor));
        }
        let rows = std::mem::take(&mut self.review_rows.1);
        if rows.is_empty() {
            self.review_rows.1 = rows;
            return;
        }
        let mut edits: Vec<(usize, SpaceKind)> = Vec::new();
        let mut zoom: Option<(usize, [f64; 2])> = None;
        let mut all = false;
        egui::CollapsingHeader::new(format!("☑ {} ({})", t(TITLE), rows.len()))
            .id_salt("review-rooms")
            .default_open(true)
            .show(ui, |ui| {
                ui.small(t(HINT));
                let row_h = ui.spacing().interact_size.y + 4.0;
                egui::ScrollArea::vertical()
                    .id_salt("review-rooms-list")
                    .max_height(row_h * 8.0)
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, rows.len(), |ui, range| {
                        for (i, name, kind, a, c) in rows.get(range).unwrap_or_default() {
                            ui.horizontal(|ui| {
                                if ui.small_button("🔍").on_hover_text(t(ZOOM)).clicked() {
                                    zoom = Some((*i, *c));
                                }
                                let shown = if name.is_empty() { t(UNNAMED) } else { name };
                                let label = ui.label(shown);
                                let mut k = *kind;
                                egui::ComboBox::from_id_salt(("review-kind", *i))
                                    .selected_text(i18n::kind_label(k, lang))
                                    .width(130.0)
                                    .show_ui(ui, |ui| {
                                        for option in SpaceKind::ALL {
                                            ui.selectable_value(
                                                &mut k,
                                                option,
                                                i18n::kind_label(option, lang),
                                            );
                                        }
                                    })
                                    .response
                                    .labelled_by(label.id);
                                ui.label(format!("{a:.1} m²"));
                                if ui.small_button(t(CONFIRM)).clicked() || k != *kind {
                                    edits.push((*i, k));
                                }
                            });
                        }
                    });
                if ui.button(t(CONFIRM_ALL)).clicked() {
                    all = true;
                }
            });
        ui.separator();
        self.review_rows.1 = rows;
        let rows = &self.review_rows.1;
        if all {
            edits = rows.iter().map(|r| (r.0, r.2)).collect();
        }
        if let Some((i, c)) = zoom {
            self.selection = [ItemRef {
                kind: ItemKind::Space,
                index: i,
            }]
            .into_iter()
            .collect();
            let scale = self.view.map_or(40.0, |(_, s)| s.max(20.0));
            self.view = Some((c, scale));
        }
        if !edits.is_empty() {
            self.confirm_spaces(fi, &edits);
        }
    }

    /// Sets each space's kind and clears its review flag, as one undo step.
    pub(crate) fn confirm_spaces(&mut self, fi: usize, edits: &[(usize, SpaceKind)]) {
        let Some(floor) = self.doc.as_ref().and_then(|d| d.site.floors.get(fi)) else {
            return;
        };
        let batch: Vec<Edit> = edits
            .iter()
            .filter_map(|&(i, kind)| {
                let mut s = floor.spaces.get(i)?.clone();
                s.kind = kind;
                s.review = false;
                Some(Edit::Set {
                    floor: fi,
                    index: i,
                    item: Box::new(Item::Space(s)),
                })
            })
            .collect();
        let edit = if batch.len() == 1 {
            batch.into_iter().next()
        } else {
            Some(Edit::Batch(batch))
        };
        if let Some(edit) = edit {
            self.apply(edit);
        }
    }
}
