//! The `sightline` binary: parse arguments, run a subcommand.

use clap::Parser;

fn main() {
    let cli = sightline::cli::Cli::parse();
    std::process::exit(sightline::cli::run(cli));
}
