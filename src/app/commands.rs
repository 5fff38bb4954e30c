//! Every menu item and shortcut is a [`UiCommand`]; this file runs them and draws the menus,
//! the toolbar, the status bar and the dialogs that ask before something is lost.

use std::path::PathBuf;

use eframe::egui::{self, Color32, Key, KeyboardShortcut, Modifiers};

use super::edit::{Edit, Item};
use super::export::ImageScope;
use super::labels::{self, Label};
use super::tools::{self, Tool};
use super::{App, Gesture, Prompt};
use crate::i18n::Lang;
use crate::report::ReportLang;

/// Every menu item and shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum UiCommand {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    /// Save to this path (Save As without the dialog).
    SaveTo(PathBuf),
    /// Export a picture of the current floor or view (asks for a file).
    ExportImage(ImageScope),
    /// Export a picture to this path (`.png` or `.svg`).
    ExportImageTo(ImageScope, PathBuf),
    ExportReport(ReportLang),
    ExportReportTo(ReportLang, PathBuf),
    /// Put a picture of the current floor on the clipboard.
    CopyImage,
    /// Import a PNG/JPEG as the current floor's underlay (asks for a file).
    ImportUnderlay,
    ImportUnderlayFrom(PathBuf),
    /// Open the Import plan window (DWG/DXF), on this file if given.
    ImportPlan(Option<PathBuf>),
    RemoveUnderlay,
    /// Calibrate the underlay with the two points clicked and the distance typed.
    FinishCalibration,
    Quit,
    Undo,
    Redo,
    Delete,
    Duplicate,
    Copy,
    Paste,
    /// Paste objects given as the clipboard's JSON text.
    PasteText(String),
    SelectAll,
    /// Move the selection by so many metres.
    Nudge([f64; 2]),
    /// End the wall, space or zone being drawn (Enter).
    Finish,
    /// Drop the shape being drawn, or the selection (Esc).
    Cancel,
    SetTool(Tool),
    ZoomToFit,
    Zoom(f32),
    ToggleLanguage,
    SelectFloor(usize),
    AddFloor,
    /// Delete a floor (asks first).
    DeleteFloor(usize),
    /// Delete a floor without asking (the answer to the question).
    DeleteFloorConfirmed(usize),
    MoveFloor {
        from: usize,
        to: usize,
    },
    /// Select a finding: its subjects are selected and the view centres on its point.
    ShowFinding(usize),
    Help,
    RestoreRecovery,
    DiscardRecovery,
}

