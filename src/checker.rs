//! Incremental checking: keep a site's analysis and findings, and after an edit recompute only
//! what that edit can reach. This is what keeps the editor smooth on a large site while a
//! camera or a wall is dragged.
//!
//! What an edit of one object can change:
//! - a device: its own analysis and findings; the zone rules of the zones it names or named
//!   (whether a zone is used, and by an FR device); the site-wide counts;
//! - a wall or opening: the wall pieces near it ([`crate::geometry::segments`]); every device
//!   and sign whose reach (range, plus the walls it may be mounted on) meets those pieces, and
//!   every zone whose entrances or approach band do ([`crate::analysis::FloorAnalysis::patch`]);
//! - a space: the devices whose reach meets it (whether they are inside it, what they see of
//!   it), the zones whose box meets it;
//! - a sign: its reading area; the zones whose approach band meets the old or new area, the
//!   devices within range of its old or new place (R799-A13-SIGN);
//! - a zone: its own analysis and findings, and every device naming its old or new id;
//! - any id: duplicate ids, and references to zone ids;
//! - the drawing rules of the floor, and the signs' prominence, which are cheap, are redone
//!   for every edited floor.
//!
//! An edit of the site's own fields ([`Checker::site_fields_changed`]) changes only the
//! site-wide findings. [`Checker::findings`] always equals a full [`rules::check`] (tested in
//! `tests/scale.rs`).

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::analysis::{mount_slack, Analysis, DeviceAnalysis, ObjectChange, ObjectKind, Optics};
use crate::geometry::change::{square, Change};
use crate::geometry::classify::rect_box;
use crate::model::Site;
use crate::rules::{self, Finding, SiteContext};

/// A site's analysis and findings, kept up to date edit by edit.
#[derive(Clone, Debug)]
pub struct Checker {
    pub analysis: Analysis,
    ctx: SiteContext,
    /// Per floor, per device.
    device_findings: Vec<Vec<Vec<Finding>>>,
    /// Per floor, per zone.
    zone_findings: Vec<Vec<Vec<Finding>>>,
    /// Per floor: the signs at zone entrances.
    sign_findings: Vec<Vec<Finding>>,
    /// Per floor: the drawing.
    plan_findings: Vec<Vec<Finding>>,
    /// Filing and retention (they count devices, so they are cheap to redo).
    site_findings: Vec<Finding>,
    /// Duplicate ids, which only a change of ids can change; the ids they name.
    duplicate_findings: Vec<Finding>,
    duplicated: HashSet<String>,
    /// How many objects (and floors) have each id.
    ids: HashMap<String, u32>,
    /// The face density and heights the analysis was made with.
    optics: Optics,
    /// Every finding, as a slot, in the fixed order; kept sorted edit by edit so that listing
    /// the findings never sorts them all again.
    sorted: Vec<Slot>,
}

/// Where a finding is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Device(usize, usize, usize),
    Zone(usize, usize, usize),
    Signs(usize, usize),
    Plan(usize, usize),
    Site(usize),
    Duplicate(usize),
}

/// The findings kept per object: a device's, a zone's.
#[derive(Clone, Copy, Debug)]
enum PerObject {
    Device,
    Zone,
}

impl PerObject {
    fn slot(self, fi: usize, i: usize, k: usize) -> Slot {
        match self {
            PerObject::Device => Slot::Device(fi, i, k),
            PerObject::Zone => Slot::Zone(fi, i, k),
        }
    }

    /// The object (floor, index) a slot of this kind belongs to.
    fn object_of(self, slot: &Slot) -> Option<(usize, usize)> {
        match (self, *slot) {
            (PerObject::Device, Slot::Device(fi, i, _))
            | (PerObject::Zone, Slot::Zone(fi, i, _)) => Some((fi, i)),
            _ => None,
        }
    }
}

/// The findings kept per floor: its signs', its drawing's.
#[derive(Clone, Copy, Debug)]
enum PerFloor {
    Signs,
    Plan,
}

impl PerFloor {
    fn slot(self, fi: usize, k: usize) -> Slot {
        match self {
            PerFloor::Signs => Slot::Signs(fi, k),
            PerFloor::Plan => Slot::Plan(fi, k),
        }
    }

