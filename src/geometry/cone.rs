//! The area of a region within a range of directions seen from a point: exact, in one pass
//! over the region's edges, without building the clipped polygon.
//!
//! A polygon's area is the sum, over its edges, of the signed triangles they make with any
//! point (the "fan"). Taken in polar coordinates around that point, each triangle is the
//! integral over the directions its edge spans, so the part of the area within a range of
//! directions is the same sum with every edge cut to the directions in the range. This holds
//! for any polygon, star-shaped around the point or not, with holes, and for ranges wider than
//! a half turn.
//!
//! The fix search ([`crate::fix::profile`]) uses it to measure a camera turned or narrowed:
//! what a wedge of directions sees is the all-round view cut to that wedge, because the
//! visibility sweep's range polygon has its corners at fixed whole degrees
//! ([`super::visibility`]).
//!
//! ```
//! use geo::{polygon, MultiPolygon};
//! use sightline::geometry::cone::area_within;
//! use sightline::geometry::primitives::{v2, AngleRange};
//! // A 4 m × 2 m room, seen from its south-west corner: the directions 0°–45° hold the
//! // triangle under the diagonal y = x up to x = 2 (2 m²) and the strip beyond it (4 m²).
//! let room = MultiPolygon::new(vec![polygon![
//!     (x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 2.0), (x: 0.0, y: 2.0)
//! ]]);
//! let low = AngleRange { start_rad: 0.0, sweep_rad: 45f64.to_radians() };
//! assert!((area_within(&room, v2([0.0, 0.0]), &low) - 6.0).abs() < 1e-12);
//! // Seen from the middle of the room, every direction holds all of it.
//! assert!((area_within(&room, v2([2.0, 1.0]), &AngleRange::FULL) - 8.0).abs() < 1e-12);
//! // And the half looking east holds the east half.
//! let east = AngleRange { start_rad: -90f64.to_radians(), sweep_rad: 180f64.to_radians() };
//! assert!((area_within(&room, v2([2.0, 1.0]), &east) - 4.0).abs() < 1e-12);
//! ```

use geo::{LineString, MultiPolygon};

use super::primitives::{cross, dir, dot, AngleRange, TAU, V2};

/// The area of `region` (m²) in the directions `range` from `apex`.
pub fn area_within(region: &MultiPolygon<f64>, apex: V2, range: &AngleRange) -> f64 {
    region
        .0
        .iter()
        .map(|p| {
            let holes: f64 = p
                .interiors()
                .iter()
                .map(|h| ring_within(h, apex, range))
                .sum();
            (ring_within(p.exterior(), apex, range) - holes).max(0.0)
        })
        .sum()
}

/// The area inside one ring in the directions `range` from `apex`, whichever way it runs.
fn ring_within(ring: &LineString<f64>, apex: V2, range: &AngleRange) -> f64 {
    let (mut whole, mut part) = (0.0, 0.0);
    for line in ring.lines() {
        let (p, q) = (line.start - apex, line.end - apex);
        let c = cross(p, q);
        whole += c;
        // An edge on a line through the apex spans no area.
        if c.abs() > 1e-15 {
            part += edge_within(p, q, c, range);
        }
    }
    (part * whole.signum() / 2.0).max(0.0)
}

/// Twice the signed area of the triangle (apex, p, q), relative to the apex, cut to the
/// directions of `range`; `c` is `cross(p, q)`, not zero.
fn edge_within(p: V2, q: V2, c: f64, range: &AngleRange) -> f64 {
    let swept = c.atan2(dot(p, q)); // (−π, π), signed as the edge turns
    if range.is_full() {
        return c;
    }
    let from = (p.y.atan2(p.x) - range.start_rad).rem_euclid(TAU);
    let (lo, hi) = if swept > 0.0 {
        (from, from + swept)
    } else {
        (from + swept, from)
    };
    let along = q - p;
    // The point of the edge's line in direction `range.start_rad + t`.
    let at = |t: f64| {
        let d = dir(range.start_rad + t);
        d * (cross(p, along) / cross(d, along))
    };
    let mut out = 0.0;
    for turn in [-TAU, 0.0, TAU] {
        let a = lo.max(turn);
        let b = hi.min(turn + range.sweep_rad);
        if b > a {
            out += cross(at(a - turn), at(b - turn));
        }
    }
    if swept > 0.0 {
        out
    } else {
        -out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::primitives::v2;
    use geo::{polygon, Area, BooleanOps, Polygon};

    fn wedge(apex: V2, range: &AngleRange, r: f64) -> Polygon<f64> {
        let n = 720;
        let mut ring = vec![(apex.x, apex.y)];
        for k in 0..=n {
            let d = dir(range.start_rad + range.sweep_rad * k as f64 / n as f64) * r;
            ring.push((apex.x + d.x, apex.y + d.y));
        }
        Polygon::new(ring.into(), vec![])
    }

    #[test]
    fn agrees_with_clipping_by_a_wedge_for_a_polygon_with_a_hole_and_any_range() {
        // An L-shaped region with a square hole, not star-shaped around the apex.
        let region = MultiPolygon::new(vec![polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 6.0, y: 0.0), (x: 6.0, y: 2.0), (x: 2.0, y: 2.0),
                       (x: 2.0, y: 6.0), (x: 0.0, y: 6.0)],
            interiors: [[(x: 0.5, y: 0.5), (x: 1.5, y: 0.5), (x: 1.5, y: 1.5), (x: 0.5, y: 1.5)]],
        )]);
        let apex = v2([4.0, 4.0]);
        for (start, sweep) in [(0.0, 30.0), (200.0, 60.0), (170.0, 200.0), (300.0, 359.0)] {
            let range = AngleRange {
                start_rad: f64::to_radians(start),
                sweep_rad: f64::to_radians(sweep),
            };
            let got = area_within(&region, apex, &range);
            let clipped = region
                .intersection(&MultiPolygon::new(vec![wedge(apex, &range, 100.0)]))
                .unsigned_area();
            assert!(
                (got - clipped).abs() < 1e-6,
                "{start}+{sweep}: {got} vs {clipped}"
            );
        }
        // The whole: 6·2 + 2·4 − 1 = 19 m², whichever way the rings run.
        let whole = area_within(&region, apex, &AngleRange::FULL);
        assert!((whole - 19.0).abs() < 1e-12);
        let mut reversed = region.clone();
        reversed.0[0].exterior_mut(|r| r.0.reverse());
        assert!((area_within(&reversed, apex, &AngleRange::FULL) - 19.0).abs() < 1e-12);
    }

    #[test]
    fn an_apex_on_the_boundary_counts_only_the_directions_into_the_region() {
        let square = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)
        ]]);
        // From the middle of the south side, looking south sees nothing, east-north-east 2 m².
        let south = AngleRange {
            start_rad: f64::to_radians(200.0),
            sweep_rad: f64::to_radians(140.0),
        };
        assert!(area_within(&square, v2([1.0, 0.0]), &south).abs() < 1e-12);
        let right = AngleRange {
            start_rad: 0.0,
            sweep_rad: f64::to_radians(90.0),
        };
        assert!((area_within(&square, v2([1.0, 0.0]), &right) - 2.0).abs() < 1e-12);
    }
}
