//! Which class of space a point is in: private, public or non-public.
//!
//! A point covered by no space is public (the floor itself is public); where spaces overlap,
//! private beats public beats non-public. Space boundaries count as inside.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{BoundingRect, Intersects, Point as GeoPoint, Polygon, Rect};

use super::primitives::V2;
use crate::model::SpaceClass;

/// A space ready for point queries.
#[derive(Clone, Debug)]
pub struct ClassifiedSpace {
    /// Index into `floor.spaces`.
    pub index: usize,
    pub class: SpaceClass,
    pub polygon: Polygon<f64>,
    pub bbox: Rect<f64>,
    /// Is the polygon convex (then overlaps can be measured by fast clipping)?
    pub convex: bool,
}

impl ClassifiedSpace {
    /// Makes a space from its polygon; `None` if the polygon is empty.
    pub fn new(index: usize, class: SpaceClass, polygon: Polygon<f64>) -> Option<ClassifiedSpace> {
        let bbox = polygon.bounding_rect()?;
        Some(ClassifiedSpace {
            index,
            class,
            convex: super::clip::is_convex(&polygon),
            polygon,
            bbox,
        })
    }

    /// Is `p` inside or on the boundary?
    pub fn contains(&self, p: V2) -> bool {
        p.x >= self.bbox.min().x
            && p.x <= self.bbox.max().x
            && p.y >= self.bbox.min().y
            && p.y <= self.bbox.max().y
            && self.polygon.intersects(&GeoPoint::from(p))
    }
}

/// The class of the plan at `p`.
///
/// ```
/// use sightline::geometry::classify::{class_at, ClassifiedSpace};
/// use sightline::geometry::{polygon::to_geo, primitives::v2};
/// use sightline::model::SpaceClass;
/// let room = ClassifiedSpace::new(0, SpaceClass::Private, to_geo(&[[0.0, 0.0], [4.0, 0.0], [4.0, 5.0], [0.0, 5.0]])).unwrap();
/// assert_eq!(class_at(&[room.clone()], v2([1.0, 1.0])), SpaceClass::Private);
/// assert_eq!(class_at(&[room], v2([9.0, 1.0])), SpaceClass::Public);
/// ```
pub fn class_at(spaces: &[ClassifiedSpace], p: V2) -> SpaceClass {
    highest_class(spaces.iter().filter(|s| s.contains(p)))
}

/// The usable spaces of a floor with an index of their bounding boxes.
#[derive(Clone, Debug, Default)]
pub struct Spaces {
    pub list: Vec<ClassifiedSpace>,
    index: super::index::BoxIndex,
    search: super::segments::Search,
}

impl Spaces {
    /// Indexes the spaces.
    pub fn new(list: Vec<ClassifiedSpace>, search: super::segments::Search) -> Spaces {
        let index = match search {
            super::segments::Search::Indexed => {
                super::index::BoxIndex::new(list.iter().map(|s| rect_box(&s.bbox)))
            }
            super::segments::Search::BruteForce => super::index::BoxIndex::default(),
        };
        Spaces {
            list,
            index,
            search,
        }
    }

    /// The spaces whose bounding box meets the box `min`–`max`.
    pub fn overlapping(&self, min: [f64; 2], max: [f64; 2]) -> Vec<&ClassifiedSpace> {
        match self.search {
            super::segments::Search::Indexed => {
                let mut idx: Vec<usize> = self.index.in_box(min, max).collect();
                idx.sort_unstable();
                idx.into_iter().map(|i| &self.list[i]).collect()
            }
            super::segments::Search::BruteForce => self.list.iter().collect(),
        }
    }

    /// The spaces holding `p` (boundary included), in file order.
    pub fn containing(&self, p: V2) -> Vec<&ClassifiedSpace> {
        let mut out = self.overlapping([p.x, p.y], [p.x, p.y]);
        out.retain(|s| s.contains(p));
        out
    }

