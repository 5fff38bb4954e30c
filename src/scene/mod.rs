//! The scene: one floor as a display list of styled primitives in plan metres, built once per
//! change from the site, its analysis, its findings and the view options. The exported picture
//! (`render`, SVG) and the editor's canvas (egui) only translate it, so they show the same
//! things in the same order and colours.
//!
//! Sizes are given in plan metres where the object has a size on the floor (a wall's thickness)
//! and in pixels where it is a symbol (a camera, a marker, a label); [`Width`] mixes both.
//!
//! ```
//! use sightline::scene::{Layer, Scene, SceneOptions};
//! let text = include_str!("../../sample_sites/gym-mistakes.site.json");
//! let site = sightline::model::parse(text, "gym.json".as_ref()).unwrap_or_else(|e| panic!("{e}"));
//! let analysis = sightline::analysis::Analysis::of(&site);
//! let findings = sightline::rules::check(&site, &analysis);
//! let listed: Vec<&_> = findings.iter().collect();
//! let scene = Scene::build(&site, &analysis.floors[0], &listed, 0, &SceneOptions::default());
//! // Every wall of the floor is in the scene, in its layer.
//! let walls = scene.items.iter().filter(|i| i.layer == Layer::Walls).count();
//! assert_eq!(walls, site.floors[0].walls.len());
//! ```

mod build;
pub mod hatch;
pub mod labels;
pub mod markers;
pub mod palette;
pub mod side_view;

use geo::MultiPolygon;

use crate::i18n::{Lang, Text};
use crate::model::{Point, Underlay};
pub use palette::Rgb;

/// What a scene is built for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SceneOptions {
    pub lang: Lang,
    /// Names beside cameras and zones, and every space's name with its kind (the editor shows
    /// them; the exported picture names spaces only where the name fits).
    pub object_names: bool,
    /// Whose DORI bands and blind zones to draw.
    pub dori: DoriShow,
}

/// Whose DORI bands (and blind zones) a scene draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DoriShow {
    /// Nobody's.
    #[default]
    Off,
    /// One device's (the selected camera), by its index on the floor.
    Device(usize),
    /// Every camera's with a resolution.
    All,
}

/// The layers, bottom to top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layer {
    Underlay,
    Spaces,
    Zones,
    /// Capture areas of face-recognition devices and views of ordinary cameras.
    Areas,
    /// DORI bands and blind zones of the cameras asked for.
    Dori,
    /// Parts of areas inside private spaces or outside a device's zone, hatched.
    FindingRegions,
    Walls,
    Openings,
    /// Signs' reading regions and symbols.
    Signs,
    /// Zone entrances no sign covers.
    Entrances,
    Devices,
    Labels,
    /// One numbered marker per finding with a point.
    Markers,
}

/// A colour with an opacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub colour: Rgb,
    pub opacity: f32,
}

impl Paint {
    pub const fn solid(colour: Rgb) -> Paint {
        Paint {
            colour,
            opacity: 1.0,
        }
    }

    pub const fn with(colour: Rgb, opacity: f32) -> Paint {
        Paint { colour, opacity }
    }
}

/// Which way a hatch runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hatch {
    /// Inside a private space (and unsigned entrances in the legend): rising to the right.
    Private,
    /// Outside the device's zone: falling to the right.
    Outside,
}

impl Hatch {
    /// The SVG pattern that draws it.
    pub fn pattern_id(self) -> &'static str {
        match self {
            Hatch::Private => "hatch-private",
            Hatch::Outside => "hatch-outside",
        }
    }
}

/// How an area is filled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fill {
    Solid(Paint),
    /// Stripes in the colour over a faint wash of it.
    Hatch(Hatch, Rgb),
}

/// A line width: `metres` on the plan plus `px` on screen, never thinner than `min_px`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Width {
    pub metres: f64,
    pub px: f32,
    pub min_px: f32,
}

impl Width {
    /// A width in pixels whatever the zoom.
    pub const fn px(px: f32) -> Width {
        Width {
            metres: 0.0,
            px,
            min_px: 0.0,
        }
    }

    /// The width in pixels at `px_per_metre`.
    pub fn at(&self, px_per_metre: f64) -> f32 {
        ((self.metres * px_per_metre) as f32 + self.px).max(self.min_px)
    }
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub paint: Paint,
    pub width: Width,
    /// Dash and gap in pixels.
    pub dash: Option<[f32; 2]>,
    pub cap: Cap,
}

/// How a line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    /// At its end points (openings, outlines).
    Butt,
    /// Half its width beyond them (walls, so that corners close).
    Square,
    /// Rounded (entrances).
    Round,
}

