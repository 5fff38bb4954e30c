//! Markers at (nearly) one spot share one marker labelled with all their numbers.

use std::collections::HashMap;

/// Groups markers closer than `near` pixels in x and y to the first marker of a group (the
/// earliest group that fits), through a grid of `near`-pixel cells so that thousands of
/// markers stay cheap. Each group: its position and its numbers.
///
/// ```
/// use sightline::scene::markers::group;
/// let g = group(&[(1, [10.0, 10.0]), (2, [11.0, 10.5]), (3, [40.0, 10.0])], 3.0);
/// assert_eq!(g, vec![([10.0, 10.0], vec![1, 2]), ([40.0, 10.0], vec![3])]);
/// ```
pub fn group(markers: &[(usize, [f64; 2])], near: f64) -> Vec<([f64; 2], Vec<usize>)> {
    let near = near.max(1e-9);
    let cell = |p: [f64; 2]| ((p[0] / near).floor() as i64, (p[1] / near).floor() as i64);
    let mut groups: Vec<([f64; 2], Vec<usize>)> = Vec::new();
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (n, p) in markers {
        let (cx, cy) = cell(*p);
        let mut best: Option<usize> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &g in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let Some((q, _)) = groups.get(g) else {
                        continue;
                    };
                    if (q[0] - p[0]).abs() < near && (q[1] - p[1]).abs() < near {
                        best = Some(best.map_or(g, |b| b.min(g)));
                    }
                }
            }
        }
        match best.and_then(|g| groups.get_mut(g)) {
            Some((_, ns)) => ns.push(*n),
            None => {
                grid.entry((cx, cy)).or_default().push(groups.len());
                groups.push((*p, vec![*n]));
            }
        }
    }
    groups
}

/// The label of a group: its numbers joined by commas.
pub fn label(numbers: &[usize]) -> String {
    let texts: Vec<String> = numbers.iter().map(usize::to_string).collect();
    texts.join(",")
}

/// The label of a crowded group: how many findings it holds (a lone one, its number).
///
/// ```
/// use sightline::scene::markers::count_label;
/// assert_eq!(count_label(&[4, 9, 12, 30]), "×4");
/// assert_eq!(count_label(&[7]), "7");
/// ```
pub fn count_label(numbers: &[usize]) -> String {
    match numbers {
        [one] => one.to_string(),
        more => format!("×{}", more.len()),
    }
}

/// How far (pixels) a marker keeps from the centre of a camera or sign glyph: the two never
/// overlap, so the glyph stays visible and can be clicked.
pub const GLYPH_CLEARANCE: f64 =
    (super::symbol::DEVICE_RADIUS + super::symbol::MARKER_RADIUS) as f64 + 4.0;

/// Moves markers off the camera and sign glyphs (`glyphs`, pixel centres) they would cover: a
/// marker closer than [`GLYPH_CLEARANCE`] to a glyph is drawn that far up and to the right of
/// the nearest one. Where glyphs crowd (more than [`CROWDED_CELL`] in one cell of the
/// clearance's size: a whole large floor in view) markers stay where they are: moving them
/// would help no one read anything there, and the cost stays bounded by markers × 9 cells. Returns, for each marker moved, a leader line to it: from the point marked,
/// or from the glyph's edge when that point lies on the glyph (the line never crosses it).
///
/// ```
/// use sightline::scene::markers::{clear_of_glyphs, GLYPH_CLEARANCE};
/// let mut m = vec![(1, [100.0, 100.0]), (2, [300.0, 100.0])];
/// let moved = clear_of_glyphs(&mut m, &[[101.0, 100.0]]);
/// let d = GLYPH_CLEARANCE / 2f64.sqrt();
/// assert_eq!(m[0].1, [101.0 + d, 100.0 - d]);
/// assert_eq!(m[1].1, [300.0, 100.0]);
/// let [from, to] = [moved[0].0, moved[0].1];
/// assert_eq!(to, m[0].1);
/// let edge = (from[0] - 101.0).hypot(from[1] - 100.0);
/// assert!((edge - 8.5).abs() < 1e-9); // the dot's radius and 1.5 px
/// assert_eq!(moved.len(), 1);
/// ```
/// The most glyphs in one cell of [`GLYPH_CLEARANCE`] pixels for markers to move off them.
pub const CROWDED_CELL: usize = 12;

pub fn clear_of_glyphs(
    markers: &mut [(usize, [f64; 2])],
    glyphs: &[[f64; 2]],
) -> Vec<([f64; 2], [f64; 2])> {
    let near = GLYPH_CLEARANCE;
    let cell = |p: [f64; 2]| ((p[0] / near).floor() as i64, (p[1] / near).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<[f64; 2]>> = HashMap::new();
    for g in glyphs {
        grid.entry(cell(*g)).or_default().push(*g);
    }
    let mut moved = Vec::new();
    for (_, p) in markers.iter_mut() {
        let (cx, cy) = cell(*p);
        let mut best: Option<(f64, [f64; 2])> = None;
        let around = || {
            (-1..=1)
                .flat_map(move |dx| (-1..=1).map(move |dy| (cx + dx, cy + dy)))
                .filter_map(|c| grid.get(&c))
        };
        if around().any(|c| c.len() > CROWDED_CELL) {
            continue;
        }
        for g in around().flatten() {
            let d = ((g[0] - p[0]).powi(2) + (g[1] - p[1]).powi(2)).sqrt();
            if d < near && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, *g));
            }
        }
        if let Some((dist, g)) = best {
            let d = near / 2f64.sqrt();
            let to = [g[0] + d, g[1] - d];
            let edge = f64::from(super::symbol::DEVICE_RADIUS) + 1.5;
            let from = if dist < edge {
                [g[0] + edge / 2f64.sqrt(), g[1] - edge / 2f64.sqrt()]
            } else {
                *p
            };
            moved.push((from, to));
            *p = to;
        }
    }
    moved
}
