//! The handles of the one selected object: a camera's or sign's turn, view width and range, a
//! zone's, space's or wall's corners. A press on a handle wins over whatever else lies there
//! (a finding marker, the space under a zone corner).

use eframe::egui::Pos2;

use super::{drag_handle, handle_at, Action, Ctx, Gesture};
use crate::app::edit;

/// A press on a handle starts dragging it.
pub fn press(cx: &Ctx<'_>, at: Pos2) -> Option<Gesture> {
    let mut selected = cx.selection.iter();
    let (Some(&one), None) = (selected.next(), selected.next()) else {
        return None;
    };
    let item = edit::get(cx.floor, one)?;
    let handle = handle_at(&item, cx.tf, at)?;
    Some(Gesture::Handle {
        at: one,
        handle,
        original: item,
    })
}

/// The object as the handle dragged to `at` makes it, shown without an undo step.
pub fn drag(cx: &Ctx<'_>, at: Pos2) -> Vec<Action> {
    let Gesture::Handle {
        at: which,
        handle,
        original,
    } = cx.gesture
    else {
        return Vec::new();
    };
    let mut item = original.clone();
    // A corner snaps as a drawn point does (not to the object it belongs to).
    let to = match handle {
        super::Handle::Corner(_) => cx.snap_except(at, &std::collections::BTreeSet::from([*which])),
        _ => cx.tf.plan(at),
    };
    drag_handle(&mut item, *handle, to);
    // Shift turns in 15° steps.
    if cx.pointer.shift && *handle == super::Handle::Turn {
        match &mut item {
            crate::app::edit::Item::Device(d) => d.heading = super::heading_15(d.heading),
            crate::app::edit::Item::Sign(g) => g.facing = super::heading_15(g.facing),
            _ => {}
        }
    }
    vec![Action::Preview(vec![(*which, item)])]
}

/// The drag ends: one undo step.
pub fn release(cx: &Ctx<'_>) -> Vec<Action> {
    match cx.gesture {
        Gesture::Handle { at, original, .. } => {
            vec![Action::Commit(vec![(*at, original.clone())])]
        }
        _ => Vec::new(),
    }
}
