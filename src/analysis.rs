//! Site → Analysis: everything geometry derives from a site, per floor, computed once and
//! shared by the rules, the editor's overlays and the renderer.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{Area, BoundingRect, MultiPolygon, Polygon, Rect};
use rayon::prelude::*;

use crate::geometry::classify::{in_public_place, ClassifiedSpace, Spaces};
use crate::geometry::entry::{entry_stretches, EntryStretch};
use crate::geometry::mount::{mount, Mount};
use crate::geometry::polygon::{self, PolygonProblem};
use crate::geometry::primitives::{v2, AngleRange, Seg};
use crate::geometry::segments::{FloorSegments, Search};
use crate::geometry::sign_coverage::{coverage_runs, EntryCell, Reader};
use crate::geometry::visibility::{visible_region, visible_region_split};
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
    pub spaces: Spaces,
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
    /// Is the device in a public place (rules.md v2): no `non_public` space covers its probe
    /// point, or a `public` one does; private spaces do not change the answer.
    pub public_place: bool,
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
    pub reading_bbox: Option<Rect<f64>>,
}

/// The entry points of one zone and the signs covering them.
#[derive(Clone, Debug)]
pub struct ZoneAnalysis {
    /// The zone's polygon, if usable.
    pub polygon: Option<Polygon<f64>>,
    /// Is that polygon convex?
    pub convex: bool,
    pub entries: Vec<EntryStretch>,
    /// The entrances as runs of cells, each covered by the same signs.
    pub cells: Vec<EntryCell>,
    /// Per run: indices (into `floor.signs`) of the signs covering it.
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

/// The sight blockers that may be within `radius` of `pos`, less those cut from the walls
/// something mounted as `m` is mounted on.
fn blockers_near(
    segments: &FloorSegments,
    pos: crate::geometry::V2,
    m: &Mount,
    radius: f64,
) -> Vec<Seg> {
    segments
        .sight_near(pos, radius)
        .into_iter()
        .filter(|p| !m.on.contains(&p.source))
        .map(|p| p.seg)
        .collect()
}

/// The region seen from `pos` in `ranges` out to `radius`, given the blockers near it.
fn seen(
    segments: &FloorSegments,
    pos: crate::geometry::V2,
    blockers: &[Seg],
    ranges: &[AngleRange],
    radius: f64,
) -> MultiPolygon<f64> {
    if segments.sight_split {
        visible_region_split(pos, ranges, radius, blockers)
    } else {
        visible_region(pos, ranges, radius, blockers)
    }
}

fn mount_of(segments: &FloorSegments, pos: crate::geometry::V2, heading_deg: f64) -> Mount {
    let near = segments.walls_near(pos, segments.max_half_thickness + 1e-9);
    mount(pos, heading_deg.to_radians(), &segments.walls, near)
}

/// Area of a multipolygon in m².
pub fn area(mp: &MultiPolygon<f64>) -> f64 {
    mp.unsigned_area()
}

impl Analysis {
    /// Analyses every floor of the site, with spatial indexes.
    pub fn of(site: &Site) -> Analysis {
        Analysis::of_with(site, Search::Indexed)
    }

    /// Analyses every floor of the site, finding nearby objects as `search` says.
    pub fn of_with(site: &Site, search: Search) -> Analysis {
        Analysis {
            floors: site
                .floors
                .par_iter()
                .map(|f| FloorAnalysis::of(f, site.face_density, search))
                .collect(),
        }
    }
}

impl DeviceAnalysis {
    /// Analyses one device of a floor whose segments and spaces are known.
    pub fn of(
        device: &Device,
        segments: &FloorSegments,
        spaces: &Spaces,
        face_density: f64,
    ) -> DeviceAnalysis {
        let d = device;
        let pos = v2(d.position);
        let m = mount_of(segments, pos, d.heading);
        let here = spaces.containing(m.probe);
        let public_place = in_public_place(here.iter().copied());
        let inside_private = here
            .iter()
            .filter(|s| s.class == SpaceClass::Private)
            .map(|s| s.index)
            .collect();
        let ranges = AngleRange::wedge(d.heading, d.fov).intersect(&m.sector);
        let capture_distance = capture_distance(d, face_density);
        let blockers = blockers_near(segments, pos, &m, d.range);
        let view = seen(segments, pos, &blockers, &ranges, d.range);
        let capture = if capture_distance < d.range {
            seen(segments, pos, &blockers, &ranges, capture_distance)
        } else {
            view.clone()
        };
        DeviceAnalysis {
            capture_bbox: capture.bounding_rect(),
            view_bbox: view.bounding_rect(),
            mount: m,
            public_place,
            inside_private,
            capture_distance,
            capture,
            view,
        }
    }
}

impl FloorAnalysis {
    /// Analyses one floor.
    pub fn of(floor: &Floor, face_density: f64, search: Search) -> FloorAnalysis {
        let segments = FloorSegments::build(floor, search);
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
        let spaces = Spaces::new(
            floor
                .spaces
                .iter()
                .enumerate()
                .filter(|(i, _)| usable(space_problems[*i]))
                .filter_map(|(i, s)| {
                    ClassifiedSpace::new(i, s.kind.class(), polygon::to_geo(&s.polygon))
                })
                .collect(),
            search,
        );
        let devices = floor
            .devices
            .par_iter()
            .map(|d| DeviceAnalysis::of(d, &segments, &spaces, face_density))
            .collect();
        let signs: Vec<SignAnalysis> = floor
            .signs
            .par_iter()
            .map(|g| {
                let pos = v2(g.position);
                let m = mount_of(&segments, pos, g.facing);
                let ranges = AngleRange::wedge(g.facing, 180.0).intersect(&m.sector);
                let blockers = blockers_near(&segments, pos, &m, g.readable_distance);
                let reading = seen(&segments, pos, &blockers, &ranges, g.readable_distance);
                SignAnalysis {
                    mount: m,
                    reading_bbox: reading.bounding_rect(),
                    reading,
                }
            })
            .collect();
        let zones = floor
            .zones
            .par_iter()
            .enumerate()
            .map(|(zi, z)| {
                if !usable(zone_problems[zi]) {
                    return ZoneAnalysis {
                        polygon: None,
                        convex: false,
                        entries: Vec::new(),
                        cells: Vec::new(),
                        covered_by: Vec::new(),
                    };
                }
                let poly = polygon::to_geo(&z.polygon);
                let near = match poly.bounding_rect() {
                    Some(b) => segments.walk_in_box(
                        [b.min().x - 0.31, b.min().y - 0.31],
                        [b.max().x + 0.31, b.max().y + 0.31],
                    ),
                    None => Vec::new(),
                };
                let entries = entry_stretches(&z.polygon, &near);
                let readers: Vec<Reader<'_>> = signs
                    .iter()
                    .map(|s| Reader {
                        reading: &s.reading,
                        bbox: s.reading_bbox,
                    })
                    .collect();
                let (cells, covered_by) = coverage_runs(&entries, &readers, |s, margin| {
                    segments.walk_along(s, margin + 1e-9)
                });
                ZoneAnalysis {
                    convex: crate::geometry::clip::is_convex(&poly),
                    polygon: Some(poly),
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
