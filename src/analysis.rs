//! Site → Analysis: everything geometry derives from a site, per floor, computed once and
//! shared by the rules, the editor's overlays and the renderer.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use geo::{Area, BooleanOps, BoundingRect, MultiPolygon, Polygon, Rect};
use rayon::prelude::*;

use crate::geometry::blind::{disc, without_disc};
use crate::geometry::change::{grown, points_box, square, Bbox, Change, Dirty, Pending};
use crate::geometry::classify::rect_box;
use crate::geometry::classify::{in_public_place, ClassifiedSpace, Spaces};
use crate::geometry::entry::{entry_stretches, EntryStretch, APPROACH_FAR_M};
use crate::geometry::mount::{mount, Mount, PROBE_CLEARANCE_M};
use crate::geometry::polygon::{self, PolygonProblem};
use crate::geometry::primitives::{v2, AngleRange, Seg};
use crate::geometry::segments::{FloorSegments, Search};
use crate::geometry::sign_coverage::{coverage_runs, EntryCell, Reader};
use crate::geometry::vertical::{
    density_distance, dori_bands, face_band, view_band, Band, DoriLevel, Vertical,
};
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
    /// The face-capture distance on the plan: `range`, or less when the pixel density (or,
    /// for a tilted camera, the vertical view) limits it; the far end of `capture_band`.
    pub capture_distance: f64,
    /// The horizontal distances at which faces are captured: from 0 for a camera without
    /// `tilt`; for a tilted one, from its blind distance (rev 3).
    pub capture_band: Band,
    /// The horizontal distances at which some part of a person is in view.
    pub view_band: Band,
    /// Face-capture area (Measures): wedge, walls, openings, capture band.
    pub capture: MultiPolygon<f64>,
    /// View area (Decree 799): the same with the view band.
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

/// What the site says about faces and people, for every camera: the identification density
/// and (rev 3) the heights of faces and of a person.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Optics {
    /// Pixels per metre a face needs to be identified.
    pub face_density: f64,
    /// Where faces are, m above the floor.
    pub face_height: f64,
    /// The top of a person, m above the floor.
    pub person_height: f64,
}

impl Optics {
    /// The site's optics, defaults filled in.
    pub fn of(site: &Site) -> Optics {
        Optics {
            face_density: site.face_density,
            face_height: site.face_height(),
            person_height: site.person_height(),
        }
    }
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
    Some(density_distance(resolution_w, fov_deg, face_density))
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
                .map(|f| FloorAnalysis::of(f, &Optics::of(site), search))
                .collect(),
        }
    }
}

/// The horizontal distances at which a device captures faces and at which it views people:
/// for a device without `tilt`, out to its capture distance and its range (revision 2); for
/// a tilted one, the bands of its vertical view (site-format.md rev 3), the capture band cut
/// by the slant distance to `range` and to the identification density.
///
/// ```
/// use sightline::analysis::{bands, Optics};
/// use sightline::model::Device;
/// // The spec's worked example: 3 m, tilted 30°, 106° across 2560×1440, faces at 1.6 m.
/// let mut d = Device::new("c1", [0.0, 0.0], 0.0, true);
/// (d.mount_height, d.tilt, d.fov, d.range) = (3.0, Some(30.0), 106.0, 20.0);
/// d.resolution = Some([2560, 1440]);
/// let optics = Optics { face_density: 250.0, face_height: 1.6, person_height: 1.8 };
/// let (capture, view) = bands(&d, &optics);
/// // Faces from 0.60 m to 3.595 m (the spec rounds down to 3.59).
/// assert!((capture.near - 0.602).abs() < 0.001 && (capture.far - 3.595).abs() < 0.001);
/// // A head (1.8 m) comes into view at 0.52 m; the view goes on to the range.
/// assert!((view.near - 0.516).abs() < 0.001 && view.far == 20.0);
/// ```
pub fn bands(d: &Device, optics: &Optics) -> (Band, Band) {
    let Some(tilt) = d.tilt else {
        return (
            Band::within(capture_distance(d, optics.face_density)),
            Band::within(d.range),
        );
    };
    let v = Vertical {
        mount_height: d.mount_height,
        tilt,
        vfov: d.vfov(),
    };
    let identify = d
        .resolution
        .and_then(|[w, _]| pixel_density_distance(w, d.fov, optics.face_density))
        .unwrap_or(f64::INFINITY);
    (
        face_band(&v, optics.face_height, identify.min(d.range)),
        view_band(&v, optics.person_height, d.range),
    )
}

