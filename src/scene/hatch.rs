//! Hatching a polygon with straight stripes, for drawing back ends without patterns.

use crate::model::Point;

/// The hatch lines of a polygon (holes respected): lines at 45° (`rising`) or −45° every
/// `spacing` metres, cut to the inside. At most `max_lines` lines are returned; none if the
/// polygon would need far more.
///
/// ```
/// use sightline::scene::hatch::hatch_lines;
/// let square = geo::Rect::new((0.0, 0.0), (1.0, 1.0)).to_polygon();
/// let lines = hatch_lines(&square, 0.25, true, 1000);
/// // Lines 0.25 m apart across the diagonal (its half is 0.71 m): 5 of them, all inside.
/// assert_eq!(lines.len(), 5);
/// assert!(lines.iter().flatten().all(|p| (-1e-9..=1.0 + 1e-9).contains(&p[0])));
/// // Falling lines cross the square the other way.
/// let falling = hatch_lines(&square, 0.25, false, 1000);
/// assert_eq!(falling.len(), 5);
/// ```
pub fn hatch_lines(
    poly: &geo::Polygon<f64>,
    spacing: f64,
    rising: bool,
    max_lines: usize,
) -> Vec<[Point; 2]> {
    if spacing <= 0.0 || !spacing.is_finite() {
        return Vec::new();
    }
    let h = std::f64::consts::FRAC_1_SQRT_2;
    // Falling hatches are rising ones of the polygon mirrored in x.
    let m = if rising { 1.0 } else { -1.0 };
    let along = |p: geo::Coord<f64>| (m * p.x + p.y) * h;
    let across = |p: geo::Coord<f64>| (p.y - m * p.x) * h;
    // Crossings of each hatch line (numbered by k) with every edge.
    let mut hits: std::collections::BTreeMap<i64, Vec<f64>> = Default::default();
    let mut total = 0usize;
    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
        for line in ring.lines() {
            let (a, b) = (across(line.start), across(line.end));
            if a == b {
                continue;
            }
            let (lo, hi) = (a.min(b), a.max(b));
            let first = (lo / spacing).ceil() as i64;
            let last = (hi / spacing).ceil() as i64 - 1;
            for k in first..=last {
                let c = k as f64 * spacing;
                let t = (c - a) / (b - a);
                let u = along(line.start) + t * (along(line.end) - along(line.start));
                hits.entry(k).or_default().push(u);
                total += 1;
                if total > 4 * max_lines {
                    return Vec::new();
                }
            }
        }
    }
    let mut out = Vec::new();
    for (k, mut us) in hits {
        us.sort_by(f64::total_cmp);
        let c = k as f64 * spacing;
        for pair in us.chunks_exact(2) {
            let &[a, b] = pair else { continue };
            // A line that only touches a corner draws nothing.
            if b - a <= 1e-12 {
                continue;
            }
            let p = |u: f64| [m * (u - c) * h, (u + c) * h];
            out.push([p(a), p(b)]);
            if out.len() >= max_lines {
                return out;
            }
        }
    }
    out
}
