//! Measures Art. 13 ¶2: no face-recognition device inside, or able to capture faces in, a
//! private space.

use geo::{BooleanOps, MultiPolygon, Rect};

use super::{named, named_space, Finding, RuleId};
use crate::analysis::{area, Analysis, FloorAnalysis, AREA_TOLERANCE_M2};
use crate::i18n::Message;
use crate::model::{Site, SpaceClass};

/// The private spaces (index into `floor.spaces`) a region covers by at least the area
/// tolerance, leaving out those listed in `skip`, with the covered part and its area.
pub(super) fn private_overlaps(
    fa: &FloorAnalysis,
    region: &MultiPolygon<f64>,
    bbox: Option<Rect<f64>>,
    skip: &[usize],
) -> Vec<(usize, MultiPolygon<f64>, f64)> {
    let Some(bbox) = bbox else {
        return Vec::new();
    };
    fa.spaces
        .iter()
        .filter(|s| s.class == SpaceClass::Private && !skip.contains(&s.index))
        .filter(|s| rects_overlap(&bbox, &s.bbox))
        .filter_map(|s| {
            let part = region.intersection(&s.polygon);
            let a = area(&part);
            (a >= AREA_TOLERANCE_M2).then_some((s.index, part, a))
        })
        .collect()
}

pub(super) fn rects_overlap(a: &Rect<f64>, b: &Rect<f64>) -> bool {
    a.min().x <= b.max().x
        && b.min().x <= a.max().x
        && a.min().y <= b.max().y
        && b.min().y <= a.max().y
}

pub(super) fn check(site: &Site, analysis: &Analysis, out: &mut Vec<Finding>) {
    for (fi, (floor, fa)) in site.floors.iter().zip(&analysis.floors).enumerate() {
        for (device, da) in floor.devices.iter().zip(&fa.devices) {
            if !device.face_recognition {
                continue;
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
            for (si, part, a) in
                private_overlaps(fa, &da.capture, da.capture_bbox, &da.inside_private)
            {
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
    }
}
