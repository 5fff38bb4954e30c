//! Measures Art. 13 ¶1, for each face-recognition device in a public place: only for public
//! safety, only where necessary, inside a defined collection zone.

use geo::{BooleanOps, MultiPolygon};

use super::{named, Finding, RuleId};
use crate::analysis::{area, Analysis, AREA_TOLERANCE_M2};
use crate::i18n::Message;
use crate::model::{Mode, Purpose, Site, SpaceClass};

pub(super) fn check(site: &Site, analysis: &Analysis, out: &mut Vec<Finding>) {
    for (fi, (floor, fa)) in site.floors.iter().zip(&analysis.floors).enumerate() {
        for (device, da) in floor.devices.iter().zip(&fa.devices) {
            if !device.face_recognition || da.class == SpaceClass::NonPublic {
                continue;
            }
            let dev = named(&device.id, &device.name);
            let on_floor = Some((fi, floor));
            if device.mode == Mode::Identification && device.purpose != Some(Purpose::PublicSafety)
            {
                out.push(
                    Finding::new(
                        RuleId::Purpose,
                        on_floor,
                        vec![device.id.clone()],
                        Message::Purpose {
                            device: dev.clone(),
                            purpose: device.purpose,
                        },
                    )
                    .at(device.position),
                );
            }
            if device.purpose == Some(Purpose::PublicSafety)
                && device
                    .necessity
                    .as_deref()
                    .is_none_or(|n| n.trim().is_empty())
            {
                out.push(
                    Finding::new(
                        RuleId::Necessity,
                        on_floor,
                        vec![device.id.clone()],
                        Message::Necessity {
                            device: dev.clone(),
                        },
                    )
                    .at(device.position),
                );
            }
            // The zone it names: on this floor, on another floor, or nowhere.
            let zone_ref = device.zone.as_deref().filter(|z| !z.is_empty());
            let found = zone_ref.and_then(|zid| {
                site.floors.iter().enumerate().find_map(|(zfi, zf)| {
                    zf.zones
                        .iter()
                        .position(|z| z.id == zid)
                        .map(|zi| (zfi, zi))
                })
            });
            let Some((zfi, zi)) = found else {
                out.push(
                    Finding::new(
                        RuleId::NoZone,
                        on_floor,
                        vec![device.id.clone()],
                        Message::NoZone {
                            device: dev.clone(),
                            zone: zone_ref.map(str::to_owned),
                        },
                    )
                    .at(device.position),
                );
                continue;
            };
            let zone = &site.floors[zfi].zones[zi];
            // A zone drawn on another floor, or with no area, holds none of this floor.
            let outside: MultiPolygon<f64> =
                match (&analysis.floors[zfi].zones[zi].polygon, zfi == fi) {
                    (Some(poly), true) => da.capture.difference(poly),
                    _ => da.capture.clone(),
                };
            let a = area(&outside);
            if a >= AREA_TOLERANCE_M2 {
                out.push(
                    Finding::new(
                        RuleId::OutsideZone,
                        on_floor,
                        vec![device.id.clone(), zone.id.clone()],
                        Message::OutsideZone {
                            device: dev.clone(),
                            zone: named(&zone.id, &zone.name),
                            area_m2: a,
                        },
                    )
                    .with_region(outside, a),
                );
            }
        }
    }
}
