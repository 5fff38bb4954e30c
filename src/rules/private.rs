//! Measures Art. 13 ¶2: no face-recognition device inside, or able to capture faces in, a
//! private space.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{BooleanOps, MultiPolygon, Rect};

use super::{named, named_space, Finding, RuleId};
use crate::analysis::{area, DeviceAnalysis, FloorAnalysis, AREA_TOLERANCE_M2};
use crate::geometry::clip::clip_convex;
use crate::geometry::fan;
use crate::geometry::primitives::v2;
use crate::i18n::Message;
use crate::model::{Floor, SpaceClass};

/// Non-convex spaces with more vertices than this are overlapped through [`fan::overlap`].
const FAN_MIN_VERTICES: usize = 64;

/// Boxes overlapping by less than this cannot hold an overlap that counts.
const PREFILTER_MARGIN_M2: f64 = 1e-9;

/// The private spaces (index into `floor.spaces`) a region covers by at least the area
/// tolerance, leaving out those listed in `skip`, with the covered part and its area. `region`
/// is what a device at `apex` sees (star-shaped around it).
pub(crate) fn private_overlaps(
    fa: &FloorAnalysis,
    apex: [f64; 2],
    region: &MultiPolygon<f64>,
    bbox: Option<Rect<f64>>,
    skip: &[usize],
) -> Vec<(usize, MultiPolygon<f64>, f64)> {
    private_overlaps_lazily(fa, apex, region, bbox, skip).collect()
}

/// [`private_overlaps`], one space at a time (the fix search stops at the first).
pub(crate) fn private_overlaps_lazily<'a>(
    fa: &'a FloorAnalysis,
    apex: [f64; 2],
    region: &'a MultiPolygon<f64>,
    bbox: Option<Rect<f64>>,
    skip: &'a [usize],
) -> impl Iterator<Item = (usize, MultiPolygon<f64>, f64)> + 'a {
    bbox.into_iter().flat_map(move |bbox| {
        fa.spaces
            .overlapping([bbox.min().x, bbox.min().y], [bbox.max().x, bbox.max().y])
            .into_iter()
            .filter(move |s| s.class == SpaceClass::Private && !skip.contains(&s.index))
            .filter(move |s| {
                rect_overlap_area(&bbox, &s.bbox) >= AREA_TOLERANCE_M2 - PREFILTER_MARGIN_M2
            })
            .filter_map(move |s| {
                // Convex spaces (rooms) are clipped exactly and cheaply; spaces of many vertices
                // are cut into triangles met by the view's fan; the others go through geo.
                let fan = (!s.convex && s.polygon.exterior().0.len() > FAN_MIN_VERTICES)
                    .then(|| fan::overlap(v2(apex), region, &s.polygon))
                    .flatten();
                let (a, part) = if s.convex {
                    clip_convex(region, &s.polygon)
                } else if let Some(done) = fan {
                    done
                } else {
                    let part = region.intersection(&s.polygon);
                    (area(&part), part)
                };
                (a >= AREA_TOLERANCE_M2).then_some((s.index, part, a))
            })
    })
}

/// The area of the overlap of two boxes (0 when they do not overlap): a bound on the overlap
/// of anything inside them.
pub(super) fn rect_overlap_area(a: &Rect<f64>, b: &Rect<f64>) -> f64 {
    let w = a.max().x.min(b.max().x) - a.min().x.max(b.min().x);
    let h = a.max().y.min(b.max().y) - a.min().y.max(b.min().y);
    if w > 0.0 && h > 0.0 {
        w * h
    } else {
        0.0
    }
}

pub(super) fn rects_overlap(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

/// A13-PRIVATE-INSIDE and A13-PRIVATE-VIEW for one device.
pub(super) fn device(
    fi: usize,
    floor: &Floor,
    fa: &FloorAnalysis,
    di: usize,
    out: &mut Vec<Finding>,
) {
    let (device, da): (_, &DeviceAnalysis) = (&floor.devices[di], &fa.devices[di]);
    if !device.face_recognition {
        return;
    }
    let dev = named(&device.id, &device.name);
    for &si in &da.inside_private {
        out.push(
            Finding::new(
                RuleId::PrivateInside,
                Some((fi, floor)),
                vec![device.id.clone(), floor.spaces[si].id.clone()],
                Message::PrivateInside {
                    device: dev.clone(),
                    space: named_space(floor, si),
                },
            )
            .at(device.position),
        );
    }
    for (si, part, a) in private_overlaps(
        fa,
        device.position,
        &da.capture,
        da.capture_bbox,
        &da.inside_private,
    ) {
        out.push(
            Finding::new(
                RuleId::PrivateView,
                Some((fi, floor)),
                vec![device.id.clone(), floor.spaces[si].id.clone()],
                Message::PrivateView {
                    device: dev.clone(),
                    space: named_space(floor, si),
                    area_m2: a,
                },
            )
            .with_region(part, a),
        );
    }
}