/// What is seen from `pos` in `ranges` at the distances of `band`: the region out to its far
/// end less the blind disc closer than its near end.
fn seen_in_band(
    segments: &FloorSegments,
    pos: crate::geometry::V2,
    blockers: &[Seg],
    ranges: &[AngleRange],
    band: Band,
) -> MultiPolygon<f64> {
    if band.is_empty() {
        return MultiPolygon::new(Vec::new());
    }
    let out = seen(segments, pos, blockers, ranges, band.far);
    without_disc(&out, pos, band.near)
}

/// Where a camera reaches each DORI level (IEC 62676-4: 25, 62.5, 125, 250 px/m across the
/// image width) for a face at the site's face height, clipped to what it sees: per level, its
/// band of horizontal distances and the part of its view area within that band. Empty without
/// a resolution.
pub fn dori_regions(
    d: &Device,
    da: &DeviceAnalysis,
    optics: &Optics,
) -> Vec<(DoriLevel, Band, MultiPolygon<f64>)> {
    let Some(levels) = dori_bands(d, optics.face_height) else {
        return Vec::new();
    };
    let apex = v2(d.position);
    levels
        .into_iter()
        .map(|(level, band)| {
            let region = if band.is_empty() || da.view.0.is_empty() {
                MultiPolygon::new(Vec::new())
            } else {
                let within = da
                    .view
                    .intersection(&MultiPolygon::new(vec![disc(apex, band.far)]));
                without_disc(&within, apex, band.near)
            };
            (level, band, region)
        })
        .collect()
}

/// Where a device sits: what it is mounted on and what its probe point is in. Its heading
/// moves only the probe (and the sector, when the heading crosses a wall it is on).
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub mount: Mount,
    /// See [`DeviceAnalysis::public_place`].
    pub public_place: bool,
    /// See [`DeviceAnalysis::inside_private`].
    pub inside_private: Vec<usize>,
}

impl Placement {
    /// The placement of one device of a floor whose segments and spaces are known.
    pub fn of(device: &Device, segments: &FloorSegments, spaces: &Spaces) -> Placement {
        let mount = mount_of(segments, v2(device.position), device.heading);
        let here = spaces.containing(mount.probe);
        Placement {
            public_place: in_public_place(here.iter().copied()),
            inside_private: here
                .iter()
                .filter(|s| s.class == SpaceClass::Private)
                .map(|s| s.index)
                .collect(),
            mount,
        }
    }
}

impl DeviceAnalysis {
    /// Analyses one device of a floor whose segments and spaces are known.
    pub fn of(
        device: &Device,
        segments: &FloorSegments,
        spaces: &Spaces,
        optics: &Optics,
    ) -> DeviceAnalysis {
        let directions = AngleRange::wedge(device.heading, device.fov);
        DeviceAnalysis::looking(device, segments, spaces, optics, directions)
    }

    /// [`DeviceAnalysis::of`] for a device that saw every direction its mount leaves it, with
    /// the bands of its own lens: what any turn or narrower view of it, on the same mount,
    /// sees a part of (cut to its wedge, the same area up to rounding: the range polygon's
    /// corners are fixed, see [`crate::geometry::visibility`]).
    pub fn all_round(
        device: &Device,
        segments: &FloorSegments,
        spaces: &Spaces,
        optics: &Optics,
    ) -> DeviceAnalysis {
        DeviceAnalysis::looking(device, segments, spaces, optics, AngleRange::FULL)
    }

    fn looking(
        device: &Device,
        segments: &FloorSegments,
        spaces: &Spaces,
        optics: &Optics,
        directions: AngleRange,
    ) -> DeviceAnalysis {
        let d = device;
        let pos = v2(d.position);
        let Placement {
            mount: m,
            public_place,
            inside_private,
        } = Placement::of(d, segments, spaces);
        let ranges = directions.intersect(&m.sector);
        let (capture_band, view_band) = bands(d, optics);
        let reach = |b: Band| if b.is_empty() { 0.0 } else { b.far };
        let blockers = blockers_near(segments, pos, &m, reach(view_band).max(reach(capture_band)));
        let view = seen_in_band(segments, pos, &blockers, &ranges, view_band);
        let capture = if capture_band == view_band {
            view.clone()
        } else {
            seen_in_band(segments, pos, &blockers, &ranges, capture_band)
        };
        DeviceAnalysis {
            capture_bbox: capture.bounding_rect(),
            view_bbox: view.bounding_rect(),
            mount: m,
            public_place,
            inside_private,
            capture_distance: reach(capture_band),
            capture_band,
            view_band,
            capture,
            view,
        }
    }
}

