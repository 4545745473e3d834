//! `cargo xtask fuzz`: runs the coverage-guided fuzz targets in `fuzz/` with cargo-fuzz
//! (libFuzzer). cargo-fuzz builds with nightly-only flags (sanitizers, coverage passes); with no
//! nightly toolchain here, `RUSTC_BOOTSTRAP=1` lets the stable compiler accept them.

use std::path::Path;
use std::process::Command;

/// The targets: the `[[bin]]` names in `fuzz/Cargo.toml`, in file order.
pub fn targets(root: &Path) -> Result<Vec<String>, String> {
    let manifest = root.join("fuzz/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok(bin_names(&text))
}

fn bin_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(value) = line
            .strip_prefix("name")
            .map(str::trim)
            .and_then(|l| l.strip_prefix('='))
        {
            if in_bin {
                names.push(value.trim().trim_matches('"').to_owned());
            }
        }
    }
    names
}

/// Runs `target` (or every target, for `None`) for `runs` executions each.
pub fn run(root: &Path, target: Option<&str>, runs: u64) -> Result<(), String> {
    let all = targets(root)?;
    let chosen: Vec<&str> = match target {
        Some(name) if all.iter().any(|t| t == name) => vec![name],
        Some(name) => return Err(format!("no fuzz target `{name}`; targets: {}", all.join(", "))),
        None => all.iter().map(String::as_str).collect(),
    };
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        return Err("cargo-fuzz is not installed: `cargo install cargo-fuzz --locked`".to_owned());
    }
    for name in chosen {
        println!("fuzz: {name}, {runs} runs");
        let status = Command::new("cargo")
            .current_dir(root)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "--fuzz-dir", "fuzz", name, "--"])
            .arg(format!("-runs={runs}"))
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        if !status.success() {
            return Err(format!(
                "fuzz target `{name}` failed; the input that failed is under fuzz/artifacts/{name}/"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_the_bins_of_the_fuzz_manifest() {
        let manifest = "[package]\nname = \"twilio-fuzz\"\n\n[[bin]]\nname = \"a\"\npath = \"x\"\n\n[dependencies]\nname = \"no\"\n\n[[bin]]\nname = \"b\"\n";
        assert_eq!(bin_names(manifest), ["a", "b"]);
        let root = crate::workspace_root();
        assert_eq!(targets(&root).unwrap(), ["webhook_signature", "twiml_text"]);
    }
}
