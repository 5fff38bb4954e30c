//! Walls as straight segments, with the openings cut out of them, and indexed by position.
//!
//! A wall polyline becomes one [`WallSeg`] per non-zero-length piece. An opening lies on a wall
//! segment when both its ends are within the wall's half thickness (at least 1 cm) of the
//! segment's line and its projection overlaps the segment; the overlap is cut out of the
//! *sight* blockers for every kind but an obscured (frosted) window, and out of the *walk*
//! blockers for doors and openings.
//!
//! With [`Search::Indexed`] (the default) every list is kept in an R*-tree so that nearby walls
//! are found without looking at the others, and sight blockers that cross each other are split
//! at the crossing once per floor, so visibility never has to look for crossings.
//! [`Search::BruteForce`] keeps neither: every query returns every segment, and crossings are
//! found by the visibility sweep itself. It exists as the simple reference the fast path is
//! tested against.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

use rayon::prelude::*;

use super::index::BoxIndex;
use super::primitives::{cross, len, v2, Seg, V2};
use crate::model::Floor;

/// Smallest tolerance used to decide that an opening lies on a wall, in metres.
pub const MIN_ON_WALL_TOLERANCE_M: f64 = 0.01;

/// How nearby segments (and spaces) are found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Search {
    /// Spatial indexes, crossings split in advance.
    #[default]
    Indexed,
    /// Every query returns everything; crossings found during each sweep.
    BruteForce,
}

/// One straight piece of a wall polyline, uncut.
#[derive(Clone, Copy, Debug)]
pub struct WallSeg {
    pub seg: Seg,
    /// Index into `floor.walls`.
    pub wall: usize,
    pub half_thickness: f64,
}

/// A part of a wall segment that blocks, after openings are cut out.
#[derive(Clone, Copy, Debug)]
pub struct Piece {
    pub seg: Seg,
    /// Index into [`FloorSegments::walls`] of the wall segment it was cut from.
    pub source: usize,
}

/// The segments of one floor.
#[derive(Clone, Debug, Default)]
pub struct FloorSegments {
    /// Every wall segment, uncut (used to find what a device is mounted on).
    pub walls: Vec<WallSeg>,
    /// What blocks sight: walls minus every opening.
    pub sight: Vec<Piece>,
    /// What blocks walking: walls minus doors and openings (windows still block).
    pub walk: Vec<Piece>,
    /// Per opening of the floor: does it lie on some wall?
    pub opening_on_wall: Vec<bool>,
    /// Half the thickness of the thickest wall.
    pub max_half_thickness: f64,
    /// True when no two sight pieces cross (they may still touch).
    pub sight_split: bool,
    search: Search,
    /// One index over the uncut wall segments serves every query: a wall segment's box holds
    /// all the pieces cut from it, found through `sight_of` and `walk_of`.
    wall_index: BoxIndex,
    /// Per wall segment: the range of `sight` holding its pieces.
    sight_of: Vec<Range<usize>>,
    /// Per wall segment: the range of `walk` holding its pieces.
    walk_of: Vec<Range<usize>>,
}

impl FloorSegments {
    /// Cuts the floor's walls into blocking pieces.
    ///
    /// ```
    /// use sightline::geometry::segments::{FloorSegments, Search};
    /// let floor: sightline::model::Floor = serde_json::from_value(serde_json::json!({
    ///     "id": "F1",
    ///     "walls": [{ "id": "w", "points": [[0, 0], [10, 0]] }],
    ///     "openings": [{ "id": "d", "kind": "door", "a": [4, 0], "b": [5, 0] }]
    /// })).unwrap();
    /// let segs = FloorSegments::build(&floor, Search::Indexed);
    /// assert_eq!(segs.walls.len(), 1);
    /// assert_eq!(segs.sight.len(), 2); // 0–4 and 5–10
    /// assert!(segs.opening_on_wall[0]);
    /// ```
    pub fn build(floor: &Floor, search: Search) -> FloorSegments {
        let mut walls = Vec::new();
        for (wi, wall) in floor.walls.iter().enumerate() {
            for pair in wall.points.windows(2) {
                let seg = Seg::new(v2(pair[0]), v2(pair[1]));
                if seg.length() > 1e-9 {
                    walls.push(WallSeg {
                        seg,
                        wall: wi,
                        half_thickness: wall.thickness / 2.0,
                    });
                }
            }
        }
        let max_half_thickness = walls.iter().map(|w| w.half_thickness).fold(0.0, f64::max);
        let mut out = FloorSegments {
            wall_index: match search {
                Search::Indexed => BoxIndex::of_segments(walls.iter().map(|w| &w.seg)),
                Search::BruteForce => BoxIndex::default(),
            },
            walls,
            max_half_thickness,
            search,
            ..FloorSegments::default()
        };
        let n = out.walls.len();
        let mut sight_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
        let mut walk_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
        out.opening_on_wall = vec![false; floor.openings.len()];
        let reach = max_half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
        // Which wall segments each opening cuts, found in parallel, then filed in opening
        // order (the cuts of a segment are sorted later, so the order only keeps runs alike).
        let found: Vec<Vec<(usize, (f64, f64))>> = floor
            .openings
            .par_iter()
            .map(|opening| {
                let (oa, ob) = (v2(opening.a), v2(opening.b));
                if len(ob - oa) <= 1e-9 {
                    return Vec::new();
                }
                out.walls_in(bbox_grown(&Seg::new(oa, ob), reach))
                    .into_iter()
                    .filter_map(|si| Some((si, cut_on(&out.walls[si], oa, ob)?)))
                    .collect()
            })
            .collect();
        for ((oi, opening), cuts) in floor.openings.iter().enumerate().zip(found) {
            for (si, cut) in cuts {
                out.opening_on_wall[oi] = true;
                if opening.see_through() {
                    sight_cuts[si].push(cut);
                }
                if opening.kind.walkable() {
                    walk_cuts[si].push(cut);
                }
            }
        }
        let sight = pieces(&out.walls, &mut sight_cuts);
        out.walk = pieces(&out.walls, &mut walk_cuts);
        out.walk_of = ranges_by_source(&out.walk, n);
        if search == Search::Indexed {
            let before = ranges_by_source(&sight, n);
            let index = &out.wall_index;
            out.sight = split_crossings(sight, |s| {
                index.along(s).flat_map(|w| before[w].clone()).collect()
            });
            out.sight_split = true;
        } else {
            out.sight = sight;
        }
        out.sight_of = ranges_by_source(&out.sight, n);
        out
    }

