//! The request description generated code produces, and how parameter values reach the wire.
//!
//! Generated builders never format URLs or bodies themselves: they push typed values into a
//! [`Request`] and the rules of `twilio-wire-conventions` (repeated keys for lists, `true`/`false`,
//! UTC date-times, percent-escaped path segments, JSON text in form fields) live here, once.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::error::Error;
use super::types::Decimal;

/// How a product shapes its list responses.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// API v2010: records next to a relative `next_page_uri`.
    V2010,
    /// Every newer product: `meta.next_page_url` holds an absolute link.
    Meta,
}

/// Static facts about one product version, emitted once per generated module.
#[doc(hidden)]
#[derive(Debug)]
pub struct Product {
    /// `api.v2010`, used in tracing and errors.
    pub name: &'static str,
    /// Canonical host, before any region/edge rewriting.
    pub host: &'static str,
    /// List envelope dialect.
    pub paging: Paging,
}

/// HTTP verbs Twilio uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// Upper-case name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Static facts about one operation, emitted once per generated request builder.
#[doc(hidden)]
#[derive(Debug)]
pub struct Operation {
    /// The product version the operation belongs to.
    pub product: &'static Product,
    /// `api.v2010.message.create`, used in tracing and errors.
    pub name: &'static str,
    /// HTTP verb.
    pub method: Method,
    /// The unfilled path (`/2010-04-01/Accounts/{AccountSid}/Messages.json`), for logs.
    pub path: &'static str,
    /// The literal pieces of `path` around its parameters: one more than there are parameters.
    pub pieces: &'static [&'static str],
}

/// Where a parameter goes.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// URL query string.
    Query,
    /// Form-encoded body.
    Form,
    /// Member of a JSON body.
    Json,
    /// HTTP header.
    Header,
}

/// One operation, ready to be sent by the client.
#[doc(hidden)]
pub struct Request {
    pub(crate) product: &'static Product,
    pub(crate) operation: &'static str,
    pub(crate) path_template: &'static str,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(Cow<'static, str>, String)>,
    pub(crate) form: Vec<(Cow<'static, str>, String)>,
    pub(crate) json: Option<serde_json::Map<String, serde_json::Value>>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Wire names whose values must never be logged.
    pub(crate) sensitive: Vec<&'static str>,
    /// Why the request must not be sent, found while building it.
    pub(crate) invalid: Option<String>,
}

impl Request {
    /// Starts a request for `operation`, filling its path with `params` (one per `{Param}`),
    /// each escaped as one path segment.
    pub fn new(operation: &'static Operation, params: &[&str]) -> Request {
        // `.`, `..` and empty values would be normalised into another path (the parent, or the
        // list endpoint), so they cannot name an instance.
        let invalid = params
            .iter()
            .position(|p| p.is_empty() || *p == "." || *p == "..")
            .map(|i| {
                let name = operation
                    .path
                    .split('{')
                    .nth(i + 1)
                    .and_then(|s| s.split('}').next())
                    .unwrap_or("?");
                format!("{}: path parameter `{name}` cannot be {:?}", operation.name, params[i])
            });
        Request {
            product: operation.product,
            operation: operation.name,
            path_template: operation.path,
            method: operation.method,
            invalid,
            path: fill_path(operation.pieces, params),
            query: Vec::new(),
            form: Vec::new(),
            json: None,
            headers: Vec::new(),
            sensitive: Vec::new(),
        }
    }

    /// Sends request parameters as a JSON object body even when none is set.
    pub fn json_body(&mut self) {
        self.json.get_or_insert_with(serde_json::Map::new);
    }

