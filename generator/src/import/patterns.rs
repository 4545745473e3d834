//! Facts read from parameter and property schemas: SID and identifier prefixes, and which
//! values are secrets.

use super::openapi::{self, Schema};

/// `^SM[0-9a-fA-F]{32}$` → `SM`.
pub(super) fn sid_prefix(schema: &Schema) -> Option<String> {
    let pattern = schema.0.str_at("pattern")?;
    if pattern == ANY_SID {
        return None;
    }
    // IAM's OAuth apps allow any letters after the prefix (`^OQ[a-zA-Z0-9]{32}$`); Numbers'
    // `BundleSids` takes up to 20 SIDs joined by commas (`^BU[0-9a-fA-F]{32}(,BU…){0,19}$`).
    // IAM Organizations leaves the pattern unanchored and lower-case (`OR[0-9a-f]{32}`).
    let body = pattern.strip_prefix('^').unwrap_or(pattern);
    let lower_case = body
        .strip_suffix("[0-9a-f]{32}")
        .map(|prefix| format!("{prefix}[0-9a-fA-F]{{32}}$"));
    let body = lower_case.as_deref().unwrap_or(body);
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

/// A SID of any prefix, as IAM Organizations writes it.
const ANY_SID: &str = "^[A-Z]{2}[0-9a-fA-F]{32}$";

/// Whether the schema's pattern is that of a SID with any prefix.
pub(super) fn any_sid(schema: &Schema) -> bool {
    schema.0.str_at("pattern") == Some(ANY_SID)
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
    lower == "authorization"
        || lower.ends_with("secret")
        || lower.ends_with("password")
        // OAuth's `access_token`, `refresh_token`, `id_token`, session tokens; not a switch
        // such as `EnableSnaClientToken`.
        || (lower.ends_with("token") && !lower.starts_with("enable"))
}

pub(super) fn is_sensitive(node: &openapi::Obj) -> bool {
    node.get("x-twilio")
        .and_then(|x| x.get("pii"))
        .and_then(|p| p.str_at("handling"))
        == Some("sensitive")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefix_of(pattern: &str) -> Option<String> {
        let text = format!("pattern: '{pattern}'");
        let root = crate::yaml::parse("schema.yaml", &text).unwrap();
        sid_prefix(&Schema(openapi::Obj(&root)))
    }

    #[test]
    fn credentials_are_recognised_by_name() {
        for secret in [
            "Authorization",
            "ClientSecret",
            "Password",
            "access_token",
            "RefreshToken",
            "sessionToken",
        ] {
            assert!(names_a_secret(secret), "{secret}");
        }
        for plain in ["token_type", "access_token_ttl", "EnableSnaClientToken", "FriendlyName"] {
            assert!(!names_a_secret(plain), "{plain}");
        }
    }

    #[test]
    fn sid_patterns_in_every_spelling_the_files_use() {
        assert_eq!(prefix_of("^SM[0-9a-fA-F]{32}$").as_deref(), Some("SM"));
        assert_eq!(prefix_of("^(SM|MM)[0-9a-fA-F]{32}$").as_deref(), Some("SM|MM"));
        assert_eq!(prefix_of("^OQ[a-zA-Z0-9]{32}$").as_deref(), Some("OQ"));
        assert_eq!(prefix_of("OR[0-9a-f]{32}").as_deref(), Some("OR"));
        assert_eq!(prefix_of("^[A-Z]{2}[0-9a-fA-F]{32}$"), None);
        let text = "pattern: '^[A-Z]{2}[0-9a-fA-F]{32}$'";
        let root = crate::yaml::parse("schema.yaml", text).unwrap();
        assert!(any_sid(&Schema(openapi::Obj(&root))));
        assert_eq!(prefix_of("^aia_asst_.+$"), None);
    }
}
