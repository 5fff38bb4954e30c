//! Loading and saving `*.site.json` files.
//!
//! Loading is strict about what would make the checker's numbers meaningless (not JSON, not a
//! site, a newer version, a number out of range) and refuses the file with a [`LoadError`] that
//! names the file and the place. Drawing mistakes that a user fixes in the editor (a crossed
//! polygon, a door on no wall, a missing id) load fine and become `PLAN-*` findings instead.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::types::{Point, Site, FORMAT, VERSION};

/// Plan coordinates must lie within this many metres of the origin (a 2,000 km square).
/// Anything larger is a unit mistake (millimetres or pixels), and would cost precision.
pub const MAX_COORDINATE_M: f64 = 1.0e6;
/// Longest range, readable distance or thickness accepted, in metres.
pub const MAX_LENGTH_M: f64 = 1.0e4;

/// Why a site file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Json {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Format { file: PathBuf, message: String },
    #[error("{file}: at {place}: {message}")]
    Invalid {
        file: PathBuf,
        place: String,
        message: String,
    },
}

/// Why a site could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{file}: cannot save: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: cannot encode the site: {source}")]
    Encode {
        file: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// A well-formed document of the wrong shape: the field path and what was expected there.
fn shape_error(file: &Path, err: &serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let inner = err.inner();
    let detail = detail_of(inner);
    let path = err.path().to_string();
    let last = err.path().iter().next_back().map(|s| s.to_string());
    let wrong_pair = detail.contains("trailing characters") || detail.contains("invalid length");
    let message = if wrong_pair && last.as_deref() == Some("resolution") {
        "a resolution is [width, height] in pixels".to_owned()
    } else if wrong_pair {
        "a point is [x, y]: two numbers".to_owned()
    } else {
        detail
    };
    let place = if path == "." {
        "the top level".to_owned()
    } else {
        path
    };
    LoadError::Json {
        file: file.to_owned(),
        line: inner.line(),
        column: inner.column().max(1),
        message: format!("at {place}: {message}"),
    }
}

/// serde_json's message without the " at line L column C" it appends (we put the place first).
fn detail_of(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

fn json_error(file: &Path, err: &serde_json::Error, source: &str) -> LoadError {
    let detail = detail_of(err);
    let message = match err.classify() {
        serde_json::error::Category::Syntax => format!("not valid JSON: {detail}"),
        serde_json::error::Category::Eof => {
            format!("not valid JSON, the file ends too soon: {detail}")
        }
        _ => detail,
    };
    // serde_json puts the end of the file after its last line break, at column 0; name the
    // place just after the last thing written instead, where the missing part belongs.
    let (line, column) = if err.classify() == serde_json::error::Category::Eof {
        line_column(source, source.trim_end().len())
    } else {
        (err.line(), err.column().max(1))
    };
    LoadError::Json {
        file: file.to_owned(),
        line,
        column,
        message,
    }
}

/// Largest site file read, in bytes.
pub const MAX_SITE_BYTES: u64 = 256 << 20;

/// Reads a site file: a regular file or a pipe, at most [`MAX_SITE_BYTES`] (never a device,
/// which could be read for ever).
pub fn read_site_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        file: path.to_owned(),
        source,
    };
    // Windows has no FIFOs; a named pipe or device path would connect to a server or read a
    // port, so it is refused before anything is opened.
    #[cfg(windows)]
    if let Some(device) = super::device::windows_device(&path.to_string_lossy()) {
        return Err(LoadError::Format {
            file: path.to_owned(),
            message: format!(
                "is not a regular file ({}); it is not read",
                device.words(crate::i18n::Lang::En)
            ),
        });
    }
    let meta = std::fs::metadata(path).map_err(io)?;
    let ft = meta.file_type();
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&ft);
    #[cfg(not(unix))]
    let pipe = false;
    if !ft.is_file() && !pipe {
        return Err(LoadError::Format {
            file: path.to_owned(),
            message: if ft.is_dir() {
                "is a folder, not a site file".to_owned()
            } else {
                "is not a regular file (a device or socket); it is not read".to_owned()
            },
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    read_at_most(file, MAX_SITE_BYTES)
        .map_err(io)?
        .ok_or_else(|| LoadError::Format {
            file: path.to_owned(),
            message: format!(
                "the file is larger than {} MB, more than any floor plan needs; it is not read",
                MAX_SITE_BYTES >> 20
            ),
        })
}

/// Reads everything `from` gives, up to `max` bytes; `None` when there is more than that (at
/// most `max + 1` bytes are ever read, whatever the source).
pub fn read_at_most(from: impl std::io::Read, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    from.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Reads and validates a site file.
pub fn load(path: &Path) -> Result<Site, LoadError> {
    load_with_bytes(path).map(|(site, _)| site)
}

/// [`load`], with the bytes the site was read from (what a filing's SHA-256 describes).
pub fn load_with_bytes(path: &Path) -> Result<(Site, Vec<u8>), LoadError> {
    let bytes = read_site_file(path)?;
    let site = parse(text_of(&bytes, path)?, path)?;
    Ok((site, bytes))
}

/// The text of a file's bytes: UTF-8, or an error at the line and column of the first byte
/// that is not.
pub fn text_of<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let at = e.valid_up_to();
            let before = String::from_utf8_lossy(bytes.get(..at).unwrap_or(bytes));
            let (line, column) = line_column(&before, before.len());
            Err(LoadError::Json {
                file: file.to_owned(),
                line,
                column,
                message: format!(
                    "not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
                    bytes.get(at).copied().unwrap_or(0)
                ),
            })
        }
    }
}

