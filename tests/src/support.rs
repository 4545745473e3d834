//! Shared helpers for the wiremock end-to-end tests (`tests/tests/{api_v2010,verify_v2,lookups_v2,
//! paging,errors}.rs`).
//!
//! The centre piece is [`Expect`], a wiremock [`Match`] that describes one request *exactly*:
//!
//! - method and raw (still percent-encoded) path;
//! - the query as a multiset of decoded pairs, where repeated keys must keep the order of their
//!   values, and optionally the raw query text byte for byte;
//! - the form body the same way (decoded pairs, repeated keys ordered), optionally the raw body;
//! - the headers every Twilio request must carry: `Authorization: Basic …`, a `User-Agent` of the
//!   form `twilio-rust/x.y.z (os arch) rust/…`, `Accept: application/json` (absent on DELETE),
//!   `Accept-Charset: utf-8`, and `Content-Type: application/x-www-form-urlencoded` exactly when
//!   a form body is sent (absent on GET and DELETE).
//!
//! A [`Harness`] starts a mock server and a client pointed at it, mounts expectations with
//! `expect(n)` and installs a catch-all diagnostic mock (`expect(0)`): a request that matches no
//! expectation gets HTTP 418 whose body lists, for every mounted expectation, why it did not
//! match, so the failing `unwrap()` in the test shows the reason; the mock server then also
//! fails the test when it is dropped.
//!
//! [`bodies`] holds realistic response bodies adapted from the examples in Twilio's OpenAPI files.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine as _;
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use regex::Regex;
use wiremock::matchers::any;
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

/// The main account of the test client.
pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
/// The auth token of the test client; it must never show up in Debug or Display output.
pub const AUTH_TOKEN: &str = "e2e-secret-auth-token-9f8e7d6c5b4a";
/// A subaccount of [`ACCOUNT_SID`].
pub const SUBACCOUNT_SID: &str = "ACfedcba9876543210fedcba9876543210";

/// The User-Agent every request must carry.
pub const USER_AGENT_PATTERN: &str = r"^twilio-rust/\d+\.\d+\.\d+ \(\S+ \S+\) rust/\S+$";

fn user_agent_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(USER_AGENT_PATTERN).expect("valid regex"))
}