    /// Adds one parameter (a scalar, an `Option` or a list) under its wire name.
    pub fn push<V: Encode + ?Sized>(&mut self, location: In, key: &'static str, value: &V) {
        match location {
            In::Query => value.encode(&mut |v| self.query.push((Cow::Borrowed(key), v))),
            In::Form => value.encode(&mut |v| self.form.push((Cow::Borrowed(key), v))),
            In::Header => value.encode(&mut |v| self.headers.push((key, v))),
            In::Json => {
                if let Some(json) = value.to_json() {
                    self.json
                        .get_or_insert_with(serde_json::Map::new)
                        .insert(key.to_owned(), json);
                }
            }
        }
    }

    /// Adds a prefixed map: entry `k1.k2 = v` is sent as `Prefix.k1.k2=v` in the query or the
    /// form, or as the JSON member `"Prefix.k1.k2": "v"`. Header names are fixed, so a map cannot
    /// be sent as headers (the generator refuses such specs); the request then fails to send.
    pub fn push_map(&mut self, location: In, prefix: &'static str, map: &BTreeMap<String, String>) {
        let target = match location {
            In::Query => &mut self.query,
            In::Form => &mut self.form,
            In::Json => {
                let json = self.json.get_or_insert_with(serde_json::Map::new);
                for (key, value) in map {
                    json.insert(format!("{prefix}.{key}"), value.clone().into());
                }
                return;
            }
            In::Header => {
                if !map.is_empty() {
                    self.invalid.get_or_insert_with(|| {
                        format!("{}: the map `{prefix}` cannot be sent as headers", self.operation)
                    });
                }
                return;
            }
        };
        for (key, value) in map {
            target.push((Cow::Owned(format!("{prefix}.{key}")), value.clone()));
        }
    }

    /// Marks a wire name as sensitive: its value is redacted wherever the request is shown.
    pub fn sensitive(&mut self, key: &'static str) {
        self.sensitive.push(key);
    }

    /// Sends `PageSize`: the caller's page size, else the record limit, capped at the
    /// operation's declared maximum.
    pub fn page_size(&mut self, page_size: Option<u32>, limit: Option<usize>, max: u32) {
        let wanted = page_size.or_else(|| limit.map(|l| l.min(u32::MAX as usize) as u32));
        if let Some(size) = wanted {
            self.query
                .push((Cow::Borrowed("PageSize"), size.clamp(1, max).to_string()));
        }
    }

