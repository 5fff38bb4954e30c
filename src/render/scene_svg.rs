//! The scene in SVG: each primitive translated, nothing decided here.

use std::fmt::Write as _;
use std::path::Path;

use geo::MultiPolygon;

use super::text::esc;
use super::PxFromPlan;
use crate::scene::palette as p;
use crate::scene::{markers, symbol, Fill, LabelFit, Line, Prim, Scene};

/// The `<defs>` the scene's hatches use.
pub fn hatch_defs() -> String {
    format!(
        r#"<pattern id="hatch-private" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)"><rect width="8" height="8" fill="{pr}" fill-opacity="0.18"/><rect width="3" height="8" fill="{pr}" fill-opacity="0.85"/></pattern><pattern id="hatch-outside" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)"><rect width="8" height="8" fill="{o}" fill-opacity="0.12"/><rect width="2.5" height="8" fill="{o}" fill-opacity="0.8"/></pattern>"#,
        pr = p::IN_PRIVATE,
        o = p::OUTSIDE_ZONE
    )
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
    for (i, q) in points.iter().enumerate() {
        let [x, y] = tf.px(*q);
        let _ = write!(d, "{}{x:.1} {y:.1} ", if i == 0 { "M" } else { "L" });
    }
    if close {
        d.push('Z');
    }
    d
}

