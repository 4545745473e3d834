//! `cargo xtask import-openapi <official file>…`: writes `spec/<product>/<version>.yaml` for each
//! file and prints what was imported and what was left out (by name). Existing spec files are
//! kept unless `--force`: the spec is the source of truth once it exists. With `--out DIR` the
//! files go to DIR instead (even with spec problems, to look at them).
//!
//! `--check` reports the drift between each official file and its spec (new, differing and
//! spec-only entries) and fails when the official file has something the spec lacks; with no
//! files it checks every vendored file in `tests/oai/`. `--update` adds what is new to the spec
//! in place, keeping everything already written.

use std::path::{Path, PathBuf};

use twilio_codegen::import::drift::{self, Change, Drift};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write new specs; replace existing ones only when `force`.
    Write {
        force: bool,
    },
    DryRun,
    Check,
    Update,
}

pub fn run(root: &Path, files: &[PathBuf], mode: Mode, out: Option<&Path>) -> Result<(), String> {
    let files = if files.is_empty() && mode == Mode::Check {
        vendored_files(root)?
    } else {
        files.to_vec()
    };
    if files.is_empty() {
        return Err("name the official files to import, e.g. tests/oai/twilio_sync_v1.yaml".into());
    }
    let mut failed = 0;
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let imports = match twilio_codegen::import::import_file(name, &text) {
            Ok(i) => i,
            Err(problems) => {
                failed += 1;
                for p in problems {
                    eprintln!("{p}");
                }
                continue;
            }
        };
        for imported in imports {
            failed += usize::from(!write_one(root, name, imported, mode, out)?);
        }
    }
    if failed > 0 {
        let what = if mode == Mode::Check {
            "differ from their specs"
        } else {
            "could not be imported"
        };
        return Err(format!("{failed} file(s) {what}"));
    }
    Ok(())
}

/// Checks, reports or writes one imported product version; false when it failed.
fn write_one(
    root: &Path,
    name: &str,
    imported: twilio_codegen::import::Import,
    mode: Mode,
    out: Option<&Path>,
) -> Result<bool, String> {
    let target = format!("spec/{}/{}.yaml", imported.product, imported.version);
    let path = match out {
        Some(dir) => dir.join(&imported.product).join(format!("{}.yaml", imported.version)),
        None => root.join(&target),
    };
    let existing = std::fs::read_to_string(&path).ok();
    let hand_written = existing.as_deref().is_some_and(|t| !is_imported(t));
    if mode == Mode::Check {
        return Ok(match check(name, &target, existing.as_deref(), &imported.yaml) {
            Ok(current) => current,
            Err(problem) => {
                eprintln!("{name}: {problem}");
                false
            }
        });
    }
    println!(
        "{name}: {} operations -> {target}; {} left out",
        imported.operations,
        imported.left_out.len()
    );
    for line in &imported.left_out {
        println!("  left out: {line}");
    }
    let yaml = match (mode, existing.as_deref()) {
        (Mode::Update, Some(spec)) if hand_written => {
            let (updated, changes) = drift::update(&target, spec, &imported.yaml).map_err(|d| d.to_string())?;
            print_changes(&changes);
            updated
        }
        _ => imported.yaml,
    };
    // What the generator thinks of the result, before anything is written.
    let problems = twilio_codegen::load_str(&target, &yaml).err().unwrap_or_default();
    for p in problems.iter().take(20) {
        println!("  spec problem: {p}");
    }
    if mode == Mode::DryRun || (!problems.is_empty() && out.is_none()) {
        return Ok(problems.is_empty());
    }
    let replace = match mode {
        Mode::Write { force } => force || out.is_some(),
        _ => true,
    };
    if existing.is_some() && !replace {
        let hint = if hand_written {
            "--update to add what is new"
        } else {
            "--force to replace it"
        };
        println!("  {target} exists; kept (use {hint})");
        return Ok(true);
    }
    if existing.as_deref() == Some(yaml.as_str()) {
        println!("  {target} is up to date");
        return Ok(true);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, &yaml).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("  wrote {}", path.display());
    Ok(true)
}

/// Prints the drift of one product; false when the official file has something the spec lacks.
fn check(name: &str, target: &str, existing: Option<&str>, imported: &str) -> Result<bool, String> {
    let Some(spec) = existing else {
        println!("{name}: {target} does not exist (import it)");
        return Ok(false);
    };
    if is_imported(spec) {
        let fresh = spec == imported;
        let state = if fresh {
            "matches a fresh import"
        } else {
            "differs from a fresh import (use --force)"
        };
        println!("{name}: {target} {state}");
        return Ok(fresh);
    }
    let changes = drift::compare(target, spec, imported).map_err(|d| d.to_string())?;
    let count = |f: fn(&Drift) -> bool| changes.iter().filter(|c| f(&c.drift)).count();
    let new = count(|d| *d == Drift::New);
    println!(
        "{name}: {target} (hand-edited): {new} new, {} differ, {} only in spec",
        count(|d| matches!(d, Drift::Differs { .. })),
        count(|d| *d == Drift::OnlyInSpec)
    );
    print_changes(&changes);
    Ok(new == 0)
}

fn print_changes(changes: &[Change]) {
    for change in changes {
        println!("  {change}");
    }
}

fn is_imported(spec: &str) -> bool {
    spec.lines()
        .nth(1)
        .is_some_and(|l| l.starts_with(twilio_codegen::import::IMPORTED_MARKER))
}

fn vendored_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("tests/oai");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every vendored official file has its spec. One that carries the import marker is exactly
    /// what importing the file gives today (the importer is deterministic and nothing drifted
    /// unseen); a hand-edited one lacks nothing the official file has. A maintainer who edits an
    /// imported spec by hand removes the marker line and keeps it current with `--update`.
    #[test]
    fn every_spec_is_current_with_its_official_file() {
        let root = crate::workspace_root();
        let mut checked = 0;
        for file in vendored_files(&root).unwrap() {
            let name = file.file_name().unwrap().to_str().unwrap();
            let text = std::fs::read_to_string(&file).unwrap();
            for imported in twilio_codegen::import::import_file(name, &text).unwrap() {
                check_current(&root, name, &imported);
                checked += 1;
            }
        }
        assert!(checked >= 30, "only {checked} specs checked");
    }

    /// An imported spec equals a fresh import; a hand-edited one lacks nothing of it.
    fn check_current(root: &Path, name: &str, imported: &twilio_codegen::import::Import) {
        let target = format!("spec/{}/{}.yaml", imported.product, imported.version);
        let spec = std::fs::read_to_string(root.join(&target))
            .unwrap_or_else(|e| panic!("{name} is vendored, so {target} must exist: {e}"));
        if is_imported(&spec) {
            assert!(
                    imported.yaml == spec,
                    "{target} differs from a fresh import of {name}; run `cargo xtask import-openapi --force tests/oai/{name}`"
                );
        } else {
            let changes = drift::compare(&target, &spec, &imported.yaml).unwrap();
            let new: Vec<String> = changes
                .iter()
                .filter(|c| c.drift == Drift::New)
                .map(ToString::to_string)
                .collect();
            assert!(
                new.is_empty(),
                "{target} lacks what {name} has; run `cargo xtask import-openapi --update tests/oai/{name}`:\n{}",
                new.join("\n")
            );
        }
    }
}
