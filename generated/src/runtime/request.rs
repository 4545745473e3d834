//! The request description generated code produces, and how parameter values reach the wire.
//!
//! Generated builders never format URLs or bodies themselves: they push typed values into a
//! [`Request`] and the rules of `twilio-wire-conventions` (repeated keys for lists, `true`/`false`,
//! UTC date-times, percent-escaped path segments, JSON text in form fields) live here, once.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDate, Utc};

use super::params::{Params, Value};
use super::types::Decimal;

/// A parameter of a group: the Rust setter's name and the wire name, e.g. `("body", "Body")`.
#[doc(hidden)]
pub type Member = (&'static str, &'static str);

/// How a product shapes its list responses.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// API v2010: records next to a relative `next_page_uri`.
    V2010,
    /// Every newer product: `meta.next_page_url` holds an absolute link.
    Meta,
    /// Numbered pages (Numbers' short code applications): `has_next` and `current_page`
    /// beside the records; the next page is the same request with `Page` one higher.
    Pages,
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
    /// Requests carry the client's OAuth access token (`Authorization: Bearer`) instead of
    /// the Account SID and secret.
    pub bearer_auth: bool,
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

/// Static facts about one operation, emitted once per operation marker type (the
/// `operations` module of each product version) as `Operation { json_body: true,
/// ..Operation::new(…) }`: only what differs from the defaults is spelled out.
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
    /// List operations: the key the records are under (`"messages"`); empty otherwise.
    pub records: &'static str,
    /// List operations: the largest `PageSize` Twilio accepts; 0 otherwise.
    pub max_page_size: u32,
    /// Parameters go in a JSON object body, sent even when none is set.
    pub json_body: bool,
    /// The `Accept` header: `application/json`, or the JSON dialect the operation answers in.
    pub accept: &'static str,
    /// A 3xx answer is the operation's success (Bulk Exports' days, OAuth's authorize): the
    /// redirect is not followed, its JSON body (`redirect_to`) is decoded.
    pub accepts_redirect: bool,
    /// The list envelope, where the operation's differs from its product's.
    pub paging: Option<Paging>,
    /// Parameter groups checked before the request is sent.
    pub groups: &'static [Group],
}

impl Operation {
    /// An operation with the defaults: form or query parameters, `application/json`
    /// answers, no paging, no groups.
    pub const fn new(
        product: &'static Product,
        name: &'static str,
        method: Method,
        path: &'static str,
        pieces: &'static [&'static str],
    ) -> Operation {
        Operation {
            product,
            name,
            method,
            path,
            pieces,
            records: "",
            max_page_size: 0,
            json_body: false,
            accept: "application/json",
            accepts_redirect: false,
            paging: None,
            groups: &[],
        }
    }
}

/// A parameter group of an operation (`sender`: `From` or `MessagingServiceSid`).
#[doc(hidden)]
#[derive(Debug)]
pub struct Group {
    /// The group's name in the spec, used in errors.
    pub name: &'static str,
    /// Exactly one member must be set (otherwise at least one).
    pub exclusive: bool,
    /// The members: each setter's name and wire name.
    pub members: &'static [Member],
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
    /// The whole JSON body: an input whose members are the body's (Messaging v3's typing
    /// indicator, one of several shapes).
    Body,
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
    /// A 3xx answer is the operation's success (its body, or its `Location`, is the model).
    pub(crate) accepts_redirect: bool,
    /// The `Accept` header: `application/json`, or the JSON dialect the operation answers in.
    pub(crate) accept: &'static str,
    /// The list envelope, where the operation's differs from its product's.
    pub(crate) paging: Paging,
    /// Records per page the caller asked for (list operations).
    page_size: Option<u32>,
}

