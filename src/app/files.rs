//! New, Open, Save, recent files, and the recovery copy written every 30 s while there are
//! unsaved changes (offered back at the next start after a crash).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use eframe::egui;

use super::labels;
use super::{App, Document, Gesture, Prompt};
use crate::model::{self, Site};

/// How many files File → Open Recent lists.
const RECENT_MAX: usize = 10;

/// Where the recovery copy goes, and when it was last written.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// The folder (the app's storage folder); `None` turns recovery off.
    pub dir: Option<PathBuf>,
    /// How often to write while there are unsaved changes.
    pub every: Duration,
    last_written: Option<Instant>,
}

impl Default for Recovery {
    fn default() -> Recovery {
        Recovery {
            dir: None,
            every: Duration::from_secs(30),
            last_written: None,
        }
    }
}

/// What is stored beside the recovered site: which file it was.
#[derive(serde::Serialize, serde::Deserialize)]
struct RecoveryInfo {
    original: Option<PathBuf>,
}

impl Recovery {
    pub fn in_dir(dir: Option<PathBuf>) -> Recovery {
        Recovery {
            dir,
            ..Recovery::default()
        }
    }

    /// The recovery copy of the site.
    pub fn site_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery.site.json"))
    }

    fn info_path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join("recovery.json"))
    }

    /// Writes the recovery copy (atomically, like a save).
    pub fn write(&mut self, site: &Site, original: Option<&Path>) -> std::io::Result<()> {
        let (Some(site_path), Some(info_path), Some(dir)) =
            (self.site_path(), self.info_path(), self.dir.as_ref())
        else {
            return Ok(());
        };
        std::fs::create_dir_all(dir)?;
        // Recovery copies hold the user's plan: only the user may read the folder.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let info = RecoveryInfo {
            original: original.map(Path::to_path_buf),
        };
        model::write_atomically(&info_path, &serde_json::to_vec(&info)?)?;
        model::save(site, &site_path).map_err(|e| std::io::Error::other(e.to_string()))?;
        self.last_written = Some(Instant::now());
        Ok(())
    }

    /// Where imported underlay pictures wait until their site is first saved: beside the
    /// recovery copy, or in the temporary folder when recovery is off.
    pub fn waiting_dir(&self) -> PathBuf {
        self.dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("sightline"))
            .join("underlays")
    }

    /// Is a write due?
    pub fn due(&self) -> bool {
        self.dir.is_some() && self.last_written.is_none_or(|t| t.elapsed() >= self.every)
    }

    /// Forgets the recovery copy (after a save, or when the user discards it).
    pub fn clear(&mut self) {
        for p in [self.site_path(), self.info_path()].into_iter().flatten() {
            let _ = std::fs::remove_file(p);
        }
        self.last_written = None;
    }

    /// A recovery copy left by an earlier run: (its path, the file it was a copy of).
    pub fn found(&self) -> Option<(PathBuf, Option<PathBuf>)> {
        let site = self.site_path().filter(|p| p.exists())?;
        let original = self
            .info_path()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|b| serde_json::from_slice::<RecoveryInfo>(&b).ok())
            .and_then(|i| i.original);
        Some((site, original))
    }
}

/// An underlay picture's path once its site is saved as `new_file` (it was saved as
/// `old_file`): relative to the new file (absolute when it cannot be), or the copy of it that
/// was made beside the new file (`copies`: picture waiting for a first save → its copy).
fn rebased(
    image: &str,
    old_file: Option<&Path>,
    new_file: &Path,
    copies: &[(String, PathBuf)],
) -> String {
    if let Some((_, copy)) = copies.iter().find(|(from, _)| from == image) {
        return super::floors::relative_path(copy, Some(new_file));
    }
    let old_dir = old_file.and_then(Path::parent);
    if old_file.is_some() && old_dir == new_file.parent() {
        return image.to_owned();
    }
    let path = Path::new(image);
    let absolute = match old_dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    };
    super::floors::relative_path(&absolute, Some(new_file))
}

/// Copies each underlay picture that waits in `waiting` (an import into a site not yet saved)
/// beside `site_file`, named after it and the floor. Returns (the waiting path, its copy) for
/// each file written; on an error the copies made are removed again.
fn settle_underlays(
    site: &Site,
    waiting: &Path,
    site_file: &Path,
) -> std::io::Result<Vec<(String, PathBuf)>> {
    let dir = site_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut written: Vec<(String, PathBuf)> = Vec::new();
    for floor in &site.floors {
        let Some(u) = floor.underlay.as_ref() else {
            continue;
        };
        let image = Path::new(&u.image);
        if !image.is_absolute() || !image.starts_with(waiting) {
            continue;
        }
        let to = dir.join(crate::import::underlay::file_name(site_file, &floor.id));
        let copy = std::fs::read(image).and_then(|png| model::write_atomically(&to, &png));
        if let Err(e) = copy {
            for (_, w) in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", to.display()),
            ));
        }
        written.push((u.image.clone(), to));
    }
    Ok(written)
}

