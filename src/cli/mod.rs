//! The `sightline` command line (shared/spec/cli.md).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{json, Value};

use crate::i18n::Lang;
use crate::model::{self, Site};
use crate::rules::{check_site, Counts, Finding, Severity, Verdict};

mod cameras;
mod filing;
mod fix;
mod import;

/// Exit status: nothing reached `--fail-on`.
pub const EXIT_OK: i32 = 0;
/// Exit status: a finding reached `--fail-on`.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: a file could not be read or is not a valid site.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Checks floor plans against Article 13 of China's face-recognition Measures (2025) and
/// State Council Decree 799.
#[derive(Debug, Parser)]
#[command(
    name = "sightline",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A site file to open in the editor.
    pub site: Option<PathBuf>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load each site, run every rule and print the findings.
    Check(CheckArgs),
    /// Draw one floor with its findings as a PNG, SVG or PDF picture.
    Render(RenderArgs),
    /// Write the compliance report: self-contained HTML, or PDF.
    Report(ReportArgs),
    /// Import a DWG or DXF plan as a floor (walls, doors, windows, rooms to review).
    Import(Box<import::ImportArgs>),
    /// List the bundled catalogue of real camera models (brand, model, lenses and angles).
    Cameras(cameras::CamerasArgs),
    /// Apply the smallest changes that settle every geometric violation (camera settings,
    /// signs, removing devices inside private spaces) and write the repaired site.
    Fix(fix::FixArgs),
    /// Write the filing pack: the Decree 799 Art. 14 sheet for the police, the Measures
    /// Art. 15 materials (at 100,000 faces stored, or with --all), the device schedule (CSV,
    /// XLSX, bill of materials) and the sign schedule.
    Filing(filing::FilingArgs),
}

/// Arguments of `sightline report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The site file.
    pub site: PathBuf,
    /// The file to write: .html (self-contained) or .pdf.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Output format (default: from the file's extension; HTML unless it is .pdf).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Language of the report: en, zh, or both (Chinese with English beside it).
    #[arg(long, value_parser = languages(), default_value = "both")]
    pub lang: std::option::Option<Lang>,
}

/// `report --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Pdf,
}

/// Does the path end in `.pdf` (any case)?
pub fn is_pdf(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Loads a site file, or says on stderr why it cannot be used and gives the exit status.
pub(crate) fn load_site(
    path: &std::path::Path,
    stderr: &mut dyn Write,
) -> Result<crate::model::Site, i32> {
    model::load(path).map_err(|e| {
        let _ = writeln!(stderr, "sightline: {}", terminal_safe(&e.to_string()));
        EXIT_BAD_INPUT
    })
}

/// Runs `sightline report`; returns the exit status.
pub fn run_report(args: &ReportArgs, stderr: &mut dyn Write) -> i32 {
    let site = match load_site(&args.site, stderr) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let (analysis, findings) = check_site(&site);
    let opts = crate::report::ReportOptions {
        lang: args.lang,
        date: model::today(),
        base_dir: crate::render::base_dir_of(&args.site),
    };
    let pdf = match args.format {
        Some(f) => f == ReportFormat::Pdf,
        None => is_pdf(&args.output),
    };
    if pdf {
        let made = crate::report::paper::pdf(&site, &analysis, &findings, &opts);
        return finish_pdf(stderr, &args.site, &args.output, made);
    }
    let mut warnings = Vec::new();
    let written = model::write_atomically_with(&args.output, |out| {
        warnings = crate::report::write_html(&site, &analysis, &findings, &opts, out)?;
        Ok(())
    });
    for w in &warnings {
        let _ = writeln!(stderr, "sightline: warning: {}", terminal_safe(w));
    }
    written_status(stderr, &args.output, written)
}

/// The exit status of a written output; says why on stderr when it could not be written.
fn written_status(
    stderr: &mut dyn Write,
    output: &std::path::Path,
    written: std::io::Result<()>,
) -> i32 {
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(
                stderr,
                "sightline: {}: cannot write: {}",
                terminal_safe(&output.display().to_string()),
                terminal_safe(&e.to_string())
            );
            EXIT_BAD_INPUT
        }
    }
}

