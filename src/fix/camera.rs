//! The nearest compliant setting of a camera that captures or films into a private space
//! (`A13-PRIVATE-VIEW`, `R799-A8-VIEW`) or captures outside its zone (`A13-OUTSIDE-ZONE`):
//! searched over the engine's exact area functions, one parameter at a time.
//!
//! - **heading**: turned 1°, 2°, … either way; the first turn that leaves every one of the
//!   device's area findings under 0.25 m² (of the two ways at that turn, the one keeping more);
//! - **field of view**: narrowed about the same heading, the widest whole degree that complies
//!   (a narrower wedge sees a subset, so the search halves the interval);
//! - **range**: shortened, the longest tenth of a metre that complies (likewise a subset);
//! - **tilt** (a camera that has one): steepened 1° at a time up to 90°.
//!
//! Of the settings found, the one that keeps most of what the camera watched wins (its zone
//! for face recognition, public places for an ordinary camera); on a tie, the order above.
//!
//! ```
//! use serde_json::json;
//! use sightline::fix::camera::{nearest, Parameter};
//! // A corridor camera at (5, 1) looking north through an open toilet door 2 m ahead.
//! let site: sightline::model::Site = serde_json::from_value(json!({
//!   "format": "sightline-site", "version": 1, "name": "t",
//!   "floors": [{ "id": "F1", "name": "1F",
//!     "walls": [{ "id": "w", "points": [[0, 2], [4.5, 2]], "thickness": 0.1 },
//!               { "id": "w2", "points": [[5.5, 2], [10, 2]], "thickness": 0.1 }],
//!     "spaces": [{ "id": "wc", "kind": "toilet", "polygon": [[0, 2], [10, 2], [10, 6], [0, 6]] },
//!                { "id": "hall", "kind": "public", "polygon": [[0, 0], [10, 0], [10, 2], [0, 2]] }],
//!     "devices": [{ "id": "c", "position": [5, 1], "heading": 90, "fov": 60, "range": 8,
//!                   "face_recognition": false }] }]
//! })).unwrap();
//! let analysis = sightline::analysis::Analysis::of(&site);
//! let best = nearest(&site, &analysis, 0, 0).unwrap();
//! // It must turn until the door leaves its view: more than a few degrees.
//! assert!(matches!(best.parameter, Parameter::Heading) || best.after.private_m2 < 0.25);
//! assert!(best.after.private_m2 < 0.25 && best.after.outside_m2 < 0.25);
//! ```

// Floor, device, sign and zone numbers here come from the analysis of the same site (one
// entry per object) or from its findings, never from a file; a slip is a bug for tests.
#![allow(clippy::indexing_slicing)]

use geo::{Area, BooleanOps, MultiPolygon};
use rayon::prelude::*;

use crate::analysis::{Analysis, DeviceAnalysis, Optics, AREA_TOLERANCE_M2};
use crate::geometry::clip::clip_convex;
use crate::model::{Device, Site, SpaceClass};
use crate::rules::private::private_overlaps_lazily;
use crate::rules::public::{outside_of_zone, zone_of};

use super::profile::Profile;

/// Which setting a suggestion changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parameter {
    Heading,
    Fov,
    Range,
    Tilt,
}

/// What a setting of a device does: the area rules' areas and what it watches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measure {
    /// The largest overlap with one private space (its capture for face recognition, its view
    /// for Decree 799), m².
    pub private_m2: f64,
    /// Its capture outside its zone (face recognition in a public place with a zone), m².
    pub outside_m2: f64,
    /// What it watches: capture ∩ its zone (face recognition) or view ∩ public places, m².
    pub watched_m2: f64,
}

impl Measure {
    /// No area finding of the device is left.
    pub fn complies(&self) -> bool {
        self.private_m2 < AREA_TOLERANCE_M2 && self.outside_m2 < AREA_TOLERANCE_M2
    }
}

/// The nearest compliant setting of one device.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    pub parameter: Parameter,
    /// The device with the new setting.
    pub device: Device,
    pub before: Measure,
    pub after: Measure,
}

impl Setting {
    /// The share of what it watched that it keeps (1 when it watched nothing).
    pub fn kept(&self) -> f64 {
        kept_share(self.before.watched_m2, self.after.watched_m2)
    }
}