impl App {
    /// File → New: an empty site with one floor.
    pub(crate) fn new_site(&mut self) {
        self.set_document(Document::new(Site::new(""), None));
        self.recovery.clear();
    }

    fn set_document(&mut self, doc: Document) {
        self.doc = Some(doc);
        self.floor = 0;
        self.view = None;
        self.selection.clear();
        self.gesture = Gesture::None;
        self.calibration = None;
        self.error = None;
        self.warnings.clear();
        self.notes.clear();
        self.underlays.clear();
        self.underlay_warnings.clear();
        // The Objects list's filter was for the file before.
        self.objects = Default::default();
    }

    /// Opens a site file; a file that fails to load leaves the current site as it was.
    pub(crate) fn open(&mut self, path: &Path) {
        match model::load(path) {
            Ok(site) => {
                self.set_document(Document::new(site, Some(path.to_owned())));
                self.remember(path);
                self.recovery.clear();
            }
            Err(e) => self.error = Some(format!("{}: {e}", self.t(labels::LOAD_FAILED))),
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = dunce::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// Save (or Save As… when `ask` or the site has no file yet). Returns whether it saved.
    pub(crate) fn save(&mut self, ask: bool) -> bool {
        let Some(doc) = &self.doc else { return false };
        match (&doc.path, ask) {
            (Some(p), false) => {
                let p = p.clone();
                self.save_to(p)
            }
            _ => {
                self.ask_path(super::path_prompt::PathPurpose::SaveAs(None));
                false
            }
        }
    }

    /// Saves to a path (atomically; unknown fields are kept). Underlay pictures still in the
    /// waiting folder are copied beside the site first. What is written is a copy whose
    /// underlay paths are rebased on the new file; only once the write has succeeded are the
    /// open site and every step of its undo history rebased the same way, so a failed save
    /// changes nothing (its copies are removed) and undo never brings back a path relative to
    /// the old folder.
    pub(crate) fn save_to(&mut self, path: PathBuf) -> bool {
        let waiting = self.recovery.waiting_dir();
        let Some(doc) = &mut self.doc else {
            return false;
        };
        let copies = match settle_underlays(&doc.site, &waiting, &path) {
            Ok(c) => c,
            Err(e) => {
                self.error = Some(format!("{}: {e}", labels::SAVE_FAILED.get(self.lang)));
                return false;
            }
        };
        let old = doc.path.clone();
        let rebase = |image: &str| rebased(image, old.as_deref(), &path, &copies);
        let changes = doc
            .site
            .floors
            .iter()
            .filter_map(|f| f.underlay.as_ref())
            .any(|u| rebase(&u.image) != u.image);
        let saved = if changes {
            let mut out = doc.site.clone();
            for u in out.floors.iter_mut().filter_map(|f| f.underlay.as_mut()) {
                u.image = rebase(&u.image);
            }
            model::save(&out, &path)
        } else {
            model::save(&doc.site, &path)
        };
        match saved {
            Ok(()) => {
                if changes {
                    doc.rebase_underlays(&rebase);
                    self.underlays.clear();
                }
                doc.path = Some(path.clone());
                doc.history.mark_saved();
                doc.history.seal();
                self.status = Some(super::Status::new(
                    labels::SAVED,
                    path.display().to_string(),
                ));
                self.remember(&path);
                self.recovery.clear();
                true
            }
            Err(e) => {
                for (_, c) in &copies {
                    let _ = std::fs::remove_file(c);
                }
                self.error = Some(format!("{}: {e}", labels::SAVE_FAILED.get(self.lang)));
                false
            }
        }
    }

    /// Writes the recovery copy when one is due.
    pub(crate) fn autosave(&mut self, ctx: &egui::Context) {
        let Some(doc) = &self.doc else { return };
        if !doc.is_dirty() || self.recovery.dir.is_none() {
            return;
        }
        if self.recovery.due() {
            if let Err(e) = self.recovery.write(&doc.site, doc.path.as_deref()) {
                self.warnings
                    .push(format!("{}: {e}", labels::RECOVERY_FAILED.get(self.lang)));
                // Do not retry every frame.
                self.recovery.dir = None;
            }
        }
        // Wake up when the next copy is due even if nothing else happens.
        ctx.request_repaint_after(self.recovery.every.max(Duration::from_secs(1)));
    }

    /// At start: offers a recovery copy left by a crash.
    pub fn offer_recovery(&mut self) {
        if let Some((site, original)) = self.recovery.found() {
            self.prompt = Some(Prompt::Recover(site, original));
        }
    }

    /// Opens the recovery copy as an unsaved document of the file it was a copy of.
    pub(crate) fn restore_recovery(&mut self) {
        let Some(Prompt::Recover(site_path, original)) = self.prompt.take() else {
            return;
        };
        match model::load(&site_path) {
            Ok(site) => {
                let mut doc = Document::new(site, original);
                doc.history.mark_unsaved();
                self.set_document(doc);
            }
            Err(e) => self.error = Some(format!("{}: {e}", self.t(labels::LOAD_FAILED))),
        }
    }
}
