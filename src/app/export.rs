//! File → Export: the picture of the current floor or view (PNG or SVG), the HTML report,
//! and a picture on the clipboard. The same headless renderer and report as the command line.

use std::path::Path;

use eframe::egui;

use super::labels;
use super::App;
use crate::i18n::Lang;
use crate::render::{self, RenderOptions};
use crate::report::{self, ReportOptions};
use crate::rules::Finding;

/// What an exported picture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageScope {
    /// The whole current floor, as `sightline render` draws it.
    Floor,
    /// The part of the floor shown on screen now.
    View,
}

/// Width of exported pictures, in pixels.
pub const EXPORT_WIDTH_PX: u32 = 2000;

impl App {
    fn render_options(&self, scope: ImageScope) -> RenderOptions {
        let view = match (scope, self.last_view, self.last_canvas) {
            (ImageScope::View, Some(tf), Some(rect)) => Some(tf.plan_rect(rect)),
            _ => None,
        };
        RenderOptions {
            width_px: EXPORT_WIDTH_PX,
            lang: self.lang,
            date: crate::model::today(),
            base_dir: self
                .doc
                .as_ref()
                .and_then(|d| d.path.as_deref())
                .and_then(render::base_dir_of),
            view,
            dori: self.dori_show(),
        }
    }

    /// The picture of the current floor (or view) as SVG, with its warnings.
    pub fn render_svg(&self, scope: ImageScope) -> Option<render::Rendered> {
        let doc = self.doc.as_ref()?;
        let findings: Vec<Finding> = doc.checker.findings().into_iter().cloned().collect();
        Some(render::floor_svg(
            &doc.site,
            &doc.checker.analysis,
            &findings,
            self.floor_index(),
            &self.render_options(scope),
        ))
    }

