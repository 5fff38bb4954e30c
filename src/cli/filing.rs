//! `sightline filing SITE -o DIR [--all] [--lang en|zh|both]`: writes the filing pack (the
//! Decree 799 Art. 14 sheet, the Measures Art. 15 materials when due, the device schedule as
//! CSV and XLSX with a bill of materials, the sign schedule) and lists what it wrote.

use std::io::Write;
use std::path::PathBuf;

use super::{languages, terminal_safe, EXIT_BAD_INPUT, EXIT_OK};
use crate::filing::write::{prepare, Source};
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
    // One read gives both the site and the bytes its SHA-256 is taken of.
    let (site, bytes) = match model::load_with_bytes(&args.site) {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = writeln!(stderr, "sightline: {}", terminal_safe(&e.to_string()));
            return EXIT_BAD_INPUT;
        }
    };
    let (analysis, findings) = check_site(&site);
    let source = Source {
        site: &site,
        analysis: &analysis,
        findings: &findings,
        base_dir: crate::render::base_dir_of(&args.site),
    };
    match prepare(
        &source,
        &args.site,
        &bytes,
        &args.output,
        args.lang,
        args.all,
    ) {
        Ok(done) => {
            for f in done.files {
                let _ = writeln!(stdout, "{}", terminal_safe(&f.display().to_string()));
            }
            if !done.materials {
                let _ = writeln!(
                    stdout,
                    "(no Measures Art. 15 materials: faces stored are below {}; --all writes them)",
                    crate::filing::ART15_FACES
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
