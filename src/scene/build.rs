//! Building a floor's scene: the layers in order, each object styled once.

use geo::{BoundingRect, InteriorPoint, MultiPolygon};

use super::palette::{self as p, Rgb};
use super::{
    Cap, DoriShow, Fill, Hatch, Item, LabelFit, Layer, Line, Paint, Prim, Scene, SceneOptions,
    Subject, Width,
};
use crate::analysis::{dori_regions, FloorAnalysis, Optics};
use crate::geometry::primitives::{v2, AngleRange};
use crate::geometry::vertical::DoriLevel;
use crate::geometry::visibility::visible_region;
use crate::i18n::kind_label;
use crate::model::{OpeningKind, Point, Site, SpaceClass};
use crate::rules::{Finding, RuleId};

/// Thinnest a wall is drawn, in pixels.
const WALL_MIN_PX: f32 = 1.5;

fn points_bbox(points: &[Point]) -> Option<[Point; 2]> {
    crate::model::bounds(points.iter().copied())
}

fn shape_bbox(shape: &MultiPolygon<f64>) -> Option<[Point; 2]> {
    shape
        .bounding_rect()
        .map(|r| [[r.min().x, r.min().y], [r.max().x, r.max().y]])
}

struct Builder<'a> {
    items: Vec<Item>,
    /// The object the next items draw.
    subject: Option<Subject>,
    /// When set, only the items of these objects are built.
    only: Option<&'a std::collections::BTreeSet<Subject>>,
}

impl Builder<'_> {
    /// Starts the items of `subject`; false if they are not wanted.
    fn of(&mut self, subject: Subject) -> bool {
        self.subject = Some(subject);
        self.only.is_none_or(|o| o.contains(&subject))
    }

    /// Starts items that draw no one object (findings, markers, the underlay); false if only
    /// some objects are wanted.
    fn general(&mut self) -> bool {
        self.subject = None;
        self.only.is_none()
    }

    fn push(&mut self, layer: Layer, prim: Prim, finding: Option<usize>) {
        let bbox = match &prim {
            Prim::Underlay(_) => None,
            Prim::Area { shape, .. } => shape_bbox(shape),
            Prim::Path { points, .. } => points_bbox(points),
            Prim::Device { at, .. }
            | Prim::Sign { at, .. }
            | Prim::Label { at, .. }
            | Prim::Marker { at, .. } => Some([*at, *at]),
        };
        self.items.push(Item {
            layer,
            prim,
            finding,
            subject: self.subject,
            bbox,
        });
    }

    fn area(&mut self, layer: Layer, shape: MultiPolygon<f64>, fill: Fill, outline: Option<Line>) {
        self.push(
            layer,
            Prim::Area {
                shape,
                fill: Some(fill),
                outline,
            },
            None,
        );
    }

    fn path(&mut self, layer: Layer, points: Vec<Point>, closed: bool, line: Line) {
        self.push(
            layer,
            Prim::Path {
                points,
                closed,
                line,
            },
            None,
        );
    }
}

fn name_or_id<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

