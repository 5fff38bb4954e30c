//! Placing labels without overlap: the picture and the canvas both ask, at their own scale,
//! which labels fit beside those already placed.

use std::collections::HashMap;

/// A label's box in pixels: left, top, right, bottom.
pub type PxBox = [f64; 4];

/// Which of `boxes` to draw, taken in order (the most important first): a box is kept when it
/// meets none kept before it. A grid of 64-pixel cells keeps this linear in the number of
/// labels.
///
/// ```
/// use sightline::scene::labels::place;
/// // The second overlaps the first and is dropped; the third is clear.
/// let kept = place(&[[0.0, 0.0, 50.0, 12.0], [40.0, 5.0, 90.0, 17.0], [0.0, 20.0, 50.0, 32.0]]);
/// assert_eq!(kept, vec![true, false, true]);
/// ```
pub fn place(boxes: &[PxBox]) -> Vec<bool> {
    const CELL: f64 = 64.0;
    let cells = |b: &PxBox| {
        let (x0, y0) = ((b[0] / CELL).floor() as i64, (b[1] / CELL).floor() as i64);
        let (x1, y1) = ((b[2] / CELL).floor() as i64, (b[3] / CELL).floor() as i64);
        // A box far larger than the picture is not worth many cells: it is checked in its
        // corner cells only.
        let (x1, y1) = (x1.min(x0 + 64), y1.min(y0 + 64));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    };
    let meets = |a: &PxBox, b: &PxBox| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut kept = vec![false; boxes.len()];
    for (i, b) in boxes.iter().enumerate() {
        if !b.iter().all(|v| v.is_finite()) {
            continue;
        }
        let clear = cells(b).all(|c| {
            grid.get(&c).is_none_or(|placed| {
                placed
                    .iter()
                    .all(|&j| boxes.get(j).is_none_or(|o| !meets(b, o)))
            })
        });
        if clear {
            if let Some(k) = kept.get_mut(i) {
                *k = true;
            }
            for c in cells(b) {
                grid.entry(c).or_default().push(i);
            }
        }
    }
    kept
}
