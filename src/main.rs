//! The `sightline` binary: parse arguments, run a subcommand.
// On Windows the editor opens without a console window; the command line attaches to the
// console it is run from (see `sightline::console`).
#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

use clap::Parser;

/// Allocation dominates the check of a large floor (vectors of segments, pieces and polygons
/// built on every thread); mimalloc halves its cost against glibc's arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    sightline::console::attach();
    let cli = sightline::cli::Cli::parse();
    std::process::exit(sightline::cli::run(cli));
}
