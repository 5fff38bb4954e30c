//! Incremental checking: keep a site's analysis and findings, and after an edit to one device
//! recompute only what that edit can change. This is what keeps the editor smooth on a large
//! site while a camera is dragged.
//!
//! What a device edit can change:
//! - that device's analysis (mount, class, capture and view areas) and its own findings;
//! - the zone rules of the zones it names or named (whether a zone is used, and by an FR
//!   device), so those floors' zone findings are recomputed when that changed;
//! - the site-wide counts (R799-A14-FILING counts devices in public places).
//!
//! Nothing else reads a device: walls, spaces, signs and zones are untouched, and so are the
//! other devices' findings. An edit of the site's own fields ([`Checker::site_fields_changed`])
//! changes only the site-wide findings. [`Checker::findings`] always equals a full [`rules::check`]
//! (tested in `tests/scale.rs`).

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::HashSet;

use crate::analysis::{Analysis, DeviceAnalysis};
use crate::model::Site;
use crate::rules::{self, Finding, SiteContext};

/// A site's analysis and findings, kept up to date edit by edit.
#[derive(Clone, Debug)]
pub struct Checker {
    pub analysis: Analysis,
    ctx: SiteContext,
    /// Per floor, per device.
    device_findings: Vec<Vec<Vec<Finding>>>,
    /// Per floor: zones and drawing.
    floor_findings: Vec<Vec<Finding>>,
    /// Filing and retention (they count devices, so they are cheap to redo).
    site_findings: Vec<Finding>,
    /// Duplicate ids, which only a change of ids can change; the ids they name.
    duplicate_findings: Vec<Finding>,
    duplicated: HashSet<String>,
    /// The face pixel density the analysis was made with.
    face_density: f64,
    /// Every finding, as a slot, in the fixed order; kept sorted edit by edit so that listing
    /// the findings never sorts them all again.
    sorted: Vec<Slot>,
}

/// Where a finding is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Device(usize, usize, usize),
    Floor(usize, usize),
    Site(usize),
    Duplicate(usize),
}

impl Checker {
    /// Analyses and checks the whole site.
    pub fn new(site: &Site) -> Checker {
        let analysis = Analysis::of(site);
        let ctx = SiteContext::of(site);
        use rayon::prelude::*;
        let device_findings = site
            .floors
            .par_iter()
            .enumerate()
            .map(|(fi, floor)| {
                (0..floor.devices.len())
                    .into_par_iter()
                    .map(|di| rules::device_findings(site, &analysis, &ctx, fi, di))
                    .collect()
            })
            .collect();
        let floor_findings = (0..site.floors.len())
            .into_par_iter()
            .map(|fi| rules::floor_findings(site, &analysis, &ctx, fi))
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
            floor_findings,
            site_findings,
            duplicate_findings,
            duplicated,
            face_density: site.face_density,
            sorted: Vec::new(),
        };
        let mut slots: Vec<Slot> = Vec::new();
        for (fi, devices) in checker.device_findings.iter().enumerate() {
            for (di, found) in devices.iter().enumerate() {
                slots.extend((0..found.len()).map(|k| Slot::Device(fi, di, k)));
            }
        }
        for (fi, found) in checker.floor_findings.iter().enumerate() {
            slots.extend((0..found.len()).map(|k| Slot::Floor(fi, k)));
        }
        slots.extend((0..checker.site_findings.len()).map(Slot::Site));
        slots.extend((0..checker.duplicate_findings.len()).map(Slot::Duplicate));
        slots.sort_by(|a, b| rules::order(checker.get(*a), checker.get(*b)));
        checker.sorted = slots;
        checker
    }

    fn get(&self, slot: Slot) -> &Finding {
        match slot {
            Slot::Device(fi, di, k) => &self.device_findings[fi][di][k],
            Slot::Floor(fi, k) => &self.floor_findings[fi][k],
            Slot::Site(k) => &self.site_findings[k],
            Slot::Duplicate(k) => &self.duplicate_findings[k],
        }
    }

    /// Drops the slots `gone` says are stale, then files the new ones in order.
    fn refile(&mut self, gone: impl Fn(&Slot) -> bool, new: Vec<Slot>) {
        self.sorted.retain(|s| !gone(s));
        for slot in new {
            let f = self.get(slot);
            let at = self
                .sorted
                .partition_point(|s| rules::order(self.get(*s), f) != std::cmp::Ordering::Greater);
            self.sorted.insert(at, slot);
        }
    }

    /// Brings the findings up to date after device `di` of floor `fi` changed in any of its
    /// fields (moved, turned, re-zoned…). Adding or removing objects needs [`Checker::new`].
    pub fn device_changed(&mut self, site: &Site, fi: usize, di: usize) {
        let floor = &site.floors[fi];
        let fa = &mut self.analysis.floors[fi];
        fa.devices[di] = DeviceAnalysis::of(
            &floor.devices[di],
            &fa.segments,
            &fa.spaces,
            site.face_density,
        );
        let ctx = SiteContext::of(site);
        if ctx.zones_named_by_any != self.ctx.zones_named_by_any
            || ctx.zones_named_by_fr != self.ctx.zones_named_by_fr
        {
            // Some zone became used or unused: redo the zone rules of the floors holding it.
            let changed: HashSet<String> = ctx
                .zones_named_by_any
                .symmetric_difference(&self.ctx.zones_named_by_any)
                .chain(
                    ctx.zones_named_by_fr
                        .symmetric_difference(&self.ctx.zones_named_by_fr),
                )
                .cloned()
                .collect();
            for (zfi, zfloor) in site.floors.iter().enumerate() {
                if zfloor.zones.iter().any(|z| changed.contains(&z.id)) {
                    self.floor_findings[zfi] =
                        rules::floor_findings(site, &self.analysis, &ctx, zfi);
                    let new = (0..self.floor_findings[zfi].len())
                        .map(|k| Slot::Floor(zfi, k))
                        .collect();
                    self.refile(|s| matches!(s, Slot::Floor(f, _) if *f == zfi), new);
                }
            }
        }
        self.ctx = ctx;
        self.device_findings[fi][di] =
            rules::device_findings(site, &self.analysis, &self.ctx, fi, di);
        let new = (0..self.device_findings[fi][di].len())
            .map(|k| Slot::Device(fi, di, k))
            .collect();
        self.refile(
            |s| matches!(s, Slot::Device(f, d, _) if (*f, *d) == (fi, di)),
            new,
        );
        self.refresh_site_findings(site);
        if self.duplicated.contains(&floor.devices[di].id) {
            self.duplicate_findings = rules::duplicate_findings(site);
            let new = (0..self.duplicate_findings.len())
                .map(Slot::Duplicate)
                .collect();
            self.refile(|s| matches!(s, Slot::Duplicate(_)), new);
        }
    }

    /// Brings the findings up to date after the site's own fields changed (name, processor,
    /// venue, filing, retention, assessment, minors…). Only the site-wide rules read those
    /// (the device, zone and floor rules read the floors), so only they are recomputed. The
    /// face pixel density changes every face-capture area: that needs [`Checker::new`].
    ///
    /// Returns false, changing nothing, when the face density differs from the one checked.
    pub fn site_fields_changed(&mut self, site: &Site) -> bool {
        if site.face_density != self.face_density {
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

    /// Every finding, in the fixed order of [`rules::check`].
    pub fn findings(&self) -> Vec<&Finding> {
        self.sorted.iter().map(|s| self.get(*s)).collect()
    }
}
