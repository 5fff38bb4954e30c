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
    /// The same as PDF.
    ExportReportPdf(Option<Lang>),
    /// The folder of the filing pack.
    Filing,
    ImportUnderlay,
}

impl PathPurpose {
    fn title(&self) -> Text {
        match self {
            PathPurpose::Open => labels::OPEN,
            PathPurpose::SaveAs(_) => labels::SAVE_AS,
            PathPurpose::ExportImage(ImageScope::Floor) => labels::EXPORT_FLOOR,
            PathPurpose::ExportImage(ImageScope::View) => labels::EXPORT_VIEW,
            PathPurpose::ExportReport(_) | PathPurpose::ExportReportPdf(_) => labels::EXPORT_REPORT,
            PathPurpose::Filing => labels::PREPARE_FILINGS,
            PathPurpose::ImportUnderlay => labels::IMPORT_UNDERLAY,
        }
    }

    /// The file types the system dialog offers: (name, extensions).
    fn filter(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            PathPurpose::Open | PathPurpose::SaveAs(_) => ("Sightline site", &["json"]),
            PathPurpose::ExportImage(_) => ("PNG / SVG / PDF", &["png", "svg", "pdf"]),
            PathPurpose::ExportReport(_) => ("HTML / PDF", &["html", "pdf"]),
            PathPurpose::ExportReportPdf(_) => ("PDF", &["pdf"]),
            PathPurpose::Filing => ("Folder", &[]),
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
            PathPurpose::ExportReport(lang) | PathPurpose::ExportReportPdf(lang) => {
                vec![Command::ExportReportTo(lang, path)]
            }
            PathPurpose::Filing => vec![Command::PrepareFilingsIn(path)],
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
    /// The suggestion's selected part (char range) until the first edit: what is typed over it
    /// replaces it, and a typed absolute path replaces the whole suggestion.
    fresh: Option<(String, (usize, usize))>,
    /// The folder listing as last read (the folder is read when the path changes, not on
    /// every frame).
    listed: Option<Listed>,
}

/// A folder's listing: the typed path it was read for, the folder, its entries (path, folder?).
type Listed = (String, Option<PathBuf>, Vec<(PathBuf, bool)>);

const HINT: Text = Text::new(
    "Type or paste the file's path, or choose it with Browse…",
    "输入或粘贴文件路径，或点“选择文件…”",
);
const FOLDER_HINT: Text = Text::new(
    "Type or paste the folder's path (it is made if missing), or choose it with Browse…",
    "输入或粘贴文件夹路径（不存在时会新建），或点“选择文件…”",
);
const NO_FILE: Text = Text::new("There is no such file.", "没有这个文件。");
const RECENT_FOLDERS: Text = Text::new("Recent folders", "最近的文件夹");
const UP: Text = Text::new("⬆ Up", "⬆ 上一级");

/// The most entries the folder listing shows.
const MAX_LISTED: usize = 500;

/// The folder a typed path points into: itself if it is a folder, else its parent.
fn folder_of(typed: &str) -> Option<PathBuf> {
    let p = PathBuf::from(typed.trim());
    if p.is_dir() {
        return Some(p);
    }
    p.parent().filter(|d| d.is_dir()).map(Path::to_path_buf)
}

/// The folder's sub-folders, then its files with one of `exts`, by name; at most
/// [`MAX_LISTED`] (a folder that cannot be read lists nothing).
fn listing(dir: &Path, exts: &[&str]) -> Vec<(PathBuf, bool)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .take(20 * MAX_LISTED)
        .map(|e| e.path())
        .filter(|p| {
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let wanted = p.extension().is_some_and(|x| {
                exts.iter()
                    .any(|e| x.to_string_lossy().eq_ignore_ascii_case(e))
            });
            !hidden && (p.is_dir() || wanted)
        })
        .map(|p| {
            let dir = p.is_dir();
            (p, dir)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(MAX_LISTED);
    out
}

/// The file name a typed path ends in (kept when another folder is chosen); empty for a
/// folder.
fn file_part(typed: &str) -> String {
    let p = PathBuf::from(typed.trim());
    if p.is_dir() || typed.ends_with(std::path::MAIN_SEPARATOR) {
        return String::new();
    }
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The part of a suggested path that typing should replace (char range): its file name, or
/// all of it when it names a folder.
fn suggestion_range(text: &str) -> (usize, usize) {
    let chars = text.chars().count();
    let name = file_part(text).chars().count();
    if name == 0 {
        (0, chars)
    } else {
        (chars - name, chars)
    }
}

/// Selects a char range of a text field.
fn select(ctx: &egui::Context, id: egui::Id, (from, to): (usize, usize)) {
    use egui::text::{CCursor, CCursorRange};
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(from),
        CCursor::new(to),
    )));
    state.store(ctx, id);
}