/// `Basic base64(user:password)`.
pub fn basic_auth(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// A date-time at UTC+02:00, to check that requests convert to UTC.
pub fn plus_two(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(2 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, mo, d, h, mi, s)
        .unwrap()
}

/// A UTC date-time, for asserting decoded fields.
pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

/// The v2010 path prefix of an account: `/2010-04-01/Accounts/{sid}`.
pub fn account_path(sid: &str) -> String {
    format!("/2010-04-01/Accounts/{sid}")
}

/// What the request body must be.
#[derive(Clone, Debug)]
enum BodyExpect {
    /// No body at all (GET, DELETE).
    Empty,
    /// A form body: decoded pairs, repeated keys in order. May be empty (a POST without params).
    Form(Vec<(String, String)>),
}

/// An exact description of one request; see the module docs.
#[derive(Clone, Debug)]
pub struct Expect {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    raw_query: Option<String>,
    body: BodyExpect,
    raw_body: Option<String>,
    authorization: String,
}

impl Expect {
    fn new(method: &'static str, path: impl Into<String>, body: BodyExpect) -> Self {
        Expect {
            method,
            path: path.into(),
            query: Vec::new(),
            raw_query: None,
            body,
            raw_body: None,
            authorization: basic_auth(ACCOUNT_SID, AUTH_TOKEN),
        }
    }

    /// A GET of `path` (raw, percent-encoded as on the wire) with no body and, unless
    /// [`query`](Self::query) says otherwise, no query string.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path, BodyExpect::Empty)
    }

    /// A POST with a form body; unless [`form`](Self::form) is called the body must be empty
    /// (but still declared as a form).
    pub fn post(path: impl Into<String>) -> Self {
        Self::new("POST", path, BodyExpect::Form(Vec::new()))
    }

    /// A DELETE with no body, no `Accept` and no `Content-Type`.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new("DELETE", path, BodyExpect::Empty)
    }

    /// The exact query, as decoded pairs. Keys may repeat; their values must arrive in this order.
    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        self
    }

    /// The exact raw query text (after `?`), byte for byte.
    pub fn raw_query(mut self, raw: &str) -> Self {
        self.raw_query = Some(raw.to_owned());
        self
    }

    /// The exact form body, as decoded pairs. Keys may repeat; their values must arrive in this
    /// order.
    pub fn form(mut self, pairs: &[(&str, &str)]) -> Self {
        assert_eq!(self.method, "POST", "only POST requests carry a form body");
        self.body = BodyExpect::Form(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        self
    }

    /// The exact raw form body text, byte for byte (in addition to [`form`](Self::form)).
    pub fn raw_form(mut self, raw: &str) -> Self {
        self.raw_body = Some(raw.to_owned());
        self
    }

    /// Expect other Basic credentials than the default test client's.
    pub fn basic_auth(mut self, user: &str, password: &str) -> Self {
        self.authorization = basic_auth(user, password);
        self
    }

    /// One line naming the request, e.g. `GET /v2/Services?PageSize=2`.
    pub fn describe(&self) -> String {
        let mut s = format!("{} {}", self.method, self.path);
        if !self.query.is_empty() {
            s.push('?');
            let q: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            s.push_str(&q.join("&"));
        }
        s
    }

    /// Every way `request` differs from this expectation; empty when it matches.
    pub fn problems(&self, request: &Request) -> Vec<String> {
        let mut problems = Vec::new();
        if request.method.as_str() != self.method {
            problems.push(format!("method: expected {}, got {}", self.method, request.method));
        }
        if request.url.path() != self.path {
            problems.push(format!("path: expected {:?}, got {:?}", self.path, request.url.path()));
        }

        // Query.
        let raw_query = request.url.query();
        if self.query.is_empty() && self.raw_query.is_none() {
            if raw_query.is_some() {
                problems.push(format!("query: expected none, got {raw_query:?}"));
            }
        } else {
            let got: Vec<(String, String)> = request
                .url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if grouped(&got) != grouped(&self.query) {
                problems.push(format!("query pairs: expected {:?}, got {:?}", self.query, got));
            }
            if let Some(raw) = &self.raw_query {
                if raw_query != Some(raw.as_str()) {
                    problems.push(format!("raw query: expected {raw:?}, got {raw_query:?}"));
                }
            }
        }

        // Headers.
        let header = |name: &str| -> Result<Option<String>, String> {
            let values: Vec<_> = request.headers.get_all(name).iter().collect();
            match values.len() {
                0 => Ok(None),
                1 => Ok(Some(String::from_utf8_lossy(values[0].as_bytes()).into_owned())),
                n => Err(format!("header {name}: sent {n} times")),
            }
        };
        let check_header = |problems: &mut Vec<String>, name: &str, expected: Option<&str>| match header(name) {
            Err(e) => problems.push(e),
            Ok(got) => {
                if got.as_deref() != expected {
                    problems.push(format!("header {name}: expected {expected:?}, got {got:?}"));
                }
            }
        };
        check_header(&mut problems, "authorization", Some(&self.authorization));
        if self.method == "DELETE" {
            // The client sends no Accept on DELETE; reqwest then adds its default `*/*` (as
            // python's HTTP stack does). `RecordingTransport` checks the client's own headers.
            match header("accept") {
                Ok(None) => {}
                Ok(Some(v)) if v == "*/*" => {}
                other => problems.push(format!(
                    "header accept: expected none (or reqwest's */*), got {other:?}"
                )),
            }
        } else {
            check_header(&mut problems, "accept", Some("application/json"));
        }
        check_header(&mut problems, "accept-charset", Some("utf-8"));
        let form_type = matches!(self.body, BodyExpect::Form(_)).then_some("application/x-www-form-urlencoded");
        check_header(&mut problems, "content-type", form_type);
        match header("user-agent") {
            Ok(Some(ua)) if user_agent_regex().is_match(&ua) => {}
            other => problems.push(format!(
                "header user-agent: expected /{USER_AGENT_PATTERN}/, got {other:?}"
            )),
        }

        // Body.
        match &self.body {
            BodyExpect::Empty => {
                if !request.body.is_empty() {
                    problems.push(format!(
                        "body: expected none, got {:?}",
                        String::from_utf8_lossy(&request.body)
                    ));
                }
            }
            BodyExpect::Form(pairs) => {
                let got: Vec<(String, String)> = form_urlencoded::parse(&request.body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                if grouped(&got) != grouped(pairs) {
                    problems.push(format!("form body: expected {pairs:?}, got {got:?}"));
                }
            }
        }
        if let Some(raw) = &self.raw_body {
            let got = String::from_utf8_lossy(&request.body);
            if got != raw.as_str() {
                problems.push(format!("raw body: expected {raw:?}, got {got:?}"));
            }
        }
        problems
    }
}

/// Groups pairs by key, keeping the order of each key's values: equal groupings mean the same
/// multiset of pairs with repeated keys in the same order.
fn grouped(pairs: &[(String, String)]) -> BTreeMap<&str, Vec<&str>> {
    let mut map: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (k, v) in pairs {
        map.entry(k.as_str()).or_default().push(v.as_str());
    }
    map
}

impl Match for Expect {
    fn matches(&self, request: &Request) -> bool {
        self.problems(request).is_empty()
    }
}

/// Answers requests that matched no expectation with 418 and an explanation.
struct Diagnose {
    expectations: Arc<Mutex<Vec<Expect>>>,
}

impl Respond for Diagnose {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut text = format!(
            "no expectation matched {} {} (body {:?})\n",
            request.method,
            request.url,
            String::from_utf8_lossy(&request.body)
        );
        let expectations = self.expectations.lock().unwrap_or_else(|e| e.into_inner());
        if expectations.is_empty() {
            text.push_str("  (no request was expected at all)\n");
        }
        for expect in expectations.iter() {
            let _ = writeln!(text, "  vs {}:", expect.describe());
            for problem in expect.problems(request) {
                let _ = writeln!(text, "    - {problem}");
            }
        }
        ResponseTemplate::new(418).set_body_string(text)
    }
}

