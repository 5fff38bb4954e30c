//! The importer's trigonometry through the `libm` crate (a port of musl's), so that an import
//! gives the same bits on every platform. The system libraries' `sin`, `cos`, `atan2` and
//! `hypot` differ in the last place between glibc and Windows' C runtime, and a last-place
//! difference can settle a tie the other way: under Windows two mirror-image walls of
//! Contoso v2 came out in swapped order.
//!
//! ```
//! use sightline::import::math;
//! assert_eq!(math::hypot(3.0, 4.0), 5.0);
//! assert_eq!(math::atan2(1.0, 1.0), std::f64::consts::FRAC_PI_4);
//! ```

pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// (sin x, cos x).
pub fn sin_cos(x: f64) -> (f64, f64) {
    libm::sincos(x)
}

pub fn atan2(y: f64, x: f64) -> f64 {
    libm::atan2(y, x)
}

pub fn acos(x: f64) -> f64 {
    libm::acos(x)
}

pub fn hypot(x: f64, y: f64) -> f64 {
    libm::hypot(x, y)
}
