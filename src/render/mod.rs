//! Headless drawing of a floor: one SVG document, rasterised to PNG by resvg with the bundled
//! CJK font, so it needs no display, GPU or system fonts. The command line's `render`, the HTML
//! report and (later) the editor's exports all draw through [`floor_svg`].
//!
//! What is drawn, bottom to top: the underlay; spaces coloured by class with their names;
//! zones; every device's view (ordinary cameras) or face-capture area (FR devices); the parts
//! inside private spaces hatched red and outside the device's zone hatched orange; walls with
//! their doors, openings and windows; each sign's reading region and symbol; uncovered zone
//! entrances in red; devices; then one numbered marker per finding at its `at`. Beside the plan:
//! the numbered findings; below it: legend, scale bar; at the top: site, floor, date, verdict.

pub mod raster;
mod text;

use std::fmt::Write as _;
use std::path::Path;

use geo::{InteriorPoint, MultiPolygon};

pub use raster::{png_from_svg, RasterError, FONT_FAMILY};
pub use text::{esc as escape_xml, wrap as wrap_text};
use text::{esc, wrap};

use crate::analysis::Analysis;
use crate::i18n::{kind_label, Lang};
use crate::model::{Floor, Site, SpaceClass};
use crate::rules::{Finding, RuleId, Severity};

/// Colours shared by every drawing (and the editor).
pub mod colour {
    pub const PRIVATE_FILL: &str = "#F7D4CF";
    pub const PUBLIC_FILL: &str = "#EEF0EA";
    pub const NON_PUBLIC_FILL: &str = "#D9E4F0";
    pub const WALL: &str = "#2B2B2B";
    pub const DOOR: &str = "#8D6E63";
    pub const WINDOW: &str = "#4FA3D9";
    /// A frosted (obscured) window: it blocks sight like the wall.
    pub const FROSTED_WINDOW: &str = "#9AA7AF";
    pub const ZONE: &str = "#2E8B57";
    pub const FR_CAPTURE: &str = "#2F6FD6";
    pub const CAMERA_VIEW: &str = "#7A7A7A";
    pub const IN_PRIVATE: &str = "#C62828";
    pub const OUTSIDE_ZONE: &str = "#EF6C00";
    pub const SIGN: &str = "#F9C74F";
    pub const SIGN_READING: &str = "#F9E79F";
    /// The finding markers: the pixel at each finding's point carries exactly this colour.
    pub const FINDING: &str = "#D7263D";
    pub const FINDING_RGB: [u8; 3] = [0xD7, 0x26, 0x3D];
    pub const VIOLATION: &str = "#C62828";
    pub const WARNING: &str = "#B7791F";
    pub const INFO: &str = "#2C7A7B";
}

/// What to draw and how.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Width of the picture in pixels (the height follows from the plan's shape).
    pub width_px: u32,
    pub lang: Lang,
    /// The date printed in the title (the caller's clock, so tests are repeatable).
    pub date: String,
    /// The site file's folder: underlay paths are relative to it.
    pub base_dir: Option<std::path::PathBuf>,
    /// The plan rectangle to draw (min and max corners, metres); `None` draws the whole floor.
    /// The editor's "export the current view" sets it.
    pub view: Option<([f64; 2], [f64; 2])>,
}

/// A drawn floor.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub svg: String,
    pub width_px: u32,
    pub height_px: u32,
    /// Things the user should know (an underlay that could not be read…).
    pub warnings: Vec<String>,
    /// For each finding drawn on the plan: its number, and its marker's centre in pixels.
    pub markers: Vec<(usize, [f64; 2])>,
}

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    /// A solid fill (kinds of space).
    Fill,
    /// A translucent fill with an outline (capture and view areas).
    Area,
    /// A dashed outline (zones).
    Dash,
    /// A hatch: the SVG pattern id (the editor hatches in the entry's colour).
    Hatch(&'static str),
    /// A finding marker.
    Dot,
}

/// One entry of the legend.
#[derive(Clone, Copy, Debug)]
pub struct LegendEntry {
    pub colour: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub swatch: Swatch,
}

const fn entry(
    colour: &'static str,
    en: &'static str,
    zh: &'static str,
    swatch: Swatch,
) -> LegendEntry {
    LegendEntry {
        colour,
        en,
        zh,
        swatch,
    }
}

