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

/// Largest underlay file read, in bytes (a scanned A0 plan as PNG is well under this).
pub const MAX_UNDERLAY_BYTES: u64 = 64 << 20;
/// Largest underlay accepted, in decoded pixels (e.g. 8,000 × 6,000).
pub const MAX_UNDERLAY_PIXELS: u64 = 48_000_000;

/// What is wrong with an underlay image; the plan is then drawn without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnderlayProblem {
    /// It cannot be opened or read (missing, no permission…).
    Unreadable(String),
    /// A folder, device, FIFO or socket.
    NotRegularFile,
    /// More than [`MAX_UNDERLAY_BYTES`].
    FileTooLarge(u64),
    /// Not a PNG or JPEG.
    NotImage,
    /// More than [`MAX_UNDERLAY_PIXELS`] or [`super::MAX_UNDERLAY_SIDE_PX`] a side.
    TooLarge(u32, u32),
    /// The header is fine but the pixels cannot be decoded (truncated, corrupt).
    Damaged(String),
}

/// An underlay that cannot be drawn: which file, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnderlayError {
    pub path: std::path::PathBuf,
    pub problem: UnderlayProblem,
}

impl UnderlayError {
    /// The message, naming the floor (when given) and the file.
    pub fn text(&self, lang: crate::i18n::Lang, floor: Option<&str>) -> String {
        use crate::i18n::Lang;
        let file = self.path.display();
        let side = super::MAX_UNDERLAY_SIDE_PX;
        let mp = MAX_UNDERLAY_PIXELS / 1_000_000;
        let mb = MAX_UNDERLAY_BYTES >> 20;
        let why = match (&self.problem, lang) {
            (UnderlayProblem::Unreadable(e), Lang::En) => format!("cannot be read ({e})"),
            (UnderlayProblem::Unreadable(e), Lang::Zh) => format!("无法读取（{e}）"),
            (UnderlayProblem::NotRegularFile, Lang::En) => {
                "is not a regular file (a folder, device or pipe)".to_owned()
            }
            (UnderlayProblem::NotRegularFile, Lang::Zh) => "不是普通文件（是文件夹、设备或管道）".to_owned(),
            (UnderlayProblem::FileTooLarge(n), Lang::En) => {
                format!("is {} MB; files up to {mb} MB are read", n >> 20)
            }
            (UnderlayProblem::FileTooLarge(n), Lang::Zh) => {
                format!("大小为 {} MB；最多读取 {mb} MB 的文件", n >> 20)
            }
            (UnderlayProblem::NotImage, Lang::En) => "is not a PNG or JPEG image".to_owned(),
            (UnderlayProblem::NotImage, Lang::Zh) => "不是 PNG 或 JPEG 图像".to_owned(),
            (UnderlayProblem::TooLarge(w, h), Lang::En) => format!(
                "is {w} × {h} pixels; images up to {mp} million pixels and {side} pixels a side are accepted"
            ),
            (UnderlayProblem::TooLarge(w, h), Lang::Zh) => format!(
                "为 {w} × {h} 像素；仅接受不超过 {mp} 百万像素、每边不超过 {side} 像素的图像"
            ),
            (UnderlayProblem::Damaged(e), Lang::En) => {
                format!("is damaged or truncated ({e})")
            }
            (UnderlayProblem::Damaged(e), Lang::Zh) => format!("已损坏或不完整（{e}）"),
        };
        match (floor, lang) {
            (Some(f), Lang::En) => {
                format!("floor {f}: underlay {file} {why}; the plan is drawn without it")
            }
            (None, Lang::En) => format!("underlay {file} {why}; the plan is drawn without it"),
            (Some(f), Lang::Zh) => format!("楼层 {f}：底图 {file} {why}；平面图将不带底图绘制"),
            (None, Lang::Zh) => format!("底图 {file} {why}；平面图将不带底图绘制"),
        }
    }
}