/// A mock server, a client pointed at it, and the expectations mounted on it.
pub struct Harness {
    /// The mock server; dropping it verifies every `expect(n)`.
    pub server: MockServer,
    /// A client for [`ACCOUNT_SID`] / [`AUTH_TOKEN`] whose base URL is the mock server.
    pub client: twilio::Client,
    expectations: Arc<Mutex<Vec<Expect>>>,
}

impl Harness {
    /// Starts a mock server with the catch-all diagnostic mock (which expects no request).
    pub async fn start() -> Harness {
        let server = MockServer::start().await;
        let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
            .base_url(server.uri())
            .build();
        let expectations = Arc::new(Mutex::new(Vec::new()));
        Mock::given(any())
            .respond_with(Diagnose {
                expectations: expectations.clone(),
            })
            .with_priority(u8::MAX)
            .named("catch-all: a request that matched no expectation")
            .expect(0)
            .mount(&server)
            .await;
        Harness {
            server,
            client,
            expectations,
        }
    }

    /// The mock server's origin, e.g. `http://127.0.0.1:4321`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Mounts `expect`, answered by `response`, which must be requested exactly once.
    pub async fn expect(&self, expect: Expect, response: ResponseTemplate) {
        self.expect_times(expect, response, 1).await
    }

    /// Mounts `expect`, answered by `response`, which must be requested exactly `times` times
    /// (0 documents a request that must *not* happen).
    pub async fn expect_times(&self, expect: Expect, response: ResponseTemplate, times: u64) {
        self.expectations.lock().unwrap().push(expect.clone());
        Mock::given(expect.clone())
            .respond_with(response)
            .named(expect.describe())
            .expect(times)
            .mount(&self.server)
            .await;
    }

    /// Every request the server received so far.
    pub async fn received(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// Checks the `expect(n)` counts now (dropping the harness does it too).
    pub async fn verify(&self) {
        self.server.verify().await
    }
}

/// A JSON response as Twilio sends it (with a `Twilio-Request-Id`).
pub fn json(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("Twilio-Request-Id", "RQ0123456789abcdef0123456789abcdef")
        .set_body_json(body)
}

/// The empty 204 answer of a DELETE.
pub fn no_content() -> ResponseTemplate {
    ResponseTemplate::new(204)
}

/// Realistic response bodies, adapted from the examples in Twilio's OpenAPI files.
pub mod bodies {
    use serde_json::{json, Value};

    use super::account_path;

