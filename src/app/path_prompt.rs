//! The file window of our own: every Open, Save As, Export and Import asks for its path here,
//! typed or pasted, with a sensible default filled in; Browse… opens the system's file dialog
//! where there is one (a desktop portal or zenity). So files can always be chosen, also on a
//! machine without either, where the system dialog silently shows nothing.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Key};

use super::commands::Command;
use super::export::ImageScope;
use super::labels;
use super::App;
use crate::i18n::{Lang, Text};

/// What the path is for.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPurpose {
    Open,
    /// Save the site; then run the command, if any (the one that asked about unsaved changes).
    SaveAs(Option<Box<Command>>),
    ExportImage(ImageScope),
    /// A report; `None` is Chinese with English beside it.
    ExportReport(Option<Lang>),
    ImportUnderlay,
}

impl PathPurpose {
    fn title(&self) -> Text {
        match self {
            PathPurpose::Open => labels::OPEN,
            PathPurpose::SaveAs(_) => labels::SAVE_AS,
            PathPurpose::ExportImage(ImageScope::Floor) => labels::EXPORT_FLOOR,
            PathPurpose::ExportImage(ImageScope::View) => labels::EXPORT_VIEW,
            PathPurpose::ExportReport(_) => labels::EXPORT_REPORT,
            PathPurpose::ImportUnderlay => labels::IMPORT_UNDERLAY,
        }
    }

    /// The file types the system dialog offers: (name, extensions).
    fn filter(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            PathPurpose::Open | PathPurpose::SaveAs(_) => ("Sightline site", &["json"]),
            PathPurpose::ExportImage(_) => ("PNG / SVG", &["png", "svg"]),
            PathPurpose::ExportReport(_) => ("HTML", &["html"]),
            PathPurpose::ImportUnderlay => ("PNG / JPEG", &["png", "jpg", "jpeg"]),
        }
    }

    fn saves(&self) -> bool {
        !matches!(self, PathPurpose::Open | PathPurpose::ImportUnderlay)
    }

    /// The command that does the work on `path`.
    fn command(self, path: PathBuf) -> Vec<Command> {
        match self {
            PathPurpose::Open => vec![Command::OpenPath(path)],
            PathPurpose::SaveAs(then) => {
                let mut out = vec![Command::SaveTo(path)];
                out.extend(then.map(|c| *c));
                out
            }
            PathPurpose::ExportImage(scope) => vec![Command::ExportImageTo(scope, path)],
            PathPurpose::ExportReport(lang) => vec![Command::ExportReportTo(lang, path)],
            PathPurpose::ImportUnderlay => vec![Command::ImportUnderlayFrom(path)],
        }
    }
}

/// The file window while it is open.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    /// The path as typed.
    pub text: String,
    /// The path field has been given the keyboard once.
    pub focused: bool,
}

const HINT: Text = Text::new(
    "Type or paste the file's path, or choose it with Browse…",
    "输入或粘贴文件路径，或点“选择文件…”",
);
const BROWSE: Text = Text::new("Browse…", "选择文件…");
const NO_FILE: Text = Text::new("There is no such file.", "没有这个文件。");

impl App {
    /// The site's folder, or the working folder for a site not saved yet.
    fn site_dir(&self) -> PathBuf {
        self.doc
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    /// Opens the file window for `purpose`, with a default path filled in.
    pub(crate) fn ask_path(&mut self, purpose: PathPurpose) {
        let dir = self.site_dir();
        let stem = self.default_stem();
        let floor = self
            .current_floor()
            .map(|f| f.id.clone())
            .unwrap_or_default();
        let default = match &purpose {
            PathPurpose::Open | PathPurpose::ImportUnderlay => dir.join(""),
            PathPurpose::SaveAs(_) => match self.doc.as_ref().and_then(|d| d.path.clone()) {
                Some(p) => p,
                None => dir.join("site.site.json"),
            },
            PathPurpose::ExportImage(ImageScope::Floor) => dir.join(format!("{stem}.{floor}.png")),
            PathPurpose::ExportImage(ImageScope::View) => {
                dir.join(format!("{stem}.{floor}.view.png"))
            }
            PathPurpose::ExportReport(_) => dir.join(format!("{stem}-report.html")),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            text: default.display().to_string(),
            focused: false,
        });
    }

    /// Draws the file window.
    pub(crate) fn path_prompt_ui(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let lang = self.lang;
        let (mut ok, mut cancel, mut browse) = (false, false, false);
        let mut open = true;
        egui::Window::new(prompt.purpose.title().get(lang))
            .id(egui::Id::unique("path-prompt"))
            .collapsible(false)
            .default_width(560.0)
            .open(&mut open)
            .show(ctx, |ui| {
                let hint = ui.label(HINT.get(lang));
                ui.horizontal(|ui| {
                    let edit = egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(ui.available_width() - 110.0);
                    let r = ui.add(edit).labelled_by(hint.id);
                    if !prompt.focused {
                        r.request_focus();
                        prompt.focused = true;
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        ok = true;
                    }
                    browse = ui.button(BROWSE.get(lang)).clicked();
                });
                ui.horizontal(|ui| {
                    ok |= ui.button(labels::OK.get(lang)).clicked();
                    cancel = ui.button(labels::CANCEL.get(lang)).clicked();
                });
            });
        if browse {
            let (name, exts) = prompt.purpose.filter();
            let typed = PathBuf::from(prompt.text.trim());
            let mut dialog = rfd::FileDialog::new().add_filter(name, exts);
            if let Some(dir) = typed.parent().filter(|d| d.is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            let chosen = if prompt.purpose.saves() {
                let file = typed.file_name().map(|f| f.to_string_lossy().into_owned());
                match file {
                    Some(f) => dialog.set_file_name(f).save_file(),
                    None => dialog.save_file(),
                }
            } else {
                dialog.pick_file()
            };
            if let Some(p) = chosen {
                prompt.text = p.display().to_string();
            }
        }
        // Esc in the path field (where shortcuts do not reach) cancels too.
        cancel |= ctx.input(|i| i.key_pressed(Key::Escape));
        if cancel || !open {
            self.path_prompt = None;
            return;
        }
        if ok {
            let path = PathBuf::from(prompt.text.trim());
            if !prompt.purpose.saves() && !path.is_file() {
                self.error = Some(format!("{}: {}", path.display(), NO_FILE.get(lang)));
                return;
            }
            if let Some(prompt) = self.path_prompt.take() {
                self.commands.extend(prompt.purpose.command(path));
            }
        }
    }
}
