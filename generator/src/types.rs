//! The type vocabulary of every description kind (`string`, `sid<SM|MM>`, `list<enum<status>>`,
//! …): one parser ([`TypeExpr::parse`]) and one mapping into the model's [`Ty`]
//! ([`resolve_type`]), with what each use allows ([`TypeUse`]). A new scalar type is added here
//! and in `model::Ty`; exhaustive matches then point at the rest (`emit::types::value_type`, the
//! conformance sample values, the webhook parser) and the runtime's wire encoding.

use std::fmt;

use crate::diag::{closest, Pos, Sink};
use crate::model::Ty;
use crate::spec::Located;

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
    /// An identifier that starts with a fixed prefix (`id<aia_asst_>`).
    Id(String),
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
    "sid",
];

/// Names that take an argument in angle brackets.
pub const GENERICS: &[&str] = &["sid", "id", "enum", "list", "object", "map"];

/// `aia_asst_`: lower-case letters and digits in words, each ended by `_`.
pub fn is_id_prefix(prefix: &str) -> bool {
    prefix.ends_with('_')
        && prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !prefix.starts_with('_')
        && !prefix.contains("__")
}

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
                "id" if is_id_prefix(inner) => Ok(TypeExpr::Id(inner.to_owned())),
                "id" => Err(err(
                    format!("bad identifier prefix `{inner}` in `{text}`"),
                    Some("an identifier prefix is lower-case words each ended by `_`, e.g. id<aia_asst_>".into()),
                )),
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
            // A SID whose prefix the API leaves open (IAM's role assignment `scope`).
            "sid" => TypeExpr::Sid(Vec::new()),
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

/// Where a type is written; each use allows part of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeUse {
    /// A REST request parameter, or a member of an input object: no `string-map`; `object<…>`
    /// names an input.
    Param,
    /// A REST response field: no `map<…>`, no lists of dates.
    Field,
    /// A webhook payload parameter: flat text, so no maps or objects; `lists` says whether
    /// `list<…>` (a repeated parameter) is allowed here.
    Webhook { lists: bool },
    /// A TwiML attribute: text, numbers, booleans, HTTP methods, enums and space-separated lists
    /// of them.
    Attribute,
    /// A path parameter: one segment of text, an integer or an enum value.
    PathParam,
}

/// The enums and objects a type may name, by their spec names; `Ty::Enum(i)` indexes `enums`,
/// `Ty::Object(i)` the response objects followed by the inputs. `object<x>` names a response
/// object in fields and an input in parameters (and in other inputs).
#[derive(Debug, Clone, Copy)]
pub struct TypeScope<'a> {
    pub enums: &'a [&'a str],
    pub objects: &'a [&'a str],
    pub inputs: &'a [&'a str],
}

/// Parses `text` and resolves it for `usage`, reporting any problem at its position.
pub fn resolve_type(sink: &mut Sink, text: &Located<String>, usage: TypeUse, scope: TypeScope) -> Option<Ty> {
    match TypeExpr::parse(&text.value) {
        Ok(expr) => resolve_expr(sink, &expr, text.pos, usage, scope),
        Err(e) => {
            e.report(sink, text.pos);
            None
        }
    }
}

fn resolve_expr(sink: &mut Sink, expr: &TypeExpr, pos: Pos, usage: TypeUse, scope: TypeScope) -> Option<Ty> {
    if let Some((message, hint)) = refusal(expr, usage) {
        match hint {
            Some(hint) => sink.error_with_hint(pos, message, hint),
            None => sink.error(pos, message),
        }
        return None;
    }
    Some(match expr {
        TypeExpr::String | TypeExpr::Uri | TypeExpr::PhoneNumber | TypeExpr::Sid(_) | TypeExpr::Id(_) => Ty::String,
        TypeExpr::Integer => Ty::Integer,
        TypeExpr::Number => Ty::Number,
        TypeExpr::Boolean => Ty::Boolean,
        TypeExpr::Date => Ty::Date,
        TypeExpr::DateTime => Ty::DateTime,
        TypeExpr::Decimal => Ty::Decimal,
        TypeExpr::HttpMethod => Ty::HttpMethod,
        TypeExpr::Json => Ty::Json,
        TypeExpr::StringMap => Ty::StringMap,
        TypeExpr::PrefixedMap(prefix) => Ty::PrefixedMap(prefix.clone()),
        TypeExpr::Enum(name) => Ty::Enum(lookup(sink, pos, "enum", name, scope.enums)?),
        TypeExpr::Object(name) if usage == TypeUse::Param && scope.objects.contains(&name.as_str()) => {
            sink.error_with_hint(
                pos,
                format!("`{name}` is a response object; parameters and inputs are sent, so they name inputs"),
                "declare what is sent under `inputs:`",
            );
            return None;
        }
        TypeExpr::Object(name) if usage == TypeUse::Param => {
            Ty::Object(scope.objects.len() + lookup(sink, pos, "input", name, scope.inputs)?)
        }
        TypeExpr::Object(name) if scope.inputs.contains(&name.as_str()) => {
            sink.error_with_hint(
                pos,
                format!("`{name}` is an input; fields are received, so they name response objects"),
                "declare what is received under `objects:`",
            );
            return None;
        }
        TypeExpr::Object(name) => Ty::Object(lookup(sink, pos, "object", name, scope.objects)?),
        TypeExpr::List(inner) => {
            // A list's items follow the same rules, except that they are never lists themselves.
            let item_use = match usage {
                TypeUse::Webhook { .. } => TypeUse::Webhook { lists: false },
                other => other,
            };
            Ty::List(Box::new(resolve_expr(sink, inner, pos, item_use, scope)?))
        }
    })
}

