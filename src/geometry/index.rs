//! A spatial index of segments (an R*-tree from `rstar`): which walls are near a point, a
//! segment or a box, so that a camera's work depends on the walls near it, not on the floor.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use rstar::{RTree, RTreeObject, AABB};

use super::primitives::{Seg, V2};

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    min: [f64; 2],
    max: [f64; 2],
    index: usize,
}

impl RTreeObject for Entry {
    type Envelope = AABB<[f64; 2]>;

    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners(self.min, self.max)
    }
}

/// Bounding boxes with an index each, searchable by box.
#[derive(Clone, Debug, Default)]
pub struct BoxIndex {
    tree: RTree<Entry>,
}

impl BoxIndex {
    /// Indexes the boxes `(min, max)`; a box's position in the list is its index.
    pub fn new(boxes: impl IntoIterator<Item = ([f64; 2], [f64; 2])>) -> BoxIndex {
        let entries = boxes
            .into_iter()
            .enumerate()
            .map(|(index, (min, max))| Entry { min, max, index })
            .collect();
        BoxIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Indexes segments by their bounding boxes.
    pub fn of_segments<'a>(segs: impl IntoIterator<Item = &'a Seg>) -> BoxIndex {
        BoxIndex::new(segs.into_iter().map(seg_box))
    }

    /// Adds box `index`.
    pub fn insert(&mut self, (min, max): ([f64; 2], [f64; 2]), index: usize) {
        self.tree.insert(Entry { min, max, index });
    }

    /// Removes box `index`, given exactly as it was inserted; false when it is not there.
    pub fn remove(&mut self, (min, max): ([f64; 2], [f64; 2]), index: usize) -> bool {
        self.tree.remove(&Entry { min, max, index }).is_some()
    }

    /// Adds `by` to every index at or above `from` (objects inserted or removed before them).
    pub fn shift(&mut self, from: usize, by: isize) {
        for e in self.tree.iter_mut().filter(|e| e.index >= from) {
            e.index = e.index.wrapping_add_signed(by);
        }
    }

    /// Indices of the boxes that meet the box `min`–`max` (in no particular order).
    pub fn in_box(&self, min: [f64; 2], max: [f64; 2]) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_corners(min, max))
            .map(|e| e.index)
    }

    /// Indices of the boxes that meet the square of half-side `r` around `p`.
    pub fn near(&self, p: V2, r: f64) -> impl Iterator<Item = usize> + '_ {
        self.in_box([p.x - r, p.y - r], [p.x + r, p.y + r])
    }

    /// Indices of the boxes that meet the bounding box of `s`.
    pub fn along(&self, s: &Seg) -> impl Iterator<Item = usize> + '_ {
        let (min, max) = seg_box(s);
        self.in_box(min, max)
    }
}

/// The bounding box of a segment.
pub fn seg_box(s: &Seg) -> ([f64; 2], [f64; 2]) {
    (
        [s.a.x.min(s.b.x), s.a.y.min(s.b.y)],
        [s.a.x.max(s.b.x), s.a.y.max(s.b.y)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::primitives::v2;

    #[test]
    fn finds_only_nearby_segments() {
        let segs = [
            Seg::new(v2([0.0, 0.0]), v2([1.0, 0.0])),
            Seg::new(v2([10.0, 10.0]), v2([11.0, 10.0])),
            Seg::new(v2([0.5, -5.0]), v2([0.5, 5.0])),
        ];
        let idx = BoxIndex::of_segments(&segs);
        let mut near: Vec<usize> = idx.near(v2([0.0, 0.0]), 1.0).collect();
        near.sort();
        assert_eq!(near, vec![0, 2]);
        assert_eq!(idx.near(v2([10.5, 10.5]), 0.6).collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn boxes_can_be_added_removed_and_renumbered() {
        let mut idx = BoxIndex::new([([0.0, 0.0], [1.0, 1.0]), ([5.0, 5.0], [6.0, 6.0])]);
        idx.insert(([0.5, 0.5], [2.0, 2.0]), 2);
        assert!(idx.remove(([0.0, 0.0], [1.0, 1.0]), 0));
        assert!(!idx.remove(([0.0, 0.0], [1.0, 1.0]), 0));
        idx.shift(1, -1);
        let mut near: Vec<usize> = idx.in_box([0.0, 0.0], [10.0, 10.0]).collect();
        near.sort();
        assert_eq!(near, vec![0, 1]);
        assert_eq!(
            idx.in_box([0.6, 0.6], [0.7, 0.7]).collect::<Vec<_>>(),
            vec![1]
        );
    }
}
