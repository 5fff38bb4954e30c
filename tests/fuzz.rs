//! A seeded mutation fuzz test of the sample sites: whatever a file holds, `check` never
//! panics, exits 0 or 1 with valid JSON, or exits 2 with a message; the picture of a loaded
//! site is always well-formed SVG.
//!
//! `SIGHTLINE_FUZZ_CASES` sets the number of cases (default 2,000) and `SIGHTLINE_FUZZ_SEED`
//! the seed, so a failure is reproduced with the seed and case number it prints.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::Path;

use serde_json::{json, Value};
use sightline::cli::{run_check, CheckArgs, FailOn, Format};
use sightline::i18n::Lang;

mod common;
use common::{Rng, SAMPLES};

/// Paths (as JSON pointers) of every node below the root.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        _ => {}
    }
}

fn odd_value(rng: &mut Rng) -> Value {
    let numbers = [
        0.0,
        -1.0,
        1.0,
        0.5,
        90.0,
        360.0,
        720.0,
        -0.0,
        1e-300,
        1e6,
        -1e6,
        1e6 + 1.0,
        1e7,
        1e300,
        4_294_967_296.0,
        1.8e19,
    ];
    match rng.below(9) {
        0..=2 => json!(numbers[rng.below(numbers.len())]),
        3 => json!(rng.below(5) as u64),
        4 => json!(
            [
                "",
                "x",
                "<b>&amp;</b>",
                "\u{1b}[31m\u{0}",
                "卫生间",
                "z-lobby",
                "toilet"
            ][rng.below(7)]
        ),
        5 => Value::Null,
        6 => json!(rng.below(2) == 0),
        7 => json!([]),
        _ => json!({}),
    }
}

/// Applies one random change to the document.
fn mutate(doc: &mut Value, rng: &mut Rng) {
    let mut ps = Vec::new();
    pointers(doc, String::new(), &mut ps);
    if ps.is_empty() {
        return;
    }
    let p = ps[rng.below(ps.len())].clone();
    let (parent, last) = p.rsplit_once('/').unwrap_or(("", ""));
    match rng.below(6) {
        // Replace with an odd value.
        0 | 1 => {
            let v = odd_value(rng);
            if let Some(slot) = doc.pointer_mut(&p) {
                *slot = v;
            }
        }
        // Delete.
        2 => match doc.pointer_mut(parent) {
            Some(Value::Object(m)) => {
                m.remove(&last.replace("~1", "/").replace("~0", "~"));
            }
            Some(Value::Array(a)) => {
                if let Ok(i) = last.parse::<usize>() {
                    if i < a.len() {
                        a.remove(i);
                    }
                }
            }
            _ => {}
        },
        // Duplicate an array element (same ids twice, extra points…).
        3 => {
            let item = doc.pointer(&p).cloned();
            if let (Some(item), Some(Value::Array(a))) = (item, doc.pointer_mut(parent)) {
                for _ in 0..1 + rng.below(3) {
                    a.push(item.clone());
                }
            }
        }
        // Copy another node's value here (a point where an id was, a floor into a wall…).
        4 => {
            let other = ps[rng.below(ps.len())].clone();
            if let Some(v) = doc.pointer(&other).cloned() {
                if let Some(slot) = doc.pointer_mut(&p) {
                    *slot = v;
                }
            }
        }
        // Nudge a number.
        _ => {
            if let Some(Value::Number(n)) = doc.pointer(&p).cloned() {
                let f = n.as_f64().unwrap_or(0.0);
                let factor = [-1.0, 0.0, 1e-9, 0.999, 1.001, 10.0, 1000.0][rng.below(7)];
                if let Some(slot) = doc.pointer_mut(&p) {
                    *slot = json!(f * factor);
                }
            }
        }
    }
}

/// Damages the text itself: flipped, inserted or removed bytes, or a cut.
fn damage(bytes: &mut Vec<u8>, rng: &mut Rng) {
    for _ in 0..1 + rng.below(4) {
        if bytes.is_empty() {
            return;
        }
        let i = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[i] = (rng.next() & 0xFF) as u8,
            1 => bytes.insert(i, b"{}[],:\"\\0e-9\xEF\xBB\xBF\xFF"[rng.below(16)]),
            2 => {
                bytes.remove(i);
            }
            _ => bytes.truncate(i),
        }
    }
}

#[test]
fn mutated_sample_sites_never_panic_and_always_answer_properly() {
    let cases: usize = std::env::var("SIGHTLINE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seed: u64 = std::env::var("SIGHTLINE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED_1234);
    let originals: Vec<Value> = SAMPLES
        .iter()
        .map(|name| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("sample_sites/{name}.site.json"));
            serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json")
        })
        .collect();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("fuzz.site.json");
    let mut rng = Rng(seed | 1);
    let (mut loaded, mut refused) = (0usize, 0usize);
    for case in 0..cases {
        let mut doc = originals[case % originals.len()].clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut doc, &mut rng);
        }
        let mut bytes = serde_json::to_vec(&doc).expect("encode");
        if rng.below(5) == 0 {
            damage(&mut bytes, &mut rng);
        }
        std::fs::write(&path, &bytes).expect("write");
        let args = CheckArgs {
            sites: vec![path.clone()],
            format: Format::Json,
            fail_on: FailOn::Violation,
            lang: Some(Lang::En),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_check(&args, &mut out, &mut err)
        }))
        .unwrap_or_else(|_| {
            let _ = std::fs::copy(&path, "/tmp/sightline-fuzz-panic.site.json");
            panic!("case {case} (seed {seed}) panicked; the file is in /tmp/sightline-fuzz-panic.site.json")
        });
        let err = String::from_utf8_lossy(&err);
        let doc: Value = serde_json::from_slice(&out)
            .unwrap_or_else(|e| panic!("case {case} (seed {seed}): not JSON on stdout: {e}"));
        match code {
            0 | 1 => {
                loaded += 1;
                assert!(err.is_empty(), "case {case}: {err}");
                assert!(doc["sites"][0]["findings"].is_array(), "case {case}");
                // Every loaded site also draws: every 8th one, the SVG of its first floor.
                if case % 8 == 0 {
                    let site = sightline::model::load(&path).expect("loaded before");
                    let (analysis, findings) = sightline::rules::check_site(&site);
                    let opts = sightline::render::RenderOptions {
                        width_px: 800,
                        lang: sightline::i18n::Lang::Zh,
                        date: "2026-01-01".to_owned(),
                        base_dir: None,
                        view: None,
                        dori: Default::default(),
                    };
                    let drawn = sightline::render::floor_svg(&site, &analysis, &findings, 0, &opts);
                    sightline::render::raster::parse_svg(&drawn.svg)
                        .unwrap_or_else(|e| panic!("case {case} (seed {seed}): {e}"));
                }
            }
            2 => {
                refused += 1;
                assert!(
                    err.starts_with("sightline: ") && err.len() > 20,
                    "case {case}: exit 2 without a message"
                );
                assert!(doc["errors"][0]["message"].is_string(), "case {case}");
            }
            other => panic!("case {case} (seed {seed}): exit {other}"),
        }
    }
    // The mutations reach both sides: some sites still load, some are refused.
    assert!(
        loaded > cases / 10 && refused > cases / 10,
        "{loaded} loaded, {refused} refused"
    );
}