    /// Fails unless at least one member of the group `group` is set: `members` pairs each wire
    /// name with whether it is set.
    pub fn require_any_of(&self, group: &'static str, members: &[(&'static str, bool)]) -> Result<(), Error> {
        self.require_group(group, false, members)
    }

    /// Fails unless exactly one member of the group `group` is set.
    pub fn require_one_of(&self, group: &'static str, members: &[(&'static str, bool)]) -> Result<(), Error> {
        self.require_group(group, true, members)
    }

    /// Fails unless at least one (or, when `exclusive`, exactly one) member of a group is set.
    fn require_group(
        &self,
        group: &'static str,
        exclusive: bool,
        members: &[(&'static str, bool)],
    ) -> Result<(), Error> {
        let count = members.iter().filter(|(_, present)| *present).count();
        if count == 1 || (count > 1 && !exclusive) {
            return Ok(());
        }
        // Only a failing check pays for building the message.
        let set: Vec<&str> = members
            .iter()
            .filter(|(_, present)| *present)
            .map(|(n, _)| *n)
            .collect();
        let names = members.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        if set.is_empty() {
            let rule = if exclusive { "exactly one" } else { "at least one" };
            return Err(Error::InvalidRequest(format!(
                "{}: parameter group `{group}` needs {rule} of {names}",
                self.operation
            )));
        }
        Err(Error::InvalidRequest(format!(
            "{}: parameter group `{group}` takes exactly one of {names}, but {} were set",
            self.operation,
            set.join(" and ")
        )))
    }

    /// The operation name used in errors and traces, e.g. `api.v2010.message.create`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |pairs: &[(Cow<'static, str>, String)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| {
                    let hidden = self.sensitive.iter().any(|s| *s == k.as_ref());
                    (k.to_string(), if hidden { "[redacted]".to_owned() } else { v.clone() })
                })
                .collect()
        };
        let json_keys: Vec<&String> = self.json.iter().flat_map(|m| m.keys()).collect();
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("query", &redacted(&self.query))
            .field("form", &redacted(&self.form))
            .field("json_keys", &json_keys)
            .field("headers", &self.headers.iter().map(|(k, _)| *k).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Substitutes path parameters, escaping each as a single path segment.
fn fill_path(template: &[&str], params: &[&str]) -> String {
    let mut path = String::new();
    for (i, piece) in template.iter().enumerate() {
        path.push_str(piece);
        if let Some(param) = params.get(i) {
            path.extend(percent_encoding::utf8_percent_encode(param, PATH_SEGMENT));
        }
    }
    path
}

/// Everything outside RFC 3986 "unreserved" is escaped.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value with one wire representation as text (form, query, header) and one as JSON.
pub trait Scalar {
    /// Text form, e.g. `true`, `2024-01-31T10:00:00Z`, `queued`.
    fn to_wire(&self) -> Cow<'_, str>;
    /// JSON form, for JSON request bodies.
    fn to_json_value(&self) -> serde_json::Value {
        serde_json::Value::String(self.to_wire().into_owned())
    }
}

/// A parameter value: a [`Scalar`], an `Option` of one, or a list of them.
#[doc(hidden)]
pub trait Encode {
    /// Emits zero or more text values (lists repeat the key; `None` and `[]` emit nothing).
    fn encode(&self, emit: &mut dyn FnMut(String));
    /// The JSON value, or `None` to leave the member out.
    fn to_json(&self) -> Option<serde_json::Value>;
}

impl<T: Scalar> Encode for T {
    fn encode(&self, emit: &mut dyn FnMut(String)) {
        emit(self.to_wire().into_owned())
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        Some(self.to_json_value())
    }
}

impl<T: Scalar> Encode for Option<T> {
    fn encode(&self, emit: &mut dyn FnMut(String)) {
        if let Some(value) = self {
            value.encode(emit)
        }
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        self.as_ref().map(Scalar::to_json_value)
    }
}

impl<T: Scalar> Encode for Vec<T> {
    fn encode(&self, emit: &mut dyn FnMut(String)) {
        for value in self {
            value.encode(emit)
        }
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        if self.is_empty() {
            return None;
        }
        Some(serde_json::Value::Array(
            self.iter().map(Scalar::to_json_value).collect(),
        ))
    }
}

impl Scalar for String {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl Scalar for bool {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn to_json_value(&self) -> serde_json::Value {
        serde_json::Value::Bool(*self)
    }
}

impl Scalar for i64 {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn to_json_value(&self) -> serde_json::Value {
        serde_json::Value::from(*self)
    }
}

impl Scalar for f64 {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
    fn to_json_value(&self) -> serde_json::Value {
        serde_json::Value::from(*self)
    }
}

impl Scalar for DateTime<Utc> {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    }
}

impl Scalar for NaiveDate {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%Y-%m-%d").to_string())
    }
}