impl SignAnalysis {
    /// Analyses one sign of a floor whose segments are known.
    pub fn of(g: &crate::model::Sign, segments: &FloorSegments) -> SignAnalysis {
        let pos = v2(g.position);
        let m = mount_of(segments, pos, g.facing);
        let ranges = AngleRange::wedge(g.facing, 180.0).intersect(&m.sector);
        let blockers = blockers_near(segments, pos, &m, g.readable_distance);
        let reading = seen(segments, pos, &blockers, &ranges, g.readable_distance);
        SignAnalysis {
            mount: m,
            reading_bbox: reading.bounding_rect(),
            reading,
        }
    }
}

impl ZoneAnalysis {
    /// Analyses one zone of a floor whose segments and signs are known.
    pub fn of(
        z: &crate::model::Zone,
        problem: Option<PolygonProblem>,
        segments: &FloorSegments,
        signs: &[SignAnalysis],
    ) -> ZoneAnalysis {
        if !usable(problem) {
            return ZoneAnalysis::none();
        }
        let poly = polygon::to_geo(&z.polygon);
        let around = poly.bounding_rect().map(|b| {
            (
                [b.min().x - ZONE_WALLS_M, b.min().y - ZONE_WALLS_M],
                [b.max().x + ZONE_WALLS_M, b.max().y + ZONE_WALLS_M],
            )
        });
        let near = around.map_or_else(Vec::new, |(lo, hi)| segments.walk_in_box(lo, hi));
        let mut entries = entry_stretches(&z.polygon, &near);
        // Gaps the drawn walls close (a stub's square end) are no way in.
        if !entries.is_empty() {
            let bodies =
                around.map_or_else(Vec::new, |(lo, hi)| segments.walk_bodies_in_box(lo, hi));
            entries.retain(|e| !crate::geometry::entry::under_walls(e, &bodies));
        }
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
    }

    /// The analysis of a zone with no usable polygon.
    fn none() -> ZoneAnalysis {
        ZoneAnalysis {
            polygon: None,
            convex: false,
            entries: Vec::new(),
            cells: Vec::new(),
            covered_by: Vec::new(),
        }
    }

    /// How far from its polygon's box what the zone's analysis reads may lie: the walls that
    /// make its entrances, and the approach band (with its walls) where signs are read.
    pub const REACH_M: f64 = ZONE_WALLS_M + 2.0 * APPROACH_FAR_M + 1e-6;

    /// The box beyond which nothing changes the zone's analysis; `None` for no polygon.
    pub fn reach(&self) -> Option<Bbox> {
        let b = self.polygon.as_ref()?.bounding_rect()?;
        Some(grown(rect_box(&b), Self::REACH_M))
    }
}

/// How far beyond a zone's box its entrance-making walls are looked for, in metres.
const ZONE_WALLS_M: f64 = 0.31;

/// How far from a device's or sign's position its mount and probe point may lie: the walls it
/// may be mounted on, and the probe point's distance from them.
pub fn mount_slack(max_half_thickness: f64) -> f64 {
    6.0 * (max_half_thickness + PROBE_CLEARANCE_M) + 1e-6
}

impl FloorAnalysis {
    /// The zones (their indices) whose entrances sign `gi` covers, at least in part.
    pub fn zones_signed_by(&self, gi: usize) -> impl Iterator<Item = usize> + '_ {
        self.zones
            .iter()
            .enumerate()
            .filter(move |(_, za)| za.covered_by.iter().any(|run| run.contains(&gi)))
            .map(|(zi, _)| zi)
    }

    /// Analyses one floor.
    pub fn of(floor: &Floor, optics: &Optics, search: Search) -> FloorAnalysis {
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
            .map(|d| DeviceAnalysis::of(d, &segments, &spaces, optics))
            .collect();
        let signs: Vec<SignAnalysis> = floor
            .signs
            .par_iter()
            .map(|g| SignAnalysis::of(g, &segments))
            .collect();
        let zones = floor
            .zones
            .par_iter()
            .enumerate()
            .map(|(zi, z)| ZoneAnalysis::of(z, zone_problems[zi], &segments, &signs))
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

/// The kinds of object a floor holds, as the incremental checker hears of their changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    Wall,
    Opening,
    Space,
    Device,
    Sign,
    Zone,
}

/// One change to one object of a floor, already made: what kind, which (by its index at
/// the time), and where it was before (its points' box), if it was there before.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectChange {
    pub kind: ObjectKind,
    pub change: Change,
    pub old_box: Option<Bbox>,
}

