//! Where a zone can be walked into.
//!
//! A point on the zone's boundary is an *entry point* when the segment from 0.3 m outside to
//! 0.3 m inside, along the boundary's normal, crosses no wall except through a door or an
//! opening. We compute this exactly rather than by sampling: along one boundary edge those
//! normal segments sweep a 0.6 m band, a wall piece blocks exactly the part of the edge it
//! overlaps when projected onto the edge inside that band, and the entry points are what is
//! left. Free stretches shorter than [`MIN_ENTRY_WIDTH_M`] are drafting gaps (walls drawn not
//! quite meeting), not a way in, and are dropped.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::primitives::{cross, dot, len, v2, Seg, V2};
use super::segments::Body;
use crate::model::Point;

/// Half the length of the normal segment tested at a boundary point, in metres.
pub const CROSSING_HALF_LENGTH_M: f64 = 0.3;
/// Free boundary stretches narrower than this are ignored, in metres.
pub const MIN_ENTRY_WIDTH_M: f64 = 0.05;

/// A stretch of a zone's boundary that people can walk across.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntryStretch {
    /// Index of the boundary edge (edge i runs from vertex i to vertex i+1, counter-clockwise).
    pub edge: usize,
    pub a: V2,
    pub b: V2,
    /// Unit normal pointing out of the zone.
    pub outward: V2,
}

impl EntryStretch {
    /// Length in metres.
    pub fn length(&self) -> f64 {
        len(self.b - self.a)
    }
}

/// The zone polygon's vertices in counter-clockwise order.
pub fn ccw(points: &[Point]) -> Vec<Point> {
    let mut pts = super::polygon::cleaned(points);
    if super::polygon::signed_area(&pts) < 0.0 {
        pts.reverse();
    }
    pts
}

/// The entry stretches of a zone, given the walking blockers (walls minus doors and openings).
///
/// ```
/// use sightline::geometry::{entry::entry_stretches, Seg, primitives::v2};
/// // A 4 m square zone whose south side is a wall with a 1 m door gap from x = 1 to 2.
/// let zone = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
/// let walls = [Seg::new(v2([0.0, 0.0]), v2([1.0, 0.0])), Seg::new(v2([2.0, 0.0]), v2([4.0, 0.0])),
///              Seg::new(v2([4.0, 0.0]), v2([4.0, 4.0])), Seg::new(v2([4.0, 4.0]), v2([0.0, 4.0])),
///              Seg::new(v2([0.0, 4.0]), v2([0.0, 0.0]))];
/// let e = entry_stretches(&zone, &walls);
/// assert_eq!(e.len(), 1);
/// assert!((e[0].length() - 1.0).abs() < 1e-9);
/// ```
pub fn entry_stretches(zone: &[Point], walk_blockers: &[Seg]) -> Vec<EntryStretch> {
    let pts = ccw(zone);
    let n = pts.len();
    let mut out = Vec::new();
    if n < 3 {
        return out;
    }
    let h = CROSSING_HALF_LENGTH_M;
    for i in 0..n {
        let (a, b) = (v2(pts[i]), v2(pts[(i + 1) % n]));
        let length = len(b - a);
        if length < 1e-9 {
            continue;
        }
        let u = (b - a) / length;
        let outward = V2 { x: u.y, y: -u.x };
        let mut blocked: Vec<(f64, f64)> = Vec::new();
        for w in walk_blockers {
            // Local coordinates: t along the edge, s along the outward normal.
            let (t0, s0) = (dot(w.a - a, u), dot(w.a - a, outward));
            let (t1, s1) = (dot(w.b - a, u), dot(w.b - a, outward));
            if (t0 < 0.0 && t1 < 0.0) || (t0 > length && t1 > length) {
                continue;
            }
            // Clip the wall to the band |s| ≤ h.
            let (mut lo, mut hi) = (0.0f64, 1.0f64);
            let ds = s1 - s0;
            if ds == 0.0 {
                if s0.abs() > h {
                    continue;
                }
            } else {
                let (ea, eb) = ((-h - s0) / ds, (h - s0) / ds);
                lo = lo.max(ea.min(eb));
                hi = hi.min(ea.max(eb));
                if lo > hi {
                    continue;
                }
            }
            let (ta, tb) = (t0 + (t1 - t0) * lo, t0 + (t1 - t0) * hi);
            let (bl, bh) = (ta.min(tb).max(0.0), ta.max(tb).min(length));
            if bl <= bh {
                blocked.push((bl, bh));
            }
        }
        blocked.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut t = 0.0f64;
        let mut emit = |from: f64, to: f64| {
            if to - from >= MIN_ENTRY_WIDTH_M {
                out.push(EntryStretch {
                    edge: i,
                    a: a + u * from,
                    b: a + u * to,
                    outward,
                });
            }
        };
        for (bl, bh) in blocked {
            if bl > t {
                emit(t, bl);
            }
            t = t.max(bh);
        }
        if t < length {
            emit(t, length);
        }
    }
    out
}

/// Where an approach line starts, outside the boundary, in metres.
pub const APPROACH_NEAR_M: f64 = 0.3;
/// Where an approach line ends, outside the boundary, unless a wall cuts it short, in metres.
pub const APPROACH_FAR_M: f64 = 2.0;

