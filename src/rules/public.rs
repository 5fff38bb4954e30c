//! Measures Art. 13 ¶1, for each face-recognition device in a public place: only for public
//! safety, only where necessary, inside a defined collection zone.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{BooleanOps, MultiPolygon};

use super::{named, Finding, RuleId};
use crate::analysis::{area, Analysis, AREA_TOLERANCE_M2};
use crate::geometry::clip::{difference_convex, overlap_area_convex};
use crate::i18n::Message;
use crate::model::{Mode, Purpose, Site};

/// A13-PURPOSE, -NECESSITY, -NO-ZONE and -OUTSIDE-ZONE for one device.
pub(super) fn device(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    di: usize,
    out: &mut Vec<Finding>,
) {
    let floor = &site.floors[fi];
    let (device, da) = (&floor.devices[di], &analysis.floors[fi].devices[di]);
    if !device.face_recognition || !da.public_place {
        return;
    }
    let dev = named(&device.id, &device.name);
    let on_floor = Some((fi, floor));
    if device.mode == Mode::Identification && device.purpose != Some(Purpose::PublicSafety) {
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
    let found = zone_of(site, device);
    let Some((zfi, zi)) = found else {
        out.push(
            Finding::new(
                RuleId::NoZone,
                on_floor,
                vec![device.id.clone()],
                Message::NoZone {
                    device: dev,
                    zone: zone_ref.map(str::to_owned),
                },
            )
            .at(device.position),
        );
        return;
    };
    let zone = &site.floors[zfi].zones[zi];
    let (a, outside) = outside_of_zone(analysis, fi, zfi, zi, &da.capture);
    if a >= AREA_TOLERANCE_M2 {
        out.push(
            Finding::new(
                RuleId::OutsideZone,
                on_floor,
                vec![device.id.clone(), zone.id.clone()],
                Message::OutsideZone {
                    device: dev,
                    zone: named(&zone.id, &zone.name),
                    area_m2: a,
                },
            )
            .with_region(outside, a),
        );
    }
}

/// The zone a device names, as (floor, zone) indices: on this floor, another, or nowhere.
pub(crate) fn zone_of(site: &Site, device: &crate::model::Device) -> Option<(usize, usize)> {
    let zid = device.zone.as_deref().filter(|z| !z.is_empty())?;
    site.floors.iter().enumerate().find_map(|(zfi, zf)| {
        zf.zones
            .iter()
            .position(|z| z.id == zid)
            .map(|zi| (zfi, zi))
    })
}

/// The part of `capture` (a device's on floor `fi`) outside zone `zi` of floor `zfi`, and its
/// area: all of it when the zone is drawn on another floor or has no usable polygon.
pub(crate) fn outside_of_zone(
    analysis: &Analysis,
    fi: usize,
    zfi: usize,
    zi: usize,
    capture: &MultiPolygon<f64>,
) -> (f64, MultiPolygon<f64>) {
    // A zone drawn on another floor, or with no area, holds none of this floor.
    let za = &analysis.floors[zfi].zones[zi];
    let zone_poly = if zfi == fi { za.polygon.as_ref() } else { None };
    // Cheaply rule out a capture area that lies (almost) all inside a convex zone.
    if let (Some(poly), true) = (zone_poly, za.convex) {
        if area(capture) - overlap_area_convex(capture, poly) < AREA_TOLERANCE_M2 - 1e-6 {
            return (0.0, MultiPolygon::new(Vec::new()));
        }
    }
    match zone_poly {
        Some(poly) => match za
            .convex
            .then(|| difference_convex(capture, poly))
            .flatten()
        {
            Some(done) => done,
            None => {
                let outside = capture.difference(poly);
                (area(&outside), outside)
            }
        },
        None => (area(capture), capture.clone()),
    }
}
