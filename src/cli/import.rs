//! `sightline import` (shared/spec/import.md, "Command line").

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{terminal_safe, EXIT_BAD_INPUT, EXIT_OK};
use crate::import::roles::{Role, RoleOverrides};
use crate::import::units::Unit;
use crate::import::{self, Imported, Options, Scan};
use crate::model::{self, Site};

/// Arguments of `sightline import`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("target").args(["output", "add_to", "list"]).required(true)))]
pub struct ImportArgs {
    /// The DWG or DXF plan.
    pub plan: PathBuf,
    /// Write a new site with one floor.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Add the floor to this existing site (saved atomically).
    #[arg(long)]
    pub add_to: Option<PathBuf>,
    /// Only say what is in the file; nothing is written.
    #[arg(long)]
    pub list: bool,
    /// The new floor's id (default F1, or the next free one).
    #[arg(long)]
    pub floor_id: Option<String>,
    /// The new floor's name (default: the plan's file name).
    #[arg(long)]
    pub floor_name: Option<String>,
    /// Drawing units; `auto` weighs the header against the drawing.
    #[arg(long, default_value = "auto", value_parser = ["auto", "mm", "cm", "m", "in", "ft"])]
    pub units: String,
    /// Layers holding walls (names or `*` patterns, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub walls: Vec<String>,
    /// Layers holding doors.
    #[arg(long, value_delimiter = ',')]
    pub doors: Vec<String>,
    /// Layers holding windows.
    #[arg(long, value_delimiter = ',')]
    pub windows: Vec<String>,
    /// Layers holding glass walls (walls one can see through).
    #[arg(long, value_delimiter = ',')]
    pub glass: Vec<String>,
    /// Layers to leave out altogether.
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Import this paper-space layout instead of model space.
    #[arg(long, conflicts_with = "region")]
    pub layout: Option<String>,
    /// Import only what lies in this box, in drawing units: X0,Y0,X1,Y1.
    #[arg(
        long,
        value_delimiter = ',',
        num_args = 4,
        allow_negative_numbers = true
    )]
    pub region: Option<Vec<f64>>,
    /// Do not make spaces from the rooms.
    #[arg(long)]
    pub no_spaces: bool,
    /// Do not draw the plan into an underlay picture.
    #[arg(long)]
    pub no_underlay: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = super::Format::Text)]
    pub format: super::Format,
}

impl ImportArgs {
    /// The importer's options.
    pub fn options(&self) -> Options {
        let mut roles = RoleOverrides::default();
        for (role, list) in [
            (Role::Exclude, &self.exclude),
            (Role::Wall, &self.walls),
            (Role::Door, &self.doors),
            (Role::Window, &self.windows),
            (Role::Glass, &self.glass),
        ] {
            if !list.is_empty() {
                roles.rules.push((role, list.clone()));
            }
        }
        Options {
            units: Unit::parse(&self.units),
            roles,
            layout: self.layout.clone(),
            region: self
                .region
                .as_ref()
                .and_then(|r| <[f64; 4]>::try_from(r.as_slice()).ok()),
            drawing: None,
            no_spaces: self.no_spaces,
            no_underlay: self.no_underlay,
        }
    }
}

fn fail(stderr: &mut dyn Write, message: &str) -> i32 {
    let _ = writeln!(stderr, "sightline: {}", terminal_safe(message));
    EXIT_BAD_INPUT
}