    pub(crate) fn default_stem(&self) -> String {
        self.doc
            .as_ref()
            .and_then(|d| d.path.as_ref())
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".json")
                    .trim_end_matches(".site")
                    .to_owned()
            })
            .or_else(|| {
                let name = &self.doc.as_ref()?.site.name;
                let stem = file_stem_of(name);
                (!stem.is_empty()).then_some(stem)
            })
            .unwrap_or_else(|| "site".to_owned())
    }

    /// Writes the picture to `path` (`.svg` gives the vector drawing, anything else a PNG).
    pub(crate) fn export_image(&mut self, scope: ImageScope, path: &Path) {
        if crate::cli::is_pdf(path) {
            // The same drawing on a vector page (`sightline render -o X.pdf`).
            let Some(doc) = &self.doc else { return };
            let findings: Vec<Finding> = doc.checker.findings().into_iter().cloned().collect();
            let made = report::paper::plans_pdf(
                &doc.site,
                &doc.checker.analysis,
                &findings,
                &[self.floor_index()],
                &self.render_options(scope),
            );
            self.write_pdf(path, made);
            return;
        }
        let Some(rendered) = self.render_svg(scope) else {
            return;
        };
        self.note_warnings(&rendered.warnings);
        let written = render::picture_bytes(rendered.svg, render::wants_svg(path))
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::model::write_atomically(path, &bytes).map_err(|e| e.to_string())
            });
        self.finish(path, written);
    }

    /// Writes the self-contained HTML report to `path`.
    pub(crate) fn export_report(&mut self, lang: Option<Lang>, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let findings: Vec<Finding> = doc.checker.findings().into_iter().cloned().collect();
        let opts = ReportOptions {
            lang,
            date: crate::model::today(),
            base_dir: doc.path.as_deref().and_then(render::base_dir_of),
        };
        if crate::cli::is_pdf(path) {
            let made = report::paper::pdf(&doc.site, &doc.checker.analysis, &findings, &opts);
            self.write_pdf(path, made);
            return;
        }
        let r = report::html(&doc.site, &doc.checker.analysis, &findings, &opts);
        self.note_warnings(&r.warnings);
        let written =
            crate::model::write_atomically(path, r.html.as_bytes()).map_err(|e| e.to_string());
        self.finish(path, written);
    }

    /// Writes the filing pack of the saved site into the folder `dir` (File → Prepare
    /// filings…), as `sightline filing` does.
    pub(crate) fn prepare_filings(&mut self, dir: &Path) {
        let Some(doc) = &self.doc else { return };
        let saved = doc.path.clone().filter(|_| !doc.is_dirty());
        let Some(site_path) = saved else {
            self.error = Some(self.t(labels::SAVE_BEFORE_FILING).to_owned());
            return;
        };
        // The saved file as it is on disk: what the pack's SHA-256 names.
        let bytes = match crate::model::read_site_file(&site_path) {
            Ok(b) => b,
            Err(e) => {
                self.finish(dir, Err(e.to_string()));
                return;
            }
        };
        let findings: Vec<Finding> = doc.checker.findings().into_iter().cloned().collect();
        let source = crate::filing::write::Source {
            site: &doc.site,
            analysis: &doc.checker.analysis,
            findings: &findings,
            base_dir: render::base_dir_of(&site_path),
        };
        let written = crate::filing::write::prepare(&source, &site_path, &bytes, dir, None, false);
        match written {
            Ok(done) => {
                self.status = Some(super::Status::new(
                    labels::FILINGS_WRITTEN,
                    format!(
                        "{} ({} {})",
                        dir.display(),
                        done.files.len(),
                        self.t(labels::FILES)
                    ),
                ));
            }
            Err(e) => self.finish(dir, Err(e.to_string())),
        }
    }

    /// Writes a PDF made for an export, noting its warnings, or says why it could not be made.
    fn write_pdf(
        &mut self,
        path: &Path,
        made: Result<(Vec<u8>, Vec<String>), crate::pdf::PdfError>,
    ) {
        let written = match made {
            Ok((bytes, warnings)) => {
                self.note_warnings(&warnings);
                crate::model::write_atomically(path, &bytes).map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        };
        self.finish(path, written);
    }

    fn note_warnings(&mut self, warnings: &[String]) {
        for w in warnings {
            if !self.warnings.contains(w) {
                self.warnings.push(w.clone());
            }
        }
    }

    fn finish(&mut self, path: &Path, written: Result<(), String>) {
        match written {
            Ok(()) => {
                self.status = Some(super::Status::new(
                    labels::EXPORTED,
                    path.display().to_string(),
                ))
            }
            Err(e) => {
                self.error = Some(format!(
                    "{} {}: {e}",
                    self.t(labels::EXPORT_FAILED),
                    path.display()
                ))
            }
        }
    }

    /// Puts the picture of the current floor on the clipboard.
    pub(crate) fn copy_image(&mut self, ctx: &egui::Context) {
        let Some(rendered) = self.render_svg(ImageScope::Floor) else {
            return;
        };
        let pixels = render::png_from_svg(&rendered.svg)
            .map_err(|e| e.to_string())
            .and_then(|png| {
                image::load_from_memory_with_format(&png, image::ImageFormat::Png)
                    .map_err(|e| e.to_string())
            });
        match pixels {
            Ok(img) => {
                let rgba = img.to_rgba8();
                let size = [rgba.width() as usize, rgba.height() as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                    size,
                    rgba.as_raw(),
                ));
                self.status = Some(super::Status::new(labels::COPIED, ""));
            }
            Err(e) => self.error = Some(format!("{}: {e}", self.t(labels::EXPORT_FAILED))),
        }
    }
}

/// A file name made from a site's name: letters (any script) and digits kept, ASCII lowered,
/// anything else one `-`.
///
/// ```
/// use sightline::app::export::file_stem_of;
/// assert_eq!(file_stem_of("Harbour Inn 1F"), "harbour-inn-1f");
/// assert_eq!(file_stem_of("海港酒店 / 一层"), "海港酒店-一层");
/// assert_eq!(file_stem_of("../"), "");
/// ```
pub fn file_stem_of(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