impl Request {
    /// Starts a request for `operation`: fills its path with `path_params` (one per
    /// `{Param}`, each escaped as one path segment), moves each of `params` (which is left
    /// empty: a builder is sent once) where it belongs and applies the operation's facts (JSON
    /// body, `Accept`, page size). A request that must not be sent (a path parameter that is
    /// not one segment, a parameter group not satisfied) keeps why in `invalid`, which the client
    /// reports as [`Error::InvalidRequest`](crate::Error::InvalidRequest) instead of sending it.
    pub fn new(operation: &'static Operation, path_params: &[String], params: &mut Params) -> Request {
        // `.`, `..` and empty values would be normalised into another path (the parent, or the
        // list endpoint), so they cannot name an instance.
        let mut invalid = path_params
            .iter()
            .position(|p| p.is_empty() || *p == "." || *p == "..")
            .map(|i| {
                let name = operation
                    .path
                    .split('{')
                    .nth(i + 1)
                    .and_then(|s| s.split('}').next())
                    .unwrap_or("?");
                format!(
                    "{}: path parameter `{name}` cannot be {:?}",
                    operation.name, path_params[i]
                )
            });
        let params = std::mem::take(params);
        let mut request = Request {
            product: operation.product,
            operation: operation.name,
            path_template: operation.path,
            method: operation.method,
            invalid: None,
            accepts_redirect: operation.accepts_redirect,
            accept: operation.accept,
            paging: match operation.paging {
                Some(paging) => paging,
                None => operation.product.paging,
            },
            path: fill_path(operation.pieces, path_params),
            query: Vec::new(),
            form: Vec::new(),
            json: None,
            headers: Vec::new(),
            sensitive: params.sensitive,
            page_size: params
                .page_size
                .or_else(|| params.limit.map(|l| l.min(u32::MAX as usize) as u32)),
        };
        for entry in params.entries {
            let key = entry.wire_key();
            match (entry.value, entry.at) {
                (Value::Text(text), In::Query) => request.query.push((key, text)),
                (Value::Text(text), In::Form) => request.form.push((key, text)),
                (Value::Text(text), In::Header) if entry.key.is_none() => request.headers.push((entry.name, text)),
                (Value::Json(serde_json::Value::Object(members)), In::Body) => {
                    request.json.get_or_insert_with(serde_json::Map::new).extend(members);
                }
                (Value::Json(json), _) => {
                    request
                        .json
                        .get_or_insert_with(serde_json::Map::new)
                        .insert(key.into_owned(), json);
                }
                // Header names are fixed, so a map cannot be sent as headers (the generator
                // refuses such specs); nothing is sent to a place the spec did not say.
                (Value::Text(_), _) => {
                    invalid.get_or_insert_with(|| {
                        format!("{}: the map `{}` cannot be sent as headers", operation.name, entry.name)
                    });
                }
            }
        }
        request.invalid = invalid;
        if operation.json_body {
            request.json.get_or_insert_with(serde_json::Map::new);
        }
        if operation.max_page_size > 0 {
            request.page_size(operation.max_page_size);
        }
        // A group the caller did not satisfy is the first thing to tell them.
        if let Some(problem) = operation.groups.iter().find_map(|g| request.group_problem(g)) {
            request.invalid = Some(problem);
        }
        request
    }

    /// Sends `PageSize`: the caller's page size, else the record limit, capped at the
    /// operation's declared maximum.
    fn page_size(&mut self, max: u32) {
        if let Some(size) = self.page_size {
            self.query
                .push((Cow::Borrowed("PageSize"), size.clamp(1, max).to_string()));
        }
    }

    /// Why the group is not satisfied (at least one, or when `exclusive` exactly one, of its
    /// members must be set), if it is not.
    fn group_problem(&self, group: &Group) -> Option<String> {
        let Group {
            name: group,
            exclusive,
            members,
        } = *group;
        let is_set = |member: &&Member| self.is_set(member.1);
        let count = members.iter().filter(is_set).count();
        if count == 1 || (count > 1 && !exclusive) {
            return None;
        }
        // Only a failing check pays for building the message, which names each parameter as
        // the caller set it and as it is sent: `body (Body)`.
        let shown = |member: &Member| format!("{} ({})", member.0, member.1);
        let set: Vec<String> = members.iter().filter(is_set).map(shown).collect();
        let names = members.iter().map(shown).collect::<Vec<_>>().join(", ");
        if set.is_empty() {
            let rule = if exclusive { "exactly one" } else { "at least one" };
            return Some(format!(
                "{}: parameter group `{group}` needs {rule} of {names}",
                self.operation
            ));
        }
        Some(format!(
            "{}: parameter group `{group}` takes exactly one of {names}, but {} were set",
            self.operation,
            set.join(" and ")
        ))
    }

