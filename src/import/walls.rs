//! Walls from wall lines (import.md 7): a pair of parallel lines becomes one wall on their
//! centre line with the distance between them as its thickness; a single line stays a thin
//! wall. Pieces in line with each other are merged into one wall.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use crate::geometry::index::BoxIndex;

use super::geom::{add, bbox, cross, dist, dot, len, mul, sub, Dsu, P};

/// A straight wall piece: its centre line and thickness, in metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Centre {
    pub a: P,
    pub b: P,
    pub t: f64,
}

impl Centre {
    pub fn length(&self) -> f64 {
        dist(self.a, self.b)
    }
    pub fn dir(&self) -> P {
        let l = self.length().max(1e-12);
        mul(sub(self.b, self.a), 1.0 / l)
    }
}

/// The thickest wall two lines can be the faces of.
pub const MAX_THICKNESS: f64 = 0.6;
/// The thinnest: closer lines are one line drawn twice.
const MIN_THICKNESS: f64 = 0.015;
/// sin of the largest angle between lines still called parallel (3°).
const PARALLEL: f64 = 0.052;
/// Pieces shorter than this are not walls.
const MIN_PIECE: f64 = 0.05;

struct Line {
    a: P,
    u: P,
    n: P,
    l: f64,
    covered: Vec<(f64, f64)>,
}

/// `iv` less everything in `covered` (intervals along the same line).
fn subtract(iv: (f64, f64), covered: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = vec![iv];
    for &(c0, c1) in covered {
        out = out
            .into_iter()
            .flat_map(|(a, b)| {
                let mut parts = Vec::new();
                if c0 > a {
                    parts.push((a, b.min(c0)));
                }
                if c1 < b {
                    parts.push((a.max(c1), b));
                }
                parts.into_iter().filter(|(x, y)| y - x > 1e-9)
            })
            .collect();
    }
    out
}

