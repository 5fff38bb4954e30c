//! Area of a polygon's overlap with a convex polygon, without boolean operations.
//!
//! Sutherland–Hodgman clipping of any simple polygon by a *convex* one gives a ring whose
//! signed area is exactly the area of their intersection (the ring may have zero-width
//! bridges, which add nothing). The rules use it to skip the costly exact intersection when
//! the overlap is too small to matter.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{Coord, LineString, MultiPolygon, Polygon};

use super::primitives::cross;

/// Is the polygon's exterior convex (either winding, collinear points allowed)?
pub fn is_convex(p: &Polygon<f64>) -> bool {
    let pts: Vec<Coord<f64>> = open_ring(p);
    let n = pts.len();
    if n < 3 || !p.interiors().is_empty() {
        return false;
    }
    let mut sign = 0.0f64;
    for i in 0..n {
        let c = cross(
            pts[(i + 1) % n] - pts[i],
            pts[(i + 2) % n] - pts[(i + 1) % n],
        );
        if c != 0.0 {
            if sign != 0.0 && c.signum() != sign {
                return false;
            }
            sign = c.signum();
        }
    }
    sign != 0.0
}

fn open_ring(p: &Polygon<f64>) -> Vec<Coord<f64>> {
    let mut pts: Vec<Coord<f64>> = p.exterior().0.clone();
    if pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    pts
}

fn signed_area(pts: &[Coord<f64>]) -> f64 {
    let n = pts.len();
    (0..n).map(|i| cross(pts[i], pts[(i + 1) % n])).sum::<f64>() / 2.0
}

/// Area of `subject ∩ convex` in m²; `convex` must be convex (see [`is_convex`]).
///
/// ```
/// use geo::polygon;
/// use sightline::geometry::clip::overlap_area_convex;
/// let a = polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
/// let b = polygon![(x: 2.0, y: 1.0), (x: 6.0, y: 1.0), (x: 6.0, y: 2.0), (x: 2.0, y: 2.0)];
/// assert!((overlap_area_convex(&a.into(), &b) - 2.0).abs() < 1e-12);
/// ```
pub fn overlap_area_convex(subject: &MultiPolygon<f64>, convex: &Polygon<f64>) -> f64 {
    clip_convex(subject, convex).0
}

/// `subject ∩ convex` as clipped rings (one per part of the subject that meets `convex`; a ring
/// may hold zero-width bridges between pieces) and their area in m². `subject` must have no
/// holes (visibility regions have none) and `convex` must be convex.
pub fn clip_convex(subject: &MultiPolygon<f64>, convex: &Polygon<f64>) -> (f64, MultiPolygon<f64>) {
    // Clipping costs edges × vertices; past this product a sweep-line intersection (geo's
    // boolean operations, O((n + m) log(n + m))) is cheaper, at the cost of their fixed-point
    // rounding (about 1e-8 m² on a plan; see decisions).
    const MAX_CLIP_WORK: usize = 2_000_000;
    let subject_vertices: usize = subject.iter().map(|p| p.exterior().0.len()).sum();
    if subject_vertices.saturating_mul(convex.exterior().0.len()) > MAX_CLIP_WORK {
        let part = geo::BooleanOps::intersection(subject, &MultiPolygon::new(vec![convex.clone()]));
        return (geo::Area::unsigned_area(&part), part);
    }
    let mut clip = open_ring(convex);
    if signed_area(&clip) < 0.0 {
        clip.reverse();
    }
    let n = clip.len();
    let mut total = 0.0;
    let mut parts = Vec::new();
    for poly in subject {
        let mut ring = open_ring(poly);
        // Every intermediate ring stays inside the subject's bounding box, so a clip edge whose
        // inner half-plane holds the whole box changes nothing and is passed over: a subject is
        // clipped only by the edges near it, however many the convex polygon has.
        let corners = match geo::BoundingRect::bounding_rect(poly) {
            Some(r) => [
                r.min(),
                r.max(),
                Coord {
                    x: r.min().x,
                    y: r.max().y,
                },
                Coord {
                    x: r.max().x,
                    y: r.min().y,
                },
            ],
            None => continue,
        };
        for i in 0..n {
            if ring.is_empty() {
                break;
            }
            let (a, b) = (clip[i], clip[(i + 1) % n]);
            if corners.iter().all(|c| cross(b - a, *c - a) >= 0.0) {
                continue;
            }
            ring = clip_ring(&ring, a, b);
        }
        if ring.len() >= 3 {
            let a = signed_area(&ring).abs();
            if a > 0.0 {
                total += a;
                parts.push(Polygon::new(LineString::from(ring), Vec::new()));
            }
        }
    }
    (total, MultiPolygon::new(parts))
}

