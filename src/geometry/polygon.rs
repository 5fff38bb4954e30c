//! Polygons from the file: validity checks and conversion to `geo`.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{LineString, Polygon};

use super::primitives::{v2, Seg};
use crate::model::Point;

/// Why a polygon from the file cannot be used as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolygonProblem {
    /// Fewer than 3 distinct points.
    TooFewPoints,
    /// Encloses no area (all points on a line).
    ZeroArea,
    /// Two of its edges cross.
    SelfCrossing,
}

/// The polygon's vertices with consecutive repeats (and a repeated closing point) removed.
pub fn cleaned(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() != Some(p) {
            out.push(*p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// Signed area (positive when counter-clockwise) of a closed ring given without its closing point.
pub fn signed_area(points: &[Point]) -> f64 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum::<f64>()
        / 2.0
}

/// Do all the points lie on one straight line (up to rounding)?
fn collinear(points: &[Point]) -> bool {
    let p0 = v2(points[0]);
    let Some(far) = points
        .iter()
        .map(|p| v2(*p))
        .max_by(|a, b| super::primitives::len(*a - p0).total_cmp(&super::primitives::len(*b - p0)))
    else {
        return true;
    };
    let axis = far - p0;
    let scale = super::primitives::len(axis);
    points
        .iter()
        .all(|p| super::primitives::cross(axis, v2(*p) - p0).abs() <= 1e-9 * scale * scale.max(1.0))
}

/// Checks a polygon from the file. `None` means it is fine.
///
/// ```
/// use sightline::geometry::polygon::{check, PolygonProblem};
/// assert_eq!(check(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]), None);
/// assert_eq!(check(&[[0.0, 0.0], [1.0, 0.0]]), Some(PolygonProblem::TooFewPoints));
/// assert_eq!(check(&[[0.0, 0.0], [2.0, 2.0], [2.0, 0.0], [0.0, 2.0]]), Some(PolygonProblem::SelfCrossing));
/// ```
pub fn check(points: &[Point]) -> Option<PolygonProblem> {
    let pts = cleaned(points);
    let mut distinct = pts.clone();
    distinct.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    distinct.dedup();
    if distinct.len() < 3 {
        return Some(PolygonProblem::TooFewPoints);
    }
    if collinear(&distinct) {
        return Some(PolygonProblem::ZeroArea);
    }
    let n = pts.len();
    let edge = |i: usize| Seg::new(v2(pts[i]), v2(pts[(i + 1) % n]));
    let adjacent = |i: usize, j: usize| j == i + 1 || (i == 0 && j == n - 1);
    // Adjacent edges share one vertex; they cross only if they fold back onto each other.
    for i in 0..n {
        let (a, shared, c) = (pts[(i + n - 1) % n], pts[i], pts[(i + 1) % n]);
        let (u, w) = (v2(shared) - v2(a), v2(c) - v2(shared));
        if super::primitives::cross(u, w) == 0.0 && super::primitives::dot(u, w) < 0.0 {
            return Some(PolygonProblem::SelfCrossing);
        }
    }
    // Other pairs: only edges whose boxes meet can cross, found through an index of the edges
    // (so a 100,000-vertex polygon is checked in well under a second, not n² tests).
    let edges: Vec<Seg> = (0..n).map(edge).collect();
    let index = super::index::BoxIndex::of_segments(&edges);
    for (i, ei) in edges.iter().enumerate() {
        for j in index.along(ei) {
            if j > i && !adjacent(i, j) && ei.intersects(&edges[j]) {
                return Some(PolygonProblem::SelfCrossing);
            }
        }
    }
    None
}

/// The polygon as a `geo` polygon (no holes).
pub fn to_geo(points: &[Point]) -> Polygon<f64> {
    let coords: Vec<_> = cleaned(points).into_iter().map(v2).collect();
    Polygon::new(LineString::from(coords), Vec::new())
}

/// A point inside a polygon (by the even–odd rule, holes included), in O(n log n): on the
/// horizontal line nearest the middle of its height that passes through no vertex, the middle
/// of the widest stretch inside. geo's `InteriorPoint` relates every candidate to the polygon,
/// which took seconds for a view through thousands of openings (issue 25). `None` for a
/// polygon with no area.
///
/// ```
/// use geo::polygon;
/// use sightline::geometry::polygon::interior_point;
/// // A U shape whose centroid (2, 1.6) lies in its notch.
/// let u = polygon![(x: 0.0, y: 0.0), (x: 4.0, y: 0.0), (x: 4.0, y: 4.0), (x: 3.0, y: 4.0),
///                  (x: 3.0, y: 1.0), (x: 1.0, y: 1.0), (x: 1.0, y: 4.0), (x: 0.0, y: 4.0)];
/// let p = interior_point(&u).unwrap();
/// assert_eq!((p.x, p.y), (3.5, 2.5)); // on y = 2.5, between vertex heights 1 and 4
/// ```
pub fn interior_point(poly: &Polygon<f64>) -> Option<geo::Coord<f64>> {
    let rings: Vec<&LineString<f64>> = std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .collect();
    let mut ys: Vec<f64> = rings
        .iter()
        .flat_map(|r| r.0.iter().map(|c| c.y))
        .filter(|y| y.is_finite())
        .collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let (lo, hi) = (*ys.first()?, *ys.last()?);
    let middle = (lo + hi) / 2.0;
    let y = ys
        .windows(2)
        .map(|w| (w[0] + w[1]) / 2.0)
        .min_by(|a, b| (a - middle).abs().total_cmp(&(b - middle).abs()))?;
    let mut xs: Vec<f64> = rings
        .iter()
        .flat_map(|r| r.lines())
        .filter(|l| (l.start.y < y) != (l.end.y < y))
        .map(|l| l.start.x + (y - l.start.y) / (l.end.y - l.start.y) * (l.end.x - l.start.x))
        .collect();
    xs.sort_by(f64::total_cmp);
    let (a, b) = xs
        .chunks_exact(2)
        .map(|p| (p[0], p[1]))
        .max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))?;
    Some(geo::Coord {
        x: (a + b) / 2.0,
        y,
    })
}