    /// The floor a slot of this kind belongs to.
    fn floor_of(self, slot: &Slot) -> Option<usize> {
        match (self, *slot) {
            (PerFloor::Signs, Slot::Signs(fi, _)) | (PerFloor::Plan, Slot::Plan(fi, _)) => Some(fi),
            _ => None,
        }
    }
}

/// One change to one object of a site, already made: the floor, the object, and its id before
/// and after (`None` where it did not or does not exist).
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub floor: usize,
    pub object: ObjectChange,
    pub old_id: Option<String>,
    pub new_id: Option<String>,
}

/// Every id of the site, counted.
fn count_ids(site: &Site) -> HashMap<String, u32> {
    let mut ids: HashMap<String, u32> = HashMap::new();
    for floor in &site.floors {
        let all = std::iter::once(&floor.id)
            .chain(floor.walls.iter().map(|x| &x.id))
            .chain(floor.openings.iter().map(|x| &x.id))
            .chain(floor.spaces.iter().map(|x| &x.id))
            .chain(floor.devices.iter().map(|x| &x.id))
            .chain(floor.signs.iter().map(|x| &x.id))
            .chain(floor.zones.iter().map(|x| &x.id));
        for id in all {
            match ids.get_mut(id.as_str()) {
                Some(n) => *n += 1,
                None => {
                    ids.insert(id.clone(), 1);
                }
            }
        }
    }
    ids
}

/// The findings of each object of each floor (`count` objects a floor), found in parallel.
fn per_object(
    site: &Site,
    count: impl Fn(&crate::model::Floor) -> usize + Sync,
    find: impl Fn(usize, usize) -> Vec<Finding> + Sync,
) -> Vec<Vec<Vec<Finding>>> {
    site.floors
        .par_iter()
        .enumerate()
        .map(|(fi, floor)| {
            (0..count(floor))
                .into_par_iter()
                .map(|i| find(fi, i))
                .collect()
        })
        .collect()
}

impl Checker {
    /// Analyses and checks the whole site.
    pub fn new(site: &Site) -> Checker {
        let analysis = Analysis::of(site);
        let ctx = SiteContext::of(site);
        let device_findings = per_object(
            site,
            |f| f.devices.len(),
            |fi, di| rules::device_findings(site, &analysis, &ctx, fi, di),
        );
        let zone_findings = per_object(
            site,
            |f| f.zones.len(),
            |fi, zi| rules::zone_findings(site, &analysis, &ctx, fi, zi),
        );
        let sign_findings = (0..site.floors.len())
            .into_par_iter()
            .map(|fi| rules::sign_findings(site, &analysis, &ctx, fi))
            .collect();
        let plan_findings = (0..site.floors.len())
            .into_par_iter()
            .map(|fi| rules::plan_findings(site, &analysis, fi))
            .collect();
        let site_findings = rules::counted_site_findings(site, &analysis);
        let duplicate_findings = rules::duplicate_findings(site);
        let duplicated = duplicate_findings
            .iter()
            .flat_map(|f| f.subjects.iter().cloned())
            .collect();
        let mut checker = Checker {
            analysis,
            ctx,
            device_findings,
            zone_findings,
            sign_findings,
            plan_findings,
            site_findings,
            duplicate_findings,
            duplicated,
            ids: count_ids(site),
            optics: Optics::of(site),
            sorted: Vec::new(),
        };
        let mut slots: Vec<Slot> = Vec::new();
        for (fi, devices) in checker.device_findings.iter().enumerate() {
            for (di, found) in devices.iter().enumerate() {
                slots.extend((0..found.len()).map(|k| Slot::Device(fi, di, k)));
            }
        }
        for (fi, zones) in checker.zone_findings.iter().enumerate() {
            for (zi, found) in zones.iter().enumerate() {
                slots.extend((0..found.len()).map(|k| Slot::Zone(fi, zi, k)));
            }
        }
        for (fi, found) in checker.sign_findings.iter().enumerate() {
            slots.extend((0..found.len()).map(|k| Slot::Signs(fi, k)));
        }
        for (fi, found) in checker.plan_findings.iter().enumerate() {
            slots.extend((0..found.len()).map(|k| Slot::Plan(fi, k)));
        }
        slots.extend((0..checker.site_findings.len()).map(Slot::Site));
        slots.extend((0..checker.duplicate_findings.len()).map(Slot::Duplicate));
        slots.par_sort_by(|a, b| rules::order(checker.get(*a), checker.get(*b)));
        checker.sorted = slots;
        checker
    }

