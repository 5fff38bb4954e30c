//! The overlap of a region seen from one point (a device's capture or view area, star-shaped
//! around its apex) with a polygon of many vertices, without boolean operations.
//!
//! The polygon is cut into triangles (earcut). A triangle that does not hold the apex spans
//! less than half a turn as seen from it, so only the stretch of the region's boundary in those
//! directions can meet it: that stretch and the apex make a small polygon, which is clipped
//! by the triangle (Sutherland–Hodgman, exact area). The cost is the triangles plus the boundary
//! vertices each one's directions take in, instead of a sweep-line overlay that took 3–20 s on
//! a fitting room drawn as a star of 3,000 needles (its 6,000 edges all meet near one point,
//! issue 25).
//!
//! ```
//! use geo::{polygon, MultiPolygon};
//! use sightline::geometry::{fan::overlap, primitives::v2};
//! // A 2 × 2 view square seen from (0, 0) and an L-shaped room whose foot (1…2 × 1…1.5) lies in it.
//! let view: MultiPolygon<f64> = polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)].into();
//! let room = polygon![(x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0), (x: 2.0, y: 3.0),
//!                     (x: 2.0, y: 1.5), (x: 1.0, y: 1.5)];
//! let (area, _) = overlap(v2([0.0, 0.0]), &view, &room).unwrap();
//! assert!((area - 0.5).abs() < 1e-12);
//! ```

use geo::{Coord, MultiPolygon, Polygon, TriangulateEarcut};

use super::clip::{clip_ring, keep_piece};
use super::primitives::{angle_of, cross, len, Seg, TAU, V2};

/// `region ∩ polygon` as pieces (one per triangle of the polygon that meets the region) and
/// its area in m². `region` must be star-shaped around `apex` with every ring running once
/// counter-clockwise around it, as [`super::visibility`] makes them; `None` when it is not
/// (or when the apex lies in the polygon), for the caller to use a general overlay.
pub fn overlap(
    apex: V2,
    region: &MultiPolygon<f64>,
    polygon: &Polygon<f64>,
) -> Option<(f64, MultiPolygon<f64>)> {
    let fans: Vec<Fan> = region
        .iter()
        .map(|p| Fan::of(apex, p))
        .collect::<Option<_>>()?;
    let triangles = polygon.earcut_triangles_raw();
    let mut total = 0.0;
    let mut parts = Vec::new();
    for t in triangles.triangle_indices.chunks_exact(3) {
        let corner = |i: usize| -> Option<V2> {
            let [x, y] = *triangles.vertices.get(i)?;
            Some(Coord { x, y })
        };
        let (Some(a), Some(b), Some(c)) = (corner(t[0]), corner(t[1]), corner(t[2])) else {
            return None;
        };
        let mut tri = [a, b, c];
        let doubled = cross(b - a, c - a);
        if doubled == 0.0 {
            continue;
        }
        if doubled < 0.0 {
            tri.swap(1, 2);
        }
        if (0..3).all(|i| cross(tri[(i + 1) % 3] - tri[i], apex - tri[i]) >= 0.0) {
            return None; // the apex in (or on) the polygon
        }
        // The triangle's directions from the apex: less than half a turn.
        let base = angle_of(tri[0] - apex);
        let offsets = tri.map(|p| {
            let o = (angle_of(p - apex) - base).rem_euclid(TAU);
            if o > std::f64::consts::PI {
                o - TAU
            } else {
                o
            }
        });
        let lo = base + offsets.iter().copied().fold(0.0, f64::min);
        let hi = base + offsets.iter().copied().fold(0.0, f64::max);
        let near = (0..3)
            .map(|i| Seg::new(tri[i], tri[(i + 1) % 3]).distance_to(apex))
            .fold(f64::INFINITY, f64::min);
        for fan in &fans {
            for mut piece in fan.between(lo, hi, near) {
                for i in 0..3 {
                    if piece.len() < 3 {
                        break;
                    }
                    piece = clip_ring(&piece, tri[i], tri[(i + 1) % 3]);
                }
                keep_piece(piece, &mut total, &mut parts);
            }
        }
    }
    Some((total, MultiPolygon::new(parts)))
}

/// One ring of a star-shaped region as a chain of boundary points in increasing direction
/// from the apex.
struct Fan {
    apex: V2,
    /// Boundary points (the apex left out); for a closed fan the first comes again at the end.
    points: Vec<V2>,
    /// Each point's direction, unwrapped: non-decreasing, at most one turn in all.
    angles: Vec<f64>,
    /// Each point's distance from the apex.
    far: Vec<f64>,
}

