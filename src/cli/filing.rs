//! `sightline filing SITE -o DIR [--all] [--lang en|zh|both]`: writes the filing pack (the
//! Decree 799 Art. 14 sheet, the Measures Art. 15 materials when due, the device schedule as
//! CSV and XLSX with a bill of materials, the sign schedule) and lists what it wrote.

use std::io::Write;
use std::path::PathBuf;

use super::{languages, terminal_safe, EXIT_BAD_INPUT, EXIT_OK};
use crate::filing::{self, write::Source, Provenance};
use crate::i18n::Lang;
use crate::model;
use crate::rules::check_site;

/// Arguments of `sightline filing`.
#[derive(Debug, clap::Args)]
pub struct FilingArgs {
    /// The site file.
    pub site: PathBuf,
    /// The folder to write the pack into (made if missing; files of the same names are
    /// replaced).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Write the Measures Art. 15 materials even below 100,000 stored faces.
    #[arg(long)]
    pub all: bool,
    /// Language of the sheets: en, zh, or both (Chinese with English beside it).
    #[arg(long, value_parser = languages(), default_value = "both")]
    pub lang: std::option::Option<Lang>,
}

/// Runs `sightline filing`; returns the exit status.
pub fn run_filing(args: &FilingArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let shown = |p: &std::path::Path| terminal_safe(&p.display().to_string()).into_owned();
    let bytes = match std::fs::read(&args.site) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(
                stderr,
                "sightline: {}: {}",
                shown(&args.site),
                terminal_safe(&e.to_string())
            );
            return EXIT_BAD_INPUT;
        }
    };
    let site = match super::load_site(&args.site, stderr) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (analysis, findings) = check_site(&site);
    let name = args
        .site
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let provenance = Provenance::of(&name, &bytes, &model::today());
    let pack = filing::pack(&site, &analysis, &findings, provenance, args.all);
    let source = Source {
        site: &site,
        analysis: &analysis,
        findings: &findings,
        base_dir: crate::render::base_dir_of(&args.site),
    };
    match filing::write::write(&pack, &args.output, args.lang, &source) {
        Ok(files) => {
            for f in files {
                let _ = writeln!(stdout, "{}", shown(&f));
            }
            if pack.materials.is_none() {
                let _ = writeln!(
                    stdout,
                    "(no Measures Art. 15 materials: faces stored are below {}; --all writes them)",
                    filing::ART15_FACES
                );
            }
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(stderr, "sightline: {}", terminal_safe(&e.to_string()));
            EXIT_BAD_INPUT
        }
    }
}
