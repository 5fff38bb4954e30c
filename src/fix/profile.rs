//! A camera's all-round profile: what it would see in every direction its mount leaves it,
//! cut once by each private space it meets and by its zone, so that a turned or narrowed
//! setting is measured by one pass over those pieces' edges
//! ([`crate::geometry::cone::area_within`]) instead of a new visibility sweep.
//!
//! The profile only rules settings out: one it finds over 0.25 m² by more than [`MARGIN_M2`]
//! (far above rounding) is not measured again; every other is measured by the engine. So the
//! search finds exactly what it found without it, only sooner. It stands for settings that
//! differ from the camera in heading and field of view alone, with the camera's bands (a
//! narrower lens may identify faces farther away) and its placement (a turn past the wall it
//! hangs on changes what it is mounted on, and a turn may move its probe into another space).
//!
//! ```
//! use serde_json::json;
//! use sightline::fix::profile::Profile;
//! // A corridor camera at (5, 1) looking north through an open toilet door (4.5–5.5 m).
//! let site: sightline::model::Site = serde_json::from_value(json!({
//!   "format": "sightline-site", "version": 1, "name": "t",
//!   "floors": [{ "id": "F1", "name": "1F",
//!     "walls": [{ "id": "w", "points": [[0, 2], [4.5, 2]], "thickness": 0.1 },
//!               { "id": "w2", "points": [[5.5, 2], [10, 2]], "thickness": 0.1 }],
//!     "spaces": [{ "id": "wc", "kind": "toilet", "polygon": [[0, 2], [10, 2], [10, 6], [0, 6]] },
//!                { "id": "hall", "kind": "public", "polygon": [[0, 0], [10, 0], [10, 2], [0, 2]] }],
//!     "devices": [{ "id": "c", "position": [5, 1], "heading": 90, "fov": 60, "range": 8,
//!                   "face_recognition": false }] }]
//! })).unwrap();
//! let analysis = sightline::analysis::Analysis::of(&site);
//! let profile = Profile::of(&site, &analysis, 0, &site.floors[0].devices[0]).unwrap();
//! let mut turned = site.floors[0].devices[0].clone();
//! // Looking straight through the door: well over 0.25 m², ruled out without a sweep.
//! let through = profile.rules_out(&site, &analysis, 0, &turned).unwrap();
//! assert!(through.private_m2 > 5.0);
//! // Looking east along the corridor, the door is out of the wedge: left to the engine.
//! turned.heading = 0.0;
//! assert!(profile.rules_out(&site, &analysis, 0, &turned).is_none());
//! ```

// Floor numbers come from the analysis of the same site; a slip is a bug for tests.
#![allow(clippy::indexing_slicing)]

use geo::MultiPolygon;

use crate::analysis::{bands, Analysis, DeviceAnalysis, Optics, Placement, AREA_TOLERANCE_M2};
use crate::geometry::cone::area_within;
use crate::geometry::primitives::{v2, AngleRange};
use crate::geometry::vertical::Band;
use crate::model::{Device, Site};
use crate::rules::private::private_overlaps_lazily;
use crate::rules::public::{outside_of_zone, zone_of};

use super::camera::Measure;

/// How far over the 0.25 m² limit the profile must find an area to rule a setting out, m²:
/// the profile and the engine compute the same area by different sums, which differ in the
/// last bits only.
pub const MARGIN_M2: f64 = 1e-6;

/// What one camera sees all round from where it is, in pieces the rules measure.
#[derive(Clone, Debug)]
pub struct Profile {
    position: [f64; 2],
    bands: (Band, Band),
    placement: Placement,
    /// The all-round view in each private space it meets by 0.25 m² or more, and (face
    /// recognition limited to another band) the all-round capture likewise.
    private: Vec<MultiPolygon<f64>>,
    /// The all-round capture outside the camera's zone (face recognition in a public place).
    outside: MultiPolygon<f64>,
}

impl Profile {
    /// The profile of device `d` on floor `fi`; `None` for a camera that already sees all
    /// round (no turn or narrower view to measure) or a floor the analysis lacks.
    pub fn of(site: &Site, analysis: &Analysis, fi: usize, d: &Device) -> Option<Profile> {
        if d.fov >= 360.0 {
            return None;
        }
        let fa = analysis.floors.get(fi)?;
        let optics = Optics::of(site);
        let da = DeviceAnalysis::all_round(d, &fa.segments, &fa.spaces, &optics);
        let pieces = |region: &MultiPolygon<f64>, bbox| {
            private_overlaps_lazily(fa, d.position, region, bbox, &da.inside_private)
                .map(|(_, part, _)| part)
                .collect::<Vec<_>>()
        };
        let mut private = pieces(&da.view, da.view_bbox);
        if d.face_recognition && da.capture_band != da.view_band {
            private.extend(pieces(&da.capture, da.capture_bbox));
        }
        let outside = match zone_of(site, d).filter(|_| d.face_recognition && da.public_place) {
            Some((zfi, zi)) => outside_of_zone(analysis, fi, zfi, zi, &da.capture).1,
            None => MultiPolygon::new(Vec::new()),
        };
        Some(Profile {
            position: d.position,
            bands: (da.capture_band, da.view_band),
            placement: Placement {
                mount: da.mount,
                public_place: da.public_place,
                inside_private: da.inside_private,
            },
            private,
            outside,
        })
    }

    /// The areas of device `c` (the profiled camera with another heading or field of view)
    /// when they are over the limit by more than [`MARGIN_M2`]; `None` when the engine must
    /// measure it (it may comply, or the profile does not stand for it). The watched area is
    /// left at 0.
    pub fn rules_out(
        &self,
        site: &Site,
        analysis: &Analysis,
        fi: usize,
        c: &Device,
    ) -> Option<Measure> {
        if c.position != self.position || c.fov >= 360.0 {
            return None;
        }
        if bands(c, &Optics::of(site)) != self.bands {
            return None;
        }
        let fa = &analysis.floors[fi];
        let here = Placement::of(c, &fa.segments, &fa.spaces);
        let (was, now) = (&self.placement, &here);
        // The probe of a free-standing camera moves with its heading; what it is in is what
        // counts.
        if now.mount.on != was.mount.on
            || now.mount.sector != was.mount.sector
            || now.public_place != was.public_place
            || now.inside_private != was.inside_private
        {
            return None;
        }
        let ranges = AngleRange::wedge(c.heading, c.fov).intersect(&was.mount.sector);
        let apex = v2(c.position);
        let within =
            |r: &MultiPolygon<f64>| -> f64 { ranges.iter().map(|a| area_within(r, apex, a)).sum() };
        let m = Measure {
            private_m2: self.private.iter().map(within).fold(0.0, f64::max),
            outside_m2: within(&self.outside),
            watched_m2: 0.0,
        };
        let over = |a: f64| a >= AREA_TOLERANCE_M2 + MARGIN_M2;
        (over(m.private_m2) || over(m.outside_m2)).then_some(m)
    }
}