/// Reads at most [`MAX_UNDERLAY_BYTES`] of a regular file, never blocking on a FIFO or
/// reading from a device: the path is checked first, then the opened file itself.
fn read_regular_file(path: &Path) -> Result<Vec<u8>, UnderlayProblem> {
    let unreadable = |e: std::io::Error| UnderlayProblem::Unreadable(e.to_string());
    // A named pipe or device path is refused before it is opened (opening may wait).
    #[cfg(windows)]
    if crate::model::device::windows_device(&path.to_string_lossy()).is_some() {
        return Err(UnderlayProblem::NotRegularFile);
    }
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(UnderlayProblem::NotRegularFile);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Should the path be swapped for a FIFO after the check, opening does not wait.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(UnderlayProblem::NotRegularFile);
    }
    if meta.len() > MAX_UNDERLAY_BYTES {
        return Err(UnderlayProblem::FileTooLarge(meta.len()));
    }
    crate::model::read_at_most(file, MAX_UNDERLAY_BYTES)
        .map_err(unreadable)?
        .ok_or(UnderlayProblem::FileTooLarge(MAX_UNDERLAY_BYTES + 1))
}

fn underlay_reader(bytes: &[u8]) -> std::io::Result<image::ImageReader<std::io::Cursor<&[u8]>>> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(super::MAX_UNDERLAY_SIDE_PX);
    limits.max_image_height = Some(super::MAX_UNDERLAY_SIDE_PX);
    // The decoded RGBA pixels plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_UNDERLAY_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    Ok(reader)
}

/// Reads, checks and decodes an underlay file: its bytes, MIME type and decoded pixels.
/// The size is checked from the header before any pixel is decoded; decoding all of them
/// finds truncated and corrupt files, which would otherwise vanish from the picture silently.
fn read_underlay(
    path: &Path,
) -> Result<(Vec<u8>, &'static str, image::DynamicImage), UnderlayError> {
    let fail = |problem| UnderlayError {
        path: path.to_owned(),
        problem,
    };
    let bytes = read_regular_file(path).map_err(fail)?;
    let reader = underlay_reader(&bytes).map_err(|_| fail(UnderlayProblem::NotImage))?;
    let mime = match reader.format() {
        Some(image::ImageFormat::Png) => "image/png",
        Some(image::ImageFormat::Jpeg) => "image/jpeg",
        _ => return Err(fail(UnderlayProblem::NotImage)),
    };
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| fail(size_problem(e)))?;
    if w > super::MAX_UNDERLAY_SIDE_PX
        || h > super::MAX_UNDERLAY_SIDE_PX
        || u64::from(w) * u64::from(h) > MAX_UNDERLAY_PIXELS
    {
        return Err(fail(UnderlayProblem::TooLarge(w, h)));
    }
    let reader = underlay_reader(&bytes).map_err(|_| fail(UnderlayProblem::NotImage))?;
    let img = reader.decode().map_err(|e| fail(size_problem(e)))?;
    Ok((bytes, mime, img))
}

fn size_problem(e: image::ImageError) -> UnderlayProblem {
    match e {
        image::ImageError::Limits(_) => UnderlayProblem::TooLarge(0, 0),
        e => UnderlayProblem::Damaged(e.to_string()),
    }
}

/// The path of an underlay image: relative paths are relative to the site file's folder.
pub fn underlay_path(u: &Underlay, base_dir: Option<&Path>) -> std::path::PathBuf {
    match base_dir {
        Some(dir) => dir.join(&u.image),
        None => Path::new(&u.image).to_path_buf(),
    }
}

/// Reads an underlay image: a data URI to embed and its size in pixels, or why it is left out
/// (the plan is then drawn without it).
pub fn underlay_image(
    u: &Underlay,
    base_dir: Option<&Path>,
) -> Result<(String, u32, u32), UnderlayError> {
    let (bytes, mime, img) = read_underlay(&underlay_path(u, base_dir))?;
    let (w, h) = (img.width(), img.height());
    drop(img);
    let data = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Ok((format!("data:{mime};base64,{data}"), w, h))
}

/// Reads and decodes an image file for use as an underlay (the editor draws these pixels),
/// refusing files that are not regular PNG/JPEG files or too large, truncated or damaged.
pub fn underlay_pixels(path: &Path) -> Result<image::RgbaImage, UnderlayError> {
    let (_, _, img) = read_underlay(path)?;
    Ok(img.into_rgba8())
}