impl Cap {
    /// The SVG `stroke-linecap`.
    pub fn svg(self) -> &'static str {
        match self {
            Cap::Butt => "butt",
            Cap::Square => "square",
            Cap::Round => "round",
        }
    }
}

impl Line {
    pub const fn new(paint: Paint, width: Width) -> Line {
        Line {
            paint,
            width,
            dash: None,
            cap: Cap::Butt,
        }
    }

    pub const fn capped(self, cap: Cap) -> Line {
        Line { cap, ..self }
    }

    pub const fn dashed(self, dash: [f32; 2]) -> Line {
        Line {
            dash: Some(dash),
            ..self
        }
    }
}

/// How a label is sized and placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabelFit {
    /// Centred on its point, sized to a space `width_m` wide (8 to 13 px), and drawn only if
    /// one of its texts fits in that width.
    Space { width_m: f64 },
    /// Left-aligned below and right of its point by `offset` pixels, at `size` pixels.
    Beside { size: f32, offset: [f32; 2] },
}

/// A drawn thing.
#[derive(Clone, Debug, PartialEq)]
pub enum Prim {
    /// The floor's scanned plan.
    Underlay(Underlay),
    /// Polygons with holes (drawn even-odd).
    Area {
        shape: MultiPolygon<f64>,
        fill: Option<Fill>,
        outline: Option<Line>,
    },
    /// A polyline (closed: back to its first point).
    Path {
        points: Vec<Point>,
        closed: bool,
        line: Line,
    },
    /// A camera: a dot with a tick pointing along its heading.
    Device {
        at: Point,
        heading_deg: f64,
        colour: Rgb,
    },
    /// A sign: a small board with a tick on the side it faces.
    Sign { at: Point, facing_deg: f64 },
    /// Text: the first of `texts` that fits is drawn (all alternatives say the same, shorter).
    Label {
        at: Point,
        texts: Vec<String>,
        fit: LabelFit,
        colour: Rgb,
        /// A white halo behind the letters.
        halo: bool,
    },
    /// A finding's marker, with the number it carries in the list beside the plan.
    Marker {
        at: Point,
        number: usize,
        /// An informational finding (drawn in the info colour, not the violation red).
        info: bool,
    },
}

/// The object of the floor an item draws (by its index in the floor's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    Wall(usize),
    Opening(usize),
    Space(usize),
    Zone(usize),
    Device(usize),
    Sign(usize),
}

/// A primitive in its layer, with the finding it shows (for highlighting) and its extent.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub layer: Layer,
    pub prim: Prim,
    /// The index of the finding (in the list the scene was built from) this item shows.
    pub finding: Option<usize>,
    /// The object this item draws, if it draws one (its area, outline, symbol or name).
    pub subject: Option<Subject>,
    /// The plan extent, for culling: min and max corners.
    pub bbox: Option<[Point; 2]>,
}

/// One floor, ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Bottom to top.
    pub items: Vec<Item>,
    /// The findings listed beside this floor's picture (indices into the list the scene was
    /// built from): this floor's and the site-wide ones, numbered 1, 2, … in this order.
    pub listed: Vec<usize>,
}

/// A legend entry's swatch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    /// A solid fill (kinds of space).
    Fill,
    /// A translucent fill with an outline (capture and view areas).
    Area,
    /// A dashed outline (zones).
    Dash,
    Hatch(Hatch),
    /// A finding marker.
    Dot,
}

/// One entry of the legend.
#[derive(Clone, Copy, Debug)]
pub struct LegendEntry {
    pub colour: Rgb,
    pub text: Text,
    pub swatch: Swatch,
}

const fn entry(colour: Rgb, en: &'static str, zh: &'static str, swatch: Swatch) -> LegendEntry {
    LegendEntry {
        colour,
        text: Text::new(en, zh),
        swatch,
    }
}