    fn get(&self, slot: Slot) -> &Finding {
        match slot {
            Slot::Device(fi, di, k) => &self.device_findings[fi][di][k],
            Slot::Zone(fi, zi, k) => &self.zone_findings[fi][zi][k],
            Slot::Signs(fi, k) => &self.sign_findings[fi][k],
            Slot::Plan(fi, k) => &self.plan_findings[fi][k],
            Slot::Site(k) => &self.site_findings[k],
            Slot::Duplicate(k) => &self.duplicate_findings[k],
        }
    }

    /// Drops the slots `gone` says are stale, then files the new ones in, in order: each is
    /// placed by a binary search, and the kept slots are moved once, a run at a time.
    fn refile(&mut self, gone: impl Fn(&Slot) -> bool, mut new: Vec<Slot>) {
        self.sorted.retain(|s| !gone(s));
        if new.is_empty() {
            return;
        }
        new.sort_by(|a, b| rules::order(self.get(*a), self.get(*b)));
        let old = &self.sorted;
        let places: Vec<usize> = new
            .iter()
            .map(|n| {
                let f = self.get(*n);
                old.partition_point(|s| {
                    rules::order(self.get(*s), f) != std::cmp::Ordering::Greater
                })
            })
            .collect();
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let mut from = 0;
        for (slot, at) in new.into_iter().zip(places) {
            merged.extend_from_slice(&old[from..at]);
            merged.push(slot);
            from = at;
        }
        merged.extend_from_slice(&old[from..]);
        self.sorted = merged;
    }

    /// Brings the findings up to date after device `di` of floor `fi` changed in any of its
    /// fields but its id (moved, turned, re-zoned…).
    pub fn device_changed(&mut self, site: &Site, fi: usize, di: usize) {
        let floor = &site.floors[fi];
        let optics = self.optics;
        let fa = &mut self.analysis.floors[fi];
        fa.devices[di] = DeviceAnalysis::of(&floor.devices[di], &fa.segments, &fa.spaces, &optics);
        let old = std::mem::replace(&mut self.ctx, SiteContext::of(site));
        self.zones_used_changed(site, &old);
        self.redo_objects(site, PerObject::Device, vec![(fi, di)]);
        self.refresh_site_findings(site);
        if self.duplicated.contains(&floor.devices[di].id) {
            self.refresh_duplicates(site);
        }
    }

