//! The desktop editor (feature `gui`): open a site, see every camera's capture area and every
//! finding on the plan, drag cameras and watch the findings change, undo anything, in English
//! or Chinese.
//!
//! State is kept apart: the document (site, file, checker, history) from the view (pan, zoom,
//! selection, language). Every change to the site goes through an [`edit::Edit`]; every menu
//! item and shortcut is a [`UiCommand`].

pub mod edit;
pub mod labels;

use std::path::{Path, PathBuf};

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, Vec2};
use geo::TriangulateEarcut;

use crate::checker::Checker;
use crate::i18n::Lang;
use crate::model::{self, Site};
use crate::render::colour;
use crate::rules::{Finding, RuleId, Severity};
use edit::{Edit, History};

/// Every menu item and shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum UiCommand {
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    Undo,
    Redo,
    ZoomToFit,
    ToggleLanguage,
    SelectFloor(usize),
    /// Select a finding: its first subject is selected and the view centres on its point.
    ShowFinding(usize),
}

/// An open site.
pub struct Document {
    pub site: Site,
    pub path: Option<PathBuf>,
    pub checker: Checker,
    pub history: History,
    pub dirty: bool,
}

impl Document {
    /// A document for a loaded site.
    pub fn new(site: Site, path: Option<PathBuf>) -> Document {
        Document {
            checker: Checker::new(&site),
            site,
            path,
            history: History::default(),
            dirty: false,
        }
    }

    fn apply(&mut self, edit: Edit) {
        let (fi, di) = self.history.apply(&mut self.site, edit);
        self.checker.device_changed(&self.site, fi, di);
        self.dirty = true;
    }
}

/// Plan metres (y up) ↔ screen points (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenFromPlan {
    /// The plan point at the centre of the canvas.
    pub centre: [f64; 2],
    /// Screen points per metre.
    pub scale: f32,
    /// The canvas's centre on screen.
    pub origin: Pos2,
}

impl ScreenFromPlan {
    /// Screen position of a plan point.
    pub fn screen(&self, p: [f64; 2]) -> Pos2 {
        Pos2::new(
            self.origin.x + ((p[0] - self.centre[0]) as f32) * self.scale,
            self.origin.y - ((p[1] - self.centre[1]) as f32) * self.scale,
        )
    }

    /// Plan point under a screen position.
    pub fn plan(&self, s: Pos2) -> [f64; 2] {
        [
            self.centre[0] + ((s.x - self.origin.x) / self.scale) as f64,
            self.centre[1] - ((s.y - self.origin.y) / self.scale) as f64,
        ]
    }
}

/// A device being dragged: where it started.
#[derive(Clone, Copy, Debug)]
struct Drag {
    floor: usize,
    device: usize,
    start: [f64; 2],
    grab_offset: [f64; 2],
}

/// The editor.
pub struct App {
    pub doc: Option<Document>,
    pub lang: Lang,
    pub floor: usize,
    pub selected: Option<String>,
    /// Centre and scale of the view; `None` until fitted to the plan.
    view: Option<([f64; 2], f32)>,
    drag: Option<Drag>,
    pub error: Option<String>,
    commands: Vec<UiCommand>,
    /// The canvas transform of the last frame (for tests and tools that map screen ↔ plan).
    pub last_view: Option<ScreenFromPlan>,
    shown_title: Option<String>,
}

const LANG_KEY: &str = "sightline.lang";

impl App {
    /// A new editor, optionally on a site file (a file that fails to load is reported in the
    /// window).
    pub fn new(path: Option<PathBuf>) -> App {
        let mut app = App {
            doc: None,
            lang: Lang::En,
            floor: 0,
            selected: None,
            view: None,
            drag: None,
            error: None,
            commands: Vec::new(),
            last_view: None,
            shown_title: None,
        };
        if let Some(p) = path {
            app.commands.push(UiCommand::OpenPath(p));
        }
        app
    }

