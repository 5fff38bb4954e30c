//! Which class of space a point is in: private, public or non-public.
//!
//! A point covered by no space is public (the floor itself is public); where spaces overlap,
//! private beats public beats non-public. Space boundaries count as inside.

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
}

impl ClassifiedSpace {
    /// Makes a space from its polygon; `None` if the polygon is empty.
    pub fn new(index: usize, class: SpaceClass, polygon: Polygon<f64>) -> Option<ClassifiedSpace> {
        let bbox = polygon.bounding_rect()?;
        Some(ClassifiedSpace {
            index,
            class,
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
    let mut class: Option<SpaceClass> = None;
    for s in spaces {
        if s.contains(p) {
            class = Some(class.map_or(s.class, |c| c.max(s.class)));
        }
    }
    class.unwrap_or(SpaceClass::Public)
}
