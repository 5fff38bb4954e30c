//! The underlay: drag it into place, or click two points of it to calibrate its scale.

use super::{Action, Ctx, Gesture, Tool};
use crate::app::edit::{Edit, FloorFields};

pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    let p = &cx.pointer;
    if cx.tool == Tool::Calibrate {
        return match (p.clicked, p.at) {
            (true, Some(at)) => vec![Action::CalibrationPoint(cx.tf.plan(at))],
            _ => Vec::new(),
        };
    }
    if p.pressed {
        return match (&cx.floor.underlay, p.press) {
            (Some(u), Some(at)) => vec![Action::Gesture(Gesture::Underlay {
                original: u.clone(),
                grab: cx.tf.plan(at),
            })],
            _ => Vec::new(),
        };
    }
    let Gesture::Underlay { original, grab } = cx.gesture else {
        return Vec::new();
    };
    let Some(at) = p.at else {
        return Vec::new();
    };
    if !(p.dragging || p.released) {
        return Vec::new();
    }
    let at = cx.tf.plan(at);
    let mut moved = original.clone();
    moved.origin = [
        original.origin[0] + at[0] - grab[0],
        original.origin[1] + at[1] - grab[1],
    ];
    let fields = |u| {
        let mut f = FloorFields::of(cx.floor);
        f.underlay = Some(u);
        Edit::FloorFields {
            floor: cx.fi,
            fields: Box::new(f),
        }
    };
    if p.released {
        vec![
            Action::CommitEdit {
                restore: fields(original.clone()),
                edit: fields(moved),
            },
            Action::Gesture(Gesture::None),
        ]
    } else {
        vec![Action::PreviewEdit(fields(moved))]
    }
}