    /// Called by eframe: fonts, remembered language.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> App {
        install_fonts(&cc.egui_ctx);
        let mut app = App::new(path);
        if let Some(s) = cc.storage.and_then(|s| s.get_string(LANG_KEY)) {
            app.lang = if s == "zh" { Lang::Zh } else { Lang::En };
        }
        app
    }

    fn t(&self, l: labels::Label) -> &'static str {
        l.get(self.lang)
    }

    /// Queues a command (menus, shortcuts and tests all go through here).
    pub fn command(&mut self, c: UiCommand) {
        self.commands.push(c);
    }

    fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Their effects (a new site, an error, another language) show on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            match c {
                UiCommand::Open => {
                    if let Some(p) = rfd::FileDialog::new()
                        .add_filter("Sightline site", &["json"])
                        .pick_file()
                    {
                        self.open(&p);
                    }
                }
                UiCommand::OpenPath(p) => self.open(&p),
                UiCommand::Save => self.save(false),
                UiCommand::SaveAs => self.save(true),
                UiCommand::Undo => {
                    if let Some(doc) = &mut self.doc {
                        if let Some((fi, di)) = doc.history.undo(&mut doc.site) {
                            doc.checker.device_changed(&doc.site, fi, di);
                            doc.dirty = true;
                        }
                    }
                }
                UiCommand::Redo => {
                    if let Some(doc) = &mut self.doc {
                        if let Some((fi, di)) = doc.history.redo(&mut doc.site) {
                            doc.checker.device_changed(&doc.site, fi, di);
                            doc.dirty = true;
                        }
                    }
                }
                UiCommand::ZoomToFit => self.view = None,
                UiCommand::ToggleLanguage => {
                    self.lang = if self.lang == Lang::En {
                        Lang::Zh
                    } else {
                        Lang::En
                    };
                }
                UiCommand::SelectFloor(f) => {
                    self.floor = f;
                    self.view = None;
                }
                UiCommand::ShowFinding(i) => {
                    let Some(doc) = &self.doc else { continue };
                    let Some(f) = doc.checker.findings().get(i).copied().cloned() else {
                        continue;
                    };
                    if let Some(fi) = f.floor_index {
                        self.floor = fi;
                    }
                    self.selected = f.subjects.first().cloned();
                    if let (Some(at), Some((_, scale))) = (f.at, self.view) {
                        self.view = Some((at, scale));
                    }
                }
            }
        }
        // Only when it changes: a viewport command asks for another frame.
        let title = self.title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    /// The window title: site name, file name, unsaved marker.
    pub fn title(&self) -> String {
        match &self.doc {
            None => "Sightline".to_owned(),
            Some(doc) => {
                let file = doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let dirty = if doc.dirty {
                    format!(" ● {}", self.t(labels::UNSAVED))
                } else {
                    String::new()
                };
                format!("{} — {file}{dirty} — Sightline", doc.site.name)
            }
        }
    }

    fn open(&mut self, path: &Path) {
        match model::load(path) {
            Ok(site) => {
                self.doc = Some(Document::new(site, Some(path.to_owned())));
                self.floor = 0;
                self.view = None;
                self.selected = None;
                self.error = None;
            }
            // The current site stays as it was.
            Err(e) => self.error = Some(format!("{}: {e}", self.t(labels::LOAD_FAILED))),
        }
    }

    fn save(&mut self, ask: bool) {
        let Some(doc) = &mut self.doc else { return };
        let path = match (&doc.path, ask) {
            (Some(p), false) => Some(p.clone()),
            _ => rfd::FileDialog::new()
                .add_filter("Sightline site", &["json"])
                .set_file_name("site.site.json")
                .save_file(),
        };
        let Some(path) = path else { return };
        match model::save(&doc.site, &path) {
            Ok(()) => {
                doc.path = Some(path);
                doc.dirty = false;
            }
            Err(e) => self.error = Some(format!("{}: {e}", labels::SAVE_FAILED.get(self.lang))),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let table = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                UiCommand::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                UiCommand::Undo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                UiCommand::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                UiCommand::SaveAs,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                UiCommand::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                UiCommand::Open,
            ),
            (
                KeyboardShortcut::new(Modifiers::NONE, Key::F),
                UiCommand::ZoomToFit,
            ),
        ];
        for (shortcut, c) in table {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(c);
            }
        }
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !ctx.egui_wants_keyboard_input() {
            self.shortcuts(&ctx);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::right("findings")
            .default_size(380.0)
            .show(ui, |ui| self.findings_panel(ui));
        egui::CentralPanel::default().show(ui, |ui| self.canvas(ui));
        self.run_commands(&ctx);
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t(labels::FILE), |ui| {
                if ui.button(self.t(labels::OPEN)).clicked() {
                    self.commands.push(UiCommand::Open);
                }
                if ui
                    .add_enabled(self.doc.is_some(), egui::Button::new(self.t(labels::SAVE)))
                    .clicked()
                {
                    self.commands.push(UiCommand::Save);
                }
                if ui
                    .add_enabled(
                        self.doc.is_some(),
                        egui::Button::new(self.t(labels::SAVE_AS)),
                    )
                    .clicked()
                {
                    self.commands.push(UiCommand::SaveAs);
                }
            });
            ui.menu_button(self.t(labels::EDIT), |ui| {
                let (u, r) = self.doc.as_ref().map_or((false, false), |d| {
                    (d.history.can_undo(), d.history.can_redo())
                });
                if ui
                    .add_enabled(u, egui::Button::new(self.t(labels::UNDO)))
                    .clicked()
                {
                    self.commands.push(UiCommand::Undo);
                }
                if ui
                    .add_enabled(r, egui::Button::new(self.t(labels::REDO)))
                    .clicked()
                {
                    self.commands.push(UiCommand::Redo);
                }
            });
            ui.menu_button(self.t(labels::VIEW), |ui| {
                if ui.button(self.t(labels::ZOOM_FIT)).clicked() {
                    self.commands.push(UiCommand::ZoomToFit);
                }
            });
            if let Some(doc) = &self.doc {
                ui.separator();
                ui.label(self.t(labels::FLOOR));
                for (i, f) in doc.site.floors.iter().enumerate() {
                    let name = if f.name.is_empty() {
                        f.id.clone()
                    } else {
                        f.name.clone()
                    };
                    if ui.selectable_label(i == self.floor, name).clicked() {
                        self.commands.push(UiCommand::SelectFloor(i));
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(self.t(labels::LANGUAGE)).clicked() {
                    self.commands.push(UiCommand::ToggleLanguage);
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(doc) = &self.doc {
                let findings = doc.checker.findings();
                let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
                let (v, w, i) = (
                    count(Severity::Violation),
                    count(Severity::Warning),
                    count(Severity::Info),
                );
                let (text, c) = if v == 0 {
                    (self.t(labels::PASS), Color32::from_rgb(0x2E, 0x8B, 0x57))
                } else {
                    (self.t(labels::FAIL), Color32::from_rgb(0xC6, 0x28, 0x28))
                };
                ui.colored_label(c, egui::RichText::new(text).strong());
                ui.label(match self.lang {
                    Lang::En => format!("{v} violation(s), {w} warning(s), {i} info"),
                    Lang::Zh => format!("{v} 项违规，{w} 项警告，{i} 项提示"),
                });
                ui.separator();
            }
            ui.weak(self.t(labels::HINT));
        });
    }

    fn findings_panel(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t(labels::FINDINGS));
        if let Some(e) = self.error.clone() {
            ui.colored_label(Color32::from_rgb(0xC6, 0x28, 0x28), e);
            if ui.button(self.t(labels::DISMISS)).clicked() {
                self.error = None;
            }
            ui.separator();
        }
        let Some(doc) = &self.doc else {
            ui.label(self.t(labels::NO_SITE));
            return;
        };
        let findings = doc.checker.findings();
        if findings.is_empty() {
            ui.label(self.t(labels::NO_FINDINGS));
        }
        let lang = self.lang;
        let mut clicked = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, f) in findings.iter().enumerate() {
                let c = severity_colour(f.severity);
                let r = ui
                    .group(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(
                                c,
                                egui::RichText::new(f.severity.label(lang)).strong(),
                            );
                            ui.label(egui::RichText::new(f.rule.as_str()).monospace());
                        });
                        ui.label(f.message.text(lang));
                        if let Some(a) = f.article {
                            ui.weak(if lang == Lang::Zh { a.zh } else { a.en });
                        }
                    })
                    .response
                    .interact(Sense::click());
                if r.clicked() {
                    clicked = Some(i);
                }
            }
        });
        if let Some(i) = clicked {
            self.commands.push(UiCommand::ShowFinding(i));
        }
    }

    fn canvas(&mut self, ui: &mut egui::Ui) {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let rect = response.rect;
        painter.rect_filled(rect, 0.0, Color32::from_rgb(0xFA, 0xFA, 0xF7));
        let Some(doc) = &mut self.doc else {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                labels::NO_SITE.get(self.lang),
                egui::FontId::proportional(16.0),
                Color32::GRAY,
            );
            return;
        };
        let fi = self.floor.min(doc.site.floors.len().saturating_sub(1));
        let (centre, scale) = *self
            .view
            .get_or_insert_with(|| fit(&doc.site.floors[fi], rect));
        let tf = ScreenFromPlan {
            centre,
            scale,
            origin: rect.center(),
        };
        self.last_view = Some(tf);

        // Pan (right or middle drag) and zoom about the cursor (wheel).
        if response.dragged_by(egui::PointerButton::Secondary)
            || response.dragged_by(egui::PointerButton::Middle)
        {
            let d = response.drag_delta();
            self.view = Some((
                [
                    centre[0] - (d.x / scale) as f64,
                    centre[1] + (d.y / scale) as f64,
                ],
                scale,
            ));
        }
        if let Some(hover) = response.hover_pos() {
            let zoom = ui.input(|i| i.zoom_delta() * (1.0 + i.smooth_scroll_delta.y / 400.0));
            if (zoom - 1.0).abs() > 1e-4 {
                let under = tf.plan(hover);
                let new_scale = (scale * zoom).clamp(0.5, 2000.0);
                let k = (scale / new_scale) as f64;
                let c = [
                    under[0] + (centre[0] - under[0]) * k,
                    under[1] + (centre[1] - under[1]) * k,
                ];
                self.view = Some((c, new_scale));
            }
        }

        // Drag a camera: live while dragging, one undo step when released.
        let floor = &doc.site.floors[fi];
        if response.drag_started_by(egui::PointerButton::Primary) {
            // Pick with where the button went down, not where the drag was recognised.
            if let Some(p) = ui.input(|i| i.pointer.press_origin()) {
                let hit = floor
                    .devices
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (i, tf.screen(d.position).distance(p)))
                    .filter(|(_, dist)| *dist < 10.0)
                    .min_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((di, _)) = hit {
                    let start = floor.devices[di].position;
                    let at = tf.plan(p);
                    self.selected = Some(floor.devices[di].id.clone());
                    self.drag = Some(Drag {
                        floor: fi,
                        device: di,
                        start,
                        grab_offset: [start[0] - at[0], start[1] - at[1]],
                    });
                }
            }
        }
        if let (Some(drag), Some(p)) = (self.drag, response.interact_pointer_pos()) {
            if response.dragged_by(egui::PointerButton::Primary) {
                let at = tf.plan(p);
                doc.site.floors[drag.floor].devices[drag.device].position =
                    [at[0] + drag.grab_offset[0], at[1] + drag.grab_offset[1]];
                doc.checker
                    .device_changed(&doc.site, drag.floor, drag.device);
            }
        }
        if response.drag_stopped() {
            if let Some(drag) = self.drag.take() {
                let to = doc.site.floors[drag.floor].devices[drag.device].position;
                doc.site.floors[drag.floor].devices[drag.device].position = drag.start;
                if to != drag.start {
                    doc.apply(Edit::MoveDevice {
                        floor: drag.floor,
                        device: drag.device,
                        to,
                    });
                } else {
                    doc.checker
                        .device_changed(&doc.site, drag.floor, drag.device);
                }
            }
        }
        if response.clicked() {
            self.selected = response.interact_pointer_pos().and_then(|p| {
                doc.site.floors[fi]
                    .devices
                    .iter()
                    .find(|d| tf.screen(d.position).distance(p) < 10.0)
                    .map(|d| d.id.clone())
            });
        }
        draw_floor(&painter, doc, fi, &tf, self.selected.as_deref(), self.lang);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(
            LANG_KEY,
            if self.lang == Lang::Zh {
                "zh".into()
            } else {
                "en".into()
            },
        );
    }
}

