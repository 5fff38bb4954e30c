//! The desktop editor (feature `gui`): draw or open a site, place cameras, signs and zones,
//! see every capture area and every finding on the plan as you edit, undo anything, export
//! pictures and reports, in English or Chinese.
//!
//! State is kept apart: the [`Document`] (site, file, checker, history) from the view (pan,
//! zoom, selection, tool, language). Every change to the site goes through an [`edit::Edit`];
//! every menu item and shortcut is a [`UiCommand`]. One panel per file: [`canvas`],
//! [`findings`], [`properties`], [`floors`]; files and recovery in [`files`], exports in
//! [`export`].

mod camera_form;
pub mod canvas;
pub mod commands;
pub mod dialogs;
pub mod document;
pub mod draw;
pub mod edit;
pub mod export;
pub mod files;
pub mod findings;
pub mod fixes;
pub mod floors;
pub mod import_plan;
pub mod labels;
pub mod menus;
pub mod mesh_image;
pub mod objects;
pub mod path_prompt;
pub mod properties;
pub mod review;
pub mod selection;
pub mod tools;
pub mod view;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use eframe::egui;

pub use commands::{Command, UiCommand};
pub use document::Document;
use edit::{Item, ItemRef};
use tools::Tool;
pub use view::ScreenFromPlan;

use crate::i18n::{Lang, Text};
use crate::model::SpaceKind;

pub use tools::Gesture;

/// The calibration of an underlay under way: the points clicked, then the distance typed.
#[derive(Clone, Debug, Default)]
pub struct Calibration {
    pub points: Vec<[f64; 2]>,
    pub distance_m: String,
}

/// A question the window is asking.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Unsaved changes: save, discard or cancel, then run the command.
    Unsaved(Command),
    /// Delete a floor?
    DeleteFloor(usize),
    /// A recovery copy from a crash was found: (recovered site file, original path).
    Recover(PathBuf, Option<PathBuf>),
}