    /// A v2010 list page: records under `key` next to a relative `next_page_uri`.
    pub fn v2010_page(
        list_uri: &str,
        key: &str,
        records: Vec<Value>,
        page: u64,
        page_size: u64,
        next_page_uri: Option<&str>,
    ) -> Value {
        let start = page * page_size;
        let end = start + records.len().max(1) as u64 - 1;
        json!({
            "first_page_uri": format!("{list_uri}?PageSize={page_size}&Page=0"),
            "end": end,
            "previous_page_uri": null,
            key: records,
            "uri": format!("{list_uri}?PageSize={page_size}&Page={page}"),
            "page_size": page_size,
            "start": start,
            "next_page_uri": next_page_uri,
            "page": page
        })
    }

    /// A list page of the newer products: records under `key`, links in `meta`.
    pub fn meta_page(
        url: &str,
        key: &str,
        records: Vec<Value>,
        page: u64,
        page_size: u64,
        next_page_url: Option<&str>,
    ) -> Value {
        json!({
            "meta": {
                "page": page,
                "page_size": page_size,
                "first_page_url": url,
                "previous_page_url": null,
                "next_page_url": next_page_url,
                "key": key,
                "url": url
            },
            key: records
        })
    }

    /// An Account (`auth_token` included, as Twilio returns it on create).
    pub fn account(sid: &str, owner: &str, friendly_name: &str, status: &str) -> Value {
        let base = account_path(sid);
        json!({
            "auth_token": "subaccount-auth-token-0000",
            "date_created": "Thu, 30 Jul 2015 20:00:00 +0000",
            "date_updated": "Thu, 30 Jul 2015 20:00:00 +0000",
            "friendly_name": friendly_name,
            "owner_account_sid": owner,
            "sid": sid,
            "status": status,
            "subresource_uris": {
                "calls": format!("{base}/Calls.json"),
                "incoming_phone_numbers": format!("{base}/IncomingPhoneNumbers.json"),
                "messages": format!("{base}/Messages.json"),
                "balance": format!("{base}/Balance.json")
            },
            "type": "Full",
            "uri": format!("{base}.json")
        })
    }

    /// A Message.
    pub fn message(account_sid: &str, sid: &str, status: &str) -> Value {
        let base = account_path(account_sid);
        json!({
            "account_sid": account_sid,
            "api_version": "2010-04-01",
            "body": "Hello! 👍",
            "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
            "date_sent": "Thu, 24 Aug 2023 05:01:45 +0000",
            "date_updated": "Thu, 24 Aug 2023 05:01:46 +0000",
            "direction": "outbound-api",
            "error_code": null,
            "error_message": null,
            "from": "+15017122661",
            "num_media": "2",
            "num_segments": "1",
            "price": "-0.00750",
            "price_unit": "USD",
            "messaging_service_sid": "MG0123456789abcdef0123456789abcdef",
            "sid": sid,
            "status": status,
            "subresource_uris": {
                "media": format!("{base}/Messages/{sid}/Media.json"),
                "feedback": format!("{base}/Messages/{sid}/Feedback.json")
            },
            "to": "+15558675310",
            "uri": format!("{base}/Messages/{sid}.json")
        })
    }

    /// A Media record of a message.
    pub fn media(account_sid: &str, message_sid: &str, sid: &str) -> Value {
        json!({
            "account_sid": account_sid,
            "content_type": "image/jpeg",
            "date_created": "Sun, 16 Aug 2015 15:53:54 +0000",
            "date_updated": "Sun, 16 Aug 2015 15:53:55 +0000",
            "parent_sid": message_sid,
            "sid": sid,
            "uri": format!("{}/Messages/{message_sid}/Media/{sid}.json", account_path(account_sid))
        })
    }

    /// A Call.
    pub fn call(account_sid: &str, sid: &str, status: &str) -> Value {
        let base = account_path(account_sid);
        json!({
            "account_sid": account_sid,
            "answered_by": null,
            "api_version": "2010-04-01",
            "caller_name": null,
            "date_created": "Tue, 31 Aug 2010 20:36:28 +0000",
            "date_updated": "Tue, 31 Aug 2010 20:36:44 +0000",
            "direction": "outbound-api",
            "duration": "15",
            "end_time": "Tue, 31 Aug 2010 20:36:44 +0000",
            "forwarded_from": "+141586753093",
            "from": "+14158675308",
            "from_formatted": "(415) 867-5308",
            "group_sid": null,
            "parent_call_sid": null,
            "phone_number_sid": "PN0123456789abcdef0123456789abcdef",
            "price": "-0.03000",
            "price_unit": "USD",
            "sid": sid,
            "start_time": "Tue, 31 Aug 2010 20:36:29 +0000",
            "status": status,
            "subresource_uris": {
                "notifications": format!("{base}/Calls/{sid}/Notifications.json"),
                "recordings": format!("{base}/Calls/{sid}/Recordings.json")
            },
            "to": "+14158675309",
            "to_formatted": "(415) 867-5309",
            "trunk_sid": null,
            "uri": format!("{base}/Calls/{sid}.json"),
            "queue_time": "1000"
        })
    }