/// Does a typed text start a path of its own (not one inside the suggested folder)?
fn starts_absolute(typed: &str) -> bool {
    let mut c = typed.chars();
    match (c.next(), c.next()) {
        (Some('/' | '\\' | '~'), _) => true,
        (Some(d), Some(':')) => d.is_ascii_alphabetic(),
        _ => false,
    }
}

/// What was typed over a suggestion's selected part so far.
#[derive(Debug, PartialEq)]
enum Typed {
    /// A path from a root (`/…`, `C:\…`, `~/…`): it replaces the whole suggestion.
    Root(String),
    /// A single letter: a drive letter's colon may come next.
    Undecided,
    /// Anything else (a file name): it stays where it was typed.
    Other,
}

/// What the edits since a suggestion typed (or pasted) over its selected `range`: a path that
/// starts at a root replaces the suggestion whole, as in desktop file dialogs — typing a full
/// path over a suggested file name must not append it to the folder.
fn typed_over(before: &str, (from, to): (usize, usize), after: &str) -> Typed {
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let inserted = (|| {
        let tail = b.len().checked_sub(to)?;
        let end = a.len().checked_sub(tail)?;
        let same = a.get(..from)? == b.get(..from)? && a.get(end..)? == b.get(to..)?;
        same.then(|| a.get(from..end).map(|s| s.iter().collect::<String>()))?
    })();
    match inserted {
        Some(t) if starts_absolute(&t) => Typed::Root(t),
        Some(t) if t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_alphabetic()) => {
            Typed::Undecided
        }
        _ => Typed::Other,
    }
}

/// The path a typed text names: `~` is the home folder and a relative path is taken in the
/// folder the window lists (the site's), not the folder the app was started in.
fn resolve(typed: &str, dir: &Path) -> PathBuf {
    let home = || std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    let path = match typed.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => match home() {
            Some(h) => PathBuf::from(h).join(rest.trim_start_matches(['/', '\\'])),
            None => PathBuf::from(typed),
        },
        _ => PathBuf::from(typed),
    };
    if path.is_relative() && !typed.is_empty() {
        dir.join(path)
    } else {
        path
    }
}

