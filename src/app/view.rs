//! The canvas transform: plan metres (y up, the spec's axes) ↔ screen points (y down).

use eframe::egui::{Pos2, Rect};

use crate::model::{Floor, Point};

/// Plan metres (y up) ↔ screen points (y down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenFromPlan {
    /// The plan point at the centre of the canvas.
    pub centre: [f64; 2],
    /// Screen points per metre.
    pub scale: f32,
    /// The canvas's centre on screen.
    pub origin: Pos2,
}

impl ScreenFromPlan {
    /// Screen position of a plan point.
    pub fn screen(&self, p: Point) -> Pos2 {
        Pos2::new(
            self.origin.x + ((p[0] - self.centre[0]) as f32) * self.scale,
            self.origin.y - ((p[1] - self.centre[1]) as f32) * self.scale,
        )
    }

    /// Plan point under a screen position.
    pub fn plan(&self, s: Pos2) -> Point {
        [
            self.centre[0] + ((s.x - self.origin.x) / self.scale) as f64,
            self.centre[1] - ((s.y - self.origin.y) / self.scale) as f64,
        ]
    }

    /// The plan rectangle shown in `rect`: (min, max) corners.
    pub fn plan_rect(&self, rect: Rect) -> (Point, Point) {
        let a = self.plan(rect.left_bottom());
        let b = self.plan(rect.right_top());
        (a, b)
    }
}

/// Zoom limits, in screen points per metre.
pub const MIN_SCALE: f32 = 0.5;
pub const MAX_SCALE: f32 = 2000.0;

/// The view (centre, scale) that shows the whole floor in `rect` with a 1 m margin;
/// `extra` adds points to show (an underlay's corners).
pub fn fit(floor: &Floor, extra: &[Point], rect: Rect) -> ([f64; 2], f32) {
    let Some([min, max]) = crate::model::bounds(floor.points().chain(extra.iter().copied())) else {
        return ([5.0, 5.0], 40.0);
    };
    let (w, h) = (
        (max[0] - min[0]).max(1.0) + 2.0,
        (max[1] - min[1]).max(1.0) + 2.0,
    );
    let scale = (rect.width() as f64 / w).min(rect.height() as f64 / h) as f32;
    (
        [(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0],
        scale.clamp(MIN_SCALE, MAX_SCALE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_and_plan_are_inverse_and_y_is_flipped() {
        let tf = ScreenFromPlan {
            centre: [10.0, 20.0],
            scale: 50.0,
            origin: Pos2::new(400.0, 300.0),
        };
        // One metre north is 50 points up the screen.
        assert_eq!(tf.screen([10.0, 21.0]), Pos2::new(400.0, 250.0));
        let p = tf.plan(Pos2::new(123.0, 456.0));
        let back = tf.screen(p);
        assert!((back.x - 123.0).abs() < 1e-3 && (back.y - 456.0).abs() < 1e-3);
    }
}