/// The 1-based line and column (in characters) of byte offset `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let head = text.get(..at).unwrap_or(text);
    let line = head.matches('\n').count() + 1;
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    (line, head[line_start..].chars().count() + 1)
}

/// Parses and validates the text of a site file; `file` is only used in error messages.
/// A leading UTF-8 byte-order mark (as Windows Notepad writes) is skipped.
pub fn parse(text: &str, file: &Path) -> Result<Site, LoadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let format_error = |message: String| LoadError::Format {
        file: file.to_owned(),
        message,
    };
    if !text.trim_start().starts_with('{') {
        // Report a syntax error where it is, or else say what the valid JSON is not.
        serde_json::from_str::<serde::de::IgnoredAny>(text)
            .map_err(|e| json_error(file, &e, text))?;
        return Err(format_error(
            "not a Sightline site: the file holds JSON, but not a JSON object".to_owned(),
        ));
    }
    // Reading the header scans the whole text, so syntax errors show up here, with their place.
    let header: Header = serde_json::from_str(text).map_err(|e| json_error(file, &e, text))?;
    match header.format.as_ref().and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(format_error(format!(
                "not a Sightline site: \"format\" is \"{other}\", expected \"{FORMAT}\""
            )))
        }
        None => {
            return Err(format_error(format!(
                "not a Sightline site: no \"format\": \"{FORMAT}\" field"
            )))
        }
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION => {
            return Err(format_error(format!(
                "the file is version {v}, written by a newer Sightline; this program reads version {VERSION} and older — update Sightline to open it"
            )))
        }
        Some(0) => return Err(format_error("\"version\" must be 1 or more".to_owned())),
        Some(_) => {}
        None => {
            return Err(format_error(
                "\"version\" is missing or not a whole number".to_owned(),
            ))
        }
    }
    // The syntax is known to be good: what fails now is the document's shape, named by path.
    // Tracking the path costs time on every value, so it is done only to explain a failure.
    let site: Site = match serde_json::from_str(text) {
        Ok(site) => site,
        Err(_) => {
            let mut de = serde_json::Deserializer::from_str(text);
            match serde_path_to_error::deserialize::<_, Site>(&mut de) {
                Ok(site) => site,
                Err(e) => return Err(shape_error(file, &e)),
            }
        }
    };
    validate(&site).map_err(|(place, message)| LoadError::Invalid {
        file: file.to_owned(),
        place,
        message,
    })?;
    Ok(site)
}

