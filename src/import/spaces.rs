//! Rooms from the walls (import.md 9): the closed faces left between walls once doors and
//! windows are closed across, found on a fine grid so that small drawing gaps and overlaps
//! do not matter, then traced back into polygons.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;

use geo::{Coord, LineString, Simplify};

use super::geom::P;
use super::walls::Centre;

/// Grid cell side, metres (cells are made larger on very large floors).
const CELL: f64 = 0.05;
/// The most cells the grid may have (a 200 × 200 m floor at 5 cm).
const MAX_CELLS: f64 = 16.0e6;
/// Faces smaller than this are shafts, columns or drawing slivers, not rooms.
pub const MIN_ROOM_AREA: f64 = 0.8;

/// A room found on the plan, with the texts and blocks inside it.
#[derive(Clone, Debug)]
pub struct Face {
    pub polygon: Vec<P>,
    pub area: f64,
    /// Indices of the `points` (texts, fixture blocks) that lie inside.
    pub inside: Vec<usize>,
}

struct Grid {
    x0: f64,
    y0: f64,
    cell: f64,
    w: usize,
    h: usize,
}

impl Grid {
    fn cell_of(&self, p: P) -> Option<(usize, usize)> {
        let i = ((p[0] - self.x0) / self.cell).floor();
        let j = ((p[1] - self.y0) / self.cell).floor();
        (i >= 0.0 && j >= 0.0 && (i as usize) < self.w && (j as usize) < self.h)
            .then_some((i as usize, j as usize))
    }
}

/// The faces enclosed by `walls` (openings already closed across), with which of `points`
/// fall in each.
///
/// ```
/// use sightline::import::{spaces::faces, walls::Centre};
/// let w = |a: [f64; 2], b: [f64; 2]| Centre { a, b, t: 0.2 };
/// let box4 = vec![w([0.0, 0.0], [5.0, 0.0]), w([5.0, 0.0], [5.0, 4.0]),
///                 w([5.0, 4.0], [0.0, 4.0]), w([0.0, 4.0], [0.0, 0.0])];
/// let f = faces(&box4, &[[2.5, 2.0]]);
/// assert_eq!(f.len(), 1);
/// // The room inside the walls' faces: 4.8 × 3.8 m.
/// assert!((f[0].area - 18.24).abs() < 0.5, "{}", f[0].area);
/// assert_eq!(f[0].inside, vec![0]);
/// ```
pub fn faces(walls: &[Centre], points: &[P]) -> Vec<Face> {
    let Some([lo, hi]) = super::geom::bbox(walls.iter().flat_map(|w| [w.a, w.b])) else {
        return Vec::new();
    };
    let (sx, sy) = (hi[0] - lo[0], hi[1] - lo[1]);
    let cell = CELL.max(((sx + 1.0) * (sy + 1.0) / MAX_CELLS).sqrt());
    let pad = 2.0 * cell + 1.0;
    let grid = Grid {
        x0: lo[0] - pad,
        y0: lo[1] - pad,
        cell,
        w: ((sx + 2.0 * pad) / cell).ceil() as usize + 1,
        h: ((sy + 2.0 * pad) / cell).ceil() as usize + 1,
    };
    // 0 free, 1 wall; later component labels from 2.
    let mut cells = vec![0u32; grid.w * grid.h];
    for wall in walls {
        stamp(&grid, &mut cells, wall);
    }
    // The outside: the padding round the walls reaches all of it.
    flood(&grid, &mut cells, 0, 0, 2);
    let mut faces = Vec::new();
    let mut label = 3u32;
    let mut by_label: HashMap<u32, usize> = HashMap::new();
    for j in 0..grid.h {
        for i in 0..grid.w {
            if cells[j * grid.w + i] != 0 {
                continue;
            }
            let n = flood(&grid, &mut cells, i, j, label);
            let area = n as f64 * cell * cell;
            if area >= MIN_ROOM_AREA {
                if let Some(polygon) = trace(&grid, &cells, label, i, j) {
                    by_label.insert(label, faces.len());
                    faces.push(Face {
                        polygon,
                        area,
                        inside: Vec::new(),
                    });
                }
            }
            label += 1;
        }
    }
    for (k, p) in points.iter().enumerate() {
        if let Some((i, j)) = grid.cell_of(*p) {
            if let Some(&f) = by_label.get(&cells[j * grid.w + i]) {
                faces[f].inside.push(k);
            }
        }
    }
    faces
}