/// Measures device `di` of floor `fi` as it would be set in `d`. A setting that does not
/// comply is measured only as far as it takes to know (its watched area is left at 0).
pub fn measure(site: &Site, analysis: &Analysis, fi: usize, d: &Device) -> Measure {
    let fa = &analysis.floors[fi];
    let optics = Optics::of(site);
    let da = DeviceAnalysis::of(d, &fa.segments, &fa.spaces, &optics);
    measured(site, analysis, fi, d, &da, true)
}

/// [`measure`] of a device already analysed, in full.
pub fn measure_analysed(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    d: &Device,
    da: &DeviceAnalysis,
) -> Measure {
    measured(site, analysis, fi, d, da, false)
}

fn measured(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    d: &Device,
    da: &DeviceAnalysis,
    stop_early: bool,
) -> Measure {
    let fa = &analysis.floors[fi];
    // A candidate stops at the first private space it sees too much of.
    let largest = |v: &mut dyn Iterator<Item = (usize, MultiPolygon<f64>, f64)>| {
        if stop_early {
            v.next().map_or(0.0, |(_, _, a)| a)
        } else {
            v.map(|(_, _, a)| a).fold(0.0, f64::max)
        }
    };
    let mut m = Measure {
        private_m2: largest(&mut private_overlaps_lazily(
            fa,
            d.position,
            &da.view,
            da.view_bbox,
            &da.inside_private,
        )),
        outside_m2: 0.0,
        watched_m2: 0.0,
    };
    let done = |m: &Measure| stop_early && !m.complies();
    if done(&m) {
        return m;
    }
    // The capture is the view when both bands agree (an untilted camera limited by its range).
    if d.face_recognition && da.capture_band != da.view_band {
        m.private_m2 = m.private_m2.max(largest(&mut private_overlaps_lazily(
            fa,
            d.position,
            &da.capture,
            da.capture_bbox,
            &da.inside_private,
        )));
        if done(&m) {
            return m;
        }
    }
    let zone = zone_of(site, d);
    if let Some((zfi, zi)) = zone.filter(|_| d.face_recognition && da.public_place) {
        m.outside_m2 = outside_of_zone(analysis, fi, zfi, zi, &da.capture).0;
        if done(&m) {
            return m;
        }
    }
    m.watched_m2 = watched(site, analysis, fi, d, da).0;
    m
}

/// What a device set as `d` (analysed as `da`) on floor `fi` watches, and of what, m²: its
/// capture ∩ its zone and the zone's area for face recognition (0 and 0 when its zone is on
/// another floor or has no polygon); its view ∩ the public spaces and their area otherwise.
pub fn watched(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    d: &Device,
    da: &DeviceAnalysis,
) -> (f64, f64) {
    let fa = &analysis.floors[fi];
    if d.face_recognition {
        let za = zone_of(site, d)
            .filter(|(zfi, _)| *zfi == fi)
            .map(|(zfi, zi)| &analysis.floors[zfi].zones[zi]);
        match za.and_then(|za| za.polygon.as_ref().map(|p| (p, za.convex))) {
            Some((poly, true)) => (clip_convex(&da.capture, poly).0, poly.unsigned_area()),
            Some((poly, false)) => (
                da.capture.intersection(poly).unsigned_area(),
                poly.unsigned_area(),
            ),
            None => (0.0, 0.0),
        }
    } else {
        (public_area(fa, &da.view, da.view_bbox), 0.0)
    }
}

/// The share of `before` m² that `after` m² keeps, 0–1 (1 when there was nothing to keep).
pub fn kept_share(before: f64, after: f64) -> f64 {
    if before <= 1e-9 {
        1.0
    } else {
        (after / before).clamp(0.0, 1.0)
    }
}

/// The area of `region` in the floor's public spaces, m².
pub fn public_area(
    fa: &crate::analysis::FloorAnalysis,
    region: &MultiPolygon<f64>,
    bbox: Option<geo::Rect<f64>>,
) -> f64 {
    let Some(b) = bbox else { return 0.0 };
    fa.spaces
        .overlapping([b.min().x, b.min().y], [b.max().x, b.max().y])
        .into_iter()
        .filter(|s| s.class == SpaceClass::Public)
        .map(|s| {
            if s.convex {
                clip_convex(region, &s.polygon).0
            } else {
                region.intersection(&s.polygon).unsigned_area()
            }
        })
        .sum()
}