    /// An IncomingPhoneNumber.
    pub fn incoming_phone_number(account_sid: &str, sid: &str) -> Value {
        json!({
            "account_sid": account_sid,
            "address_requirements": "none",
            "address_sid": "AD0123456789abcdef0123456789abcdef",
            "api_version": "2010-04-01",
            "beta": false,
            "capabilities": {"voice": true, "sms": false, "mms": true, "fax": false},
            "date_created": "Thu, 30 Jul 2015 23:19:04 +0000",
            "date_updated": "Thu, 30 Jul 2015 23:19:04 +0000",
            "emergency_status": "Active",
            "emergency_address_sid": "AD0123456789abcdef0123456789abcdef",
            "emergency_address_status": "registered",
            "friendly_name": "friendly_name",
            "identity_sid": "RI0123456789abcdef0123456789abcdef",
            "origin": "origin",
            "phone_number": "+18089255327",
            "sid": sid,
            "sms_application_sid": "AP0123456789abcdef0123456789abcdef",
            "sms_fallback_method": "GET",
            "sms_fallback_url": "https://example.com/sms-fallback",
            "sms_method": "GET",
            "sms_url": "https://example.com/sms",
            "status_callback": "https://example.com/status",
            "status_callback_method": "POST",
            "trunk_sid": null,
            "uri": format!("{}/IncomingPhoneNumbers/{sid}.json", account_path(account_sid)),
            "voice_application_sid": null,
            "voice_caller_id_lookup": false,
            "voice_fallback_method": "GET",
            "voice_fallback_url": "https://example.com/voice-fallback",
            "voice_method": "POST",
            "voice_url": "https://example.com/voice",
            "bundle_sid": "BU0123456789abcdef0123456789abcdef",
            "voice_receive_mode": "voice",
            "status": "in-use",
            "type": "local"
        })
    }

    /// A Verify Service.
    pub fn service(sid: &str, friendly_name: &str) -> Value {
        let url = format!("https://verify.twilio.com/v2/Services/{sid}");
        json!({
            "sid": sid,
            "account_sid": super::ACCOUNT_SID,
            "friendly_name": friendly_name,
            "code_length": 6,
            "lookup_enabled": false,
            "psd2_enabled": false,
            "skip_sms_to_landlines": false,
            "dtmf_input_required": false,
            "tts_name": "name",
            "do_not_share_warning_enabled": false,
            "custom_code_enabled": true,
            "push": {"include_date": false, "apn_credential_sid": "CR0123456789abcdef0123456789abcdef", "fcm_credential_sid": null},
            "totp": {"issuer": "test-issuer", "time_step": 30, "code_length": 3, "skew": 2},
            "whatsapp": {"msg_service_sid": "MG0123456789abcdef0123456789abcdef", "from": "whatsapp:+1234567890"},
            "passkeys": {
                "relying_party": {"id": "www.mydomain.com", "name": "My domain", "origins": ["www.mydomain.com"]},
                "authenticator_attachment": "platform",
                "discoverable_credentials": null,
                "user_verification": "discouraged"
            },
            "default_template_sid": "HJ0123456789abcdef0123456789abcdef",
            "verify_event_subscription_enabled": false,
            "date_created": "2015-07-30T20:00:00Z",
            "date_updated": "2015-07-30T20:00:00Z",
            "url": url,
            "links": {
                "verification_checks": format!("{url}/VerificationCheck"),
                "verifications": format!("{url}/Verifications"),
                "rate_limits": format!("{url}/RateLimits")
            }
        })
    }