/// Marks the cells a wall covers (at least one cell wide so it always separates).
fn stamp(grid: &Grid, cells: &mut [u32], w: &Centre) {
    let half = (w.t / 2.0).max(grid.cell * 0.75);
    let l = w.length();
    let steps = ((l / (grid.cell * 0.5)).ceil() as usize).max(1);
    let r = (half / grid.cell).ceil() as i64;
    for k in 0..=steps {
        let t = k as f64 / steps as f64;
        let p = [
            w.a[0] + (w.b[0] - w.a[0]) * t,
            w.a[1] + (w.b[1] - w.a[1]) * t,
        ];
        let ci = ((p[0] - grid.x0) / grid.cell).floor() as i64;
        let cj = ((p[1] - grid.y0) / grid.cell).floor() as i64;
        for dj in -r..=r {
            for di in -r..=r {
                let (i, j) = (ci + di, cj + dj);
                if i < 0 || j < 0 || i as usize >= grid.w || j as usize >= grid.h {
                    continue;
                }
                let cx = grid.x0 + (i as f64 + 0.5) * grid.cell;
                let cy = grid.y0 + (j as f64 + 0.5) * grid.cell;
                if super::math::hypot(cx - p[0], cy - p[1]) <= half {
                    cells[j as usize * grid.w + i as usize] = 1;
                }
            }
        }
    }
}

/// Labels the free cells 4-connected to (i, j); returns how many.
fn flood(grid: &Grid, cells: &mut [u32], i: usize, j: usize, label: u32) -> usize {
    let mut stack = vec![(i, j)];
    let mut n = 0;
    while let Some((i, j)) = stack.pop() {
        let k = j * grid.w + i;
        if cells[k] != 0 {
            continue;
        }
        cells[k] = label;
        n += 1;
        if i > 0 {
            stack.push((i - 1, j));
        }
        if j > 0 {
            stack.push((i, j - 1));
        }
        if i + 1 < grid.w {
            stack.push((i + 1, j));
        }
        if j + 1 < grid.h {
            stack.push((i, j + 1));
        }
    }
    n
}

/// The outline of the component `label` that contains cell (i0, j0), simplified.
fn trace(grid: &Grid, cells: &[u32], label: u32, i0: usize, j0: usize) -> Option<Vec<P>> {
    let inside = |i: i64, j: i64| {
        i >= 0
            && j >= 0
            && (i as usize) < grid.w
            && (j as usize) < grid.h
            && cells[j as usize * grid.w + i as usize] == label
    };
    // (i0, j0) is the component's first cell in row order, so its bottom edge is on the
    // outer boundary. Walk the boundary keeping the inside on the left.
    let (i0, j0) = (i0 as i64, j0 as i64);
    let start = (i0, j0, 0u8); // vertex (i0, j0), heading +x
    let mut at = start;
    let mut corners: Vec<(i64, i64)> = Vec::new();
    let dirs = [(1i64, 0i64), (0, 1), (-1, 0), (0, -1)];
    let limit = 4 * grid.w * grid.h + 8;
    for _ in 0..limit {
        let (x, y, d) = at;
        // Cells ahead-left and ahead-right of the vertex (x, y) when heading d.
        let left = match d {
            0 => (x, y),
            1 => (x - 1, y),
            2 => (x - 1, y - 1),
            _ => (x, y - 1),
        };
        let right = match d {
            0 => (x, y - 1),
            1 => (x, y),
            2 => (x - 1, y),
            _ => (x - 1, y - 1),
        };
        let nd = if inside(right.0, right.1) {
            (d + 3) % 4 // turn right
        } else if inside(left.0, left.1) {
            d // straight on
        } else {
            (d + 1) % 4 // turn left
        };
        if nd != d || corners.is_empty() {
            corners.push((x, y));
        }
        let (mx, my) = dirs[nd as usize];
        at = (x + mx, y + my, nd);
        if (at.0, at.1) == (start.0, start.1) {
            break;
        }
    }
    if (at.0, at.1) != (start.0, start.1) || corners.len() < 3 {
        return None;
    }
    let line: LineString<f64> = corners
        .iter()
        .chain(corners.first())
        .map(|&(x, y)| Coord {
            x: grid.x0 + x as f64 * grid.cell,
            y: grid.y0 + y as f64 * grid.cell,
        })
        .collect();
    let simple = line.simplify(grid.cell * 1.5);
    let mut pts: Vec<P> = simple.0.iter().map(|c| [round(c.x), round(c.y)]).collect();
    pts.pop();
    (pts.len() >= 3).then_some(pts)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