/// The nearest compliant setting of device `di` of floor `fi`, or `None` when the device has
/// no area finding, or no single setting clears them (then only removing or moving it does).
pub fn nearest(site: &Site, analysis: &Analysis, fi: usize, di: usize) -> Option<Setting> {
    // Most kept wins; the options are in the order of preference, and the fold keeps the
    // first of equals (to a thousandth of the share).
    options(site, analysis, fi, di)
        .into_iter()
        .fold(None, |best: Option<Setting>, s| match best {
            Some(b) if b.kept() + 1e-3 >= s.kept() => Some(b),
            _ => Some(s),
        })
}

/// The smallest compliant change of each parameter (heading, field of view, range, tilt) of
/// device `di` of floor `fi`, those that exist, in that order.
pub fn options(site: &Site, analysis: &Analysis, fi: usize, di: usize) -> Vec<Setting> {
    let (Some(d), Some(da)) = (
        site.floors.get(fi).and_then(|f| f.devices.get(di)),
        analysis.floors.get(fi).and_then(|f| f.devices.get(di)),
    ) else {
        return Vec::new();
    };
    let before = measure_analysed(site, analysis, fi, d, da);
    if before.complies() {
        return Vec::new();
    }
    // Turns and narrower views the all-round profile finds clearly over the limit are not
    // swept again (see `profile`); everything else is measured by the engine.
    let profile = Profile::of(site, analysis, fi, d);
    let try_one = |parameter: Parameter, c: Device| {
        let after = profile
            .as_ref()
            .and_then(|p| p.rules_out(site, analysis, fi, &c))
            .unwrap_or_else(|| measure(site, analysis, fi, &c));
        Setting {
            parameter,
            device: c,
            before,
            after,
        }
    };
    let mut found: Vec<Setting> = Vec::new();
    // A setting keeping all it watched cannot be beaten (ties go to the earlier parameter).
    let whole = |found: &[Setting]| found.iter().any(|s| s.kept() >= 1.0 - 1e-9);
    found.extend(by_heading(d, &try_one));
    if whole(&found) {
        return found;
    }
    found.extend(by_bisection(d, Parameter::Fov, &try_one));
    if whole(&found) {
        return found;
    }
    found.extend(by_bisection(d, Parameter::Range, &try_one));
    if whole(&found) {
        return found;
    }
    found.extend(by_tilt(d, 1, &try_one));
    // When no single change keeps enough, a turn with a second change.
    if found.iter().all(|s| s.kept() < ENOUGH) {
        found.extend(turned_and(d, &try_one));
    }
    found
}

/// The share of what a camera watched that a single change should keep before turning and
/// changing a second setting together is tried.
pub const ENOUGH: f64 = 0.4;

/// A turn with a second change: every 10° of turn with the widest field of view, the longest
/// range and (a tilted camera) the shallowest tilt in 10° steps that comply; then the turns
/// within 9° of the best, 1° apart, with the best's second change. Of all, the one keeping
/// most, the smaller turn first among equals.
fn turned_and(
    d: &Device,
    try_one: &(dyn Fn(Parameter, Device) -> Setting + Sync),
) -> Option<Setting> {
    if d.fov >= 360.0 {
        return None;
    }
    let best_of = |a: Option<(i64, Setting)>, b: Option<(i64, Setting)>| match (a, b) {
        (Some(a), Some(b)) => {
            let better = b.1.kept() > a.1.kept() + 1e-3
                || ((b.1.kept() - a.1.kept()).abs() <= 1e-3 && b.0.abs() < a.0.abs());
            Some(if better { b } else { a })
        }
        (a, None) => a,
        (None, b) => b,
    };
    let at = |delta: i64, only: Option<Parameter>| -> Option<(i64, Setting)> {
        let mut turned = d.clone();
        turned.heading = (d.heading + delta as f64).rem_euclid(360.0);
        let wants = |p: Parameter| only.is_none_or(|o| o == p);
        let mut here: Vec<Setting> = Vec::new();
        if wants(Parameter::Fov) {
            here.extend(by_bisection(&turned, Parameter::Fov, try_one));
        }
        if wants(Parameter::Range) {
            here.extend(by_bisection(&turned, Parameter::Range, try_one));
        }
        if wants(Parameter::Tilt) {
            let step = if only.is_some() { 1 } else { 10 };
            here.extend(by_tilt(&turned, step, try_one));
        }
        here.into_iter()
            .map(|s| (delta, s))
            .fold(None, |b, x| best_of(b, Some(x)))
    };
    let coarse: Vec<i64> = (-17..=18).map(|k| k * 10).filter(|k| *k != 0).collect();
    let (delta, first) = coarse
        .par_iter()
        .map(|&k| at(k, None))
        .reduce(|| None, best_of)?;
    let parameter = first.parameter;
    let fine: Vec<i64> = (delta - 9..=delta + 9)
        .filter(|k| *k != delta && *k != 0)
        .collect();
    let refined = fine
        .par_iter()
        .map(|&k| at(k, Some(parameter)))
        .reduce(|| None, best_of);
    best_of(Some((delta, first)), refined).map(|(_, s)| s)
}