    /// A Verification.
    pub fn verification(service_sid: &str, sid: &str, status: &str) -> Value {
        json!({
            "sid": sid,
            "service_sid": service_sid,
            "account_sid": super::ACCOUNT_SID,
            "to": "+15017122661",
            "channel": "sms",
            "status": status,
            "valid": false,
            "date_created": "2015-07-30T20:00:00Z",
            "date_updated": "2015-07-30T20:00:00Z",
            "lookup": {},
            "amount": null,
            "payee": null,
            "send_code_attempts": [{"time": "2015-07-30T20:00:00Z", "channel": "SMS", "attempt_sid": "VL0123456789abcdef0123456789abcdef"}],
            "sna": null,
            "url": format!("https://verify.twilio.com/v2/Services/{service_sid}/Verifications/{sid}")
        })
    }

    /// A VerificationCheck.
    pub fn verification_check(service_sid: &str, sid: &str) -> Value {
        json!({
            "sid": sid,
            "service_sid": service_sid,
            "account_sid": super::ACCOUNT_SID,
            "to": "+15017122661",
            "channel": "sms",
            "status": "approved",
            "valid": true,
            "amount": null,
            "payee": null,
            "sna_attempts_error_codes": [],
            "date_created": "2015-07-30T20:00:00Z",
            "date_updated": "2015-07-30T20:00:05Z"
        })
    }

    /// A Lookup v2 PhoneNumber without data packages.
    pub fn phone_number(e164: &str, national: &str) -> Value {
        json!({
            "calling_country_code": "1",
            "country_code": "US",
            "phone_number": e164,
            "national_format": national,
            "valid": true,
            "validation_errors": null,
            "caller_name": null,
            "sim_swap": null,
            "call_forwarding": null,
            "line_status": null,
            "line_type_intelligence": null,
            "identity_match": null,
            "reassigned_number": null,
            "sms_pumping_risk": null,
            "phone_number_quality_score": null,
            "pre_fill": null,
            "url": format!("https://lookups.twilio.com/v2/PhoneNumbers/{e164}")
        })
    }
}

/// One request as the client handed it to its transport (before reqwest adds anything).
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// Absolute URL, query included.
    pub url: String,
    /// Header names and values exactly as the client set them (Authorization included).
    pub headers: Vec<(String, String)>,
    /// The body, if the client built one.
    pub body: Option<Vec<u8>>,
}

impl Recorded {
    /// Every value of a header, compared case-insensitively.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// A [`twilio::runtime::transport::Transport`] that records requests and answers each with a
/// fixed response; for checking what the client itself sends, below the HTTP library.
#[derive(Clone)]
pub struct RecordingTransport {
    /// The requests seen so far.
    pub requests: Arc<Mutex<Vec<Recorded>>>,
    status: u16,
    body: Vec<u8>,
}

impl RecordingTransport {
    /// Answers every request with `status` and `body`.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        RecordingTransport {
            requests: Arc::new(Mutex::new(Vec::new())),
            status,
            body: body.into(),
        }
    }

    /// A client for [`ACCOUNT_SID`] that sends through this transport.
    pub fn client(&self) -> twilio::Client {
        twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
            .transport(self.clone())
            .build()
    }

    /// The requests recorded so far.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