impl App {
    /// The site's folder, or the working folder for a site not saved yet.
    /// Absolute, so that Up in the listing can go above the folder the app was started in.
    fn site_dir(&self) -> PathBuf {
        let dir = self
            .doc
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        std::path::absolute(&dir).unwrap_or(dir)
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
                None => dir.join(format!("{stem}.site.json")),
            },
            PathPurpose::ExportImage(ImageScope::Floor) => dir.join(format!("{stem}.{floor}.png")),
            PathPurpose::ExportImage(ImageScope::View) => {
                dir.join(format!("{stem}.{floor}.view.png"))
            }
            PathPurpose::ExportReport(_) => dir.join(format!("{stem}-report.html")),
            PathPurpose::ExportReportPdf(_) => dir.join(format!("{stem}-report.pdf")),
            PathPurpose::Filing => dir.join(format!("{stem}-filing")),
        };
        self.path_prompt = Some(PathPrompt {
            purpose,
            text: default.display().to_string(),
            focused: false,
            fresh: None,
            listed: None,
        });
    }

    /// Draws the file window.
    pub(crate) fn path_prompt_ui(&mut self, ctx: &egui::Context) {
        if self.path_prompt.is_none() {
            return;
        }
        let site_dir = self.site_dir();
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let lang = self.lang;
        // The folders of recently opened sites, newest first, each once.
        let mut recent: Vec<PathBuf> = Vec::new();
        for d in self.recent.iter().filter_map(|p| p.parent()) {
            if !d.as_os_str().is_empty() && !recent.iter().any(|r| r == d) && recent.len() < 6 {
                recent.push(d.to_path_buf());
            }
        }
        let (mut ok, mut cancel, mut browse) = (false, false, false);
        let mut open = true;
        egui::Window::new(prompt.purpose.title().get(lang))
            .id(egui::Id::unique("path-prompt"))
            .collapsible(false)
            .default_width(560.0)
            .open(&mut open)
            .show(ctx, |ui| {
                let hint = if prompt.purpose == PathPurpose::Filing {
                    FOLDER_HINT
                } else {
                    HINT
                };
                let hint = ui.label(hint.get(lang));
                ui.horizontal(|ui| {
                    let before = prompt.text.clone();
                    let edit = egui::TextEdit::singleline(&mut prompt.text)
                        .desired_width(ui.available_width() - 110.0);
                    let r = ui.add(edit).labelled_by(hint.id);
                    if !prompt.focused {
                        r.request_focus();
                        prompt.focused = true;
                        let range = suggestion_range(&prompt.text);
                        select(ui.ctx(), r.id, range);
                        prompt.fresh = Some((prompt.text.clone(), range));
                    } else if prompt.text != before {
                        if let Some((suggested, range)) = prompt.fresh.take() {
                            match typed_over(&suggested, range, &prompt.text) {
                                Typed::Root(typed) => {
                                    let end = typed.chars().count();
                                    prompt.text = typed;
                                    select(ui.ctx(), r.id, (end, end));
                                }
                                // One letter so far: a drive letter (`C:`) may follow.
                                Typed::Undecided => prompt.fresh = Some((suggested, range)),
                                Typed::Other => {}
                            }
                        }
                    }
                    if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                        ok = true;
                    }
                    browse = ui.button(labels::BROWSE.get(lang)).clicked();
                });
                // The folder the path points into: its sub-folders and the files that fit.
                if prompt
                    .listed
                    .as_ref()
                    .is_none_or(|(t, _, _)| *t != prompt.text)
                {
                    let dir = folder_of(&prompt.text);
                    let (_, exts) = prompt.purpose.filter();
                    let entries = dir.as_deref().map(|d| listing(d, exts)).unwrap_or_default();
                    prompt.listed = Some((prompt.text.clone(), dir, entries));
                }
                // A click sets the path once the listing has been drawn.
                let file = file_part(&prompt.text);
                let mut chosen: Option<PathBuf> = None;
                if let Some((_, Some(dir), entries)) = &prompt.listed {
                    ui.horizontal(|ui| {
                        if let Some(up) = dir.parent() {
                            if ui.small_button(UP.get(lang)).clicked() {
                                chosen = Some(up.join(&file));
                            }
                        }
                        ui.weak(dir.display().to_string());
                    });
                    egui::ScrollArea::vertical()
                        .max_height(200.0)
                        .auto_shrink([false, true])
                        .show(ui, |ui| {
                            for (path, is_dir) in entries {
                                let name = path
                                    .file_name()
                                    .map(|n| n.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                let shown = if *is_dir {
                                    format!("📁 {name}")
                                } else {
                                    name
                                };
                                let r = ui.selectable_label(false, shown);
                                if r.clicked() {
                                    chosen = Some(if *is_dir {
                                        path.join(&file)
                                    } else {
                                        path.clone()
                                    });
                                }
                                if r.double_clicked() && !is_dir {
                                    ok = true;
                                }
                            }
                        });
                }
                if let Some(p) = chosen {
                    prompt.text = p.display().to_string();
                    prompt.fresh = None;
                }
                if !recent.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        ui.weak(RECENT_FOLDERS.get(lang));
                        for d in &recent {
                            let name = d
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_else(|| d.display().to_string());
                            if ui
                                .small_button(name)
                                .on_hover_text(d.display().to_string())
                                .clicked()
                            {
                                prompt.text = d.join(file_part(&prompt.text)).display().to_string();
                                prompt.fresh = None;
                            }
                        }
                    });
                }
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
            let chosen = if prompt.purpose == PathPurpose::Filing {
                rfd::FileDialog::new()
                    .set_directory(typed.parent().unwrap_or(&site_dir))
                    .pick_folder()
            } else if prompt.purpose.saves() {
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
            let path = resolve(prompt.text.trim(), &site_dir);
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

#[cfg(test)]
mod tests {
    use super::{typed_over, Typed};

    #[test]
    fn a_drive_letter_waits_for_its_colon_and_then_replaces_the_suggestion() {
        let suggested = r"C:\plans\hotel.site.json";
        let range = (9, 24); // the file name
        let after = |typed: &str| format!(r"C:\plans\{typed}");
        assert_eq!(typed_over(suggested, range, &after("D")), Typed::Undecided);
        assert_eq!(
            typed_over(suggested, range, &after(r"D:\new")),
            Typed::Root(r"D:\new".into())
        );
        assert_eq!(typed_over(suggested, range, &after("new")), Typed::Other);
        assert_eq!(
            typed_over("/srv/a.json", (5, 11), "/srv//x/b.json"),
            Typed::Root("/x/b.json".into())
        );
    }
}