/// The editor.
pub struct App {
    pub doc: Option<Document>,
    pub lang: Lang,
    /// The floor shown (an index into the site's floors).
    pub floor: usize,
    pub selection: BTreeSet<ItemRef>,
    pub tool: Tool,
    /// The kind new spaces get.
    pub new_space_kind: SpaceKind,
    /// Centre and scale of the view; `None` until fitted to the plan.
    pub(crate) view: Option<([f64; 2], f32)>,
    pub gesture: Gesture,
    /// The last error (a file that would not load or save…), shown until dismissed.
    pub error: Option<String>,
    /// Warnings that do not stop the work (an underlay that cannot be read…).
    pub warnings: Vec<String>,
    /// Notes in both languages, shown in the one chosen until dismissed: what the last imports
    /// said, underlays drawn smaller than their file for this graphics card.
    pub notes: Vec<crate::import::Warning>,
    /// A short message in the status bar (saved, exported…), shown in the language chosen
    /// for [`Status::SHOWN`] after it was made.
    pub status: Option<Status>,
    commands: Vec<Command>,
    /// The canvas transform of the last frame (for tests and tools that map screen ↔ plan).
    pub last_view: Option<ScreenFromPlan>,
    /// The canvas rectangle of the last frame.
    pub last_canvas: Option<egui::Rect>,
    /// The plan point under the pointer (snapped as the tool would use it).
    pub cursor: Option<[f64; 2]>,
    pub prompt: Option<Prompt>,
    /// The user chose to discard unsaved changes for the next command.
    discard_ok: bool,
    allow_close: bool,
    pub show_help: bool,
    pub recent: Vec<PathBuf>,
    pub recovery: files::Recovery,
    /// Objects copied with Ctrl+C.
    clipboard: Vec<Item>,
    /// The finding under the pointer in the findings panel.
    pub hovered_finding: Option<usize>,
    /// The measured heights of the findings list's rows (only the rows in view are laid out).
    pub(crate) finding_heights: findings::RowHeights,
    /// The review checklist's rows, and the (revision, floor) they were made for.
    pub(crate) review_rows: review::Rows,
    pub calibration: Option<Calibration>,
    underlays: HashMap<PathBuf, Result<(egui::TextureHandle, [u32; 2]), UnderlayWarning>>,
    /// Underlays that could not be drawn, shown in the current language; `true` once dismissed
    /// (so the canvas, which meets them every frame, does not bring them back).
    pub(crate) underlay_warnings: Vec<(UnderlayWarning, bool)>,
    shown_title: Option<String>,
    /// File → Import plan…, while open.
    pub import_dialog: Option<import_plan::ImportDialog>,
    /// The current floor's scene as last built, and what it was built from.
    painted: Option<(canvas::SceneKey, draw::PaintedScene)>,
    /// The selected camera's DORI bands, drawn over the plan: (document revision, floor,
    /// device, language) and the scene.
    dori_painted: Option<((u64, usize, usize, crate::i18n::Lang), draw::PaintedScene)>,
    /// The findings' fix suggestions, computed as their cards are shown.
    pub(crate) suggestions: fixes::Suggestions,
    /// What the suggestion whose Apply button is under the pointer would make its camera see:
    /// (revision, finding), floor, scene.
    pub(crate) fix_preview: Option<((u64, usize), usize, draw::PaintedScene)>,
    /// What "Fix all that geometry can" did, until dismissed.
    pub(crate) fix_report: Option<Vec<crate::fix::Applied>>,
    /// Coverage before → after "Fix all", per floor and zone (English, Chinese).
    pub(crate) fix_coverage: Vec<(String, String)>,
    /// The public area of a floor, for a camera's Properties: (revision, floor) and m².
    pub(crate) public_area: Option<((u64, usize), f64)>,
    /// The public area no camera watches, drawn over the plan: (revision, floor) and scene.
    pub(crate) gaps_painted: Option<((u64, usize), draw::PaintedScene)>,
    /// Objects being dragged over a scene that is not rebuilt until the drag ends.
    dragged: Option<BTreeSet<crate::scene::Subject>>,
    /// The selection the open undo step was made with.
    step_selection: BTreeSet<ItemRef>,
    /// The file window, while it asks for a path.
    pub path_prompt: Option<path_prompt::PathPrompt>,
    /// A face-recognition camera just placed, while its purpose and mode are asked.
    pub new_camera: Option<ItemRef>,
    /// A length being typed while drawing (metres, optionally `<` and an angle).
    pub typed: String,
    /// What the canvas shows (View menu).
    pub shown: draw::Shown,
    /// The object list of the side panel.
    pub objects: objects::ObjectList,
    /// Does the plan have the keyboard? Keys without Ctrl (tools, Delete, arrows, digits
    /// while drawing) act only then: a press on the plan, or the pointer moved onto it, gives
    /// it the keyboard; a press on the side panels or a window takes it away; a window with a
    /// text field takes it while open.
    pub canvas_focus: bool,
    /// The side panels' rectangles of the last frame.
    side_rects: [egui::Rect; 2],
}

/// A status-bar message: its words in both languages, what follows them (a path), and when
/// it was made.
#[derive(Clone, Debug)]
pub struct Status {
    pub words: Text,
    pub detail: String,
    pub since: std::time::Instant,
}

impl Status {
    /// How long a message stays in the status bar.
    pub const SHOWN: std::time::Duration = std::time::Duration::from_secs(6);

    pub fn new(words: Text, detail: impl Into<String>) -> Status {
        Status {
            words,
            detail: detail.into(),
            since: std::time::Instant::now(),
        }
    }

    /// The message in `lang`, while it is still shown.
    pub fn text(&self, lang: Lang) -> Option<String> {
        (self.since.elapsed() < Status::SHOWN).then(|| {
            let words = self.words.get(lang);
            if self.detail.is_empty() {
                words.to_owned()
            } else {
                format!("{words} {}", self.detail)
            }
        })
    }
}

const LANG_KEY: &str = "sightline.lang";
const RECENT_KEY: &str = "sightline.recent";

impl App {
    /// Centres the plan on `centre` (a plan point), at `px_per_metre` if given, else at the
    /// current scale (as the object list does when it shows an object).
    pub fn look_at(&mut self, centre: [f64; 2], px_per_metre: Option<f32>) {
        let scale = px_per_metre
            .or(self.view.map(|v| v.1))
            .or(self.last_view.map(|v| v.scale));
        if let Some(scale) = scale {
            self.view = Some((centre, scale));
        }
    }

