//! `cargo xtask codegen [--check]`: writes every file the generator owns, or only compares.
//!
//! The generator owns: everything under `generated/src/generated/`, the conformance samples
//! (`tests/src/samples.rs`), the JSON Schemas (`spec/**/schema.json`) and the `[features]`
//! table of `generated/Cargo.toml` between its markers. A file in an owned place that the
//! generator no longer produces is stale and removed. The freshness test at the end of this file
//! makes `cargo test` fail on any difference, without the CI script.

use std::path::{Path, PathBuf};
use std::time::Instant;

/// Markers around the generated part of generated/Cargo.toml.
const FEATURES_BEGIN: &str = "# @generated features begin\n";
const FEATURES_END: &str = "# @generated features end\n";
const MANIFEST: &str = "generated/Cargo.toml";

/// How much of a stale diff `--check` prints before summarising the rest.
const SHOWN_FILES: usize = 3;
const SHOWN_LINES_PER_FILE: usize = 40;

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    println!("codegen: reading spec/ and generating …");
    let started = Instant::now();
    let plan = plan(root)?;
    if check {
        if plan.stale.is_empty() {
            println!(
                "generated code is up to date ({} files, {} lines, checked in {:.2?})",
                plan.files,
                plan.lines,
                started.elapsed()
            );
            return Ok(());
        }
        return Err(plan.report());
    }
    for change in &plan.stale {
        change.apply(root)?;
        println!(
            "{} {}",
            if change.new.is_some() { "wrote" } else { "removed" },
            change.path
        );
    }
    remove_empty_dirs(&root.join(twilio_codegen::emit::GENERATED_DIR));
    println!(
        "codegen: {} files, {} lines generated, {} changed, in {:.2?}",
        plan.files,
        plan.lines,
        plan.stale.len(),
        started.elapsed()
    );
    Ok(())
}

/// What `codegen` would change.
pub struct Plan {
    /// Files the generator owns.
    pub files: usize,
    /// Lines it generates.
    pub lines: usize,
    /// Owned files whose contents differ from what the generator produces.
    pub stale: Vec<Change>,
}

/// Works out the desired contents of every owned file and compares them with the tree.
pub fn plan(root: &Path) -> Result<Plan, String> {
    let output = twilio_codegen::generate(&root.join("spec")).map_err(|problems| {
        let mut text = String::new();
        for p in &problems {
            text.push_str(&format!("{p}\n"));
        }
        text.push_str(&format!("error: {} problem(s) in spec/", problems.len()));
        text
    })?;
    let lines = output.files.iter().map(|f| f.contents.lines().count()).sum();
    let mut wanted: Vec<(String, String)> = output
        .files
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .collect();
    let manifest = read(root, MANIFEST).unwrap_or_default();
    wanted.push((MANIFEST.to_owned(), splice_features(&manifest, &output.cargo_features)?));

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
    for path in owned_files(root) {
        if !wanted.iter().any(|(p, _)| *p == path) {
            stale.push(Change {
                old: read(root, &path),
                path,
                new: None,
            });
        }
    }
    Ok(Plan {
        files: wanted.len(),
        lines,
        stale,
    })
}

/// Files in places only the generator writes: the generated module tree and every
/// `schema.json` under `spec/` (workspace-relative, `/`-separated).
fn owned_files(root: &Path) -> Vec<String> {
    let relative = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut out: Vec<String> = list_files(&root.join(twilio_codegen::emit::GENERATED_DIR))
        .iter()
        .map(|p| relative(p))
        .collect();
    out.extend(
        list_files(&root.join("spec"))
            .iter()
            .filter(|p| p.file_name().is_some_and(|n| n == "schema.json"))
            .map(|p| relative(p)),
    );
    out
}

impl Plan {
    /// The `--check` failure: the first hunks of the first files, a count of the rest, and
    /// the command that fixes it.
    pub fn report(&self) -> String {
        let mut report = String::new();
        for change in self.stale.iter().take(SHOWN_FILES) {
            report.push_str(&change.diff(SHOWN_LINES_PER_FILE));
        }
        if self.stale.len() > SHOWN_FILES {
            let rest: Vec<&str> = self.stale[SHOWN_FILES..].iter().map(|c| c.path.as_str()).collect();
            report.push_str(&format!("… and {} more: {}\n", rest.len(), rest.join(", ")));
        }
        let changed: usize = self.stale.iter().map(Change::changed_lines).sum();
        report.push_str(&format!(
            "error: {} generated file(s) ({changed} changed lines) are out of date with spec/ and the generator; \
             run `cargo xtask codegen` and commit the result",
            self.stale.len()
        ));
        report
    }
}

