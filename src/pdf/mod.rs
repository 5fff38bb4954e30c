//! Native PDF output: the one module that speaks to the PDF crates (krilla, young: pinned in
//! Cargo.toml, and krilla-svg for the plans). Everything else lays out [`PageContent`]: text in
//! the bundled CJK font, rules, boxes and SVG drawings, in points from the page's top left.
//!
//! krilla embeds the font as a subset with a ToUnicode map, so every Chinese and English word
//! can be searched and copied; SVG drawings stay vector (text as text, paths as paths), and
//! raster images inside them (an underlay) are embedded at their own resolution.
//!
//! ```
//! use sightline::pdf::{Document, PageContent, PaperSize, Rgb};
//! let mut doc = Document::new().unwrap();
//! let mut page = PageContent::new(PaperSize::A4_PORTRAIT);
//! page.text(40.0, 60.0, 12.0, "合规报告 compliance report", Rgb::BLACK);
//! let n = doc.add_page(page).unwrap();
//! doc.bookmark(None, "报告 Report", n, 0.0);
//! let bytes = doc.finish("t", "zh-CN").unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! // Text width comes from the font's own advances: a CJK character is one em.
//! assert!((sightline::pdf::text_width("合规", 10.0) - 20.0).abs() < 0.5);
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::outline::{Outline, OutlineNode};
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::{color::rgb, destination::XyzDestination, metadata::Metadata, page::PageSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::render::raster::{parse_svg, FONT};

/// A page's size in points (1/72 in).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaperSize {
    pub width: f32,
    pub height: f32,
}

impl PaperSize {
    /// A4 portrait, 210 × 297 mm.
    pub const A4_PORTRAIT: PaperSize = PaperSize {
        width: 595.28,
        height: 841.89,
    };
    /// A4 landscape.
    pub const A4_LANDSCAPE: PaperSize = PaperSize {
        width: 841.89,
        height: 595.28,
    };
    /// A3 landscape, 420 × 297 mm.
    pub const A3_LANDSCAPE: PaperSize = PaperSize {
        width: 1190.55,
        height: 841.89,
    };
}

/// A colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0x22, 0x22, 0x22);
    pub const GREY: Rgb = Rgb(0x66, 0x66, 0x66);
    pub const RULE: Rgb = Rgb(0xCC, 0xCC, 0xCC);
    pub const SHADE: Rgb = Rgb(0xF3, 0xF3, 0xF0);
    pub const RED: Rgb = Rgb(0xC6, 0x28, 0x28);
    pub const AMBER: Rgb = Rgb(0xB7, 0x79, 0x1F);
    pub const TEAL: Rgb = Rgb(0x2C, 0x7A, 0x7B);
    pub const GREEN: Rgb = Rgb(0x2E, 0x8B, 0x57);
    pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);

    fn paint(self) -> krilla::paint::Paint {
        rgb::Color::new(self.0, self.1, self.2).into()
    }
}

