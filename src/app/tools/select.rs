//! The select tool: click to select (Shift adds or removes), drag an object to move the
//! selection (its grabbed point snaps), drag on empty plan to box-select, drag a handle of the
//! one selected camera or sign.

use std::collections::BTreeSet;

use super::{handles, in_box, pick, pick_all, Action, Ctx, Gesture};
use crate::app::edit::{self, Item, ItemKind, ItemRef};

pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    let p = &cx.pointer;
    let mut out = Vec::new();
    if p.pressed {
        let Some(at) = p.press else { return out };
        if let Some(gesture) = handles::press(cx, at) {
            return vec![Action::Gesture(gesture)];
        }
        match pick(cx.floor, cx.tf, at) {
            Some(hit) => {
                let mut selection = cx.selection.clone();
                if !selection.contains(&hit) {
                    if !p.shift {
                        selection.clear();
                    }
                    selection.insert(hit);
                }
                let originals: Vec<(ItemRef, Item)> = selection
                    .iter()
                    .filter_map(|r| edit::get(cx.floor, *r).map(|i| (*r, i)))
                    .collect();
                let anchor = edit::get(cx.floor, hit)
                    .and_then(|i| i.points().first().copied())
                    .unwrap_or_else(|| cx.tf.plan(at));
                out.push(Action::Select(selection));
                out.push(Action::Gesture(Gesture::Move {
                    originals,
                    grab: cx.tf.plan(at),
                    anchor,
                }));
            }
            None => out.push(Action::Gesture(Gesture::BoxSelect {
                from: at,
                additive: p.shift,
            })),
        }
        return out;
    }
    if p.dragging {
        let Some(at) = p.at else { return out };
        match cx.gesture {
            Gesture::Move {
                originals,
                grab,
                anchor,
            } => {
                let plan = cx.tf.plan(at);
                // The grabbed object's first point snaps (not to the objects moving); the
                // rest follow.
                let moved = [anchor[0] + plan[0] - grab[0], anchor[1] + plan[1] - grab[1]];
                let moving: BTreeSet<ItemRef> = originals.iter().map(|(r, _)| *r).collect();
                let target = cx.snap_except(cx.tf.screen(moved), &moving);
                let by = [target[0] - anchor[0], target[1] - anchor[1]];
                let items = originals
                    .iter()
                    .map(|(r, item)| {
                        let mut item = item.clone();
                        item.translate(by);
                        (*r, item)
                    })
                    .collect();
                out.push(Action::Preview(items));
            }
            Gesture::Handle { .. } => out.extend(handles::drag(cx, at)),
            _ => {}
        }
    }
    if p.released {
        match cx.gesture {
            Gesture::Move { originals, .. } => out.push(Action::Commit(originals.clone())),
            Gesture::Handle { .. } => out.extend(handles::release(cx)),
            Gesture::BoxSelect { from, additive } => {
                if let Some(at) = p.at {
                    let (a, b) = (cx.tf.plan(*from), cx.tf.plan(at));
                    let found = in_box(
                        cx.floor,
                        [a[0].min(b[0]), a[1].min(b[1])],
                        [a[0].max(b[0]), a[1].max(b[1])],
                    );
                    let mut selection = if *additive {
                        cx.selection.clone()
                    } else {
                        BTreeSet::new()
                    };
                    selection.extend(found);
                    out.push(Action::Select(selection));
                }
            }
            _ => {}
        }
        out.push(Action::Gesture(Gesture::None));
    }
    if p.clicked {
        let mut under =
            p.at.map(|at| pick_all(cx.floor, cx.tf, at))
                .unwrap_or_default();
        // Cameras and signs win: where one lies, clicks cycle among those alone, so a click
        // on a selected camera keeps it rather than picking the space under it.
        let point_like = |r: &ItemRef| matches!(r.kind, ItemKind::Device | ItemKind::Sign);
        if under.iter().any(point_like) {
            under.retain(point_like);
        }
        // Clicking again where the one selected object is picks the next one under it.
        let hit = match cx.selection.iter().collect::<Vec<_>>()[..] {
            [one] if !p.shift => match under.iter().position(|r| r == one) {
                Some(i) => under.get((i + 1) % under.len()).copied(),
                None => under.first().copied(),
            },
            _ => under.first().copied(),
        };
        let mut selection = cx.selection.clone();
        match (hit, p.shift) {
            (Some(h), true) => {
                if !selection.remove(&h) {
                    selection.insert(h);
                }
            }
            (Some(h), false) => selection = BTreeSet::from([h]),
            (None, true) => {}
            (None, false) => selection.clear(),
        }
        out.push(Action::Select(selection));
    }
    out
}
