//! Which entry points a sign covers.
//!
//! A sign covers an entry point when, from some point of the entry point's approach line, the
//! sign is within its readable distance, the viewer is in front of it (within 90° of
//! `facing`) and the line between them crosses no wall except through an opening. The set of
//! such viewer positions is exactly the sign's *reading region*: the visibility region of a
//! 180° view centred on `facing`, out to `readable_distance` (see [`super::visibility`]). So an
//! entry point is covered when its approach line meets the reading region.
//!
//! Entry stretches are continuous; each is cut into *cells* at most [`COVERAGE_STEP_M`] long
//! (five times finer than the spec's 0.25 m), and a cell is covered when the approach line at
//! its middle is. The work does not grow with a stretch's length: a stretch is split in halves
//! only where a sign's reading region meets its approach band without certainly covering it,
//! so cells no sign can reach, and runs of cells a sign certainly covers, are settled in whole
//! runs without being visited one by one (a 300 km zone boundary costs what a 30 m one does).
//! The answer per cell is the same as testing every cell.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{Contains, Intersects, Line, LineString, MultiPolygon, Polygon, Rect};

use super::entry::{approach_line, EntryStretch, APPROACH_FAR_M, APPROACH_NEAR_M};
use super::primitives::{dot, len, Seg, V2};

/// Spacing of the points at which entry stretches are tested for sign coverage, in metres.
pub const COVERAGE_STEP_M: f64 = 0.05;

/// Runs of at most this many cells are tested cell by cell.
const LEAF_CELLS: u64 = 32;

/// A run of consecutive cells of one entry stretch that the same signs cover.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntryCell {
    /// Index into the zone's entry stretches.
    pub stretch: usize,
    /// Where the run starts and ends on the zone boundary.
    pub a: V2,
    pub b: V2,
    /// The cells of the stretch the run holds: `first..end`.
    pub first: u64,
    pub end: u64,
}

/// A sign as seen by the coverage test: its reading region and that region's bounding box.
pub struct Reader<'a> {
    pub reading: &'a MultiPolygon<f64>,
    pub bbox: Option<Rect<f64>>,
}

/// How a stretch is cut into cells: `n` cells of `d` each, from `a`.
struct Cells {
    a: V2,
    d: V2,
    n: u64,
}

impl Cells {
    fn of(st: &EntryStretch) -> Cells {
        let n = ((st.length() / COVERAGE_STEP_M).ceil() as u64).max(1);
        Cells {
            a: st.a,
            d: (st.b - st.a) / n as f64,
            n,
        }
    }

    /// The boundary point at cell index `k` (the start of cell `k`, or the stretch's end).
    fn at(&self, k: u64) -> V2 {
        self.a + self.d * k as f64
    }

    /// The middle of cell `k`, where its approach line is taken.
    fn middle(&self, k: u64) -> V2 {
        self.at(k) + self.d * 0.5
    }

    /// The boundary segment through the middles of cells `lo..hi` (`lo < hi`).
    fn base(&self, lo: u64, hi: u64) -> Seg {
        Seg::new(self.middle(lo), self.middle(hi - 1))
    }
}

