//! Loading and saving `*.site.json` files.
//!
//! Loading is strict about what would make the checker's numbers meaningless (not JSON, not a
//! site, a newer version, a number out of range) and refuses the file with a [`LoadError`] that
//! names the file and the place. Drawing mistakes that a user fixes in the editor (a crossed
//! polygon, a door on no wall, a missing id) load fine and become `PLAN-*` findings instead.

use std::io::Write;
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

fn json_error(file: &Path, err: &serde_json::Error) -> LoadError {
    // serde_json appends " at line L column C" to its own message; we put the place first.
    let text = err.to_string();
    let detail = match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    };
    let message = match err.classify() {
        serde_json::error::Category::Syntax => format!("not valid JSON: {detail}"),
        serde_json::error::Category::Eof => {
            format!("not valid JSON, the file ends too soon: {detail}")
        }
        _ => detail,
    };
    LoadError::Json {
        file: file.to_owned(),
        line: err.line(),
        column: err.column(),
        message,
    }
}

/// Reads and validates a site file.
pub fn load(path: &Path) -> Result<Site, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
        file: path.to_owned(),
        source,
    })?;
    parse(&text, path)
}

/// Parses and validates the text of a site file; `file` is only used in error messages.
pub fn parse(text: &str, file: &Path) -> Result<Site, LoadError> {
    let format_error = |message: String| LoadError::Format {
        file: file.to_owned(),
        message,
    };
    if !text.trim_start().starts_with('{') {
        // Report a syntax error where it is, or else say what the valid JSON is not.
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| json_error(file, &e))?;
        return Err(format_error(
            "not a Sightline site: the file holds JSON, but not a JSON object".to_owned(),
        ));
    }
    // Reading the header scans the whole text, so syntax errors show up here, with their place.
    let header: Header = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
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
    let site: Site = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    validate(&site).map_err(|(place, message)| LoadError::Invalid {
        file: file.to_owned(),
        place,
        message,
    })?;
    Ok(site)
}

/// Writes the site atomically: to a temporary file beside `path`, then renamed over it, so a
/// crash or a full disk never leaves half a file.
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
    write_atomically(path, text.as_bytes()).map_err(io_err)
}

/// Writes a file atomically: to a temporary file beside `path`, synced, then renamed over it,
/// so a crash or a full disk never leaves half a file. Used for sites and every export.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

type Invalid = (String, String);

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