/// The legend, shared by the exported picture and the editor's canvas.
pub const LEGEND: [LegendEntry; 10] = [
    entry(
        colour::PRIVATE_FILL,
        "private space",
        "私密空间",
        Swatch::Fill,
    ),
    entry(
        colour::PUBLIC_FILL,
        "public place",
        "公共场所",
        Swatch::Fill,
    ),
    entry(
        colour::NON_PUBLIC_FILL,
        "non-public area",
        "非公共区域",
        Swatch::Fill,
    ),
    entry(
        colour::ZONE,
        "collection zone",
        "人脸信息采集区域",
        Swatch::Dash,
    ),
    entry(
        colour::FR_CAPTURE,
        "face-capture area (FR)",
        "人脸采集范围",
        Swatch::Area,
    ),
    entry(
        colour::CAMERA_VIEW,
        "camera view",
        "摄像机视野",
        Swatch::Area,
    ),
    entry(
        colour::IN_PRIVATE,
        "inside a private space / unsigned entrance",
        "私密空间内 / 未设标识的入口",
        Swatch::Hatch("hatch-private"),
    ),
    entry(
        colour::OUTSIDE_ZONE,
        "outside the zone",
        "采集区域外",
        Swatch::Hatch("hatch-outside"),
    ),
    entry(
        colour::SIGN_READING,
        "sign and where it can be read",
        "提示标识及可读范围",
        Swatch::Fill,
    ),
    entry(colour::FINDING, "numbered finding", "编号问题", Swatch::Dot),
];

/// Does this output path ask for the vector drawing (`.svg`) rather than a PNG?
pub fn wants_svg(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// The bytes of an exported picture: the SVG itself, or the PNG it rasterises to.
pub fn picture_bytes(svg: String, as_svg: bool) -> Result<Vec<u8>, raster::RasterError> {
    if as_svg {
        Ok(svg.into_bytes())
    } else {
        png_from_svg(&svg)
    }
}

/// Most lines a finding's message takes in the list beside the plan.
const MAX_MESSAGE_LINES: usize = 8;

/// Largest underlay accepted, in pixels per side; larger plans are refused with a message.
pub const MAX_UNDERLAY_SIDE_PX: u32 = 16_384;

/// Maps plan metres (y up) to picture pixels (y down).
#[derive(Clone, Copy, Debug)]
pub struct PxFromPlan {
    pub scale: f64,
    pub min_x: f64,
    pub max_y: f64,
    pub left: f64,
    pub top: f64,
}

impl PxFromPlan {
    /// The pixel position of a plan point.
    pub fn px(&self, p: [f64; 2]) -> [f64; 2] {
        [
            self.left + (p[0] - self.min_x) * self.scale,
            self.top + (self.max_y - p[1]) * self.scale,
        ]
    }
}

/// Text as drawn: the CJK font draws curly quotes full-width, so English uses straight ones.
fn display_text(s: &str, lang: Lang) -> String {
    match lang {
        Lang::En => s.replace(['“', '”'], "\""),
        Lang::Zh => s.to_owned(),
    }
}

fn t(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Violation => colour::VIOLATION,
        Severity::Warning => colour::WARNING,
        Severity::Info => colour::INFO,
    }
}

/// The plan extent of a floor: every wall, space, zone, opening, device and sign, plus 1 m.
fn extent(floor: &Floor) -> Option<([f64; 2], [f64; 2])> {
    let pts = floor.points();
    let mut min = [f64::INFINITY; 2];
    let mut max = [f64::NEG_INFINITY; 2];
    for p in pts {
        for k in 0..2 {
            min[k] = min[k].min(p[k]);
            max[k] = max[k].max(p[k]);
        }
    }
    if !min[0].is_finite() {
        return None;
    }
    Some(([min[0] - 1.0, min[1] - 1.0], [max[0] + 1.0, max[1] + 1.0]))
}

fn path_of(mp: &MultiPolygon<f64>, tf: &PxFromPlan) -> String {
    let mut d = String::new();
    for poly in mp {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for (i, c) in ring.coords().enumerate() {
                let [x, y] = tf.px([c.x, c.y]);
                let _ = write!(d, "{}{x:.1} {y:.1} ", if i == 0 { "M" } else { "L" });
            }
            d.push_str("Z ");
        }
    }
    d
}

