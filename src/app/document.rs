//! An open site: the site, its file, its findings kept up to date, and its undo history.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::edit::{self, Changed, Edit, History, Item, ItemRef};
use crate::checker::{Checker, Step};
use crate::model::Site;

/// A live change that takes longer than this to re-check on every frame of a drag is re-checked
/// when the drag ends instead.
const LIVE_CHECK_BUDGET: Duration = Duration::from_millis(40);

/// A drag whose incremental re-check takes longer than this (half a frame) is re-checked
/// when it ends instead, so that the drag itself stays smooth.
const LIVE_PATCH_BUDGET: Duration = Duration::from_millis(8);

/// An edit of more objects than this is checked again as a whole: the incremental checker's
/// work per step (renumbering after an insertion or removal) would cost more.
const MAX_INCREMENTAL_STEPS: usize = 256;

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
    /// Objects changed while the findings lagged a drag, not yet shown to the checker.
    unchecked: Vec<Step>,
    /// A re-check during the current drag took longer than its budget.
    slow_drag: bool,
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
            unchecked: Vec::new(),
            slow_drag: false,
            revision: next_revision(),
        }
    }

    /// Re-checks the whole site.
    pub fn recheck(&mut self) {
        self.unchecked.clear();
        let start = Instant::now();
        self.checker = Checker::new(&self.site);
        self.full_check = start.elapsed();
        self.stale = false;
        self.revision = next_revision();
    }

    /// Brings the findings up to date after an edit that may have changed `changed`, noting
    /// `steps` (the objects it set, inserted or removed).
    fn refresh(&mut self, changed: Changed, steps: Vec<Step>) {
        self.revision = next_revision();
        match changed {
            Changed::Objects => {
                let mut all = std::mem::take(&mut self.unchecked);
                all.extend(steps);
                if let Some(devices) = device_fields_only(&all) {
                    // The common case while a camera is dragged or turned: the shortcut.
                    for (fi, di) in devices {
                        if self
                            .site
                            .floors
                            .get(fi)
                            .is_some_and(|f| di < f.devices.len())
                        {
                            self.checker.device_changed(&self.site, fi, di);
                        }
                    }
                } else if all.len() > MAX_INCREMENTAL_STEPS
                    || !self.checker.objects_changed(&self.site, &all)
                {
                    self.recheck();
                }
                self.stale = false;
            }
            Changed::SiteFields => {
                if !self.checker.site_fields_changed(&self.site) {
                    self.recheck();
                }
            }
            Changed::Site => self.recheck(),
        }
    }

    /// Rewrites every underlay picture path of the site and of its undo history (after the
    /// site was saved into another folder; see `App::save_to`). Not an undo step: the paths
    /// name the same pictures, now seen from the new file.
    pub fn rebase_underlays(&mut self, f: &dyn Fn(&str) -> String) {
        for u in self
            .site
            .floors
            .iter_mut()
            .filter_map(|f| f.underlay.as_mut())
        {
            u.image = f(&u.image);
        }
        self.history.map_underlays(f);
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
        let steps = self.history.apply(&mut self.site, edit);
        self.refresh(changed, steps);
    }

    /// Applies an edit that continues the last undo step when it changes the same fields of
    /// the same objects and the step is still open (typing in a field, nudging, dragging a
    /// number); the history decides from the edit itself.
    pub fn apply_merging(&mut self, edit: Edit) {
        if edit.is_empty() {
            return;
        }
        let changed = edit.changes(&self.site);
        let steps = self.history.apply_merging(&mut self.site, edit);
        self.refresh(changed, steps);
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
        let steps = if redo {
            self.history.redo(&mut self.site)
        } else {
            self.history.undo(&mut self.site)
        };
        self.refresh(changed, steps.unwrap_or_default());
        true
    }

    /// Shows objects in a new state while a drag is under way, without an undo step: the site
    /// is changed in place and re-checked if that is quick enough; once a re-check of the drag
    /// has taken too long, the findings wait for the drag to end.
    pub fn preview(&mut self, floor: usize, items: Vec<(ItemRef, Item)>) {
        self.preview_edit(set_all(floor, items));
    }

    /// Shows an edit while a drag is under way, without an undo step.
    pub fn preview_edit(&mut self, edit: Edit) {
        let changed = edit.changes(&self.site);
        let mut steps = Vec::new();
        edit.apply_noting(&mut self.site, &mut steps);
        match changed {
            Changed::Objects if self.slow_drag => {
                self.note_unchecked(steps);
                self.stale = true;
                self.revision = next_revision();
            }
            Changed::Site if self.full_check > LIVE_CHECK_BUDGET => {
                self.stale = true;
                self.revision = next_revision();
            }
            _ => {
                let start = Instant::now();
                let objects = changed == Changed::Objects;
                self.refresh(changed, steps);
                let budget = if objects {
                    LIVE_PATCH_BUDGET
                } else {
                    LIVE_CHECK_BUDGET
                };
                self.slow_drag = start.elapsed() > budget;
            }
        }
    }

    /// Ends such a drag: `restore` puts back what was there before it, and `edit` is applied
    /// as one undo step.
    pub fn commit_edit(&mut self, restore: Edit, edit: Edit) {
        let mut steps = Vec::new();
        restore.apply_noting(&mut self.site, &mut steps);
        self.unchecked.extend(steps);
        self.slow_drag = false;
        let changed = edit.changes(&self.site);
        self.apply(edit);
        self.catch_up(changed);
    }

    /// Keeps steps for the checker while the findings lag a drag. A drag sets the same
    /// objects frame after frame: a later setting of an object already noted only updates
    /// that note's new id (its old state is the one before the drag).
    fn note_unchecked(&mut self, steps: Vec<Step>) {
        use crate::geometry::change::Change;
        let is_set = |s: &Step| matches!(s.object.change, Change::Set(_));
        for step in steps {
            // Only while nothing was inserted or removed do indices name the same objects.
            let only_sets = is_set(&step) && self.unchecked.iter().all(is_set);
            let same = self.unchecked.iter_mut().find(|u| {
                (u.floor, u.object.kind, u.object.change)
                    == (step.floor, step.object.kind, step.object.change)
            });
            match same {
                Some(u) if only_sets => u.new_id = step.new_id,
                _ => self.unchecked.push(step),
            }
        }
    }

    /// After a drag whose findings lagged: brings them up to date.
    fn catch_up(&mut self, changed: Changed) {
        if self.stale {
            match changed {
                Changed::Objects => self.refresh(Changed::Objects, Vec::new()),
                _ => self.recheck(),
            }
        }
        self.unchecked.clear();
    }

    /// Ends a drag: puts the objects back as they were before it and applies their final state
    /// as one undo step.
    pub fn commit_preview(&mut self, floor: usize, originals: Vec<(ItemRef, Item)>) {
        let Some(f) = self.site.floors.get(floor) else {
            return;
        };
        // Each object as the drag left it; a face-recognition camera dragged into a zone
        // joins it, as one placed there does.
        let finals: Vec<(ItemRef, Item)> = originals
            .iter()
            .filter_map(|(at, original)| {
                let mut item = edit::get(f, *at)?;
                if let (Item::Device(d), Item::Device(o)) = (&mut item, original) {
                    if d.position != o.position {
                        crate::app::tools::place::join_zone(f, d);
                    }
                }
                Some((*at, item))
            })
            .collect();
        let moved = finals.iter().zip(&originals).any(|((_, a), (_, b))| a != b);
        let restore = set_all(floor, originals);
        let changed = restore.changes(&self.site);
        let mut steps = Vec::new();
        restore.apply_noting(&mut self.site, &mut steps);
        self.slow_drag = false;
        if moved {
            self.unchecked.extend(steps);
            self.apply(set_all(floor, finals));
        } else {
            self.refresh(changed.clone(), steps);
        }
        self.catch_up(changed);
    }
}