impl twilio::runtime::transport::Transport for RecordingTransport {
    fn send(&self, request: twilio::runtime::transport::HttpRequest) -> twilio::runtime::transport::TransportFuture {
        self.requests.lock().unwrap().push(Recorded {
            method: request.method.as_str(),
            url: request.url.clone(),
            headers: request
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
            body: request.body.clone(),
        });
        let response = twilio::runtime::transport::HttpResponse::new(
            self.status,
            vec![("content-type".to_owned(), "application/json".to_owned())],
            self.body.clone(),
        );
        Box::pin(async move { Ok(response) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::http::{HeaderMap, HeaderValue, Method, Url};

    fn request(method: Method, url: &str, body: &str, content_type: Option<&str>) -> Request {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            HeaderValue::from_str(&basic_auth(ACCOUNT_SID, AUTH_TOKEN)).unwrap(),
        );
        headers.insert(
            "user-agent",
            HeaderValue::from_static("twilio-rust/0.1.0 (linux x86_64) rust/1.95.0"),
        );
        if method != Method::DELETE {
            headers.insert("accept", HeaderValue::from_static("application/json"));
        }
        headers.insert("accept-charset", HeaderValue::from_static("utf-8"));
        if let Some(ct) = content_type {
            headers.insert("content-type", HeaderValue::from_str(ct).unwrap());
        }
        Request {
            url: Url::parse(url).unwrap(),
            method,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    const FORM: &str = "application/x-www-form-urlencoded";

    #[test]
    fn form_bodies_are_compared_as_ordered_multisets() {
        let expect = Expect::post("/x").form(&[("To", "+1"), ("MediaUrl", "a"), ("MediaUrl", "b")]);
        // Other keys may come in any order; repeated keys keep theirs.
        let ok = request(Method::POST, "http://h/x", "MediaUrl=a&To=%2B1&MediaUrl=b", Some(FORM));
        assert_eq!(expect.problems(&ok), Vec::<String>::new());
        let swapped = request(Method::POST, "http://h/x", "To=%2B1&MediaUrl=b&MediaUrl=a", Some(FORM));
        assert_eq!(expect.problems(&swapped).len(), 1);
        let missing = request(Method::POST, "http://h/x", "To=%2B1&MediaUrl=a", Some(FORM));
        assert_eq!(expect.problems(&missing).len(), 1);
        let extra = request(
            Method::POST,
            "http://h/x",
            "To=%2B1&MediaUrl=a&MediaUrl=b&Body=",
            Some(FORM),
        );
        assert_eq!(expect.problems(&extra).len(), 1);
        let raw_plus = request(Method::POST, "http://h/x", "To=+1&MediaUrl=a&MediaUrl=b", Some(FORM));
        assert_eq!(expect.problems(&raw_plus).len(), 1, "a raw + decodes to a space");
        let json_type = request(
            Method::POST,
            "http://h/x",
            "To=%2B1&MediaUrl=a&MediaUrl=b",
            Some("application/json"),
        );
        assert_eq!(expect.problems(&json_type).len(), 1);
    }

    #[test]
    fn queries_paths_and_headers_are_exact() {
        let expect = Expect::get("/v2/PhoneNumbers/%2B1%20%28415%29").query(&[("DateSent>", "2024-01-31T00:00:00Z")]);
        let ok = request(
            Method::GET,
            "http://h/v2/PhoneNumbers/%2B1%20%28415%29?DateSent%3E=2024-01-31T00%3A00%3A00Z",
            "",
            None,
        );
        assert_eq!(expect.problems(&ok), Vec::<String>::new());
        let unescaped = request(
            Method::GET,
            "http://h/v2/PhoneNumbers/+1%20(415)?DateSent%3E=2024-01-31T00%3A00%3A00Z",
            "",
            None,
        );
        assert_eq!(expect.problems(&unescaped).len(), 1);
        let extra = request(
            Method::GET,
            "http://h/v2/PhoneNumbers/%2B1%20%28415%29?DateSent%3E=2024-01-31T00%3A00%3A00Z&PageSize=50",
            "",
            None,
        );
        assert_eq!(expect.problems(&extra).len(), 1);
        let typed = request(
            Method::GET,
            "http://h/v2/PhoneNumbers/%2B1%20%28415%29?DateSent%3E=2024-01-31T00%3A00%3A00Z",
            "",
            Some(FORM),
        );
        assert_eq!(expect.problems(&typed).len(), 1, "no Content-Type on GET");
        let mut bad_ua = ok.clone();
        bad_ua
            .headers
            .insert("user-agent", HeaderValue::from_static("reqwest/0.12"));
        assert_eq!(expect.problems(&bad_ua).len(), 1);
        let mut bad_auth = ok.clone();
        bad_auth.headers.insert(
            "authorization",
            HeaderValue::from_str(&basic_auth(ACCOUNT_SID, "other")).unwrap(),
        );
        assert_eq!(expect.problems(&bad_auth).len(), 1);
        let no_query = Expect::get("/v2/x");
        assert_eq!(
            no_query
                .problems(&request(Method::GET, "http://h/v2/x?", "", None))
                .len(),
            1
        );

        let delete = Expect::delete("/v2/x");
        assert_eq!(
            delete.problems(&request(Method::DELETE, "http://h/v2/x", "", None)),
            Vec::<String>::new()
        );
        let mut with_accept = request(Method::DELETE, "http://h/v2/x", "", None);
        with_accept
            .headers
            .insert("accept", HeaderValue::from_static("application/json"));
        assert_eq!(delete.problems(&with_accept).len(), 1);
    }
}

/// A `tracing` writer that keeps what it is given, to assert on log output.
#[derive(Clone, Default)]
pub struct Captured(pub Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
