//! File → Import plan… (import.md, "In the editor"): one window that shows what a DWG/DXF
//! holds — its separate drawings, its layers with a role each, the units with their evidence
//! and a preview to measure on or drag a region across — and imports it as a new floor or
//! into the current one, as one undo step.

use std::path::{Path, PathBuf};

use egui::{Color32, Pos2, Rect, Sense, Stroke, Vec2};

use super::edit::{Edit, Item};
use super::labels;
use super::App;
use crate::i18n::Text;
use crate::import::cad::Shape;
use crate::import::roles::Role;
use crate::import::units::Unit;
use crate::import::{self, Options, Scan};
use crate::model::Floor;
use crate::scene::palette;

/// The dialog's state.
#[derive(Default)]
pub struct ImportDialog {
    /// The path as typed (a path can always be typed: no file dialog needed).
    pub path_text: String,
    pub options: Options,
    pub scan: Option<Scan>,
    pub error: Option<String>,
    /// Two points clicked on the preview, drawing units.
    pub measure: Vec<[f64; 2]>,
    /// A region being dragged on the preview, drawing units.
    drag_from: Option<[f64; 2]>,
    /// The file field has been given the keyboard once.
    focused: bool,
}

impl ImportDialog {
    /// Opens `path` and scans it with the current options.
    pub fn read(&mut self, path: &Path) {
        self.path_text = path.display().to_string();
        self.rescan();
    }

    fn rescan(&mut self) {
        let path = PathBuf::from(self.path_text.trim());
        match import::scan(&path, &self.options) {
            Ok(s) => {
                self.scan = Some(s);
                self.error = None;
            }
            Err(e) => {
                self.scan = None;
                self.error = Some(e.to_string());
            }
        }
        self.measure.clear();
    }

    /// Sets one layer's role and scans again.
    pub fn set_role(&mut self, layer: &str, role: Role) {
        let exact = layer.replace('*', "?");
        for (_, patterns) in self.options.roles.rules.iter_mut() {
            patterns.retain(|p| p != &exact);
        }
        self.options.roles.rules.retain(|(_, p)| !p.is_empty());
        self.options.roles.rules.insert(0, (role, vec![exact]));
        self.rescan();
    }

    /// Chooses one of the separate drawings.
    pub fn set_drawing(&mut self, index: usize) {
        self.options.drawing = Some(index);
        self.options.region = None;
        self.rescan();
    }

    pub fn set_units(&mut self, units: Option<Unit>) {
        self.options.units = units;
        self.rescan();
    }

    /// The distance between the two measured points, metres.
    pub fn measured_metres(&self) -> Option<f64> {
        let scan = self.scan.as_ref()?;
        match self.measure.as_slice() {
            [a, b] => Some(import::geom::dist(*a, *b) * scan.units.metres_per_unit),
            _ => None,
        }
    }
}

/// The example path shown in the empty file field, in the form of the machine's own paths.
#[cfg(windows)]
const PATH_HINT: &str = r"C:\Plans\plan.dwg";
#[cfg(not(windows))]
const PATH_HINT: &str = "/path/to/plan.dwg";

