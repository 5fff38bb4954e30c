//! Plan sanity: drawing mistakes and broken references, reported rather than refused so that
//! the rest of the plan is still checked.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;

use super::{named, Finding, RuleId, SiteContext};
use crate::analysis::FloorAnalysis;
use crate::geometry::polygon::PolygonProblem;
use crate::i18n::{Drawing, Message};
use crate::model::{Floor, Site};

fn drawing(p: PolygonProblem) -> Drawing {
    match p {
        PolygonProblem::TooFewPoints => Drawing::TooFewPoints,
        PolygonProblem::ZeroArea => Drawing::ZeroArea,
        PolygonProblem::SelfCrossing => Drawing::SelfCrossing,
    }
}

/// Where an id is defined: the floor index and a representative point.
type Definition = (Option<usize>, Option<[f64; 2]>);

/// PLAN-GEOMETRY for the drawing of one floor.
pub(super) fn floor(fi: usize, floor: &Floor, fa: &FloorAnalysis, out: &mut Vec<Finding>) {
    let on_floor = Some((fi, floor));
    let mut geometry = |what: &'static str, id: &str, at: Option<[f64; 2]>, problem: Drawing| {
        let mut f = Finding::new(
            RuleId::PlanGeometry,
            on_floor,
            vec![id.to_owned()],
            Message::Drawing {
                what,
                object: named(id, ""),
                problem,
            },
        );
        f.at = at;
        out.push(f);
    };
    for (s, problem) in floor.spaces.iter().zip(&fa.space_problems) {
        if let Some(p) = problem {
            geometry("space", &s.id, s.polygon.first().copied(), drawing(*p));
        }
    }
    for (z, problem) in floor.zones.iter().zip(&fa.zone_problems) {
        if let Some(p) = problem {
            geometry("zone", &z.id, z.polygon.first().copied(), drawing(*p));
        }
    }
    let mut has_segment = vec![false; floor.walls.len()];
    for s in &fa.segments.walls {
        if let Some(h) = has_segment.get_mut(s.wall) {
            *h = true; // dead segments (left by a patch) name no wall
        }
    }
    for (wi, w) in floor.walls.iter().enumerate() {
        if w.points.len() < 2 {
            geometry(
                "wall",
                &w.id,
                w.points.first().copied(),
                Drawing::WallTooFewPoints,
            );
        } else if !has_segment[wi] {
            geometry(
                "wall",
                &w.id,
                w.points.first().copied(),
                Drawing::WallZeroLength,
            );
        }
    }
    for (o, on_wall) in floor.openings.iter().zip(&fa.segments.opening_on_wall) {
        if !on_wall {
            geometry("opening", &o.id, Some(o.a), Drawing::OpeningOffWall);
        }
    }
    // PLAN-REVIEW: kinds guessed by the CAD importer that nobody has confirmed.
    for (si, s) in floor.spaces.iter().enumerate().filter(|(_, s)| s.review) {
        let at = fa
            .spaces
            .get(si)
            .and_then(|c| geo::InteriorPoint::interior_point(&c.polygon))
            .map(|p| [p.x(), p.y()])
            .or_else(|| s.polygon.first().copied());
        let mut f = Finding::new(
            RuleId::PlanReview,
            on_floor,
            vec![s.id.clone()],
            Message::PlanReview {
                space: super::named_space(floor, si),
            },
        );
        f.at = at;
        out.push(f);
    }
}

/// PLAN-REFERENCE for a device naming a zone that is not defined.
pub(super) fn device(
    fi: usize,
    floor: &Floor,
    di: usize,
    ctx: &SiteContext,
    out: &mut Vec<Finding>,
) {
    let d = &floor.devices[di];
    if let Some(z) = d.zone.as_deref() {
        if !ctx.zone_ids.contains(z) {
            out.push(
                Finding::new(
                    RuleId::PlanReference,
                    Some((fi, floor)),
                    vec![d.id.clone(), z.to_owned()],
                    Message::Dangling {
                        from: named(&d.id, &d.name),
                        id: z.to_owned(),
                    },
                )
                .at(d.position),
            );
        }
    }
}

/// PLAN-REFERENCE for ids defined more than once in the file.
pub(super) fn duplicates(site: &Site, out: &mut Vec<Finding>) {
    let mut all: Vec<(&str, Definition)> = Vec::new();
    for (fi, floor) in site.floors.iter().enumerate() {
        let f = Some(fi);
        all.push((floor.id.as_str(), (f, None)));
        all.extend(
            floor
                .walls
                .iter()
                .map(|w| (w.id.as_str(), (f, w.points.first().copied()))),
        );
        all.extend(
            floor
                .openings
                .iter()
                .map(|o| (o.id.as_str(), (f, Some(o.a)))),
        );
        all.extend(
            floor
                .spaces
                .iter()
                .map(|s| (s.id.as_str(), (f, s.polygon.first().copied()))),
        );
        all.extend(
            floor
                .devices
                .iter()
                .map(|d| (d.id.as_str(), (f, Some(d.position)))),
        );
        all.extend(
            floor
                .signs
                .iter()
                .map(|g| (g.id.as_str(), (f, Some(g.position)))),
        );
        all.extend(
            floor
                .zones
                .iter()
                .map(|z| (z.id.as_str(), (f, z.polygon.first().copied()))),
        );
    }
    let mut defined: HashMap<&str, Vec<Definition>> = HashMap::with_capacity(all.len());
    for (id, def) in all {
        defined.entry(id).or_default().push(def);
    }
    for (id, places) in defined {
        if places.len() > 1 {
            let (fi, at) = places[1];
            let mut f = Finding::new(
                RuleId::PlanReference,
                fi.map(|i| (i, &site.floors[i])),
                vec![id.to_owned()],
                Message::Duplicate {
                    id: id.to_owned(),
                    count: places.len(),
                },
            );
            f.at = at;
            out.push(f);
        }
    }
}

/// SITE-VENUE: devices on the plan and no venue, on which Decree 799 duties depend.
pub(super) fn venue(site: &Site, out: &mut Vec<Finding>) {
    let devices = site.floors.iter().map(|f| f.devices.len()).sum::<usize>();
    if devices > 0 && site.venue.is_none() {
        out.push(Finding::new(
            RuleId::SiteVenue,
            None,
            Vec::new(),
            Message::SiteVenue { devices },
        ));
    }
}