/// Arguments of `sightline render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The site file.
    pub site: PathBuf,
    /// The picture to write: .png, .svg for the vector drawing, or .pdf (a vector page).
    #[arg(short, long)]
    pub output: PathBuf,
    /// The floor's id (default: the first floor).
    #[arg(long)]
    pub floor: Option<String>,
    /// Width of the picture in pixels.
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(400..=20000))]
    pub width: u32,
    /// Language of the labels and findings.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Draw the DORI bands (px/m across the image width) and blind zones of every camera.
    #[arg(long)]
    pub dori: bool,
}

/// Text from a file made safe for a terminal: control characters (escape sequences, bells,
/// NULs, line breaks inside a name) and the bidirectional overrides that reorder what is shown
/// become U+FFFD, so a name can never recolour, move or hide what is printed.
///
/// ```
/// assert_eq!(sightline::cli::terminal_safe("a\u{1b}[2Jb\u{7}c\u{202e}d"), "a\u{fffd}[2Jb\u{fffd}c\u{fffd}d");
/// assert_eq!(sightline::cli::terminal_safe("客房 8201"), "客房 8201");
/// ```
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if s.chars().any(unsafe_char) {
        s.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Runs `sightline render`; returns the exit status.
pub fn run_render(args: &RenderArgs, stderr: &mut dyn Write) -> i32 {
    let site = match load_site(&args.site, stderr) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let Some(fi) = crate::render::floor_index(&site, args.floor.as_deref()) else {
        let ids: Vec<&str> = site.floors.iter().map(|f| f.id.as_str()).collect();
        let _ = writeln!(
            stderr,
            "sightline: {}: no floor {:?}; the floors are {}",
            terminal_safe(&args.site.display().to_string()),
            args.floor.as_deref().unwrap_or(""),
            terminal_safe(&ids.join(", "))
        );
        return EXIT_BAD_INPUT;
    };
    let (analysis, findings) = check_site(&site);
    let opts = crate::render::RenderOptions {
        width_px: args.width,
        lang: args.lang,
        date: model::today(),
        base_dir: crate::render::base_dir_of(&args.site),
        view: None,
        dori: if args.dori {
            crate::scene::DoriShow::All
        } else {
            crate::scene::DoriShow::Off
        },
    };
    if is_pdf(&args.output) {
        let made = crate::report::paper::plans_pdf(&site, &analysis, &findings, &[fi], &opts);
        return finish_pdf(stderr, &args.site, &args.output, made);
    }
    let crate::render::Rendered { svg, warnings, .. } =
        crate::render::floor_svg(&site, &analysis, &findings, fi, &opts);
    let bytes = match crate::render::picture_bytes(svg, crate::render::wants_svg(&args.output)) {
        Ok(b) => b,
        Err(e) => return cannot_make(stderr, &args.site, &e),
    };
    finish_export(stderr, &warnings, &args.output, &bytes)
}

/// Says on stderr that the output of `site` could not be made; returns the exit status.
fn cannot_make(stderr: &mut dyn Write, site: &std::path::Path, e: &dyn std::fmt::Display) -> i32 {
    let _ = writeln!(
        stderr,
        "sightline: {}: {}",
        terminal_safe(&site.display().to_string()),
        terminal_safe(&e.to_string())
    );
    EXIT_BAD_INPUT
}

/// Writes a PDF made of `site` (or says why it could not be made); returns the exit status.
fn finish_pdf(
    stderr: &mut dyn Write,
    site: &std::path::Path,
    output: &std::path::Path,
    made: Result<(Vec<u8>, Vec<String>), crate::pdf::PdfError>,
) -> i32 {
    match made {
        Ok((bytes, warnings)) => finish_export(stderr, &warnings, output, &bytes),
        Err(e) => cannot_make(stderr, site, &e),
    }
}

/// Reports an export's warnings and writes it atomically; returns the exit status.
fn finish_export(
    stderr: &mut dyn Write,
    warnings: &[String],
    output: &std::path::Path,
    bytes: &[u8],
) -> i32 {
    for w in warnings {
        let _ = writeln!(stderr, "sightline: warning: {}", terminal_safe(w));
    }
    written_status(stderr, output, model::write_atomically(output, bytes))
}

/// Arguments of `sightline check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Site files (*.site.json).
    #[arg(required = true)]
    pub sites: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when a finding of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = FailOn::Violation)]
    pub fail_on: FailOn,
    /// Language of the text output (the JSON output always carries both).
    #[arg(long, value_parser = languages(), default_value = "en")]
    pub lang: std::option::Option<Lang>,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Violation,
    Warning,
    Never,
}

