//! Webhook payloads: `spec/webhooks/*.yaml` → typed payload structs in
//! `generated/src/generated/webhook_payloads/`.
//!
//! Same pipeline as REST specs, with its own key tables: [`crate::yaml`] (positioned tree) →
//! [`decode`] (key tables, shapes) → [`resolve`] (names, types, enums, indexed groups; all
//! problems collected with file, line and column) → [`emit`] (tokens, formatted by
//! [`crate::emit`]'s file writer). The format is described in `spec/README.md`, section
//! "Webhook payloads".

pub mod decode;
pub mod emit;
pub mod resolve;
#[cfg(test)]
mod tests;

use std::path::Path;

use crate::diag::{Pos, Sink};
use crate::emit::GENERATED_DIR;
use crate::model::{Enum, Ty};
use crate::{Diagnostic, OutputFile};

/// Directory of `spec/` holding webhook payload descriptions.
pub const SPEC_DIR: &str = "webhooks";
/// Generated module (under `generated/src/generated/`) holding the payload types.
pub const MODULE: &str = "webhook_payloads";

/// One resolved spec file: one generated module.
#[derive(Debug, Clone)]
pub struct File {
    /// The spec file, e.g. `spec/webhooks/messaging.yaml`.
    pub source: String,
    /// Module name (the file stem).
    pub module: String,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub enums: Vec<Enum>,
    pub payloads: Vec<Payload>,
}

/// One payload type.
#[derive(Debug, Clone)]
pub struct Payload {
    /// Rust type name, e.g. `IncomingMessage`.
    pub rust: String,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub params: Vec<Param>,
    pub groups: Vec<Group>,
}

/// One parameter, as a field of a payload or of an indexed item.
#[derive(Debug, Clone)]
pub struct Param {
    /// Wire name (with `{N}` for indexed parameters).
    pub wire: String,
    /// Rust field name (snake_case, not yet escaped).
    pub rust: String,
    /// Any type but objects and maps (webhook parameters are flat text); lists hold one type.
    pub ty: Ty,
    /// The type as written, for docs.
    pub spec_type: String,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub sensitive: bool,
    pub uncertain: bool,
}

/// Numbered parameters (`MediaUrl{N}`, `MediaContentType{N}`) collected into one `Vec` field.
#[derive(Debug, Clone)]
pub struct Group {
    /// Rust field name of the list, e.g. `media`.
    pub field: String,
    /// Rust type name of one item, e.g. `Media`.
    pub item: String,
    pub doc: Option<String>,
    pub params: Vec<IndexedParam>,
}

/// A numbered parameter: the text around `{N}` and the item field it fills.
#[derive(Debug, Clone)]
pub struct IndexedParam {
    pub prefix: String,
    pub suffix: String,
    pub param: Param,
}

/// Reads every payload description in `dir` (none when the directory does not exist) and
/// emits the payload module.
pub fn generate(dir: &Path) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    generate_sources(&crate::read_yaml_files(dir, &format!("spec/{SPEC_DIR}"))?)
}

/// The pure pipeline: `(shown path, YAML text)` pairs, in the order given (sorted by
/// [`generate`]) → the generated files, or every problem found, in file order.
pub fn generate_sources(sources: &[(String, String)]) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = load_sources(sources)?;
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let dir = format!("{GENERATED_DIR}/{MODULE}");
    let mut out = Vec::new();
    let sources: Vec<&str> = files.iter().map(|f| f.source.as_str()).collect();
    out.push(
        crate::emit::self_contained_file(format!("{dir}/mod.rs"), &sources.join(", "), emit::root(&files))
            .map_err(|m| vec![Diagnostic::internal(m)])?,
    );
    for f in &files {
        out.push(
            crate::emit::self_contained_file(format!("{dir}/{}.rs", f.module), &f.source, emit::file(f))
                .map_err(|m| vec![Diagnostic::internal(m)])?,
        );
    }
    Ok(out)
}

/// Every payload file in `dir` (`spec/webhooks/`), read and resolved as [`generate`] reads them,
/// for tools that need the model rather than the files (the fuzz targets' build script).
pub fn load_dir(dir: &Path) -> Result<Vec<File>, Vec<Diagnostic>> {
    load_sources(&crate::read_yaml_files(dir, &format!("spec/{SPEC_DIR}"))?)
}

/// `(shown path, YAML text)` pairs → the resolved files, or every problem found, in file order.
fn load_sources(sources: &[(String, String)]) -> Result<Vec<File>, Vec<Diagnostic>> {
    let mut types = resolve::TypeNames::new(crate::naming::Namespace::Webhooks);
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for (shown, text) in sources {
        match load(shown, text, &mut types) {
            Ok(file) => files.push(file),
            Err(mut d) => problems.append(&mut d),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// One file: parse, decode, resolve. Type names are shared with the files read before.
fn load(shown: &str, text: &str, types: &mut resolve::TypeNames) -> Result<File, Vec<Diagnostic>> {
    let root = crate::yaml::parse(shown, text).map_err(|d| vec![d])?;
    let mut sink = Sink::new(shown);
    let module = module_name(&mut sink, shown);
    let file = decode::decode(&mut sink, &root).map(|spec| resolve::resolve(&mut sink, &spec, &module, types));
    sink.finish(file, "webhook payload file")
}

/// The module name is the file stem, which must be a plain snake_case identifier.
fn module_name(sink: &mut Sink, shown: &str) -> String {
    let stem = Path::new(shown)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let keyword = syn::parse_str::<syn::Ident>(&stem).is_err();
    if !crate::naming::is_snake_ident(&stem) || keyword || stem == MODULE {
        sink.error_with_hint(
            Pos { line: 1, col: 1 },
            format!("`{stem}` cannot name a Rust module"),
            "name webhook payload files in snake_case, e.g. messaging.yaml",
        );
    }
    stem
}