const LABEL_TITLE: Text = Text::new("Import plan (DWG / DXF)", "导入图纸（DWG / DXF）");
const LABEL_READ: Text = Text::new("Read", "读取");
const LABEL_DRAWINGS: Text = Text::new("Drawings in model space", "模型空间中的图");
const LABEL_REGION: Text = Text::new("Region dragged on the preview", "在预览上框选的区域");
const LABEL_LAYERS: Text = Text::new("Layers", "图层");
const LABEL_UNITS: Text = Text::new("Units", "单位");
const LABEL_AUTO: Text = Text::new("auto (from the evidence)", "自动（依据图纸判断）");
const LABEL_MEASURE: Text = Text::new(
    "Measure: click two points of the preview; drag to import only a region.",
    "测量：在预览上点击两点；拖动可只导入一个区域。",
);
const LABEL_NEW_FLOOR: Text = Text::new("Import as a new floor", "导入为新楼层");
const LABEL_INTO_FLOOR: Text = Text::new("Import into the current floor", "导入到当前楼层");
const LABEL_UNITS_DISAGREE: Text = Text::new(
    "Units uncertain: the drawing's evidence disagrees (see below). Measure a door or a room you know, or choose the unit.",
    "单位存疑：图纸中的证据相互矛盾（见下）。请量一扇门或一个已知尺寸的房间，或手动选择单位。",
);
const LABEL_OVERRIDES: Text = Text::new("overrides the header", "与文件头不符，已按图纸判断");
const LABEL_IMPORTED: Text = Text::new(
    "Plan imported: confirm the kind of each space listed under PLAN-REVIEW.",
    "图纸已导入：请在 PLAN-REVIEW 下逐一确认各空间类型。",
);

impl App {
    /// Opens the dialog, on `path` if given.
    pub(crate) fn open_import_dialog(&mut self, path: Option<PathBuf>) {
        let mut dialog = ImportDialog::default();
        if let Some(p) = path {
            dialog.read(&p);
        }
        self.import_dialog = Some(dialog);
    }

