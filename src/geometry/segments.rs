//! Walls as straight segments, with the openings cut out of them.
//!
//! A wall polyline becomes one [`WallSeg`] per non-zero-length piece. An opening lies on a wall
//! segment when both its ends are within the wall's half thickness (at least 1 cm) of the
//! segment's line and its projection overlaps the segment; the overlap is cut out of the
//! *sight* blockers for every kind, and out of the *walk* blockers for doors and openings.

use crate::model::Floor;

use super::primitives::{len, v2, Seg};

/// Smallest tolerance used to decide that an opening lies on a wall, in metres.
pub const MIN_ON_WALL_TOLERANCE_M: f64 = 0.01;

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
}

impl FloorSegments {
    /// Cuts the floor's walls into blocking pieces.
    ///
    /// ```
    /// use sightline::geometry::segments::FloorSegments;
    /// let floor: sightline::model::Floor = serde_json::from_value(serde_json::json!({
    ///     "id": "F1",
    ///     "walls": [{ "id": "w", "points": [[0, 0], [10, 0]] }],
    ///     "openings": [{ "id": "d", "kind": "door", "a": [4, 0], "b": [5, 0] }]
    /// })).unwrap();
    /// let segs = FloorSegments::build(&floor);
    /// assert_eq!(segs.walls.len(), 1);
    /// assert_eq!(segs.sight.len(), 2); // 0–4 and 5–10
    /// assert!(segs.opening_on_wall[0]);
    /// ```
    pub fn build(floor: &Floor) -> FloorSegments {
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
        let mut sight_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); walls.len()];
        let mut walk_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); walls.len()];
        let mut opening_on_wall = vec![false; floor.openings.len()];
        for (oi, opening) in floor.openings.iter().enumerate() {
            let (oa, ob) = (v2(opening.a), v2(opening.b));
            if len(ob - oa) <= 1e-9 {
                continue;
            }
            for (si, ws) in walls.iter().enumerate() {
                if let Some(cut) = cut_on(ws, oa, ob) {
                    opening_on_wall[oi] = true;
                    sight_cuts[si].push(cut);
                    if opening.kind.walkable() {
                        walk_cuts[si].push(cut);
                    }
                }
            }
        }
        let sight = pieces(&walls, &mut sight_cuts);
        let walk = pieces(&walls, &mut walk_cuts);
        FloorSegments {
            walls,
            sight,
            walk,
            opening_on_wall,
        }
    }
}

/// The part of `ws` (as parameters 0..1) covered by the opening oa–ob, if it lies on it.
fn cut_on(ws: &WallSeg, oa: super::V2, ob: super::V2) -> Option<(f64, f64)> {
    let tol = ws.half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
    let line_dist = |p: super::V2| {
        let d = ws.seg.b - ws.seg.a;
        super::primitives::cross(d, p - ws.seg.a).abs() / len(d)
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
