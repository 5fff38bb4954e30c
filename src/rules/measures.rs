//! The rest of the Measures: separate consent (Art. 6), children (Art. 7), storage (Art. 8),
//! impact assessment (Art. 9), not the only way (Art. 10), filing (Art. 15).

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::{named, Finding, RuleId};
use crate::i18n::Message;
use crate::model::{Floor, LegalBasis, Mode, Site, Storage};

/// People whose stored face information triggers filing (Art. 15).
pub const FILING_THRESHOLD_FACES: u64 = 100_000;

/// A6-CONSENT, A8-TRANSFER and A10-SOLE-METHOD for one device.
pub(super) fn device(fi: usize, floor: &Floor, di: usize, out: &mut Vec<Finding>) {
    let device = &floor.devices[di];
    if !device.face_recognition {
        return;
    }
    let dev = named(&device.id, &device.name);
    if device.legal_basis() == LegalBasis::Consent && !device.separate_consent {
        out.push(
            Finding::new(
                RuleId::Consent,
                Some((fi, floor)),
                vec![device.id.clone()],
                Message::Consent {
                    device: dev.clone(),
                    by_default: device.legal_basis_given.is_none(),
                },
            )
            .at(device.position),
        );
    }
    if device.storage == Storage::Networked && !device.consent_for_transfer {
        out.push(
            Finding::new(
                RuleId::Transfer,
                Some((fi, floor)),
                vec![device.id.clone()],
                Message::Transfer {
                    device: dev.clone(),
                },
            )
            .at(device.position),
        );
    }
    // A state rule that requires face verification prevails (Art. 10 ¶2).
    if device.mode == Mode::Verification
        && device.alternative_method != Some(true)
        && !device.required_by_law
    {
        out.push(
            Finding::new(
                RuleId::SoleMethod,
                Some((fi, floor)),
                vec![device.id.clone()],
                Message::SoleMethod { device: dev },
            )
            .at(device.position),
        );
    }
}

/// A7-MINORS, A9-ASSESSMENT and A15-FILING.
pub(super) fn site(site: &Site, out: &mut Vec<Finding>) {
    let fr_devices = site
        .floors
        .iter()
        .flat_map(|f| &f.devices)
        .filter(|d| d.face_recognition)
        .count();
    if fr_devices > 0 {
        if let Some(venue) = site.venue.filter(|v| v.for_children()) {
            if !site.minors_rules {
                out.push(Finding::new(
                    RuleId::Minors,
                    None,
                    Vec::new(),
                    Message::Minors {
                        venue,
                        devices: fr_devices,
                    },
                ));
            }
        }
        let assessed = site
            .impact_assessment
            .as_ref()
            .is_some_and(|a| a.date.as_deref().is_some_and(|d| !d.trim().is_empty()));
        if !assessed {
            out.push(Finding::new(
                RuleId::Assessment,
                None,
                Vec::new(),
                Message::Assessment {
                    devices: fr_devices,
                },
            ));
        }
    }
    if let Some(faces) = site.faces_stored {
        if faces >= FILING_THRESHOLD_FACES && !site.filed_with_authority {
            out.push(Finding::new(
                RuleId::Filing,
                None,
                Vec::new(),
                Message::Filing { faces },
            ));
        }
    }
}