/// `--lang en|zh|both` of `check` and `report`: one language, or `None` for both.
fn languages() -> impl clap::builder::TypedValueParser<Value = Option<Lang>> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(["en", "zh", "both"]).map(|s| match s.as_str() {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    })
}

impl FailOn {
    fn reached_by(self, s: Severity) -> bool {
        match self {
            FailOn::Violation => s >= Severity::Violation,
            FailOn::Warning => s >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

fn round(v: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (v * k).round() / k
}

fn point_json(p: [f64; 2]) -> Value {
    json!([round(p[0], 3), round(p[1], 3)])
}

/// One finding as the JSON object of cli.md.
pub fn finding_json(f: &Finding) -> Value {
    let mut obj = json!({
        "rule": f.rule.as_str(),
        "severity": f.severity.as_str(),
        "floor": f.floor,
        "subjects": f.subjects,
        "article": f.article.map(|a| a.zh),
        "article_en": f.article.map(|a| a.en),
        "message_en": f.message_en(),
        "message_zh": f.message_zh(),
        "area_m2": f.area_m2.map(|a| round(a, 3)),
        "at": f.at.map(point_json),
    });
    if let (Some(stretches), Some(map)) = (&f.stretches, obj.as_object_mut()) {
        map.insert(
            "stretches".to_owned(),
            Value::Array(
                stretches
                    .iter()
                    .map(|[a, b]| json!([point_json(*a), point_json(*b)]))
                    .collect(),
            ),
        );
    }
    obj
}

/// Writes `v` pretty-printed as serde_json does, as if it stood `indent` spaces deep.
fn write_indented(out: &mut dyn Write, v: &Value, indent: usize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(std::io::Error::other)?;
    // JSON strings never hold a raw line break, so every line break is the printer's own.
    let pad = format!("\n{}", " ".repeat(indent));
    out.write_all(text.replace('\n', &pad).as_bytes())
}

/// Writes one checked site as the JSON object of cli.md, a finding at a time (the same bytes
/// as pretty-printing [`site_json`] `indent` spaces deep, without building it).
fn write_site_json(
    out: &mut dyn Write,
    file: &str,
    site: &Site,
    findings: &[Finding],
    indent: usize,
) -> std::io::Result<()> {
    let head = site_head_json(file, site, findings);
    let text = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
    let pad = " ".repeat(indent);
    let head = text
        .strip_suffix("\n}")
        .unwrap_or(&text)
        .replace('\n', &format!("\n{pad}"));
    write!(out, "{head},\n{pad}  \"findings\": [")?;
    // Findings are formatted in parallel a batch at a time, and written in order.
    use rayon::prelude::*;
    for (b, batch) in findings.chunks(2048).enumerate() {
        let texts: Vec<Vec<u8>> = batch
            .par_iter()
            .enumerate()
            .map(|(k, f)| {
                let mut text = Vec::new();
                let first = b == 0 && k == 0;
                let _ = write!(text, "{}\n{pad}    ", if first { "" } else { "," });
                let _ = write_indented(&mut text, &finding_json(f), indent + 4);
                text
            })
            .collect();
        for text in texts {
            out.write_all(&text)?;
        }
    }
    if !findings.is_empty() {
        write!(out, "\n{pad}  ")?;
    }
    write!(out, "]\n{pad}}}")
}

/// One checked site as the JSON object of cli.md.
pub fn site_json(file: &str, site: &Site, findings: &[Finding]) -> Value {
    let mut v = site_head_json(file, site, findings);
    if let Some(map) = v.as_object_mut() {
        map.insert(
            "findings".to_owned(),
            findings.iter().map(finding_json).collect(),
        );
    }
    v
}

/// Everything of [`site_json`] but its findings, in the same order.
fn site_head_json(file: &str, site: &Site, findings: &[Finding]) -> Value {
    let c = Counts::of(findings);
    json!({
        "file": file,
        "name": site.name,
        "passes": c.verdict() == Verdict::Pass,
        "counts": { "violation": c.violation, "warning": c.warning, "info": c.info },
    })
}

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(&self, s: Severity, lang: Lang) -> String {
        let code = match s {
            Severity::Violation => "1;31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        let label = s.label(lang);
        let pad = 10usize.saturating_sub(display_width(label));
        format!("{}{}", self.paint(code, label), " ".repeat(pad))
    }
}

/// Width of a string in terminal columns (CJK characters take two).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum()
}

/// One finding as a line of text.
pub fn finding_line(f: &Finding, lang: Option<Lang>) -> String {
    finding_line_styled(f, lang, &Style { colour: false })
}

fn finding_line_styled(f: &Finding, lang: Option<Lang>, style: &Style) -> String {
    let main_lang = if lang == Some(Lang::Zh) {
        Lang::Zh
    } else {
        Lang::En
    };
    let message = match lang {
        Some(Lang::En) => f.message_en(),
        Some(Lang::Zh) => f.message_zh(),
        None => format!("{} / {}", f.message_en(), f.message_zh()),
    };
    let mut line = format!(
        "    {}{:<20} {}",
        style.severity(f.severity, main_lang),
        f.rule.as_str(),
        terminal_safe(&message)
    );
    if let Some(a) = f.article {
        let cite = match lang {
            Some(Lang::En) => a.en.to_owned(),
            Some(Lang::Zh) => a.zh.to_owned(),
            None => format!("{}; {}", a.zh, a.en),
        };
        line.push_str(&style.paint("2", &format!(" [{cite}]")));
    }
    if let Some(p) = f.at {
        line.push_str(&style.paint("2", &format!(" @ ({:.2}, {:.2})", p[0], p[1])));
    }
    line
}

/// The text report of one site.
pub fn site_text(
    file: &str,
    site: &Site,
    findings: &[Finding],
    lang: Option<Lang>,
    colour: bool,
) -> String {
    let style = Style { colour };
    let zh = lang == Some(Lang::Zh);
    let mut out = String::new();
    let title = if site.name.is_empty() {
        file.to_owned()
    } else {
        format!("{file} — {}", site.name)
    };
    out.push_str(&style.paint("1", &terminal_safe(&title)));
    out.push('\n');
    let mut current: Option<Option<usize>> = None;
    // Grouped by floor (site-wide first), keeping the order within each group.
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| f.floor_index);
    for f in ordered {
        let group = f.floor_index;
        if current != Some(group) {
            current = Some(group);
            let heading = match group {
                None => (if zh { "整个场所" } else { "Whole site" }).to_owned(),
                Some(i) => {
                    let Some(fl) = site.floors.get(i) else {
                        continue;
                    };
                    if fl.name.is_empty() {
                        fl.id.clone()
                    } else {
                        format!("{} ({})", fl.name, fl.id)
                    }
                }
            };
            out.push_str(&format!("  {}\n", terminal_safe(&heading)));
        }
        out.push_str(&finding_line_styled(f, lang, &style));
        out.push('\n');
    }
    let c = Counts::of(findings);
    let lang = if zh { Lang::Zh } else { Lang::En };
    let verdict = c.verdict();
    let ansi = match verdict {
        Verdict::Pass => "1;32",
        Verdict::Fail => "1;31",
    };
    let shown = style.paint(ansi, verdict.text().get(lang));
    out.push_str(&format!("  {}\n", c.summary(lang, &shown)));
    out
}

/// Runs `sightline check`; returns the exit status.
pub fn run_check(args: &CheckArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut bad_input = false;
    let mut failing = false;
    let mut errors_json = Vec::new();
    let colour = args.format == Format::Text && std::io::stdout().is_terminal();
    let json = args.format == Format::Json;
    // The JSON document is written as each site is checked, a finding at a time, so a large
    // site's findings are never held twice (as values and as text).
    let mut sites_written = 0usize;
    if json {
        let _ = write!(stdout, "{{\n  \"sites\": [");
    }
    for (i, path) in args.sites.iter().enumerate() {
        let file = path.display().to_string();
        match model::load(path) {
            Err(e) => {
                bad_input = true;
                let _ = writeln!(stderr, "sightline: {}", terminal_safe(&e.to_string()));
                errors_json.push(json!({ "file": file, "message": e.to_string() }));
            }
            Ok(site) => {
                let (_, findings) = check_site(&site);
                failing |= findings.iter().any(|f| args.fail_on.reached_by(f.severity));
                if json {
                    let sep = if sites_written == 0 { "" } else { "," };
                    let _ = write!(stdout, "{sep}\n    ");
                    let _ = write_site_json(stdout, &file, &site, &findings, 4);
                    sites_written += 1;
                } else {
                    if i > 0 {
                        let _ = writeln!(stdout);
                    }
                    let _ = write!(
                        stdout,
                        "{}",
                        site_text(&file, &site, &findings, args.lang, colour)
                    );
                }
            }
        }
    }
    if json {
        if sites_written > 0 {
            let _ = write!(stdout, "\n  ");
        }
        let _ = write!(stdout, "]");
        if !errors_json.is_empty() {
            let _ = write!(stdout, ",\n  \"errors\": ");
            let _ = write_indented(stdout, &Value::Array(errors_json), 2);
        }
        let _ = writeln!(stdout, "\n}}");
    }
    if bad_input {
        EXIT_BAD_INPUT
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Runs the program with parsed arguments; returns the exit status.
pub fn run(cli: Cli) -> i32 {
    // Buffered: the standard output's own line buffering costs a system call per line, which
    // for 19,000 findings as JSON was 38,000 writes and 0.15 s.
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let status = match cli.command {
        Some(Command::Check(args)) => run_check(&args, &mut stdout, &mut stderr),
        Some(Command::Render(args)) => run_render(&args, &mut stderr),
        Some(Command::Report(args)) => run_report(&args, &mut stderr),
        Some(Command::Import(args)) => import::run_import(&args, &mut stdout, &mut stderr),
        Some(Command::Cameras(args)) => cameras::run_cameras(&args, &mut stdout, &mut stderr),
        Some(Command::Fix(args)) => fix::run_fix(&args, &mut stdout, &mut stderr),
        Some(Command::Filing(args)) => filing::run_filing(&args, &mut stdout, &mut stderr),
        None => open_editor(cli.site, &mut stderr),
    };
    let _ = stdout.flush();
    status
}

#[cfg(feature = "gui")]
fn open_editor(site: Option<PathBuf>, _stderr: &mut dyn Write) -> i32 {
    crate::app::run(site)
}

#[cfg(not(feature = "gui"))]
fn open_editor(site: Option<PathBuf>, stderr: &mut dyn Write) -> i32 {
    let what = match &site {
        Some(p) => format!("to open {} ", p.display()),
        None => String::new(),
    };
    let _ = writeln!(
        stderr,
        "sightline: this build has no editor {what}(it was built without the `gui` feature); check a site with `sightline check SITE`\n(see `sightline --help`)"
    );
    EXIT_BAD_INPUT
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed JSON is byte for byte the pretty-printed document.
    #[test]
    fn streamed_json_equals_the_pretty_printed_document() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_sites");
        for name in ["mall-mistakes", "hotel"] {
            let path = dir.join(format!("{name}.site.json"));
            let site = model::load(&path).expect("sample");
            let (_, findings) = check_site(&site);
            let file = path.display().to_string();
            let whole = serde_json::to_string_pretty(&json!({
                "sites": [site_json(&file, &site, &findings), site_json("x", &site, &[])]
            }))
            .expect("json");
            let mut streamed = b"{\n  \"sites\": [\n    ".to_vec();
            write_site_json(&mut streamed, &file, &site, &findings, 4).expect("write");
            streamed.extend_from_slice(b",\n    ");
            write_site_json(&mut streamed, "x", &site, &[], 4).expect("write");
            streamed.extend_from_slice(b"\n  ]\n}");
            assert_eq!(String::from_utf8(streamed).expect("utf-8"), whole, "{name}");
        }
    }
}