fn stroke_attrs(line: &Line, scale: f64) -> String {
    let mut s = format!(
        r#" stroke="{}" stroke-width="{:.1}""#,
        line.paint.colour,
        line.width.at(scale)
    );
    if line.paint.opacity < 1.0 {
        let _ = write!(s, r#" stroke-opacity="{}""#, line.paint.opacity);
    }
    if let Some([dash, gap]) = line.dash {
        let _ = write!(s, r#" stroke-dasharray="{dash} {gap}""#);
    }
    s
}

/// Writes every primitive of the scene; returns each marker's number and pixel centre.
pub fn write(
    svg: &mut String,
    scene: &Scene,
    tf: &PxFromPlan,
    base_dir: Option<&Path>,
    mut underlay_failed: impl FnMut(crate::render::raster::UnderlayError),
) -> Vec<(usize, [f64; 2])> {
    let scale = tf.scale;
    let mut markers = Vec::new();
    let mut glyphs: Vec<[f64; 2]> = Vec::new();
    let mut info_numbers = std::collections::HashSet::new();
    let mut labels = Vec::new();
    for item in &scene.items {
        match &item.prim {
            Prim::Underlay(u) => match super::raster::underlay_image(u, base_dir) {
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
                Err(e) => underlay_failed(e),
            },
            Prim::Area {
                shape,
                fill,
                outline,
            } => {
                let fill = match fill {
                    None => r#"fill="none""#.to_owned(),
                    Some(Fill::Solid(paint)) => {
                        format!(
                            r#"fill="{}" fill-opacity="{}""#,
                            paint.colour, paint.opacity
                        )
                    }
                    Some(Fill::Hatch(h, _)) => format!(r#"fill="url(#{})""#, h.pattern_id()),
                };
                let stroke = outline
                    .as_ref()
                    .map(|l| stroke_attrs(l, scale))
                    .unwrap_or_default();
                let _ = write!(
                    svg,
                    r#"<path d="{}" {fill}{stroke} fill-rule="evenodd"/>"#,
                    path_of(shape, tf)
                );
            }
            Prim::Path {
                points,
                closed,
                line,
            } => {
                let _ = write!(
                    svg,
                    r#"<path d="{}" fill="none"{} stroke-linejoin="round" stroke-linecap="{}"/>"#,
                    points_path(points, tf, *closed),
                    stroke_attrs(line, scale),
                    line.cap.svg()
                );
            }
            Prim::Device {
                at,
                heading_deg,
                colour,
            } => {
                let [x, y] = tf.px(*at);
                glyphs.push([x, y]);
                let _ = write!(
                    svg,
                    r#"<g transform="translate({x:.1} {y:.1}) rotate({:.1})"><path d="M0 0 L{} 0" stroke="{colour}" stroke-width="2"/><circle r="{}" fill="{colour}" stroke="white" stroke-width="1.5"/></g>"#,
                    -heading_deg,
                    symbol::DEVICE_TICK,
                    symbol::DEVICE_RADIUS
                );
            }
            Prim::Sign { at, facing_deg } => {
                let [x, y] = tf.px(*at);
                glyphs.push([x, y]);
                let [bw, bh] = symbol::SIGN_BOARD;
                let _ = write!(
                    svg,
                    r#"<g transform="translate({x:.1} {y:.1}) rotate({:.1})"><rect x="{}" y="{}" width="{bw}" height="{bh}" fill="{}" stroke="black" stroke-width="1"/><path d="M{} 0 L{} 0" stroke="black" stroke-width="1.5"/></g>"#,
                    -facing_deg,
                    -bw / 2.0,
                    -bh / 2.0,
                    p::SIGN,
                    bw / 2.0,
                    bw / 2.0 + symbol::SIGN_TICK
                );
            }
            Prim::Label {
                at,
                texts,
                fit,
                colour,
                halo,
            } => {
                let spots = crate::scene::label_spots(texts, fit, tf.px(*at), scale);
                if !spots.is_empty() {
                    labels.push((spots, (*colour, *halo, fit)));
                }
            }
            Prim::Marker { at, number, info } => {
                markers.push((*number, tf.px(*at)));
                if *info {
                    info_numbers.insert(*number);
                }
            }
        }
    }
    // Labels where they fit beside those placed before them (the most important come first).
    for (spot, (colour, halo, fit)) in crate::scene::place_labels(&labels) {
        let (bx, size) = (spot.bx, spot.size);
        if let Some([a, b]) = spot.leader {
            let _ = write!(
                svg,
                r#"<path d="M{:.1} {:.1} L{:.1} {:.1}" stroke="{colour}" stroke-opacity="0.8" stroke-width="1"/>"#,
                a[0], a[1], b[0], b[1]
            );
        }
        let halo = if *halo {
            r#" stroke="white" stroke-width="2.5" paint-order="stroke""#
        } else {
            ""
        };
        let (x, y, anchor) = match fit {
            LabelFit::Space { .. } => ((bx[0] + bx[2]) / 2.0, bx[1] + size, "middle"),
            LabelFit::Beside { .. } => (bx[0], bx[1] + size * 0.85, "start"),
        };
        let _ = write!(
            svg,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" fill="{colour}" text-anchor="{anchor}"{halo}>{}</text>"#,
            esc(spot.text)
        );
    }
    // Markers keep clear of the cameras and signs they would hide, with a leader back to the
    // point they mark; findings at (nearly) one spot share one marker labelled with all their
    // numbers; the centre pixel of each is the finding colour.
    for ([x0, y0], [x1, y1]) in markers::clear_of_glyphs(&mut markers, &glyphs) {
        let _ = write!(
            svg,
            r#"<line x1="{x0:.1}" y1="{y0:.1}" x2="{x1:.1}" y2="{y1:.1}" stroke="{c}" stroke-width="1.5"/>"#,
            c = p::FINDING
        );
    }
    for ([x, y], ns) in markers::group(&markers, 3.0) {
        // A marker of informational findings only is drawn in the info colour.
        let c = if ns.iter().all(|n| info_numbers.contains(n)) {
            p::INFO
        } else {
            p::FINDING
        };
        let _ = write!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{c}" stroke="white" stroke-width="{ring}"/><text x="{:.1}" y="{:.1}" font-size="{t}" font-weight="bold" fill="{c}" stroke="white" stroke-width="3" paint-order="stroke">{}</text>"#,
            x + 8.0,
            y - 7.0,
            markers::label(&ns),
            r = symbol::MARKER_RADIUS,
            ring = symbol::MARKER_RING,
            t = symbol::MARKER_TEXT,
        );
    }
    markers
}