/// The keyboard shortcuts: (shortcut, command, label for the Help window).
pub fn shortcut_table() -> Vec<(KeyboardShortcut, UiCommand, Label)> {
    let cmd = Modifiers::COMMAND;
    let shift = Modifiers::SHIFT;
    let none = Modifiers::NONE;
    let k = KeyboardShortcut::new;
    let mut table = vec![
        (k(cmd | shift, Key::Z), UiCommand::Redo, labels::REDO),
        (k(cmd, Key::Z), UiCommand::Undo, labels::UNDO),
        (k(cmd, Key::Y), UiCommand::Redo, labels::REDO),
        (k(cmd | shift, Key::S), UiCommand::SaveAs, labels::SAVE_AS),
        (k(cmd, Key::S), UiCommand::Save, labels::SAVE),
        (k(cmd, Key::O), UiCommand::Open, labels::OPEN),
        (k(cmd, Key::N), UiCommand::New, labels::NEW),
        (
            k(cmd, Key::E),
            UiCommand::ExportImage(ImageScope::Floor),
            labels::EXPORT_FLOOR,
        ),
        (k(cmd, Key::Q), UiCommand::Quit, labels::QUIT),
        (k(cmd, Key::D), UiCommand::Duplicate, labels::DUPLICATE),
        (k(cmd, Key::A), UiCommand::SelectAll, labels::SELECT_ALL),
        (k(none, Key::Delete), UiCommand::Delete, labels::DELETE),
        (k(none, Key::Backspace), UiCommand::Delete, labels::DELETE),
        (k(none, Key::Enter), UiCommand::Finish, labels::FINISH),
        (k(none, Key::Escape), UiCommand::Cancel, labels::CANCEL),
        (k(none, Key::F), UiCommand::ZoomToFit, labels::ZOOM_FIT),
        (k(none, Key::Plus), UiCommand::Zoom(1.25), labels::ZOOM_IN),
        (k(none, Key::Equals), UiCommand::Zoom(1.25), labels::ZOOM_IN),
        (k(none, Key::Minus), UiCommand::Zoom(0.8), labels::ZOOM_OUT),
        (k(none, Key::F1), UiCommand::Help, labels::HELP),
        (
            k(shift, Key::ArrowLeft),
            UiCommand::Nudge([-1.0, 0.0]),
            labels::NUDGE_FAR,
        ),
        (
            k(shift, Key::ArrowRight),
            UiCommand::Nudge([1.0, 0.0]),
            labels::NUDGE_FAR,
        ),
        (
            k(shift, Key::ArrowUp),
            UiCommand::Nudge([0.0, 1.0]),
            labels::NUDGE_FAR,
        ),
        (
            k(shift, Key::ArrowDown),
            UiCommand::Nudge([0.0, -1.0]),
            labels::NUDGE_FAR,
        ),
        (
            k(none, Key::ArrowLeft),
            UiCommand::Nudge([-0.1, 0.0]),
            labels::NUDGE,
        ),
        (
            k(none, Key::ArrowRight),
            UiCommand::Nudge([0.1, 0.0]),
            labels::NUDGE,
        ),
        (
            k(none, Key::ArrowUp),
            UiCommand::Nudge([0.0, 0.1]),
            labels::NUDGE,
        ),
        (
            k(none, Key::ArrowDown),
            UiCommand::Nudge([0.0, -0.1]),
            labels::NUDGE,
        ),
    ];
    for tool in Tool::TOOLBAR {
        if let Some(key) = tool.key() {
            table.push((k(none, key), UiCommand::SetTool(tool), tool.label()));
        }
    }
    table
}

fn report_lang_label(l: ReportLang) -> Label {
    match l {
        ReportLang::En => labels::REPORT_EN,
        ReportLang::Zh => labels::REPORT_ZH,
        ReportLang::Both => labels::REPORT_BOTH,
    }
}