/// The legend, shared by the exported picture and the canvas.
pub const LEGEND: [LegendEntry; 12] = [
    entry(
        palette::PRIVATE_FILL,
        "private space",
        "私密空间",
        Swatch::Fill,
    ),
    entry(
        palette::PUBLIC_FILL,
        "public place",
        "公共场所",
        Swatch::Fill,
    ),
    entry(
        palette::NON_PUBLIC_FILL,
        "non-public area",
        "非公共区域",
        Swatch::Fill,
    ),
    entry(
        palette::ZONE,
        "collection zone",
        "人脸信息采集区域",
        Swatch::Dash,
    ),
    entry(
        palette::FR_CAPTURE,
        "face-capture area (FR)",
        "人脸采集范围",
        Swatch::Area,
    ),
    entry(
        palette::CAMERA_VIEW,
        "camera view",
        "摄像机视野",
        Swatch::Area,
    ),
    entry(
        palette::IN_PRIVATE,
        "inside a private space / unsigned entrance",
        "私密空间内 / 未设标识的入口",
        Swatch::Hatch(Hatch::Private),
    ),
    entry(
        palette::OUTSIDE_ZONE,
        "outside the zone",
        "采集区域外",
        Swatch::Hatch(Hatch::Outside),
    ),
    entry(
        palette::SIGN_READING,
        "sign and where it can be read",
        "提示标识及可读范围",
        Swatch::Fill,
    ),
    entry(
        palette::FINDING,
        "numbered finding",
        "编号问题",
        Swatch::Dot,
    ),
    entry(
        palette::DORI_IDENTIFY,
        "DORI bands, px/m across the image width",
        "DORI 像素密度带（按画面宽度计）",
        Swatch::Area,
    ),
    entry(
        palette::BLIND,
        "blind zone under a tilted camera",
        "俯视摄像机下方盲区",
        Swatch::Fill,
    ),
];

/// The letter under the north arrow.
pub const NORTH: Text = Text::new("N", "北");

/// Symbol sizes in pixels, the same on the canvas and in the picture.
pub mod symbol {
    /// A camera's dot (14 px across at any zoom: a target to click) and the length of its
    /// heading tick.
    pub const DEVICE_RADIUS: f32 = 7.0;
    pub const DEVICE_TICK: f32 = 14.0;
    /// A sign's board (width × height before turning) and its facing tick.
    pub const SIGN_BOARD: [f32; 2] = [6.0, 14.0];
    pub const SIGN_TICK: f32 = 6.0;
    /// A finding marker's radius, its number's size, and the white ring around it.
    pub const MARKER_RADIUS: f32 = 7.0;
    pub const MARKER_TEXT: f32 = 13.0;
    pub const MARKER_RING: f32 = 1.5;
    /// Zone entrances no sign covers.
    pub const ENTRANCE_WIDTH: f32 = 5.0;
    /// Hatch stripes: spacing, stripe width, opacities of stripe and wash.
    pub const HATCH_SPACING: f32 = 8.0;
}

/// The font size of a space's name drawn `width_px` wide, and whether `text` fits in it.
///
/// ```
/// use sightline::scene::space_label_size;
/// assert_eq!(space_label_size(90.0), 10.0);
/// assert_eq!(space_label_size(500.0), 13.0);
/// ```
pub fn space_label_size(width_px: f64) -> f64 {
    (width_px / 9.0).clamp(8.0, 13.0)
}

/// One way of drawing a label at a scale: its text, size and box in pixels, and a leader line
/// (from near its point to the box) when the box is set apart from the point.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelSpot<'a> {
    pub text: &'a str,
    pub size: f64,
    pub bx: labels::PxBox,
    pub leader: Option<[[f64; 2]; 2]>,
}

