//! The type vocabulary of the spec (`string`, `sid<SM|MM>`, `list<enum<status>>`, …).

use std::fmt;

/// A parsed type expression; names of enums and objects are resolved later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Uri,
    PhoneNumber,
    Decimal,
    HttpMethod,
    Json,
    Sid(Vec<String>),
    Enum(String),
    List(Box<TypeExpr>),
    Object(String),
    StringMap,
    PrefixedMap(String),
}

/// Names accepted as plain types, for error hints and the JSON Schema.
pub const SCALARS: &[&str] = &[
    "string",
    "integer",
    "number",
    "boolean",
    "date",
    "date-time",
    "uri",
    "phone-number",
    "decimal",
    "http-method",
    "json",
    "string-map",
];

/// Names that take an argument in angle brackets.
pub const GENERICS: &[&str] = &["sid", "enum", "list", "object", "map"];

/// Why a type expression could not be read: a message and an optional hint.
#[derive(Debug, PartialEq, Eq)]
pub struct TypeError {
    pub message: String,
    pub hint: Option<String>,
}

impl TypeError {
    /// Adds this problem to `sink` at `pos`.
    pub fn report(self, sink: &mut crate::diag::Sink, pos: crate::diag::Pos) {
        match self.hint {
            Some(hint) => sink.error_with_hint(pos, self.message, hint),
            None => sink.error(pos, self.message),
        }
    }
}

impl TypeExpr {
    pub fn parse(text: &str) -> Result<TypeExpr, TypeError> {
        let text = text.trim();
        if let Some(open) = text.find('<') {
            let (head, rest) = text.split_at(open);
            let Some(inner) = rest.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else {
                return Err(err(format!("unbalanced `<` in type `{text}`"), None));
            };
            let inner = inner.trim();
            if inner.is_empty() {
                return Err(err(format!("`{head}<>` needs an argument"), None));
            }
            return match head {
                "sid" => {
                    let prefixes: Vec<String> = inner.split('|').map(|p| p.trim().to_owned()).collect();
                    for p in &prefixes {
                        if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_uppercase()) {
                            return Err(err(
                                format!("bad SID prefix `{p}` in `{text}`"),
                                Some("a SID prefix is two upper-case letters, e.g. sid<SM> or sid<SM|MM>".into()),
                            ));
                        }
                    }
                    Ok(TypeExpr::Sid(prefixes))
                }
                "enum" => Ok(TypeExpr::Enum(name_arg(inner, text)?)),
                "object" => Ok(TypeExpr::Object(name_arg(inner, text)?)),
                "map" => Ok(TypeExpr::PrefixedMap(inner.to_owned())),
                "list" => {
                    // Checked before recursing, so that `list<list<list<…` cannot nest deeply.
                    if inner.starts_with("list<") || inner.starts_with("map<") {
                        return Err(err(format!("`{text}`: lists cannot hold `{inner}`"), None));
                    }
                    let item = TypeExpr::parse(inner)?;
                    if matches!(item, TypeExpr::List(_) | TypeExpr::PrefixedMap(_)) {
                        return Err(err(format!("`{text}`: lists cannot hold `{inner}`"), None));
                    }
                    Ok(TypeExpr::List(Box::new(item)))
                }
                other => Err(err(format!("unknown type `{other}<…>`"), suggest(other, GENERICS))),
            };
        }
        Ok(match text {
            "string" => TypeExpr::String,
            "integer" => TypeExpr::Integer,
            "number" => TypeExpr::Number,
            "boolean" => TypeExpr::Boolean,
            "date" => TypeExpr::Date,
            "date-time" => TypeExpr::DateTime,
            "uri" => TypeExpr::Uri,
            "phone-number" => TypeExpr::PhoneNumber,
            "decimal" => TypeExpr::Decimal,
            "http-method" => TypeExpr::HttpMethod,
            "json" => TypeExpr::Json,
            "string-map" => TypeExpr::StringMap,
            g if GENERICS.contains(&g) => {
                return Err(err(
                    format!("type `{g}` needs an argument"),
                    Some(format!("write `{g}<…>`")),
                ))
            }
            other => return Err(err(format!("unknown type `{other}`"), suggest(other, SCALARS))),
        })
    }
}

fn name_arg(inner: &str, text: &str) -> Result<String, TypeError> {
    if inner
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(inner.to_owned())
    } else {
        Err(err(format!("`{text}`: names are snake_case"), None))
    }
}

fn err(message: String, hint: Option<String>) -> TypeError {
    TypeError { message, hint }
}

fn suggest(word: &str, options: &[&str]) -> Option<String> {
    Some(match crate::diag::closest(word, options.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "known types: {}, and {}",
            SCALARS.join(", "),
            GENERICS
                .iter()
                .map(|g| format!("{g}<…>"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::String => f.write_str("string"),
            TypeExpr::Integer => f.write_str("integer"),
            TypeExpr::Number => f.write_str("number"),
            TypeExpr::Boolean => f.write_str("boolean"),
            TypeExpr::Date => f.write_str("date"),
            TypeExpr::DateTime => f.write_str("date-time"),
            TypeExpr::Uri => f.write_str("uri"),
            TypeExpr::PhoneNumber => f.write_str("phone-number"),
            TypeExpr::Decimal => f.write_str("decimal"),
            TypeExpr::HttpMethod => f.write_str("http-method"),
            TypeExpr::Json => f.write_str("json"),
            TypeExpr::StringMap => f.write_str("string-map"),
            TypeExpr::Sid(p) => write!(f, "sid<{}>", p.join("|")),
            TypeExpr::Enum(n) => write!(f, "enum<{n}>"),
            TypeExpr::Object(n) => write!(f, "object<{n}>"),
            TypeExpr::PrefixedMap(p) => write!(f, "map<{p}>"),
            TypeExpr::List(t) => write!(f, "list<{t}>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_round_trip() {
        for text in [
            "string",
            "sid<SM|MM>",
            "list<enum<message_status>>",
            "map<AddOns>",
            "object<caps>",
            "date-time",
        ] {
            assert_eq!(TypeExpr::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn explains_mistakes() {
        assert_eq!(
            TypeExpr::parse("strng").unwrap_err().hint.as_deref(),
            Some("did you mean `string`?")
        );
        assert!(TypeExpr::parse("sid<sm>")
            .unwrap_err()
            .message
            .contains("bad SID prefix"));
        assert!(TypeExpr::parse("list<uri").unwrap_err().message.contains("unbalanced"));
        assert!(TypeExpr::parse("list<list<uri>>").is_err());
        assert!(TypeExpr::parse("enum")
            .unwrap_err()
            .message
            .contains("needs an argument"));
    }
}