/// One thing drawn on a page.
#[derive(Clone, Debug)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        colour: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb,
        width: f32,
    },
    Svg {
        svg: String,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

/// What one page holds, laid out before it is written.
#[derive(Clone, Debug)]
pub struct PageContent {
    pub size: PaperSize,
    ops: Vec<Op>,
}

impl PageContent {
    /// An empty page.
    pub fn new(size: PaperSize) -> PageContent {
        PageContent {
            size,
            ops: Vec::new(),
        }
    }

    /// A line of text whose baseline starts at (x, y).
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str, colour: Rgb) {
        // The PDF holds text as glyphs; control characters have none, and a bidirectional
        // override from a name must not reorder what the page shows.
        let clean: String = text
            .chars()
            .filter(|c| {
                !c.is_control()
                    && !('\u{202A}'..='\u{202E}').contains(c)
                    && !('\u{2066}'..='\u{2069}').contains(c)
            })
            .collect();
        if !clean.trim().is_empty() {
            self.ops.push(Op::Text {
                x,
                y,
                size,
                text: clean,
                colour,
            });
        }
    }

    /// A box, filled and/or outlined.
    pub fn rect(
        &mut self,
        (x, y, w, h): (f32, f32, f32, f32),
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        self.ops.push(Op::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    /// A straight line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), colour: Rgb, width: f32) {
        self.ops.push(Op::Line {
            from,
            to,
            colour,
            width,
        });
    }

    /// The boxes drawn on the page so far, (x, y, w, h): what a layout can be checked by.
    pub fn boxes(&self) -> Vec<(f32, f32, f32, f32)> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect()
    }

    /// The lines of text on the page so far.
    pub fn texts(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// An SVG drawing scaled into the box at (x, y), w × h (its aspect kept, centred).
    pub fn svg(&mut self, svg: String, (x, y, w, h): (f32, f32, f32, f32)) {
        self.ops.push(Op::Svg { svg, x, y, w, h });
    }
}

/// The bundled font's advances, em fractions per character.
struct Metrics {
    advances: HashMap<char, f32>,
    fallback: f32,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let mut advances = HashMap::new();
        if let Ok(face) = ttf_parser::Face::parse(FONT, 0) {
            let em = f32::from(face.units_per_em().max(1));
            if let Some(sub) = face.tables().cmap {
                for table in sub.subtables {
                    if !table.is_unicode() {
                        continue;
                    }
                    table.codepoints(|cp| {
                        if let (Some(c), Some(g)) = (char::from_u32(cp), table.glyph_index(cp)) {
                            if let Some(a) = face.glyph_hor_advance(g) {
                                advances.insert(c, f32::from(a) / em);
                            }
                        }
                    });
                }
            }
        }
        Metrics {
            advances,
            fallback: 1.0,
        }
    })
}

/// The width of a line of text in the bundled font at `size` points.
pub fn text_width(text: &str, size: f32) -> f32 {
    let m = metrics();
    text.chars()
        .map(|c| m.advances.get(&c).copied().unwrap_or(m.fallback))
        .sum::<f32>()
        * size
}