/// Runs `sightline import`; returns the exit status.
pub fn run_import(args: &ImportArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let opts = args.options();
    if args
        .region
        .as_ref()
        .is_some_and(|r| r.iter().any(|v| !v.is_finite()))
    {
        return fail(stderr, "--region: four finite numbers X0,Y0,X1,Y1");
    }
    let scan = match import::scan(&args.plan, &opts) {
        Ok(s) => s,
        Err(e) => return fail(stderr, &e.to_string()),
    };
    if args.list {
        return list(&scan, args, stdout);
    }
    // The site the floor goes into.
    let (mut site, target) = match (&args.output, &args.add_to) {
        (Some(out), _) => {
            let mut site = Site::new(&stem(&args.plan));
            site.floors.clear();
            (site, out.clone())
        }
        (None, Some(existing)) => match model::load(existing) {
            Ok(site) => (site, existing.clone()),
            Err(e) => return fail(stderr, &e.to_string()),
        },
        (None, None) => return fail(stderr, "say where the floor goes: -o SITE or --add-to SITE"),
    };
    let floor_id = match &args.floor_id {
        Some(id) if site.floors.iter().any(|f| &f.id == id) => {
            return fail(
                stderr,
                &format!(
                    "{}: a floor \"{id}\" is already there; choose another --floor-id",
                    target.display()
                ),
            )
        }
        Some(id) => id.clone(),
        None => (1..)
            .map(|n| format!("F{n}"))
            .find(|id| !site.floors.iter().any(|f| &f.id == id))
            .unwrap_or_else(|| "F1".into()),
    };
    let floor_name = args.floor_name.clone().unwrap_or_else(|| stem(&args.plan));
    let imported = match import::build(&scan, &opts, &floor_id, &floor_name) {
        Ok(i) => i,
        Err(e) => return fail(stderr, &e.to_string()),
    };
    let Imported {
        mut floor,
        underlay,
        summary,
    } = imported;
    if let (Some(picture), Some(u)) = (&underlay, floor.underlay.as_mut()) {
        let image = import::underlay::file_name(&target, &floor_id);
        let path = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from(&image), |d| d.join(&image));
        if let Err(e) = model::write_atomically(&path, &picture.png) {
            return fail(
                stderr,
                &format!("{}: cannot write the underlay: {e}", path.display()),
            );
        }
        u.image = image;
    }
    site.floors.push(floor);
    if let Err(e) = model::save(&site, &target) {
        return fail(stderr, &e.to_string());
    }
    for w in &summary.warnings {
        let _ = writeln!(stderr, "sightline: warning: {}", terminal_safe(&w.en));
    }
    match args.format {
        super::Format::Json => {
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&summary).unwrap_or_default()
            );
        }
        super::Format::Text => {
            let c = &summary.counts;
            let spaces: Vec<String> = c.spaces.iter().map(|(k, n)| format!("{n} {k}")).collect();
            let _ = writeln!(
                stdout,
                "{} → {} floor {}: {} walls ({:.1} m), {} columns, {} glass walls ({:.1} m of window), {} doors, {} spaces to review{}; units {} ({} m per unit)",
                terminal_safe(&args.plan.display().to_string()),
                terminal_safe(&target.display().to_string()),
                terminal_safe(&floor_id),
                c.walls,
                c.wall_length_m,
                c.columns,
                c.glass_walls,
                c.window_length_m,
                c.openings.get("door").copied().unwrap_or(0),
                c.spaces_to_review,
                if spaces.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", spaces.join(", "))
                },
                scan.units.unit.name(),
                scan.units.metres_per_unit,
            );
            for lang in [crate::i18n::Lang::En, crate::i18n::Lang::Zh] {
                let line = crate::import::private_spaces_text(&c.private_spaces, lang);
                let _ = writeln!(stdout, "{}", terminal_safe(&line));
            }
        }
    }
    EXIT_OK
}

/// The file name of the plan without its extension.
fn stem(plan: &Path) -> String {
    plan.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Imported plan".into())
}