    fn walls_in(&self, (min, max): ([f64; 2], [f64; 2])) -> Vec<usize> {
        match self.search {
            Search::Indexed => self.wall_index.in_box(min, max).collect(),
            Search::BruteForce => (0..self.walls.len()).collect(),
        }
    }

    /// The pieces (indices into the list that `of` ranges over) cut from wall segments in a box.
    fn pieces_in(&self, of: &[Range<usize>], count: usize, b: ([f64; 2], [f64; 2])) -> Vec<usize> {
        match self.search {
            Search::Indexed => self
                .wall_index
                .in_box(b.0, b.1)
                .flat_map(|w| of[w].clone())
                .collect(),
            Search::BruteForce => (0..count).collect(),
        }
    }

    /// Indices of the wall segments that may lie within `r` of `p` (a superset).
    pub fn walls_near(&self, p: V2, r: f64) -> Vec<usize> {
        self.walls_in(square(p, r))
    }

    /// The sight blockers that may lie within `r` of `p` (a superset).
    pub fn sight_near(&self, p: V2, r: f64) -> Vec<&Piece> {
        let idx = self.pieces_in(&self.sight_of, self.sight.len(), square(p, r));
        idx.into_iter().map(|i| &self.sight[i]).collect()
    }

    /// The sight blockers that may meet the segment `s` (a superset).
    pub fn sight_along(&self, s: &Seg) -> Vec<&Piece> {
        let idx = self.pieces_in(&self.sight_of, self.sight.len(), bbox_grown(s, 0.0));
        idx.into_iter().map(|i| &self.sight[i]).collect()
    }

    /// The walking blockers that may meet the box around `s` grown by `margin` (a superset).
    pub fn walk_along(&self, s: &Seg, margin: f64) -> Vec<Seg> {
        let idx = self.pieces_in(&self.walk_of, self.walk.len(), bbox_grown(s, margin));
        idx.into_iter().map(|i| self.walk[i].seg).collect()
    }

    /// The walking blockers that may meet the box `min`–`max` (a superset).
    pub fn walk_in_box(&self, min: [f64; 2], max: [f64; 2]) -> Vec<Seg> {
        let idx = self.pieces_in(&self.walk_of, self.walk.len(), (min, max));
        idx.into_iter().map(|i| self.walk[i].seg).collect()
    }
}

/// Per wall segment, the range of `pieces` cut from it (pieces come in source order).
fn ranges_by_source(pieces: &[Piece], sources: usize) -> Vec<Range<usize>> {
    let mut out = vec![0..0; sources];
    let mut i = 0;
    while i < pieces.len() {
        let src = pieces[i].source;
        let start = i;
        while i < pieces.len() && pieces[i].source == src {
            i += 1;
        }
        out[src] = start..i;
    }
    out
}

fn square(p: V2, r: f64) -> ([f64; 2], [f64; 2]) {
    ([p.x - r, p.y - r], [p.x + r, p.y + r])
}

fn bbox_grown(s: &Seg, m: f64) -> ([f64; 2], [f64; 2]) {
    (
        [s.a.x.min(s.b.x) - m, s.a.y.min(s.b.y) - m],
        [s.a.x.max(s.b.x) + m, s.a.y.max(s.b.y) + m],
    )
}