/// The ways a label may be drawn at a scale, the preferred first; empty if it fits nowhere.
/// `at_px` is its point in pixels.
///
/// - A space's name is centred on its point, in the longest of its texts that fits the space's
///   width; shorter texts follow, to be taken when the longer one would overlap another label.
/// - A name beside a symbol is tried below right, below left, above right and above left of
///   it, then at twice the distance with a leader line back to the symbol.
///
/// ```
/// use sightline::scene::{label_spots, LabelFit};
/// let texts = vec!["Camera 1".to_owned()];
/// let fit = LabelFit::Beside { size: 12.0, offset: [9.0, 7.0] };
/// let spots = label_spots(&texts, &fit, [100.0, 100.0], 20.0);
/// assert_eq!(spots.len(), 8);
/// assert_eq!(spots[0].bx[0], 109.0);
/// assert!(spots[0].leader.is_none() && spots[4].leader.is_some());
/// ```
pub fn label_spots<'a>(
    texts: &'a [String],
    fit: &LabelFit,
    at_px: [f64; 2],
    px_per_metre: f64,
) -> Vec<LabelSpot<'a>> {
    let [x, y] = at_px;
    match fit {
        LabelFit::Space { width_m } => {
            let w = width_m * px_per_metre;
            let size = space_label_size(w);
            if w < 40.0 {
                return Vec::new();
            }
            texts
                .iter()
                .filter_map(|t| {
                    let tw = crate::render::text_width_px(t, size);
                    (tw <= w - 4.0).then(|| LabelSpot {
                        text: t.as_str(),
                        size,
                        bx: [x - tw / 2.0, y - size, x + tw / 2.0, y + 0.25 * size],
                        leader: None,
                    })
                })
                .collect()
        }
        LabelFit::Beside { size, offset } => {
            let Some(text) = texts.first() else {
                return Vec::new();
            };
            let size = *size as f64;
            let (tw, th) = (crate::render::text_width_px(text, size), 1.1 * size);
            let (ox, oy) = (offset[0] as f64, offset[1] as f64);
            let mut out = Vec::with_capacity(8);
            for far in [false, true] {
                let (dx, dy) = if far {
                    (2.0 * ox + 12.0, 2.0 * oy + 12.0)
                } else {
                    (ox, oy)
                };
                for (sx, sy) in [(1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (-1.0, -1.0)] {
                    let left = if sx > 0.0 { x + dx } else { x - dx - tw };
                    let top = if sy > 0.0 { y + dy } else { y - dy - th };
                    let bx = [left, top, left + tw, top + th];
                    let leader = far.then(|| {
                        // From just outside the symbol to the box's nearest corner.
                        let to = [
                            if sx > 0.0 { bx[0] } else { bx[2] },
                            if sy > 0.0 { bx[1] } else { bx[3] },
                        ];
                        let (vx, vy) = (to[0] - x, to[1] - y);
                        let l = (vx * vx + vy * vy).sqrt().max(1e-9);
                        let r = symbol::DEVICE_RADIUS as f64 + 2.0;
                        [[x + vx / l * r, y + vy / l * r], to]
                    });
                    out.push(LabelSpot {
                        text: text.as_str(),
                        size,
                        bx,
                        leader,
                    });
                }
            }
            out
        }
    }
}

/// Where each label is drawn: for each label (its spots, the preferred first, and what else
/// the back end keeps with it) the spot it takes beside those placed before it, the most
/// important first; labels that fit nowhere are left out.
pub fn place_labels<'s, 'a, T>(
    labels: &'s [(Vec<LabelSpot<'a>>, T)],
) -> impl Iterator<Item = (&'s LabelSpot<'a>, &'s T)> {
    let options: Vec<Vec<_>> = labels
        .iter()
        .map(|l| l.0.iter().map(|s| s.bx).collect())
        .collect();
    labels::place(&options)
        .into_iter()
        .zip(labels)
        .filter_map(|(pick, (spots, rest))| Some((spots.get(pick?)?, rest)))
}

impl Scene {
    /// The scene of floor `fi`. `findings` is the site's list in order (all floors); markers
    /// are numbered as in the list beside the floor's picture.
    pub fn build(
        site: &crate::model::Site,
        fa: &crate::analysis::FloorAnalysis,
        findings: &[&crate::rules::Finding],
        fi: usize,
        opts: &SceneOptions,
    ) -> Scene {
        build::build(site, fa, findings, fi, opts, None)
    }

    /// Only the items that draw `subjects` (their areas, outlines, symbols and names), as
    /// [`Scene::build`] draws them: what the canvas redraws of objects being dragged on a large
    /// floor, over the scene from before the drag.
    pub fn of_subjects(
        site: &crate::model::Site,
        fa: &crate::analysis::FloorAnalysis,
        fi: usize,
        opts: &SceneOptions,
        subjects: &std::collections::BTreeSet<Subject>,
    ) -> Scene {
        build::build(site, fa, &[], fi, opts, Some(subjects))
    }

    /// The DORI bands and blind zone of device `di` alone, as [`Scene::build`] draws them:
    /// what the editor draws over the plan for the selected camera (so that selecting one
    /// never rebuilds the whole floor's scene).
    pub fn dori_of(
        site: &crate::model::Site,
        fa: &crate::analysis::FloorAnalysis,
        fi: usize,
        di: usize,
        lang: Lang,
    ) -> Scene {
        build::dori_only(site, fa, fi, di, lang)
    }

    /// What a suggested setting `device` of a device of floor `fi` would see, drawn over the
    /// plan before the suggestion is applied.
    pub fn fix_preview(
        site: &crate::model::Site,
        fa: &crate::analysis::FloorAnalysis,
        device: &crate::model::Device,
    ) -> Scene {
        build::preview_only(site, fa, device)
    }

    /// The public area of floor `fi` that no camera watches ([`crate::fix::coverage::gaps`]).
    pub fn gaps_of(analysis: &crate::analysis::Analysis, fi: usize) -> Scene {
        build::gaps_only(crate::fix::coverage::gaps(analysis, fi))
    }

    /// The items of a layer.
    pub fn layer(&self, layer: Layer) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |i| i.layer == layer)
    }
}
