//! Placing a scanned plan (underlay) under the drawing: pixel ↔ plan metres, and calibration
//! from two picked points and their real distance.
//!
//! Pixel (0, 0) is the image's top-left corner and sits at `origin`; pixel rows go down the
//! screen, towards −y (site-format.md).

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use crate::model::{Point, Underlay};

/// The plan point of an image pixel position (fractional pixels allowed).
///
/// ```
/// use sightline::geometry::underlay::plan_from_pixel;
/// // 2 cm per pixel, top-left at (10, 30): pixel (100, 50) is 2 m east and 1 m south of it.
/// assert_eq!(plan_from_pixel([10.0, 30.0], 0.02, [100.0, 50.0]), [12.0, 29.0]);
/// ```
pub fn plan_from_pixel(origin: Point, metres_per_pixel: f64, px: [f64; 2]) -> Point {
    [
        origin[0] + px[0] * metres_per_pixel,
        origin[1] - px[1] * metres_per_pixel,
    ]
}

/// The image pixel position of a plan point.
pub fn pixel_from_plan(origin: Point, metres_per_pixel: f64, p: Point) -> [f64; 2] {
    [
        (p[0] - origin[0]) / metres_per_pixel,
        (origin[1] - p[1]) / metres_per_pixel,
    ]
}

/// Why a calibration cannot be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CalibrationError {
    #[error("the two points are the same pixel; pick two points far apart")]
    SamePoint,
    #[error("the distance must be more than 0 m (it is {0} m)")]
    BadDistance(f64),
}

/// Calibrates an underlay: the user picked pixels `a_px` and `b_px` on the image and typed
/// their real distance. Sets `metres_per_pixel` so that the two are `distance_m` apart, and
/// moves `origin` so that the plan point under `a_px` stays where it was (the drawing does not
/// jump under the user's cursor).
///
/// ```
/// use sightline::geometry::underlay::calibrate;
/// use sightline::model::Underlay;
/// let mut u: Underlay = serde_json::from_value(serde_json::json!({
///     "image": "plan.png", "origin": [0.0, 20.0], "metres_per_pixel": 0.01 })).unwrap();
/// // A 4 m wall spans 200 pixels: 2 cm per pixel.
/// calibrate(&mut u, [100.0, 100.0], [300.0, 100.0], 4.0).unwrap();
/// assert!((u.metres_per_pixel - 0.02).abs() < 1e-12);
/// ```
pub fn calibrate(
    u: &mut Underlay,
    a_px: [f64; 2],
    b_px: [f64; 2],
    distance_m: f64,
) -> Result<(), CalibrationError> {
    if !distance_m.is_finite() || distance_m <= 0.0 {
        return Err(CalibrationError::BadDistance(distance_m));
    }
    let d_px = (b_px[0] - a_px[0]).hypot(b_px[1] - a_px[1]);
    if d_px < 1e-9 {
        return Err(CalibrationError::SamePoint);
    }
    let fixed = plan_from_pixel(u.origin, u.metres_per_pixel, a_px);
    let mpp = distance_m / d_px;
    u.metres_per_pixel = mpp;
    u.origin = [fixed[0] - a_px[0] * mpp, fixed[1] + a_px[1] * mpp];
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn underlay() -> Underlay {
        serde_json::from_value(serde_json::json!({
            "image": "plan.png", "origin": [5.0, 40.0], "metres_per_pixel": 0.05
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn calibration_sets_the_scale_and_keeps_the_first_point_fixed() {
        let mut u = underlay();
        let (a, b) = ([120.0, 80.0], [420.0, 480.0]); // 500 px apart (3-4-5)
        let before = plan_from_pixel(u.origin, u.metres_per_pixel, a);
        calibrate(&mut u, a, b, 12.5).unwrap_or_else(|e| panic!("{e}"));
        assert!((u.metres_per_pixel - 0.025).abs() < 1e-15);
        let after_a = plan_from_pixel(u.origin, u.metres_per_pixel, a);
        assert!((after_a[0] - before[0]).abs() < 1e-12 && (after_a[1] - before[1]).abs() < 1e-12);
        let after_b = plan_from_pixel(u.origin, u.metres_per_pixel, b);
        let d = (after_b[0] - after_a[0]).hypot(after_b[1] - after_a[1]);
        assert!((d - 12.5).abs() < 1e-12);
        // Rows go down: b is below a on the image, so south of it on the plan.
        assert!(after_b[1] < after_a[1]);
        let back = pixel_from_plan(u.origin, u.metres_per_pixel, after_b);
        assert!((back[0] - b[0]).abs() < 1e-9 && (back[1] - b[1]).abs() < 1e-9);
    }

    #[test]
    fn calibration_refuses_bad_input_and_leaves_the_underlay_alone() {
        let mut u = underlay();
        assert_eq!(
            calibrate(&mut u, [1.0, 1.0], [1.0, 1.0], 3.0),
            Err(CalibrationError::SamePoint)
        );
        assert_eq!(
            calibrate(&mut u, [1.0, 1.0], [9.0, 1.0], 0.0),
            Err(CalibrationError::BadDistance(0.0))
        );
        assert!(calibrate(&mut u, [1.0, 1.0], [9.0, 1.0], f64::NAN).is_err());
        assert_eq!(u, underlay());
    }
}