/// Writes the site atomically and safely (see [`super::write`]): a crash or a full disk never
/// leaves half a file, a symlinked site file is written through, permissions are kept.
pub fn save(site: &Site, path: &Path) -> Result<(), SaveError> {
    let io_err = |source| SaveError::Io {
        file: path.to_owned(),
        source,
    };
    let mut text = serde_json::to_string_pretty(site).map_err(|source| SaveError::Encode {
        file: path.to_owned(),
        source,
    })?;
    text.push('\n');
    super::write::write_atomically(path, text.as_bytes()).map_err(io_err)
}

type Invalid = (String, String);

/// Is `s` a real date of the Gregorian calendar written `YYYY-MM-DD`?
///
/// ```
/// use sightline::model::is_calendar_date;
/// assert!(is_calendar_date("2024-02-29"));
/// assert!(!is_calendar_date("2025-02-29"));
/// assert!(!is_calendar_date("2025-13-01") && !is_calendar_date("2025-4-1"));
/// ```
pub fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

fn check_point(place: String, p: &Point) -> Result<(), Invalid> {
    for v in p {
        if !v.is_finite() {
            return Err((place, format!("coordinate {v} is not a finite number")));
        }
        if v.abs() > MAX_COORDINATE_M {
            return Err((
                place,
                format!(
                    "coordinate {v} m is out of range (at most {MAX_COORDINATE_M:e} m from the origin; is the plan in millimetres or pixels?)"
                ),
            ));
        }
    }
    Ok(())
}

fn check_number(place: String, what: &str, v: f64, min: f64, max: f64) -> Result<(), Invalid> {
    if !v.is_finite() || v < min || v > max {
        return Err((
            place,
            format!("{what} is {v}; it must be from {min} to {max}"),
        ));
    }
    Ok(())
}

/// A height or length that must be more than 0 (and not absurd).
fn check_positive(place: String, what: &str, v: f64) -> Result<(), Invalid> {
    if !v.is_finite() || v <= 0.0 || v > 1000.0 {
        return Err((
            place,
            format!("{what} is {v}; it must be more than 0 and at most 1000"),
        ));
    }
    Ok(())
}

/// The rev 3 fields of a camera: tilt −30…90°, vfov more than 0 and at most 180°, a lens
/// longer than 0, and a mount height above the floor when the camera is tilted.
fn check_vertical(place: &str, d: &crate::model::Device) -> Result<(), Invalid> {
    if let Some(t) = d.tilt {
        if !t.is_finite() || !(-30.0..=90.0).contains(&t) {
            return Err((
                format!("{place}.tilt"),
                format!("tilt is {t}°; it must be from −30° (looking up) to 90° (straight down)"),
            ));
        }
        check_positive(
            format!("{place}.mount_height"),
            "mount_height",
            d.mount_height,
        )?;
    }
    if let Some(v) = d.vfov_given {
        if !v.is_finite() || v <= 0.0 || v > 180.0 {
            return Err((
                format!("{place}.vfov"),
                format!("vfov is {v}°; it must be more than 0° and at most 180°"),
            ));
        }
    }
    if let Some(f) = d.lens_mm {
        check_positive(format!("{place}.lens_mm"), "lens_mm", f)?;
    }
    Ok(())
}

fn check_points(place: &str, points: &[Point]) -> Result<(), Invalid> {
    for (i, p) in points.iter().enumerate() {
        check_point(format!("{place}[{i}]"), p)?;
    }
    Ok(())
}

