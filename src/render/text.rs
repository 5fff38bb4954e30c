//! Text helpers for SVG: escaping and line wrapping by estimated width.

/// Escapes text for SVG/XML content and attributes: the five markup characters become
/// entities, and characters XML 1.0 does not allow at all (control characters other than tab,
/// line feed and carriage return, U+FFFE, U+FFFF) are left out, so any name from a file gives
/// a well-formed document. Every piece of text in a drawing goes through here.
///
/// ```
/// use sightline::render::escape_xml;
/// assert_eq!(escape_xml("<a href='x'>R&D</a>\u{1b}[31m\0"), "&lt;a href=&apos;x&apos;&gt;R&amp;D&lt;/a&gt;[31m");
/// ```
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Estimated advance of a character in ems (Noto Sans CJK: CJK full width, Latin about half).
fn char_em(c: char) -> f64 {
    if (c as u32) >= 0x2E80 {
        1.0
    } else if c.is_ascii_uppercase() || c == 'm' || c == 'w' {
        0.66
    } else {
        0.54
    }
}

/// Estimated width of a line of text in pixels.
pub fn width_px(text: &str, font_px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * font_px
}

/// Splits text into lines no wider than `max_px` at `font_px`, breaking at spaces, or anywhere
/// in CJK text.
///
/// ```
/// let lines = sightline::render::wrap_text("one two three four", 60.0, 10.0);
/// assert!(lines.len() > 1);
/// assert_eq!(lines.join(" "), "one two three four");
/// ```
pub fn wrap(text: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let max_em = (max_px / font_px).max(4.0);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    let mut last_space: Option<usize> = None;
    for c in text.chars() {
        let cw = char_em(c);
        if width + cw > max_em && !line.is_empty() {
            match last_space {
                Some(at) if (c as u32) < 0x2E80 => {
                    let rest = line.split_off(at);
                    lines.push(line.trim_end().to_owned());
                    line = rest.trim_start().to_owned();
                }
                _ => lines.push(std::mem::take(&mut line)),
            }
            width = line.chars().map(char_em).sum();
            last_space = None;
        }
        if c == ' ' {
            last_space = Some(line.len());
        }
        line.push(c);
        width += cw;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}