    /// Draws the dialog while it is open.
    pub(crate) fn import_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.import_dialog.take() else {
            return;
        };
        let lang = self.lang;
        let t = |l: Text| l.get(lang);
        let mut open = true;
        let mut action: Option<bool> = None; // Some(true) new floor, Some(false) current floor
        let mut cancel = false;
        // The window never outgrows the screen (1280 × 720 and up): its body scrolls and the
        // Import and Cancel buttons stay at its foot.
        let screen = ctx.content_rect();
        let max = egui::vec2(
            (screen.width() - 24.0).max(320.0),
            (screen.height() - 48.0).max(240.0),
        );
        egui::Window::new(t(LABEL_TITLE))
            .id(egui::Id::unique("import-plan"))
            .open(&mut open)
            .default_size([760.0_f32.min(max.x), 640.0_f32.min(max.y)])
            .max_size(max)
            .resizable(true)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label(t(labels::FILE));
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut dialog.path_text)
                            .desired_width(460.0)
                            .hint_text(PATH_HINT),
                    );
                    // The window takes the keyboard to its file field when it opens.
                    if !dialog.focused {
                        field.request_focus();
                        dialog.focused = true;
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button(t(LABEL_READ)).clicked() || enter {
                        let p = PathBuf::from(dialog.path_text.trim());
                        dialog.read(&p);
                    }
                    if ui.button(t(labels::BROWSE)).clicked() {
                        if let Some(p) = rfd::FileDialog::new()
                            .add_filter("DWG / DXF", &["dwg", "dxf", "DWG", "DXF"])
                            .pick_file()
                        {
                            dialog.read(&p);
                        }
                    }
                });
                if let Some(e) = &dialog.error {
                    ui.colored_label(super::draw::colour(palette::VIOLATION, 1.0), e);
                }
                if dialog.scan.is_none() {
                    return;
                }
                let mut set_role: Option<(String, Role)> = None;
                let mut set_drawing: Option<usize> = None;
                let mut set_units: Option<Option<Unit>> = None;
                let foot = 2.0 * ui.spacing().interact_size.y + 8.0;
                egui::ScrollArea::vertical()
                    .max_height(
                        (max.y - 110.0 - foot)
                            .min(ui.available_height() - foot)
                            .max(80.0),
                    )
                    .scroll_source(
                        egui::scroll_area::ScrollSource::MOUSE_WHEEL
                            | egui::scroll_area::ScrollSource::SCROLL_BAR,
                    )
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        let Some(scan) = dialog.scan.as_ref() else {
                            return;
                        };
                        if !scan.units.disagree.is_empty() && dialog.options.units.is_none() {
                            egui::Frame::new()
                                .fill(super::draw::colour(palette::WARNING, 0.18))
                                .inner_margin(6.0)
                                .show(ui, |ui| {
                                    ui.colored_label(
                                        super::draw::colour(palette::VIOLATION, 1.0),
                                        egui::RichText::new(t(LABEL_UNITS_DISAGREE)).strong(),
                                    );
                                });
                        }
                        // Drawings.
                        if scan.drawings.len() > 1 || dialog.options.region.is_some() {
                            ui.strong(t(LABEL_DRAWINGS));
                            for (i, c) in scan.drawings.iter().enumerate().take(12) {
                                let text = format!(
                                    "{}. {} · {} · {:.1} m",
                                    i + 1,
                                    import::box_text(c.extents),
                                    c.pieces,
                                    c.wall_length_m
                                );
                                if ui.radio(scan.chosen == Some(i), text).clicked() {
                                    set_drawing = Some(i);
                                }
                            }
                            if let Some(r) = dialog.options.region {
                                let r = [[r[0], r[1]], [r[2], r[3]]];
                                ui.label(format!("{}: {}", t(LABEL_REGION), import::box_text(r)));
                            }
                            ui.separator();
                        }
                        // Layers.
                        ui.strong(t(LABEL_LAYERS));
                        egui::Grid::new("import-layers")
                            .striped(true)
                            .num_columns(4)
                            .show(ui, |ui| {
                                for l in &scan.layers {
                                    let name = ui.label(&l.name);
                                    let mut role = l.role;
                                    egui::ComboBox::from_id_salt(("role", &l.name))
                                        .selected_text(role.label(lang))
                                        .width(190.0)
                                        .show_ui(ui, |ui| {
                                            for r in Role::ALL {
                                                ui.selectable_value(&mut role, r, r.label(lang));
                                            }
                                        })
                                        .response
                                        .labelled_by(name.id);
                                    if role != l.role {
                                        set_role = Some((l.name.clone(), role));
                                    }
                                    let ents: Vec<String> = l
                                        .entities
                                        .iter()
                                        .map(|(k, n)| format!("{k} {n}"))
                                        .collect();
                                    ui.label(ents.join(", "));
                                    ui.label(format!("{:.1} m", l.length_m));
                                    ui.end_row();
                                }
                            });
                        ui.separator();
                        // Units.
                        ui.horizontal(|ui| {
                            let units_label = ui.strong(t(LABEL_UNITS));
                            let current = dialog.options.units;
                            let shown = match current {
                                None => format!("{} → {}", t(LABEL_AUTO), scan.units.unit.name()),
                                Some(u) => u.name().to_string(),
                            };
                            egui::ComboBox::from_id_salt("import-units")
                                .selected_text(shown)
                                .show_ui(ui, |ui| {
                                    if ui
                                        .selectable_label(current.is_none(), t(LABEL_AUTO))
                                        .clicked()
                                    {
                                        set_units = Some(None);
                                    }
                                    for u in Unit::ALL {
                                        if ui
                                            .selectable_label(current == Some(u), u.name())
                                            .clicked()
                                        {
                                            set_units = Some(Some(u));
                                        }
                                    }
                                })
                                .response
                                .labelled_by(units_label.id);
                            if scan.units.overrides_header {
                                ui.colored_label(
                                    super::draw::colour(palette::WARNING, 1.0),
                                    t(LABEL_OVERRIDES),
                                );
                            }
                        });
                        for e in &scan.units.evidence {
                            let allows: Vec<&str> = e.allows.iter().map(|u| u.name()).collect();
                            let confidence = match (e.confidence, lang) {
                                ("high", crate::i18n::Lang::Zh) => "高",
                                ("medium", crate::i18n::Lang::Zh) => "中",
                                ("low", crate::i18n::Lang::Zh) => "低",
                                (c, _) => c,
                            };
                            ui.label(format!(
                                "  {} ({confidence}): {} → {}",
                                e.what_text(lang),
                                e.seen_text(lang),
                                if allows.is_empty() {
                                    "–".to_string()
                                } else {
                                    allows.join(" / ")
                                }
                            ));
                        }
                        for w in &scan.warnings {
                            ui.colored_label(
                                super::draw::colour(palette::WARNING, 1.0),
                                w.text(lang),
                            );
                        }
                        ui.separator();
                        ui.label(t(LABEL_MEASURE));
                        if let Some(m) = dialog.measured_metres() {
                            ui.strong(format!("{m:.3} m"));
                        }
                        preview(ui, &mut dialog);
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button(t(LABEL_NEW_FLOOR)).clicked() {
                        action = Some(true);
                    }
                    if ui.button(t(LABEL_INTO_FLOOR)).clicked() {
                        action = Some(false);
                    }
                    if ui.button(t(labels::CANCEL)).clicked() {
                        cancel = true;
                    }
                });
                if let Some((layer, role)) = set_role {
                    dialog.set_role(&layer, role);
                } else if let Some(d) = set_drawing {
                    dialog.set_drawing(d);
                } else if let Some(u) = set_units {
                    dialog.set_units(u);
                }
            });
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            cancel = true;
        }
        if let Some(new_floor) = action {
            match self.import_plan(&dialog, new_floor) {
                Ok(()) => return,
                Err(e) => dialog.error = Some(e),
            }
        }
        if open && !cancel {
            self.import_dialog = Some(dialog);
        }
    }

    /// Builds the floor and puts it into the site as one undo step.
    pub(crate) fn import_plan(
        &mut self,
        dialog: &ImportDialog,
        new_floor: bool,
    ) -> Result<(), String> {
        let scan = dialog
            .scan
            .as_ref()
            .ok_or_else(|| labels::NOTHING_TO_IMPORT.get(self.lang).to_string())?;
        if self.doc.is_none() {
            self.new_site();
        }
        let Some(doc) = &self.doc else {
            return Err(String::new());
        };
        let fi = self.floor_index();
        let floor_id = if new_floor {
            (1..)
                .map(|n| format!("F{n}"))
                .find(|id| !doc.site.floors.iter().any(|f| &f.id == id))
                .unwrap_or_else(|| "F1".into())
        } else {
            doc.site
                .floors
                .get(fi)
                .map(|f| f.id.clone())
                .unwrap_or_default()
        };
        let name = scan
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let imported =
            import::build(scan, &dialog.options, &floor_id, &name).map_err(|e| e.to_string())?;
        // What the build found besides what the scan already said (no doors found…) stays in
        // the findings panel until dismissed.
        let mut news: Vec<import::Warning> = imported
            .summary
            .warnings
            .iter()
            .filter(|w| !scan.warnings.contains(w))
            .cloned()
            .collect();
        let found = &imported.summary.counts.private_spaces;
        news.push(import::Warning::new(
            import::private_spaces_text(found, crate::i18n::Lang::En),
            import::private_spaces_text(found, crate::i18n::Lang::Zh),
        ));
        let mut floor = imported.floor;
        // The underlay picture goes beside the site; for a site not saved yet, into the
        // waiting folder (the recovery folder), moved beside the site when it is saved. Never
        // beside the drawing: that folder may be a read-only share.
        if let (Some(picture), Some(u)) = (&imported.underlay, floor.underlay.as_mut()) {
            let path = match &doc.path {
                Some(site) => {
                    let dir = site
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    dir.join(import::underlay::file_name(site, &floor_id))
                }
                None => {
                    let dir = self.recovery.waiting_dir();
                    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                    let stem: String = scan.sha256.chars().take(12).collect();
                    dir.join(import::underlay::file_name(
                        Path::new(&format!("{stem}.site.json")),
                        &floor_id,
                    ))
                }
            };
            crate::model::write_atomically(&path, &picture.png)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            u.image = super::floors::relative_path(&path, doc.path.as_deref());
        }
        if new_floor {
            unique_ids(&doc.site, &mut floor);
        }
        let edit = if new_floor {
            Edit::InsertFloor {
                index: doc.site.floors.len(),
                floor: Box::new(floor),
            }
        } else {
            let Some(current) = doc.site.floors.get(fi) else {
                return Err(String::new());
            };
            into_floor(current, fi, floor)
        };
        self.apply(edit);
        if new_floor {
            if let Some(doc) = &self.doc {
                self.floor = doc.site.floors.len() - 1;
            }
        }
        self.underlays.clear();
        self.view = None;
        self.selection.clear();
        self.notes.extend(news);
        self.status = Some(super::Status::new(LABEL_IMPORTED, ""));
        Ok(())
    }
}