impl Scalar for Decimal {
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

/// JSON-typed parameters travel as JSON text inside a single form field.
impl Scalar for serde_json::Value {
    fn to_wire(&self) -> Cow<'_, str> {
        match self {
            serde_json::Value::String(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_string()),
        }
    }
    fn to_json_value(&self) -> serde_json::Value {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    static PRODUCT: Product = Product {
        name: "test.v1",
        host: "test.twilio.com",
        paging: Paging::Meta,
    };

    static CREATE: Operation = Operation {
        product: &PRODUCT,
        name: "test.v1.thing.create",
        method: Method::Post,
        path: "/v1/Things",
        pieces: &["/v1/Things"],
    };

    fn request() -> Request {
        Request::new(&CREATE, &[])
    }

    #[test]
    fn path_params_are_escaped_as_one_segment() {
        let path = fill_path(&["/v2/PhoneNumbers/", ""], &["(415) 992-9960/x?y+1"]);
        assert_eq!(path, "/v2/PhoneNumbers/%28415%29%20992-9960%2Fx%3Fy%2B1");
        static FETCH: Operation = Operation {
            product: &PRODUCT,
            name: "op",
            method: Method::Get,
            path: "/a/{X}/b/{Y}",
            pieces: &["/a/", "/b/", ""],
        };
        let req = Request::new(&FETCH, &["ok", ".."]);
        assert_eq!(req.invalid.as_deref(), Some("op: path parameter `Y` cannot be \"..\""));
    }

    #[test]
    fn lists_repeat_keys_and_empty_lists_vanish() {
        let mut req = request();
        req.push(In::Form, "MediaUrl", &vec!["a".to_string(), "b".to_string()]);
        req.push(In::Form, "Empty", &Vec::<String>::new());
        req.push(In::Form, "Unset", &None::<String>);
        req.push(In::Form, "Body", &Some(String::new()));
        let keys: Vec<_> = req.form.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(keys, ["MediaUrl=a", "MediaUrl=b", "Body="]);
    }

    #[test]
    fn date_times_are_sent_in_utc() {
        let offset = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        let local = offset.with_ymd_and_hms(2024, 1, 31, 3, 4, 5).unwrap();
        let utc: DateTime<Utc> = local.into();
        assert_eq!(utc.to_wire(), "2024-01-31T01:04:05Z");
    }

    #[test]
    fn json_params_become_json_text_in_forms() {
        let mut req = request();
        req.push(In::Form, "RateLimits", &Some(serde_json::json!({"a": 1})));
        assert_eq!(req.form[0].1, r#"{"a":1}"#);
    }

    #[test]
    fn groups_name_their_members() {
        let req = request();
        let err = req.require_any_of("sender", &[("From", false), ("MessagingServiceSid", false)]);
        assert_eq!(
            err.unwrap_err().to_string(),
            "invalid request: test.v1.thing.create: parameter group `sender` needs at least one of From, MessagingServiceSid"
        );
        let err = req.require_one_of("target", &[("Url", true), ("Twiml", true)]);
        assert!(err.unwrap_err().to_string().contains("Url and Twiml were set"));
        assert!(req.require_one_of("target", &[("Url", true), ("Twiml", false)]).is_ok());
    }

    #[test]
    fn debug_redacts_sensitive_values() {
        let mut req = request();
        req.sensitive("Code");
        req.push(In::Form, "Code", &"123456".to_string());
        req.push(In::Form, "To", &"+15558675310".to_string());
        let shown = format!("{req:?}");
        assert!(
            !shown.contains("123456") && shown.contains("[redacted]") && shown.contains("+15558675310"),
            "{shown}"
        );
    }

    #[test]
    fn maps_stay_where_the_spec_puts_them() {
        let map: BTreeMap<String, String> = [("k".to_owned(), "v".to_owned())].into();
        let mut req = request();
        req.push_map(In::Json, "AddOns", &map);
        assert!(req.query.is_empty() && req.form.is_empty());
        assert_eq!(req.json.as_ref().unwrap()["AddOns.k"], "v");
        req.push_map(In::Form, "AddOns", &map);
        assert_eq!(req.form[0], (Cow::Borrowed("AddOns.k"), "v".to_owned()));
        assert!(req.invalid.is_none());
        req.push_map(In::Header, "AddOns", &map);
        assert!(req.query.is_empty() && req.headers.is_empty());
        assert!(req.invalid.unwrap().contains("cannot be sent as headers"));
    }

    #[test]
    fn page_size_is_capped() {
        let mut req = request();
        req.page_size(None, Some(5000), 1000);
        req.page_size(Some(20), Some(5), 1000);
        let sizes: Vec<_> = req.query.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(sizes, ["1000", "20"]);
    }
}