/// Splits text into lines no wider than `width` points at `size`, breaking at spaces, or
/// between any two characters of CJK text (and inside a word longer than a line).
pub fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut w = 0.0;
        let mut last_space: Option<usize> = None;
        for c in para.chars() {
            let cw = text_width(c.encode_utf8(&mut [0; 4]), size);
            if w + cw > width && !line.trim().is_empty() {
                match last_space {
                    Some(at) if (c as u32) < 0x2E80 && !c.is_whitespace() => {
                        let rest = line.split_off(at);
                        lines.push(line.trim_end().to_owned());
                        line = rest.trim_start().to_owned();
                    }
                    _ => lines.push(std::mem::take(&mut line).trim_end().to_owned()),
                }
                w = text_width(&line, size);
                last_space = None;
            }
            if c == ' ' {
                last_space = Some(line.len());
            }
            if !(line.is_empty() && c == ' ') {
                line.push(c);
                w += cw;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// A bookmark: its title, page and height on it, and its children.
struct Mark {
    title: String,
    page: usize,
    y: f32,
    children: Vec<usize>,
    parent: Option<usize>,
}

/// A PDF being written, page by page (a written page is not kept).
pub struct Document {
    doc: krilla::Document,
    font: Font,
    pages: usize,
    marks: Vec<Mark>,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font cannot be read")]
    Font,
    #[error("a drawing is not valid SVG: {0}")]
    Svg(String),
    #[error("cannot write the PDF: {0}")]
    Write(String),
}

impl Document {
    /// An empty document.
    pub fn new() -> Result<Document, PdfError> {
        Ok(Document {
            doc: krilla::Document::new(),
            font: Font::new(FONT.to_vec().into(), 0).ok_or(PdfError::Font)?,
            pages: 0,
            marks: Vec::new(),
        })
    }

    /// Pages written so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Writes a page; returns its index (from 0).
    pub fn add_page(&mut self, content: PageContent) -> Result<usize, PdfError> {
        let size = content.size;
        let settings = PageSettings::from_wh(size.width, size.height)
            .ok_or_else(|| PdfError::Write("page size".into()))?;
        let mut page = self.doc.start_page_with(settings);
        let mut s = page.surface();
        for op in content.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    text,
                    colour,
                } => {
                    s.set_fill(Some(Fill {
                        paint: colour.paint(),
                        ..Fill::default()
                    }));
                    s.set_stroke(None);
                    s.draw_text(
                        Point::from_xy(x, y),
                        self.font.clone(),
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let Some(r) = Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(r);
                    let Some(path) = pb.finish() else { continue };
                    s.set_fill(fill.map(|c| Fill {
                        paint: c.paint(),
                        ..Fill::default()
                    }));
                    s.set_stroke(stroke.map(|(c, width)| Stroke {
                        paint: c.paint(),
                        width,
                        ..Stroke::default()
                    }));
                    s.draw_path(&path);
                }
                Op::Line {
                    from,
                    to,
                    colour,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    let Some(path) = pb.finish() else { continue };
                    s.set_fill(None);
                    s.set_stroke(Some(Stroke {
                        paint: colour.paint(),
                        width,
                        ..Stroke::default()
                    }));
                    s.draw_path(&path);
                }
                Op::Svg { svg, x, y, w, h } => {
                    let tree = parse_svg(&svg).map_err(|e| PdfError::Svg(e.to_string()))?;
                    drop(svg);
                    let (tw, th) = (tree.size().width(), tree.size().height());
                    let scale = (w / tw).min(h / th);
                    let (dw, dh) = (tw * scale, th * scale);
                    let Some(fit) = Size::from_wh(dw, dh) else {
                        continue;
                    };
                    s.push_transform(&Transform::from_translate(
                        x + (w - dw) / 2.0,
                        y + (h - dh) / 2.0,
                    ));
                    s.draw_svg(
                        &tree,
                        fit,
                        SvgSettings {
                            embed_text: true,
                            ..SvgSettings::default()
                        },
                    );
                    s.pop();
                }
            }
        }
        s.set_fill(None);
        s.set_stroke(None);
        s.finish();
        page.finish();
        self.pages += 1;
        Ok(self.pages - 1)
    }

    /// Adds a bookmark to `page` at height `y` (points from the top), under `parent` (a
    /// bookmark this returned) or at the top level; returns it.
    pub fn bookmark(&mut self, parent: Option<usize>, title: &str, page: usize, y: f32) -> usize {
        let id = self.marks.len();
        self.marks.push(Mark {
            title: title.to_owned(),
            page,
            y,
            children: Vec::new(),
            parent,
        });
        if let Some(p) = parent.and_then(|p| self.marks.get_mut(p)) {
            p.children.push(id);
        }
        id
    }

    /// The finished PDF, with its title and language in the metadata.
    pub fn finish(mut self, title: &str, language: &str) -> Result<Vec<u8>, PdfError> {
        fn node(marks: &[Mark], i: usize) -> Option<OutlineNode> {
            let m = marks.get(i)?;
            let mut n = OutlineNode::new(
                m.title.clone(),
                XyzDestination::new(m.page, Point::from_xy(0.0, m.y)),
            );
            for &c in &m.children {
                n.push_child(node(marks, c)?);
            }
            Some(n)
        }
        let mut outline = Outline::new();
        for (i, m) in self.marks.iter().enumerate() {
            if m.parent.is_none() && m.page < self.pages {
                if let Some(n) = node(&self.marks, i) {
                    outline.push_child(n);
                }
            }
        }
        self.doc.set_outline(outline);
        self.doc.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language(language.to_owned())
                .creator(format!("Sightline {}", env!("CARGO_PKG_VERSION"))),
        );
        self.doc
            .finish()
            .map_err(|e| PdfError::Write(format!("{e:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_loads_and_measures() {
        assert!(Font::new(FONT.to_vec().into(), 0).is_some());
        // Latin is narrower than CJK; the font holds both.
        assert!(text_width("m", 10.0) < text_width("合", 10.0));
        assert!(metrics().advances.len() > 3000);
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_between_cjk_characters() {
        let lines = wrap("one two three four five six", 60.0, 10.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), "one two three four five six");
        assert!(lines.iter().all(|l| text_width(l, 10.0) <= 60.0));
        let zh = wrap("公共安全视频图像信息系统管理条例", 50.0, 10.0);
        assert_eq!(zh.concat(), "公共安全视频图像信息系统管理条例");
        assert!(zh.iter().all(|l| l.chars().count() <= 5), "{zh:?}");
    }
}