fn points_path(points: &[[f64; 2]], tf: &PxFromPlan, close: bool) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let [x, y] = tf.px(*p);
        let _ = write!(d, "{}{x:.1} {y:.1} ", if i == 0 { "M" } else { "L" });
    }
    if close {
        d.push('Z');
    }
    d
}

/// A round length for a scale bar of about `target_m` metres (1, 2 or 5 times a power of ten).
///
/// ```
/// assert_eq!(sightline::render::nice_length(7.3), 5.0);
/// assert_eq!(sightline::render::nice_length(0.3), 0.2);
/// ```
pub fn nice_length(target_m: f64) -> f64 {
    let base = 10f64.powf(target_m.max(1e-3).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * base)
        .rfind(|l| *l <= target_m)
        .unwrap_or(base)
}

/// Draws one floor of an analysed site with its findings (all of the site's findings may be
/// given; those of other floors are left out, site-wide ones are listed without a marker).
pub fn floor_svg(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    floor_index: usize,
    opts: &RenderOptions,
) -> Rendered {
    let lang = opts.lang;
    let floor = &site.floors[floor_index];
    let fa = &analysis.floors[floor_index];
    let mut warnings = Vec::new();
    let w = opts.width_px.max(400) as f64;
    let margin = 20.0;
    let header = 64.0;
    let panel_w = (w * 0.32).max(260.0);
    let plan_w = w - panel_w - 3.0 * margin;
    let (min, max) = opts
        .view
        .or_else(|| extent(floor))
        .unwrap_or(([0.0, 0.0], [10.0, 10.0]));
    let (ew, eh) = ((max[0] - min[0]).max(1.0), (max[1] - min[1]).max(1.0));
    let scale = (plan_w / ew).min(1.5 * w / eh);
    let plan_h = eh * scale;
    let tf = PxFromPlan {
        scale,
        min_x: min[0],
        max_y: max[1],
        left: margin,
        top: header,
    };
    let legend_top = header + plan_h + 16.0;
    let legend_h = 118.0;

    // The findings of this floor (numbered) and of the whole site.
    let listed: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.floor_index.is_none() || f.floor_index == Some(floor_index))
        .collect();

    // The findings list, laid out first to know the picture's height.
    let list_font = 13.0;
    let list_x = margin * 2.0 + plan_w;
    let mut list = String::new();
    let mut y = header + 4.0;
    let mut markers = Vec::new();
    let _ = write!(
        list,
        r#"<text x="{list_x:.1}" y="{:.1}" font-size="16" font-weight="bold">{}</text>"#,
        y + 12.0,
        esc(&format!(
            "{} ({})",
            t(lang, "Findings", "检查结果"),
            listed.len()
        ))
    );
    y += 30.0;
    if listed.is_empty() {
        let _ = write!(
            list,
            r#"<text x="{list_x:.1}" y="{:.1}" font-size="{list_font}" fill="{}">{}</text>"#,
            y + 10.0,
            colour::ZONE,
            esc(t(lang, "No findings on this floor.", "本层未发现问题。"))
        );
    }
    // The list stops where the picture would grow past its plan and legend (or 1.25 × its
    // width, for a short plan), and says how many findings it leaves to the report.
    let list_bottom = (legend_top + legend_h).max(header + 1.25 * w);
    let mut shown = listed.len();
    for (i, f) in listed.iter().enumerate() {
        let n = i + 1;
        if let (Some(at), Some(_)) = (f.at, f.floor_index) {
            markers.push((n, tf.px(at)));
        }
        if i >= shown {
            continue;
        }
        let mut message_lines = wrap(
            &display_text(&f.message.text(lang), lang),
            panel_w - 28.0,
            list_font,
        );
        // A finding about an object with a very long name keeps to a few lines.
        if message_lines.len() > MAX_MESSAGE_LINES {
            message_lines.truncate(MAX_MESSAGE_LINES);
            if let Some(last) = message_lines.last_mut() {
                last.push('…');
            }
        }
        let article_lines = f.article.map_or_else(Vec::new, |a| {
            wrap(
                if lang == Lang::Zh { a.zh } else { a.en },
                panel_w - 28.0,
                11.0,
            )
        });
        let needed =
            18.0 + 17.0 * message_lines.len() as f64 + 14.0 * article_lines.len() as f64 + 8.0;
        let more_line = if i + 1 < listed.len() { 24.0 } else { 0.0 };
        if y + needed + more_line > list_bottom && i > 0 {
            shown = i;
            let left = listed.len() - i;
            let _ = write!(
                list,
                r##"<text x="{:.1}" y="{:.1}" font-size="{list_font}" font-style="italic" fill="#444">{}</text>"##,
                list_x,
                y + 12.0,
                esc(&match lang {
                    Lang::En => format!("… and {left} more — see the report"),
                    Lang::Zh => format!("……另有 {left} 项，详见报告"),
                })
            );
            y += 24.0;
            continue;
        }
        let sev = severity_colour(f.severity);
        let _ = write!(
            list,
            r#"<circle cx="{:.1}" cy="{:.1}" r="9" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="white" text-anchor="middle">{n}</text>"#,
            list_x + 9.0,
            y + 7.0,
            colour::FINDING,
            list_x + 9.0,
            y + 11.0
        );
        let _ = write!(
            list,
            r#"<text x="{:.1}" y="{:.1}" font-size="{list_font}"><tspan fill="{sev}" font-weight="bold">{}</tspan> <tspan font-weight="bold">{}</tspan>{}</text>"#,
            list_x + 24.0,
            y + 12.0,
            esc(f.severity.label(lang)),
            esc(f.rule.as_str()),
            f.area_m2
                .map(|a| format!(" · {a:.2} m²"))
                .unwrap_or_default()
        );
        y += 18.0;
        for line in message_lines {
            let _ = write!(
                list,
                r#"<text x="{:.1}" y="{:.1}" font-size="{list_font}">{}</text>"#,
                list_x + 24.0,
                y + 12.0,
                esc(&line)
            );
            y += 17.0;
        }
        for line in article_lines {
            let _ = write!(
                list,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#666">{}</text>"##,
                list_x + 24.0,
                y + 11.0,
                esc(&line)
            );
            y += 14.0;
        }
        y += 8.0;
    }
    let height = (legend_top + legend_h + margin).max(y + margin).ceil();

    let mut svg = String::with_capacity(64 * 1024);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w:.0}" height="{height:.0}" viewBox="0 0 {w:.0} {height:.0}" font-family="{FONT_FAMILY}">"#
    );
    let _ = write!(
        svg,
        r#"<defs><pattern id="hatch-private" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="{p}" fill-opacity="0.18"/><rect width="3" height="8" fill="{p}" fill-opacity="0.85"/></pattern><pattern id="hatch-outside" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)"><rect width="8" height="8" fill="{o}" fill-opacity="0.12"/><rect width="2.5" height="8" fill="{o}" fill-opacity="0.8"/></pattern><clipPath id="plan"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath></defs>"#,
        tf.left,
        tf.top,
        ew * scale,
        plan_h,
        p = colour::IN_PRIVATE,
        o = colour::OUTSIDE_ZONE
    );
    svg.push_str(r#"<rect width="100%" height="100%" fill="white"/>"#);

    // Title.
    let counts = listed.iter().fold([0usize; 3], |mut c, f| {
        c[f.severity as usize] += 1;
        c
    });
    let all_violations = findings
        .iter()
        .filter(|f| f.severity == Severity::Violation)
        .count();
    let verdict = if all_violations == 0 {
        (t(lang, "PASS", "通过"), colour::ZONE)
    } else {
        (t(lang, "FAIL", "不通过"), colour::VIOLATION)
    };
    let floor_name = if floor.name.is_empty() {
        floor.id.clone()
    } else {
        format!("{} ({})", floor.name, floor.id)
    };
    let _ = write!(
        svg,
        r##"<text x="{margin}" y="30" font-size="22" font-weight="bold">{}</text><text x="{margin}" y="52" font-size="14" fill="#444">{}</text><text x="{:.1}" y="32" font-size="22" font-weight="bold" fill="{}" text-anchor="end">{}</text><text x="{:.1}" y="52" font-size="13" fill="#444" text-anchor="end">{}</text>"##,
        esc(if site.name.is_empty() {
            "Sightline"
        } else {
            &site.name
        }),
        esc(&format!(
            "{} — {} — {} — {}",
            floor_name,
            crate::i18n::site_line(site, lang),
            t(lang, "Sightline compliance plan", "Sightline 合规平面图"),
            opts.date
        )),
        w - margin,
        verdict.1,
        esc(verdict.0),
        w - margin,
        esc(&match lang {
            Lang::En => format!(
                "this floor: {} violation(s), {} warning(s), {} info",
                counts[2], counts[1], counts[0]
            ),
            Lang::Zh => format!(
                "本层：{} 项违规，{} 项警告，{} 项提示",
                counts[2], counts[1], counts[0]
            ),
        })
    );

    svg.push_str(r#"<g clip-path="url(#plan)">"#);
    let _ = write!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#FAFAF7"/>"##,
        tf.left,
        tf.top,
        ew * scale,
        plan_h
    );
    // Underlay.
    if let Some(u) = &floor.underlay {
        match raster::underlay_image(u, opts.base_dir.as_deref()) {
            Ok((href, wpx, hpx)) => {
                let [x, y] = tf.px(u.origin);
                let _ = write!(
                    svg,
                    r#"<image x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" opacity="{:.2}" preserveAspectRatio="none" xlink:href="{href}"/>"#,
                    wpx as f64 * u.metres_per_pixel * scale,
                    hpx as f64 * u.metres_per_pixel * scale,
                    u.opacity
                );
            }
            Err(e) => warnings.push(e.text(lang, Some(&floor.id))),
        }
    }
    // Spaces.
    for s in &fa.spaces.list {
        let fill = match s.class {
            SpaceClass::Private => colour::PRIVATE_FILL,
            SpaceClass::Public => colour::PUBLIC_FILL,
            SpaceClass::NonPublic => colour::NON_PUBLIC_FILL,
        };
        let _ = write!(
            svg,
            r##"<path d="{}" fill="{fill}" fill-opacity="0.85" stroke="#B0B0A8" stroke-width="0.6"/>"##,
            path_of(&MultiPolygon::new(vec![s.polygon.clone()]), &tf)
        );
    }
    // Zones.
    for za in &fa.zones {
        if let Some(p) = &za.polygon {
            let _ = write!(
                svg,
                r#"<path d="{}" fill="{z}" fill-opacity="0.06" stroke="{z}" stroke-width="2" stroke-dasharray="8 5"/>"#,
                path_of(&MultiPolygon::new(vec![p.clone()]), &tf),
                z = colour::ZONE
            );
        }
    }
    // Views and capture areas.
    for (d, da) in floor.devices.iter().zip(&fa.devices) {
        let (area, c, dash) = if d.face_recognition {
            (&da.capture, colour::FR_CAPTURE, "")
        } else {
            (&da.view, colour::CAMERA_VIEW, r#" stroke-dasharray="4 3""#)
        };
        let _ = write!(
            svg,
            r#"<path d="{}" fill="{c}" fill-opacity="0.16" stroke="{c}" stroke-opacity="0.7" stroke-width="1"{dash}/>"#,
            path_of(area, &tf)
        );
    }
    // Regions of findings: in private spaces (hatched red), outside zones (hatched orange).
    for f in &listed {
        if let Some(r) = &f.region {
            let pattern = if f.rule == RuleId::OutsideZone {
                "hatch-outside"
            } else {
                "hatch-private"
            };
            let _ = write!(
                svg,
                r#"<path d="{}" fill="url(#{pattern})" fill-rule="evenodd"/>"#,
                path_of(r, &tf)
            );
        }
    }
    // Walls, then openings over them.
    for wall in &floor.walls {
        if wall.points.len() >= 2 {
            let _ = write!(
                svg,
                r#"<path d="{}" fill="none" stroke="{}" stroke-width="{:.1}" stroke-linejoin="round" stroke-linecap="square"/>"#,
                points_path(&wall.points, &tf, false),
                colour::WALL,
                (wall.thickness * scale).max(1.5)
            );
        }
    }
    for o in &floor.openings {
        let thick = fa
            .segments
            .walls
            .iter()
            .map(|w| w.half_thickness * 2.0)
            .fold(0.2f64, f64::max)
            * scale
            + 2.0;
        let (stroke, inner) = match o.kind {
            crate::model::OpeningKind::Window if o.obscured => (colour::FROSTED_WINDOW, "#E4E9EC"),
            crate::model::OpeningKind::Window => (colour::WINDOW, "white"),
            crate::model::OpeningKind::Door => ("white", colour::DOOR),
            crate::model::OpeningKind::Opening => ("white", "white"),
        };
        let d = points_path(&[o.a, o.b], &tf, false);
        let _ = write!(
            svg,
            r#"<path d="{d}" stroke="{stroke}" stroke-width="{thick:.1}"/><path d="{d}" stroke="{inner}" stroke-width="1.5"/>"#
        );
    }
    // Signs: reading regions and symbols.
    for (g, ga) in floor.signs.iter().zip(&fa.signs) {
        let _ = write!(
            svg,
            r#"<path d="{}" fill="{}" fill-opacity="0.35" stroke="{}" stroke-width="0.8"/>"#,
            path_of(&ga.reading, &tf),
            colour::SIGN_READING,
            colour::SIGN
        );
        let [x, y] = tf.px(g.position);
        let _ = write!(
            svg,
            r#"<g transform="translate({x:.1} {y:.1}) rotate({:.1})"><rect x="-3" y="-7" width="6" height="14" fill="{}" stroke="black" stroke-width="1"/><path d="M3 0 L9 0" stroke="black" stroke-width="1.5"/></g>"#,
            -g.facing,
            colour::SIGN
        );
    }
    // Uncovered entrances.
    for f in &listed {
        if let Some(stretches) = &f.stretches {
            for [a, b] in stretches {
                let _ = write!(
                    svg,
                    r#"<path d="{}" stroke="{}" stroke-width="5" stroke-linecap="round"/>"#,
                    points_path(&[*a, *b], &tf, false),
                    colour::IN_PRIVATE
                );
            }
        }
    }
    // Devices.
    for d in &floor.devices {
        let [x, y] = tf.px(d.position);
        let c = if d.face_recognition {
            colour::FR_CAPTURE
        } else {
            colour::CAMERA_VIEW
        };
        let _ = write!(
            svg,
            r#"<g transform="translate({x:.1} {y:.1}) rotate({:.1})"><path d="M0 0 L12 0" stroke="{c}" stroke-width="2"/><circle r="5" fill="{c}" stroke="white" stroke-width="1.5"/></g>"#,
            -d.heading
        );
    }
    // Space names (where they fit).
    for s in &fa.spaces.list {
        let name = &floor.spaces[s.index].name;
        let width_px = (s.bbox.max().x - s.bbox.min().x) * scale;
        if name.is_empty() || width_px < 40.0 {
            continue;
        }
        if let Some(p) = s.polygon.interior_point() {
            let [x, y] = tf.px([p.x(), p.y()]);
            let size = (width_px / 9.0).clamp(8.0, 13.0);
            let with_kind = format!("{name} · {}", kind_label(floor.spaces[s.index].kind, lang));
            let fits = |l: &str| text::width_px(l, size) <= width_px - 4.0;
            let label = if s.class == SpaceClass::Private && fits(&with_kind) {
                with_kind
            } else if fits(name) {
                name.clone()
            } else {
                continue;
            };
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" fill="#555" text-anchor="middle" stroke="white" stroke-width="2.5" paint-order="stroke">{}</text>"##,
                esc(&label)
            );
        }
    }
    // Finding markers, last: the centre pixel of each is the finding colour. Findings at the
    // same spot share one marker labelled with all their numbers.
    let groups = group_markers(&markers);
    for ([x, y], ns) in &groups {
        let label: Vec<String> = ns.iter().map(usize::to_string).collect();
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="7" fill="{c}" stroke="white" stroke-width="1.5"/><text x="{:.1}" y="{:.1}" font-size="13" font-weight="bold" fill="{c}" stroke="white" stroke-width="3" paint-order="stroke">{}</text>"#,
            x + 8.0,
            y - 7.0,
            label.join(","),
            c = colour::FINDING
        );
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#999"/>"##,
        tf.left,
        tf.top,
        ew * scale,
        plan_h
    );

    // North arrow (plan y is north).
    let (nx, ny) = (tf.left + ew * scale - 24.0, tf.top + 30.0);
    let _ = write!(
        svg,
        r#"<g transform="translate({nx:.1} {ny:.1})"><path d="M0 -18 L8 10 L0 4 L-8 10 Z" fill="black"/><text y="26" font-size="12" font-weight="bold" text-anchor="middle">{}</text></g>"#,
        t(lang, "N", "北")
    );
    // Scale bar.
    let bar_m = nice_length(ew * 0.2);
    let bar_px = bar_m * scale;
    let (bx, by) = (tf.left, legend_top + 4.0);
    let _ = write!(
        svg,
        r#"<g><rect x="{bx:.1}" y="{by:.1}" width="{:.1}" height="6" fill="black"/><rect x="{:.1}" y="{by:.1}" width="{:.1}" height="6" fill="white" stroke="black"/><text x="{bx:.1}" y="{:.1}" font-size="12">0</text><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end">{} m</text></g>"#,
        bar_px / 2.0,
        bx + bar_px / 2.0,
        bar_px / 2.0,
        by + 20.0,
        bx + bar_px,
        by + 20.0,
        if bar_m >= 1.0 {
            format!("{bar_m:.0}")
        } else {
            format!("{bar_m}")
        }
    );
    // Legend.
    let col_w = (plan_w - 10.0) / 3.0;
    for (i, entry) in LEGEND.iter().enumerate() {
        let c = entry.colour;
        let label = t(lang, entry.en, entry.zh);
        let (cx, cy) = (
            tf.left + (i % 3) as f64 * col_w,
            legend_top + 34.0 + (i / 3) as f64 * 21.0,
        );
        let swatch = match entry.swatch {
            Swatch::Dash => format!(
                r#"<rect x="{cx:.1}" y="{:.1}" width="22" height="12" fill="none" stroke="{c}" stroke-width="2" stroke-dasharray="5 3"/>"#,
                cy - 10.0
            ),
            Swatch::Area => format!(
                r#"<rect x="{cx:.1}" y="{:.1}" width="22" height="12" fill="{c}" fill-opacity="0.25" stroke="{c}"/>"#,
                cy - 10.0
            ),
            Swatch::Dot => format!(
                r#"<circle cx="{:.1}" cy="{:.1}" r="6" fill="{c}"/>"#,
                cx + 11.0,
                cy - 4.0
            ),
            Swatch::Fill => format!(
                r##"<rect x="{cx:.1}" y="{:.1}" width="22" height="12" fill="{c}" stroke="#999"/>"##,
                cy - 10.0
            ),
            Swatch::Hatch(pattern) => format!(
                r#"<rect x="{cx:.1}" y="{:.1}" width="22" height="12" fill="url(#{pattern})" stroke="{c}"/>"#,
                cy - 10.0
            ),
        };
        svg.push_str(&swatch);
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{cy:.1}" font-size="12">{}</text>"#,
            cx + 28.0,
            esc(label)
        );
    }
    svg.push_str(&list);
    svg.push_str("</svg>");
    Rendered {
        svg,
        width_px: w as u32,
        height_px: height as u32,
        warnings,
        markers,
    }
}

