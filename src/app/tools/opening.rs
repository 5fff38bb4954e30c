//! Doors, openings and windows: drag along a wall (snapping along it), or click a wall for a
//! standard width centred there.

use super::{lerp, nearest_wall, project, snap_along, Action, Ctx, Gesture};
use crate::app::edit::Item;
use crate::app::labels;
use crate::model::{Opening, OpeningKind, Point};

fn length(a: Point, b: Point) -> f64 {
    (b[0] - a[0]).hypot(b[1] - a[1])
}

fn opening(kind: OpeningKind, a: Point, b: Point) -> Item {
    Item::Opening(Opening::new("", kind, a, b))
}

/// Segment `seg` of wall `wall`, if it is still there.
fn segment(cx: &Ctx<'_>, wall: usize, seg: usize) -> Option<(Point, Point)> {
    let w = cx.floor.walls.get(wall)?;
    Some((*w.points.get(seg)?, *w.points.get(seg + 1)?))
}

pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    let p = &cx.pointer;
    let Some(kind) = cx.tool.opening_kind() else {
        return Vec::new();
    };
    let along = |a: Point, b: Point, at: Point| {
        snap_along(a, b, project(at, a, b), cx.grid_step, p.snap_off)
    };
    let on_wall = |at| {
        let (wall, seg, point) = nearest_wall(cx.floor, cx.tf, at)?;
        Some((wall, seg, point, segment(cx, wall, seg)?))
    };
    if p.pressed {
        return match p.press.and_then(on_wall) {
            Some((wall, seg, at, (a, b))) => vec![Action::Gesture(Gesture::Opening {
                wall,
                seg,
                from_t: along(a, b, at),
            })],
            None => vec![Action::Status(labels::PRESS_ON_WALL)],
        };
    }
    if p.released {
        let mut out = vec![Action::Gesture(Gesture::None)];
        if let (Gesture::Opening { wall, seg, from_t }, Some(at)) = (cx.gesture, p.at) {
            // The wall may have gone (undone) while the button was down.
            if let Some((a, b)) = segment(cx, *wall, *seg) {
                let to_t = along(a, b, cx.tf.plan(at));
                let (pa, pb) = (lerp(a, b, *from_t), lerp(a, b, to_t));
                if length(pa, pb) >= 0.1 {
                    out.push(Action::Add(opening(kind, pa, pb)));
                }
            }
        }
        return out;
    }
    if p.clicked {
        return match p.at.and_then(on_wall) {
            Some((_, _, at, (a, b))) => {
                let len = length(a, b).max(1e-9);
                let width = if kind == OpeningKind::Window {
                    1.2
                } else {
                    0.9
                };
                let half = (width / 2.0 / len).min(0.5);
                // Centred on the grid along the wall, like a dragged opening's ends.
                let t = along(a, b, at).clamp(half, 1.0 - half);
                vec![Action::Add(opening(
                    kind,
                    lerp(a, b, t - half),
                    lerp(a, b, t + half),
                ))]
            }
            None => vec![Action::Status(labels::PRESS_ON_WALL)],
        };
    }
    Vec::new()
}