    /// Whether the parameter `name` (a plain wire name) is set anywhere.
    fn is_set(&self, name: &str) -> bool {
        let named = |pairs: &[(Cow<'static, str>, String)]| pairs.iter().any(|(k, _)| k == name);
        named(&self.query)
            || named(&self.form)
            || self.headers.iter().any(|(k, _)| *k == name)
            || self.json.as_ref().is_some_and(|j| j.contains_key(name))
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
fn fill_path(template: &[&str], params: &[String]) -> String {
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
    use crate::Error;
    use chrono::TimeZone;

    const PRODUCT: Product = Product {
        name: "test.v1",
        host: "test.twilio.com",
        paging: Paging::Meta,
        bearer_auth: false,
    };

    const CREATE: Operation = Operation::new(
        &PRODUCT,
        "test.v1.thing.create",
        Method::Post,
        "/v1/Things",
        &["/v1/Things"],
    );

    fn request(params: &Params) -> Request {
        Request::new(&CREATE, &[], &mut params.clone())
    }

    #[test]
    fn path_params_are_escaped_as_one_segment() {
        let path = fill_path(&["/v2/PhoneNumbers/", ""], &["(415) 992-9960/x?y+1".to_owned()]);
        assert_eq!(path, "/v2/PhoneNumbers/%28415%29%20992-9960%2Fx%3Fy%2B1");
        static FETCH: Operation = Operation::new(&PRODUCT, "op", Method::Get, "/a/{X}/b/{Y}", &["/a/", "/b/", ""]);
        let req = Request::new(&FETCH, &["ok".to_owned(), "..".to_owned()], &mut Params::default());
        assert_eq!(req.invalid.as_deref(), Some("op: path parameter `Y` cannot be \"..\""));
    }

    #[test]
    fn params_go_where_their_location_says() {
        let mut params = Params::default();
        params.add(In::Form, "MediaUrl", &"a".to_owned());
        params.add(In::Form, "MediaUrl", &"b".to_owned());
        params.set(In::Form, "Body", &String::new());
        params.set(In::Query, "PageToken", &"PT1".to_owned());
        params.set(In::Header, "X-Twilio-Webhook-Enabled", &true);
        params.set(In::Json, "Count", &3i64);
        params.insert(In::Form, "AddOns", "k".into(), "v".into());
        let req = request(&params);
        let form: Vec<_> = req.form.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(form, ["MediaUrl=a", "MediaUrl=b", "Body=", "AddOns.k=v"]);
        assert_eq!(req.query, [(Cow::Borrowed("PageToken"), "PT1".to_owned())]);
        assert_eq!(req.headers, [("X-Twilio-Webhook-Enabled", "true".to_owned())]);
        assert_eq!(req.json.as_ref().unwrap()["Count"], 3);
        assert!(req.invalid.is_none());
    }

    #[test]
    fn maps_are_never_sent_as_headers() {
        let mut params = Params::default();
        params.insert(In::Header, "AddOns", "k".into(), "v".into());
        let req = request(&params);
        assert!(req.headers.is_empty() && req.query.is_empty() && req.form.is_empty());
        assert!(req.invalid.unwrap().contains("cannot be sent as headers"));
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
        let mut params = Params::default();
        params.set(In::Form, "RateLimits", &serde_json::json!({"a": 1}));
        assert_eq!(request(&params).form[0].1, r#"{"a":1}"#);
    }

    #[test]
    fn groups_name_their_members() {
        static SENDER: Operation = Operation {
            groups: &[Group {
                name: "sender",
                exclusive: false,
                members: &[("from", "From"), ("messaging_service_sid", "MessagingServiceSid")],
            }],
            ..CREATE
        };
        let unsent = Request::new(&SENDER, &[], &mut Params::default());
        assert_eq!(
            Error::InvalidRequest(unsent.invalid.unwrap()).to_string(),
            "invalid request: test.v1.thing.create: parameter group `sender` needs at least one of from (From), \
             messaging_service_sid (MessagingServiceSid)"
        );
        let mut params = Params::default();
        params.set(In::Form, "Url", &"https://example.com".to_owned());
        params.set(In::Form, "Twiml", &"<Response/>".to_owned());
        let both = request(&params);
        let group = |exclusive, members| Group {
            name: "target",
            exclusive,
            members,
        };
        let (url_or_twiml, url_or_application): (&[Member], &[Member]) = (
            &[("url", "Url"), ("twiml", "Twiml")],
            &[("url", "Url"), ("application_sid", "ApplicationSid")],
        );
        let problem = both.group_problem(&group(true, url_or_twiml));
        assert!(problem.unwrap().contains("url (Url) and twiml (Twiml) were set"));
        assert!(both.group_problem(&group(true, url_or_application)).is_none());
        assert!(both.group_problem(&group(false, url_or_twiml)).is_none());
    }

    #[test]
    fn operation_facts_shape_the_request() {
        static TYPING: Operation = Operation {
            json_body: true,
            accept: "application/scim+json",
            accepts_redirect: true,
            paging: Some(Paging::V2010),
            ..CREATE
        };
        let req = Request::new(&TYPING, &[], &mut Params::default());
        assert_eq!(req.json, Some(serde_json::Map::new()));
        assert_eq!(req.accept, "application/scim+json");
        assert!(req.accepts_redirect);
        assert_eq!(req.paging, Paging::V2010);
        let plain = request(&Params::default());
        assert_eq!(
            (plain.json, plain.accept, plain.accepts_redirect, plain.paging),
            (None, "application/json", false, Paging::Meta)
        );
    }

    #[test]
    fn debug_redacts_sensitive_values() {
        let mut params = Params::default();
        params.set(In::Form, "Code", &"123456".to_owned());
        params.set(In::Form, "To", &"+15558675310".to_owned());
        params.sensitive.push("Code");
        let shown = format!("{:?}", request(&params));
        assert!(
            !shown.contains("123456") && shown.contains("[redacted]") && shown.contains("+15558675310"),
            "{shown}"
        );
    }

    #[test]
    fn page_size_is_the_limit_unless_set_and_is_capped() {
        static LIST: Operation = Operation {
            records: "things",
            max_page_size: 1000,
            ..CREATE
        };
        let list = |params: &Params| Request::new(&LIST, &[], &mut params.clone());
        let mut params = Params {
            limit: Some(5000),
            ..Params::default()
        };
        let capped = list(&params);
        params.page_size = Some(20);
        let smaller = list(&params);
        assert_eq!(capped.query[0].1, "1000");
        assert_eq!(smaller.query[0].1, "20");
        assert!(list(&Params::default()).query.is_empty());
        // Only list operations send a page size.
        assert!(request(&params).query.is_empty());
    }
}