fn list(scan: &Scan, args: &ImportArgs, stdout: &mut dyn Write) -> i32 {
    let d = &scan.drawing;
    match args.format {
        super::Format::Json => {
            let doc = json!({
                "source": {
                    "path": scan.path.display().to_string(),
                    "format": d.format.name(),
                    "version": d.version,
                    "sha256": scan.sha256,
                },
                "units": scan.units,
                "layers": scan.layers,
                "layouts": d.layouts.iter().map(|l| json!({"name": l.name, "entities": l.entities})).collect::<Vec<Value>>(),
                "drawings": scan.drawings.iter().enumerate().map(|(i, c)| {
                    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
                    if let Some(o) = v.as_object_mut() {
                        o.insert("chosen".into(), json!(scan.chosen == Some(i)));
                    }
                    v
                }).collect::<Vec<Value>>(),
                "proxies": d.proxies,
                "proxies_drawn": d.proxies_drawn,
                "warnings": scan.warnings,
            });
            let _ = writeln!(
                stdout,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        super::Format::Text => {
            let mut out = String::new();
            let total: usize = d.counts.values().flat_map(|m| m.values()).sum();
            out.push_str(&format!(
                "{}: {} {}, {} entities in {}\n",
                scan.path.display(),
                d.format.name().to_uppercase(),
                d.version,
                total,
                args.layout.as_deref().unwrap_or("model space"),
            ));
            out.push_str(&format!(
                "units: {} ({} m per unit){}\n",
                scan.units.unit.name(),
                scan.units.metres_per_unit,
                if scan.units.overrides_header {
                    ", overriding the header"
                } else {
                    ""
                }
            ));
            if !scan.units.disagree.is_empty() {
                out.push_str(&format!(
                    "  UNITS UNCERTAIN: {} point elsewhere\n",
                    scan.units.disagree.join(", ")
                ));
            }
            for e in &scan.units.evidence {
                let allows: Vec<&str> = e.allows.iter().map(|u| u.name()).collect();
                out.push_str(&format!(
                    "  {} ({} confidence): {} → {}\n",
                    e.what,
                    e.confidence,
                    e.seen,
                    if allows.is_empty() {
                        "no unit fits".into()
                    } else {
                        allows.join(" or ")
                    }
                ));
            }
            out.push_str("layers (role, entities, length in the imported drawing):\n");
            for l in &scan.layers {
                let ents: Vec<String> =
                    l.entities.iter().map(|(t, n)| format!("{t} {n}")).collect();
                out.push_str(&format!(
                    "  {:<24} {:<8}{} {}  {:.1} m\n",
                    l.name,
                    l.role.name(),
                    if l.chosen { "*" } else { " " },
                    if ents.is_empty() {
                        "(in blocks only)".to_string()
                    } else {
                        ents.join(", ")
                    },
                    l.length_m
                ));
            }
            if !d.layouts.is_empty() {
                let names: Vec<String> = d
                    .layouts
                    .iter()
                    .map(|l| format!("{} ({} entities)", l.name, l.entities))
                    .collect();
                out.push_str(&format!("paper-space layouts: {}\n", names.join(", ")));
            }
            if !scan.drawings.is_empty() {
                out.push_str("drawings in model space (extents in drawing units):\n");
                for (i, c) in scan.drawings.iter().enumerate() {
                    out.push_str(&format!(
                        "  {}. {},{},{},{}  {} pieces, {:.1} m of wall lines{}\n",
                        i + 1,
                        c.extents[0][0],
                        c.extents[0][1],
                        c.extents[1][0],
                        c.extents[1][1],
                        c.pieces,
                        c.wall_length_m,
                        if scan.chosen == Some(i) {
                            "  ← imported"
                        } else {
                            ""
                        }
                    ));
                }
            }
            for (k, n) in &d.proxies {
                out.push_str(&format!("custom objects: {n} × {k}\n"));
            }
            for (k, n) in &d.proxies_drawn {
                out.push_str(&format!(
                    "custom objects drawn from their proxy graphics: {n} × {k}\n"
                ));
            }
            for w in &scan.warnings {
                out.push_str(&format!("warning: {w}\n"));
            }
            for line in out.lines() {
                let _ = writeln!(stdout, "{}", terminal_safe(line));
            }
        }
    }
    EXIT_OK
}
