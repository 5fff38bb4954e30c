//! The `sightline` binary: parse arguments, run a subcommand.

use clap::Parser;

/// Allocation dominates the check of a large floor (vectors of segments, pieces and polygons
/// built on every thread); mimalloc halves its cost against glibc's arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = sightline::cli::Cli::parse();
    std::process::exit(sightline::cli::run(cli));
}