impl Fan {
    fn of(apex: V2, poly: &Polygon<f64>) -> Option<Fan> {
        if !poly.interiors().is_empty() {
            return None;
        }
        let mut ring: Vec<V2> = poly.exterior().0.clone();
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        let at_apex = |p: &V2| len(*p - apex) < 1e-9;
        let closed = !ring.iter().any(at_apex);
        if !closed {
            // Start just after the apex, so the chain runs apex-free to its end.
            let k = ring.iter().position(at_apex)?;
            ring.rotate_left(k);
            ring.retain(|p| !at_apex(p));
        }
        let first = *ring.first()?;
        if closed {
            ring.push(first);
        }
        let mut angles = Vec::with_capacity(ring.len());
        let mut angle = angle_of(first - apex);
        let mut previous = first;
        for p in &ring {
            let step = (angle_of(*p - apex) - angle_of(previous - apex)).rem_euclid(TAU);
            // A step back, or a turn of half a circle or more, is not a fan around the apex.
            let step = if step > TAU - 1e-12 { 0.0 } else { step };
            if step >= std::f64::consts::PI {
                return None;
            }
            angle += step;
            angles.push(angle);
            previous = *p;
        }
        let turned = angles.last()? - angles.first()?;
        if turned > TAU + 1e-9 || (closed && (turned - TAU).abs() > 1e-6) {
            return None;
        }
        let far = ring.iter().map(|p| len(*p - apex)).collect();
        Some(Fan {
            apex,
            points: ring,
            angles,
            far,
        })
    }

    /// The parts of the fan whose directions meet `lo..hi` (less than half a turn), each with
    /// the apex as a small polygon, leaving out those entirely nearer than `near`.
    fn between(&self, lo: f64, hi: f64, near: f64) -> Vec<Vec<V2>> {
        let (Some(&start), Some(&end)) = (self.angles.first(), self.angles.last()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        // The interval moved by whole turns to every place it can meet the fan's span.
        let shift = ((start - hi) / TAU).ceil() * TAU;
        let mut k = 0;
        while lo + shift + k as f64 * TAU <= end && k < 3 {
            let (l, h) = (lo + shift + k as f64 * TAU, hi + shift + k as f64 * TAU);
            k += 1;
            // First point at or before l, last point at or after h.
            let i = self.angles.partition_point(|a| *a < l).saturating_sub(1);
            let j = (self.angles.partition_point(|a| *a <= h)).min(self.angles.len() - 1);
            if i >= j {
                continue;
            }
            let Some(slice) = self.points.get(i..=j) else {
                continue;
            };
            let reach = self
                .far
                .get(i..=j)
                .map_or(0.0, |f| f.iter().copied().fold(0.0, f64::max));
            if reach < near {
                continue;
            }
            let mut piece = Vec::with_capacity(slice.len() + 1);
            piece.push(self.apex);
            piece.extend_from_slice(slice);
            out.push(piece);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::primitives::{v2, AngleRange};
    use crate::geometry::visibility::visible_region;
    use geo::{Area, BooleanOps};

    fn star(n: usize, c: [f64; 2]) -> Polygon<f64> {
        let pts: Vec<Coord<f64>> = crate::synthetic::star_points(n, c, 0.3)
            .into_iter()
            .map(|[x, y]| Coord { x, y })
            .collect();
        Polygon::new(geo::LineString::from(pts), Vec::new())
    }

    /// Against geo's overlay, for views with walls, wedges, a full circle and a star.
    #[test]
    fn agrees_with_the_overlay() {
        let walls = [
            Seg::new(v2([3.0, -2.0]), v2([3.0, 1.0])),
            Seg::new(v2([6.0, 2.0]), v2([9.0, 2.5])),
            Seg::new(v2([-4.0, 5.0]), v2([2.0, 7.0])),
        ];
        let mut seen = 0;
        for (apex, ranges) in [
            (v2([0.0, 0.0]), vec![AngleRange::FULL]),
            (v2([0.0, 0.0]), vec![AngleRange::wedge(30.0, 90.0)]),
            (v2([-1.0, 9.0]), vec![AngleRange::wedge(300.0, 120.0)]),
            (v2([12.0, 4.0]), vec![AngleRange::wedge(180.0, 200.0)]),
        ] {
            let region = visible_region(apex, &ranges, 15.0, &walls);
            for poly in [star(40, [6.0, 5.0]), star(7, [1.0, -6.0])] {
                let exact = region.intersection(&poly).unsigned_area();
                let (a, parts) = overlap(apex, &region, &poly).expect("a fan");
                seen += usize::from(exact > 1.0);
                assert!((a - exact).abs() < 1e-6 * exact.max(1.0), "{a} vs {exact}");
                assert!((parts.unsigned_area() - exact).abs() < 1e-6 * exact.max(1.0));
            }
        }
        assert!(seen >= 5, "{seen} overlaps of some size");
    }

    #[test]
    fn the_apex_inside_or_a_region_not_around_it_is_left_to_the_overlay() {
        let region = visible_region(v2([6.0, 5.0]), &[AngleRange::FULL], 10.0, &[]);
        assert!(overlap(v2([6.0, 5.0]), &region, &star(10, [6.0, 5.0])).is_none());
        assert!(overlap(v2([60.0, 5.0]), &region, &star(10, [6.0, 5.0])).is_none());
    }
}