/// One Sutherland–Hodgman step: the part of `ring` on the left of the line from `a` to `b`
/// (points on the line kept). A non-convex ring may come out with zero-width bridges, which
/// add nothing to its signed area.
pub fn clip_ring(ring: &[Coord<f64>], a: Coord<f64>, b: Coord<f64>) -> Vec<Coord<f64>> {
    let inside = |p: Coord<f64>| cross(b - a, p - a) >= 0.0;
    let mut next = Vec::with_capacity(ring.len() + 4);
    for j in 0..ring.len() {
        let (p, q) = (ring[j], ring[(j + 1) % ring.len()]);
        let (pin, qin) = (inside(p), inside(q));
        if pin {
            next.push(p);
        }
        if pin != qin {
            let d = q - p;
            let denom = cross(b - a, d);
            if denom != 0.0 {
                let t = cross(b - a, a - p) / denom;
                next.push(p + d * t.clamp(0.0, 1.0));
            }
        }
    }
    next
}

/// `subject \ convex` as clipped rings and their area in m², without boolean operations: the
/// outside of a convex polygon is cut into the disjoint pieces "beyond edge k, inside edges
/// 0 … k−1", each an intersection of half-planes, and the subject is clipped by each. `None`
/// when that would cost more than a sweep-line difference (edges × vertices × edges). The
/// rules use it for a capture area outside a convex zone: geo's sweep took a minute on a view
/// fanning out through 5,000 openings (issue 25).
///
/// ```
/// use geo::polygon;
/// use sightline::geometry::clip::difference_convex;
/// let a = polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 0.0, y: 4.0)];
/// let b = polygon![(x: 2.0, y: 1.0), (x: 6.0, y: 1.0), (x: 6.0, y: 2.0), (x: 2.0, y: 2.0)];
/// let (area, _) = difference_convex(&a.into(), &b).unwrap();
/// assert!((area - 14.0).abs() < 1e-12);
/// ```
pub fn difference_convex(
    subject: &MultiPolygon<f64>,
    convex: &Polygon<f64>,
) -> Option<(f64, MultiPolygon<f64>)> {
    const MAX_WORK: usize = 20_000_000;
    let mut clip = open_ring(convex);
    if signed_area(&clip) < 0.0 {
        clip.reverse();
    }
    let n = clip.len();
    let subject_vertices: usize = subject.iter().map(|p| p.exterior().0.len()).sum();
    if subject_vertices.saturating_mul(n).saturating_mul(n) > MAX_WORK
        || subject.iter().any(|p| !p.interiors().is_empty())
    {
        return None;
    }
    let mut total = 0.0;
    let mut parts = Vec::new();
    for poly in subject {
        let ring = open_ring(poly);
        for k in 0..n {
            // Beyond edge k: the left of the edge reversed.
            let mut piece = clip_ring(&ring, clip[(k + 1) % n], clip[k]);
            for i in 0..k {
                if piece.is_empty() {
                    break;
                }
                piece = clip_ring(&piece, clip[i], clip[(i + 1) % n]);
            }
            keep_piece(piece, &mut total, &mut parts);
        }
    }
    Some((total, MultiPolygon::new(parts)))
}

