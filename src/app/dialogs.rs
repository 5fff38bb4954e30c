//! The windows that ask before something is lost (unsaved changes, deleting a floor, a
//! recovered copy), the Help window (the command table) and the calibration window.

use eframe::egui::{self, Key};

use super::commands::{Command, UiCommand};
use super::edit::{self, Edit, Item};
use super::labels;
use crate::i18n::Text;
use crate::model::Mode;

/// What the pointer does, for the Help window: (how, what).
const POINTER_ROWS: [(Text, Text); 5] = [
    (Text::new("Shift+click", "Shift+单击"), labels::SHIFT_CLICK),
    (Text::new("Alt", "Alt"), labels::ALT_SNAP),
    (
        Text::new("Space+drag, right/middle drag", "空格+拖动，右键/中键拖动"),
        labels::PAN,
    ),
    (
        Text::new("Wheel, pinch", "滚轮，双指缩放"),
        labels::ZOOM_WHEEL,
    ),
    (Text::new("Double-click", "双击"), labels::FINISH),
];
use super::tools::Tool;
use super::{App, Prompt};

impl App {
    /// Asks a face-recognition camera just placed for its purpose and mode.
    fn new_camera_ui(&mut self, ctx: &egui::Context) {
        let Some(at) = self.new_camera else { return };
        let fi = self.floor_index();
        let Some(Item::Device(mut d)) = self.current_floor().and_then(|f| edit::get(f, at)) else {
            self.new_camera = None;
            return;
        };
        let lang = self.lang;
        let before = d.clone();
        let (mut ok, mut later) = (false, false);
        // At the plan's top right corner: over neither side panel (Floors, Objects).
        let corner = self.last_canvas.map_or(egui::pos2(800.0, 120.0), |r| {
            r.right_top() + egui::vec2(-8.0, 8.0)
        });
        egui::Window::new(labels::NEW_FR_CAMERA.get(lang))
            .id(egui::Id::unique("new-fr-camera"))
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(corner)
            .collapsible(false)
            .resizable(false)
            .default_width(380.0)
            .show(ctx, |ui| {
                ui.label(labels::NEW_FR_CAMERA_TEXT.get(lang));
                let l = ui.label(labels::WHAT_FOR.get(lang));
                let shown = d.purpose.map_or(labels::NOT_STATED.get(lang), |p| {
                    crate::i18n::purpose_label(p, lang)
                });
                egui::ComboBox::from_id_salt("new-camera-purpose")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for p in super::properties::PURPOSES {
                            let text = crate::i18n::purpose_label(p, lang);
                            ui.selectable_value(&mut d.purpose, Some(p), text);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.label(labels::HOW_MATCHED.get(lang));
                ui.horizontal(|ui| {
                    ui.radio_value(
                        &mut d.mode,
                        Mode::Identification,
                        labels::MODE_IDENTIFICATION.get(lang),
                    );
                    ui.radio_value(
                        &mut d.mode,
                        Mode::Verification,
                        labels::MODE_VERIFICATION.get(lang),
                    );
                });
                ui.horizontal(|ui| {
                    ok = ui.button(labels::OK.get(lang)).clicked();
                    later = ui.button(labels::LATER.get(lang)).clicked();
                });
            });
        if d != before {
            self.apply_merging(Edit::Set {
                floor: fi,
                index: at.index,
                item: Box::new(Item::Device(d)),
            });
        }
        if ok || later {
            self.new_camera = None;
        }
    }

    pub(crate) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            let dirty = self.doc.as_ref().is_some_and(|d| d.is_dirty());
            if dirty {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.prompt = Some(Prompt::Unsaved(UiCommand::Quit.into()));
            } else {
                self.recovery.clear();
            }
        }
    }

    /// The questions (unsaved changes, delete floor, recovery), Help and calibration windows.
    pub(crate) fn dialogs(&mut self, ctx: &egui::Context) {
        self.import_dialog_ui(ctx);
        self.path_prompt_ui(ctx);
        self.new_camera_ui(ctx);
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
                                let has_file = self.doc.as_ref().is_some_and(|d| d.path.is_some());
                                if !has_file {
                                    // Saved where the file window says, then on with `next`.
                                    let then = Some(Box::new(next.clone()));
                                    self.ask_path(super::path_prompt::PathPurpose::SaveAs(then));
                                } else if self.save(false) {
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
                                self.commands.push(Command::DeleteFloorConfirmed(*i));
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
                                self.commands.push(Command::RestoreRecovery);
                            }
                            if ui.button(self.t(labels::DISCARD)).clicked() {
                                self.commands.push(Command::DiscardRecovery);
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
                    // One row per action (the command table), with every key that does it,
                    // then what the pointer does.
                    let mut rows: Vec<(Text, Vec<String>)> = Vec::new();
                    let mut add = |text: Text, keys: Vec<String>| match rows
                        .iter_mut()
                        .find(|(r, _)| *r == text)
                    {
                        Some((_, k)) => k.extend(keys),
                        None => rows.push((text, keys)),
                    };
                    for c in UiCommand::all() {
                        let info = c.info();
                        if !info.shortcuts.is_empty() {
                            let keys = info
                                .shortcuts
                                .iter()
                                .map(|s| super::commands::shortcut_text(ctx, s));
                            add(info.text, keys.collect());
                        }
                    }
                    for (keys, text) in POINTER_ROWS {
                        add(text, vec![keys.get(self.lang).to_owned()]);
                    }
                    egui::ScrollArea::vertical()
                        .max_height(520.0)
                        .show(ui, |ui| {
                            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                                for (l, keys) in &rows {
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
                    // Below the menu bar and toolbar, never over them.
                    .default_pos(egui::pos2(360.0, 110.0))
                    .show(ctx, |ui| {
                        let l = ui.label(labels::CALIBRATE_TEXT.get(lang));
                        let r = ui
                            .add(egui::TextEdit::singleline(&mut cal.distance_m).hint_text("m"))
                            .labelled_by(l.id);
                        r.request_focus();
                        // Enter confirms (the field keeps the focus, so it never "loses" it).
                        if ui.input(|i| i.key_pressed(Key::Enter)) {
                            go = true;
                        }
                        ui.horizontal(|ui| {
                            go |= ui.button(labels::OK.get(lang)).clicked();
                            cancel = ui.button(labels::CANCEL.get(lang)).clicked();
                        });
                    });
                if go {
                    self.commands.push(Command::FinishCalibration);
                }
                if cancel {
                    self.calibration = None;
                    self.tool = Tool::Select;
                }
            }
        }
    }
}
