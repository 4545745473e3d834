//! TwiML: `spec/twiml/*.yaml` → typed TwiML builders in `generated/src/generated/twiml_verbs/`.

use std::path::Path;

use crate::{Diagnostic, OutputFile};

/// Directory of `spec/` holding the TwiML description.
pub const SPEC_DIR: &str = "twiml";
/// Generated module (under `generated/src/generated/`) holding the builders.
pub const MODULE: &str = "twiml_verbs";

/// Reads the TwiML description in `dir` (none when the directory does not exist) and emits
/// the builder module.
pub fn generate(dir: &Path) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let _ = dir;
    Ok(Vec::new())
}
