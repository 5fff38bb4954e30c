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
