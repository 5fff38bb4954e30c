//! Site → Analysis: everything geometry derives from a site, per floor, computed once and
//! shared by the rules, the editor's overlays and the renderer.

use geo::{Area, BoundingRect, MultiPolygon, Polygon, Rect};
use rayon::prelude::*;

use crate::geometry::classify::{class_at, ClassifiedSpace};
use crate::geometry::entry::{entry_stretches, EntryStretch};
use crate::geometry::mount::{mount, Mount};
use crate::geometry::polygon::{self, PolygonProblem};
use crate::geometry::primitives::{v2, AngleRange, Seg};
use crate::geometry::segments::FloorSegments;
use crate::geometry::sign_coverage::{covers, entry_cells, EntryCell};
use crate::geometry::visibility::visible_region;
use crate::model::{Device, Floor, Site, SpaceClass};

/// Areas smaller than this count as zero in every rule (drawing noise), in m².
pub const AREA_TOLERANCE_M2: f64 = 0.25;

/// What the geometry says about one site.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub floors: Vec<FloorAnalysis>,
}

/// What the geometry says about one floor.
#[derive(Clone, Debug)]
pub struct FloorAnalysis {
    pub segments: FloorSegments,
    /// Spaces with a usable polygon (a self-crossing one is still used, as drawn).
    pub spaces: Vec<ClassifiedSpace>,
    /// Per space of the floor: what is wrong with its polygon.
    pub space_problems: Vec<Option<PolygonProblem>>,
    /// Per zone of the floor: what is wrong with its polygon.
    pub zone_problems: Vec<Option<PolygonProblem>>,
    pub devices: Vec<DeviceAnalysis>,
    pub signs: Vec<SignAnalysis>,
    pub zones: Vec<ZoneAnalysis>,
}

/// What one device sees and where it is.
#[derive(Clone, Debug)]
pub struct DeviceAnalysis {
    pub mount: Mount,
    /// The class of the plan where the device is (at its probe point).
    pub class: SpaceClass,
    /// Indices (into `floor.spaces`) of the private spaces the device is inside.
    pub inside_private: Vec<usize>,
    /// The face-capture distance: `range`, or less when the pixel density limits it.
    pub capture_distance: f64,
    /// Face-capture area (Measures): wedge, walls, openings, capture distance.
    pub capture: MultiPolygon<f64>,
    /// View area (Decree 799): the same without the pixel-density limit.
    pub view: MultiPolygon<f64>,
    pub capture_bbox: Option<Rect<f64>>,
    pub view_bbox: Option<Rect<f64>>,
}

/// Where one sign can be read from.
#[derive(Clone, Debug)]
pub struct SignAnalysis {
    pub mount: Mount,
    /// Where a person can stand and read it: 180° in front, out to `readable_distance`.
    pub reading: MultiPolygon<f64>,
}

/// The entry points of one zone and the signs covering them.
#[derive(Clone, Debug)]
pub struct ZoneAnalysis {
    /// The zone's polygon, if usable.
    pub polygon: Option<Polygon<f64>>,
    pub entries: Vec<EntryStretch>,
    pub cells: Vec<EntryCell>,
    /// Per cell: indices (into `floor.signs`) of the signs covering it.
    pub covered_by: Vec<Vec<usize>>,
}

/// The identification distance of a sensor: where the image falls below `face_density`
/// pixels per metre, `resolution_w / (2 · face_density · tan(fov / 2))`. `None` for fov ≥ 180°.
///
/// ```
/// // A 1920-pixel-wide sensor with a 90° lens at 250 px/m identifies faces out to 3.84 m.
/// let d = sightline::analysis::pixel_density_distance(1920, 90.0, 250.0).unwrap();
/// assert!((d - 3.84).abs() < 1e-12);
/// ```
pub fn pixel_density_distance(resolution_w: u32, fov_deg: f64, face_density: f64) -> Option<f64> {
    if fov_deg >= 180.0 {
        return None;
    }
    Some(resolution_w as f64 / (2.0 * face_density * (fov_deg.to_radians() / 2.0).tan()))
}

/// The face-capture distance of a device: `range`, limited by pixel density when a
/// resolution is given.
pub fn capture_distance(device: &Device, face_density: f64) -> f64 {
    match device
        .resolution
        .and_then(|[w, _]| pixel_density_distance(w, device.fov, face_density))
    {
        Some(d) => d.min(device.range),
        None => device.range,
    }
}

