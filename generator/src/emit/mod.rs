//! Emission: model → Rust tokens (quote) → formatted files (prettyplease).

pub(crate) mod docs;
pub(crate) mod enums;
mod product;
mod resource;
mod samples;
pub(crate) mod types;

use proc_macro2::TokenStream;

use crate::model::Product;

/// One generated file, with its path relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Directory (relative to the workspace root) that holds every generated module.
pub const GENERATED_DIR: &str = "generated/src/generated";

/// Choices that differ between the real crate and test fixtures.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Put each product version behind its cargo feature (off for fixture snapshots, which are
    /// compiled inside the crate's unit tests where those features do not exist).
    pub feature_gates: bool,
    /// Also emit the conformance sample calls (`tests/src/samples.rs`).
    pub samples: bool,
    /// Extra generated modules (webhook payloads, TwiML) declared in the root `mod.rs`:
    /// `(module name, cargo feature)`.
    pub extra_modules: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            feature_gates: true,
            samples: true,
            extra_modules: Vec::new(),
        }
    }
}

/// Emits every file for the given products (sorted by product, then version).
pub fn emit(products: &[Product], settings: &Settings) -> Result<Vec<OutputFile>, String> {
    let mut files = Vec::new();
    files.push(file(
        format!("{GENERATED_DIR}/mod.rs"),
        "spec/",
        product::root(products, settings),
    )?);
    let mut by_product: Vec<(&str, Vec<&Product>)> = Vec::new();
    for p in products {
        match by_product.iter_mut().find(|(name, _)| *name == p.product) {
            Some((_, versions)) => versions.push(p),
            None => by_product.push((&p.product, vec![p])),
        }
    }
    for (name, versions) in &by_product {
        let sources: Vec<&str> = versions.iter().map(|v| v.file.as_str()).collect();
        files.push(file(
            format!("{GENERATED_DIR}/{name}/mod.rs"),
            &sources.join(", "),
            product::product(name, versions, settings.feature_gates),
        )?);
        for v in versions {
            let dir = format!("{GENERATED_DIR}/{}/{}", v.product, v.version);
            files.push(file(format!("{dir}/mod.rs"), &v.file, product::version(v))?);
            if !v.enums.is_empty() {
                files.push(file(format!("{dir}/enums.rs"), &v.file, enums::enums(v))?);
            }
            if !v.objects.is_empty() {
                files.push(file(format!("{dir}/objects.rs"), &v.file, enums::objects(v))?);
            }
            for (i, r) in v.resources.iter().enumerate() {
                files.push(file(format!("{dir}/{}.rs", r.name), &v.file, resource::resource(v, i))?);
            }
        }
    }
    if settings.samples {
        files.push(file(SAMPLES_FILE.to_owned(), "spec/", samples::samples(products))?);
    }
    Ok(files)
}

/// Conformance calls used by the Prism tests (`tests/tests/conformance.rs`).
pub const SAMPLES_FILE: &str = "tests/src/samples.rs";

/// The product lines of the `[features]` table in the generated crate's Cargo.toml (the rest
/// of the table is written by hand).
pub fn cargo_features(products: &[Product]) -> String {
    let features: Vec<&str> = products.iter().map(|p| p.feature.as_str()).collect();
    let quoted = features
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!("all-products = [{quoted}]\n");
    for f in features {
        out.push_str(&format!("{f} = []\n"));
    }
    out
}

/// prettyplease packs items together; a blank line between consecutive items (or impl members)
/// makes generated files readable.
fn separate_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "pub(", "fn ", "impl", "struct ", "enum ", "mod ", "const ", "static ", "use ", "crate::",
    ];
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { continue };
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        let closes = line.trim() == "}" || line.trim().ends_with(");") && indent == 0;
        if closes && indent == next_indent && ITEM_STARTS.iter().any(|s| next.trim_start().starts_with(s)) {
            out.push('\n');
        }
    }
    out
}

/// Formats `tokens` into a file with the `@generated` header naming `source`.
pub(crate) fn file(path: String, source: &str, tokens: TokenStream) -> Result<OutputFile, String> {
    let syntax: syn::File =
        syn::parse2(tokens).map_err(|e| format!("internal error: emitted invalid Rust for {path}: {e}"))?;
    let body = separate_items(&prettyplease::unparse(&syntax));
    let contents = format!(
        "// @generated by twilio-codegen from {source}. Do not edit: change the spec and run `cargo xtask codegen`.\n\n{body}"
    );
    Ok(OutputFile { path, contents })
}
