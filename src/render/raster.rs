//! SVG to PNG with resvg and the bundled font; underlay images.

use std::path::Path;
use std::sync::Arc;

use base64::Engine;

use crate::model::Underlay;

/// The bundled Noto Sans CJK SC subset (SIL OFL 1.1, see assets/OFL.txt).
pub static FONT: &[u8] = include_bytes!("../../assets/NotoSansSC-Sightline.otf");
/// Its family name, used by every drawing.
pub const FONT_FAMILY: &str = "Noto Sans CJK SC";

/// Why a drawing could not be rasterised.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the drawing is not valid SVG: {0}")]
    Svg(String),
    #[error("the picture would be {0} × {1} pixels, which is too large")]
    TooLarge(u32, u32),
    #[error("cannot encode the PNG: {0}")]
    Png(String),
}

fn options() -> resvg::usvg::Options<'static> {
    let mut opt = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        ..Default::default()
    };
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_font_data(FONT.to_vec());
    opt.fontdb = Arc::new(db);
    opt
}

/// Parses an SVG document as resvg does (used to check the SVG we write).
pub fn parse_svg(svg: &str) -> Result<resvg::usvg::Tree, RasterError> {
    resvg::usvg::Tree::from_str(svg, &options()).map_err(|e| RasterError::Svg(e.to_string()))
}

/// Rasterises an SVG document to PNG bytes at its own size.
pub fn png_from_svg(svg: &str) -> Result<Vec<u8>, RasterError> {
    let tree = parse_svg(svg)?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width(), size.height());
    if w.saturating_mul(h) > 200_000_000 {
        return Err(RasterError::TooLarge(w, h));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h).ok_or(RasterError::TooLarge(w, h))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RasterError::Png(e.to_string()))
}

/// An underlay file read and checked: its bytes, MIME type and size in pixels.
struct UnderlayFile {
    bytes: Vec<u8>,
    mime: &'static str,
    width_px: u32,
    height_px: u32,
}

fn underlay_reader(bytes: &[u8]) -> std::io::Result<image::ImageReader<std::io::Cursor<&[u8]>>> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(super::MAX_UNDERLAY_SIDE_PX);
    limits.max_image_height = Some(super::MAX_UNDERLAY_SIDE_PX);
    reader.limits(limits);
    Ok(reader)
}

/// Reads an underlay file and checks its format and size (without decoding the pixels).
fn read_underlay(path: &Path) -> Result<UnderlayFile, String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        format!("underlay {shown} cannot be read ({e}); the plan is drawn without it")
    })?;
    let reader = underlay_reader(&bytes).map_err(|e| format!("underlay {shown}: {e}"))?;
    let mime = match reader.format() {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        _ => {
            return Err(format!(
                "underlay {shown} is not a PNG or JPEG image; the plan is drawn without it"
            ))
        }
    };
    let too_large = |w: u32, h: u32| {
        format!(
            "underlay {shown} is {w} × {h} pixels; images up to {m} × {m} pixels are accepted",
            m = super::MAX_UNDERLAY_SIDE_PX
        )
    };
    let (w, h) = reader.into_dimensions().map_err(|e| {
        format!(
            "underlay {shown} is not usable ({e}); images up to {m} × {m} pixels are accepted",
            m = super::MAX_UNDERLAY_SIDE_PX
        )
    })?;
    if w > super::MAX_UNDERLAY_SIDE_PX || h > super::MAX_UNDERLAY_SIDE_PX {
        return Err(too_large(w, h));
    }
    Ok(UnderlayFile {
        bytes,
        mime,
        width_px: w,
        height_px: h,
    })
}

/// The path of an underlay image: relative paths are relative to the site file's folder.
pub fn underlay_path(u: &Underlay, base_dir: Option<&Path>) -> std::path::PathBuf {
    match base_dir {
        Some(dir) => dir.join(&u.image),
        None => Path::new(&u.image).to_path_buf(),
    }
}

/// Reads an underlay image: a data URI to embed and its size in pixels, or a message saying
/// why it is left out (the plan is drawn without it).
pub fn underlay_image(u: &Underlay, base_dir: Option<&Path>) -> Result<(String, u32, u32), String> {
    let file = read_underlay(&underlay_path(u, base_dir))?;
    let data = base64::engine::general_purpose::STANDARD.encode(&file.bytes);
    Ok((
        format!("data:{};base64,{data}", file.mime),
        file.width_px,
        file.height_px,
    ))
}

/// Reads and decodes an image file for use as an underlay (the editor draws these pixels),
/// refusing files that are not PNG/JPEG or larger than [`super::MAX_UNDERLAY_SIDE_PX`] a side.
pub fn underlay_pixels(path: &Path) -> Result<image::RgbaImage, String> {
    let file = read_underlay(path)?;
    let reader =
        underlay_reader(&file.bytes).map_err(|e| format!("underlay {}: {e}", path.display()))?;
    let img = reader
        .decode()
        .map_err(|e| format!("underlay {} cannot be decoded ({e})", path.display()))?;
    Ok(img.to_rgba8())
}