/// What [`FloorAnalysis::patch`] redid, and where the plan changed.
#[derive(Debug, Default)]
pub struct Patched {
    /// Devices analysed again (final indices), changed ones included.
    pub devices: Vec<usize>,
    /// Zones analysed again.
    pub zones: Vec<usize>,
    /// Where wall segments or their pieces changed.
    pub segments: Dirty,
    /// Where spaces changed (old and new boxes).
    pub spaces: Dirty,
    /// Where changed signs stand or stood, and the probe points of signs analysed again.
    pub sign_spots: Dirty,
}

impl DeviceAnalysis {
    /// Stands in for a new device until it is analysed.
    fn placeholder() -> DeviceAnalysis {
        DeviceAnalysis {
            mount: Mount {
                on: Vec::new(),
                sector: AngleRange::FULL,
                probe: v2([0.0, 0.0]),
            },
            public_place: false,
            inside_private: Vec::new(),
            capture_distance: 0.0,
            capture_band: Band::NONE,
            view_band: Band::NONE,
            capture: MultiPolygon::new(Vec::new()),
            view: MultiPolygon::new(Vec::new()),
            capture_bbox: None,
            view_bbox: None,
        }
    }
}

impl SignAnalysis {
    /// Stands in for a new sign until it is analysed.
    fn placeholder() -> SignAnalysis {
        SignAnalysis {
            mount: DeviceAnalysis::placeholder().mount,
            reading: MultiPolygon::new(Vec::new()),
            reading_bbox: None,
        }
    }
}