/// The approach line of the boundary point `p` with outward normal `outward`: from 0.3 m to
/// 2 m outside, cut short where it meets a wall (doors and openings let it through).
pub fn approach_line(p: V2, outward: V2, walk_blockers: &[Seg]) -> Option<Seg> {
    const NEAR: f64 = APPROACH_NEAR_M;
    const FAR: f64 = APPROACH_FAR_M;
    let mut far = FAR;
    for w in walk_blockers {
        if let Some(s) = w.ray_hit(p, outward) {
            if s < far {
                far = s;
            }
        }
        // A wall lying along the approach line stops it where it starts.
        let e = w.b - w.a;
        if cross(e, outward) == 0.0 && cross(w.a - p, outward) == 0.0 {
            for q in [w.a, w.b] {
                let s = dot(q - p, outward);
                if s >= 0.0 && s < far {
                    far = s;
                }
            }
        }
    }
    // A line cut short by a wall stops just before it: standing against a wall, one reads
    // nothing on its far side (without this, a reading region bounded by the same wall would
    // touch the line in one point, and rounding would decide).
    if far < FAR {
        far -= WALL_CLEARANCE_M;
    }
    if far <= NEAR {
        None
    } else {
        Some(Seg::new(p + outward * NEAR, p + outward * far))
    }
}

/// How far before a wall an approach line cut short by it ends, in metres.
pub const WALL_CLEARANCE_M: f64 = 1e-6;

/// Is the stretch wholly under the drawn bodies of walls (their thickness, and the square cap
/// half a thickness past a wall's own end), give or take half a drafting gap
/// ([`MIN_ENTRY_WIDTH_M`])? Such a stretch is a gap between wall centre lines that the drawing
/// shows closed — a wall stub's end, walls drawn not quite meeting — and not a way in: what is
/// drawn is what the check uses (issue 25: zones made from the rooms of an imported office
/// picked up such "entrances" at stub ends). Ends cut at a door or opening are not grown.
///
/// ```
/// use sightline::geometry::entry::{entry_stretches, under_walls};
/// use sightline::geometry::segments::Body;
/// use sightline::geometry::{primitives::v2, Seg};
/// // A 4 m square zone; its south wall (0.5 m thick) stops 0.2 m short of the east wall,
/// // which stops 0.2 m short of the south-east corner: the centre lines leave a 0.4 m gap
/// // round the corner, but the south wall's cap covers it.
/// let zone = [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]];
/// let south = Seg::new(v2([0.0, 0.0]), v2([3.8, 0.0]));
/// let east = Seg::new(v2([4.0, 0.2]), v2([4.0, 4.0]));
/// let north_west = [Seg::new(v2([4.0, 4.0]), v2([0.0, 4.0])), Seg::new(v2([0.0, 4.0]), v2([0.0, 0.0]))];
/// let walls: Vec<Seg> = [south, east].into_iter().chain(north_west).collect();
/// let e = entry_stretches(&zone, &walls);
/// let gap: f64 = e.iter().map(|s| s.length()).sum();
/// assert!((gap - 0.4).abs() < 1e-9);
/// let bodies: Vec<Body> = walls.iter().map(|&seg| Body { seg, half: 0.25, capped: [true, true] }).collect();
/// assert!(e.iter().all(|s| under_walls(s, &bodies)));
/// // Without caps (the ends cut at a door), the same gap is a way in.
/// let cut: Vec<Body> = bodies.iter().map(|b| Body { capped: [false, false], ..*b }).collect();
/// assert!(!e.iter().all(|s| under_walls(s, &cut)));
/// ```
pub fn under_walls(stretch: &EntryStretch, bodies: &[Body]) -> bool {
    let d = stretch.b - stretch.a;
    if len(d) <= 0.0 {
        return true;
    }
    // The parameters 0..1 of the stretch inside each body, as intervals.
    let mut covered: Vec<(f64, f64)> = bodies
        .iter()
        .filter_map(|body| inside_body(stretch.a, d, body))
        .collect();
    covered.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut reach = 0.0;
    for (lo, hi) in covered {
        if lo > reach + 1e-9 {
            return false;
        }
        reach = f64::max(reach, hi);
    }
    reach >= 1.0 - 1e-9
}

/// The parameters t in 0..1 for which a + d·t lies in the body (a rectangle about its
/// piece, reaching `half` beyond each capped end).
fn inside_body(a: V2, d: V2, body: &Body) -> Option<(f64, f64)> {
    let axis = body.seg.b - body.seg.a;
    let length = len(axis);
    if length <= 0.0 {
        return None;
    }
    let u = axis * (1.0 / length);
    let n = v2([-u.y, u.x]);
    let half = body.half + MIN_ENTRY_WIDTH_M / 2.0;
    let before = if body.capped[0] { half } else { 0.0 };
    let after = if body.capped[1] { half } else { 0.0 };
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    // Along the axis within [-before, length + after]; across within [-half, half].
    for (dir, min, max) in [(u, -before, length + after), (n, -half, half)] {
        let p0 = dot(a - body.seg.a, dir);
        let dp = dot(d, dir);
        if dp.abs() < 1e-15 {
            if p0 < min - 1e-9 || p0 > max + 1e-9 {
                return None;
            }
            continue;
        }
        let (t0, t1) = ((min - p0) / dp, (max - p0) / dp);
        lo = lo.max(t0.min(t1));
        hi = hi.min(t0.max(t1));
    }
    (hi >= lo).then_some((lo, hi))
}