/// The edit that adds an imported floor's objects to an existing floor (an id already used
/// on that floor gets `-imp1`, `-imp2`…; the underlay only where the floor has none).
/// Ids are unique in the whole file: an imported floor's walls, openings and spaces whose id
/// another floor already uses take the floor's id before theirs (`F3-w1`).
fn unique_ids(site: &crate::model::Site, floor: &mut Floor) {
    let mut used: std::collections::HashSet<String> = site
        .floors
        .iter()
        .flat_map(|f| super::edit::refs(f).filter_map(move |r| super::edit::id(f, r)))
        .map(str::to_owned)
        .collect();
    let prefix = floor.id.clone();
    let mut fresh = |id: &mut String| {
        if used.contains(id.as_str()) {
            let base = format!("{prefix}-{id}");
            *id = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                })
                .find(|c| !used.contains(c))
                .unwrap_or(base);
        }
        used.insert(id.clone());
    };
    for w in &mut floor.walls {
        fresh(&mut w.id);
    }
    for o in &mut floor.openings {
        fresh(&mut o.id);
    }
    for s in &mut floor.spaces {
        fresh(&mut s.id);
    }
}

fn into_floor(current: &Floor, fi: usize, imported: Floor) -> Edit {
    let mut used: std::collections::HashSet<String> = super::edit::refs(current)
        .filter_map(|r| super::edit::id(current, r).map(str::to_owned))
        .collect();
    let mut fresh = |mut item: Item| {
        let id = item.id().to_string();
        if used.contains(&id) {
            let new = (1..)
                .map(|n| format!("{id}-imp{n}"))
                .find(|c| !used.contains(c))
                .unwrap_or_default();
            item.set_id(new);
        }
        used.insert(item.id().to_string());
        item
    };
    let items: Vec<Item> = imported
        .walls
        .into_iter()
        .map(Item::Wall)
        .chain(imported.openings.into_iter().map(Item::Opening))
        .chain(imported.spaces.into_iter().map(Item::Space))
        .map(&mut fresh)
        .collect();
    let (mut edits, _) = super::edit::append(current, fi, items);
    if current.underlay.is_none() && imported.underlay.is_some() {
        let mut fields = super::edit::FloorFields::of(current);
        fields.underlay = imported.underlay;
        edits.push(Edit::FloorFields {
            floor: fi,
            fields: Box::new(fields),
        });
    }
    Edit::Batch(edits)
}

