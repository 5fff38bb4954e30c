//! `sightline fix SITE -o OUT [--format text|json] [--only RULE,...]`: applies every change
//! geometry can make (camera settings, signs, removing devices inside private spaces), writes
//! the repaired site and says what it did; exit 1 when violations remain.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{json, Value};

use super::{terminal_safe, Format, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK};
use crate::fix::{fix_site, geometric, Applied, Change};
use crate::model;
use crate::rules::{RuleId, Severity};

/// Arguments of `sightline fix`.
#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// The site file.
    pub site: PathBuf,
    /// The repaired site file to write (the site file itself to fix it in place).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Output format of the list of changes.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Fix only the findings of these rules (comma-separated ids, e.g. R799-A8-VIEW).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
}

/// Runs `sightline fix`.
pub fn run_fix(args: &FixArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut only = Vec::new();
    for name in &args.only {
        let name = name.trim();
        match RuleId::ALL
            .iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(name))
        {
            Some(r) if geometric(*r) => only.push(*r),
            Some(r) => {
                let _ = writeln!(
                    stderr,
                    "sightline: --only {}: no geometry settles this rule; set the field the finding names (geometric rules: {})",
                    r.as_str(),
                    geometric_rules()
                );
                return EXIT_BAD_INPUT;
            }
            None => {
                let _ = writeln!(
                    stderr,
                    "sightline: --only {}: no such rule (geometric rules: {})",
                    terminal_safe(name),
                    geometric_rules()
                );
                return EXIT_BAD_INPUT;
            }
        }
    }
    let site = match super::load_site(&args.site, stderr) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let out = fix_site(&site, &only);
    if let Err(e) = model::save(&out.site, &args.output) {
        let _ = writeln!(stderr, "sightline: {}", terminal_safe(&e.to_string()));
        return EXIT_BAD_INPUT;
    }
    let count = |fs: &[crate::rules::Finding]| {
        fs.iter()
            .filter(|f| f.severity == Severity::Violation)
            .count()
    };
    let (before, after) = (count(&out.before), count(&out.after));
    let left_geometric: Vec<&crate::rules::Finding> = out
        .after
        .iter()
        .filter(|f| f.severity == Severity::Violation && geometric(f.rule))
        .collect();
    match args.format {
        Format::Json => {
            // cli.md v2: {"changes": [{"rule", "subjects", "change", "keeps"}], "remaining":
            // [finding...]}, and more beside it.
            let doc = json!({
                "site": args.site.display().to_string(),
                "output": args.output.display().to_string(),
                "changes": out.applied.iter().map(change_json).collect::<Vec<Value>>(),
                "remaining": out.after.iter().map(super::finding_json).collect::<Vec<Value>>(),
                "violations_before": before,
                "violations_after": after,
                "geometric_violations_left": left_geometric.iter().map(|f| json!({
                    "rule": f.rule.as_str(), "subjects": f.subjects,
                })).collect::<Vec<Value>>(),
            });
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        Format::Text => {
            for (i, a) in out.applied.iter().enumerate() {
                let settles: Vec<String> = a
                    .settles
                    .iter()
                    .map(|(r, s)| format!("{} {}", r.as_str(), s.join("/")))
                    .collect();
                let _ = writeln!(
                    stdout,
                    "{}. {}\n   {}\n   settles 解决: {}",
                    i + 1,
                    terminal_safe(&a.text_en),
                    terminal_safe(&a.text_zh),
                    terminal_safe(&settles.join(", "))
                );
            }
            let _ = writeln!(
                stdout,
                "{} change(s) 项修改 → {}; violations 违规 {} → {}{}",
                out.applied.len(),
                terminal_safe(&args.output.display().to_string()),
                before,
                after,
                if left_geometric.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({} geometric left 项几何违规未能解决)",
                        left_geometric.len()
                    )
                }
            );
        }
    }
    if after > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn geometric_rules() -> String {
    RuleId::ALL
        .iter()
        .filter(|r| geometric(**r))
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn change_json(a: &Applied) -> Value {
    let change = match &a.change {
        Change::SetDevice { floor, device, .. } => json!({
            "kind": "set_device", "floor": floor, "device": device.id,
            "heading": device.heading, "fov": device.fov, "range": device.range, "tilt": device.tilt,
        }),
        Change::AddSigns { floor, signs } => json!({
            "kind": "add_signs", "floor": floor,
            "signs": signs.iter().map(|s| json!({"id": s.id, "position": s.position, "facing": s.facing})).collect::<Vec<Value>>(),
        }),
        Change::RemoveDevice { floor, .. } => json!({
            "kind": "remove_device", "floor": floor,
            "device": a.settles.first().and_then(|(_, s)| s.first()),
        }),
    };
    let (rule, subjects) = a
        .settles
        .first()
        .map_or((Value::Null, Value::Null), |(r, s)| {
            (json!(r.as_str()), json!(s))
        });
    json!({
        "rule": rule,
        "subjects": subjects,
        "change": change,
        "keeps": a.kept.map(|k| json!({"before_m2": k.before_m2, "after_m2": k.after_m2, "share": k.share(), "of": if k.of_zone { "zone" } else { "public_places" }})),
        "text_en": a.text_en,
        "text_zh": a.text_zh,
        "settles": a.settles.iter().map(|(r, s)| json!({"rule": r.as_str(), "subjects": s})).collect::<Vec<Value>>(),
    })
}
