//! The articles the report quotes are exactly those in ../shared/law (official Chinese first,
//! then our English rendering); `python3 tools/make_law.py` rewrites them when the texts change.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::Path;

use sightline::report::law::ALL;

/// The Chinese text (quoted lines) and English rendering (the paragraphs after the quote, with
/// emphasis marks removed) of the section of `file` whose heading starts with `number`.
fn from_shared(file: &str, number: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/law")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut body: Vec<&str> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.starts_with(&format!("{number} "));
            continue;
        }
        if inside {
            body.push(line);
        }
    }
    assert!(!body.is_empty(), "{number} not in {file}");
    let zh: Vec<&str> = body
        .iter()
        .filter_map(|l| l.strip_prefix('>'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for l in body.iter().filter(|l| !l.starts_with('>')) {
        if l.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(l.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    (zh.join("\n"), paragraphs.join("\n\n").replace('*', ""))
}

#[test]
fn every_quoted_article_matches_the_shared_law_texts() {
    assert_eq!(ALL.len(), 15);
    for (file, name, text) in ALL {
        let (zh, en) = from_shared(file, text.heading_zh);
        assert_eq!(
            text.zh, zh,
            "{name}: the Chinese differs from ../shared/law/{file}"
        );
        assert_eq!(
            text.en, en,
            "{name}: the English differs from ../shared/law/{file}"
        );
        assert!(!text.zh.is_empty(), "{name}: official text");
    }
}
