//! `cargo xtask bench`: the numbers recorded in BENCHMARKS.md.
//!
//! - codegen: the whole pipeline (read spec/, validate, emit, format) in process, median of 10;
//! - build: `cargo build -p twilio-rust` (debug) per feature set, dependencies already built,
//!   after `cargo clean -p twilio-rust`, in a separate target dir, median of `runs`, both as a
//!   dependency is built (not incremental) and as the workspace builds it (incremental);
//! - overhead: client CPU time per request against a local server, generated client versus a
//!   hand-written reqwest call (`tests/benches/overhead.rs`).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub fn run(root: &Path, runs: usize) -> Result<(), String> {
    let runs = runs.max(1);
    let mut codegen = Vec::new();
    let mut lines = 0;
    let mut rest_lines = 0;
    for _ in 0..10 {
        let started = Instant::now();
        let output = twilio_codegen::generate(&root.join("spec")).map_err(|d| format!("{} spec problems", d.len()))?;
        codegen.push(started.elapsed());
        lines = output.files.iter().map(|f| f.contents.lines().count()).sum();
        rest_lines = rest_module_lines(root, &output)?;
    }
    println!(
        "codegen: median {:.1?} over 10 runs, {lines} lines generated",
        median(&mut codegen)
    );
    let operations: usize = twilio_codegen::load_dir(&root.join("spec"))
        .map_err(|d| format!("{} spec problems", d.len()))?
        .iter()
        .flat_map(|p| &p.resources)
        .map(|r| r.methods.len())
        .sum();
    println!(
        "REST modules: {rest_lines} lines for {operations} operations ({:.0} per operation)",
        rest_lines as f64 / operations.max(1) as f64
    );

    let manifest = std::fs::read_to_string(root.join("generated/Cargo.toml")).map_err(|e| e.to_string())?;
    let features: Vec<String> = manifest
        .lines()
        .skip_while(|l| !l.starts_with("# @generated features begin"))
        .take_while(|l| !l.starts_with("# @generated features end"))
        .filter_map(|l| l.split_once(" = []").map(|(name, _)| name.trim().to_owned()))
        .collect();
    let target = root.join("target/bench");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Users build the crate as a registry dependency, which cargo never compiles incrementally;
    // working in this workspace does (the dev profile's default), at a cost of its own.
    let build = |features: &str, incremental: bool| -> Result<Duration, String> {
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(root)
            .args(["build", "--quiet", "-p", "twilio-rust", "--no-default-features"]);
        if !features.is_empty() {
            cmd.args(["--features", features]);
        }
        cmd.env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", if incremental { "1" } else { "0" });
        let started = Instant::now();
        let status = cmd.status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("cargo build failed for features [{features}]"));
        }
        Ok(started.elapsed())
    };
    let clean = || -> Result<(), String> {
        let status = Command::new(&cargo)
            .current_dir(root)
            .args(["clean", "--quiet", "-p", "twilio-rust"])
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| e.to_string())?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| "cargo clean failed".to_owned())
    };
    println!("warming dependencies (target/bench)…");
    build("full", false)?;
    let mut sets: Vec<String> = vec![String::new()];
    sets.extend(features.iter().filter(|f| *f != "all-products").cloned());
    sets.push("all-products".to_owned());
    sets.push("full".to_owned());
    println!(
        "\n| features | debug build of twilio-rust as a dependency | incremental, in the workspace |\n|---|---|---|"
    );
    for set in sets {
        let (mut dependency, mut workspace) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            clean()?;
            dependency.push(build(&set, false)?);
            clean()?;
            workspace.push(build(&set, true)?);
        }
        let shown = if set.is_empty() {
            "(none: runtime only)".to_owned()
        } else {
            set.clone()
        };
        println!(
            "| {shown} | {:.2} s | {:.2} s |",
            median(&mut dependency).as_secs_f64(),
            median(&mut workspace).as_secs_f64()
        );
    }
    println!("\nper-request overhead (cargo bench -p twilio-e2e --bench overhead):");
    let status = Command::new(&cargo)
        .current_dir(root)
        .args(["bench", "--quiet", "-p", "twilio-e2e", "--bench", "overhead"])
        .status()
        .map_err(|e| e.to_string())?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "overhead bench failed".to_owned())
}

/// Lines of the product modules (`generated/src/generated/<product>/**`), without webhook
/// payloads, TwiML and the conformance samples.
fn rest_module_lines(root: &Path, output: &twilio_codegen::Output) -> Result<usize, String> {
    let products = twilio_codegen::load_dir(&root.join("spec")).map_err(|d| format!("{} spec problems", d.len()))?;
    let dirs: Vec<String> = products
        .iter()
        .map(|p| format!("{}/{}/", twilio_codegen::emit::GENERATED_DIR, p.product))
        .collect();
    Ok(output
        .files
        .iter()
        .filter(|f| dirs.iter().any(|d| f.path.starts_with(d.as_str())))
        .map(|f| f.contents.lines().count())
        .sum())
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