    /// The class of the plan at `p`.
    pub fn class_at(&self, p: V2) -> SpaceClass {
        highest_class(self.containing(p))
    }

    /// Space `index` of the floor, if it is usable.
    pub fn get(&self, index: usize) -> Option<&ClassifiedSpace> {
        let at = self.list.binary_search_by_key(&index, |s| s.index).ok()?;
        self.list.get(at)
    }

    /// Follows a change to the floor's spaces: a replaced or removed space leaves the list
    /// (its box is returned); every later space is renumbered. Put the new state of a changed
    /// or inserted space back with [`Spaces::put`].
    pub fn note(&mut self, change: super::change::Change) -> Option<super::change::Bbox> {
        use super::change::Change;
        let (Change::Set(i) | Change::Inserted(i) | Change::Removed(i)) = change;
        let gone = match change {
            Change::Inserted(_) => None,
            Change::Set(_) | Change::Removed(_) => self.take(i),
        };
        for s in self.list.iter_mut() {
            if let Some(moved) = change.moved(s.index) {
                s.index = moved;
            }
        }
        gone
    }

    /// Takes space `index` out of the list and the index; its box.
    fn take(&mut self, index: usize) -> Option<super::change::Bbox> {
        let at = self.list.binary_search_by_key(&index, |s| s.index).ok()?;
        let s = self.list.remove(at);
        let b = rect_box(&s.bbox);
        if self.search == super::segments::Search::Indexed {
            self.index.remove(b, at);
            self.index.shift(at + 1, -1);
        }
        Some(b)
    }

    /// Puts a space (new or changed) into the list in its place.
    pub fn put(&mut self, space: ClassifiedSpace) {
        let at = self.list.partition_point(|s| s.index < space.index);
        if self.search == super::segments::Search::Indexed {
            self.index.shift(at, 1);
            self.index.insert(rect_box(&space.bbox), at);
        }
        self.list.insert(at, space);
    }
}

/// A rectangle as a box.
pub fn rect_box(r: &Rect<f64>) -> super::change::Bbox {
    ([r.min().x, r.min().y], [r.max().x, r.max().y])
}

/// The class of a point covered by these spaces: the highest (private beats public beats
/// non-public), or public when none covers it.
pub fn highest_class<'a>(covering: impl IntoIterator<Item = &'a ClassifiedSpace>) -> SpaceClass {
    covering
        .into_iter()
        .map(|s| s.class)
        .max()
        .unwrap_or(SpaceClass::Public)
}

/// Is a point covered by these spaces in a public place (rules.md v2)? Yes unless a
/// `non_public` space covers it; a `public` one wins over a `non_public` one, and private
/// spaces do not change the answer (a guest room is a private space *in* a public place; a
/// staff rest room inside a staff block is not in one).
///
/// ```
/// use sightline::geometry::classify::{in_public_place, ClassifiedSpace};
/// use sightline::geometry::polygon::to_geo;
/// use sightline::model::SpaceClass;
/// let sq = |x: f64| to_geo(&[[x, 0.0], [x + 4.0, 0.0], [x + 4.0, 4.0], [x, 4.0]]);
/// let staff = ClassifiedSpace::new(0, SpaceClass::NonPublic, sq(0.0)).unwrap();
/// let rest_room = ClassifiedSpace::new(1, SpaceClass::Private, sq(0.0)).unwrap();
/// assert!(!in_public_place([&staff, &rest_room]));
/// assert!(in_public_place([&rest_room]));
/// assert!(in_public_place([]));
/// ```
pub fn in_public_place<'a>(covering: impl IntoIterator<Item = &'a ClassifiedSpace>) -> bool {
    let (mut public, mut non_public) = (false, false);
    for s in covering {
        match s.class {
            SpaceClass::Public => public = true,
            SpaceClass::NonPublic => non_public = true,
            SpaceClass::Private => {}
        }
    }
    public || !non_public
}
