//! The rest of the Measures: storage (Art. 8), not the only way (Art. 10), filing (Art. 15).

use super::{named, Finding, RuleId};
use crate::i18n::Message;
use crate::model::{Floor, Mode, Site, Storage};

/// People whose stored face information triggers filing (Art. 15).
pub const FILING_THRESHOLD_FACES: u64 = 100_000;

/// A8-TRANSFER and A10-SOLE-METHOD for one device.
pub(super) fn device(fi: usize, floor: &Floor, di: usize, out: &mut Vec<Finding>) {
    let device = &floor.devices[di];
    if !device.face_recognition {
        return;
    }
    let dev = named(&device.id, &device.name);
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
    if device.mode == Mode::Verification && device.alternative_method != Some(true) {
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

/// A15-FILING.
pub(super) fn site(site: &Site, out: &mut Vec<Finding>) {
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
