//! `cargo xtask import-openapi <official file>…`: writes `spec/<product>/<version>.yaml` for each
//! file and prints what was imported and what was left out (by name). Existing spec files are
//! kept unless `--force`: the spec is the source of truth once it exists. With `--out DIR` the
//! files go to DIR instead (even with spec problems, to look at them).

use std::path::{Path, PathBuf};

pub fn run(root: &Path, files: &[PathBuf], dry_run: bool, force: bool, out: Option<&Path>) -> Result<(), String> {
    if files.is_empty() {
        return Err("name the official files to import, e.g. tests/oai/twilio_sync_v1.yaml".into());
    }
    let mut failed = 0;
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let imported = match twilio_codegen::import::import(name, &text) {
            Ok(i) => i,
            Err(problems) => {
                failed += 1;
                for p in problems {
                    eprintln!("{p}");
                }
                continue;
            }
        };
        let target = format!("spec/{}/{}.yaml", imported.product, imported.version);
        println!(
            "{name}: {} operations -> {target}; {} left out",
            imported.operations,
            imported.left_out.len()
        );
        for line in &imported.left_out {
            println!("  left out: {line}");
        }
        // What the generator thinks of the result, before anything is written.
        let problems = twilio_codegen::load_str(&target, &imported.yaml)
            .err()
            .unwrap_or_default();
        for p in problems.iter().take(20) {
            println!("  spec problem: {p}");
        }
        if dry_run || (!problems.is_empty() && out.is_none()) {
            failed += usize::from(!problems.is_empty());
            continue;
        }
        let path = match out {
            Some(dir) => dir.join(&imported.product).join(format!("{}.yaml", imported.version)),
            None => root.join(&target),
        };
        if path.exists() && !force && out.is_none() {
            println!("  {target} exists; kept (use --force to replace it)");
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &imported.yaml).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("  wrote {}", path.display());
    }
    if failed > 0 {
        return Err(format!("{failed} file(s) could not be imported"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every spec still carrying the import marker is exactly what importing its vendored
    /// official file gives today: the importer is deterministic and nothing drifted unseen.
    /// A maintainer who edits an imported spec by hand removes the marker line.
    #[test]
    fn imported_specs_match_their_official_files() {
        let root = crate::workspace_root();
        let mut checked = 0;
        for dir in std::fs::read_dir(root.join("spec")).unwrap().flatten() {
            for file in std::fs::read_dir(dir.path()).into_iter().flatten().flatten() {
                let Ok(text) = std::fs::read_to_string(file.path()) else {
                    continue;
                };
                let Some(source) = text
                    .lines()
                    .nth(1)
                    .and_then(|l| l.strip_prefix(twilio_codegen::import::IMPORTED_MARKER))
                else {
                    continue;
                };
                let official = source.split(':').next().unwrap();
                let official_text = std::fs::read_to_string(root.join("tests/oai").join(official))
                    .unwrap_or_else(|e| panic!("{official} must be vendored in tests/oai: {e}"));
                let imported = twilio_codegen::import::import(official, &official_text).unwrap();
                assert!(
                    imported.yaml == text,
                    "{} differs from a fresh import of {official}; run `cargo xtask import-openapi --force tests/oai/{official}`",
                    file.path().display()
                );
                checked += 1;
            }
        }
        assert!(checked >= 12, "only {checked} imported specs found");
    }
}
