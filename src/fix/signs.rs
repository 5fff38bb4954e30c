//! Where to put signs: at a zone's unsigned entrances (`A13-NO-SIGN`, `A13-UNSIGNED-ENTRY`)
//! and for ordinary cameras with no sign facing them (`R799-A13-SIGN`). Candidate positions
//! are few and concrete (above and beside each entrance, facing out; on the walls a camera
//! looks at, facing it); a greedy set cover picks as few as cover everything, each pick
//! measured by the engine's own coverage test.
//!
//! ```
//! use serde_json::json;
//! use sightline::fix::signs::for_zone;
//! // A 10 × 6 m zone whose only way in is a 2 m door in its south wall, with no sign.
//! let site: sightline::model::Site = serde_json::from_value(json!({
//!   "format": "sightline-site", "version": 1, "name": "t",
//!   "floors": [{ "id": "F1", "name": "1F",
//!     "walls": [{ "id": "w", "points": [[4, 0], [0, 0], [0, 6], [10, 6], [10, 0], [6, 0]],
//!                "thickness": 0.2 }],
//!     "spaces": [{ "id": "hall", "kind": "public", "polygon": [[0, 0], [10, 0], [10, 6], [0, 6]] }],
//!     "zones": [{ "id": "z", "polygon": [[0, 0], [10, 0], [10, 6], [0, 6]] }],
//!     "devices": [{ "id": "c", "position": [5, 5.9], "heading": 270, "fov": 90, "range": 6,
//!                   "face_recognition": true, "mode": "verification", "zone": "z" }] }]
//! })).unwrap();
//! let analysis = sightline::analysis::Analysis::of(&site);
//! let signs = for_zone(&site, &analysis, 0, 0);
//! assert_eq!(signs.len(), 1);
//! assert_eq!(signs[0].position, [5.0, 0.0]); // above the door, facing out (south)
//! assert_eq!(signs[0].facing, 270.0);
//! ```

// Floor, device, sign and zone numbers here come from the analysis of the same site (one
// entry per object) or from its findings, never from a file; a slip is a bug for tests.
#![allow(clippy::indexing_slicing)]

use crate::analysis::{Analysis, SignAnalysis, ZoneAnalysis};
use crate::geometry::primitives::{dir, len, v2, Seg, V2};
use crate::model::{Notice, Sign, Site};
use crate::rules::decree_799::sign_faces;

/// A new sign like the site's others (size, height, reading distance, text and notice of its
/// first sign, if any), at `position` facing `facing`°.
pub fn new_sign(site: &Site, id: String, position: V2, facing: f64, zone: bool) -> Sign {
    let like = site.floors.iter().flat_map(|f| &f.signs).next();
    let text = if zone {
        "人脸识别区域 Face recognition in use — 处理者/Processor, 目的/Purpose, 方式/Method, \
         保存期限/Retention, 权利/Rights, 联系/Contact"
    } else {
        "视频监控区域 CCTV in operation"
    };
    Sign {
        id,
        position: [round_mm(position.x), round_mm(position.y)],
        facing: facing.rem_euclid(360.0).round().rem_euclid(360.0) + 0.0,
        width: like.map_or(0.4, |s| s.width),
        height: like.map_or(0.3, |s| s.height),
        mount_height: like.map_or(1.8, |s| s.mount_height),
        readable_distance: like.map_or(6.0, |s| s.readable_distance),
        text: text.to_owned(),
        notice: Notice {
            processor: true,
            purpose: true,
            retention: true,
            rights: true,
            contact: true,
            method: true,
            necessity: true,
            extra: Default::default(),
        },
        extra: Default::default(),
    }
}

