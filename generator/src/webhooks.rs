//! Webhook payloads: `spec/webhooks/*.yaml` → typed payload structs in
//! `generated/src/generated/webhook_payloads/`.

use std::path::Path;

use crate::{Diagnostic, OutputFile};

/// Directory of `spec/` holding webhook payload descriptions.
pub const SPEC_DIR: &str = "webhooks";
/// Generated module (under `generated/src/generated/`) holding the payload types.
pub const MODULE: &str = "webhook_payloads";

/// Reads every payload description in `dir` (none when the directory does not exist) and
/// emits the payload module.
pub fn generate(dir: &Path) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let _ = dir;
    Ok(Vec::new())
}
