//! Walls, spaces and zones: click their points (Enter, a double-click on the last point or a
//! click on the first ends them), or drag a rectangle for a space or zone.

use super::{Action, Ctx, Gesture, Tool, PICK_PT};
use crate::app::edit::Item;
use crate::model::{Point, Space, Zone};

fn rect_polygon(a: Point, b: Point) -> Vec<Point> {
    let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

/// A space (of `kind`) or a zone with this outline, by the tool; its id is given when added.
pub fn area(tool: Tool, kind: crate::model::SpaceKind, polygon: Vec<Point>) -> Item {
    if tool == Tool::Zone {
        Item::Zone(Zone {
            id: String::new(),
            name: String::new(),
            polygon,
            extra: Default::default(),
        })
    } else {
        Item::Space(Space {
            id: String::new(),
            name: String::new(),
            kind,
            polygon,
            review: false,
            extra: Default::default(),
        })
    }
}

/// The outline of the room the floor's walls enclose around `at`, if they enclose one (found
/// on a 5 cm grid between the walls' faces, as imported plans' rooms are).
pub fn room_from_walls(floor: &crate::model::Floor, at: Point) -> Option<Vec<Point>> {
    use crate::import::walls::Centre;
    let walls: Vec<Centre> = floor
        .walls
        .iter()
        .flat_map(|w| {
            w.points.windows(2).filter_map(move |p| match p {
                [a, b] => Some(Centre {
                    a: *a,
                    b: *b,
                    t: w.thickness,
                }),
                _ => None,
            })
        })
        .collect();
    crate::import::spaces::faces(&walls, &[at])
        .into_iter()
        .find(|f| !f.inside.is_empty())
        .map(|f| f.polygon)
}

pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    let p = &cx.pointer;
    let areas = cx.tool != Tool::Wall;
    if p.pressed && areas && matches!(cx.gesture, Gesture::None) {
        if let Some(at) = p.press {
            return vec![Action::Gesture(Gesture::Rect { from: cx.snap(at) })];
        }
    }
    if p.released {
        if let (Gesture::Rect { from }, Some(at)) = (cx.gesture, p.at) {
            let to = cx.snap(at);
            let mut out = vec![Action::Gesture(Gesture::None)];
            if (to[0] - from[0]).abs() > 0.05 && (to[1] - from[1]).abs() > 0.05 {
                out.push(Action::AddArea(rect_polygon(*from, to)));
            }
            return out;
        }
    }
    if !p.clicked {
        return Vec::new();
    }
    let Some(at) = p.at else {
        return Vec::new();
    };
    // Ctrl+click: the room the walls enclose around the point.
    if p.command && areas && matches!(cx.gesture, Gesture::None) {
        return match room_from_walls(cx.floor, cx.tf.plan(at)) {
            Some(polygon) => vec![Action::AddArea(polygon)],
            None => vec![Action::Status(crate::app::labels::NO_ROOM_HERE)],
        };
    }
    let mut snapped = cx.snap(at);
    // Shift holds the new side to 0°, 45° or 90° from the last point, at a whole grid step.
    if let (true, Gesture::Points { points }) = (p.shift, cx.gesture) {
        if let Some(last) = points.last() {
            snapped = super::lock_45(*last, snapped, cx.grid_step);
        }
    }
    let near = |q: &Point| cx.tf.screen(*q).distance(at) <= PICK_PT;
    match cx.gesture {
        Gesture::Points { points } => {
            // A double-click on the last point ends the shape (quick clicks elsewhere are
            // corners); so does a click on the first point of a space or zone.
            let on_last = points.last().is_some_and(near);
            let closing = areas && points.len() >= 3 && points.first().is_some_and(near);
            if (p.double_clicked && on_last) || closing {
                vec![Action::FinishShape]
            } else if points.last() != Some(&snapped) {
                let mut points = points.clone();
                points.push(snapped);
                vec![Action::Gesture(Gesture::Points { points })]
            } else {
                Vec::new()
            }
        }
        _ => vec![Action::Gesture(Gesture::Points {
            points: vec![snapped],
        })],
    }
}
