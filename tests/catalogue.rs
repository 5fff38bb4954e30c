//! The bundled camera catalogue: every entry loads, its angles fit its lens and sensor or
//! carry the source's flag, and `sightline cameras` lists and searches it.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::collections::HashSet;
use std::process::Command;

use serde_json::Value;
use sightline::model::catalogue::{angle_fits, catalogue, find, search};
use sightline::model::Device;

#[test]
fn every_entry_loads_with_sane_figures() {
    let cat = catalogue();
    // 47 in the seed, one left out (both its lens options contradict its sensor).
    assert_eq!(cat.cameras.len(), 46);
    assert!(cat.licence.contains("CC0"));
    let ids: HashSet<&str> = cat.cameras.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids.len(), cat.cameras.len(), "ids are unique");
    for m in &cat.cameras {
        assert!(m.id.starts_with(&m.brand.to_lowercase()), "{}", m.id);
        assert!(
            m.resolution[0] >= 1280 && m.resolution[1] >= 720,
            "{}",
            m.id
        );
        assert!(
            m.sensor_diagonal_mm > 4.0 && m.sensor_diagonal_mm < 20.0,
            "{}",
            m.id
        );
        assert!(!m.lenses.is_empty(), "{}", m.id);
        assert!(
            !m.source.file.is_empty() && m.source.commit.len() == 40,
            "{}",
            m.id
        );
        assert!(!m.source.datasheets.is_empty(), "{}", m.id);
        for l in &m.lenses {
            assert!(l.focal_mm > 0.5 && l.focal_mm < 200.0, "{} {l:?}", m.id);
            assert!(l.hfov > 1.0 && l.hfov <= 360.0, "{} {l:?}", m.id);
            assert!(l.vfov > 1.0 && l.vfov <= 180.0, "{} {l:?}", m.id);
        }
    }
    let brands: HashSet<&str> = cat.cameras.iter().map(|m| m.brand.as_str()).collect();
    for b in [
        "Hikvision",
        "Dahua",
        "Uniview",
        "EZVIZ",
        "IMOU",
        "Tiandy",
        "Kedacom",
        "VIGI",
    ] {
        assert!(brands.contains(b), "{b}");
    }
}

#[test]
fn every_angle_fits_its_lens_and_sensor_or_carries_the_source_flag() {
    let mut flagged = 0;
    for m in &catalogue().cameras {
        for l in &m.lenses {
            match angle_fits(m, l) {
                Ok(()) => assert!(
                    l.flag.is_none(),
                    "{} {} mm fits yet is flagged",
                    m.id,
                    l.focal_mm
                ),
                Err(ratio) => {
                    flagged += 1;
                    // Only the moderate misfits stay (stated 1.15–1.3 × the pinhole angle);
                    // the strong ones were left out.
                    assert!(
                        (1.15..1.3).contains(&ratio),
                        "{} {} mm: {ratio}",
                        m.id,
                        l.focal_mm
                    );
                    assert!(
                        l.flag
                            .as_deref()
                            .unwrap_or("")
                            .contains(&format!("{ratio:.2}")),
                        "{} {l:?}",
                        m.id
                    );
                }
            }
            // A derived vertical angle is the pinhole one of the image's aspect; a stated one
            // keeps the aspect's ratio within 20 % (the seed's own check).
            if l.hfov < 180.0 {
                let [w, h] = m.resolution;
                let aspect = f64::from(h) / f64::from(w);
                if l.vfov_derived {
                    let expect = 2.0
                        * ((l.hfov.to_radians() / 2.0).tan() * aspect)
                            .atan()
                            .to_degrees();
                    assert!(
                        (l.vfov - expect).abs() <= 0.06,
                        "{} {l:?} vs {expect}",
                        m.id
                    );
                } else {
                    let ratio = l.vfov / l.hfov / aspect;
                    assert!((0.8..=1.2).contains(&ratio), "{} {l:?}: {ratio}", m.id);
                }
            }
        }
    }
    // The eleven moderate misfits of SOURCES.md.
    assert_eq!(flagged, 11);
    assert_eq!(catalogue().left_out.len(), 11);
    assert!(find("hikvision-ids-2cd7a47g2h-xzhsy").is_none());
}

#[test]
fn search_finds_by_brand_in_either_language_and_by_model_without_dashes() {
    assert_eq!(search("").len(), 46);
    let hik = search("hikvision").len();
    assert_eq!(search("海康威视").len(), hik);
    assert!(hik >= 10, "{hik}");
    assert!(search("dahua").len() >= 10);
    assert_eq!(search("2cd2043")[0].model, "DS-2CD2043G2-IU");
    assert_eq!(search("dahua fisheye").len(), 1);
    assert!(search("no such thing").is_empty());
}

#[test]
fn a_model_fills_a_device() {
    let m = find("dahua-ipc-hdw2441t-s").unwrap();
    let mut d = Device::new("c", [0.0, 0.0], 0.0, true);
    m.fit(&m.lenses[1], &mut d);
    assert_eq!(d.model.as_deref(), Some("dahua-ipc-hdw2441t-s"));
    assert_eq!(d.resolution, Some([2688, 1520]));
    assert_eq!((d.fov, d.lens_mm), (78.0, Some(3.6)));
    // 78° across 2688×1520: 2·atan(tan 39° · 1520/2688) = 49.2° down, derived.
    assert!((d.vfov() - 49.2).abs() < 0.06, "{}", d.vfov());
}

fn sightline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn sightline_cameras_lists_the_catalogue_as_text_and_json() {
    let o = sightline(&["cameras", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = doc.as_array().unwrap();
    assert_eq!(all.len(), 46);
    let hik = all.iter().filter(|m| m["brand"] == "Hikvision").count();
    let dahua = all.iter().filter(|m| m["brand"] == "Dahua").count();
    assert_eq!((hik, dahua), (15, 13));
    let first = &all[0];
    assert_eq!(first["model"], "DS-2CD2043G2-IU");
    assert_eq!(first["lenses"][0]["hfov"], 103.0);
    assert_eq!(first["lenses"][0]["vfov_derived"], true);
    assert!(first["source"]["file"]
        .as_str()
        .unwrap()
        .starts_with("cameras/hikvision/"));

    let o = sightline(&["cameras", "dahua", "IPC-HDW2441T"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Dahua 大华  IPC-HDW2441T-S  [dahua-ipc-hdw2441t-s]  turret 海螺  2688×1520  2.8 mm 95°×"), "{}", lines[0]);
    assert!(
        lines[0].contains("3.6 mm 78°×49.2°*") && lines[0].contains("IR 30 m"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("1 个型号 models"), "{}", lines[1]);

    let o = sightline(&["cameras", "nonexistent-brand"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no camera model matches"));
}