/// Groups markers closer than 3 pixels in x and y to the first marker of a group (the earliest
/// group that fits), through a grid of 3-pixel cells so that thousands of markers stay cheap.
fn group_markers(markers: &[(usize, [f64; 2])]) -> Vec<([f64; 2], Vec<usize>)> {
    const NEAR: f64 = 3.0;
    let cell = |p: [f64; 2]| ((p[0] / NEAR).floor() as i64, (p[1] / NEAR).floor() as i64);
    let mut groups: Vec<([f64; 2], Vec<usize>)> = Vec::new();
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    for (n, p) in markers {
        let (cx, cy) = cell(*p);
        let mut best: Option<usize> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &g in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let q = groups[g].0;
                    if (q[0] - p[0]).abs() < NEAR && (q[1] - p[1]).abs() < NEAR {
                        best = Some(best.map_or(g, |b| b.min(g)));
                    }
                }
            }
        }
        match best {
            Some(g) => groups[g].1.push(*n),
            None => {
                grid.entry((cx, cy)).or_default().push(groups.len());
                groups.push((*p, vec![*n]));
            }
        }
    }
    groups
}

/// Finds a floor by id; `None` means the first.
pub fn floor_index(site: &Site, id: Option<&str>) -> Option<usize> {
    match id {
        None => (!site.floors.is_empty()).then_some(0),
        Some(id) => site.floors.iter().position(|f| f.id == id),
    }
}

/// The folder of a site file, for resolving underlay paths.
pub fn base_dir_of(site_file: &Path) -> Option<std::path::PathBuf> {
    site_file.parent().map(|p| p.to_path_buf())
}
