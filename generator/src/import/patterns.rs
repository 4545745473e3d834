//! Facts read from parameter and property schemas: SID and identifier prefixes, and which
//! values are secrets.

use super::openapi::{self, Schema};

/// `^SM[0-9a-fA-F]{32}$` → `SM`.
pub(super) fn sid_prefix(schema: &Schema) -> Option<String> {
    let pattern = schema.0.str_at("pattern")?;
    // IAM's OAuth apps allow any letters after the prefix (`^OQ[a-zA-Z0-9]{32}$`); Numbers'
    // `BundleSids` takes up to 20 SIDs joined by commas (`^BU[0-9a-fA-F]{32}(,BU…){0,19}$`).
    let body = pattern.strip_prefix('^')?;
    // One of several (`^(SM|MM)[0-9a-fA-F]{32}$`, a message's SID).
    if let Some(choices) = body.strip_prefix('(').and_then(|b| b.strip_suffix(")[0-9a-fA-F]{32}$")) {
        let prefixes: Vec<&str> = choices.split('|').collect();
        let valid = prefixes
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()));
        return valid.then(|| prefixes.join("|"));
    }
    let prefix = body
        .strip_suffix("[0-9a-fA-F]{32}$")
        .or_else(|| body.strip_suffix("[a-zA-Z0-9]{32}$"))
        .or_else(|| body.split_once("[0-9a-fA-F]{32}(,").map(|(prefix, _)| prefix))?;
    (prefix.len() == 2 && prefix.bytes().all(|b| b.is_ascii_uppercase())).then(|| prefix.to_owned())
}

/// The prefix of an identifier like Assistants' `aia_asst_…` (pattern `^aia_asst_.+$`).
pub(super) fn id_prefix(schema: &Schema) -> Option<String> {
    let prefix = schema.0.str_at("pattern")?.strip_prefix('^')?.strip_suffix(".+$")?;
    crate::types::is_id_prefix(prefix).then(|| prefix.to_owned())
}

/// The SID prefix the pattern of an operation's path parameter `name` gives, if any.
pub(super) fn path_sid(op: &openapi::Obj, name: &str) -> Option<String> {
    op.get("parameters")?
        .items()
        .into_iter()
        .find(|p| p.str_at("name") == Some(name) && p.str_at("in") == Some("path"))
        .and_then(|p| p.get("schema"))
        .and_then(|s| sid_prefix(&Schema(s)))
}

/// Parameters that carry credentials whether or not the file marks them (`Authorization`,
/// OAuth's `ClientSecret`, `Password`): never shown in `Debug` output.
pub(super) fn names_a_secret(wire: &str) -> bool {
    let lower = wire.to_ascii_lowercase();
    lower == "authorization" || lower.ends_with("secret") || lower.ends_with("password")
}

pub(super) fn is_sensitive(node: &openapi::Obj) -> bool {
    node.get("x-twilio")
        .and_then(|x| x.get("pii"))
        .and_then(|p| p.str_at("handling"))
        == Some("sensitive")
}