fn severity_colour(s: Severity) -> Color32 {
    match s {
        Severity::Violation => Color32::from_rgb(0xC6, 0x28, 0x28),
        Severity::Warning => Color32::from_rgb(0xB7, 0x79, 0x1F),
        Severity::Info => Color32::from_rgb(0x2C, 0x7A, 0x7B),
    }
}

/// A colour from the renderer's palette, with an alpha.
fn hex(c: &str, alpha: u8) -> Color32 {
    let v = u32::from_str_radix(c.trim_start_matches('#'), 16).unwrap_or(0x808080);
    Color32::from_rgba_unmultiplied((v >> 16) as u8, (v >> 8) as u8, v as u8, alpha)
}

/// The view that shows the whole floor in `rect`.
fn fit(floor: &model::Floor, rect: Rect) -> ([f64; 2], f32) {
    let pts: Vec<[f64; 2]> = floor
        .walls
        .iter()
        .flat_map(|w| w.points.iter().copied())
        .chain(floor.spaces.iter().flat_map(|s| s.polygon.iter().copied()))
        .chain(floor.devices.iter().map(|d| d.position))
        .collect();
    if pts.is_empty() {
        return ([0.0, 0.0], 20.0);
    }
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in &pts {
        for k in 0..2 {
            min[k] = min[k].min(p[k]);
            max[k] = max[k].max(p[k]);
        }
    }
    let (w, h) = (
        (max[0] - min[0]).max(1.0) + 2.0,
        (max[1] - min[1]).max(1.0) + 2.0,
    );
    let scale = (rect.width() as f64 / w).min(rect.height() as f64 / h) as f32;
    (
        [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
        scale.max(0.5),
    )
}

/// Fills a polygon of any shape (triangulated by earcut).
fn fill_polygon(
    painter: &egui::Painter,
    poly: &geo::Polygon<f64>,
    tf: &ScreenFromPlan,
    fill: Color32,
) {
    let mut mesh = egui::Mesh::default();
    for tri in poly.earcut_triangles() {
        for c in [tri.v1(), tri.v2(), tri.v3()] {
            let i = mesh.vertices.len() as u32;
            mesh.colored_vertex(tf.screen([c.x, c.y]), fill);
            mesh.indices.push(i);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
}

fn outline(painter: &egui::Painter, poly: &geo::Polygon<f64>, tf: &ScreenFromPlan, stroke: Stroke) {
    let pts: Vec<Pos2> = poly
        .exterior()
        .coords()
        .map(|c| tf.screen([c.x, c.y]))
        .collect();
    painter.add(egui::Shape::closed_line(pts, stroke));
}

fn draw_floor(
    painter: &egui::Painter,
    doc: &Document,
    fi: usize,
    tf: &ScreenFromPlan,
    selected: Option<&str>,
    lang: Lang,
) {
    let floor = &doc.site.floors[fi];
    let fa = &doc.checker.analysis.floors[fi];
    for s in &fa.spaces.list {
        let fill = match s.class {
            model::SpaceClass::Private => hex(colour::PRIVATE_FILL, 230),
            model::SpaceClass::Public => hex(colour::PUBLIC_FILL, 230),
            model::SpaceClass::NonPublic => hex(colour::NON_PUBLIC_FILL, 230),
        };
        fill_polygon(painter, &s.polygon, tf, fill);
    }
    for za in &fa.zones {
        if let Some(p) = &za.polygon {
            outline(painter, p, tf, Stroke::new(2.0, hex(colour::ZONE, 255)));
        }
    }
    for (d, da) in floor.devices.iter().zip(&fa.devices) {
        let (area, c) = if d.face_recognition {
            (&da.capture, colour::FR_CAPTURE)
        } else {
            (&da.view, colour::CAMERA_VIEW)
        };
        for poly in area {
            fill_polygon(painter, poly, tf, hex(c, 45));
            outline(painter, poly, tf, Stroke::new(1.0, hex(c, 160)));
        }
    }
    let findings: Vec<&Finding> = doc
        .checker
        .findings()
        .into_iter()
        .filter(|f| f.floor_index == Some(fi))
        .collect();
    for f in &findings {
        if let Some(r) = &f.region {
            let c = if f.rule == RuleId::OutsideZone {
                colour::OUTSIDE_ZONE
            } else {
                colour::IN_PRIVATE
            };
            for poly in r {
                fill_polygon(painter, poly, tf, hex(c, 110));
            }
        }
        if let Some(stretches) = &f.stretches {
            for [a, b] in stretches {
                painter.line_segment(
                    [tf.screen(*a), tf.screen(*b)],
                    Stroke::new(5.0, hex(colour::IN_PRIVATE, 255)),
                );
            }
        }
    }
    for w in &floor.walls {
        let pts: Vec<Pos2> = w.points.iter().map(|p| tf.screen(*p)).collect();
        let width = ((w.thickness as f32) * tf.scale).max(1.5);
        painter.add(egui::Shape::line(
            pts,
            Stroke::new(width, hex(colour::WALL, 255)),
        ));
    }
    for o in &floor.openings {
        let c = match o.kind {
            model::OpeningKind::Window => hex(colour::WINDOW, 255),
            _ => Color32::WHITE,
        };
        painter.line_segment(
            [tf.screen(o.a), tf.screen(o.b)],
            Stroke::new((0.25 * tf.scale).max(3.0), c),
        );
        if o.kind == model::OpeningKind::Door {
            painter.line_segment(
                [tf.screen(o.a), tf.screen(o.b)],
                Stroke::new(1.5, hex(colour::DOOR, 255)),
            );
        }
    }
    for (g, ga) in floor.signs.iter().zip(&fa.signs) {
        for poly in &ga.reading {
            fill_polygon(painter, poly, tf, hex(colour::SIGN_READING, 70));
        }
        let p = tf.screen(g.position);
        painter.rect_filled(
            Rect::from_center_size(p, Vec2::splat(8.0)),
            1.0,
            hex(colour::SIGN, 255),
        );
    }
    for d in &floor.devices {
        let p = tf.screen(d.position);
        let c = if d.face_recognition {
            hex(colour::FR_CAPTURE, 255)
        } else {
            hex(colour::CAMERA_VIEW, 255)
        };
        let h = d.heading.to_radians() as f32;
        painter.line_segment(
            [p, p + Vec2::new(h.cos(), -h.sin()) * 14.0],
            Stroke::new(2.0, c),
        );
        painter.circle(p, 6.0, c, Stroke::new(1.5, Color32::WHITE));
        if selected == Some(d.id.as_str()) {
            painter.circle_stroke(
                p,
                10.0,
                Stroke::new(2.0, Color32::from_rgb(0xFF, 0xA0, 0x00)),
            );
            painter.text(
                p + Vec2::new(12.0, -12.0),
                egui::Align2::LEFT_BOTTOM,
                if d.name.is_empty() { &d.id } else { &d.name },
                egui::FontId::proportional(13.0),
                Color32::BLACK,
            );
        }
    }
    for (n, f) in findings.iter().enumerate() {
        if let Some(at) = f.at {
            let p = tf.screen(at);
            painter.circle_filled(p, 7.0, hex(colour::FINDING, 255));
            painter.text(
                p + Vec2::new(8.0, -8.0),
                egui::Align2::LEFT_BOTTOM,
                (n + 1).to_string(),
                egui::FontId::proportional(13.0),
                hex(colour::FINDING, 255),
            );
        }
    }
    let _ = lang;
}

/// Adds the bundled CJK font as a fallback so Chinese never shows as boxes.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(crate::render::raster::FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto-sans-sc".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Opens the editor window; returns the exit status.
pub fn run(path: Option<PathBuf>) -> i32 {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_title("Sightline"),
        ..Default::default()
    };
    match eframe::run_native(
        "Sightline",
        options,
        Box::new(move |cc| Ok(Box::new(App::from_creation(cc, path)))),
    ) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("sightline: cannot open the editor window: {e}");
            2
        }
    }
}