/// The devices (floor, index) the steps set, if they only set devices' fields, ids kept.
fn device_fields_only(steps: &[Step]) -> Option<Vec<(usize, usize)>> {
    use crate::analysis::ObjectKind;
    use crate::geometry::change::Change;
    steps
        .iter()
        .map(|s| match (s.object.kind, s.object.change) {
            (ObjectKind::Device, Change::Set(di)) if s.old_id == s.new_id => Some((s.floor, di)),
            _ => None,
        })
        .collect()
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

    use super::*;
    use crate::app::edit::ItemKind;

    /// The findings as (rule, subjects, area to the cm²), in order.
    fn summary(findings: &[&crate::rules::Finding]) -> Vec<(String, Vec<String>, Option<i64>)> {
        findings
            .iter()
            .map(|f| {
                (
                    f.rule.as_str().to_owned(),
                    f.subjects.clone(),
                    f.area_m2.map(|a| (a * 1e4).round() as i64),
                )
            })
            .collect()
    }

    fn full(site: &Site) -> Vec<(String, Vec<String>, Option<i64>)> {
        summary(&Checker::new(site).findings())
    }

    #[test]
    fn dragging_a_wall_and_undoing_it_keeps_the_findings_those_of_a_full_check() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample_sites/hotel-mistakes.site.json");
        let site = crate::model::load(&path).unwrap();
        let before = full(&site);
        let mut doc = Document::new(site, None);
        // Drag the floor's first wall 1.5 m across in ten frames, as the canvas does.
        let at = ItemRef {
            kind: ItemKind::Wall,
            index: 0,
        };
        let original = edit::get(&doc.site.floors[0], at).unwrap();
        for k in 1..=10 {
            let mut moved = original.clone();
            moved.translate([0.15 * k as f64, 0.0]);
            doc.preview(0, vec![(at, moved)]);
            assert_eq!(
                summary(&doc.checker.findings()),
                full(&doc.site),
                "frame {k}"
            );
        }
        doc.commit_preview(0, vec![(at, original)]);
        let after = full(&doc.site);
        assert_ne!(after, before, "the moved wall changes what the cameras see");
        assert_eq!(summary(&doc.checker.findings()), after);
        assert!(doc.undo());
        assert_eq!(summary(&doc.checker.findings()), before);
        assert!(doc.redo());
        assert_eq!(summary(&doc.checker.findings()), after);
        // Deleting a space, and undoing that.
        doc.apply(Edit::Remove {
            floor: 0,
            at: ItemRef {
                kind: ItemKind::Space,
                index: 0,
            },
        });
        assert_eq!(summary(&doc.checker.findings()), full(&doc.site));
        assert!(doc.undo());
        assert_eq!(summary(&doc.checker.findings()), after);
    }
}