/// Runs of entry cells with the signs that cover each: `(runs, covered_by)`, where
/// `covered_by[i]` lists the indices (into `signs`) of the signs covering every cell of run `i`.
/// Consecutive runs of a stretch differ in their signs. `walls_near(s, margin)` gives the
/// walking blockers that may come within `margin` of the segment `s` (a superset will do).
///
/// ```
/// use geo::{BoundingRect, MultiPolygon, polygon};
/// use sightline::geometry::{entry::entry_stretches, primitives::v2, Seg};
/// use sightline::geometry::sign_coverage::{coverage_runs, Reader};
/// // A 1 km open zone edge; a sign's reading region covers x = 100…110 m in front of it.
/// let zone = [[0.0, 0.0], [1000.0, 0.0], [1000.0, 10.0], [0.0, 10.0]];
/// let entries = entry_stretches(&zone, &[]);
/// let reading = MultiPolygon::new(vec![polygon![(x: 100.0, y: -3.0), (x: 110.0, y: -3.0),
///                                               (x: 110.0, y: -0.5), (x: 100.0, y: -0.5)]]);
/// let signs = [Reader { reading: &reading, bbox: reading.bounding_rect() }];
/// let (runs, by) = coverage_runs(&entries, &signs, |_, _| Vec::<Seg>::new());
/// let covered: f64 = runs.iter().zip(&by).filter(|(_, b)| !b.is_empty())
///     .map(|(r, _)| (r.b.x - r.a.x).abs()).sum();
/// assert!((covered - 10.0).abs() < 0.051);
/// assert!(runs.len() < 10);
/// ```
pub fn coverage_runs<F>(
    stretches: &[EntryStretch],
    signs: &[Reader<'_>],
    walls_near: F,
) -> (Vec<EntryCell>, Vec<Vec<usize>>)
where
    F: Fn(&Seg, f64) -> Vec<Seg>,
{
    let mut runs = Vec::new();
    let mut covered_by = Vec::new();
    for (si, st) in stretches.iter().enumerate() {
        let cells = Cells::of(st);
        let band = band_box(&band(&cells, st.outward, 0, cells.n));
        let candidates: Vec<usize> = signs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.bbox.is_some_and(|b| boxes_meet(&b, &band)))
            .map(|(i, _)| i)
            .collect();
        // Per candidate sign, the cell ranges it covers, in order.
        let mut covered: Vec<Vec<(u64, u64)>> = vec![Vec::new(); signs.len()];
        if !candidates.is_empty() {
            let job = Job {
                cells: &cells,
                outward: st.outward,
                signs,
                walls_near: &walls_near,
            };
            job.settle(0, cells.n, candidates, &mut covered);
        }
        // Sweep the range ends into runs of equal cover.
        let mut cuts: Vec<u64> = vec![0, cells.n];
        for ranges in &covered {
            for &(lo, hi) in ranges {
                cuts.push(lo);
                cuts.push(hi);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut next = vec![0usize; signs.len()];
        for pair in cuts.windows(2) {
            let [lo, hi] = [pair[0], pair[1]];
            let mut by = Vec::new();
            for (g, ranges) in covered.iter().enumerate() {
                let i = &mut next[g];
                while *i < ranges.len() && ranges[*i].1 <= lo {
                    *i += 1;
                }
                if *i < ranges.len() && ranges[*i].0 <= lo {
                    by.push(g);
                }
            }
            match (runs.last_mut(), covered_by.last()) {
                (
                    Some(EntryCell {
                        stretch, b, end, ..
                    }),
                    Some(prev),
                ) if *stretch == si && *prev == by => {
                    *b = cells.at(hi);
                    *end = hi;
                }
                _ => {
                    runs.push(EntryCell {
                        stretch: si,
                        a: cells.at(lo),
                        b: cells.at(hi),
                        first: lo,
                        end: hi,
                    });
                    covered_by.push(by);
                }
            }
        }
    }
    (runs, covered_by)
}

struct Job<'a, F> {
    cells: &'a Cells,
    outward: V2,
    signs: &'a [Reader<'a>],
    walls_near: &'a F,
}

impl<F: Fn(&Seg, f64) -> Vec<Seg>> Job<'_, F> {
    /// Decides, for the cells `lo..hi`, which of `active` cover them, appending to `covered`.
    fn settle(&self, lo: u64, hi: u64, active: Vec<usize>, covered: &mut [Vec<(u64, u64)>]) {
        if active.is_empty() || lo >= hi {
            return;
        }
        if hi - lo <= LEAF_CELLS {
            self.cell_by_cell(lo, hi, &active, covered);
            return;
        }
        let band = band(self.cells, self.outward, lo, hi);
        let band_bbox = band_box(&band);
        let mut open = Vec::new();
        let mut walls: Option<Vec<Seg>> = None;
        for g in active {
            let s = &self.signs[g];
            if !s.bbox.is_some_and(|b| boxes_meet(&b, &band_bbox)) || !s.reading.intersects(&band) {
                continue; // No approach line of these cells meets the reading region.
            }
            let walls = walls
                .get_or_insert_with(|| (self.walls_near)(&self.cells.base(lo, hi), APPROACH_FAR_M));
            if self.certainly_covers(s.reading, lo, hi, walls) {
                push_range(&mut covered[g], lo, hi);
            } else {
                open.push(g);
            }
        }
        if open.is_empty() {
            return;
        }
        let mid = lo + (hi - lo) / 2;
        self.settle(lo, mid, open.clone(), covered);
        self.settle(mid, hi, open, covered);
    }

    /// Tests each cell's approach line against each active sign (the definition itself).
    fn cell_by_cell(&self, lo: u64, hi: u64, active: &[usize], covered: &mut [Vec<(u64, u64)>]) {
        let near = (self.walls_near)(&self.cells.base(lo, hi), APPROACH_FAR_M);
        for k in lo..hi {
            let Some(seg) = approach_line(self.cells.middle(k), self.outward, &near) else {
                continue;
            };
            if len(seg.b - seg.a) < 1e-12 {
                continue;
            }
            let line = Line::new(seg.a, seg.b);
            for &g in active {
                let s = &self.signs[g];
                let meets_box = s
                    .bbox
                    .is_some_and(|b| boxes_meet(&b, &Rect::new(seg.a, seg.b)));
                if meets_box && s.reading.intersects(&line) {
                    push_range(&mut covered[g], k, k + 1);
                }
            }
        }
    }

    /// True when the reading region certainly meets the approach line of every cell `lo..hi`:
    /// for some distance `s` from the boundary, the line at `s` through those cells lies inside
    /// the region and no wall comes within `s` of the boundary there, so each approach line
    /// reaches out at least to `s` and meets the region there.
    fn certainly_covers(
        &self,
        reading: &MultiPolygon<f64>,
        lo: u64,
        hi: u64,
        walls: &[Seg],
    ) -> bool {
        let base = self.cells.base(lo, hi);
        let length = len(base.b - base.a);
        if length < 1e-9 {
            return false;
        }
        let u = (base.b - base.a) / length;
        for s in [
            APPROACH_NEAR_M,
            (APPROACH_NEAR_M + APPROACH_FAR_M) / 2.0,
            APPROACH_FAR_M,
        ] {
            let reach = if s < APPROACH_FAR_M { s + 1e-5 } else { s };
            let clear = walls
                .iter()
                .all(|w| !meets_local_rect(w, base.a, u, self.outward, length, reach));
            if !clear {
                continue;
            }
            let (p, q) = (base.a + self.outward * s, base.b + self.outward * s);
            let line = Line::new(p, q);
            if reading.0.iter().any(|poly| poly.contains(&line)) {
                return true;
            }
        }
        false
    }
}

