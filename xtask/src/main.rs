//! Maintenance tasks: `cargo xtask codegen [--check]`, `import-openapi`, `bench`, `fuzz`, `soak`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod codegen;
mod fuzz;
mod import;
mod soak;

#[derive(Parser)]
#[command(about = "Project maintenance tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from spec/ (with --check: only compare, and fail on any difference).
    Codegen {
        #[arg(long)]
        check: bool,
    },
    /// Convert Twilio's official OpenAPI files (twilio_<product>_<version>.yaml) into spec files.
    ImportOpenapi {
        /// The official files.
        files: Vec<PathBuf>,
        /// Only report what each file would give (operations, what is left out); write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace spec files that already exist (hand-edited ones included).
        #[arg(long)]
        force: bool,
        /// Write into this directory instead of spec/ (to compare with the spec in place).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Report how each spec differs from its official file (all of tests/oai/ when no file
        /// is named); fail when an official file has something its spec lacks.
        #[arg(long, conflicts_with_all = ["dry_run", "force", "update"])]
        check: bool,
        /// Add what is new in the official files to their specs, keeping what is written there.
        #[arg(long, conflicts_with_all = ["dry_run", "force"])]
        update: bool,
    },
    /// Run the coverage-guided fuzz targets in fuzz/ (needs cargo-fuzz).
    Fuzz {
        /// The target to run (every target when none is named).
        target: Option<String>,
        /// Executions per target.
        #[arg(long, default_value_t = 100_000)]
        runs: u64,
        /// Stop each target after this many seconds, even before `--runs` executions.
        #[arg(long)]
        max_seconds: Option<u64>,
        /// Build unoptimized and without AddressSanitizer: much quicker to build, slower to
        /// run; for short smoke runs (CI).
        #[arg(long)]
        quick: bool,
        /// Build optimized without AddressSanitizer (for targets that run only safe Rust).
        #[arg(long)]
        no_asan: bool,
        /// List the targets and exit.
        #[arg(long)]
        list: bool,
    },
    /// Run the fault-injection soak (tests/tests/soak.rs) in release: many concurrent calls
    /// through one client against a server that answers slowly, resets, truncates, throttles.
    Soak {
        /// Logical calls (creates, fetches, two-page lists); retries come on top.
        #[arg(long, default_value_t = 100_000)]
        requests: u64,
        /// Tasks sharing the client.
        #[arg(long, default_value_t = 64)]
        concurrency: u64,
        /// Seed of the fault schedule.
        #[arg(long, default_value_t = 10)]
        seed: u64,
    },
    /// Measure codegen time and the debug build time of the generated crate per feature.
    Bench {
        /// Builds per feature set (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    let root = workspace_root();
    let result = match Cli::parse().command {
        Command::Codegen { check } => codegen::run(&root, check),
        Command::Bench { runs } => bench::run(&root, runs),
        Command::Soak {
            requests,
            concurrency,
            seed,
        } => soak::run(&root, requests, concurrency, seed),
        Command::Fuzz { list: true, .. } => fuzz::targets(&root).map(|targets| println!("{}", targets.join("\n"))),
        Command::Fuzz {
            target,
            runs,
            max_seconds,
            quick,
            no_asan,
            ..
        } => fuzz::run(
            &root,
            target.as_deref(),
            fuzz::Budget {
                runs,
                max_seconds,
                quick,
                no_asan,
            },
        ),
        Command::ImportOpenapi {
            files,
            dry_run,
            force,
            out,
            check,
            update,
        } => {
            let mode = match (dry_run, check, update) {
                (true, ..) => import::Mode::DryRun,
                (_, true, _) => import::Mode::Check,
                (.., true) => import::Mode::Update,
                _ => import::Mode::Write { force },
            };
            import::run(&root, &files, mode, out.as_deref())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}