/// Sight blockers for something mounted as `m`: every sight piece not cut from a wall it is on.
fn blockers_for(segments: &FloorSegments, m: &Mount) -> Vec<Seg> {
    segments
        .sight
        .iter()
        .filter(|p| !m.on.contains(&p.source))
        .map(|p| p.seg)
        .collect()
}

/// Area of a multipolygon in m².
pub fn area(mp: &MultiPolygon<f64>) -> f64 {
    mp.unsigned_area()
}

impl Analysis {
    /// Analyses every floor of the site.
    pub fn of(site: &Site) -> Analysis {
        Analysis {
            floors: site
                .floors
                .iter()
                .map(|f| FloorAnalysis::of(f, site.face_density))
                .collect(),
        }
    }
}

impl FloorAnalysis {
    /// Analyses one floor.
    pub fn of(floor: &Floor, face_density: f64) -> FloorAnalysis {
        let segments = FloorSegments::build(floor);
        let space_problems: Vec<_> = floor
            .spaces
            .iter()
            .map(|s| polygon::check(&s.polygon))
            .collect();
        let zone_problems: Vec<_> = floor
            .zones
            .iter()
            .map(|z| polygon::check(&z.polygon))
            .collect();
        let spaces: Vec<ClassifiedSpace> = floor
            .spaces
            .iter()
            .enumerate()
            .filter(|(i, _)| usable(space_problems[*i]))
            .filter_map(|(i, s)| {
                ClassifiedSpace::new(i, s.kind.class(), polygon::to_geo(&s.polygon))
            })
            .collect();
        let all_walls = 0..segments.walls.len();
        let devices = floor
            .devices
            .par_iter()
            .map(|d| {
                let pos = v2(d.position);
                let m = mount(
                    pos,
                    d.heading.to_radians(),
                    &segments.walls,
                    all_walls.clone(),
                );
                let class = class_at(&spaces, m.probe);
                let inside_private = spaces
                    .iter()
                    .filter(|s| s.class == SpaceClass::Private && s.contains(m.probe))
                    .map(|s| s.index)
                    .collect();
                let ranges = AngleRange::wedge(d.heading, d.fov).intersect(&m.sector);
                let blockers = blockers_for(&segments, &m);
                let capture_distance = capture_distance(d, face_density);
                let view = visible_region(pos, &ranges, d.range, &blockers);
                let capture = if capture_distance < d.range {
                    visible_region(pos, &ranges, capture_distance, &blockers)
                } else {
                    view.clone()
                };
                DeviceAnalysis {
                    capture_bbox: capture.bounding_rect(),
                    view_bbox: view.bounding_rect(),
                    mount: m,
                    class,
                    inside_private,
                    capture_distance,
                    capture,
                    view,
                }
            })
            .collect();
        let signs: Vec<SignAnalysis> = floor
            .signs
            .par_iter()
            .map(|g| {
                let pos = v2(g.position);
                let m = mount(
                    pos,
                    g.facing.to_radians(),
                    &segments.walls,
                    all_walls.clone(),
                );
                let ranges = AngleRange::wedge(g.facing, 180.0).intersect(&m.sector);
                let reading = visible_region(
                    pos,
                    &ranges,
                    g.readable_distance,
                    &blockers_for(&segments, &m),
                );
                SignAnalysis { mount: m, reading }
            })
            .collect();
        let walk: Vec<Seg> = segments.walk.iter().map(|p| p.seg).collect();
        let zones = floor
            .zones
            .iter()
            .enumerate()
            .map(|(zi, z)| {
                if !usable(zone_problems[zi]) {
                    return ZoneAnalysis {
                        polygon: None,
                        entries: Vec::new(),
                        cells: Vec::new(),
                        covered_by: Vec::new(),
                    };
                }
                let entries = entry_stretches(&z.polygon, &walk);
                let cells = entry_cells(&entries, &walk);
                let covered_by = cells
                    .iter()
                    .map(|c| {
                        signs
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| covers(&s.reading, c))
                            .map(|(i, _)| i)
                            .collect()
                    })
                    .collect();
                ZoneAnalysis {
                    polygon: Some(polygon::to_geo(&z.polygon)),
                    entries,
                    cells,
                    covered_by,
                }
            })
            .collect();
        FloorAnalysis {
            segments,
            spaces,
            space_problems,
            zone_problems,
            devices,
            signs,
            zones,
        }
    }
}

/// A polygon with this problem (or none) is still used by the geometry: a self-crossing one as
/// drawn, but one with no area cannot hold anything.
fn usable(problem: Option<PolygonProblem>) -> bool {
    !matches!(
        problem,
        Some(PolygonProblem::TooFewPoints) | Some(PolygonProblem::ZeroArea)
    )
}