/// Does the wall `w` touch the rectangle `0 ≤ t ≤ length`, `−1e-9 ≤ s ≤ reach` in the frame
/// at `origin` with axes `u` (along) and `n` (outward)? (Liang–Barsky clipping.)
fn meets_local_rect(w: &Seg, origin: V2, u: V2, n: V2, length: f64, reach: f64) -> bool {
    let p = [dot(w.a - origin, u), dot(w.a - origin, n)];
    let q = [dot(w.b - origin, u), dot(w.b - origin, n)];
    let (lo, hi) = ([-1e-9, -1e-9], [length + 1e-9, reach]);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for k in 0..2 {
        let d = q[k] - p[k];
        if d == 0.0 {
            if p[k] < lo[k] || p[k] > hi[k] {
                return false;
            }
        } else {
            let (a, b) = ((lo[k] - p[k]) / d, (hi[k] - p[k]) / d);
            t0 = t0.max(a.min(b));
            t1 = t1.min(a.max(b));
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// The band every approach line of cells `lo..hi` lies in (from 0.3 m to 2 m outside).
fn band(cells: &Cells, outward: V2, lo: u64, hi: u64) -> Polygon<f64> {
    let base = cells.base(lo, hi);
    let (near, far) = (outward * APPROACH_NEAR_M, outward * APPROACH_FAR_M);
    let ring: Vec<V2> = vec![base.a + near, base.b + near, base.b + far, base.a + far];
    Polygon::new(LineString::from(ring), vec![])
}

/// The bounding box of a band (a band always has its four corners, so the fallback, the box
/// of its first corner, is never used).
fn band_box(band: &Polygon<f64>) -> Rect<f64> {
    let c = band.exterior().0[0];
    geo::BoundingRect::bounding_rect(band).unwrap_or(Rect::new(c, c))
}

fn boxes_meet(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && a.max().x >= b.min().x
        && a.min().y <= b.max().y
        && a.max().y >= b.min().y
}

/// Appends `lo..hi` to ordered ranges, joining it to the last one when they touch.
fn push_range(ranges: &mut Vec<(u64, u64)>, lo: u64, hi: u64) {
    match ranges.last_mut() {
        Some(last) if last.1 == lo => last.1 = hi,
        _ => ranges.push((lo, hi)),
    }
}

/// Merges runs of consecutive cells (on the same stretch) into segments.
pub fn merge_cells(cells: &[&EntryCell]) -> Vec<[V2; 2]> {
    let mut out: Vec<(usize, [V2; 2])> = Vec::new();
    for c in cells {
        match out.last_mut() {
            Some((stretch, seg)) if *stretch == c.stretch && len(seg[1] - c.a) < 1e-9 => {
                seg[1] = c.b;
            }
            _ => out.push((c.stretch, [c.a, c.b])),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}
