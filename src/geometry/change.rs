//! What changed in a list of objects, and where on the plan: the vocabulary of incremental
//! re-checking.
//!
//! A [`Change`] names one object of a list by its index at the moment of the change; later
//! insertions and removals move it, which [`Pending`] follows. [`Dirty`] collects the boxes of
//! the plan where something changed, and answers whether a box meets any of them without
//! looking at every one when there are many.
//!
//! ```
//! use sightline::geometry::change::{Change, Dirty, Pending};
//! let mut pending = Pending::default();
//! pending.note(Change::Set(3));
//! pending.note(Change::Removed(1)); // object 3 is now object 2
//! pending.note(Change::Inserted(0)); // … now 3 again, and 0 is new
//! assert_eq!(pending.sorted(), vec![0, 3]);
//!
//! let mut dirty = Dirty::default();
//! dirty.add(([0.0, 0.0], [1.0, 1.0]));
//! assert!(dirty.meets(([0.5, 0.5], [4.0, 4.0])));
//! assert!(!dirty.meets(([2.0, 2.0], [4.0, 4.0])));
//! ```

use super::index::BoxIndex;

/// An axis-aligned box on the plan: `(min, max)`.
pub type Bbox = ([f64; 2], [f64; 2]);

/// One change to a list of objects, by index at the time of the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Object `i` was replaced.
    Set(usize),
    /// An object was inserted at `i` (the ones from `i` on moved up one).
    Inserted(usize),
    /// Object `i` was removed (the ones after it moved down one).
    Removed(usize),
}

impl Change {
    /// Where object `at` (an index before the change) is after it; `None` if it was removed.
    pub fn moved(self, at: usize) -> Option<usize> {
        match self {
            Change::Set(_) => Some(at),
            Change::Inserted(i) => Some(if at >= i { at + 1 } else { at }),
            Change::Removed(i) if at == i => None,
            Change::Removed(i) => Some(if at > i { at - 1 } else { at }),
        }
    }

    /// Makes the same insertion or removal in `list` that the change made in the objects'
    /// list, inserting `fill` for a new object; a replaced object's entry is left as it is.
    pub fn mirror<T>(self, list: &mut Vec<T>, fill: impl FnOnce() -> T) {
        match self {
            Change::Set(_) => {}
            Change::Inserted(i) => list.insert(i.min(list.len()), fill()),
            Change::Removed(i) => {
                if i < list.len() {
                    list.remove(i);
                }
            }
        }
    }
}

/// The objects of a list that were changed or inserted, by their current index.
#[derive(Clone, Debug, Default)]
pub struct Pending {
    list: Vec<usize>,
}

impl Pending {
    /// Follows one change: the changed object is pending, the others keep their place.
    pub fn note(&mut self, change: Change) {
        self.list = self.list.iter().filter_map(|&i| change.moved(i)).collect();
        match change {
            Change::Set(i) | Change::Inserted(i) => self.list.push(i),
            Change::Removed(_) => {}
        }
    }

    /// The pending objects, in index order, each once.
    pub fn sorted(&self) -> Vec<usize> {
        let mut out = self.list.clone();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The places of the plan where something changed.
#[derive(Clone, Debug, Default)]
pub struct Dirty {
    boxes: Vec<Bbox>,
    /// Over `boxes`, once there are many.
    index: Option<BoxIndex>,
    /// Everything changed.
    all: bool,
}

/// Above this many boxes, [`Dirty::meets`] asks an index instead of looking at each.
const INDEX_ABOVE: usize = 64;

impl Dirty {
    /// The whole plan.
    pub fn everywhere() -> Dirty {
        Dirty {
            all: true,
            ..Dirty::default()
        }
    }

    pub fn add(&mut self, b: Bbox) {
        self.boxes.push(b);
        self.index = None;
    }

    pub fn extend(&mut self, other: &Dirty) {
        self.all |= other.all;
        self.boxes.extend_from_slice(&other.boxes);
        self.index = None;
    }

    /// Builds the index, when there are enough boxes to need one; call before many
    /// [`Dirty::meets`].
    pub fn settle(&mut self) {
        if self.boxes.len() > INDEX_ABOVE && self.index.is_none() {
            self.index = Some(BoxIndex::new(self.boxes.iter().copied()));
        }
    }

    /// Does `b` meet (or touch) some changed place?
    pub fn meets(&self, b: Bbox) -> bool {
        if self.all {
            return true;
        }
        match &self.index {
            Some(index) => index.in_box(b.0, b.1).next().is_some(),
            None => self.boxes.iter().any(|d| boxes_meet(d, &b)),
        }
    }
}

/// Do two boxes meet or touch?
pub fn boxes_meet(a: &Bbox, b: &Bbox) -> bool {
    a.0[0] <= b.1[0] && b.0[0] <= a.1[0] && a.0[1] <= b.1[1] && b.0[1] <= a.1[1]
}

/// The box grown by `m` on every side.
pub fn grown((min, max): Bbox, m: f64) -> Bbox {
    ([min[0] - m, min[1] - m], [max[0] + m, max[1] + m])
}

/// The square of half-side `r` around `p`.
pub fn square(p: [f64; 2], r: f64) -> Bbox {
    grown((p, p), r)
}

/// The box around some points; `None` for none.
pub fn points_box(points: &[[f64; 2]]) -> Option<Bbox> {
    let (first, rest) = points.split_first()?;
    let mut b = (*first, *first);
    for p in rest {
        b.0 = [b.0[0].min(p[0]), b.0[1].min(p[1])];
        b.1 = [b.1[0].max(p[0]), b.1[1].max(p[1])];
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrored_lists_follow_the_objects() {
        let mut list = vec!['a', 'b', 'c'];
        Change::Inserted(1).mirror(&mut list, || 'x');
        Change::Removed(0).mirror(&mut list, || '?');
        Change::Set(1).mirror(&mut list, || '?');
        assert_eq!(list, vec!['x', 'b', 'c']);
        assert_eq!(Change::Removed(2).moved(2), None);
        assert_eq!(Change::Removed(2).moved(5), Some(4));
    }

    #[test]
    fn many_dirty_boxes_are_indexed_with_the_same_answers() {
        let mut dirty = Dirty::default();
        for i in 0..200 {
            let x = i as f64 * 3.0;
            dirty.add(([x, 0.0], [x + 1.0, 1.0]));
        }
        let probes = [
            ([1.5, 0.0], [2.9, 5.0]),
            ([1.0, 1.0], [1.0, 1.0]),
            ([600.5, 0.0], [700.0, 1.0]),
        ];
        let plain: Vec<bool> = probes.iter().map(|b| dirty.meets(*b)).collect();
        dirty.settle();
        let indexed: Vec<bool> = probes.iter().map(|b| dirty.meets(*b)).collect();
        assert_eq!(plain, vec![false, true, false]);
        assert_eq!(plain, indexed);
    }
}