impl FloorAnalysis {
    /// Brings the analysis up to date with `floor` after `changes` (in the order they were
    /// made), redoing only what they can reach:
    /// - the wall segments near a changed wall or opening ([`FloorSegments::finish`]);
    /// - each device and sign whose reach (range, and the walls it may be mounted on) meets
    ///   changed wall pieces or spaces, and every changed one;
    /// - each zone whose reach ([`ZoneAnalysis::REACH_M`]) meets changed wall pieces or the
    ///   reading area of a sign analysed again, and every changed one.
    ///
    /// The result equals [`FloorAnalysis::of`] but for the numbering of wall segments and
    /// the last bits of crossing points computed in another order.
    pub fn patch(&mut self, floor: &Floor, optics: &Optics, changes: &[ObjectChange]) -> Patched {
        let mut segs = crate::geometry::segments::Patch::default();
        let (mut devices, mut signs, mut zones, mut spaces) = (
            Pending::default(),
            Pending::default(),
            Pending::default(),
            Pending::default(),
        );
        let mut out = Patched::default();
        // Where signs' reading areas were or are: zones are redone where these meet them.
        let mut sign_areas = Dirty::default();
        for c in changes {
            let change = c.change;
            match c.kind {
                ObjectKind::Wall => self.segments.note_wall(&mut segs, change),
                ObjectKind::Opening => self.segments.note_opening(&mut segs, change),
                ObjectKind::Space => {
                    if let Some(b) = self.spaces.note(change) {
                        out.spaces.add(b);
                    }
                    if let Some(b) = c.old_box {
                        out.spaces.add(b);
                    }
                    spaces.note(change);
                    change.mirror(&mut self.space_problems, || None);
                    if !matches!(change, Change::Set(_)) {
                        for d in &mut self.devices {
                            d.inside_private = d
                                .inside_private
                                .iter()
                                .filter_map(|&i| change.moved(i))
                                .collect();
                        }
                    }
                }
                ObjectKind::Device => {
                    devices.note(change);
                    change.mirror(&mut self.devices, DeviceAnalysis::placeholder);
                }
                ObjectKind::Sign => {
                    if let Change::Set(i) | Change::Removed(i) = change {
                        if let Some(b) = self.signs.get(i).and_then(|g| g.reading_bbox) {
                            sign_areas.add(rect_box(&b));
                        }
                    }
                    if let Some(b) = c.old_box {
                        out.sign_spots.add(b);
                    }
                    signs.note(change);
                    change.mirror(&mut self.signs, SignAnalysis::placeholder);
                    if !matches!(change, Change::Set(_)) {
                        for z in &mut self.zones {
                            for by in &mut z.covered_by {
                                *by = by.iter().filter_map(|&g| change.moved(g)).collect();
                            }
                        }
                    }
                }
                ObjectKind::Zone => {
                    zones.note(change);
                    change.mirror(&mut self.zones, ZoneAnalysis::none);
                    change.mirror(&mut self.zone_problems, || None);
                }
            }
        }
        let (dirty, renumbered) = self.segments.finish(floor, segs);
        out.segments = dirty;
        if let Some(map) = renumbered {
            let remap = |m: &mut Mount| {
                m.on =
                    m.on.iter()
                        .map(|&s| {
                            map.get(s)
                                .copied()
                                .unwrap_or(crate::geometry::segments::DEAD)
                        })
                        .collect();
            };
            self.devices.iter_mut().for_each(|d| remap(&mut d.mount));
            self.signs.iter_mut().for_each(|g| remap(&mut g.mount));
        }
        for si in spaces.sorted() {
            let Some(s) = floor.spaces.get(si) else {
                continue;
            };
            let problem = polygon::check(&s.polygon);
            if let Some(slot) = self.space_problems.get_mut(si) {
                *slot = problem;
            }
            if let Some(b) = points_box(&s.polygon) {
                out.spaces.add(b);
            }
            if usable(problem) {
                if let Some(cs) =
                    ClassifiedSpace::new(si, s.kind.class(), polygon::to_geo(&s.polygon))
                {
                    self.spaces.put(cs);
                }
            }
        }
        out.segments.settle();
        out.spaces.settle();
        let slack = mount_slack(self.segments.max_half_thickness);
        // Devices.
        let mut redo = devices.sorted();
        redo.extend(floor.devices.iter().enumerate().filter_map(|(di, d)| {
            let reach = square(d.position, d.range.max(0.0) + slack);
            (out.segments.meets(reach) || out.spaces.meets(reach)).then_some(di)
        }));
        redo.sort_unstable();
        redo.dedup();
        redo.retain(|&di| di < floor.devices.len() && di < self.devices.len());
        let (segments, spaces_now) = (&self.segments, &self.spaces);
        let fresh: Vec<DeviceAnalysis> = redo
            .par_iter()
            .map(|&di| DeviceAnalysis::of(&floor.devices[di], segments, spaces_now, optics))
            .collect();
        for (&di, da) in redo.iter().zip(fresh) {
            self.devices[di] = da;
        }
        out.devices = redo;
        // Signs.
        let mut redo = signs.sorted();
        redo.extend(floor.signs.iter().enumerate().filter_map(|(gi, g)| {
            let reach = square(g.position, g.readable_distance.max(0.0) + slack);
            out.segments.meets(reach).then_some(gi)
        }));
        redo.sort_unstable();
        redo.dedup();
        redo.retain(|&gi| gi < floor.signs.len() && gi < self.signs.len());
        let fresh: Vec<SignAnalysis> = redo
            .par_iter()
            .map(|&gi| SignAnalysis::of(&floor.signs[gi], segments))
            .collect();
        for (&gi, ga) in redo.iter().zip(fresh) {
            let old = &self.signs[gi];
            if let Some(b) = old.reading_bbox {
                sign_areas.add(rect_box(&b));
            }
            out.sign_spots
                .add(square([old.mount.probe.x, old.mount.probe.y], 0.0));
            if let Some(b) = ga.reading_bbox {
                sign_areas.add(rect_box(&b));
            }
            out.sign_spots.add(square(floor.signs[gi].position, 0.0));
            out.sign_spots
                .add(square([ga.mount.probe.x, ga.mount.probe.y], 0.0));
            self.signs[gi] = ga;
        }
        out.sign_spots.settle();
        sign_areas.extend(&out.segments);
        sign_areas.settle();
        // Zones.
        let mut redo = zones.sorted();
        for zi in &redo {
            if let Some(z) = floor.zones.get(*zi) {
                if let Some(p) = self.zone_problems.get_mut(*zi) {
                    *p = polygon::check(&z.polygon);
                }
            }
        }
        redo.extend(
            self.zones
                .iter()
                .enumerate()
                .filter(|(_, za)| za.reach().is_some_and(|b| sign_areas.meets(b)))
                .map(|(zi, _)| zi),
        );
        redo.sort_unstable();
        redo.dedup();
        redo.retain(|&zi| zi < floor.zones.len() && zi < self.zones.len());
        let (segments, signs_now, problems) = (&self.segments, &self.signs, &self.zone_problems);
        let fresh: Vec<ZoneAnalysis> = redo
            .par_iter()
            .map(|&zi| ZoneAnalysis::of(&floor.zones[zi], problems[zi], segments, signs_now))
            .collect();
        for (&zi, za) in redo.iter().zip(fresh) {
            self.zones[zi] = za;
        }
        out.zones = redo;
        out
    }
}
