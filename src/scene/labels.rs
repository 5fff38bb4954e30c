//! Placing labels without overlap: the picture and the canvas both ask, at their own scale,
//! which labels fit beside those already placed.

use std::collections::HashMap;

/// A label's box in pixels: left, top, right, bottom.
pub type PxBox = [f64; 4];

/// Where each label goes: for each label its ways of drawing it (boxes, the preferred
/// first), taken label by label in order (the most important first). A label takes the first of
/// its boxes that meets no box placed before it, or is left out when none is clear. A grid of
/// 64-pixel cells keeps this linear in the number of labels.
///
/// ```
/// use sightline::scene::labels::place;
/// // The second's first box overlaps the first label, so it takes its second box; the third
/// // has only one box, and it overlaps: it is left out.
/// let chosen = place(&[
///     vec![[0.0, 0.0, 50.0, 12.0]],
///     vec![[40.0, 5.0, 90.0, 17.0], [60.0, 5.0, 110.0, 17.0]],
///     vec![[10.0, 5.0, 30.0, 10.0]],
/// ]);
/// assert_eq!(chosen, vec![Some(0), Some(1), None]);
/// ```
pub fn place(options: &[Vec<PxBox>]) -> Vec<Option<usize>> {
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
    let mut grid: HashMap<(i64, i64), Vec<PxBox>> = HashMap::new();
    let mut chosen = Vec::with_capacity(options.len());
    for boxes in options {
        let clear = |b: &PxBox| {
            b.iter().all(|v| v.is_finite())
                && cells(b).all(|c| {
                    grid.get(&c)
                        .is_none_or(|placed| placed.iter().all(|o| !meets(b, o)))
                })
        };
        let pick = boxes.iter().position(clear);
        if let Some(b) = pick.and_then(|k| boxes.get(k)) {
            for c in cells(b) {
                grid.entry(c).or_default().push(*b);
            }
        }
        chosen.push(pick);
    }
    chosen
}
