//! `sightline render` and `sightline report` on every sample site.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::Path;
use std::process::Command;

use sightline::i18n::Lang;
use sightline::render::{floor_svg, png_from_svg, RenderOptions};
use sightline::rules::check_site;

mod common;
use common::SAMPLES;

fn load(name: &str) -> sightline::model::Site {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"));
    sightline::model::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn opts(width_px: u32, lang: Lang) -> RenderOptions {
    RenderOptions {
        width_px,
        lang,
        date: "2026-01-01".to_owned(),
        base_dir: None,
        view: None,
        dori: Default::default(),
    }
}

#[test]
fn every_floor_of_every_sample_renders_at_the_requested_width_with_findings_marked() {
    for name in SAMPLES {
        let site = load(name);
        let (analysis, findings) = check_site(&site);
        for fi in 0..site.floors.len() {
            let drawn = floor_svg(&site, &analysis, &findings, fi, &opts(1200, Lang::En));
            sightline::render::raster::parse_svg(&drawn.svg)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let png = png_from_svg(&drawn.svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            let img = image::load_from_memory(&png).expect("png").to_rgb8();
            assert_eq!(img.width(), 1200, "{name}");
            assert_eq!(img.height(), drawn.height_px);
            // Not blank: many distinct colours.
            let mut colours: Vec<[u8; 3]> = img.pixels().step_by(97).map(|p| p.0).collect();
            colours.sort();
            colours.dedup();
            assert!(colours.len() > 20, "{name}: {} colours", colours.len());
            // Every finding of this floor with a point has a marker there, in the finding colour.
            let on_floor = findings
                .iter()
                .filter(|f| f.floor_index == Some(fi) && f.at.is_some())
                .count();
            assert_eq!(drawn.markers.len(), on_floor, "{name}");
            // (An informational finding's marker in the info colour, not the violation red.)
            let infos = findings
                .iter()
                .filter(|f| f.floor_index == Some(fi) && f.at.is_some())
                .filter(|f| f.severity == sightline::rules::Severity::Info)
                .count();
            let mut info_markers = 0;
            for (n, [x, y]) in &drawn.markers {
                let p = img.get_pixel(x.round() as u32, y.round() as u32).0;
                let close = |want: [u8; 3]| {
                    p.iter()
                        .zip(want)
                        .all(|(a, b)| (*a as i32 - b as i32).abs() <= 6)
                };
                let info = close(sightline::scene::palette::INFO.rgb());
                info_markers += usize::from(info);
                assert!(
                    close(sightline::scene::palette::FINDING.rgb()) || info,
                    "{name} floor {fi} finding {n}: pixel {p:?} at ({x:.1}, {y:.1})"
                );
            }
            assert!(info_markers <= infos, "{name} floor {fi}");
        }
    }
}

#[test]
fn a_compliant_sample_has_no_markers_and_says_so_in_chinese() {
    let site = load("gym");
    let (analysis, findings) = check_site(&site);
    let drawn = floor_svg(&site, &analysis, &findings, 0, &opts(1000, Lang::Zh));
    assert!(drawn.markers.is_empty());
    assert!(drawn.svg.contains("本层未发现问题"));
    assert!(drawn.svg.contains("通过"));
}

fn sightline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run sightline")
}

#[test]
fn render_command_writes_png_and_svg_and_refuses_an_unknown_floor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("hotel.png");
    let o = sightline(&[
        "render",
        "sample_sites/hotel-mistakes.site.json",
        "-o",
        &png.to_string_lossy(),
        "--floor",
        "F3",
        "--width",
        "900",
        "--lang",
        "zh",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let img = image::open(&png).expect("png");
    assert_eq!(img.width(), 900);
    let svg = dir.path().join("hotel.svg");
    let o = sightline(&[
        "render",
        "sample_sites/hotel-mistakes.site.json",
        "-o",
        &svg.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.starts_with("<svg") && text.contains("A10-SOLE-METHOD"));
    sightline::render::raster::parse_svg(&text).expect("the SVG parses");
    let o = sightline(&[
        "render",
        "sample_sites/hotel.site.json",
        "-o",
        &png.to_string_lossy(),
        "--floor",
        "F9",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("the floors are F1, F3"));
}

#[test]
fn report_has_every_rule_both_messages_every_floor_and_no_external_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in SAMPLES {
        let out = dir.path().join(format!("{name}.html"));
        let o = sightline(&[
            "report",
            &format!("sample_sites/{name}.site.json"),
            "-o",
            &out.to_string_lossy(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let html = std::fs::read_to_string(&out).expect("html");
        let site = load(name);
        let (_, findings) = check_site(&site);
        let esc = |s: String| {
            // The report's templates (askama) escape as numeric character references.
            s.replace('&', "&#38;")
                .replace('<', "&#60;")
                .replace('>', "&#62;")
                .replace('"', "&#34;")
                .replace('\'', "&#39;")
        };
        for f in &findings {
            assert!(
                html.contains(&format!("<code>{}</code>", f.rule.as_str())),
                "{name}: {}",
                f.rule.as_str()
            );
            assert!(
                html.contains(&esc(f.message_en())),
                "{name}: {}",
                f.message_en()
            );
            assert!(
                html.contains(&esc(f.message_zh())),
                "{name}: {}",
                f.message_zh()
            );
        }
        for floor in &site.floors {
            assert!(
                html.contains(&format!("id=\"floor-{}\"><h2>", floor.id)),
                "{name}: floor {}",
                floor.id
            );
        }
        // One plan per floor, and a side view per tilted camera.
        let tilted = site
            .floors
            .iter()
            .flat_map(|f| &f.devices)
            .filter(|d| d.tilt.is_some())
            .count();
        assert_eq!(
            html.matches("class=\"side-view\"").count(),
            tilted,
            "{name}"
        );
        assert_eq!(
            html.matches("<svg").count(),
            site.floors.len() + tilted,
            "{name}"
        );
        for d in site.floors.iter().flat_map(|f| &f.devices) {
            assert!(
                html.contains(&format!("<code>{}</code>", d.id)),
                "{name}: device {}",
                d.id
            );
        }
        // Self-contained: no link, script, stylesheet or image fetched from anywhere.
        for bad in ["<link", "<script", "src=\"http", "href=\"http", "url(http"] {
            assert!(!html.contains(bad), "{name}: {bad}");
        }
        assert!(html.contains("@media print") && html.contains("page-break-before"));
        assert!(html.contains("第十三条"), "{name}: Art. 13 quoted");
    }
}

/// `sightline report SAMPLE --lang en`, read back.
fn english_report(sample: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.html");
    let site = format!("sample_sites/{sample}.site.json");
    let o = sightline(&[
        "report",
        &site,
        "-o",
        &out.to_string_lossy(),
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::read_to_string(&out).expect("html")
}

#[test]
fn report_groups_findings_by_law_and_quotes_decree_799() {
    let html = english_report("gym-mistakes");
    let measures = html.find("Measures for the Security Management of Face Recognition Technology Applications (2025)").expect("measures group");
    let decree = html.find("Regulations on Public Security Video Image Information Systems (State Council Decree No. 799) (").expect("decree group");
    assert!(measures < decree);
    let decree_rows = &html[decree
        ..html[decree..]
            .find("</table>")
            .map_or(html.len(), |e| decree + e)];
    assert!(decree_rows.contains("R799-A8-VIEW") && !decree_rows.contains("A13-PURPOSE"));
    assert!(
        html.contains("禁止在公共场所的下列区域、部位安装图像采集设备及相关设施"),
        "Decree 799 Art. 8 quoted"
    );
    assert!(html.contains("保存不少于30日"), "Decree 799 Art. 17 quoted");
}

#[test]
fn report_registers_give_devices_optics_and_each_sign_with_what_it_covers() {
    let html = english_report("hotel-mistakes");
    let devices = html.find("Device register").expect("device register");
    let signs = html.find("Sign register").expect("sign register");
    let device_rows = &html[devices..signs];
    for column in [
        "Model, lens",
        "Mount height",
        "Tilt",
        "Field of view",
        "Range",
        "Resolution",
        "Blind distance (faces)",
        "px/m across the image width",
        "Side view",
    ] {
        assert!(device_rows.contains(column), "{column}");
    }
    // The lobby camera: a Dahua dome 3 m up tilted 15°, 107° across 2688 × 1520; faces from
    // 1.08 m; identified to 3.7 m on the floor.
    assert!(device_rows.contains(
        "<td>Dahua IPC-HDBW7442E1-Z-X, 2.7 mm</td><td>3.00 m</td><td>15° · vfov 74.8°</td><td>107°</td><td>20.0 m</td><td>2688 × 1520</td><td>1.08 m</td><td>D 20.0 m · O 15.9 m · R 7.8 m · I 3.7 m</td>"
    ));
    // The main sign by the lobby door covers the lobby zone's entrance; one on the third floor
    // states none of the Art. 5 items.
    let sign_rows = &html[signs..];
    let main = sign_rows.find("<code>g-main</code>").expect("g-main");
    let row = &sign_rows[main..sign_rows[main..]
        .find("</tr>")
        .map_or(sign_rows.len(), |e| main + e)];
    assert!(
        row.contains("(12.30, 0.00)") && row.contains("270°") && row.contains("z-lobby"),
        "{row}"
    );
    let corr3 = sign_rows.find("<code>g-corr3</code>").expect("g-corr3");
    let row = &sign_rows[corr3
        ..sign_rows[corr3..]
            .find("</tr>")
            .map_or(sign_rows.len(), |e| corr3 + e)];
    assert!(row.contains("none"), "{row}");
}

#[test]
fn a_missing_underlay_is_a_warning_not_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site_path = dir.path().join("u.site.json");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_sites/office.site.json"),
    )
    .expect("sample");
    let mut v: serde_json::Value = serde_json::from_str(&text).expect("json");
    v["floors"][0]["underlay"] = serde_json::json!({ "image": "plans/missing.png", "origin": [0, 16], "metres_per_pixel": 0.02 });
    std::fs::write(&site_path, v.to_string()).expect("write");
    let s = site_path.to_string_lossy().into_owned();
    let check = sightline(&["check", &s]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let png = dir.path().join("u.png");
    let o = sightline(&["render", &s, "-o", &png.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("warning: floor 12F: underlay")
            && err.contains("missing.png")
            && err.contains("drawn without it"),
        "{err}"
    );
    assert!(png.exists());
    // A real underlay is embedded and drawn.
    let plan = image::RgbImage::from_pixel(40, 20, image::Rgb([200, 30, 200]));
    std::fs::create_dir_all(dir.path().join("plans")).expect("dir");
    plan.save(dir.path().join("plans/missing.png"))
        .expect("save");
    let o = sightline(&[
        "render",
        &s,
        "-o",
        &dir.path().join("u.svg").to_string_lossy(),
    ]);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::read_to_string(dir.path().join("u.svg"))
        .expect("svg")
        .contains("data:image/png;base64,"));
}

#[test]
fn the_picture_names_cameras_zones_and_kinds_without_overlapping_labels() {
    let site = load("gym-mistakes");
    let analysis = sightline::analysis::Analysis::of(&site);
    let findings = sightline::rules::check(&site, &analysis);
    let svg = floor_svg(&site, &analysis, &findings, 0, &opts(1600, Lang::En)).svg;
    for name in [
        ">Corridor CCTV<",
        ">Gym member recognition<",
        ">Reception gates<",
    ] {
        assert!(svg.contains(name), "{name}");
    }
    assert!(
        svg.contains("changing room · changing room<"),
        "kind beside the name"
    );
    // The two entry gates stand 0.8 m apart: the second name would cover the first beside its
    // camera, so it moves to another side or out on a leader line.
    assert!(svg.contains(">Entry gate 1<") && svg.contains(">Entry gate 2<"));
    let boxes = label_boxes(&svg);
    assert!(boxes.len() >= 8, "{boxes:?}");
    for (i, a) in boxes.iter().enumerate() {
        for b in boxes.iter().skip(i + 1) {
            let meet = a.1[0] < b.1[2] - 0.5
                && b.1[0] < a.1[2] - 0.5
                && a.1[1] < b.1[3] - 0.5
                && b.1[1] < a.1[3] - 0.5;
            assert!(!meet, "{a:?} overlaps {b:?}");
        }
    }
}

/// The labels of a picture (haloed texts with a `text-anchor`) and their boxes, as the placement
/// measured them.
fn label_boxes(svg: &str) -> Vec<(String, [f64; 4])> {
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!(" {name}=\"");
        let from = tag.find(&key).expect("attribute") + key.len();
        let to = from + tag[from..].find('"').expect("quote");
        tag[from..to].parse().expect("number")
    };
    svg.split("<text ")
        .skip(1)
        .filter(|t| t.contains("text-anchor=") && t.contains("stroke-width=\"2.5\""))
        .map(|t| {
            let (tag, rest) = t.split_once('>').expect("tag");
            let tag = format!(" {tag}");
            let tag = tag.as_str();
            let text = rest.split_once("</text>").expect("end").0;
            let text = [
                ("&apos;", "'"),
                ("&quot;", "\""),
                ("&lt;", "<"),
                ("&gt;", ">"),
            ]
            .iter()
            .fold(text.to_owned(), |t, (e, c)| t.replace(e, c))
            .replace("&amp;", "&");
            let (x, y, size) = (attr(tag, "x"), attr(tag, "y"), attr(tag, "font-size"));
            let w = sightline::render::text_width_px(&text, size);
            let b = if tag.contains("\"middle\"") {
                [x - w / 2.0, y - size, x + w / 2.0, y + 0.25 * size]
            } else {
                [x, y - 0.85 * size, x + w, y + 0.25 * size]
            };
            (text, b)
        })
        .collect()
}
