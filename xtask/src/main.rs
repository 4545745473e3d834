//! Maintenance tasks: `cargo xtask codegen [--check]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

mod bench;

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
    /// Measure codegen time and the debug build time of the generated crate per feature.
    Bench {
        /// Builds per feature set (the median is reported).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
}

/// Markers around the generated part of generated/Cargo.toml.
const FEATURES_BEGIN: &str = "# @generated features begin\n";
const FEATURES_END: &str = "# @generated features end\n";

fn main() -> ExitCode {
    let root = workspace_root();
    let result = match Cli::parse().command {
        Command::Codegen { check } => codegen(&root, check),
        Command::Bench { runs } => bench::run(&root, runs),
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

fn codegen(root: &Path, check: bool) -> Result<(), String> {
    let started = Instant::now();
    let output = twilio_codegen::generate(&root.join("spec")).map_err(|problems| {
        let mut text = String::new();
        for p in &problems {
            text.push_str(&format!("{p}\n"));
        }
        text.push_str(&format!("error: {} problem(s) in spec/", problems.len()));
        text
    })?;

    // Desired contents of every file the generator owns.
    let mut wanted: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let manifest_path = "generated/Cargo.toml";
    let manifest = read(root, manifest_path).unwrap_or_default();
    wanted.push((
        manifest_path.to_owned(),
        splice_features(&manifest, &output.cargo_features)?,
    ));

    let mut stale = Vec::new();
    for (path, contents) in &wanted {
        let current = read(root, path);
        if current.as_deref().map(normalize) != Some(normalize(contents)) {
            stale.push(Change {
                path: path.clone(),
                old: current,
                new: Some(contents.clone()),
            });
        }
    }
    // Files left over from resources that no longer exist.
    let generated_dir = root.join(twilio_codegen::emit::GENERATED_DIR);
    for path in list_files(&generated_dir) {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if !wanted.iter().any(|(p, _)| *p == rel) {
            stale.push(Change {
                old: read(root, &rel),
                path: rel,
                new: None,
            });
        }
    }

    let lines: usize = output.files.iter().map(|f| f.contents.lines().count()).sum();
    if check {
        if stale.is_empty() {
            println!(
                "generated code is up to date ({} files, {lines} lines, checked in {:.2?})",
                wanted.len(),
                started.elapsed()
            );
            return Ok(());
        }
        let mut report = String::new();
        for change in &stale {
            report.push_str(&change.diff());
        }
        report.push_str(&format!(
            "error: {} generated file(s) are out of date with spec/; run `cargo xtask codegen` and commit the result",
            stale.len()
        ));
        return Err(report);
    }
    for change in &stale {
        let path = root.join(&change.path);
        match &change.new {
            Some(contents) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            None => std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?,
        }
        println!(
            "{} {}",
            if change.new.is_some() { "wrote" } else { "removed" },
            change.path
        );
    }
    remove_empty_dirs(&generated_dir);
    println!(
        "codegen: {} files, {lines} lines generated, {} changed, in {:.2?}",
        wanted.len(),
        stale.len(),
        started.elapsed()
    );
    Ok(())
}

struct Change {
    path: String,
    old: Option<String>,
    new: Option<String>,
}

impl Change {
    fn diff(&self) -> String {
        let old = self.old.as_deref().map(normalize).unwrap_or_default();
        let new = self.new.as_deref().map(normalize).unwrap_or_default();
        let diff = similar::TextDiff::from_lines(&old, &new);
        let what = match (&self.old, &self.new) {
            (None, _) => "missing",
            (_, None) => "stale (no longer generated)",
            _ => "out of date",
        };
        format!(
            "{} is {what}:\n{}\n",
            self.path,
            diff.unified_diff()
                .context_radius(2)
                .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
        )
    }
}

fn read(root: &Path, rel: &str) -> Option<String> {
    std::fs::read_to_string(root.join(rel)).ok()
}

fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}

fn splice_features(manifest: &str, features: &str) -> Result<String, String> {
    let (Some(begin), Some(end)) = (manifest.find(FEATURES_BEGIN), manifest.find(FEATURES_END)) else {
        return Err(format!(
            "generated/Cargo.toml must contain the lines `{}` and `{}` around its [features] table",
            FEATURES_BEGIN.trim(),
            FEATURES_END.trim()
        ));
    };
    let start = begin + FEATURES_BEGIN.len();
    Ok(format!("{}{features}{}", &manifest[..start], &manifest[end..]))
}

fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(list_files(&path));
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn remove_empty_dirs(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                remove_empty_dirs(&path);
                let _ = std::fs::remove_dir(&path);
            }
        }
    }
}