/// Adds a clipped piece with an area to `parts` and its area to `total`.
pub(super) fn keep_piece(piece: Vec<Coord<f64>>, total: &mut f64, parts: &mut Vec<Polygon<f64>>) {
    if piece.len() >= 3 {
        let a = signed_area(&piece).abs();
        if a > 0.0 {
            *total += a;
            parts.push(Polygon::new(LineString::from(piece), Vec::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, Area, BooleanOps};

    #[test]
    fn non_convex_subject_clipped_by_a_rectangle_matches_boolean_ops() {
        // A U shape: the clip rectangle spans both arms and the gap between them.
        let u: Polygon<f64> = polygon![(x: 0.0, y: 0.0), (x: 6.0, y: 0.0), (x: 6.0, y: 5.0), (x: 4.0, y: 5.0),
                         (x: 4.0, y: 2.0), (x: 2.0, y: 2.0), (x: 2.0, y: 5.0), (x: 0.0, y: 5.0)];
        let r: Polygon<f64> =
            polygon![(x: 1.0, y: 1.0), (x: 5.0, y: 1.0), (x: 5.0, y: 4.0), (x: 1.0, y: 4.0)];
        let exact = u.intersection(&r).unsigned_area();
        assert!((exact - 8.0).abs() < 1e-6);
        assert!((overlap_area_convex(&u.into(), &r) - 8.0).abs() < 1e-12);
        assert!(is_convex(&r));
        let u2 = polygon![(x: 0.0, y: 0.0), (x: 6.0, y: 0.0), (x: 6.0, y: 5.0), (x: 4.0, y: 5.0),
                          (x: 4.0, y: 2.0), (x: 2.0, y: 2.0), (x: 2.0, y: 5.0), (x: 0.0, y: 5.0)];
        assert!(!is_convex(&u2));
    }

    #[test]
    fn a_convex_polygon_of_many_edges_gives_the_same_area_either_way() {
        // A 6,000-gon of radius 10 clipping a 400-vertex fan: past the work bound, the sweep
        // line answers; it agrees with clipping to rounding.
        let n = 6_000;
        let circle: Polygon<f64> = Polygon::new(
            LineString::from(
                (0..n)
                    .map(|i| {
                        let a = std::f64::consts::TAU * i as f64 / n as f64;
                        (10.0 * a.cos(), 10.0 * a.sin())
                    })
                    .collect::<Vec<_>>(),
            ),
            vec![],
        );
        let fan: Polygon<f64> = Polygon::new(
            LineString::from(
                std::iter::once((-12.0, 0.0))
                    .chain((0..399).map(|i| {
                        let a = -0.6 + 1.2 * i as f64 / 398.0;
                        (-12.0 + 30.0 * a.cos(), 30.0 * a.sin())
                    }))
                    .collect::<Vec<_>>(),
            ),
            vec![],
        );
        let subject = MultiPolygon::new(vec![fan.clone()]);
        let (fast, _) = clip_convex(&subject, &circle);
        let exact = fan.intersection(&circle).unsigned_area();
        assert!(
            fast > 100.0 && (fast - exact).abs() < 1e-6,
            "{fast} {exact}"
        );
        // The same by clipping: a coarser circle keeps under the bound.
        let coarse = Polygon::new(
            LineString::from(
                circle
                    .exterior()
                    .0
                    .iter()
                    .step_by(30)
                    .copied()
                    .collect::<Vec<_>>(),
            ),
            vec![],
        );
        let (clipped, _) = clip_convex(&subject, &coarse);
        let exact = fan.intersection(&coarse).unsigned_area();
        assert!((clipped - exact).abs() < 1e-6, "{clipped} {exact}");
    }

    #[test]
    fn difference_by_a_convex_zone_matches_boolean_ops() {
        use crate::geometry::primitives::{v2, AngleRange, Seg};
        use crate::geometry::visibility::visible_region;
        // A view through a row of gaps in a wall, against a pentagon zone.
        let walls: Vec<Seg> = (0..40)
            .map(|i| Seg::new(v2([i as f64 * 0.5, 3.0]), v2([i as f64 * 0.5 + 0.3, 3.0])))
            .collect();
        let view = visible_region(v2([10.0, 0.0]), &[AngleRange::FULL], 30.0, &walls);
        let zone = polygon![(x: 0.0, y: -5.0), (x: 20.0, y: -5.0), (x: 24.0, y: 2.0),
                            (x: 10.0, y: 6.0), (x: -4.0, y: 2.0)];
        let exact = view.difference(&zone).unsigned_area();
        let (a, parts) = difference_convex(&view, &zone).expect("cheap enough");
        assert!(exact > 100.0);
        assert!((a - exact).abs() < 1e-6 * exact, "{a} {exact}");
        assert!((parts.unsigned_area() - exact).abs() < 1e-6 * exact);
    }
}
