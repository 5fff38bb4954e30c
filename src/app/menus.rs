//! The menu bar, the toolbar and the status bar. Menu items take their label and shortcut text
//! from the command table.

use eframe::egui;

use super::commands::{Command, UiCommand};
use super::labels;
use super::tools::Tool;
use super::App;

impl App {
    pub(crate) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let has_doc = self.doc.is_some();
        let (can_undo, can_redo) = self.doc.as_ref().map_or((false, false), |d| {
            (d.history.can_undo(), d.history.can_redo())
        });
        let has_sel = !self.selection.is_empty();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(self.t(labels::FILE), |ui| {
                self.item(ui, UiCommand::New, true);
                self.item(ui, UiCommand::Open, true);
                ui.menu_button(self.t(labels::OPEN_RECENT), |ui| {
                    if self.recent.is_empty() {
                        ui.weak(self.t(labels::NONE_YET));
                    }
                    for p in self.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.commands.push(Command::OpenPath(p));
                        }
                    }
                });
                self.item(ui, UiCommand::Save, has_doc);
                self.item(ui, UiCommand::SaveAs, has_doc);
                ui.separator();
                self.item(ui, UiCommand::ImportPlan, true);
                ui.separator();
                self.item(ui, UiCommand::ExportFloorImage, has_doc);
                self.item(ui, UiCommand::ExportViewImage, has_doc);
                ui.menu_button(self.t(labels::EXPORT_REPORT), |ui| {
                    for c in [
                        UiCommand::ExportReportBoth,
                        UiCommand::ExportReportZh,
                        UiCommand::ExportReportEn,
                    ] {
                        self.item(ui, c, has_doc);
                    }
                    ui.separator();
                    for c in [
                        UiCommand::ExportReportPdfBoth,
                        UiCommand::ExportReportPdfZh,
                        UiCommand::ExportReportPdfEn,
                    ] {
                        self.item(ui, c, has_doc);
                    }
                });
                self.item(ui, UiCommand::PrepareFilings, has_doc);
                self.item(ui, UiCommand::CopyImage, has_doc);
                ui.separator();
                self.item(ui, UiCommand::Quit, true);
            });
            ui.menu_button(self.t(labels::EDIT), |ui| {
                self.item(ui, UiCommand::Undo, can_undo);
                self.item(ui, UiCommand::Redo, can_redo);
                ui.separator();
                self.item(ui, UiCommand::Copy, has_sel);
                let can_paste = !self.clipboard.is_empty();
                self.item(ui, UiCommand::Paste, can_paste);
                self.item(ui, UiCommand::Duplicate, has_sel);
                self.item(ui, UiCommand::Delete, has_sel);
                self.item(ui, UiCommand::SelectAll, has_doc);
                ui.separator();
                self.item(ui, UiCommand::FixAll, has_doc);
            });
            ui.menu_button(self.t(labels::VIEW), |ui| {
                self.item(ui, UiCommand::ZoomToFit, has_doc);
                self.item(ui, UiCommand::ZoomIn, has_doc);
                self.item(ui, UiCommand::ZoomOut, has_doc);
                ui.separator();
                let s = self.shown;
                for (c, on) in [
                    (UiCommand::ShowLegend, s.legend),
                    (UiCommand::ShowGrid, s.grid),
                    (UiCommand::ShowUnderlay, s.underlay),
                    (UiCommand::ShowAreas, s.areas),
                    (UiCommand::ShowSignAreas, s.sign_areas),
                    (UiCommand::ShowLabels, s.labels),
                    (UiCommand::ShowMarkers, s.markers),
                    (UiCommand::ShowDoriAll, s.dori_all),
                    (UiCommand::ShowGaps, s.gaps),
                ] {
                    self.toggle_item(ui, c, on);
                }
            });
            ui.menu_button(self.t(labels::FLOOR), |ui| {
                self.item(ui, UiCommand::AddFloor, has_doc);
                self.item(ui, UiCommand::ImportUnderlay, has_doc);
            });
            ui.menu_button(self.t(labels::HELP), |ui| {
                self.item(ui, UiCommand::Help, true);
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(self.t(labels::LANGUAGE))
                    .on_hover_text(self.t(labels::LANGUAGE_TIP))
                    .clicked()
                {
                    self.commands.push(UiCommand::ToggleLanguage.into());
                }
            });
        });
    }

    /// A menu item that shows or hides something: a check box with the command's label.
    fn toggle_item(&mut self, ui: &mut egui::Ui, c: UiCommand, on: bool) {
        let info = c.info();
        let mut checked = on;
        if ui
            .checkbox(&mut checked, info.text.get(self.lang))
            .on_hover_text(info.tooltip.get(self.lang))
            .changed()
        {
            self.commands.push(c.into());
        }
    }

    /// A menu item: the command's label, tooltip and first shortcut, as the platform writes it.
    fn item(&mut self, ui: &mut egui::Ui, c: UiCommand, enabled: bool) {
        let info = c.info();
        let shortcut = info
            .shortcuts
            .first()
            .map(|s| super::commands::shortcut_text(ui.ctx(), s))
            .unwrap_or_default();
        let button = egui::Button::new(info.text.get(self.lang)).shortcut_text(shortcut);
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(info.tooltip.get(self.lang))
            .clicked()
        {
            self.commands.push(c.into());
            ui.close();
        }
    }

    pub(crate) fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            for tool in Tool::TOOLBAR {
                let key = UiCommand::Tool(tool)
                    .info()
                    .shortcuts
                    .first()
                    .map(|s| super::commands::shortcut_text(ui.ctx(), s))
                    .unwrap_or_default();
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
                    self.commands.push(UiCommand::Tool(tool).into());
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
                let counts = crate::rules::Counts::of(doc.checker.findings());
                let cameras = doc.site.floors.iter().any(|f| !f.devices.is_empty());
                if cameras || counts != crate::rules::Counts::default() {
                    let verdict = counts.verdict();
                    ui.colored_label(
                        super::draw::colour(crate::scene::palette::verdict(verdict), 1.0),
                        egui::RichText::new(verdict.text().get(self.lang)).strong(),
                    );
                    ui.label(counts.line(self.lang));
                } else {
                    // An empty site passes every rule, which says nothing.
                    ui.weak(self.t(labels::NOTHING_TO_CHECK));
                }
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
            // A message lasts its moment, in the language shown now.
            match self.status.as_ref().map(|s| (s.text(self.lang), s.since)) {
                Some((Some(text), since)) => {
                    ui.label(text);
                    ui.separator();
                    let left = super::Status::SHOWN.saturating_sub(since.elapsed());
                    ui.ctx().request_repaint_after(left);
                }
                Some((None, _)) => self.status = None,
                None => {}
            }
            ui.weak(self.tool.hint().get(self.lang));
        });
    }
}
