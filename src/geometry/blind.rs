//! The blind disc under a tilted camera: what it sees on the plan is its visible region less
//! the disc of distances closer than its near limit (site-format.md rev 3).
//!
//! The disc is the regular 360-gon *inscribed* in the circle, corners at whole degrees as the
//! range polygon of [`super::visibility`] has them: the hole is a hair smaller than the true
//! blind disc, so the region kept is never smaller than the exact one (by at most 0.0051 % of
//! the disc's area), the safe side for a rule that flags what a camera sees.
//!
//! ```
//! use geo::Area;
//! use sightline::geometry::{blind::without_disc, primitives::{v2, AngleRange}};
//! use sightline::geometry::visibility::visible_region;
//! // A 90° view out to 4 m with nothing seen closer than 1 m: a quarter annulus.
//! let seen = visible_region(v2([0.0, 0.0]), &[AngleRange::wedge(45.0, 90.0)], 4.0, &[]);
//! let band = without_disc(&seen, v2([0.0, 0.0]), 1.0);
//! let exact = std::f64::consts::PI * (16.0 - 1.0) / 4.0;
//! assert!((band.unsigned_area() - exact).abs() / exact < 1e-4);
//! ```

use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

use super::primitives::V2;

/// Corners of the inscribed polygon.
const CORNERS: usize = 360;

/// The inscribed 360-gon of the circle of `radius` around `centre`.
pub fn disc(centre: V2, radius: f64) -> Polygon<f64> {
    let ring: Vec<Coord<f64>> = (0..=CORNERS)
        .map(|k| {
            let a = (k % CORNERS) as f64 * std::f64::consts::TAU / CORNERS as f64;
            Coord {
                x: centre.x + radius * a.cos(),
                y: centre.y + radius * a.sin(),
            }
        })
        .collect();
    Polygon::new(LineString::new(ring), vec![])
}

/// `region` less the disc of `radius` around `apex` (the region unchanged when `radius` ≤ 0).
pub fn without_disc(region: &MultiPolygon<f64>, apex: V2, radius: f64) -> MultiPolygon<f64> {
    if radius <= 0.0 || region.0.is_empty() {
        return region.clone();
    }
    region.difference(&disc(apex, radius))
}
