//! twilio-codegen: reads the YAML spec of Twilio products and emits the Rust client modules.
//!
//! Pipeline, one module per stage:
//! [`yaml`] (text → positioned tree) → [`spec`] (tree → spec structs, shape checks) →
//! [`resolve`] (spec → [`model`], every rule checked) → [`emit`] (model → formatted Rust).
//! Every stage reports problems as [`Diagnostic`]s with file, line and column; none panics on
//! bad input.

pub mod closed;
pub mod diag;
pub mod emit;
pub mod examples;
pub mod import;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod schema;
pub mod spec;
pub mod twiml;
pub mod types;
pub mod webhooks;
pub mod yaml;

use std::path::Path;

pub use diag::Diagnostic;
pub use emit::OutputFile;

/// Everything the generator writes: module files, the crate's feature table, the JSON Schemas.
#[derive(Debug, Clone)]
pub struct Output {
    pub files: Vec<OutputFile>,
    /// The `[features]` table for `generated/Cargo.toml`.
    pub cargo_features: String,
}

/// Reads, validates and resolves one spec file given as text.
/// `file` is the path shown in diagnostics (e.g. `spec/api/v2010.yaml`).
pub fn load_str(file: &str, text: &str) -> Result<model::Product, Vec<Diagnostic>> {
    let root = yaml::parse(file, text).map_err(|d| vec![d])?;
    let mut sink = diag::Sink::new(file);
    let decoded = spec::decode(&mut sink, &root);
    let product = decoded.as_ref().and_then(|s| {
        check_file_name(&mut sink, s);
        resolve::resolve(&mut sink, s)
    });
    sink.finish(product, "spec")
}

/// `spec/<product>/<version>.yaml` must declare that product and version.
fn check_file_name(sink: &mut diag::Sink, spec: &spec::SpecFile) {
    let path = Path::new(&spec.file);
    let stem = path.file_stem().and_then(|s| s.to_str());
    let dir = path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str());
    if let (Some(stem), Some(dir)) = (stem, dir) {
        if dir != "spec" && (stem != spec.version.value || dir != spec.product.value) {
            // Point at the declaration that disagrees with the path (the product when both do).
            let pos = if dir == spec.product.value {
                spec.version.pos
            } else {
                spec.product.pos
            };
            sink.error_with_hint(
                pos,
                format!(
                    "file declares {}/{} but lives at {dir}/{stem}.yaml",
                    spec.product.value, spec.version.value
                ),
                format!("move it to spec/{}/{}.yaml", spec.product.value, spec.version.value),
            );
        }
    }
}

/// Directories of `spec/` that hold other kinds of description than REST products.
pub const NON_PRODUCT_DIRS: &[&str] = &[webhooks::SPEC_DIR, twiml::SPEC_DIR];

/// Reads every `<product>/<version>.yaml` under `spec_dir` (relative paths are shown as
/// `spec/…`), in sorted order. A version without resources (IAM SCIM and Verify v3: official
/// files whose paths have no operation) is checked like any other but not returned: nothing is
/// generated for it, no module and no feature, until it gains a resource.
pub fn load_dir(spec_dir: &Path) -> Result<Vec<model::Product>, Vec<Diagnostic>> {
    let mut products: Vec<_> = match std::fs::read_dir(spec_dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .filter(|p| !p.file_name().is_some_and(|n| NON_PRODUCT_DIRS.iter().any(|d| n == *d)))
            .collect(),
        Err(e) => return Err(vec![io_problem(&spec_dir.display().to_string(), &e)]),
    };
    products.sort();
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for dir in products {
        let shown_dir = format!("spec/{}", dir.file_name().unwrap_or_default().to_string_lossy());
        match read_yaml_files(&dir, &shown_dir) {
            Ok(sources) => {
                for (shown, text) in sources {
                    match load_str(&shown, &text) {
                        Ok(p) if p.resources.is_empty() => {}
                        Ok(p) => loaded.push(p),
                        Err(mut d) => problems.append(&mut d),
                    }
                }
            }
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(problems)
    }
}

/// Every `*.yaml` file directly in `dir`, sorted by name, as `(path shown in diagnostics, text)`
/// with `shown_dir` (e.g. `spec/webhooks`) in place of the directory. A directory that does not
/// exist holds none.
pub(crate) fn read_yaml_files(dir: &Path, shown_dir: &str) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(vec![io_problem(shown_dir, &e)]),
    };
    paths.sort();
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = format!("{shown_dir}/{}", path.file_name().unwrap_or_default().to_string_lossy());
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push((shown, text)),
            Err(e) => problems.push(io_problem(&shown, &e)),
        }
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

/// A file or directory that could not be read.
fn io_problem(file: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        pos: diag::Pos { line: 0, col: 0 },
        message: format!("cannot read: {error}"),
        hint: None,
    }
}

/// The whole pipeline for a spec directory: REST products, webhook payloads and TwiML.
pub fn generate(spec_dir: &Path) -> Result<Output, Vec<Diagnostic>> {
    let products = load_dir(spec_dir);
    let webhook_files = webhooks::generate(&spec_dir.join(webhooks::SPEC_DIR));
    let twiml_files = twiml::generate(&spec_dir.join(twiml::SPEC_DIR));
    let (products, webhook_files, twiml_files) = match (products, webhook_files, twiml_files) {
        (Ok(p), Ok(w), Ok(t)) => (p, w, t),
        (p, w, t) => {
            let mut problems = Vec::new();
            problems.extend(p.err().unwrap_or_default());
            problems.extend(w.err().unwrap_or_default());
            problems.extend(t.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let mut settings = emit::Settings::default();
    if !webhook_files.is_empty() {
        settings
            .extra_modules
            .push((webhooks::MODULE.to_owned(), "webhooks".to_owned()));
    }
    if !twiml_files.is_empty() {
        settings
            .extra_modules
            .push((twiml::MODULE.to_owned(), "twiml".to_owned()));
    }
    let mut output = generate_with(&products, &settings)?;
    output.files.extend(webhook_files);
    output.files.extend(twiml_files);
    // `load_dir` and the two generators read only `*.yaml`, so the schemas can sit next to the
    // files they describe.
    output.files.push(OutputFile {
        path: format!("spec/{}/schema.json", webhooks::SPEC_DIR),
        contents: schema::webhooks_json_schema(),
    });
    output.files.push(OutputFile {
        path: format!("spec/{}/schema.json", twiml::SPEC_DIR),
        contents: schema::twiml_json_schema(),
    });
    Ok(output)
}

/// Emission with explicit settings (fixture snapshots turn feature gates off).
pub fn generate_with(products: &[model::Product], settings: &emit::Settings) -> Result<Output, Vec<Diagnostic>> {
    let mut files = emit::emit(products, settings).map_err(|message| vec![Diagnostic::internal(message)])?;
    files.push(OutputFile {
        path: "spec/schema.json".into(),
        contents: schema::json_schema(),
    });
    Ok(Output {
        files,
        cargo_features: emit::cargo_features(products),
    })
}