fn round_mm(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// An id not used by any object of the site: `g-fix-1`, `g-fix-2`, …
pub fn fresh_id(site: &Site, taken: &[String], n: &mut usize) -> String {
    loop {
        *n += 1;
        let id = format!("g-fix-{n}");
        let used = taken.contains(&id)
            || site.floors.iter().any(|f| {
                f.signs.iter().any(|s| s.id == id)
                    || f.devices.iter().any(|d| d.id == id)
                    || f.zones.iter().any(|z| z.id == id)
            });
        if !used {
            return id;
        }
    }
}

/// The signs that cover every unsigned entrance of zone `zi` of floor `fi` (empty when none
/// is unsigned, or when no candidate covers what is left).
pub fn for_zone(site: &Site, analysis: &Analysis, fi: usize, zi: usize) -> Vec<Sign> {
    let (Some(floor), Some(fa)) = (site.floors.get(fi), analysis.floors.get(fi)) else {
        return Vec::new();
    };
    let (Some(zone), Some(za)) = (floor.zones.get(zi), fa.zones.get(zi)) else {
        return Vec::new();
    };
    let uncovered = |za: &ZoneAnalysis| -> f64 {
        za.cells
            .iter()
            .zip(&za.covered_by)
            .filter(|(_, by)| by.is_empty())
            .map(|(c, _)| len(c.b - c.a))
            .sum()
    };
    if uncovered(za) < 1e-6 {
        return Vec::new();
    }
    // The signs that may read on this zone's entrances.
    let reach = za.reach();
    let near: Vec<SignAnalysis> = fa
        .signs
        .iter()
        .filter(|sa| match (reach, sa.reading_bbox) {
            (Some((lo, hi)), Some(b)) => {
                b.min().x <= hi[0] && lo[0] <= b.max().x && b.min().y <= hi[1] && lo[1] <= b.max().y
            }
            _ => false,
        })
        .cloned()
        .collect();
    // Candidates: above each entrance (its middle) and beside it (just inside either end,
    // and on the wall just past either end), all facing out of the zone.
    let mut n = 0;
    let mut candidates: Vec<(Sign, SignAnalysis)> = Vec::new();
    for e in &za.entries {
        let along = e.b - e.a;
        let l = len(along);
        if l < 1e-9 {
            continue;
        }
        let t = along * (1.0 / l);
        let facing = e.outward.y.atan2(e.outward.x).to_degrees();
        let inset = (0.15_f64).min(l / 2.0);
        for p in [
            e.a + along * 0.5,
            e.a + t * inset,
            e.b - t * inset,
            e.a - t * 0.3,
            e.b + t * 0.3,
        ] {
            let sign = new_sign(site, String::new(), p, facing, true);
            let sa = SignAnalysis::of(&sign, &fa.segments);
            candidates.push((sign, sa));
        }
    }
    // One analysis with every candidate beside the signs there are: its runs of entrance
    // cells are split wherever any sign's coverage starts or ends, so each run is covered by
    // a fixed set of candidates, and the cover is chosen on those runs.
    let problem = fa.zone_problems.get(zi).copied().flatten();
    let all: Vec<SignAnalysis> = near
        .iter()
        .cloned()
        .chain(candidates.iter().map(|(_, sa)| sa.clone()))
        .collect();
    let with_all = ZoneAnalysis::of(zone, problem, &fa.segments, &all);
    let mut runs: Vec<(f64, Vec<usize>)> = with_all
        .cells
        .iter()
        .zip(&with_all.covered_by)
        .filter(|(_, by)| by.iter().all(|&g| g >= near.len()))
        .map(|(c, by)| (len(c.b - c.a), by.iter().map(|&g| g - near.len()).collect()))
        .filter(|(l, _)| *l > 1e-9)
        .collect();
    if runs.iter().any(|(_, by)| by.is_empty()) {
        // Some stretch no candidate covers: no cover from here.
        return Vec::new();
    }
    let mut picked: Vec<usize> = Vec::new();
    while !runs.is_empty() {
        let gain = |c: usize| -> f64 {
            runs.iter()
                .filter(|(_, by)| by.contains(&c))
                .map(|(l, _)| l)
                .sum()
        };
        let best = (0..candidates.len())
            .filter(|c| !picked.contains(c))
            .map(|c| (c, gain(c)))
            .fold(None, |best: Option<(usize, f64)>, (c, g)| match best {
                Some((_, bg)) if bg >= g - 1e-9 => best,
                _ => Some((c, g)),
            });
        let Some((c, g)) = best else { break };
        if g <= 1e-9 {
            break;
        }
        picked.push(c);
        runs.retain(|(_, by)| !by.contains(&c));
    }
    if !runs.is_empty() {
        return Vec::new();
    }
    let mut taken: Vec<String> = Vec::new();
    picked
        .into_iter()
        .map(|c| {
            let mut sign = candidates[c].0.clone();
            sign.id = fresh_id(site, &taken, &mut n);
            taken.push(sign.id.clone());
            sign
        })
        .collect()
}

/// Signs for the ordinary cameras `dis` of floor `fi` that no sign faces: per sign, the
/// cameras it serves. Candidates are on the walls each camera looks at (every 30° about its
/// heading, the first wall within its range), facing the camera; a greedy cover picks them.
/// Cameras no candidate serves are left out.
pub fn for_cameras(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    dis: &[usize],
    taken: &[String],
    n: &mut usize,
) -> Vec<(Sign, Vec<usize>)> {
    let (Some(floor), Some(fa)) = (site.floors.get(fi), analysis.floors.get(fi)) else {
        return Vec::new();
    };
    let mut candidates: Vec<(Sign, Vec<usize>)> = Vec::new();
    for &di in dis {
        let (Some(d), Some(da)) = (floor.devices.get(di), fa.devices.get(di)) else {
            continue;
        };
        let origin = da.mount.probe;
        for k in -6..6 {
            let a = (d.heading + 30.0 * f64::from(k)).to_radians();
            let u = dir(a);
            let reach = d.range * 0.95;
            let ray = Seg::new(origin, origin + u * reach);
            let hit = fa
                .segments
                .sight_along(&ray)
                .into_iter()
                .filter_map(|p| p.seg.ray_hit(origin, u))
                .filter(|t| *t > 0.05 && *t <= reach)
                .fold(None, |m: Option<f64>, t| Some(m.map_or(t, |m| m.min(t))));
            let Some(t) = hit else { continue };
            let sign = new_sign(
                site,
                String::new(),
                origin + u * t,
                a.to_degrees() + 180.0,
                false,
            );
            let sa = SignAnalysis::of(&sign, &fa.segments);
            let serves: Vec<usize> = dis
                .iter()
                .copied()
                .filter(|&dj| {
                    floor
                        .devices
                        .get(dj)
                        .zip(fa.devices.get(dj))
                        .is_some_and(|(dd, dda)| sign_faces(fa, &sign, &sa, dd, dda))
                })
                .collect();
            if !serves.is_empty() {
                candidates.push((sign, serves));
            }
        }
    }
    let mut left: Vec<usize> = dis.to_vec();
    let mut out = Vec::new();
    let mut taken: Vec<String> = taken.to_vec();
    while !left.is_empty() {
        let best = candidates
            .iter()
            .enumerate()
            .map(|(i, (_, s))| (i, s.iter().filter(|d| left.contains(d)).count()))
            .fold(None, |best: Option<(usize, usize)>, (i, c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((i, c)),
            });
        let Some((i, c)) = best else { break };
        if c == 0 {
            break;
        }
        let (mut sign, serves) = candidates.remove(i);
        let serves: Vec<usize> = serves.into_iter().filter(|d| left.contains(d)).collect();
        left.retain(|d| !serves.contains(d));
        sign.id = fresh_id(site, &taken, n);
        taken.push(sign.id.clone());
        out.push((sign, serves));
    }
    out
}

/// The point of a sign, for messages: "(12.30, 0.00)".
pub fn at(s: &Sign) -> String {
    let p = v2(s.position);
    format!("({:.2}, {:.2})", p.x, p.y)
}