/// The part of `ws` (as parameters 0..1) covered by the opening oa–ob, if it lies on it.
fn cut_on(ws: &WallSeg, oa: V2, ob: V2) -> Option<(f64, f64)> {
    let tol = ws.half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
    let line_dist = |p: V2| {
        let d = ws.seg.b - ws.seg.a;
        cross(d, p - ws.seg.a).abs() / len(d)
    };
    if line_dist(oa) > tol || line_dist(ob) > tol {
        return None;
    }
    let ta = ws.seg.project_param(oa);
    let tb = ws.seg.project_param(ob);
    let (lo, hi) = (ta.min(tb).max(0.0), ta.max(tb).min(1.0));
    if (hi - lo) * ws.seg.length() > 1e-6 {
        Some((lo, hi))
    } else {
        None
    }
}

fn pieces(walls: &[WallSeg], cuts: &mut [Vec<(f64, f64)>]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(walls.len());
    for (si, ws) in walls.iter().enumerate() {
        let c = &mut cuts[si];
        c.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut t = 0.0;
        let min_t = 1e-9 / ws.seg.length();
        let d = ws.seg.b - ws.seg.a;
        let mut push = |t0: f64, t1: f64| {
            if t1 - t0 > min_t {
                out.push(Piece {
                    seg: Seg::new(ws.seg.a + d * t0, ws.seg.a + d * t1),
                    source: si,
                });
            }
        };
        for &(lo, hi) in c.iter() {
            if lo > t {
                push(t, lo);
            }
            t = t.max(hi);
        }
        if t < 1.0 {
            push(t, 1.0);
        }
    }
    out
}

/// Splits pieces whose interiors cross at the crossing point, so that afterwards pieces only
/// touch. Each crossing point is computed once and shared by both pieces. `candidates(s)`
/// gives the indices of the pieces that may meet `s`.
fn split_crossings(
    pieces: Vec<Piece>,
    candidates: impl Fn(&Seg) -> Vec<usize> + Sync,
) -> Vec<Piece> {
    // Pieces of one wall segment come together and share its box: ask once per run.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let src = pieces[i].source;
        let mut end = i;
        while end < pieces.len() && pieces[end].source == src {
            end += 1;
        }
        runs.push(i..end);
        i = end;
    }
    // The crossings, found run by run in parallel: (piece, other piece, point).
    let crossings: Vec<(usize, usize, V2)> = runs
        .into_par_iter()
        .flat_map_iter(|run| {
            let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
            for p in &pieces[run.clone()] {
                let s = &p.seg;
                min = [min[0].min(s.a.x).min(s.b.x), min[1].min(s.a.y).min(s.b.y)];
                max = [max[0].max(s.a.x).max(s.b.x), max[1].max(s.a.y).max(s.b.y)];
            }
            let near = candidates(&Seg::new(v2(min), v2(max)));
            let mut found = Vec::new();
            for pi in run {
                for &j in near.iter().filter(|&&j| j > pi) {
                    if let Some(x) = proper_crossing(&pieces[pi].seg, &pieces[j].seg) {
                        found.push((pi, j, x));
                    }
                }
            }
            found
        })
        .collect();
    let mut cuts: Vec<Vec<V2>> = vec![Vec::new(); pieces.len()];
    for (pi, j, x) in crossings {
        cuts[pi].push(x);
        cuts[j].push(x);
    }
    let mut out = Vec::with_capacity(pieces.len());
    for (p, mut c) in pieces.into_iter().zip(cuts) {
        if c.is_empty() {
            out.push(p);
            continue;
        }
        c.sort_by(|x, y| p.seg.project_param(*x).total_cmp(&p.seg.project_param(*y)));
        let mut from = p.seg.a;
        for x in c.into_iter().chain(std::iter::once(p.seg.b)) {
            if len(x - from) > 1e-12 {
                out.push(Piece {
                    seg: Seg::new(from, x),
                    source: p.source,
                });
                from = x;
            }
        }
    }
    out
}

/// The point where the interiors of two segments cross (not where one merely touches the other).
fn proper_crossing(s: &Seg, t: &Seg) -> Option<V2> {
    const EPS: f64 = 1e-9;
    let (u, v) = s.crossing_params(t)?;
    if u > EPS && u < 1.0 - EPS && v > EPS && v < 1.0 - EPS {
        Some(s.a + (s.b - s.a) * u)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_walls_are_split_once_at_the_shared_point() {
        let floor: Floor = serde_json::from_value(serde_json::json!({
            "id": "F",
            "walls": [{ "id": "a", "points": [[0, 0], [10, 0]] }, { "id": "b", "points": [[5, -5], [5, 5]] },
                      { "id": "c", "points": [[10, 0], [10, 5]] }]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let indexed = FloorSegments::build(&floor, Search::Indexed);
        assert_eq!(
            indexed.sight.len(),
            5,
            "a and b split in two, c touches only"
        );
        assert!(indexed.sight_split);
        let brute = FloorSegments::build(&floor, Search::BruteForce);
        assert_eq!(brute.sight.len(), 3);
        assert_eq!(brute.walls_near(v2([100.0, 100.0]), 1.0).len(), 3);
        assert_eq!(indexed.walls_near(v2([100.0, 100.0]), 1.0).len(), 0);
    }
}
