//! Plan sanity: drawing mistakes and broken references, reported rather than refused so that
//! the rest of the plan is still checked.

use std::collections::{BTreeMap, HashSet};

use super::{named, Finding, RuleId};
use crate::analysis::Analysis;
use crate::geometry::polygon::PolygonProblem;
use crate::i18n::{Drawing, Message};
use crate::model::Site;

fn drawing(p: PolygonProblem) -> Drawing {
    match p {
        PolygonProblem::TooFewPoints => Drawing::TooFewPoints,
        PolygonProblem::ZeroArea => Drawing::ZeroArea,
        PolygonProblem::SelfCrossing => Drawing::SelfCrossing,
    }
}

/// Where an id is defined: the floor index and a representative point.
type Definition = (Option<usize>, Option<[f64; 2]>);

pub(super) fn check(site: &Site, analysis: &Analysis, out: &mut Vec<Finding>) {
    // Where each id is defined: (floor index, representative point).
    let mut defined: BTreeMap<&str, Vec<Definition>> = BTreeMap::new();
    let mut zone_ids: HashSet<&str> = HashSet::new();
    for (fi, (floor, fa)) in site.floors.iter().zip(&analysis.floors).enumerate() {
        let on_floor = Some((fi, floor));
        defined
            .entry(floor.id.as_str())
            .or_default()
            .push((Some(fi), None));
        for w in &floor.walls {
            defined
                .entry(w.id.as_str())
                .or_default()
                .push((Some(fi), w.points.first().copied()));
        }
        for o in &floor.openings {
            defined
                .entry(o.id.as_str())
                .or_default()
                .push((Some(fi), Some(o.a)));
        }
        for s in &floor.spaces {
            defined
                .entry(s.id.as_str())
                .or_default()
                .push((Some(fi), s.polygon.first().copied()));
        }
        for d in &floor.devices {
            defined
                .entry(d.id.as_str())
                .or_default()
                .push((Some(fi), Some(d.position)));
        }
        for g in &floor.signs {
            defined
                .entry(g.id.as_str())
                .or_default()
                .push((Some(fi), Some(g.position)));
        }
        for z in &floor.zones {
            defined
                .entry(z.id.as_str())
                .or_default()
                .push((Some(fi), z.polygon.first().copied()));
            zone_ids.insert(z.id.as_str());
        }

        let mut geometry =
            |what: &'static str, id: &str, at: Option<[f64; 2]>, problem: Drawing| {
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
        for (wi, w) in floor.walls.iter().enumerate() {
            if w.points.len() < 2 {
                geometry(
                    "wall",
                    &w.id,
                    w.points.first().copied(),
                    Drawing::WallTooFewPoints,
                );
            } else if !fa.segments.walls.iter().any(|s| s.wall == wi) {
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
    }
    for (id, places) in &defined {
        if places.len() > 1 {
            let (fi, at) = places[1];
            let mut f = Finding::new(
                RuleId::PlanReference,
                fi.map(|i| (i, &site.floors[i])),
                vec![(*id).to_owned()],
                Message::Duplicate {
                    id: (*id).to_owned(),
                    count: places.len(),
                },
            );
            f.at = at;
            out.push(f);
        }
    }
    for (fi, floor) in site.floors.iter().enumerate() {
        for d in &floor.devices {
            if let Some(z) = d.zone.as_deref() {
                if !zone_ids.contains(z) {
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
    }
}
