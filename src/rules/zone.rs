//! Measures Art. 13 ¶1 and Art. 5 for each collection zone: no private space inside it,
//! prominent signs at its entrances that tell people what Art. 5 requires.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;

use geo::{BooleanOps, InteriorPoint};

use super::private::rects_overlap;
use super::{named, named_space, Finding, RuleId, SiteContext};
use crate::analysis::{area, Analysis, AREA_TOLERANCE_M2};
use crate::geometry::sign_coverage::merge_cells;
use crate::i18n::{Message, Prominence};
use crate::model::{Site, SpaceClass};

/// Smallest sign face that counts as prominent, in metres.
pub const MIN_SIGN_WIDTH_M: f64 = 0.3;
/// Smallest sign face that counts as prominent, in metres.
pub const MIN_SIGN_HEIGHT_M: f64 = 0.2;
/// Lowest and highest mounting height of a prominent sign, in metres.
pub const SIGN_MOUNT_RANGE_M: (f64, f64) = (1.0, 2.5);
const EPS: f64 = 1e-9;

fn total_length(stretches: &[[[f64; 2]; 2]]) -> f64 {
    stretches
        .iter()
        .map(|[a, b]| (b[0] - a[0]).hypot(b[1] - a[1]))
        .sum()
}

fn midpoint([a, b]: &[[f64; 2]; 2]) -> [f64; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

/// The zone rules for the zones of one floor.
pub(super) fn floor(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
    out: &mut Vec<Finding>,
) {
    for zi in 0..site.floors[fi].zones.len() {
        zone(site, analysis, ctx, fi, zi, out);
    }
    signs(site, analysis, ctx, fi, out);
}

/// Does the zone's signage count: is it named by a face-recognition device, with a polygon
/// and entrances?
fn signed_zone(
    zone: &crate::model::Zone,
    za: &crate::analysis::ZoneAnalysis,
    ctx: &SiteContext,
) -> bool {
    ctx.zones_named_by_any.contains(zone.id.as_str())
        && ctx.zones_named_by_fr.contains(zone.id.as_str())
        && za.polygon.is_some()
        && !za.entries.is_empty()
}

/// The zone rules for zone `zi` of floor `fi`: whether it is used, private spaces in it, and
/// its entrances' signs.
pub(super) fn zone(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
    zi: usize,
    out: &mut Vec<Finding>,
) {
    let (floor, fa) = (&site.floors[fi], &analysis.floors[fi]);
    let named_by_any = &ctx.zones_named_by_any;
    let named_by_fr = &ctx.zones_named_by_fr;
    let on_floor = Some((fi, floor));
    let (zone, za) = (&floor.zones[zi], &fa.zones[zi]);
    let zone_named = named(&zone.id, &zone.name);
    if !named_by_any.contains(zone.id.as_str()) {
        let mut f = Finding::new(
            RuleId::ZoneUnused,
            on_floor,
            vec![zone.id.clone()],
            Message::ZoneUnused { zone: zone_named },
        );
        f.at = za
            .polygon
            .as_ref()
            .and_then(|p| p.interior_point())
            .map(|p| [p.x(), p.y()])
            .or(zone.polygon.first().copied());
        out.push(f);
        return;
    }
    if !named_by_fr.contains(zone.id.as_str()) {
        return;
    }
    let Some(poly) = &za.polygon else { return };
    // A13-ZONE-PRIVATE
    let Some(zone_bbox) = geo::BoundingRect::bounding_rect(poly) else {
        return;
    };
    let candidates = fa.spaces.overlapping(
        [zone_bbox.min().x, zone_bbox.min().y],
        [zone_bbox.max().x, zone_bbox.max().y],
    );
    for s in candidates
        .into_iter()
        .filter(|s| s.class == SpaceClass::Private)
    {
        if !rects_overlap(&zone_bbox, &s.bbox) {
            continue;
        }
        let part = poly.intersection(&s.polygon);
        let a = area(&part);
        if a >= AREA_TOLERANCE_M2 {
            out.push(
                Finding::new(
                    RuleId::ZonePrivate,
                    on_floor,
                    vec![zone.id.clone(), floor.spaces[s.index].id.clone()],
                    Message::ZonePrivate {
                        zone: zone_named.clone(),
                        space: named_space(floor, s.index),
                        area_m2: a,
                    },
                )
                .with_region(part, a),
            );
        }
    }
    // Signs at the entrances.
    if za.entries.is_empty() {
        return;
    }
    let uncovered: Vec<_> = za
        .cells
        .iter()
        .zip(&za.covered_by)
        .filter(|(_, by)| by.is_empty())
        .map(|(c, _)| c)
        .collect();
    let to_pairs = |segs: Vec<[crate::geometry::V2; 2]>| -> Vec<[[f64; 2]; 2]> {
        segs.into_iter()
            .map(|[a, b]| [[a.x, a.y], [b.x, b.y]])
            .collect()
    };
    // No sign covers any entrance (NO-SIGN), or some entrances are left uncovered.
    let all_uncovered = uncovered.len() == za.cells.len();
    let stretches: Vec<[[f64; 2]; 2]> = if all_uncovered {
        za.entries
            .iter()
            .map(|e| [[e.a.x, e.a.y], [e.b.x, e.b.y]])
            .collect()
    } else {
        to_pairs(merge_cells(&uncovered))
    };
    if !stretches.is_empty() {
        let (count, length_m) = (stretches.len(), total_length(&stretches));
        let zone_msg = zone_named.clone();
        let (rule, message) = if all_uncovered {
            (
                RuleId::NoSign,
                Message::NoSign {
                    zone: zone_msg,
                    stretches: count,
                    length_m,
                },
            )
        } else {
            (
                RuleId::UnsignedEntry,
                Message::UnsignedEntry {
                    zone: zone_msg,
                    stretches: count,
                    length_m,
                },
            )
        };
        let mut f = Finding::new(rule, on_floor, vec![zone.id.clone()], message)
            .at(midpoint(&stretches[0]));
        f.stretches = Some(stretches);
        out.push(f);
    }
}

/// The prominence and notice rules for the signs of floor `fi` that cover some entrance of a
/// zone of the floor (a sign covering several zones is one finding naming them all).
pub(super) fn signs(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
    out: &mut Vec<Finding>,
) {
    let (floor, fa) = (&site.floors[fi], &analysis.floors[fi]);
    let on_floor = Some((fi, floor));
    // sign index → the zones (ids) whose entries it covers
    let mut covering: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (zone, za) in floor.zones.iter().zip(&fa.zones) {
        if !signed_zone(zone, za, ctx) {
            continue;
        }
        for signs in &za.covered_by {
            for &g in signs {
                let zones = covering.entry(g).or_default();
                if !zones.contains(&zone.id) {
                    zones.push(zone.id.clone());
                }
            }
        }
    }
    for (g, zones) in covering {
        let sign = &floor.signs[g];
        let sign_named = named(&sign.id, "");
        let mut subjects = vec![sign.id.clone()];
        subjects.extend(zones);
        let mut problems = Vec::new();
        if sign.width < MIN_SIGN_WIDTH_M - EPS || sign.height < MIN_SIGN_HEIGHT_M - EPS {
            problems.push(Prominence::TooSmall {
                width: sign.width,
                height: sign.height,
            });
        }
        if sign.mount_height < SIGN_MOUNT_RANGE_M.0 - EPS {
            problems.push(Prominence::TooLow {
                mount_height: sign.mount_height,
            });
        }
        if sign.mount_height > SIGN_MOUNT_RANGE_M.1 + EPS {
            problems.push(Prominence::TooHigh {
                mount_height: sign.mount_height,
            });
        }
        if !problems.is_empty() {
            out.push(
                Finding::new(
                    RuleId::SignProminence,
                    on_floor,
                    subjects.clone(),
                    Message::SignProminence {
                        sign: sign_named.clone(),
                        problems,
                    },
                )
                .at(sign.position),
            );
        }
        let missing = sign.notice.missing();
        if !missing.is_empty() {
            out.push(
                Finding::new(
                    RuleId::Notice,
                    on_floor,
                    subjects,
                    Message::Notice {
                        sign: sign_named,
                        missing,
                    },
                )
                .at(sign.position),
            );
        }
    }
}
