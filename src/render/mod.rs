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
mod scene_svg;
mod side_view;
mod text;

use std::fmt::Write as _;
use std::path::Path;

pub use raster::{png_from_svg, RasterError, FONT_FAMILY};
pub use side_view::side_view_svg;
pub use text::{esc as escape_xml, width_px as text_width_px, wrap as wrap_text};
use text::{esc, wrap};

use crate::analysis::Analysis;
use crate::i18n::{Lang, Text};
use crate::model::{Floor, Site};
use crate::rules::{Counts, Finding};
use crate::scene::{palette, Scene, SceneOptions, Swatch, LEGEND, NORTH};

const FINDINGS: Text = Text::new("Findings", "检查结果");
const NO_FINDINGS: Text = Text::new("No findings on this floor.", "本层未发现问题。");
const PLAN_TITLE: Text = Text::new("Sightline compliance plan", "Sightline 合规平面图");

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
    /// Whose DORI bands to draw (the editor: the selected camera's).
    pub dori: crate::scene::DoriShow,
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
    /// Where plan points land in the picture.
    pub px_from_plan: PxFromPlan,
}

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

/// The plan extent of a floor: every wall, space, zone, opening, device and sign, plus 1 m.
fn extent(floor: &Floor) -> Option<([f64; 2], [f64; 2])> {
    let [min, max] = crate::model::bounds(floor.points())?;
    Some(([min[0] - 1.0, min[1] - 1.0], [max[0] + 1.0, max[1] + 1.0]))
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
    let (Some(floor), Some(fa)) = (
        site.floors.get(floor_index),
        analysis.floors.get(floor_index),
    ) else {
        // No such floor: an empty picture rather than a panic.
        return Rendered {
            svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"/>"#.to_owned(),
            width_px: 400,
            height_px: 100,
            warnings: vec![format!("no floor {floor_index}")],
            markers: Vec::new(),
            px_from_plan: PxFromPlan {
                scale: 1.0,
                min_x: 0.0,
                max_y: 0.0,
                left: 0.0,
                top: 0.0,
            },
        };
    };
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

    // The scene of the floor, and the findings listed beside it (this floor's, numbered, and
    // the site-wide ones).
    let all: Vec<&Finding> = findings.iter().collect();
    let scene = Scene::build(
        site,
        fa,
        &all,
        floor_index,
        &SceneOptions {
            lang,
            object_names: true,
            dori: opts.dori,
        },
    );
    let listed: Vec<&Finding> = scene
        .listed
        .iter()
        .filter_map(|&i| all.get(i).copied())
        .collect();

    // The findings list, laid out first to know the picture's height.
    let list_font = 13.0;
    let list_x = margin * 2.0 + plan_w;
    let mut list = String::new();
    let mut y = header + 4.0;
    let _ = write!(
        list,
        r#"<text x="{list_x:.1}" y="{:.1}" font-size="16" font-weight="bold">{}</text>"#,
        y + 12.0,
        esc(&format!("{} ({})", FINDINGS.get(lang), listed.len()))
    );
    y += 30.0;
    if listed.is_empty() {
        let _ = write!(
            list,
            r#"<text x="{list_x:.1}" y="{:.1}" font-size="{list_font}" fill="{}">{}</text>"#,
            y + 10.0,
            palette::PASS,
            esc(NO_FINDINGS.get(lang))
        );
    }
    // The list stops where the picture would grow past its plan and legend (or 1.25 × its
    // width, for a short plan), and says how many findings it leaves to the report.
    let list_bottom = (legend_top + legend_h).max(header + 1.25 * w);
    let mut shown = listed.len();
    for (i, f) in listed.iter().enumerate() {
        let n = i + 1;
        if i >= shown {
            break;
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
        let sev = palette::severity(f.severity);
        let _ = write!(
            list,
            r#"<circle cx="{:.1}" cy="{:.1}" r="9" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11" font-weight="bold" fill="white" text-anchor="middle">{n}</text>"#,
            list_x + 9.0,
            y + 7.0,
            palette::FINDING,
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
        r#"<defs>{}<clipPath id="plan"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath></defs>"#,
        scene_svg::hatch_defs(),
        tf.left,
        tf.top,
        ew * scale,
        plan_h,
    );
    svg.push_str(r#"<rect width="100%" height="100%" fill="white"/>"#);

    // Title: the site's verdict, and this floor's counts.
    let verdict = Counts::of(findings).verdict();
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
            PLAN_TITLE.get(lang),
            opts.date
        )),
        w - margin,
        palette::verdict(verdict),
        esc(verdict.text().get(lang)),
        w - margin,
        esc(&Counts::of(listed.iter().copied()).floor_line(lang))
    );

    svg.push_str(r#"<g clip-path="url(#plan)">"#);
    let _ = write!(
        svg,
        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"##,
        tf.left,
        tf.top,
        ew * scale,
        plan_h,
        palette::PAPER
    );
    let markers = scene_svg::write(&mut svg, &scene, &tf, opts.base_dir.as_deref(), |e| {
        warnings.push(e.text(lang, Some(&floor.id)))
    });
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
        NORTH.get(lang)
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
        let label = entry.text.get(lang);
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
            Swatch::Hatch(h) => format!(
                r#"<rect x="{cx:.1}" y="{:.1}" width="22" height="12" fill="url(#{})" stroke="{c}"/>"#,
                cy - 10.0,
                h.pattern_id()
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
        px_from_plan: tf,
    }
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
