//! The bounding box of points.

use super::Point;

/// The smallest box holding every point: min and max corners, or `None` for no points.
///
/// ```
/// use sightline::model::bounds;
/// assert_eq!(bounds([[1.0, 5.0], [-2.0, 3.0]]), Some([[-2.0, 3.0], [1.0, 5.0]]));
/// assert_eq!(bounds([]), None);
/// ```
pub fn bounds(points: impl IntoIterator<Item = Point>) -> Option<[Point; 2]> {
    let mut bb: Option<[Point; 2]> = None;
    for p in points {
        bb = Some(match bb {
            None => [p, p],
            Some([lo, hi]) => [
                [lo[0].min(p[0]), lo[1].min(p[1])],
                [hi[0].max(p[0]), hi[1].max(p[1])],
            ],
        });
    }
    bb
}
