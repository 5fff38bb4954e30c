//! How much is watched: per camera (face recognition: its capture ∩ its zone; ordinary: its
//! view ∩ public places), per zone (the union of the captures of the face-recognition
//! devices that name it, ∩ the zone) and per floor (the union of every view ∩ public places),
//! so that fixing compliance does not silently open a security hole. [`gaps`] is the public
//! area no camera watches.
//!
//! ```
//! use serde_json::json;
//! use sightline::fix::coverage::of_site;
//! // A 10 × 10 m public hall; one ordinary camera in a corner sees a quarter disc of 4 m.
//! let site: sightline::model::Site = serde_json::from_value(json!({
//!   "format": "sightline-site", "version": 1, "name": "t",
//!   "floors": [{ "id": "F1", "name": "1F",
//!     "spaces": [{ "id": "hall", "kind": "public", "polygon": [[0, 0], [10, 0], [10, 10], [0, 10]] }],
//!     "devices": [{ "id": "c", "position": [0, 0], "heading": 45, "fov": 90, "range": 4,
//!                   "face_recognition": false }] }]
//! })).unwrap();
//! let analysis = sightline::analysis::Analysis::of(&site);
//! let c = of_site(&site, &analysis);
//! let quarter = std::f64::consts::PI * 16.0 / 4.0; // 12.57 m², less the 1° arcs' shortfall
//! assert!((c.cameras[0].watched_m2 - quarter).abs() < 0.01);
//! assert!((c.floors[0].public_m2 - 100.0).abs() < 1e-9);
//! assert!((c.floors[0].share() - quarter / 100.0).abs() < 1e-4);
//! ```

// Floor, device, sign and zone numbers here come from the analysis of the same site (one
// entry per object) or from its findings, never from a file; a slip is a bug for tests.
#![allow(clippy::indexing_slicing)]

use geo::{unary_union, Area, BooleanOps, MultiPolygon, Polygon};

use crate::analysis::Analysis;
use crate::model::{Site, SpaceClass};

/// What one camera watches.
#[derive(Clone, Debug, PartialEq)]
pub struct CameraCoverage {
    pub floor: usize,
    pub index: usize,
    pub id: String,
    pub face_recognition: bool,
    /// Face recognition: capture ∩ its zone; ordinary: view ∩ public places, m².
    pub watched_m2: f64,
    /// What that is a share of: its zone's area, or the floor's public area, m².
    pub of_m2: f64,
}

impl CameraCoverage {
    /// The share of its zone or of the floor's public area it watches, 0–1.
    pub fn share(&self) -> f64 {
        share(self.watched_m2, self.of_m2)
    }
}

/// What the face-recognition devices of one zone capture of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ZoneCoverage {
    pub floor: usize,
    pub index: usize,
    pub id: String,
    pub area_m2: f64,
    /// The zone's part captured by at least one of its devices, m².
    pub captured_m2: f64,
}

impl ZoneCoverage {
    pub fn share(&self) -> f64 {
        share(self.captured_m2, self.area_m2)
    }
}

/// What all the cameras of one floor watch of its public places.
#[derive(Clone, Debug, PartialEq)]
pub struct FloorCoverage {
    pub floor: usize,
    pub public_m2: f64,
    /// Public area in at least one camera's view, m².
    pub watched_m2: f64,
}

impl FloorCoverage {
    pub fn share(&self) -> f64 {
        share(self.watched_m2, self.public_m2)
    }
}

fn share(part: f64, of: f64) -> f64 {
    if of <= 1e-9 {
        0.0
    } else {
        (part / of).clamp(0.0, 1.0)
    }
}

/// The coverage of a whole site.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Coverage {
    pub cameras: Vec<CameraCoverage>,
    pub zones: Vec<ZoneCoverage>,
    pub floors: Vec<FloorCoverage>,
}

/// The union of a floor's public spaces.
fn public_places(analysis: &Analysis, fi: usize) -> MultiPolygon<f64> {
    let polys: Vec<&Polygon<f64>> = analysis.floors[fi]
        .spaces
        .list
        .iter()
        .filter(|s| s.class == SpaceClass::Public)
        .map(|s| &s.polygon)
        .collect();
    unary_union(polys)
}