/// The checks that refuse a file (numbers out of range). Returns the place and the message.
pub fn validate(site: &Site) -> Result<(), Invalid> {
    if site.floors.is_empty() {
        return Err(("floors".to_owned(), "the site has no floors".to_owned()));
    }
    let density = site.face_density;
    if !density.is_finite() || density <= 0.0 || density > 1.0e5 {
        return Err((
            "face_density".to_owned(),
            format!("face_density is {density}; it must be more than 0 pixels per metre"),
        ));
    }
    for (field, value) in [
        ("face_height", site.face_height),
        ("person_height", site.person_height),
    ] {
        if let Some(v) = value {
            check_positive(field.to_owned(), field, v)?;
        }
    }
    if let Some(date) = site
        .impact_assessment
        .as_ref()
        .and_then(|a| a.date.as_deref())
    {
        if !is_calendar_date(date) {
            return Err((
                "impact_assessment.date".to_owned(),
                format!("\"{date}\" is not a real calendar date written YYYY-MM-DD"),
            ));
        }
    }
    for (fi, floor) in site.floors.iter().enumerate() {
        let f = format!("floors[{fi}]");
        if let Some(u) = &floor.underlay {
            check_point(format!("{f}.underlay.origin"), &u.origin)?;
            if !u.metres_per_pixel.is_finite() || u.metres_per_pixel <= 0.0 {
                return Err((
                    format!("{f}.underlay.metres_per_pixel"),
                    format!(
                        "metres_per_pixel is {}; it must be more than 0",
                        u.metres_per_pixel
                    ),
                ));
            }
            check_number(
                format!("{f}.underlay.opacity"),
                "opacity",
                u.opacity,
                0.0,
                1.0,
            )?;
        }
        for (i, w) in floor.walls.iter().enumerate() {
            check_points(&format!("{f}.walls[{i}] ({}).points", w.id), &w.points)?;
            check_number(
                format!("{f}.walls[{i}] ({})", w.id),
                "thickness",
                w.thickness,
                0.0,
                MAX_LENGTH_M,
            )?;
        }
        for (i, o) in floor.openings.iter().enumerate() {
            check_point(format!("{f}.openings[{i}] ({}).a", o.id), &o.a)?;
            check_point(format!("{f}.openings[{i}] ({}).b", o.id), &o.b)?;
        }
        for (i, s) in floor.spaces.iter().enumerate() {
            check_points(&format!("{f}.spaces[{i}] ({}).polygon", s.id), &s.polygon)?;
        }
        for (i, z) in floor.zones.iter().enumerate() {
            check_points(&format!("{f}.zones[{i}] ({}).polygon", z.id), &z.polygon)?;
        }
        for (i, d) in floor.devices.iter().enumerate() {
            let place = format!("{f}.devices[{i}] ({})", d.id);
            check_point(format!("{place}.position"), &d.position)?;
            if !d.heading.is_finite() {
                return Err((
                    place,
                    format!("heading is {}; it must be a number of degrees", d.heading),
                ));
            }
            if !d.fov.is_finite() || d.fov <= 0.0 || d.fov > 360.0 {
                return Err((
                    place,
                    format!(
                        "fov is {}°; it must be more than 0° and at most 360°",
                        d.fov
                    ),
                ));
            }
            check_number(place.clone(), "range", d.range, 0.0, MAX_LENGTH_M)?;
            check_number(place.clone(), "mount_height", d.mount_height, 0.0, 1000.0)?;
            if let Some([w, h]) = d.resolution {
                if w == 0 || h == 0 {
                    return Err((
                        place,
                        format!("resolution is [{w}, {h}]; both must be more than 0"),
                    ));
                }
            }
            check_vertical(&place, d)?;
        }
        for (i, s) in floor.signs.iter().enumerate() {
            let place = format!("{f}.signs[{i}] ({})", s.id);
            check_point(format!("{place}.position"), &s.position)?;
            if !s.facing.is_finite() {
                return Err((
                    place,
                    format!("facing is {}; it must be a number of degrees", s.facing),
                ));
            }
            check_number(
                place.clone(),
                "readable_distance",
                s.readable_distance,
                0.0,
                MAX_LENGTH_M,
            )?;
            check_number(place.clone(), "width", s.width, 0.0, 1000.0)?;
            check_number(place.clone(), "height", s.height, 0.0, 1000.0)?;
            check_number(place.clone(), "mount_height", s.mount_height, 0.0, 1000.0)?;
        }
    }
    Ok(())
}