/// Pairs parallel lines into wall centre lines; returns the walls and the pieces of lines
/// left unpaired.
///
/// ```
/// use sightline::import::walls::pair_lines;
/// // The two faces of a 5 m wall, 0.2 m apart.
/// let (walls, rest) = pair_lines(&[([0.0, 0.0], [5.0, 0.0]), ([0.0, 0.2], [5.0, 0.2])]);
/// assert_eq!(walls.len(), 1);
/// assert!((walls[0].t - 0.2).abs() < 1e-9 && (walls[0].a[1] - 0.1).abs() < 1e-9);
/// assert!(rest.is_empty());
/// ```
pub fn pair_lines(segs: &[(P, P)]) -> (Vec<Centre>, Vec<(P, P)>) {
    let mut lines: Vec<Line> = segs
        .iter()
        .filter(|(a, b)| dist(*a, *b) >= 0.01)
        .map(|&(a, b)| {
            let l = dist(a, b);
            let u = mul(sub(b, a), 1.0 / l);
            Line {
                a,
                u,
                n: [-u[1], u[0]],
                l,
                covered: Vec::new(),
            }
        })
        .collect();
    let index = BoxIndex::new(lines.iter().map(|s| {
        let e = add(s.a, mul(s.u, s.l));
        (
            [s.a[0].min(e[0]), s.a[1].min(e[1])],
            [s.a[0].max(e[0]), s.a[1].max(e[1])],
        )
    }));
    struct Pair {
        i: usize,
        j: usize,
        d: f64,
        s0: f64,
        s1: f64,
    }
    let mut pairs = Vec::new();
    for (i, s) in lines.iter().enumerate() {
        let e = add(s.a, mul(s.u, s.l));
        let m = MAX_THICKNESS;
        let lo = [s.a[0].min(e[0]) - m, s.a[1].min(e[1]) - m];
        let hi = [s.a[0].max(e[0]) + m, s.a[1].max(e[1]) + m];
        for j in index.in_box(lo, hi) {
            if j <= i {
                continue;
            }
            let t = &lines[j];
            if cross(s.u, t.u).abs() > PARALLEL {
                continue;
            }
            let te = add(t.a, mul(t.u, t.l));
            let (da, db) = (dot(sub(t.a, s.a), s.n), dot(sub(te, s.a), s.n));
            if da * db <= 0.0 || (da - db).abs() > 0.03 {
                continue;
            }
            let d = (da + db) / 2.0;
            if !(MIN_THICKNESS..=MAX_THICKNESS).contains(&d.abs()) {
                continue;
            }
            let (pa, pb) = (dot(sub(t.a, s.a), s.u), dot(sub(te, s.a), s.u));
            let s0 = pa.min(pb).max(0.0);
            let s1 = pa.max(pb).min(s.l);
            if s1 - s0 < MIN_PIECE {
                continue;
            }
            pairs.push(Pair { i, j, d, s0, s1 });
        }
    }
    pairs.sort_by(|p, q| p.d.abs().total_cmp(&q.d.abs()));
    let mut walls = Vec::new();
    for p in pairs {
        let (si, sj) = (&lines[p.i], &lines[p.j]);
        let (ia, iu, inn, ja, ju) = (si.a, si.u, si.n, sj.a, sj.u);
        let to_j = |s: f64| dot(sub(add(ia, mul(iu, s)), ja), ju);
        let to_i = |t: f64| dot(sub(add(ja, mul(ju, t)), ia), iu);
        let mut pieces = Vec::new();
        for (q0, q1) in subtract((p.s0, p.s1), &si.covered) {
            let (t0, t1) = (to_j(q0), to_j(q1));
            for (r0, r1) in subtract((t0.min(t1), t0.max(t1)), &sj.covered) {
                let (a, b) = (to_i(r0), to_i(r1));
                let (a, b) = (a.min(b), a.max(b));
                if b - a >= MIN_PIECE {
                    pieces.push((a, b));
                }
            }
        }
        for (a, b) in pieces {
            let shift = mul(inn, p.d / 2.0);
            walls.push(Centre {
                a: add(add(ia, mul(iu, a)), shift),
                b: add(add(ia, mul(iu, b)), shift),
                t: p.d.abs(),
            });
            lines[p.i].covered.push((a, b));
            let (t0, t1) = (to_j(a), to_j(b));
            lines[p.j].covered.push((t0.min(t1), t0.max(t1)));
        }
    }
    let mut rest = Vec::new();
    for s in &lines {
        for (a, b) in subtract((0.0, s.l), &s.covered) {
            if b - a >= 0.01 {
                rest.push((add(s.a, mul(s.u, a)), add(s.a, mul(s.u, b))));
            }
        }
    }
    (walls, rest)
}

