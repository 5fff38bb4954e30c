//! Devices and signs mounted on a wall.
//!
//! A device whose position lies on a wall (within half its thickness) is mounted on it and sees
//! only to the side its heading points to. More generally, the wall segments a device sits on
//! split the directions around it into sectors (a straight wall into two half-planes, a corner
//! into a quarter and three quarters, the end of a free-standing wall into nothing); the device
//! sees only the sector that holds its heading (a heading exactly along a wall takes the sector
//! counter-clockwise of it). Those wall segments then no longer block its view.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::primitives::{angle_of, dir, AngleRange, TAU, V2};
use super::segments::WallSeg;

/// How far beyond the wall face the [`Mount::probe`] point sits, in metres.
pub const PROBE_CLEARANCE_M: f64 = 0.01;
/// How far along its heading an unmounted device's probe point sits, in metres.
pub const PROBE_NUDGE_M: f64 = 0.001;

/// Where a device or sign sits relative to the walls.
#[derive(Clone, Debug, PartialEq)]
pub struct Mount {
    /// Indices of the wall segments it is mounted on (empty: free-standing).
    pub on: Vec<usize>,
    /// The directions it can see or be seen from (full when not restricted).
    pub sector: AngleRange,
    /// A point just off the wall on the side it faces: where the device "is" for deciding
    /// which space it is in and for line-of-sight tests to other objects.
    pub probe: V2,
}

/// Finds the walls `position` is mounted on and the sector it faces into.
///
/// ```
/// use sightline::geometry::{mount::mount, segments::WallSeg, Seg, primitives::v2};
/// let wall = WallSeg { seg: Seg::new(v2([0.0, 0.0]), v2([10.0, 0.0])), wall: 0, half_thickness: 0.1 };
/// let m = mount(v2([5.0, 0.05]), 90f64.to_radians(), &[wall], 0..1);
/// assert_eq!(m.on, vec![0]);
/// assert!((m.sector.sweep_rad.to_degrees() - 180.0).abs() < 1e-9); // the north half-plane
/// assert!(m.probe.y > 0.1);
/// ```
pub fn mount(
    position: V2,
    heading_rad: f64,
    walls: &[WallSeg],
    candidates: impl IntoIterator<Item = usize>,
) -> Mount {
    let mut on = Vec::new();
    let mut dirs: Vec<f64> = Vec::new();
    let mut max_half = 0.0f64;
    for i in candidates {
        let ws = &walls[i];
        let tol = ws.half_thickness.max(1e-9);
        if ws.seg.distance_to(position) > tol {
            continue;
        }
        on.push(i);
        max_half = max_half.max(ws.half_thickness);
        let t = ws.seg.project_param(position);
        let eps = 1e-9 / ws.seg.length();
        let along = angle_of(ws.seg.b - ws.seg.a);
        if t > eps {
            dirs.push((along + std::f64::consts::PI).rem_euclid(TAU)); // towards a
        }
        if t < 1.0 - eps {
            dirs.push(along.rem_euclid(TAU)); // towards b
        }
    }
    dirs.sort_by(f64::total_cmp);
    dirs.dedup_by(|x, y| (*x - *y).abs() < 1e-9);
    if dirs.len() > 1 && (dirs[0] + TAU - dirs[dirs.len() - 1]) < 1e-9 {
        dirs.pop();
    }
    let sector = if dirs.len() < 2 {
        AngleRange::FULL
    } else {
        let n = dirs.len();
        (0..n)
            .map(|i| {
                let start = dirs[i];
                let end = if i + 1 < n {
                    dirs[i + 1]
                } else {
                    dirs[0] + TAU
                };
                AngleRange {
                    start_rad: start,
                    sweep_rad: end - start,
                }
            })
            .find(|r| (heading_rad - r.start_rad).rem_euclid(TAU) < r.sweep_rad)
            .unwrap_or(AngleRange::FULL)
    };
    let probe = if sector.is_full() {
        position + dir(heading_rad) * PROBE_NUDGE_M
    } else {
        let half = (sector.sweep_rad / 2.0).min(std::f64::consts::FRAC_PI_2);
        let dist = (max_half + PROBE_CLEARANCE_M) / half.sin().max(0.2);
        position + dir(sector.middle_rad()) * dist
    };
    Mount { on, sector, probe }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::primitives::v2;
    use crate::geometry::Seg;

    fn ws(a: [f64; 2], b: [f64; 2]) -> WallSeg {
        WallSeg {
            seg: Seg::new(v2(a), v2(b)),
            wall: 0,
            half_thickness: 0.1,
        }
    }

    #[test]
    fn inner_corner_gives_a_quarter() {
        let walls = [ws([10.0, 0.0], [0.0, 0.0]), ws([0.0, 0.0], [0.0, 10.0])];
        let m = mount(v2([0.0, 0.0]), 45f64.to_radians(), &walls, 0..2);
        assert_eq!(m.on.len(), 2);
        assert!((m.sector.sweep_rad.to_degrees() - 90.0).abs() < 1e-9);
        assert!(m.sector.contains(45f64.to_radians()));
        assert!(m.probe.x > 0.1 && m.probe.y > 0.1);
    }

    #[test]
    fn outer_corner_gives_three_quarters() {
        let walls = [ws([10.0, 0.0], [0.0, 0.0]), ws([0.0, 0.0], [0.0, 10.0])];
        let m = mount(v2([0.0, 0.0]), 225f64.to_radians(), &walls, 0..2);
        assert!((m.sector.sweep_rad.to_degrees() - 270.0).abs() < 1e-9);
    }

    #[test]
    fn free_standing_device_is_not_restricted() {
        let walls = [ws([10.0, 0.0], [0.0, 0.0])];
        let m = mount(v2([5.0, 3.0]), 0.0, &walls, 0..1);
        assert!(m.on.is_empty());
        assert!(m.sector.is_full());
    }
}
