//! `sightline cameras [SEARCH] [--format text|json]`: the bundled catalogue of camera models.

use std::io::Write;

use serde_json::{json, Value};

use super::{terminal_safe, Format, EXIT_FINDINGS, EXIT_OK};
use crate::model::catalogue::{self, CameraModel, LensOption};

/// Arguments of `sightline cameras`.
#[derive(Debug, clap::Args)]
pub struct CamerasArgs {
    /// Words every listed model must contain (brand in English or Chinese, model, type).
    pub search: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Runs `sightline cameras`; exit 1 when nothing matches.
pub fn run_cameras(args: &CamerasArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let query = args.search.join(" ");
    let found = catalogue::search(&query);
    match args.format {
        Format::Json => {
            let doc = Value::Array(found.iter().map(|m| model_json(m)).collect());
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        Format::Text => {
            for m in &found {
                let _ = writeln!(stdout, "{}", terminal_safe(&model_line(m)));
            }
            if !found.is_empty() {
                let _ = writeln!(
                    stdout,
                    "{} 个型号 models. 视场角: 水平×垂直 angles: horizontal × vertical; * 由宽高比推算 derived from the image aspect; ! 与镜头和传感器不符 does not fit its lens and sensor (source's flag).\n{}",
                    found.len(),
                    catalogue::catalogue().licence
                );
            }
        }
    }
    if found.is_empty() {
        let _ = writeln!(
            stderr,
            "sightline: 没有匹配“{q}”的型号 no camera model matches \"{q}\" (try a brand: hikvision, dahua, uniview…)",
            q = terminal_safe(&query)
        );
        return EXIT_FINDINGS;
    }
    EXIT_OK
}

/// One model on one line: brand, model, type, resolution, lens options, IR, face recognition,
/// source.
fn model_line(m: &CameraModel) -> String {
    let lenses: Vec<String> = m.lenses.iter().map(lens_text).collect();
    format!(
        "{brand} {zh}  {model}  [{id}]  {kind} {kind_zh}  {w}×{h}  {lenses}  IR {ir}  {fr}  source {src}",
        brand = m.brand,
        zh = m.brand_zh,
        model = m.model,
        id = m.id,
        kind = m.kind,
        kind_zh = m.type_zh,
        w = m.resolution[0],
        h = m.resolution[1],
        lenses = lenses.join(", "),
        ir = m
            .ir_range_m
            .map_or_else(|| "—".to_owned(), |r| format!("{r} m")),
        fr = if m.face_recognition {
            "人脸抓拍 face capture"
        } else {
            "—"
        },
        src = m.source.file,
    )
}

/// "2.8 mm 103°×60.8°*".
fn lens_text(l: &LensOption) -> String {
    format!(
        "{} mm {}°×{}°{}{}",
        l.focal_mm,
        l.hfov,
        l.vfov,
        if l.vfov_derived { "*" } else { "" },
        if l.flag.is_some() { "!" } else { "" }
    )
}

fn model_json(m: &CameraModel) -> Value {
    json!({
        "id": m.id,
        "brand": m.brand,
        "brand_zh": m.brand_zh,
        "model": m.model,
        "type": m.kind,
        "resolution": m.resolution,
        "sensor": m.sensor,
        "lenses": m.lenses.iter().map(|l| json!({
            "focal_mm": l.focal_mm,
            "hfov": l.hfov,
            "vfov": l.vfov,
            "vfov_derived": l.vfov_derived,
            "flag": l.flag,
        })).collect::<Vec<_>>(),
        "varifocal": m.varifocal,
        "ptz": m.ptz,
        "ir_range_m": m.ir_range_m,
        "face_recognition": m.face_recognition,
        "notes": m.notes,
        "source": {
            "file": m.source.file,
            "commit": m.source.commit,
            "datasheets": m.source.datasheets,
        },
    })
}
