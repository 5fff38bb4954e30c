//! The side view of a camera as a small standalone SVG (the report's device register).

use std::fmt::Write;

use super::text::esc;
use crate::i18n::Lang;
use crate::scene::side_view::{SideItem, SideView};

/// The side view as a standalone SVG, `320 × 150` px, labelled in `lang`.
pub fn side_view_svg(view: &SideView, lang: Lang) -> String {
    let (w_px, h_px) = (320.0, 150.0);
    let margin = 6.0;
    let s = ((w_px - 2.0 * margin) / view.width).min((h_px - 2.0 * margin) / view.height);
    let x = |m: f64| margin + m * s;
    let y = |m: f64| h_px - margin - m * s;
    let mut out = String::new();
    let title = match lang {
        Lang::Zh => "侧视图：安装高度、俯角、垂直视场、盲区与人脸带",
        Lang::En => "Side view: mount height, tilt, vertical view, blind zone and face band",
    };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="side-view" width="{w_px}" height="{h_px}" viewBox="0 0 {w_px} {h_px}" role="img"><title>{title}</title>"#
    );
    for item in &view.items {
        match item {
            SideItem::Fill {
                points,
                colour,
                opacity,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|q| format!("{:.1},{:.1}", x(q[0]), y(q[1])))
                    .collect();
                let _ = write!(
                    out,
                    r#"<polygon points="{}" fill="{}" fill-opacity="{opacity}"/>"#,
                    pts.join(" "),
                    colour
                );
            }
            SideItem::Line {
                a,
                b,
                colour,
                width,
                dashed,
            } => {
                let dash = if *dashed {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{width}"{dash}/>"#,
                    x(a[0]),
                    y(a[1]),
                    x(b[0]),
                    y(b[1]),
                    colour
                );
            }
            SideItem::Dot { at, r, colour } => {
                let _ = write!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}"/>"#,
                    x(at[0]),
                    y(at[1]),
                    (r * s).max(2.0),
                    colour
                );
            }
            SideItem::Text {
                at,
                text,
                colour,
                centred,
            } => {
                let anchor = if *centred { "middle" } else { "start" };
                let _ = write!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" font-size="9" text-anchor="{anchor}" fill="{}">{}</text>"#,
                    x(at[0]),
                    y(at[1]),
                    colour,
                    esc(text)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}