    /// After the devices' zones changed: redoes the zone rules of every zone that became used
    /// or unused, or used or unused by a face-recognition device. `old` is the context before,
    /// `self.ctx` already the new one.
    fn zones_used_changed(&mut self, site: &Site, old: &SiteContext) {
        let ctx = &self.ctx;
        if ctx.zones_named_by_any == old.zones_named_by_any
            && ctx.zones_named_by_fr == old.zones_named_by_fr
        {
            return;
        }
        let changed: HashSet<&String> = ctx
            .zones_named_by_any
            .symmetric_difference(&old.zones_named_by_any)
            .chain(
                ctx.zones_named_by_fr
                    .symmetric_difference(&old.zones_named_by_fr),
            )
            .collect();
        let zones: Vec<(usize, usize)> = site
            .floors
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| {
                f.zones
                    .iter()
                    .enumerate()
                    .filter(|(_, z)| changed.contains(&z.id))
                    .map(move |(zi, _)| (fi, zi))
            })
            .collect();
        let floors: Vec<usize> = zones.iter().map(|(fi, _)| *fi).collect();
        self.redo_objects(site, PerObject::Zone, zones);
        self.redo_floors(site, PerFloor::Signs, floors);
    }

    /// Recomputes the findings of these devices or zones, `(floor, index)`.
    fn redo_objects(&mut self, site: &Site, per: PerObject, mut list: Vec<(usize, usize)>) {
        list.sort_unstable();
        list.dedup();
        if list.is_empty() {
            return;
        }
        let (analysis, ctx) = (&self.analysis, &self.ctx);
        let found: Vec<Vec<Finding>> = list
            .par_iter()
            .map(|&(fi, i)| match per {
                PerObject::Device => rules::device_findings(site, analysis, ctx, fi, i),
                PerObject::Zone => rules::zone_findings(site, analysis, ctx, fi, i),
            })
            .collect();
        let mut new = Vec::new();
        for (&(fi, i), f) in list.iter().zip(found) {
            new.extend((0..f.len()).map(|k| per.slot(fi, i, k)));
            match per {
                PerObject::Device => self.device_findings[fi][i] = f,
                PerObject::Zone => self.zone_findings[fi][i] = f,
            }
        }
        self.refile(
            |s| {
                per.object_of(s)
                    .is_some_and(|at| list.binary_search(&at).is_ok())
            },
            new,
        );
    }

    /// Recomputes the sign or drawing findings of these floors.
    fn redo_floors(&mut self, site: &Site, per: PerFloor, mut floors: Vec<usize>) {
        floors.sort_unstable();
        floors.dedup();
        let mut new = Vec::new();
        for &fi in &floors {
            let found = match per {
                PerFloor::Signs => rules::sign_findings(site, &self.analysis, &self.ctx, fi),
                PerFloor::Plan => rules::plan_findings(site, &self.analysis, fi),
            };
            new.extend((0..found.len()).map(|k| per.slot(fi, k)));
            match per {
                PerFloor::Signs => self.sign_findings[fi] = found,
                PerFloor::Plan => self.plan_findings[fi] = found,
            }
        }
        self.refile(
            |s| per.floor_of(s).is_some_and(|f| floors.contains(&f)),
            new,
        );
    }

    /// Brings the findings up to date after the site's own fields changed (name, processor,
    /// venue, filing, retention, assessment, minors…). Only the site-wide rules read those
    /// (the device, zone and floor rules read the floors), so only they are recomputed. The
    /// face pixel density and the face and person heights change every camera's areas: that
    /// needs [`Checker::new`].
    ///
    /// Returns false, changing nothing, when those differ from the ones checked.
    pub fn site_fields_changed(&mut self, site: &Site) -> bool {
        if Optics::of(site) != self.optics {
            return false;
        }
        self.refresh_site_findings(site);
        true
    }

    /// Recomputes the site-wide findings that count devices or read site fields.
    fn refresh_site_findings(&mut self, site: &Site) {
        self.site_findings = rules::counted_site_findings(site, &self.analysis);
        let new = (0..self.site_findings.len()).map(Slot::Site).collect();
        self.refile(|s| matches!(s, Slot::Site(_)), new);
    }

    /// Recomputes the duplicate-id findings.
    fn refresh_duplicates(&mut self, site: &Site) {
        self.duplicate_findings = rules::duplicate_findings(site);
        self.duplicated = self
            .duplicate_findings
            .iter()
            .flat_map(|f| f.subjects.iter().cloned())
            .collect();
        let new = (0..self.duplicate_findings.len())
            .map(Slot::Duplicate)
            .collect();
        self.refile(|s| matches!(s, Slot::Duplicate(_)), new);
    }

    /// Brings the findings up to date after `steps`, changes to objects of the site's floors
    /// made in this order (set, inserted or removed walls, openings, spaces, devices, signs
    /// and zones). Returns false, changing nothing, when a step names a floor the checker
    /// does not have: check the site again with [`Checker::new`].
    pub fn objects_changed(&mut self, site: &Site, steps: &[Step]) -> bool {
        let floors = site.floors.len();
        if self.analysis.floors.len() != floors || steps.iter().any(|s| s.floor >= floors) {
            return false;
        }
        // Follow insertions and removals in the per-object lists, and count ids.
        let mut ids_touched = false;
        let mut zone_ids: HashSet<String> = HashSet::new();
        for step in steps {
            let (fi, change) = (step.floor, step.object.change);
            match step.object.kind {
                ObjectKind::Device => {
                    change.mirror(&mut self.device_findings[fi], Vec::new);
                    self.renumber(change, |s| match s {
                        Slot::Device(f, d, _) if *f == fi => Some(d),
                        _ => None,
                    });
                }
                ObjectKind::Zone => {
                    change.mirror(&mut self.zone_findings[fi], Vec::new);
                    self.renumber(change, |s| match s {
                        Slot::Zone(f, z, _) if *f == fi => Some(z),
                        _ => None,
                    });
                    zone_ids.extend(step.old_id.iter().cloned());
                    zone_ids.extend(step.new_id.iter().cloned());
                }
                _ => {}
            }
            if let Some(id) = &step.old_id {
                let n = self.ids.entry(id.clone()).or_default();
                ids_touched |= *n >= 2;
                *n = n.saturating_sub(1);
            }
            if let Some(id) = &step.new_id {
                let n = self.ids.entry(id.clone()).or_default();
                *n += 1;
                ids_touched |= *n >= 2;
            }
        }
        // Redo the analysis floor by floor.
        let mut edited: Vec<usize> = steps.iter().map(|s| s.floor).collect();
        edited.sort_unstable();
        edited.dedup();
        let mut devices: Vec<(usize, usize)> = Vec::new();
        let mut zones: Vec<(usize, usize)> = Vec::new();
        let optics = self.optics;
        for &fi in &edited {
            let changes: Vec<ObjectChange> = steps
                .iter()
                .filter(|s| s.floor == fi)
                .map(|s| s.object.clone())
                .collect();
            let floor = &site.floors[fi];
            let fa = &mut self.analysis.floors[fi];
            let patched = fa.patch(floor, &optics, &changes);
            let slack = mount_slack(fa.segments.max_half_thickness);
            devices.extend(patched.devices.iter().map(|&di| (fi, di)));
            devices.extend(
                floor
                    .devices
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| {
                        let reach = square(d.position, d.range.max(0.0) + slack);
                        patched.spaces.meets(reach) || patched.sign_spots.meets(reach)
                    })
                    .map(|(di, _)| (fi, di)),
            );
            zones.extend(patched.zones.iter().map(|&zi| (fi, zi)));
            zones.extend(
                fa.zones
                    .iter()
                    .enumerate()
                    .filter(|(_, za)| {
                        za.polygon
                            .as_ref()
                            .and_then(geo::BoundingRect::bounding_rect)
                            .is_some_and(|b| patched.spaces.meets(rect_box(&b)))
                    })
                    .map(|(zi, _)| (fi, zi)),
            );
        }
        // Zones whose id came or went: the devices naming them, on any floor.
        let ctx = SiteContext::of(site);
        zone_ids.extend(
            ctx.zone_ids
                .symmetric_difference(&self.ctx.zone_ids)
                .cloned(),
        );
        if !zone_ids.is_empty() {
            for (fi, floor) in site.floors.iter().enumerate() {
                devices.extend(
                    floor
                        .devices
                        .iter()
                        .enumerate()
                        .filter(|(_, d)| d.zone.as_ref().is_some_and(|z| zone_ids.contains(z)))
                        .map(|(di, _)| (fi, di)),
                );
            }
        }
        let old = std::mem::replace(&mut self.ctx, ctx);
        self.zones_used_changed(site, &old);
        self.redo_objects(site, PerObject::Device, devices);
        self.redo_objects(site, PerObject::Zone, zones);
        self.redo_floors(site, PerFloor::Signs, edited.clone());
        self.redo_floors(site, PerFloor::Plan, edited);
        self.refresh_site_findings(site);
        if ids_touched {
            self.refresh_duplicates(site);
        }
        true
    }

    /// Follows an insertion or removal in a list of objects whose findings `which` picks out
    /// of the slots (giving the object's number): drops a removed one's slots and moves the
    /// others'.
    fn renumber(&mut self, change: Change, which: impl Fn(&mut Slot) -> Option<&mut usize>) {
        if matches!(change, Change::Set(_)) {
            return;
        }
        self.sorted.retain_mut(|s| match which(s) {
            Some(object) => match change.moved(*object) {
                Some(moved) => {
                    *object = moved;
                    true
                }
                None => false,
            },
            None => true,
        });
    }

    /// Every finding, in the fixed order of [`rules::check`].
    pub fn findings(&self) -> Vec<&Finding> {
        self.sorted.iter().map(|s| self.get(*s)).collect()
    }
}
