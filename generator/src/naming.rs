//! Rust names derived from Twilio's wire names.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `DateSent<` → `date_sent_before`, `Config.AppId` → `config_app_id`, `accountSid` → `account_sid`.
pub fn snake(wire: &str) -> String {
    let (base, suffix) = match wire.strip_suffix('<') {
        Some(b) => (b, "_before"),
        None => match wire.strip_suffix('>') {
            Some(b) => (b, "_after"),
            None => (wire, ""),
        },
    };
    let mut name = base.to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    name.push_str(suffix);
    name
}

/// `message_status` → `MessageStatus`.
pub fn pascal(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Enum variant for a wire value: `in-progress` → `InProgress`, `tollFree` → `TollFree`,
/// `+1` → `Plus1`; `None` when nothing usable remains.
pub fn variant(wire: &str) -> Option<String> {
    let spelled = wire
        .replace('+', " plus ")
        .replace('*', " star ")
        .replace('#', " hash ");
    let mut name = spelled.to_upper_camel_case();
    if name.is_empty() {
        return None;
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    Some(name)
}

/// Rust's strict and reserved keywords (2024 edition), including `self`, `Self`, `super` and
/// `crate`, which cannot even be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Is `name` a Rust keyword, so that it cannot be used as a plain identifier?
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Names of the prelude that generated code uses unqualified.
const PRELUDE_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Clone", "Debug", "Into",
    "From", "Send", "Sync", "Sized", "Iterator", "ToString", "ToOwned", "Self",
];

/// Type names no generated type may take, because generated code names them unqualified:
/// the prelude and everything in the import table (`Client`, `Error`, `DateTime`, …).
pub fn reserved_type_name(name: &str) -> bool {
    PRELUDE_NAMES.contains(&name) || crate::emit::imports::IMPORTABLE.iter().any(|(n, _)| *n == name)
}

/// Is `name` a valid snake_case identifier (before keyword escaping)?
pub fn is_snake_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z' | '_')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_snake_case() {
        assert_eq!(snake("To"), "to");
        assert_eq!(snake("StatusCallback"), "status_callback");
        assert_eq!(snake("DateSent<"), "date_sent_before");
        assert_eq!(snake("DateSent>"), "date_sent_after");
        assert_eq!(snake("Config.AppId"), "config_app_id");
        assert_eq!(snake("accountSid"), "account_sid");
        assert_eq!(snake("X-Twilio-Webhook-Enabled"), "x_twilio_webhook_enabled");
        assert_eq!(snake("AddressLine1"), "address_line1");
    }

    #[test]
    fn keywords() {
        for k in ["type", "for", "self", "Self", "crate", "gen", "yield"] {
            assert!(is_keyword(k), "{k}");
        }
        for k in ["types", "from", "r#type", "union", ""] {
            assert!(!is_keyword(k), "{k}");
        }
    }

    #[test]
    fn enum_values_become_variants() {
        assert_eq!(variant("in-progress").as_deref(), Some("InProgress"));
        assert_eq!(variant("tollFree").as_deref(), Some("TollFree"));
        assert_eq!(variant("UNKNOWN").as_deref(), Some("Unknown"));
        assert_eq!(variant("2fa").as_deref(), Some("V2fa"));
        assert_eq!(variant("--"), None);
    }
}