/// The chosen drawing's lines in a box: click twice to measure, drag to pick a region.
fn preview(ui: &mut egui::Ui, dialog: &mut ImportDialog) {
    let Some(scan) = &dialog.scan else { return };
    let d = &scan.drawing;
    let items = scan.selected.iter().filter_map(|&i| d.items.get(i));
    let pts = items.flat_map(|item| match &item.shape {
        Shape::Line(a, b) => vec![*a, *b],
        Shape::Arc(a) => {
            let (p, q) = a.ends();
            vec![p, q]
        }
        Shape::Text { at, .. } => vec![*at],
    });
    let Some([lo, hi]) = import::geom::bbox(pts) else {
        return;
    };
    let size = Vec2::new(ui.available_width().max(200.0), 260.0);
    let (response, painter) = ui.allocate_painter(size, Sense::click_and_drag());
    let rect = response.rect;
    painter.rect_filled(rect, 2.0, Color32::WHITE);
    let (w, h) = ((hi[0] - lo[0]).max(1e-9), (hi[1] - lo[1]).max(1e-9));
    let k = ((rect.width() - 16.0) as f64 / w).min((rect.height() - 16.0) as f64 / h);
    let to_screen = |p: [f64; 2]| {
        Pos2::new(
            rect.left() + 8.0 + ((p[0] - lo[0]) * k) as f32,
            rect.bottom() - 8.0 - ((p[1] - lo[1]) * k) as f32,
        )
    };
    let to_plan = |p: Pos2| {
        [
            lo[0] + (p.x - rect.left() - 8.0) as f64 / k,
            lo[1] + (rect.bottom() - 8.0 - p.y) as f64 / k,
        ]
    };
    let role: std::collections::BTreeMap<&str, Role> = scan
        .layers
        .iter()
        .map(|l| (l.name.as_str(), l.role))
        .collect();
    let tol = (1.0 / k).max(1e-9);
    for &i in scan.selected.iter().take(200_000) {
        let Some(it) = d.items.get(i) else { continue };
        let r = d
            .layers
            .get(it.layer as usize)
            .and_then(|l| role.get(l.as_str()))
            .copied()
            .unwrap_or(Role::Other);
        let colour = match r {
            Role::Wall | Role::Column => super::draw::colour(palette::WALL, 1.0),
            Role::Glass | Role::Window => super::draw::colour(palette::WINDOW, 1.0),
            Role::Door => super::draw::colour(palette::DOOR, 1.0),
            _ => super::draw::colour(palette::SPACE_EDGE, 1.0),
        };
        let stroke = Stroke::new(1.0, colour);
        match &it.shape {
            Shape::Line(a, b) => {
                painter.line_segment([to_screen(*a), to_screen(*b)], stroke);
            }
            Shape::Arc(a) => {
                let pts: Vec<Pos2> = a.points(tol).into_iter().map(to_screen).collect();
                painter.add(egui::Shape::line(pts, stroke));
            }
            Shape::Text { .. } => {}
        }
    }
    // Measuring and picking a region.
    if response.drag_started() {
        dialog.drag_from = response.interact_pointer_pos().map(to_plan);
    }
    if let (Some(from), Some(now)) = (dialog.drag_from, response.interact_pointer_pos()) {
        if response.dragged() {
            let r = Rect::from_two_pos(to_screen(from), now);
            painter.rect_stroke(
                r,
                0.0,
                Stroke::new(1.5, super::draw::colour(palette::FINDING, 1.0)),
                egui::StrokeKind::Middle,
            );
        }
        if response.drag_stopped() {
            let to = to_plan(now);
            dialog.drag_from = None;
            if (to_screen(from) - now).length() > 8.0 {
                dialog.options.region = Some([from[0], from[1], to[0], to[1]]);
                dialog.options.drawing = None;
                dialog.rescan();
                return;
            }
        }
    }
    if response.clicked() {
        if let Some(p) = response.interact_pointer_pos() {
            if dialog.measure.len() >= 2 {
                dialog.measure.clear();
            }
            dialog.measure.push(to_plan(p));
        }
    }
    for p in &dialog.measure {
        painter.circle_filled(
            to_screen(*p),
            4.0,
            super::draw::colour(palette::FINDING, 1.0),
        );
    }
    if let [a, b] = dialog.measure.as_slice() {
        painter.line_segment(
            [to_screen(*a), to_screen(*b)],
            Stroke::new(1.5, super::draw::colour(palette::FINDING, 1.0)),
        );
    }
}
