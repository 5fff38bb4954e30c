//! Writes a synthetic hotel tower (see `sightline::synthetic`), for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example gen_site -- --rooms 16600 --cameras 5000 --floors 20 -o tower.site.json
//! cargo run --release --example gen_site -- --rooms 16600 --cameras 5000 --one-floor -o level.site.json
//! ```
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::io::Write;

use clap::Parser;

/// Size of the generated site.
#[derive(Debug, Parser)]
struct Args {
    /// Guest rooms in all.
    #[arg(long, default_value_t = 166)]
    rooms: usize,
    /// Face-recognition cameras in all.
    #[arg(long, default_value_t = 50)]
    cameras: usize,
    /// Floors the rooms are spread over.
    #[arg(long, default_value_t = 1)]
    floors: usize,
    /// Lay every wing out on one floor, in a square grid (`--floors` is then ignored).
    #[arg(long)]
    one_floor: bool,
    /// Rooms per wing (both sides of one corridor).
    #[arg(long, default_value_t = 50)]
    rooms_per_wing: usize,
    /// Instead: one of the extreme floors of issue 25 (`star`, `grid`, `openings`) or the
    /// corridor layout (`corridors`, `--rooms` then counts corridors of 200 rooms).
    #[arg(long)]
    shape: Option<String>,
    /// Output file ("-" for standard output).
    #[arg(short, long, default_value = "-")]
    output: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let doc = match args.shape.as_deref() {
        Some("star") => sightline::synthetic::star_fitting_room(3000),
        Some("grid") => sightline::synthetic::wall_grid(316, 48),
        Some("openings") => sightline::synthetic::perforated_wall(5000),
        Some("corridors") => sightline::synthetic::corridors(args.rooms),
        Some(other) => anyhow::bail!("unknown shape {other}"),
        None if args.one_floor => {
            sightline::synthetic::level(args.rooms, args.cameras, args.rooms_per_wing)
        }
        None => {
            sightline::synthetic::tower(args.rooms, args.cameras, args.floors, args.rooms_per_wing)
        }
    };
    let text = serde_json::to_string(&doc)?;
    if args.output == "-" {
        std::io::stdout().write_all(text.as_bytes())?;
    } else {
        std::fs::write(&args.output, text)?;
        eprintln!(
            "wrote {}: {} wall segments",
            args.output,
            sightline::synthetic::wall_segments(&doc)
        );
    }
    Ok(())
}
