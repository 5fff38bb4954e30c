//! State Council Decree No. 799: every camera, face recognition or not. No camera inside or
//! able to film into a private space (Art. 8), signs (Art. 13), police filing (Art. 14),
//! at least 30 days' retention (Art. 17).

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::private::private_overlaps;
use super::{decree_799_item, named, named_space, Finding, RuleId};
use crate::analysis::{Analysis, FloorAnalysis};
use crate::geometry::primitives::{dir, dot, v2, Seg};
use crate::i18n::Message;
use crate::model::{DecreeArticle, Floor, Site};

/// The shortest retention Decree 799 Art. 17 allows, in days.
pub const MIN_RETENTION_DAYS: u64 = 30;

/// R799-A8-INSIDE, R799-A8-VIEW and R799-A13-SIGN for one device.
pub(super) fn device(
    fi: usize,
    floor: &Floor,
    fa: &FloorAnalysis,
    di: usize,
    out: &mut Vec<Finding>,
) {
    let (device, da) = (&floor.devices[di], &fa.devices[di]);
    let on_floor = Some((fi, floor));
    let dev = named(&device.id, &device.name);
    let fr = device.face_recognition;
    for &si in &da.inside_private {
        let mut f = Finding::new(
            RuleId::R799Inside,
            on_floor,
            vec![device.id.clone(), floor.spaces[si].id.clone()],
            Message::R799Inside {
                device: dev.clone(),
                face_recognition: fr,
                space: named_space(floor, si),
            },
        )
        .at(device.position);
        f.article = Some(decree_799_item(floor.spaces[si].kind));
        out.push(f);
    }
    for (si, part, a) in private_overlaps(
        fa,
        device.position,
        &da.view,
        da.view_bbox,
        &da.inside_private,
    ) {
        out.push(
            Finding::new(
                RuleId::R799View,
                on_floor,
                vec![device.id.clone(), floor.spaces[si].id.clone()],
                Message::R799View {
                    device: dev.clone(),
                    face_recognition: fr,
                    space: named_space(floor, si),
                    area_m2: a,
                },
            )
            .with_region(part, a),
        );
    }
    if !fr && da.public_place && !has_facing_sign(floor, fa, device, da) {
        out.push(
            Finding::new(
                RuleId::R799Sign,
                on_floor,
                vec![device.id.clone()],
                Message::R799Sign {
                    device: dev,
                    range_m: device.range,
                },
            )
            .at(device.position),
        );
    }
}

/// R799-A14-FILING and R799-A17-RETENTION, for Art. 7 places (or, conditionally, sites whose
/// venue is not given).
pub(super) fn site(site: &Site, analysis: &Analysis, out: &mut Vec<Finding>) {
    // Art. 9 ¶2 lifts both duties from other places; with no venue they apply conditionally.
    let conditional = match site.decree_article() {
        Some(DecreeArticle::Art9) => return,
        Some(DecreeArticle::Art7) => false,
        None => true,
    };
    let devices_in_public = analysis
        .floors
        .iter()
        .flat_map(|fa| &fa.devices)
        .filter(|da| da.public_place)
        .count();
    if devices_in_public > 0 && !site.filed_with_police {
        out.push(Finding::new(
            RuleId::R799Filing,
            None,
            Vec::new(),
            Message::R799Filing {
                devices: devices_in_public,
                conditional,
            },
        ));
    }
    if let Some(days) = site.retention_days {
        if days < MIN_RETENTION_DAYS {
            out.push(Finding::new(
                RuleId::R799Retention,
                None,
                Vec::new(),
                Message::R799Retention { days, conditional },
            ));
        }
    }
}

/// Is there a sign within the camera's range that faces it (the camera within 90° of the
/// sign's facing) with a clear line of sight between them (openings of any kind let it through)?
fn has_facing_sign(
    floor: &Floor,
    fa: &FloorAnalysis,
    device: &crate::model::Device,
    da: &crate::analysis::DeviceAnalysis,
) -> bool {
    floor
        .signs
        .iter()
        .zip(&fa.signs)
        .any(|(sign, sa)| sign_faces(fa, sign, sa, device, da))
}

/// Does `sign` face `device` within its range with a clear line of sight (R799-A13-SIGN)?
pub(crate) fn sign_faces(
    fa: &FloorAnalysis,
    sign: &crate::model::Sign,
    sa: &crate::analysis::SignAnalysis,
    device: &crate::model::Device,
    da: &crate::analysis::DeviceAnalysis,
) -> bool {
    let cam = v2(device.position);
    let pos = v2(sign.position);
    let to_cam = cam - pos;
    if crate::geometry::primitives::len(to_cam) > device.range
        || dot(dir(sign.facing.to_radians()), to_cam) < 0.0
    {
        return false;
    }
    let sight = Seg::new(sa.mount.probe, da.mount.probe);
    !fa.segments
        .sight_along(&sight)
        .into_iter()
        .any(|p| p.seg.intersects(&sight))
}
