//! Which entry points a sign covers.
//!
//! A sign covers an entry point when, from some point of the entry point's approach line, the
//! sign is within its readable distance, the viewer is in front of it (within 90° of
//! `facing`) and the line between them crosses no wall except through an opening. The set of
//! such viewer positions is exactly the sign's *reading region*: the visibility region of a
//! 180° view centred on `facing`, out to `readable_distance` (see [`super::visibility`]). So an
//! entry point is covered when its approach line meets the reading region.
//!
//! Entry stretches are continuous; we test them at points at most [`COVERAGE_STEP_M`] apart
//! (five times finer than the spec's 0.25 m), each standing for the piece of boundary around it.

use geo::{Intersects, Line, MultiPolygon};

use super::entry::{approach_line, EntryStretch};
use super::primitives::{len, Seg, V2};

/// Spacing of the points at which entry stretches are tested for sign coverage, in metres.
pub const COVERAGE_STEP_M: f64 = 0.05;

/// One tested piece of an entry stretch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EntryCell {
    /// Index into the zone's entry stretches.
    pub stretch: usize,
    pub a: V2,
    pub b: V2,
    /// Where the approach line was taken from (the cell's middle).
    pub at: V2,
    pub approach: Option<Seg>,
}

/// Splits entry stretches into cells no longer than [`COVERAGE_STEP_M`], with their approach
/// lines; `walls_near(s, margin)` gives the walking blockers that may come within `margin` of
/// the segment `s` (every blocker will do; fewer is faster). It is asked once per stretch.
pub fn entry_cells(
    stretches: &[EntryStretch],
    walls_near: impl Fn(&Seg, f64) -> Vec<Seg>,
) -> Vec<EntryCell> {
    let mut cells = Vec::new();
    for (si, st) in stretches.iter().enumerate() {
        let n = ((st.length() / COVERAGE_STEP_M).ceil() as usize).max(1);
        let d = (st.b - st.a) / n as f64;
        // Every approach line of this stretch lies within APPROACH_FAR_M of it.
        let near = walls_near(&Seg::new(st.a, st.b), super::entry::APPROACH_FAR_M);
        for k in 0..n {
            let a = st.a + d * k as f64;
            let b = a + d;
            let at = a + d * 0.5;
            cells.push(EntryCell {
                stretch: si,
                a,
                b,
                at,
                approach: approach_line(at, st.outward, &near),
            });
        }
    }
    cells
}

/// Does the sign whose reading region is `reading` cover this cell?
pub fn covers(reading: &MultiPolygon<f64>, cell: &EntryCell) -> bool {
    match cell.approach {
        Some(seg) => {
            if len(seg.b - seg.a) < 1e-12 {
                return false;
            }
            reading.intersects(&Line::new(seg.a, seg.b))
        }
        None => false,
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