pub(super) fn build(
    site: &Site,
    fa: &FloorAnalysis,
    findings: &[&Finding],
    fi: usize,
    opts: &SceneOptions,
    only: Option<&std::collections::BTreeSet<Subject>>,
) -> Scene {
    let lang = opts.lang;
    let Some(floor) = site.floors.get(fi) else {
        return Scene::default();
    };
    let mut b = Builder {
        items: Vec::new(),
        subject: None,
        only,
    };
    let listed: Vec<usize> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.floor_index.is_none() || f.floor_index == Some(fi))
        .map(|(i, _)| i)
        .collect();
    let on_floor = || {
        listed
            .iter()
            .filter_map(|&i| Some((i, *findings.get(i)?)))
            .filter(|(_, f)| f.floor_index.is_some())
    };

    // Underlay.
    if let (Some(u), true) = (&floor.underlay, b.general()) {
        b.push(Layer::Underlay, Prim::Underlay(u.clone()), None);
    }

    // Spaces, lighter over an underlay so that the scanned plan shows through.
    let space_opacity = if floor.underlay.is_some() { 0.45 } else { 0.85 };
    let edge = Line::new(Paint::solid(p::SPACE_EDGE), Width::px(0.6));
    let mut analysed = vec![false; floor.spaces.len()];
    for s in &fa.spaces.list {
        if let Some(a) = analysed.get_mut(s.index) {
            *a = true;
        }
        if !b.of(Subject::Space(s.index)) {
            continue;
        }
        let fill = match s.class {
            SpaceClass::Private => p::PRIVATE_FILL,
            SpaceClass::Public => p::PUBLIC_FILL,
            SpaceClass::NonPublic => p::NON_PUBLIC_FILL,
        };
        b.area(
            Layer::Spaces,
            MultiPolygon::new(vec![s.polygon.clone()]),
            Fill::Solid(Paint::with(fill, space_opacity)),
            Some(edge),
        );
    }
    // A space whose outline is not a valid polygon yet still shows where it is.
    for (si, (s, _)) in floor
        .spaces
        .iter()
        .zip(&analysed)
        .enumerate()
        .filter(|(_, (_, a))| !**a)
    {
        if s.polygon.len() >= 2 && b.of(Subject::Space(si)) {
            b.path(Layer::Spaces, s.polygon.clone(), true, edge);
        }
    }

    // Zones.
    let zone_line = Line::new(Paint::solid(p::ZONE), Width::px(2.0)).dashed([8.0, 5.0]);
    for (zi, (z, za)) in floor.zones.iter().zip(&fa.zones).enumerate() {
        if !b.of(Subject::Zone(zi)) {
            continue;
        }
        match &za.polygon {
            Some(poly) => b.area(
                Layer::Zones,
                MultiPolygon::new(vec![poly.clone()]),
                Fill::Solid(Paint::with(p::ZONE, 0.06)),
                Some(zone_line),
            ),
            None if z.polygon.len() >= 2 => {
                b.path(Layer::Zones, z.polygon.clone(), true, zone_line);
            }
            None => {}
        }
    }

    // Capture areas (face recognition) and views (ordinary cameras).
    for (di, (d, da)) in floor.devices.iter().zip(&fa.devices).enumerate() {
        if !b.of(Subject::Device(di)) {
            continue;
        }
        let (shape, c, dash) = if d.face_recognition {
            (&da.capture, p::FR_CAPTURE, None)
        } else {
            (&da.view, p::CAMERA_VIEW, Some([4.0, 3.0]))
        };
        let mut outline = Line::new(Paint::with(c, 0.7), Width::px(1.0));
        outline.dash = dash;
        b.area(
            Layer::Areas,
            shape.clone(),
            Fill::Solid(Paint::with(c, 0.16)),
            Some(outline),
        );
    }

    // DORI bands and blind zones of the cameras asked for.
    dori(&mut b, site, fa, fi, opts);

    // Regions of findings: inside private spaces, outside zones.
    let findings_wanted = b.general();
    for (i, f) in on_floor().filter(|_| findings_wanted) {
        if let Some(r) = &f.region {
            let (hatch, c) = if f.rule == RuleId::OutsideZone {
                (Hatch::Outside, p::OUTSIDE_ZONE)
            } else {
                (Hatch::Private, p::IN_PRIVATE)
            };
            b.push(
                Layer::FindingRegions,
                Prim::Area {
                    shape: r.clone(),
                    fill: Some(Fill::Hatch(hatch, c)),
                    outline: None,
                },
                Some(i),
            );
        }
    }

    // Walls, then openings over them (each as wide as the wall it lies on: what is drawn is
    // what the geometry uses, a glass wall's window is as thin as the glass).
    for (wi, w) in floor.walls.iter().enumerate() {
        if w.points.len() < 2 || !b.of(Subject::Wall(wi)) {
            continue;
        }
        let width = Width {
            metres: w.thickness,
            px: 0.0,
            min_px: WALL_MIN_PX,
        };
        b.path(
            Layer::Walls,
            w.points.clone(),
            false,
            Line::new(Paint::solid(p::WALL), width).capped(Cap::Square),
        );
    }
    for (oi, o) in floor.openings.iter().enumerate() {
        if !b.of(Subject::Opening(oi)) {
            continue;
        }
        let host = fa.segments.host_thickness(v2(o.a), v2(o.b));
        let cut = Width {
            metres: host.unwrap_or(0.0),
            px: 2.0,
            min_px: WALL_MIN_PX + 1.0,
        };
        let (outer, inner) = match o.kind {
            OpeningKind::Window if o.obscured => (p::FROSTED_WINDOW, p::FROSTED_GLASS),
            OpeningKind::Window => (p::WINDOW, p::WHITE),
            OpeningKind::Door => (p::WHITE, p::DOOR),
            OpeningKind::Opening => (p::WHITE, p::WHITE),
        };
        for (c, w) in [(outer, cut), (inner, Width::px(1.5))] {
            b.path(
                Layer::Openings,
                vec![o.a, o.b],
                false,
                Line::new(Paint::solid(c), w),
            );
        }
    }

    // Signs: where they can be read, and the sign itself.
    for (gi, (g, ga)) in floor.signs.iter().zip(&fa.signs).enumerate() {
        if !b.of(Subject::Sign(gi)) {
            continue;
        }
        b.area(
            Layer::Signs,
            ga.reading.clone(),
            Fill::Solid(Paint::with(p::SIGN_READING, 0.35)),
            Some(Line::new(Paint::solid(p::SIGN), Width::px(0.8))),
        );
        b.push(
            Layer::Signs,
            Prim::Sign {
                at: g.position,
                facing_deg: g.facing,
            },
            None,
        );
    }

    // Entrances no sign covers.
    let findings_wanted = b.general();
    for (i, f) in on_floor().filter(|_| findings_wanted) {
        for [a0, a1] in f.stretches.iter().flatten() {
            let line = Line::new(
                Paint::solid(p::IN_PRIVATE),
                Width::px(super::symbol::ENTRANCE_WIDTH),
            )
            .capped(Cap::Round);
            b.push(
                Layer::Entrances,
                Prim::Path {
                    points: vec![*a0, *a1],
                    closed: false,
                    line,
                },
                Some(i),
            );
        }
    }

    // Devices.
    for (di, d) in floor.devices.iter().enumerate() {
        if !b.of(Subject::Device(di)) {
            continue;
        }
        let colour = if d.face_recognition {
            p::FR_CAPTURE
        } else {
            p::CAMERA_VIEW
        };
        b.push(
            Layer::Devices,
            Prim::Device {
                at: d.position,
                heading_deg: d.heading,
                colour,
            },
            None,
        );
    }

    // Labels, the most important first (each back end drops those that would overlap one
    // placed before): cameras' and zones' names when objects are named.
    if opts.object_names {
        for (di, d) in floor.devices.iter().enumerate() {
            if !b.of(Subject::Device(di)) {
                continue;
            }
            let fit = LabelFit::Beside {
                size: 12.0,
                offset: [9.0, 7.0],
            };
            label(
                &mut b,
                d.position,
                vec![name_or_id(&d.name, &d.id).to_owned()],
                fit,
                p::GREY_TEXT,
            );
        }
        for (zi, z) in floor.zones.iter().enumerate() {
            if !b.of(Subject::Zone(zi)) {
                continue;
            }
            if let Some(first) = z.polygon.first() {
                let fit = LabelFit::Beside {
                    size: 12.0,
                    offset: [4.0, 4.0],
                };
                label(
                    &mut b,
                    *first,
                    vec![name_or_id(&z.name, &z.id).to_owned()],
                    fit,
                    p::ZONE,
                );
            }
        }
    }

    // Then spaces' names where they fit (with the kind for private spaces, or for every
    // space when objects are named).
    for s in &fa.spaces.list {
        if !b.of(Subject::Space(s.index)) {
            continue;
        }
        let Some(space) = floor.spaces.get(s.index) else {
            continue;
        };
        let name = if opts.object_names {
            name_or_id(&space.name, &space.id)
        } else {
            &space.name
        };
        if name.is_empty() {
            continue;
        }
        let Some(at) = s.polygon.interior_point() else {
            continue;
        };
        let with_kind = format!("{name} · {}", kind_label(space.kind, lang));
        let texts = if opts.object_names || s.class == SpaceClass::Private {
            vec![with_kind, name.to_owned()]
        } else {
            vec![name.to_owned()]
        };
        label(
            &mut b,
            [at.x(), at.y()],
            texts,
            LabelFit::Space {
                width_m: s.bbox.max().x - s.bbox.min().x,
            },
            p::LABEL,
        );
    }
    // Markers, numbered in list order; site-wide findings are listed but have no marker.
    let findings_wanted = b.general();
    for (n, &i) in listed.iter().enumerate().filter(|_| findings_wanted) {
        let Some(f) = findings.get(i) else { continue };
        if let (Some(at), Some(_)) = (f.at, f.floor_index) {
            let marker = Prim::Marker {
                at,
                number: n + 1,
                info: f.severity == crate::rules::Severity::Info,
            };
            b.push(Layer::Markers, marker, Some(i));
        }
    }

    Scene {
        items: b.items,
        listed,
    }
}