pub struct Change {
    pub path: String,
    old: Option<String>,
    new: Option<String>,
}

impl Change {
    fn apply(&self, root: &Path) -> Result<(), String> {
        let path = root.join(&self.path);
        match &self.new {
            Some(contents) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
            }
            None => std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display())),
        }
    }

    fn texts(&self) -> (String, String) {
        (
            self.old.as_deref().map(normalize).unwrap_or_default(),
            self.new.as_deref().map(normalize).unwrap_or_default(),
        )
    }

    fn changed_lines(&self) -> usize {
        let (old, new) = self.texts();
        similar::TextDiff::from_lines(&old, &new)
            .iter_all_changes()
            .filter(|c| c.tag() != similar::ChangeTag::Equal)
            .count()
    }

    /// A unified diff of at most `max_lines` lines.
    fn diff(&self, max_lines: usize) -> String {
        let (old, new) = self.texts();
        let what = match (&self.old, &self.new) {
            (None, _) => "missing",
            (_, None) => "stale (no longer generated)",
            _ => "out of date",
        };
        let diff = similar::TextDiff::from_lines(&old, &new);
        let full = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", self.path), &format!("b/{}", self.path))
            .to_string();
        let lines: Vec<&str> = full.lines().collect();
        let mut shown = lines.iter().take(max_lines).copied().collect::<Vec<_>>().join("\n");
        if lines.len() > max_lines {
            shown.push_str(&format!("\n… {} more diff lines", lines.len() - max_lines));
        }
        format!("{} is {what}:\n{shown}\n\n", self.path)
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
            "{MANIFEST} must contain the lines `{}` and `{}` around its [features] table",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo test` fails whenever committed output differs from what spec/ and the generator
    /// produce, with the same capped report as `cargo xtask codegen --check`.
    #[test]
    fn generated_code_is_fresh() {
        let plan = plan(&crate::workspace_root()).unwrap_or_else(|e| panic!("{e}"));
        assert!(plan.stale.is_empty(), "{}", plan.report());
    }

    fn change(path: &str, old: Option<&str>, new: Option<&str>) -> Change {
        Change {
            path: path.into(),
            old: old.map(Into::into),
            new: new.map(Into::into),
        }
    }

    #[test]
    fn reports_are_capped_and_name_the_fix() {
        let long_old: String = (0..200).map(|i| format!("line {i}\n")).collect();
        let long_new = long_old.replace("line 1", "LINE 1");
        let mut stale = vec![change("generated/a.rs", Some(&long_old), Some(&long_new))];
        for i in 0..5 {
            stale.push(change(&format!("generated/more{i}.rs"), None, Some("x\n")));
        }
        stale.push(change("spec/old/schema.json", Some("{}\n"), None));
        let plan = Plan {
            files: 7,
            lines: 0,
            stale,
        };
        let report = plan.report();
        assert!(report.contains("generated/a.rs is out of date:"), "{report}");
        assert!(report.contains("more diff lines"), "{report}");
        assert!(report.contains("generated/more0.rs is missing:"), "{report}");
        assert!(
            report.contains(
                "… and 4 more: generated/more2.rs, generated/more3.rs, generated/more4.rs, spec/old/schema.json"
            ),
            "{report}"
        );
        assert!(
            report.ends_with("run `cargo xtask codegen` and commit the result"),
            "{report}"
        );
        assert!(report.lines().count() < 60, "{report}");
    }

    #[test]
    fn owned_files_include_schemas_anywhere_under_spec() {
        let root = std::env::temp_dir().join(format!("xtask-owned-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in [
            "spec/schema.json",
            "spec/old_kind/schema.json",
            "spec/api/v2010.yaml",
            "generated/src/generated/gone/v1/thing.rs",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let owned = owned_files(&root);
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            owned,
            [
                "generated/src/generated/gone/v1/thing.rs",
                "spec/old_kind/schema.json",
                "spec/schema.json"
            ]
        );
    }
}
