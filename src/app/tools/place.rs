//! Cameras and signs: click to place, or press and drag to place and aim.

use super::{bearing, inside, Action, Ctx, Gesture, Tool};
use crate::app::edit::Item;
use crate::model::{Device, Floor, Point, Sign};

/// The object the tool places at `at`, facing `heading` degrees; its id is given when added.
/// A face-recognition camera placed inside a collection zone belongs to it.
fn object(cx: &Ctx<'_>, at: Point, heading: f64) -> Item {
    match cx.tool {
        Tool::Sign => Item::Sign(Sign::new("", at, heading)),
        tool => {
            let fr = tool == Tool::FrCamera;
            let mut d = Device::new("", at, heading, fr);
            join_zone(cx.floor, &mut d);
            Item::Device(d)
        }
    }
}

/// A face-recognition camera standing in a collection zone that is not its own (or in one
/// while it has none) joins it, whether placed or dragged there; one moved out of every zone
/// keeps its zone (and is reported as capturing outside it).
pub fn join_zone(floor: &Floor, d: &mut Device) {
    if !d.face_recognition {
        return;
    }
    let own = d
        .zone
        .as_deref()
        .and_then(|id| floor.zones.iter().find(|z| z.id == id));
    if own.is_some_and(|z| inside(&z.polygon, d.position)) {
        return;
    }
    if let Some(z) = floor.zones.iter().find(|z| inside(&z.polygon, d.position)) {
        d.zone = Some(z.id.clone());
    }
}

pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    let p = &cx.pointer;
    if p.pressed {
        if let Some(at) = p.press {
            return vec![Action::Gesture(Gesture::Place { at: cx.snap(at) })];
        }
    }
    if p.released {
        let mut out = vec![Action::Gesture(Gesture::None)];
        if let (Gesture::Place { at }, Some(to)) = (cx.gesture, p.at) {
            let to = cx.tf.plan(to);
            let moved = (to[0] - at[0]).hypot(to[1] - at[1]) > 1e-6;
            let mut heading = if moved { bearing(*at, to) } else { 0.0 };
            if p.shift {
                heading = super::heading_15(heading);
            }
            out.push(Action::Add(object(cx, *at, heading)));
        }
        return out;
    }
    if p.clicked {
        if let Some(at) = p.at {
            return vec![Action::Add(object(cx, cx.snap(at), 0.0))];
        }
    }
    Vec::new()
}