/// The scene of one device's DORI bands and blind zone.
pub(super) fn dori_only(
    site: &Site,
    fa: &FloorAnalysis,
    fi: usize,
    di: usize,
    lang: crate::i18n::Lang,
) -> Scene {
    let mut b = Builder {
        items: Vec::new(),
        subject: None,
        only: None,
    };
    let opts = SceneOptions {
        lang,
        object_names: true,
        dori: DoriShow::Device(di),
    };
    dori(&mut b, site, fa, fi, &opts);
    Scene {
        items: b.items,
        listed: Vec::new(),
    }
}

/// What `device` (a suggested setting of a device of floor `fi`) would see: its view, and its
/// capture for face recognition, outlined in the preview colour.
pub(super) fn preview_only(
    site: &Site,
    fa: &FloorAnalysis,
    device: &crate::model::Device,
) -> Scene {
    let mut b = Builder {
        items: Vec::new(),
        subject: None,
        only: None,
    };
    let da =
        crate::analysis::DeviceAnalysis::of(device, &fa.segments, &fa.spaces, &Optics::of(site));
    let line = Line::new(Paint::with(p::PREVIEW, 1.0), Width::px(2.0)).dashed([8.0, 4.0]);
    b.area(
        Layer::Areas,
        da.view,
        Fill::Solid(Paint::with(p::PREVIEW, 0.18)),
        Some(line),
    );
    if device.face_recognition {
        b.area(
            Layer::Areas,
            da.capture,
            Fill::Solid(Paint::with(p::PREVIEW, 0.25)),
            Some(line),
        );
    }
    Scene {
        items: b.items,
        listed: Vec::new(),
    }
}

