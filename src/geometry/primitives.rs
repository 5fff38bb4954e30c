//! Small vector helpers and exact-as-floats segment predicates.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::Coord;

/// A point or vector in plan metres.
pub type V2 = Coord<f64>;

/// Makes a [`V2`] from a file point.
pub fn v2(p: [f64; 2]) -> V2 {
    Coord { x: p[0], y: p[1] }
}

/// Dot product.
pub fn dot(a: V2, b: V2) -> f64 {
    a.x * b.x + a.y * b.y
}

/// z of the cross product.
pub fn cross(a: V2, b: V2) -> f64 {
    a.x * b.y - a.y * b.x
}

/// Length. (Plain `sqrt(x² + y²)`: coordinates are bounded by the model's validation, so the
/// overflow care of `hypot`, which costs several times as much, is not needed.)
pub fn len(a: V2) -> f64 {
    (a.x * a.x + a.y * a.y).sqrt()
}

/// The unit vector at `angle_rad` counter-clockwise from +x.
pub fn dir(angle_rad: f64) -> V2 {
    Coord {
        x: angle_rad.cos(),
        y: angle_rad.sin(),
    }
}

/// Angle of a vector in radians, in (−π, π].
pub fn angle_of(a: V2) -> f64 {
    a.y.atan2(a.x)
}

/// A straight piece of wall (or any obstacle) from `a` to `b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seg {
    pub a: V2,
    pub b: V2,
}

impl Seg {
    /// A segment between two points.
    pub fn new(a: V2, b: V2) -> Seg {
        Seg { a, b }
    }

    /// Length in metres.
    pub fn length(&self) -> f64 {
        len(self.b - self.a)
    }

    /// Distance from `p` to the closest point of the segment.
    pub fn distance_to(&self, p: V2) -> f64 {
        len(p - self.closest_point(p))
    }

    /// The parameter (0 at `a`, 1 at `b`, unclamped) of `p`'s projection on the line.
    pub fn project_param(&self, p: V2) -> f64 {
        let d = self.b - self.a;
        let l2 = dot(d, d);
        if l2 == 0.0 {
            0.0
        } else {
            dot(p - self.a, d) / l2
        }
    }

    /// The point of the segment closest to `p`.
    pub fn closest_point(&self, p: V2) -> V2 {
        let t = self.project_param(p).clamp(0.0, 1.0);
        self.a + (self.b - self.a) * t
    }

    /// Does this closed segment share a point with `other` (touching counts)?
    pub fn intersects(&self, other: &Seg) -> bool {
        segments_intersect(self.a, self.b, other.a, other.b)
    }

    /// Where the lines of two segments cross, as parameters `(t, u)` along `self` and `other`
    /// (0 at `a`, 1 at `b`); `None` when they are parallel.
    pub fn crossing_params(&self, other: &Seg) -> Option<(f64, f64)> {
        let r = self.b - self.a;
        let s = other.b - other.a;
        let denom = cross(r, s);
        if denom == 0.0 {
            return None;
        }
        let qp = other.a - self.a;
        Some((cross(qp, s) / denom, cross(qp, r) / denom))
    }

    /// The single crossing point of two segments, if they cross or touch at one point
    /// (collinear overlaps give `None`).
    pub fn intersection_point(&self, other: &Seg) -> Option<V2> {
        const EPS: f64 = 1e-12;
        let (t, u) = self.crossing_params(other)?;
        if (-EPS..=1.0 + EPS).contains(&t) && (-EPS..=1.0 + EPS).contains(&u) {
            Some(self.a + (self.b - self.a) * t)
        } else {
            None
        }
    }

    /// Distance along the ray `origin + s·unit_dir` (s > 0) to where it meets this segment.
    pub fn ray_hit(&self, origin: V2, unit_dir: V2) -> Option<f64> {
        let e = self.b - self.a;
        let denom = cross(unit_dir, e);
        if denom == 0.0 {
            return None;
        }
        let ao = self.a - origin;
        let s = cross(ao, e) / denom;
        let t = cross(ao, unit_dir) / denom;
        if s > 0.0 && (0.0..=1.0).contains(&t) {
            Some(s)
        } else {
            None
        }
    }

    /// Distance along the ray to this segment's supporting line (any sign), if not parallel.
    pub fn ray_line_distance(&self, origin: V2, unit_dir: V2) -> Option<f64> {
        let e = self.b - self.a;
        let denom = cross(unit_dir, e);
        if denom == 0.0 {
            None
        } else {
            Some(cross(self.a - origin, e) / denom)
        }
    }
}

fn orient(a: V2, b: V2, c: V2) -> f64 {
    cross(b - a, c - a)
}

fn on_segment(a: V2, b: V2, p: V2) -> bool {
    p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y)
}

