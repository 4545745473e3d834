//! Rust names derived from Twilio's wire names.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::diag::{Pos, Sink};

/// `DateSent<` → `date_sent_before`, `Config.AppId` → `config_app_id`, `accountSid` → `account_sid`.
pub fn snake(wire: &str) -> String {
    let (base, suffix) = match wire.strip_suffix('<') {
        Some(b) => (b, "_before"),
        None => match wire.strip_suffix('>') {
            Some(b) => (b, "_after"),
            None => (wire, ""),
        },
    };
    let mut name = ascii_words(base).to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'n');
    }
    name.push_str(suffix);
    name
}

/// `message_status` → `MessageStatus`.
pub fn pascal(name: &str) -> String {
    ascii_words(name).to_upper_camel_case()
}

/// `text` with every character but ASCII letters and digits turned into a word break: derived
/// names are plain ASCII identifiers, whatever a wire name holds (a character that cannot be
/// part of an identifier would otherwise reach `Ident::new`).
fn ascii_words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Enum variant for a wire value: `in-progress` → `InProgress`, `tollFree` → `TollFree`,
/// `+1` → `Plus1`; `None` when nothing usable remains.
pub fn variant(wire: &str) -> Option<String> {
    let spelled = wire
        .replace('+', " plus ")
        .replace('*', " star ")
        .replace('#', " hash ");
    let mut name = pascal(&spelled);
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

/// `name` as generated code spells it: a Rust keyword gets a trailing underscore (`type_`,
/// `loop_`, `self_`), the one keyword rule of every generated item (raw identifiers cannot
/// spell `self` or `crate`).
pub fn escape_keyword(name: &str) -> String {
    if is_keyword(name) {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// Names of the prelude that generated code uses unqualified.
const PRELUDE_NAMES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Clone", "Debug", "Into",
    "From", "Send", "Sync", "Sized", "Iterator", "ToString", "ToOwned", "Self",
];

/// The module namespace a generated type lives in; each reserves the names its code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    /// One product version (`twilio::api::v2010`).
    Product,
    /// `twilio::webhook`, shared by every webhook payload file.
    Webhooks,
    /// One TwiML module (`twilio::twiml::voice`).
    Twiml,
}

impl Namespace {
    /// Why `name` cannot be a generated type name here, if it cannot.
    pub fn reserved(self, name: &str) -> Option<&'static str> {
        use crate::emit::imports::{CLIENT, VOCABULARY};
        let listed = |table: &[(&str, &str)]| table.iter().any(|(n, _)| *n == name);
        if PRELUDE_NAMES.contains(&name) {
            return Some("a name of the Rust prelude");
        }
        if listed(VOCABULARY) || (self == Namespace::Product && listed(CLIENT)) {
            return Some("used unqualified by the generated code");
        }
        match self {
            Namespace::Webhooks if ["WebhookPayload", "PayloadError"].contains(&name) => {
                Some("reserved by `twilio::webhook`")
            }
            Namespace::Twiml if ["Raw", "Element", "Document"].contains(&name) => Some("reserved by `twilio::twiml`"),
            _ => None,
        }
    }
}

/// The Rust type names claimed in one namespace, across every file that shares it: the one
/// check for type names of all description kinds.
#[derive(Debug)]
pub struct TypeNames {
    namespace: Namespace,
    /// Name → (what took it, file, position).
    taken: std::collections::BTreeMap<String, (String, String, Pos)>,
}

impl TypeNames {
    pub fn new(namespace: Namespace) -> TypeNames {
        TypeNames {
            namespace,
            taken: Default::default(),
        }
    }

    /// Claims `name` for `owner` (e.g. ``enum `call_status` ``), written at `pos` of the file
    /// `sink` reads; a reserved or taken name is reported there, with `hint`.
    pub fn claim(&mut self, sink: &mut Sink, name: &str, owner: &str, pos: Pos, hint: &str) -> bool {
        if let Some(why) = self.namespace.reserved(name) {
            sink.error_with_hint(pos, format!("{owner} would be named `{name}`, which is {why}"), hint);
            return false;
        }
        if let Some((other, file, first)) = self.taken.get(name) {
            let place = if *file == sink.file {
                format!("line {}", first.line)
            } else {
                format!("{file}:{}:{}", first.line, first.col)
            };
            sink.error_with_hint(
                pos,
                format!("{owner} would be named `{name}`, like {other} ({place})"),
                hint,
            );
            return false;
        }
        self.taken
            .insert(name.to_owned(), (owner.to_owned(), sink.file.clone(), pos));
        true
    }
}

/// Is `name` a valid snake_case identifier (before keyword escaping) that also gives a
/// PascalCase type name, i.e. not only underscores?
pub fn is_snake_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z' | '_'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && name.bytes().any(|b| b.is_ascii_alphanumeric())
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
    fn each_namespace_reserves_the_names_its_code_uses() {
        assert!(Namespace::Product.reserved("Client").is_some());
        assert_eq!(Namespace::Twiml.reserved("Client"), None, "TwiML has a <Client> noun");
        for ns in [Namespace::Product, Namespace::Webhooks, Namespace::Twiml] {
            assert!(ns.reserved("Option").is_some() && ns.reserved("DateTime").is_some());
            assert_eq!(ns.reserved("Message"), None);
        }
        assert!(Namespace::Webhooks.reserved("PayloadError").is_some());
        assert!(Namespace::Twiml.reserved("Raw").is_some());
    }

    #[test]
    fn type_names_are_claimed_once_per_namespace() {
        let mut sink = Sink::new("spec/a.yaml");
        let mut names = TypeNames::new(Namespace::Product);
        assert!(names.claim(
            &mut sink,
            "Message",
            "resource `message`",
            Pos { line: 3, col: 3 },
            "rename"
        ));
        assert!(!names.claim(
            &mut sink,
            "Message",
            "enum `message`",
            Pos { line: 9, col: 3 },
            "rename"
        ));
        sink.file = "spec/b.yaml".into();
        assert!(!names.claim(
            &mut sink,
            "Message",
            "object `message`",
            Pos { line: 1, col: 1 },
            "rename"
        ));
        let shown: Vec<String> = sink.diagnostics.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            shown,
            [
                "enum `message` would be named `Message`, like resource `message` (line 3)",
                "object `message` would be named `Message`, like resource `message` (spec/a.yaml:3:3)",
            ]
        );
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