/// The public area no camera watches, hatched in the gap colour.
pub(super) fn gaps_only(gaps: MultiPolygon<f64>) -> Scene {
    let mut b = Builder {
        items: Vec::new(),
        subject: None,
        only: None,
    };
    b.area(
        Layer::Areas,
        gaps,
        Fill::Hatch(Hatch::Outside, p::GAP),
        Some(Line::new(Paint::with(p::GAP, 0.8), Width::px(1.0))),
    );
    Scene {
        items: b.items,
        listed: Vec::new(),
    }
}

/// The DORI bands of the cameras `opts.dori` asks for, each clipped to what the camera sees
/// and labelled with its furthest distance on the camera's axis, and the blind zone under a
/// tilted camera (faces closer than its capture band).
fn dori(b: &mut Builder, site: &Site, fa: &FloorAnalysis, fi: usize, opts: &SceneOptions) {
    let Some(floor) = site.floors.get(fi) else {
        return;
    };
    let which: Vec<usize> = match opts.dori {
        DoriShow::Off => return,
        DoriShow::Device(di) => vec![di],
        DoriShow::All => (0..floor.devices.len()).collect(),
    };
    let optics = Optics::of(site);
    for di in which {
        let (Some(d), Some(da)) = (floor.devices.get(di), fa.devices.get(di)) else {
            continue;
        };
        if !b.of(Subject::Device(di)) {
            continue;
        }
        let axis = d.heading.to_radians();
        // Levels whose bands end at the same place (all clipped by the view) share one label.
        let mut labels: Vec<(String, f64, Rgb)> = Vec::new();
        for (level, band, region) in dori_regions(d, da, &optics) {
            if region.0.is_empty() {
                continue;
            }
            let colour = match level {
                DoriLevel::Detect => p::DORI_DETECT,
                DoriLevel::Observe => p::DORI_OBSERVE,
                DoriLevel::Recognise => p::DORI_RECOGNISE,
                DoriLevel::Identify => p::DORI_IDENTIFY,
            };
            b.area(
                Layer::Dori,
                region,
                Fill::Solid(Paint::with(colour, 0.10)),
                Some(Line::new(Paint::with(colour, 0.9), Width::px(1.2)).dashed([6.0, 3.0])),
            );
            match labels.last_mut() {
                Some((tags, far, last)) if (*far - band.far).abs() < 0.05 => {
                    tags.push_str(level.tag());
                    *last = colour;
                }
                _ => labels.push((level.tag().to_owned(), band.far, colour)),
            }
        }
        for (tags, far, colour) in labels {
            let at = [
                d.position[0] + far * axis.cos(),
                d.position[1] + far * axis.sin(),
            ];
            b.push(
                Layer::Dori,
                Prim::Label {
                    at,
                    texts: vec![format!("{tags} {far:.1} m"), tags],
                    fit: LabelFit::Beside {
                        size: 10.0,
                        offset: [3.0, -12.0],
                    },
                    colour,
                    halo: true,
                },
                None,
            );
        }
        if !da.capture_band.is_empty() && da.capture_band.near > 0.0 {
            let ranges = AngleRange::wedge(d.heading, d.fov).intersect(&da.mount.sector);
            let blind = visible_region(v2(d.position), &ranges, da.capture_band.near, &[]);
            b.area(
                Layer::Dori,
                blind,
                Fill::Solid(Paint::with(p::BLIND, 0.35)),
                None,
            );
        }
    }
}

fn label(b: &mut Builder, at: Point, texts: Vec<String>, fit: LabelFit, colour: Rgb) {
    b.push(
        Layer::Labels,
        Prim::Label {
            at,
            texts,
            fit,
            colour,
            halo: true,
        },
        None,
    );
}