impl App {
    pub(crate) fn shortcuts(&mut self, ctx: &egui::Context) {
        for (shortcut, c, _) in shortcut_table() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(c);
            }
        }
        // Copy and paste arrive as events, not keys.
        let events = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => self.commands.push(UiCommand::Copy),
                egui::Event::Paste(text) => self.commands.push(UiCommand::PasteText(text)),
                _ => {}
            }
        }
    }

    /// Runs a command now if the open site has no unsaved changes (or the user said to
    /// discard them); otherwise asks first.
    fn may_discard(&mut self, c: &UiCommand) -> bool {
        let dirty = self.doc.as_ref().is_some_and(|d| d.is_dirty());
        if !dirty || std::mem::take(&mut self.discard_ok) {
            true
        } else {
            self.prompt = Some(Prompt::Unsaved(c.clone()));
            false
        }
    }

    pub(crate) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Their effects (a new site, an error, another language) show on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.run(ctx, c);
        }
        // Only when it changes: a viewport command asks for another frame.
        let title = self.title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    fn run(&mut self, ctx: &egui::Context, c: UiCommand) {
        match c {
            UiCommand::New | UiCommand::Open | UiCommand::OpenPath(_) | UiCommand::Quit
                if !self.may_discard(&c) => {}
            UiCommand::New => self.new_site(),
            UiCommand::Open => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter(self.t(labels::SITE_FILES), &["json"])
                    .pick_file()
                {
                    self.open(&p);
                }
            }
            UiCommand::OpenPath(p) => self.open(&p),
            UiCommand::Save => {
                self.save(false);
            }
            UiCommand::SaveAs => {
                self.save(true);
            }
            UiCommand::SaveTo(p) => {
                self.save_to(p);
            }
            UiCommand::ExportImage(scope) => self.export_image_dialog(scope),
            UiCommand::ExportImageTo(scope, p) => self.export_image(scope, &p),
            UiCommand::ExportReport(lang) => self.export_report_dialog(lang),
            UiCommand::ExportReportTo(lang, p) => self.export_report(lang, &p),
            UiCommand::CopyImage => self.copy_image(ctx),
            UiCommand::ImportUnderlay => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("PNG / JPEG", &["png", "jpg", "jpeg"])
                    .pick_file()
                {
                    self.import_underlay(&p);
                }
            }
            UiCommand::ImportUnderlayFrom(p) => self.import_underlay(&p),
            UiCommand::ImportPlan(p) => self.open_import_dialog(p),
            UiCommand::RemoveUnderlay => self.remove_underlay(),
            UiCommand::FinishCalibration => self.finish_calibration(),
            UiCommand::Quit => {
                self.recovery.clear();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            UiCommand::Undo => {
                self.gesture = Gesture::None;
                if let Some(doc) = &mut self.doc {
                    doc.undo();
                }
                self.after_edit();
            }
            UiCommand::Redo => {
                self.gesture = Gesture::None;
                if let Some(doc) = &mut self.doc {
                    doc.redo();
                }
                self.after_edit();
            }
            UiCommand::Delete => self.delete_selection(),
            UiCommand::Duplicate => {
                let items = self.selected_items();
                self.paste(items, [0.5, -0.5]);
            }
            UiCommand::Copy => {
                self.clipboard = self.selected_items();
                if !self.clipboard.is_empty() {
                    if let Ok(text) = serde_json::to_string(&ClipboardItems {
                        sightline_items: self.clipboard.clone(),
                    }) {
                        ctx.copy_text(text);
                    }
                }
            }
            UiCommand::Paste => {
                let items = self.clipboard.clone();
                self.paste(items, [0.5, -0.5]);
            }
            UiCommand::PasteText(text) => {
                // Our own objects as JSON (from this or another window); other text is ignored
                // and the objects copied in this window are pasted.
                let items = serde_json::from_str::<ClipboardItems>(&text)
                    .map(|c| c.sightline_items)
                    .unwrap_or_else(|_| self.clipboard.clone());
                self.paste(items, [0.5, -0.5]);
            }
            UiCommand::SelectAll => {
                if let Some(doc) = &self.doc {
                    let floor = &doc.site.floors[self.floor_index()];
                    self.selection = super::edit::refs(floor).collect();
                }
            }
            UiCommand::Nudge(by) => self.nudge(by),
            UiCommand::Finish => self.finish_shape(),
            UiCommand::Cancel => {
                if matches!(self.gesture, Gesture::None) && self.calibration.is_none() {
                    self.selection.clear();
                    self.tool = Tool::Select;
                }
                self.gesture = Gesture::None;
                self.calibration = None;
            }
            UiCommand::SetTool(t) => {
                self.gesture = Gesture::None;
                self.tool = t;
                self.calibration = (t == Tool::Calibrate).then(Default::default);
            }
            UiCommand::ZoomToFit => self.view = None,
            UiCommand::Zoom(k) => {
                if let Some((c, s)) = self.view {
                    self.view = Some((
                        c,
                        (s * k).clamp(super::view::MIN_SCALE, super::view::MAX_SCALE),
                    ));
                }
            }
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
                self.selection.clear();
                self.gesture = Gesture::None;
                self.after_edit();
            }
            UiCommand::AddFloor => self.add_floor(),
            UiCommand::DeleteFloor(i) => self.prompt = Some(Prompt::DeleteFloor(i)),
            UiCommand::DeleteFloorConfirmed(i) => self.delete_floor(i),
            UiCommand::MoveFloor { from, to } => {
                self.apply(Edit::MoveFloor { from, to });
                if self.floor == from {
                    self.floor = to;
                }
            }
            UiCommand::ShowFinding(i) => self.show_finding(i),
            UiCommand::Help => self.show_help = !self.show_help,
            UiCommand::RestoreRecovery => self.restore_recovery(),
            UiCommand::DiscardRecovery => {
                self.recovery.clear();
                self.prompt = None;
            }
        }
    }

    /// The selected objects of the current floor, cloned.
    fn selected_items(&self) -> Vec<Item> {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let floor = &doc.site.floors[self.floor_index()];
        self.selection
            .iter()
            .filter_map(|r| super::edit::get(floor, *r))
            .collect()
    }

    /// Adds copies of objects to the current floor, moved by `by` metres, with fresh ids;
    /// selects them.
    fn paste(&mut self, items: Vec<Item>, by: [f64; 2]) {
        let Some(doc) = &self.doc else { return };
        if items.is_empty() {
            return;
        }
        let fi = self.floor_index();
        let mut used = tools::used_ids(&doc.site);
        let items: Vec<Item> = items
            .into_iter()
            .map(|mut item| {
                let base = item
                    .id()
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
                let prefix = if base.is_empty() {
                    tools::id_prefix(item.kind())
                } else {
                    base
                };
                item.set_id(tools::fresh_id(&mut used, prefix));
                item.translate(by);
                item
            })
            .collect();
        let (edits, selection) = super::edit::append(&doc.site.floors[fi], fi, items);
        self.apply(Edit::Batch(edits));
        self.selection = selection;
    }

    fn delete_selection(&mut self) {
        let fi = self.floor_index();
        // Highest index first within each kind, so that the others stay valid.
        let edits: Vec<Edit> = self
            .selection
            .iter()
            .rev()
            .map(|at| Edit::Remove { floor: fi, at: *at })
            .collect();
        self.selection.clear();
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits));
        }
    }

    fn nudge(&mut self, by: [f64; 2]) {
        let fi = self.floor_index();
        let edits: Vec<Edit> = self
            .selected_items()
            .into_iter()
            .zip(self.selection.iter())
            .map(|(mut item, at)| {
                item.translate(by);
                Edit::Set {
                    floor: fi,
                    index: at.index,
                    item: Box::new(item),
                }
            })
            .collect();
        if !edits.is_empty() {
            // Nudges in a row are one step.
            self.apply_merging(Edit::Batch(edits));
        }
    }

    fn show_finding(&mut self, i: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(f) = doc.checker.findings().get(i).copied().cloned() else {
            return;
        };
        if let Some(fi) = f.floor_index {
            if fi != self.floor {
                self.floor = fi;
                self.gesture = Gesture::None;
            }
        }
        let floor = &doc.site.floors[self.floor_index()];
        self.selection = super::edit::refs(floor)
            .filter(|r| {
                super::edit::id(floor, *r).is_some_and(|id| f.subjects.iter().any(|s| s == id))
            })
            .collect();
        if let Some(at) = f.at {
            let scale = self.view.map_or(40.0, |(_, s)| s.max(40.0));
            self.view = Some((at, scale));
        }
    }

    pub(crate) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            let dirty = self.doc.as_ref().is_some_and(|d| d.is_dirty());
            if dirty {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.prompt = Some(Prompt::Unsaved(UiCommand::Quit));
            } else {
                self.recovery.clear();
            }
        }
    }

    pub(crate) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let has_doc = self.doc.is_some();
        let (can_undo, can_redo) = self.doc.as_ref().map_or((false, false), |d| {
            (d.history.can_undo(), d.history.can_redo())
        });
        let has_sel = !self.selection.is_empty();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t(labels::FILE), |ui| {
                self.item(ui, labels::NEW, "Ctrl+N", true, UiCommand::New);
                self.item(ui, labels::OPEN, "Ctrl+O", true, UiCommand::Open);
                ui.menu_button(self.t(labels::OPEN_RECENT), |ui| {
                    if self.recent.is_empty() {
                        ui.weak(self.t(labels::NONE_YET));
                    }
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.commands.push(UiCommand::OpenPath(p));
                        }
                    }
                });
                self.item(ui, labels::SAVE, "Ctrl+S", has_doc, UiCommand::Save);
                self.item(
                    ui,
                    labels::SAVE_AS,
                    "Ctrl+Shift+S",
                    has_doc,
                    UiCommand::SaveAs,
                );
                ui.separator();
                self.item(
                    ui,
                    labels::IMPORT_PLAN,
                    "",
                    true,
                    UiCommand::ImportPlan(None),
                );
                ui.separator();
                self.item(
                    ui,
                    labels::EXPORT_FLOOR,
                    "Ctrl+E",
                    has_doc,
                    UiCommand::ExportImage(ImageScope::Floor),
                );
                self.item(
                    ui,
                    labels::EXPORT_VIEW,
                    "",
                    has_doc,
                    UiCommand::ExportImage(ImageScope::View),
                );
                ui.menu_button(self.t(labels::EXPORT_REPORT), |ui| {
                    for l in [ReportLang::Both, ReportLang::Zh, ReportLang::En] {
                        self.item(
                            ui,
                            report_lang_label(l),
                            "",
                            has_doc,
                            UiCommand::ExportReport(l),
                        );
                    }
                });
                self.item(ui, labels::COPY_IMAGE, "", has_doc, UiCommand::CopyImage);
                ui.separator();
                self.item(ui, labels::QUIT, "Ctrl+Q", true, UiCommand::Quit);
            });
            ui.menu_button(self.t(labels::EDIT), |ui| {
                self.item(ui, labels::UNDO, "Ctrl+Z", can_undo, UiCommand::Undo);
                self.item(ui, labels::REDO, "Ctrl+Shift+Z", can_redo, UiCommand::Redo);
                ui.separator();
                self.item(ui, labels::COPY, "Ctrl+C", has_sel, UiCommand::Copy);
                let can_paste = !self.clipboard.is_empty();
                self.item(ui, labels::PASTE, "Ctrl+V", can_paste, UiCommand::Paste);
                self.item(
                    ui,
                    labels::DUPLICATE,
                    "Ctrl+D",
                    has_sel,
                    UiCommand::Duplicate,
                );
                self.item(ui, labels::DELETE, "Del", has_sel, UiCommand::Delete);
                self.item(
                    ui,
                    labels::SELECT_ALL,
                    "Ctrl+A",
                    has_doc,
                    UiCommand::SelectAll,
                );
            });
            ui.menu_button(self.t(labels::VIEW), |ui| {
                self.item(ui, labels::ZOOM_FIT, "F", has_doc, UiCommand::ZoomToFit);
                self.item(ui, labels::ZOOM_IN, "+", has_doc, UiCommand::Zoom(1.25));
                self.item(ui, labels::ZOOM_OUT, "-", has_doc, UiCommand::Zoom(0.8));
            });
            ui.menu_button(self.t(labels::FLOOR), |ui| {
                self.item(ui, labels::ADD_FLOOR, "", has_doc, UiCommand::AddFloor);
                self.item(
                    ui,
                    labels::IMPORT_UNDERLAY,
                    "",
                    has_doc,
                    UiCommand::ImportUnderlay,
                );
            });
            ui.menu_button(self.t(labels::HELP), |ui| {
                self.item(ui, labels::SHORTCUTS, "F1", true, UiCommand::Help);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(self.t(labels::LANGUAGE))
                    .on_hover_text(self.t(labels::LANGUAGE_TIP))
                    .clicked()
                {
                    self.commands.push(UiCommand::ToggleLanguage);
                }
            });
        });
    }

    /// A menu item with its shortcut.
    fn item(&mut self, ui: &mut egui::Ui, l: Label, shortcut: &str, enabled: bool, c: UiCommand) {
        if ui
            .add_enabled(
                enabled,
                egui::Button::new(l.get(self.lang)).shortcut_text(shortcut),
            )
            .clicked()
        {
            self.commands.push(c);
            ui.close();
        }
    }

    pub(crate) fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            for tool in Tool::TOOLBAR {
                let key = tool.key().map(|k| k.name()).unwrap_or("");
                let text = format!("{} {}", tool.icon(), tool.label().get(self.lang));
                let tip = format!(
                    "{} ({key})\n{}",
                    tool.label().get(self.lang),
                    tool.hint().get(self.lang)
                );
                if ui
                    .selectable_label(self.tool == tool, text)
                    .on_hover_text(tip)
                    .clicked()
                {
                    self.commands.push(UiCommand::SetTool(tool));
                }
            }
            if self.tool == Tool::Space {
                ui.separator();
                let label = ui.label(self.t(labels::NEW_SPACE_KIND));
                let lang = self.lang;
                egui::ComboBox::from_id_salt("new-space-kind")
                    .selected_text(crate::i18n::kind_label(self.new_space_kind, lang))
                    .show_ui(ui, |ui| {
                        for k in crate::model::SpaceKind::ALL {
                            ui.selectable_value(
                                &mut self.new_space_kind,
                                k,
                                crate::i18n::kind_label(k, lang),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
        });
    }

    pub(crate) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(doc) = &self.doc {
                let findings = doc.checker.findings();
                let count = |s| findings.iter().filter(|f| f.severity == s).count();
                use crate::rules::Severity;
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
                if doc.stale {
                    ui.weak(self.t(labels::CHECKING));
                }
                ui.separator();
                if let Some([x, y]) = self.cursor {
                    // + 0.0 turns −0 into 0.
                    ui.monospace(format!("x {:.2} m  y {:.2} m", x + 0.0, y + 0.0));
                    ui.separator();
                }
            }
            if let Some(s) = &self.status {
                ui.label(s);
                ui.separator();
            }
            ui.weak(self.tool.hint().get(self.lang));
        });
    }

    /// The questions (unsaved changes, delete floor, recovery), Help and calibration windows.
    pub(crate) fn dialogs(&mut self, ctx: &egui::Context) {
        self.import_dialog_ui(ctx);
        if let Some(prompt) = self.prompt.clone() {
            let modal = egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                match &prompt {
                    Prompt::Unsaved(next) => {
                        ui.heading(self.t(labels::UNSAVED_TITLE));
                        ui.label(self.t(labels::UNSAVED_TEXT));
                        ui.horizontal(|ui| {
                            if ui.button(self.t(labels::SAVE)).clicked() {
                                self.prompt = None;
                                if self.save(false) {
                                    self.commands.push(next.clone());
                                }
                            }
                            if ui.button(self.t(labels::DISCARD)).clicked() {
                                self.prompt = None;
                                self.discard_ok = true;
                                self.commands.push(next.clone());
                            }
                            if ui.button(self.t(labels::CANCEL)).clicked() {
                                self.prompt = None;
                            }
                        });
                    }
                    Prompt::DeleteFloor(i) => {
                        let name = self
                            .doc
                            .as_ref()
                            .and_then(|d| d.site.floors.get(*i))
                            .map(|f| f.name.clone())
                            .unwrap_or_default();
                        ui.heading(self.t(labels::DELETE_FLOOR));
                        ui.label(format!("{} {name}", self.t(labels::DELETE_FLOOR_TEXT)));
                        ui.horizontal(|ui| {
                            if ui.button(self.t(labels::DELETE)).clicked() {
                                self.prompt = None;
                                self.commands.push(UiCommand::DeleteFloorConfirmed(*i));
                            }
                            if ui.button(self.t(labels::CANCEL)).clicked() {
                                self.prompt = None;
                            }
                        });
                    }
                    Prompt::Recover(_, original) => {
                        ui.heading(self.t(labels::RECOVER_TITLE));
                        ui.label(self.t(labels::RECOVER_TEXT));
                        if let Some(p) = original {
                            ui.monospace(p.display().to_string());
                        }
                        ui.horizontal(|ui| {
                            if ui.button(self.t(labels::RESTORE)).clicked() {
                                self.commands.push(UiCommand::RestoreRecovery);
                            }
                            if ui.button(self.t(labels::DISCARD)).clicked() {
                                self.commands.push(UiCommand::DiscardRecovery);
                            }
                        });
                    }
                }
            });
            if modal.should_close() && !matches!(prompt, Prompt::Recover(..)) {
                self.prompt = None;
            }
        }
        if self.show_help {
            let mut open = true;
            egui::Window::new(self.t(labels::SHORTCUTS))
                .open(&mut open)
                .default_width(460.0)
                .default_pos(egui::pos2(420.0, 90.0))
                .show(ctx, |ui| {
                    ui.label(self.t(labels::HELP_INTRO));
                    // One row per action, with every key that does it.
                    let mut rows: Vec<(Label, Vec<String>)> = Vec::new();
                    for (s, _, l) in shortcut_table() {
                        let keys = ctx.format_shortcut(&s);
                        match rows.iter_mut().find(|(r, _)| r.en == l.en) {
                            Some((_, k)) => k.push(keys),
                            None => rows.push((l, vec![keys])),
                        }
                    }
                    for (keys, l) in [
                        ("Shift+click", labels::SHIFT_CLICK),
                        ("Alt", labels::ALT_SNAP),
                        ("Space+drag, right/middle drag", labels::PAN),
                        ("Wheel, pinch", labels::ZOOM_WHEEL),
                        ("Double-click", labels::FINISH),
                    ] {
                        match rows.iter_mut().find(|(r, _)| r.en == l.en) {
                            Some((_, k)) => k.push(keys.to_owned()),
                            None => rows.push((l, vec![keys.to_owned()])),
                        }
                    }
                    egui::ScrollArea::vertical()
                        .max_height(520.0)
                        .show(ui, |ui| {
                            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                                for (l, keys) in rows {
                                    ui.monospace(keys.join("  "));
                                    ui.label(l.get(self.lang));
                                    ui.end_row();
                                }
                            });
                        });
                });
            self.show_help = open;
        }
        if let Some(cal) = &mut self.calibration {
            if cal.points.len() == 2 {
                let mut go = false;
                let mut cancel = false;
                let lang = self.lang;
                egui::Window::new(labels::TOOL_CALIBRATE.get(lang))
                    .collapsible(false)
                    .show(ctx, |ui| {
                        let l = ui.label(labels::CALIBRATE_TEXT.get(lang));
                        let r = ui
                            .add(egui::TextEdit::singleline(&mut cal.distance_m).hint_text("m"))
                            .labelled_by(l.id);
                        r.request_focus();
                        if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                            go = true;
                        }
                        ui.horizontal(|ui| {
                            go |= ui.button(labels::OK.get(lang)).clicked();
                            cancel = ui.button(labels::CANCEL.get(lang)).clicked();
                        });
                    });
                if go {
                    self.commands.push(UiCommand::FinishCalibration);
                }
                if cancel {
                    self.calibration = None;
                    self.tool = Tool::Select;
                }
            }
        }
    }
}

/// The clipboard text of copied objects.
#[derive(serde::Serialize, serde::Deserialize)]
struct ClipboardItems {
    sightline_items: Vec<Item>,
}
