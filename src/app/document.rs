//! An open site: the site, its file, its findings kept up to date, and its undo history.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::edit::{self, Changed, Edit, History, Item, ItemRef};
use crate::checker::Checker;
use crate::model::Site;

/// A live change that takes longer than this to re-check on every frame of a drag is re-checked
/// when the drag ends instead.
const LIVE_CHECK_BUDGET: Duration = Duration::from_millis(40);

/// An open site.
pub struct Document {
    pub site: Site,
    pub path: Option<PathBuf>,
    pub checker: Checker,
    pub history: History,
    /// How long the last full check took.
    pub full_check: Duration,
    /// The findings lag the drawing (a large site being dragged); checked when the drag ends.
    pub stale: bool,
    /// Changes whenever the site or its findings change (unique across documents), so that
    /// what is derived from them (the canvas's scene) knows when to be made again.
    pub revision: u64,
}

/// A revision number no document has had.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Document {
    /// A document for a loaded site.
    pub fn new(site: Site, path: Option<PathBuf>) -> Document {
        let start = Instant::now();
        let checker = Checker::new(&site);
        Document {
            checker,
            full_check: start.elapsed(),
            site,
            path,
            history: History::default(),
            stale: false,
            revision: next_revision(),
        }
    }

    /// Re-checks the whole site.
    pub fn recheck(&mut self) {
        let start = Instant::now();
        self.checker = Checker::new(&self.site);
        self.full_check = start.elapsed();
        self.stale = false;
        self.revision = next_revision();
    }

    fn refresh(&mut self, changed: Changed) {
        self.revision = next_revision();
        match changed {
            Changed::Devices(list) => {
                for (fi, di) in list {
                    if self
                        .site
                        .floors
                        .get(fi)
                        .is_some_and(|f| di < f.devices.len())
                    {
                        self.checker.device_changed(&self.site, fi, di);
                    }
                }
            }
            Changed::SiteFields => {
                if !self.checker.site_fields_changed(&self.site) {
                    self.recheck();
                }
            }
            Changed::Site => self.recheck(),
        }
    }

    /// Does the site differ from the file it was loaded from or saved to?
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let changed = edit.changes(&self.site);
        self.history.apply(&mut self.site, edit);
        self.refresh(changed);
    }

    /// Applies an edit that continues the last undo step when it changes the same fields of
    /// the same objects and the step is still open (typing in a field, nudging, dragging a
    /// number); the history decides from the edit itself.
    pub fn apply_merging(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let changed = edit.changes(&self.site);
        self.history.apply_merging(&mut self.site, edit);
        self.refresh(changed);
    }

    pub fn undo(&mut self) -> bool {
        self.step(false)
    }

    pub fn redo(&mut self) -> bool {
        self.step(true)
    }

    /// Undoes (or redoes) one step and re-checks what it changed.
    fn step(&mut self, redo: bool) -> bool {
        let next = if redo {
            self.history.next_redo()
        } else {
            self.history.next_undo()
        };
        let Some(changed) = next.map(|e| e.changes(&self.site)) else {
            return false;
        };
        if redo {
            self.history.redo(&mut self.site);
        } else {
            self.history.undo(&mut self.site);
        }
        self.refresh(changed);
        true
    }

    /// Shows objects in a new state while a drag is under way, without an undo step: the site
    /// is changed in place and re-checked if that is quick enough.
    pub fn preview(&mut self, floor: usize, items: Vec<(ItemRef, Item)>) {
        let edit = set_all(floor, items);
        let changed = edit.changes(&self.site);
        edit.apply(&mut self.site);
        match changed {
            Changed::Devices(_) | Changed::SiteFields => self.refresh(changed),
            Changed::Site if self.full_check <= LIVE_CHECK_BUDGET => self.recheck(),
            Changed::Site => {
                self.stale = true;
                self.revision = next_revision();
            }
        }
    }

    /// Shows an edit while a drag is under way (the underlay dragged), without an undo step.
    pub fn preview_edit(&mut self, edit: Edit) {
        let changed = edit.changes(&self.site);
        edit.apply(&mut self.site);
        self.refresh(changed);
    }

    /// Ends such a drag: `restore` puts back what was there before it, and `edit` is applied
    /// as one undo step.
    pub fn commit_edit(&mut self, restore: Edit, edit: Edit) {
        restore.apply(&mut self.site);
        self.apply(edit);
    }

    /// Ends a drag: puts the objects back as they were before it and applies their final state
    /// as one undo step.
    pub fn commit_preview(&mut self, floor: usize, originals: Vec<(ItemRef, Item)>) {
        let Some(f) = self.site.floors.get(floor) else {
            return;
        };
        let finals: Vec<(ItemRef, Item)> = originals
            .iter()
            .filter_map(|(at, _)| edit::get(f, *at).map(|item| (*at, item)))
            .collect();
        let moved = finals.iter().zip(&originals).any(|((_, a), (_, b))| a != b);
        let restore = set_all(floor, originals);
        let changed = restore.changes(&self.site);
        restore.apply(&mut self.site);
        if moved {
            self.apply(set_all(floor, finals));
        } else {
            self.refresh(changed);
        }
        if self.stale {
            self.recheck();
        }
    }
}

/// One edit that sets every listed object of a floor.
fn set_all(floor: usize, items: Vec<(ItemRef, Item)>) -> Edit {
    Edit::Batch(
        items
            .into_iter()
            .map(|(at, item)| Edit::Set {
                floor,
                index: at.index,
                item: Box::new(item),
            })
            .collect(),
    )
}