/// The area of floor `fi`'s public places (their union), m².
pub fn public_m2(analysis: &Analysis, fi: usize) -> f64 {
    if fi >= analysis.floors.len() {
        return 0.0;
    }
    public_places(analysis, fi).unsigned_area()
}

/// The union of every camera's view on floor `fi`.
fn all_views(analysis: &Analysis, fi: usize) -> MultiPolygon<f64> {
    let views: Vec<&MultiPolygon<f64>> = analysis.floors[fi]
        .devices
        .iter()
        .map(|da| &da.view)
        .filter(|v| !v.0.is_empty())
        .collect();
    unary_union(views)
}

/// The public area of floor `fi` that no camera watches.
pub fn gaps(analysis: &Analysis, fi: usize) -> MultiPolygon<f64> {
    if fi >= analysis.floors.len() {
        return MultiPolygon::new(Vec::new());
    }
    public_places(analysis, fi).difference(&all_views(analysis, fi))
}

/// What device `di` of floor `fi` watches; `public_m2` is the floor's public area.
pub fn camera(
    site: &Site,
    analysis: &Analysis,
    fi: usize,
    di: usize,
    public_m2: f64,
) -> Option<CameraCoverage> {
    let (d, fa) = (
        site.floors.get(fi)?.devices.get(di)?,
        analysis.floors.get(fi)?,
    );
    let da = fa.devices.get(di)?;
    let (watched_m2, zone_m2) = super::camera::watched(site, analysis, fi, d, da);
    let of_m2 = if d.face_recognition {
        zone_m2
    } else {
        public_m2
    };
    Some(CameraCoverage {
        floor: fi,
        index: di,
        id: d.id.clone(),
        face_recognition: d.face_recognition,
        watched_m2,
        of_m2,
    })
}

/// What the face-recognition devices naming zone `zi` of floor `fi` capture of it (`None`
/// for a zone with no usable polygon).
pub fn zone(site: &Site, analysis: &Analysis, fi: usize, zi: usize) -> Option<ZoneCoverage> {
    let (floor, fa) = (site.floors.get(fi)?, analysis.floors.get(fi)?);
    let (z, za) = (floor.zones.get(zi)?, fa.zones.get(zi)?);
    let poly = za.polygon.as_ref()?;
    let captures: Vec<&MultiPolygon<f64>> = floor
        .devices
        .iter()
        .zip(&fa.devices)
        .filter(|(d, _)| d.face_recognition && d.zone.as_deref() == Some(z.id.as_str()))
        .map(|(_, da)| &da.capture)
        .collect();
    let captured_m2 = if captures.is_empty() {
        0.0
    } else {
        unary_union(captures).intersection(poly).unsigned_area()
    };
    Some(ZoneCoverage {
        floor: fi,
        index: zi,
        id: z.id.clone(),
        area_m2: poly.unsigned_area(),
        captured_m2,
    })
}

/// What all the cameras of floor `fi` watch of its public places.
pub fn floor(analysis: &Analysis, fi: usize) -> FloorCoverage {
    if fi >= analysis.floors.len() {
        return FloorCoverage {
            floor: fi,
            public_m2: 0.0,
            watched_m2: 0.0,
        };
    }
    let public = public_places(analysis, fi);
    FloorCoverage {
        floor: fi,
        public_m2: public.unsigned_area(),
        watched_m2: all_views(analysis, fi)
            .intersection(&public)
            .unsigned_area(),
    }
}

/// The coverage of every camera, zone and floor of the site.
pub fn of_site(site: &Site, analysis: &Analysis) -> Coverage {
    let mut out = Coverage::default();
    for (fi, f) in site.floors.iter().enumerate() {
        let fl = floor(analysis, fi);
        out.cameras.extend(
            (0..f.devices.len()).filter_map(|di| camera(site, analysis, fi, di, fl.public_m2)),
        );
        out.zones
            .extend((0..f.zones.len()).filter_map(|zi| zone(site, analysis, fi, zi)));
        out.floors.push(fl);
    }
    out
}