/// Merges pieces that lie in line (or overlap, as the lines of a window do) into single
/// straight walls; the thickness covers all of them.
///
/// ```
/// use sightline::import::walls::{merge, Centre};
/// let w = merge(vec![
///     Centre { a: [0.0, 0.0], b: [2.0, 0.0], t: 0.2 },
///     Centre { a: [2.0, 0.0], b: [3.0, 0.0], t: 0.2 }, // a door's gap, closed
///     Centre { a: [3.0, 0.0], b: [6.0, 0.0], t: 0.2 },
/// ]);
/// assert_eq!(w.len(), 1);
/// assert!((w[0].length() - 6.0).abs() < 1e-9);
/// ```
pub fn merge(pieces: Vec<Centre>) -> Vec<Centre> {
    let gap = 0.03;
    let index = BoxIndex::new(pieces.iter().map(|c| {
        let [lo, hi] = bbox([c.a, c.b]).unwrap_or([c.a, c.a]);
        ([lo[0] - gap, lo[1] - gap], [hi[0] + gap, hi[1] + gap])
    }));
    let mut dsu = Dsu::new(pieces.len());
    for (i, c) in pieces.iter().enumerate() {
        let (u, n) = (c.dir(), [-c.dir()[1], c.dir()[0]]);
        let [lo, hi] = bbox([c.a, c.b]).unwrap_or([c.a, c.a]);
        for j in index.in_box(lo, hi) {
            if j <= i {
                continue;
            }
            let o = &pieces[j];
            if cross(u, o.dir()).abs() > 0.026 {
                continue;
            }
            let off = (dot(sub(o.a, c.a), n) + dot(sub(o.b, c.a), n)) / 2.0;
            if off.abs() > 0.5 * c.t.max(o.t) + 0.02 {
                continue;
            }
            let (p0, p1) = (dot(sub(o.a, c.a), u), dot(sub(o.b, c.a), u));
            if p0.max(p1) < -gap || p0.min(p1) > c.length() + gap {
                continue;
            }
            dsu.union(i, j);
        }
    }
    let mut out = Vec::new();
    for members in dsu.groups() {
        let longest = members
            .iter()
            .copied()
            .max_by(|&a, &b| pieces[a].length().total_cmp(&pieces[b].length()))
            .unwrap_or(members[0]);
        let base = pieces[longest];
        let (u, n) = (base.dir(), [-base.dir()[1], base.dir()[0]]);
        let mut spans = Vec::new();
        let (mut lo_off, mut hi_off) = (f64::INFINITY, f64::NEG_INFINITY);
        for &m in &members {
            let c = &pieces[m];
            let (p0, p1) = (dot(sub(c.a, base.a), u), dot(sub(c.b, base.a), u));
            spans.push((p0.min(p1), p0.max(p1)));
            let off = (dot(sub(c.a, base.a), n) + dot(sub(c.b, base.a), n)) / 2.0;
            lo_off = lo_off.min(off - c.t / 2.0);
            hi_off = hi_off.max(off + c.t / 2.0);
        }
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mid = (lo_off + hi_off) / 2.0;
        let t = hi_off - lo_off;
        let mut runs: Vec<(f64, f64)> = Vec::new();
        for (a, b) in spans {
            match runs.last_mut() {
                Some(last) if a <= last.1 + gap => last.1 = last.1.max(b),
                _ => runs.push((a, b)),
            }
        }
        for (a, b) in runs {
            if b - a < MIN_PIECE {
                continue;
            }
            let shift = mul(n, mid);
            out.push(Centre {
                a: add(add(base.a, mul(u, a)), shift),
                b: add(add(base.a, mul(u, b)), shift),
                t,
            });
        }
    }
    out
}

/// A wall a door's gap lies in.
#[derive(Clone, Copy, Debug)]
pub struct Fit {
    pub wall: usize,
    /// The door's ends projected onto the wall's centre line.
    pub a: P,
    pub b: P,
    /// How much of `a`→`b` the wall itself already covers (0 for a gap, 1 for a door leaf
    /// drawn as a thin wall).
    pub covered: f64,
}

/// The nearest wall that runs along `a`→`b` (within 10°) with both ends close to its line.
pub fn wall_along(walls: &[Centre], index: &BoxIndex, a: P, b: P) -> Option<Fit> {
    let l = dist(a, b);
    if l < 1e-9 {
        return None;
    }
    let d = mul(sub(b, a), 1.0 / l);
    let r = MAX_THICKNESS;
    let [lo, hi] = bbox([a, b])?;
    let mut best: Option<(f64, Fit)> = None;
    for i in index.in_box([lo[0] - r, lo[1] - r], [hi[0] + r, hi[1] + r]) {
        let w = &walls[i];
        if w.length() < 1e-9 || cross(d, w.dir()).abs() > 0.17 {
            continue;
        }
        let (u, n) = (w.dir(), [-w.dir()[1], w.dir()[0]]);
        let (oa, ob) = (dot(sub(a, w.a), n).abs(), dot(sub(b, w.a), n).abs());
        let reach = w.t / 2.0 + 0.15;
        if oa > reach || ob > reach {
            continue;
        }
        // The door must sit at the wall's line, not beside a wall that runs elsewhere.
        let (pa, pb) = (dot(sub(a, w.a), u), dot(sub(b, w.a), u));
        let wl = w.length();
        let gap = (pa.min(pb) - wl).max(-pa.max(pb)).max(0.0);
        if gap > l {
            continue;
        }
        let covered = (pa.max(pb).min(wl) - pa.min(pb).max(0.0)).max(0.0) / l;
        let score = oa + ob + gap + covered;
        if best.as_ref().is_none_or(|b| score < b.0) {
            let fit = Fit {
                wall: i,
                a: add(w.a, mul(u, pa)),
                b: add(w.a, mul(u, pb)),
                covered,
            };
            best = Some((score, fit));
        }
    }
    best.map(|(_, fit)| fit)
}