    /// A new editor, optionally on a site file (a file that fails to load is reported in the
    /// window). Without a file it starts on a new, empty site.
    pub fn new(path: Option<PathBuf>) -> App {
        let mut app = App {
            doc: None,
            lang: Lang::En,
            floor: 0,
            selection: BTreeSet::new(),
            tool: Tool::Select,
            new_space_kind: SpaceKind::Public,
            view: None,
            gesture: Gesture::None,
            error: None,
            warnings: Vec::new(),
            status: None,
            commands: Vec::new(),
            last_view: None,
            last_canvas: None,
            cursor: None,
            prompt: None,
            discard_ok: false,
            allow_close: false,
            show_help: false,
            import_dialog: None,
            recent: Vec::new(),
            recovery: files::Recovery::default(),
            clipboard: Vec::new(),
            hovered_finding: None,
            finding_heights: Default::default(),
            review_rows: Default::default(),
            notes: Vec::new(),
            calibration: None,
            underlays: HashMap::new(),
            underlay_warnings: Vec::new(),
            shown_title: None,
            painted: None,
            dori_painted: None,
            suggestions: (0, Vec::new()),
            fix_preview: None,
            fix_report: None,
            fix_coverage: Vec::new(),
            gaps_painted: None,
            public_area: None,
            dragged: None,
            step_selection: BTreeSet::new(),
            path_prompt: None,
            new_camera: None,
            typed: String::new(),
            shown: draw::Shown::default(),
            objects: objects::ObjectList::default(),
            canvas_focus: true,
            side_rects: [egui::Rect::NOTHING; 2],
        };
        let is_plan = |p: &PathBuf| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("dwg") || e.eq_ignore_ascii_case("dxf"))
        };
        match path {
            // `sightline plan.dwg` opens a new site with the Import plan window on the drawing.
            Some(p) if is_plan(&p) => {
                app.doc = Some(Document::new(crate::model::Site::new(""), None));
                app.commands.push(Command::ImportPlanFrom(p));
            }
            Some(p) => app.commands.push(Command::OpenPath(p)),
            None => app.doc = Some(Document::new(crate::model::Site::new(""), None)),
        }
        app
    }

    /// Called by eframe: fonts, remembered language and recent files, crash recovery.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> App {
        install_fonts(&cc.egui_ctx);
        let mut app = App::new(path);
        if let Some(storage) = cc.storage {
            if let Some(s) = storage.get_string(LANG_KEY) {
                app.lang = if s == "zh" { Lang::Zh } else { Lang::En };
            }
            if let Some(s) = storage.get_string(RECENT_KEY) {
                app.recent = serde_json::from_str(&s).unwrap_or_default();
            }
        }
        app.recovery = files::Recovery::in_dir(eframe::storage_dir("Sightline"));
        app.offer_recovery();
        app
    }

    pub(crate) fn t(&self, l: Text) -> &'static str {
        l.get(self.lang)
    }

    /// Queues a command (menus, shortcuts and tests all go through here).
    pub fn command(&mut self, c: impl Into<Command>) {
        self.commands.push(c.into());
    }

    /// The index of the floor shown, valid for the open site.
    pub fn floor_index(&self) -> usize {
        self.doc
            .as_ref()
            .map_or(0, |d| self.floor.min(d.site.floors.len().saturating_sub(1)))
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
                    .unwrap_or_else(|| self.t(labels::UNTITLED).to_owned());
                let dirty = if doc.is_dirty() {
                    format!(" ● {}", self.t(labels::UNSAVED))
                } else {
                    String::new()
                };
                let name = if doc.site.name.is_empty() {
                    self.t(labels::UNNAMED_SITE)
                } else {
                    &doc.site.name
                };
                format!("{name} — {file}{dirty} — Sightline")
            }
        }
    }

    /// Applies an edit to the open site and keeps the selection valid.
    pub fn apply(&mut self, edit: edit::Edit) {
        if let Some(doc) = &mut self.doc {
            doc.apply(edit);
        }
        self.after_edit();
    }

    /// Applies an edit that may continue the last undo step (see [`Document::apply_merging`]);
    /// a step is never continued across a change of selection.
    pub(crate) fn apply_merging(&mut self, edit: edit::Edit) {
        self.seal_if_selection_changed();
        if let Some(doc) = &mut self.doc {
            doc.apply_merging(edit);
        }
        self.after_edit();
    }

    /// Seals the open undo step when the selection is not the one it was made with.
    pub(crate) fn seal_if_selection_changed(&mut self) {
        if self.step_selection != self.selection {
            if let Some(doc) = &mut self.doc {
                doc.history.seal();
            }
            self.step_selection = self.selection.clone();
        }
    }

    /// Files dropped on the window: a site is opened (after asking about unsaved changes), a
    /// DWG or DXF plan goes to Import plan, a PNG or JPEG becomes the floor's underlay.
    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let command = match ext.as_str() {
                "dwg" | "dxf" => Command::ImportPlanFrom(path),
                "png" | "jpg" | "jpeg" => Command::ImportUnderlayFrom(path),
                _ => Command::OpenPath(path),
            };
            self.commands.push(command);
        }
    }

    /// Moves the plan's hold on the keyboard with this frame's press (see
    /// [`App::canvas_focus`]).
    fn follow_keyboard_focus(&mut self, ctx: &egui::Context) {
        let press = ctx.input(|i| {
            i.pointer
                .any_pressed()
                .then(|| i.pointer.press_origin())
                .flatten()
        });
        let on_window = |p: egui::Pos2| {
            ctx.layer_id_at(p)
                .is_some_and(|l| l.order != egui::Order::Background)
        };
        let on_plan = |p: egui::Pos2| self.last_canvas.is_some_and(|r| r.contains(p));
        match press {
            Some(p) if on_window(p) || self.side_rects.iter().any(|r| r.contains(p)) => {
                self.canvas_focus = false;
            }
            Some(p) if on_plan(p) => self.canvas_focus = true,
            Some(_) => {}
            // The pointer moved onto the plan: the keys follow it there, as in CAD programs.
            None => {
                let moved_to = ctx.input(|i| {
                    (i.pointer.delta() != egui::Vec2::ZERO)
                        .then(|| i.pointer.hover_pos())
                        .flatten()
                });
                if moved_to.is_some_and(|p| on_plan(p) && !on_window(p)) {
                    self.canvas_focus = true;
                }
            }
        }
    }

    /// After any change: the floor index and selection name objects that exist.
    pub(crate) fn after_edit(&mut self) {
        let Some(doc) = &self.doc else { return };
        self.floor = self.floor.min(doc.site.floors.len().saturating_sub(1));
        let Some(floor) = doc.site.floors.get(self.floor) else {
            self.selection.clear();
            return;
        };
        self.selection
            .retain(|r| r.index < edit::count(floor, r.kind));
    }

    /// The floor shown, if a site is open.
    pub fn current_floor(&self) -> Option<&crate::model::Floor> {
        self.doc.as_ref()?.site.floors.get(self.floor_index())
    }

    /// Draws the whole window.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.follow_keyboard_focus(&ctx);
        self.take_dropped_files(&ctx);
        if !ctx.egui_wants_keyboard_input() {
            self.shortcuts(&ctx);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        let left = egui::Panel::left("properties")
            .default_size(380.0)
            .min_size(240.0)
            .max_size(600.0)
            .resizable(true)
            .show(ui, |ui| self.side_panel(ui));
        let right = egui::Panel::right("findings")
            .default_size(360.0)
            .resizable(true)
            .show(ui, |ui| self.findings_panel(ui));
        self.side_rects = [left.response.rect, right.response.rect];
        egui::CentralPanel::default().show(ui, |ui| self.canvas(ui));
        self.dialogs(&ctx);
        self.autosave(&ctx);
        self.run_commands(&ctx);
        self.seal_if_selection_changed();
    }

    fn side_panel(&mut self, ui: &mut egui::Ui) {
        // Scrolls rather than grows: the canvas must not shift when the selection changes.
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::CollapsingHeader::new(self.t(labels::FLOORS))
                    .default_open(true)
                    .show(ui, |ui| self.floors_panel(ui));
                egui::CollapsingHeader::new(self.t(labels::OBJECTS))
                    .default_open(false)
                    .show(ui, |ui| self.objects_panel(ui));
                egui::CollapsingHeader::new(self.t(labels::PROPERTIES))
                    .default_open(true)
                    .show(ui, |ui| self.properties_panel(ui));
                egui::CollapsingHeader::new(self.t(labels::SITE))
                    .default_open(false)
                    .show(ui, |ui| self.site_panel(ui));
            });
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
        if let Ok(s) = serde_json::to_string(&self.recent) {
            storage.set_string(RECENT_KEY, s);
        }
    }
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

/// An underlay that cannot be drawn: the floor's id and why, put into words when shown.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct UnderlayWarning {
    pub floor: String,
    pub error: crate::render::raster::UnderlayError,
}