/// The smallest whole-degree turn either way that complies; of the two ways at that turn, the
/// one keeping more. Turns are tried in batches in parallel, the first batch holding a
/// compliant turn decides.
fn by_heading(
    d: &Device,
    try_one: &(dyn Fn(Parameter, Device) -> Setting + Sync),
) -> Option<Setting> {
    if d.fov >= 360.0 {
        return None;
    }
    const BATCH: i64 = 8;
    let turned = |delta: i64| {
        let mut c = d.clone();
        c.heading = (d.heading + delta as f64).rem_euclid(360.0);
        c
    };
    let mut start = 1;
    while start <= 180 {
        let end = (start + BATCH - 1).min(180);
        let hits: Vec<(i64, Setting)> = (start..=end)
            .into_par_iter()
            .flat_map_iter(|k| {
                let ways: &[i64] = if k == 180 { &[180] } else { &[k, -k] };
                ways.iter()
                    .map(|&delta| (k, try_one(Parameter::Heading, turned(delta))))
                    .collect::<Vec<_>>()
            })
            .filter(|(_, s)| s.after.complies())
            .collect();
        if let Some(k) = hits.iter().map(|(k, _)| *k).min() {
            return hits
                .into_iter()
                .filter(|(j, _)| *j == k)
                .map(|(_, s)| s)
                .fold(None, |best: Option<Setting>, s| match best {
                    Some(b) if b.after.watched_m2 >= s.after.watched_m2 => Some(b),
                    _ => Some(s),
                });
        }
        start = end + 1;
    }
    None
}

/// The shallowest steeper tilt that complies, trying every `step`-th whole degree above the
/// current one up to 90° (`None` for a camera without a tilt).
fn by_tilt(
    d: &Device,
    step: usize,
    try_one: &(dyn Fn(Parameter, Device) -> Setting + Sync),
) -> Option<Setting> {
    let t = d.tilt?;
    ((t.ceil() as i64 + 1)..=90).step_by(step).find_map(|k| {
        let mut c = d.clone();
        c.tilt = Some(k as f64);
        let s = try_one(Parameter::Tilt, c);
        s.after.complies().then_some(s)
    })
}

/// The largest field of view (whole degrees) or range (tenths of a metre) below the current
/// one that complies. Both areas only shrink as either does, so the interval is halved.
fn by_bisection(
    d: &Device,
    parameter: Parameter,
    try_one: &(dyn Fn(Parameter, Device) -> Setting + Sync),
) -> Option<Setting> {
    let (step, current) = match parameter {
        Parameter::Fov => (1.0, d.fov),
        Parameter::Range => (0.1, d.range),
        _ => return None,
    };
    let set = |k: i64| {
        let mut c = d.clone();
        let v = k as f64 * step;
        match parameter {
            Parameter::Fov => c.fov = v,
            _ => c.range = (v * 10.0).round() / 10.0,
        }
        c
    };
    // Steps from 1 to the last one below the current value.
    let top = ((current / step) - 1e-9).ceil() as i64 - 1;
    if top < 1 {
        return None;
    }
    let lowest = try_one(parameter, set(1));
    if !lowest.after.complies() {
        return None;
    }
    let (mut lo, mut best) = (1, lowest);
    let mut hi = top;
    while lo < hi {
        let mid = (lo + hi + 1) / 2;
        let s = try_one(parameter, set(mid));
        if s.after.complies() {
            lo = mid;
            best = s;
        } else {
            hi = mid - 1;
        }
    }
    Some(best)
}