/// Length of a polyline.
pub fn polyline_length(points: &[P]) -> f64 {
    points.windows(2).map(|w| len(sub(w[1], w[0]))).sum()
}

/// Closes corners and T-junctions: a wall that stops short of (or runs a little past) the
/// centre line of a wall across its end is brought to that line, so sight cannot slip
/// through the corner between two paired walls.
///
/// ```
/// use sightline::import::walls::{join_ends, Centre};
/// // Paired faces leave the centre lines of an L 0.1 m apart at the corner.
/// let mut w = vec![
///     Centre { a: [0.1, 0.0], b: [5.0, 0.0], t: 0.2 },
///     Centre { a: [0.0, 0.1], b: [0.0, 4.0], t: 0.2 },
/// ];
/// join_ends(&mut w);
/// assert!((w[0].a[0] - 0.0).abs() < 1e-9 && (w[1].a[1] - 0.0).abs() < 1e-9);
/// ```
pub fn join_ends(walls: &mut [Centre]) {
    let index = BoxIndex::new(walls.iter().map(|c| {
        let [lo, hi] = bbox([c.a, c.b]).unwrap_or([c.a, c.a]);
        (lo, hi)
    }));
    let snapshot: Vec<Centre> = walls.to_vec();
    for (i, w) in walls.iter_mut().enumerate() {
        let l = w.length();
        if l < 1e-9 {
            continue;
        }
        for end in 0..2 {
            let (p, q) = if end == 0 { (w.a, w.b) } else { (w.b, w.a) };
            // Pointing out of the wall at this end.
            let out = mul(sub(p, q), 1.0 / dist(p, q).max(1e-12));
            let reach = w.t / 2.0 + MAX_THICKNESS / 2.0 + 0.05;
            let mut best: Option<(f64, P)> = None;
            for j in index.in_box([p[0] - reach, p[1] - reach], [p[0] + reach, p[1] + reach]) {
                if j == i {
                    continue;
                }
                let o = &snapshot[j];
                let od = o.dir();
                let c = cross(out, od);
                if c.abs() < 0.5 {
                    continue; // less than 30° apart: not across this end
                }
                // Where this wall's line meets the other's: p + out·s.
                let s = cross(sub(o.a, p), od) / c;
                let limit = o.t / 2.0 + 0.05;
                if !(-limit..=limit + w.t / 2.0).contains(&s) {
                    continue;
                }
                let x = add(p, mul(out, s));
                let along = dot(sub(x, o.a), od);
                if along < -w.t / 2.0 - 0.05 || along > o.length() + w.t / 2.0 + 0.05 {
                    continue;
                }
                if best.as_ref().is_none_or(|b| s.abs() < b.0.abs()) {
                    best = Some((s, x));
                }
            }
            if let Some((_, x)) = best {
                if dist(x, q) > MIN_PIECE {
                    if end == 0 {
                        w.a = x;
                    } else {
                        w.b = x;
                    }
                }
            }
        }
    }
}

/// The parts of wall `c` not covered by any of `openings` lying on it (a glass wall's window
/// stops where a door in it begins).
pub fn less_openings(c: &Centre, openings: &[(P, P)]) -> Vec<(P, P)> {
    let l = c.length();
    if l < 1e-9 {
        return Vec::new();
    }
    let (u, n) = (c.dir(), [-c.dir()[1], c.dir()[0]]);
    let near = c.t / 2.0 + 0.02;
    let covered: Vec<(f64, f64)> = openings
        .iter()
        .filter(|(a, b)| dot(sub(*a, c.a), n).abs() <= near && dot(sub(*b, c.a), n).abs() <= near)
        .map(|(a, b)| {
            let (p, q) = (dot(sub(*a, c.a), u), dot(sub(*b, c.a), u));
            (p.min(q), p.max(q))
        })
        .collect();
    subtract((0.0, l), &covered)
        .into_iter()
        .filter(|(a, b)| b - a >= MIN_PIECE)
        .map(|(a, b)| (add(c.a, mul(u, a)), add(c.a, mul(u, b))))
        .collect()
}