/// The plain type names `usage` accepts, for the JSON Schemas.
pub fn scalars_for(usage: TypeUse) -> Vec<&'static str> {
    SCALARS
        .iter()
        .copied()
        .filter(|s| TypeExpr::parse(s).is_ok_and(|e| refusal(&e, usage).is_none()))
        .collect()
}

/// Why `expr` cannot be used for `usage`: a message and a hint.
fn refusal(expr: &TypeExpr, usage: TypeUse) -> Option<(String, Option<String>)> {
    let refuse = |what: &str, hint: Option<&str>| {
        Some((format!("type `{expr}` cannot be used {what}"), hint.map(str::to_owned)))
    };
    match (usage, expr) {
        (TypeUse::Param, TypeExpr::StringMap) => refuse("for parameters, only for fields", None),
        (TypeUse::Field, TypeExpr::PrefixedMap(_)) => refuse("for fields, only for parameters", None),
        (TypeUse::Field, TypeExpr::List(inner)) if matches!(**inner, TypeExpr::Date | TypeExpr::DateTime) => {
            Some(("lists of dates are not supported in fields; use list<string>".to_owned(), None))
        }
        (TypeUse::Webhook { .. }, TypeExpr::Object(_) | TypeExpr::StringMap | TypeExpr::PrefixedMap(_)) => refuse(
            "in webhook payloads",
            Some("webhook parameters are flat text; use `json` for a parameter holding JSON"),
        ),
        (TypeUse::Webhook { lists: false }, TypeExpr::List(_)) => {
            refuse("for indexed parameters", Some("each numbered parameter holds one value"))
        }
        (
            TypeUse::Attribute,
            TypeExpr::Date
            | TypeExpr::DateTime
            | TypeExpr::Json
            | TypeExpr::StringMap
            | TypeExpr::Object(_)
            | TypeExpr::PrefixedMap(_),
        ) => refuse(
            "for TwiML attributes",
            Some("attributes are string, uri, phone-number, sid<…>, integer, number, decimal, boolean, http-method, enum<…> or list<…> of them"),
        ),
        (
            TypeUse::PathParam,
            TypeExpr::String
            | TypeExpr::Uri
            | TypeExpr::PhoneNumber
            | TypeExpr::Sid(_)
            | TypeExpr::Id(_)
            | TypeExpr::Integer
            | TypeExpr::Date
            | TypeExpr::Enum(_),
        ) => None,
        (TypeUse::PathParam, _) => refuse(
            "for path parameters",
            Some("a path parameter is string, sid<…>, id<…>, phone-number, integer, date or enum<…>"),
        ),
        _ => None,
    }
}

/// The index of `name` among the defined `what`s, or a diagnostic naming the closest one.
fn lookup(sink: &mut Sink, pos: Pos, what: &str, name: &str, known: &[&str]) -> Option<usize> {
    if let Some(i) = known.iter().position(|k| *k == name) {
        return Some(i);
    }
    let hint = match closest(name, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => format!("define it under `{what}s:` at the top of the file"),
        None => format!("defined {what}s: {}", known.join(", ")),
    };
    sink.error_with_hint(pos, format!("{what} `{name}` is not defined"), hint);
    None
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
            TypeExpr::Sid(p) if p.is_empty() => write!(f, "sid"),
            TypeExpr::Sid(p) => write!(f, "sid<{}>", p.join("|")),
            TypeExpr::Id(p) => write!(f, "id<{p}>"),
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
            "sid",
            "id<aia_asst_>",
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
        for bad in ["id<aia_asst>", "id<Aia_>", "id<_x_>", "id<a__b_>"] {
            assert!(
                TypeExpr::parse(bad)
                    .unwrap_err()
                    .message
                    .contains("bad identifier prefix"),
                "{bad}"
            );
        }
        assert!(TypeExpr::parse("list<uri").unwrap_err().message.contains("unbalanced"));
        assert!(TypeExpr::parse("list<list<uri>>").is_err());
        assert!(TypeExpr::parse("enum")
            .unwrap_err()
            .message
            .contains("needs an argument"));
    }
}
