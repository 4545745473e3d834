//! `cargo xtask import-openapi <official file>…`: writes `spec/<product>/<version>.yaml` for each
//! file and prints what was imported and what was left out (by name). Existing spec files are
//! kept unless `--force`: the spec is the source of truth once it exists.

use std::path::{Path, PathBuf};

pub fn run(root: &Path, files: &[PathBuf], dry_run: bool, force: bool) -> Result<(), String> {
    if files.is_empty() {
        return Err("name the official files to import, e.g. ../shared/twilio-oai/yaml/twilio_sync_v1.yaml".into());
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
        if let Err(problems) = twilio_codegen::load_str(&target, &imported.yaml) {
            failed += 1;
            for p in problems.iter().take(20) {
                println!("  spec problem: {p}");
            }
            continue;
        }
        if dry_run {
            continue;
        }
        let path = root.join(&target);
        if path.exists() && !force {
            println!("  {target} exists; kept (use --force to replace it)");
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &imported.yaml).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("  wrote {target}");
    }
    if failed > 0 {
        return Err(format!("{failed} file(s) could not be imported"));
    }
    Ok(())
}