/// Do the closed segments p1–p2 and q1–q2 share a point?
pub fn segments_intersect(p1: V2, p2: V2, q1: V2, q2: V2) -> bool {
    let d1 = orient(q1, q2, p1);
    let d2 = orient(q1, q2, p2);
    let d3 = orient(p1, p2, q1);
    let d4 = orient(p1, p2, q2);
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        return true;
    }
    (d1 == 0.0 && on_segment(q1, q2, p1))
        || (d2 == 0.0 && on_segment(q1, q2, p2))
        || (d3 == 0.0 && on_segment(p1, p2, q1))
        || (d4 == 0.0 && on_segment(p1, p2, q2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_and_touching_segments_intersect() {
        let s = Seg::new(v2([0.0, 0.0]), v2([2.0, 0.0]));
        assert!(s.intersects(&Seg::new(v2([1.0, -1.0]), v2([1.0, 1.0]))));
        assert!(s.intersects(&Seg::new(v2([2.0, 0.0]), v2([3.0, 1.0]))));
        assert!(!s.intersects(&Seg::new(v2([2.1, 0.0]), v2([3.0, 1.0]))));
        assert_eq!(
            s.intersection_point(&Seg::new(v2([0.5, -1.0]), v2([0.5, 1.0]))),
            Some(v2([0.5, 0.0]))
        );
    }

    #[test]
    fn ray_hits_segment_at_its_distance() {
        let s = Seg::new(v2([3.0, -1.0]), v2([3.0, 1.0]));
        assert_eq!(s.ray_hit(v2([0.0, 0.0]), v2([1.0, 0.0])), Some(3.0));
        assert_eq!(s.ray_hit(v2([0.0, 0.0]), v2([-1.0, 0.0])), None);
        assert!((s.distance_to(v2([0.0, 5.0])) - 5.0).abs() < 1e-12);
    }
}

/// A range of directions: from `start_rad` counter-clockwise through `sweep_rad` (0 < sweep ≤ 2π).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AngleRange {
    pub start_rad: f64,
    pub sweep_rad: f64,
}

/// 2π.
pub const TAU: f64 = std::f64::consts::TAU;

impl AngleRange {
    /// Every direction.
    pub const FULL: AngleRange = AngleRange {
        start_rad: 0.0,
        sweep_rad: TAU,
    };

    /// The view wedge of a heading and a full field of view, both in degrees.
    pub fn wedge(heading_deg: f64, fov_deg: f64) -> AngleRange {
        let sweep_rad = fov_deg.clamp(0.0, 360.0).to_radians();
        if sweep_rad >= TAU {
            return AngleRange::FULL;
        }
        AngleRange {
            start_rad: (heading_deg.to_radians() - sweep_rad / 2.0).rem_euclid(TAU),
            sweep_rad,
        }
    }

    /// Is this every direction?
    pub fn is_full(&self) -> bool {
        self.sweep_rad >= TAU
    }

    /// Does the range hold the direction `angle_rad`?
    pub fn contains(&self, angle_rad: f64) -> bool {
        self.is_full() || (angle_rad - self.start_rad).rem_euclid(TAU) <= self.sweep_rad
    }

    /// The direction halfway through the range.
    pub fn middle_rad(&self) -> f64 {
        self.start_rad + self.sweep_rad / 2.0
    }

    /// The directions in both ranges (at most two pieces).
    pub fn intersect(&self, other: &AngleRange) -> Vec<AngleRange> {
        if self.is_full() {
            return vec![*other];
        }
        if other.is_full() {
            return vec![*self];
        }
        let offset = (other.start_rad - self.start_rad).rem_euclid(TAU);
        let mut out = Vec::new();
        for shift in [0.0, -TAU] {
            let lo = (offset + shift).max(0.0);
            let hi = (offset + shift + other.sweep_rad).min(self.sweep_rad);
            if hi - lo > 1e-12 {
                out.push(AngleRange {
                    start_rad: self.start_rad + lo,
                    sweep_rad: hi - lo,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod angle_tests {
    use super::*;

    #[test]
    fn wedge_intersection_keeps_common_directions() {
        let a = AngleRange::wedge(90.0, 180.0); // 0°..180°
        let b = AngleRange::wedge(0.0, 180.0); // −90°..90°
        let c = a.intersect(&b);
        assert_eq!(c.len(), 1);
        assert!((c[0].start_rad - 0.0).abs() < 1e-12 || (c[0].start_rad - TAU).abs() < 1e-12);
        assert!((c[0].sweep_rad.to_degrees() - 90.0).abs() < 1e-9);
        // Two big ranges that overlap at both ends give two pieces.
        let d = AngleRange::wedge(0.0, 300.0);
        let e = AngleRange::wedge(180.0, 300.0);
        let sum: f64 = d
            .intersect(&e)
            .iter()
            .map(|r| r.sweep_rad.to_degrees())
            .sum();
        assert!((sum - 240.0).abs() < 1e-9, "{sum}");
    }
}
