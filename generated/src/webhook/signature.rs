//! Validating `X-Twilio-Signature`.
//!
//! Twilio signs every webhook and status callback with the account's **auth token** (never with
//! an API key secret). The signature is an HMAC-SHA1 over the full URL Twilio requested, followed
//! by the form parameters of the body, sorted by name. [`RequestValidator`] recomputes it:
//!
//! ```
//! use twilio::webhook::signature::RequestValidator;
//!
//! let validator = RequestValidator::new("12345");
//! let params = vec![
//!     ("CallSid".to_owned(), "CA1234567890ABCDE".to_owned()),
//!     ("Caller".to_owned(), "+14158675309".to_owned()),
//!     ("Digits".to_owned(), "1234".to_owned()),
//!     ("From".to_owned(), "+14158675309".to_owned()),
//!     ("To".to_owned(), "+18005551212".to_owned()),
//! ];
//! validator.validate(
//!     "https://mycompany.com/myapp.php?foo=1&bar=2",
//!     &params,
//!     "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
//! )?;
//! # Ok::<(), twilio::webhook::signature::SignatureError>(())
//! ```
//!
//! # Which URL?
//!
//! Nearly every failed validation comes from checking a different URL from the one Twilio
//! signed: TLS ended at a load balancer (`http` instead of `https`), a rewritten `Host`, an
//! internal port, a path prefix removed by a proxy, or a query string that the web framework
//! decoded or reordered. The URL must be the public one, with the query string exactly as
//! received. [`PublicUrl`] rebuilds it from the pieces of a request under an explicit policy: a
//! configured public base URL, or trusted `X-Forwarded-*` headers (off unless you opt in).
//! [`SignatureError`] names the URLs that were checked, so a mismatch shows what was rebuilt.
//!
//! # Details
//!
//! - Parameter names are sorted by byte order (`CallSid` before `Caller`, `Reason` before
//!   `ReasonConferenceEnded`); the values of a repeated name are sorted and de-duplicated, as the
//!   Python and Node.js libraries do. Pass **every** form parameter of the body, and only those
//!   of the body (query parameters are already part of the URL).
//! - Twilio is inconsistent about ports, so two variants of the URL are checked: without any port,
//!   and with the port (`:443`/`:80` added when the URL has none). When the query contains
//!   characters that a WHATWG URL serializer escapes (such as `'`), the escaped forms are
//!   checked as well.
//! - Webhooks with a JSON body carry `bodySHA256=<hex SHA-256 of the body>` in the query; the
//!   signature covers the URL alone and [`RequestValidator::validate_json`] also checks the hash.
//! - The signed string has no timestamp, so a captured request can be replayed. Deduplicate on
//!   `MessageSid`/`CallSid` (plus status) if that matters.
//!
//! # Shared keys (HMAC-SHA256)
//!
//! Webhooks signed with a shared key instead of the auth token carry
//! `X-Twilio-Webhooks-Signature-Settings: key=<shared key id>,algorithm=HMAC_SHA256`. Register
//! the key with [`RequestValidator::with_shared_key`], read the header with
//! [`SignatureSettings::from_header`] and validate with [`RequestValidator::validate_with`] (the
//! axum extractors do all of this). The signed string is the same; only the HMAC differs. A
//! request without the header is HMAC-SHA1, and an algorithm this crate does not know is refused.
//!
//! ```
//! use twilio::webhook::signature::{RequestValidator, SignatureSettings};
//!
//! let validator = RequestValidator::new("your auth token").with_shared_key("KEY123", "shared-key-secret-1");
//! let settings = SignatureSettings::from_header(Some("key=KEY123,algorithm=HMAC_SHA256"))?;
//! let params = vec![("Digits".to_owned(), "1234".to_owned())];
//! validator.validate_with(
//!     &settings,
//!     "https://mycompany.com/myapp.php?foo=1&bar=2",
//!     &params,
//!     "NGYODL6yiRfGvJjn5M2YqwZQMCOamrgBShWccSRJBb0=",
//! )?;
//! # Ok::<(), twilio::webhook::signature::SignatureError>(())
//! ```

use std::fmt;
use std::sync::Arc;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};

mod settings;

pub use settings::{Algorithm, SignatureSettings, UnsupportedAlgorithm, SIGNATURE_SETTINGS_HEADER};

type HmacSha1 = Hmac<Sha1>;
type HmacSha256 = Hmac<Sha256>;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Signature";

/// The query parameter that carries the SHA-256 of a JSON body.
pub const BODY_SHA256_PARAM: &str = "bodySHA256";

// ---------------------------------------------------------------------------------------------
// Validator
// ---------------------------------------------------------------------------------------------

/// Checks `X-Twilio-Signature` against one or more auth tokens and shared keys.
///
/// A request is accepted when any of the secrets produced its signature, so that validation
/// keeps working while a secondary auth token is promoted. A shared key is tried alone when the
/// request names its id (see [`SignatureSettings`]). Cloning is cheap (the keys are shared), and
/// `Debug` shows only how many secrets there are and the shared keys' ids.
#[derive(Clone)]
pub struct RequestValidator {
    secrets: Arc<[Secret]>,
}

/// One accepted secret as keyed HMAC states for both algorithms; the text itself is not kept.
#[derive(Clone)]
struct Secret {
    /// The shared key's id; `None` for an auth token.
    key_id: Option<Box<str>>,
    sha1: HmacSha1,
    sha256: HmacSha256,
}

impl Secret {
    /// The keyed states for `text`, or `None` for an empty secret, which is never accepted.
    fn new(text: &str, key_id: Option<&str>) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        Self::keyed(text, key_id)
    }

    /// The keyed states for `text`, which may be empty (to sign, not to check).
    fn keyed(text: &str, key_id: Option<&str>) -> Option<Self> {
        // HMAC accepts keys of any length, so these never fail.
        Some(Self {
            key_id: key_id.map(Into::into),
            sha1: HmacSha1::new_from_slice(text.as_bytes()).ok()?,
            sha256: HmacSha256::new_from_slice(text.as_bytes()).ok()?,
        })
    }

    /// The signature of `url` followed by `suffix`.
    fn sign(&self, algorithm: Algorithm, url: &str, suffix: &str) -> String {
        fn finish<M: Mac + Clone>(mac: &M, url: &str, suffix: &str) -> String {
            let mut mac = mac.clone();
            mac.update(url.as_bytes());
            mac.update(suffix.as_bytes());
            STANDARD.encode(mac.finalize().into_bytes())
        }
        match algorithm {
            Algorithm::HmacSha1 => finish(&self.sha1, url, suffix),
            Algorithm::HmacSha256 => finish(&self.sha256, url, suffix),
        }
    }
}

impl RequestValidator {
    /// A validator for one auth token.
    ///
    /// An empty token is ignored: validating with no usable token fails with
    /// [`SignatureErrorKind::NoAuthToken`] instead of accepting signatures made with an empty key.
    pub fn new(auth_token: impl AsRef<str>) -> Self {
        Self::with_tokens([auth_token])
    }

    /// A validator that accepts a signature made with any of `auth_tokens` (for example the
    /// primary and the secondary auth token during a rotation). Empty tokens are ignored.
    pub fn with_tokens<I>(auth_tokens: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let secrets: Vec<Secret> = auth_tokens
            .into_iter()
            .filter_map(|t| Secret::new(t.as_ref(), None))
            .collect();
        Self {
            secrets: secrets.into(),
        }
    }

    /// Adds another accepted auth token. An empty token is ignored.
    pub fn with_token(self, auth_token: impl AsRef<str>) -> Self {
        self.with_secret(Secret::new(auth_token.as_ref(), None))
    }

    /// Adds a shared key: its id (`key=` in `X-Twilio-Webhooks-Signature-Settings`) and its
    /// secret. A request that names the id is checked against this key alone; one that names no
    /// id, or an id not added here, against every secret. An empty secret is ignored.
    pub fn with_shared_key(self, key_id: impl AsRef<str>, secret: impl AsRef<str>) -> Self {
        self.with_secret(Secret::new(secret.as_ref(), Some(key_id.as_ref())))
    }

    fn with_secret(self, secret: Option<Secret>) -> Self {
        let mut secrets = self.secrets.to_vec();
        secrets.extend(secret);
        Self {
            secrets: secrets.into(),
        }
    }

    /// How many (non-empty) auth tokens are accepted.
    pub fn token_count(&self) -> usize {
        self.secrets.iter().filter(|s| s.key_id.is_none()).count()
    }

    /// How many (non-empty) shared keys are accepted.
    pub fn shared_key_count(&self) -> usize {
        self.secrets.iter().filter(|s| s.key_id.is_some()).count()
    }

    /// Validates a webhook whose parameters are form-encoded in the body (`POST`), or a `GET`
    /// webhook, whose parameters are in the URL's query: pass no `params` then.
    ///
    /// - `url`: the full public URL Twilio requested, with the query string exactly as received
    ///   (see [`PublicUrl`]).
    /// - `params`: the decoded form parameters of the body, all of them, in any order.
    /// - `signature`: the value of the `X-Twilio-Signature` header; pass `""` when the header is
    ///   missing.
    ///
    /// This is HMAC-SHA1, for a request without `X-Twilio-Webhooks-Signature-Settings`; see
    /// [`RequestValidator::validate_with`] for requests that may carry it.
    pub fn validate(&self, url: &str, params: &[(String, String)], signature: &str) -> Result<(), SignatureError> {
        self.validate_with(&SignatureSettings::default(), url, params, signature)
    }

    /// [`RequestValidator::validate`] for a request signed as `settings` say (read them from the
    /// request's `X-Twilio-Webhooks-Signature-Settings` header with
    /// [`SignatureSettings::from_header`]).
    pub fn validate_with(
        &self,
        settings: &SignatureSettings,
        url: &str,
        params: &[(String, String)],
        signature: &str,
    ) -> Result<(), SignatureError> {
        let urls = self.prepare(url, signature)?;
        let suffix = params_suffix(params);
        if self.matches(settings, &urls, &suffix, signature.trim()) {
            Ok(())
        } else {
            Err(self.mismatch(settings, &urls))
        }
    }

    /// Validates a webhook with a JSON body: the URL's query carries `bodySHA256`, the signature
    /// covers the URL alone, and the SHA-256 of `raw_body` (the bytes as received, before any
    /// parsing) must equal `bodySHA256`.
    ///
    /// The signature is checked first, so [`SignatureErrorKind::BodyHashMismatch`] means that
    /// the URL was signed by Twilio but the body differs from the one Twilio sent.
    pub fn validate_json(&self, url: &str, raw_body: &[u8], signature: &str) -> Result<(), SignatureError> {
        self.validate_json_with(&SignatureSettings::default(), url, raw_body, signature)
    }

    /// [`RequestValidator::validate_json`] for a request signed as `settings` say.
    pub fn validate_json_with(
        &self,
        settings: &SignatureSettings,
        url: &str,
        raw_body: &[u8],
        signature: &str,
    ) -> Result<(), SignatureError> {
        let urls = self.prepare(url, signature)?;
        let Some(expected) = query_param(url, BODY_SHA256_PARAM) else {
            return Err(SignatureError::new(SignatureErrorKind::MissingBodyHash, &urls));
        };
        if !self.matches(settings, &urls, "", signature.trim()) {
            return Err(self.mismatch(settings, &urls));
        }
        let actual = body_sha256(raw_body);
        if constant_time_eq(actual.as_bytes(), expected.to_ascii_lowercase().as_bytes()) {
            Ok(())
        } else {
            Err(SignatureError::new(SignatureErrorKind::BodyHashMismatch, &urls))
        }
    }

    /// The URL variants to check, after the checks common to both kinds of body.
    fn prepare(&self, url: &str, signature: &str) -> Result<Vec<String>, SignatureError> {
        let urls = url_variants(url).map_err(|reason| SignatureError {
            kind: SignatureErrorKind::InvalidUrl(reason),
            urls: vec![redact_url(url)],
            note: None,
        })?;
        if self.secrets.is_empty() {
            return Err(SignatureError::new(SignatureErrorKind::NoAuthToken, &urls));
        }
        if signature.trim().is_empty() {
            return Err(SignatureError::new(SignatureErrorKind::MissingSignature, &urls));
        }
        Ok(urls)
    }

    /// The secrets to try: the shared key the request names, else all of them.
    fn candidates<'s>(&'s self, settings: &'s SignatureSettings) -> impl Iterator<Item = &'s Secret> {
        let named = settings
            .key_id()
            .filter(|id| self.secrets.iter().any(|s| s.key_id.as_deref() == Some(*id)));
        self.secrets
            .iter()
            .filter(move |s| named.is_none() || s.key_id.as_deref() == named)
    }

    /// Whether a secret signed any of the URL variants followed by `suffix`.
    fn matches(&self, settings: &SignatureSettings, urls: &[String], suffix: &str, signature: &str) -> bool {
        let mut matched = false;
        for secret in self.candidates(settings) {
            for url in urls {
                let expected = secret.sign(settings.algorithm(), url, suffix);
                matched |= constant_time_eq(expected.as_bytes(), signature.as_bytes());
            }
        }
        matched
    }

    /// A mismatch, saying how the request claimed to be signed when that was not the default.
    fn mismatch(&self, settings: &SignatureSettings, urls: &[String]) -> SignatureError {
        let mut error = SignatureError::new(SignatureErrorKind::Mismatch, urls);
        let algorithm = settings.algorithm();
        error.note = match settings.key_id() {
            Some(id) if !self.secrets.iter().any(|s| s.key_id.as_deref() == Some(id)) => Some(format!(
                "signed with {algorithm} by shared key `{}`, which is not configured",
                id.escape_debug()
            )),
            Some(id) => Some(format!("signed with {algorithm} by shared key `{}`", id.escape_debug())),
            None if algorithm != Algorithm::HmacSha1 => Some(format!("signed with {algorithm}")),
            None => None,
        };
        error
    }
}

impl fmt::Debug for RequestValidator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shared: Vec<&str> = self.secrets.iter().filter_map(|s| s.key_id.as_deref()).collect();
        f.debug_struct("RequestValidator")
            .field("auth_tokens", &format_args!("<{} redacted>", self.token_count()))
            .field("shared_keys", &shared)
            .finish()
    }
}

/// Computes the signature Twilio would send for `url` (exactly as given, no port variants) and
/// the form `params`, with `auth_token`. Useful to sign requests in your own tests.
///
/// ```
/// use twilio::webhook::signature::compute_signature;
///
/// let params = vec![("Digits".to_owned(), "1234".to_owned())];
/// let signature = compute_signature("12345", "https://example.com/voice", &params);
/// assert_eq!(signature.len(), 28);
/// ```
pub fn compute_signature(auth_token: &str, url: &str, params: &[(String, String)]) -> String {
    compute_signature_with(Algorithm::HmacSha1, auth_token, url, params)
}

/// [`compute_signature`] with `algorithm` and a secret (an auth token or a shared key's secret).
///
/// ```
/// use twilio::webhook::signature::{compute_signature_with, Algorithm};
///
/// let params = vec![("Digits".to_owned(), "1234".to_owned())];
/// let signature = compute_signature_with(Algorithm::HmacSha256, "secret", "https://example.com/voice", &params);
/// assert_eq!(signature.len(), 44);
/// ```
pub fn compute_signature_with(algorithm: Algorithm, secret: &str, url: &str, params: &[(String, String)]) -> String {
    Secret::keyed(secret, None).map_or_else(String::new, |s| s.sign(algorithm, url, &params_suffix(params)))
}

/// The lowercase hex SHA-256 of `body`: the value Twilio puts in the `bodySHA256` query
/// parameter of webhooks with a JSON body.
pub fn body_sha256(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(HEX[usize::from(byte >> 4)]));
        hex.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    hex
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The parameters as they are appended to the URL: names in byte order, each name's values
/// sorted and de-duplicated, `name + value` with no separators.
fn params_suffix(params: &[(String, String)]) -> String {
    let mut pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len()).sum());
    for (name, value) in pairs {
        out.push_str(name);
        out.push_str(value);
    }
    out
}

/// Compares two byte strings in time that depends only on their lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The first value of query parameter `name` in `url`, decoded.
pub(crate) fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

// ---------------------------------------------------------------------------------------------
// URL variants
// ---------------------------------------------------------------------------------------------

/// An absolute `http`/`https` URL split into the parts the port variants need. Nothing is
/// normalised: every part is a slice of the original text.
struct UrlParts<'a> {
    scheme: &'a str,
    /// `user[:password]@`, with the `@`, or empty.
    userinfo: &'a str,
    host: &'a str,
    /// Digits, without the `:`; `None` when absent or empty.
    port: Option<&'a str>,
    /// Path, query and fragment.
    rest: &'a str,
    https: bool,
}

fn split_url(url: &str) -> Result<UrlParts<'_>, &'static str> {
    let (scheme, after) = url.split_once("://").ok_or("not an absolute URL (no `://`)")?;
    let https = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return Err("only http and https URLs are signed");
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(at) => authority.split_at(at + 1),
        None => ("", authority),
    };
    let (host, port) = if hostport.starts_with('[') {
        let close = hostport.find(']').ok_or("unterminated IPv6 address")?;
        let (host, tail) = hostport.split_at(close + 1);
        match tail {
            "" => (host, None),
            _ => (
                host,
                Some(tail.strip_prefix(':').ok_or("invalid text after IPv6 address")?),
            ),
        }
    } else {
        match hostport.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (hostport, None),
        }
    };
    if host.is_empty() || host.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err("missing or invalid host");
    }
    let port = match port {
        Some("") | None => None,
        Some(p) if p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok() => Some(p),
        Some(_) => return Err("invalid port"),
    };
    Ok(UrlParts {
        scheme,
        userinfo,
        host,
        port,
        rest,
        https,
    })
}

/// The URLs whose signature is accepted for `url`: without a port, with the port (the default
/// one added when absent), and the WHATWG-escaped forms of both when they differ.
fn url_variants(url: &str) -> Result<Vec<String>, &'static str> {
    let p = split_url(url)?;
    let default_port = if p.https { "443" } else { "80" };
    let origin = format!("{}://{}{}", p.scheme, p.userinfo, p.host);
    let without_port = format!("{origin}{}", p.rest);
    let with_port = format!("{origin}:{}{}", p.port.unwrap_or(default_port), p.rest);
    let mut urls = vec![without_port, with_port];
    if let Some(escaped) = whatwg_escape(p.rest) {
        urls.push(format!("{origin}{escaped}"));
        urls.push(format!("{origin}:{}{escaped}", p.port.unwrap_or(default_port)));
    }
    Ok(urls)
}

/// Percent-escapes path and query the way a WHATWG URL serializer does for `http(s)` URLs
/// (Node.js's `new URL(…)`, which Twilio's own signing matches for e.g. `'` in the query).
/// Returns `None` when nothing changes. The fragment is left alone.
fn whatwg_escape(rest: &str) -> Option<String> {
    let (before_fragment, fragment) = match rest.find('#') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (path, query) = match before_fragment.find('?') {
        Some(i) => before_fragment.split_at(i),
        None => (before_fragment, ""),
    };
    let is_c0_or_space = |b: u8| b <= b' ' || b > b'~';
    let in_path_set = |b: u8| is_c0_or_space(b) || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}');
    let in_query_set = |b: u8| is_c0_or_space(b) || matches!(b, b'"' | b'<' | b'>' | b'\'');
    if !path.bytes().any(in_path_set) && !query.bytes().any(in_query_set) {
        return None;
    }
    let mut out = String::with_capacity(rest.len() + 16);
    escape_into(&mut out, path, in_path_set);
    escape_into(&mut out, query, in_query_set);
    out.push_str(fragment);
    Some(out)
}

fn escape_into(out: &mut String, text: &str, escape: impl Fn(u8) -> bool) {
    for &b in text.as_bytes() {
        if escape(b) {
            out.push('%');
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 0xf)]));
        } else {
            out.push(char::from(b));
        }
    }
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// `url` with the password of its userinfo (if any) replaced by `***`, for messages.
fn redact_url(url: &str) -> String {
    let Some((scheme, after)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let authority = &after[..end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let userinfo = &authority[..at];
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***{}", &after[at..]),
        None => url.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Why a request's signature was not accepted.
///
/// It names what failed and the URLs that were checked (passwords in the URL are masked), so that
/// an application behind a proxy can see which URL it rebuilt. It never contains an auth token
/// or the signature that was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureError {
    kind: SignatureErrorKind,
    urls: Vec<String>,
    /// How the request said it was signed, or the algorithm it named, when that matters.
    note: Option<String>,
}

/// What failed in a [`SignatureError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureErrorKind {
    /// The request has no `X-Twilio-Signature` header (or an empty one).
    MissingSignature,
    /// No accepted auth token produced the signature for any checked URL.
    Mismatch,
    /// JSON validation was asked for, but the URL has no `bodySHA256` query parameter.
    MissingBodyHash,
    /// The signature is valid, but the SHA-256 of the body differs from `bodySHA256`: the body
    /// was changed (or parsed and re-serialised) after Twilio sent it.
    BodyHashMismatch,
    /// The URL is not an absolute `http`/`https` URL with a host; the text says what is wrong.
    InvalidUrl(&'static str),
    /// The validator has no (non-empty) auth token or shared key.
    NoAuthToken,
    /// `X-Twilio-Webhooks-Signature-Settings` names an algorithm this crate does not support;
    /// the error's text names it.
    UnsupportedAlgorithm,
}

impl SignatureError {
    fn new(kind: SignatureErrorKind, urls: &[String]) -> Self {
        Self {
            kind,
            urls: urls.iter().map(|u| redact_url(u)).collect(),
            note: None,
        }
    }

    /// What failed.
    pub fn kind(&self) -> SignatureErrorKind {
        self.kind
    }

    /// The URLs whose signature was checked (or would have been), with any password masked.
    pub fn checked_urls(&self) -> &[String] {
        &self.urls
    }
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            SignatureErrorKind::MissingSignature => write!(f, "missing {SIGNATURE_HEADER} header")?,
            SignatureErrorKind::Mismatch => write!(
                f,
                "{SIGNATURE_HEADER} does not match the request for any configured auth token or shared key \
                 (the URL must be exactly the one Twilio requested; behind a proxy, configure the public URL)"
            )?,
            SignatureErrorKind::MissingBodyHash => write!(
                f,
                "the URL has no `{BODY_SHA256_PARAM}` query parameter to check a JSON body against"
            )?,
            SignatureErrorKind::BodyHashMismatch => write!(
                f,
                "the signature is valid but the SHA-256 of the body does not match `{BODY_SHA256_PARAM}` \
                 (was the body changed or re-serialised before validation?)"
            )?,
            SignatureErrorKind::InvalidUrl(reason) => write!(f, "cannot validate a signature for this URL: {reason}")?,
            SignatureErrorKind::NoAuthToken => write!(f, "no auth token configured to validate {SIGNATURE_HEADER}")?,
            // The note is the whole reason: it names the algorithm.
            SignatureErrorKind::UnsupportedAlgorithm => {
                f.write_str(self.note.as_deref().unwrap_or("unsupported signature algorithm"))?
            }
        }
        if let (Some(note), false) = (&self.note, self.kind == SignatureErrorKind::UnsupportedAlgorithm) {
            write!(f, " ({note})")?;
        }
        match self.urls.as_slice() {
            [] => Ok(()),
            [url] => write!(f, "; URL: {url}"),
            urls => {
                f.write_str("; URLs checked: ")?;
                for (i, url) in urls.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(url)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for SignatureError {}

impl From<UnsupportedAlgorithm> for SignatureError {
    fn from(error: UnsupportedAlgorithm) -> Self {
        Self {
            kind: SignatureErrorKind::UnsupportedAlgorithm,
            urls: Vec::new(),
            note: Some(error.to_string()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Public URL
// ---------------------------------------------------------------------------------------------

/// A URL scheme Twilio can call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scheme {
    /// `http`
    Http,
    /// `https` (the default: Twilio webhooks should be served over TLS).
    #[default]
    Https,
}

impl Scheme {
    /// `"http"` or `"https"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        if text.eq_ignore_ascii_case("https") {
            Some(Scheme::Https)
        } else if text.eq_ignore_ascii_case("http") {
            Some(Scheme::Http)
        } else {
            None
        }
    }
}

/// The pieces of an incoming request that its public URL is rebuilt from, as plain strings.
///
/// Fill in what the server knows; header values are taken as received. Build it with struct
/// update syntax, e.g. `RequestUrlParts { host: Some("example.com"), path_and_query: "/sms",
/// ..Default::default() }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestUrlParts<'a> {
    /// The scheme the server received the request on, when it knows it (`"https"` when it ends
    /// TLS itself, or from an HTTP/2 `:scheme`). `None` uses the policy's default scheme.
    pub scheme: Option<&'a str>,
    /// The `Host` header (or the HTTP/2 `:authority`), with its port if any.
    pub host: Option<&'a str>,
    /// The request target as received: path and raw query string, starting with `/`. Do not
    /// decode or re-encode it.
    pub path_and_query: &'a str,
    /// The `X-Forwarded-Proto` header (used only with [`PublicUrl::trust_forwarded_headers`]).
    pub forwarded_proto: Option<&'a str>,
    /// The `X-Forwarded-Host` header (used only with [`PublicUrl::trust_forwarded_headers`]).
    pub forwarded_host: Option<&'a str>,
    /// The `X-Forwarded-Port` header (used only with [`PublicUrl::trust_forwarded_headers`]).
    pub forwarded_port: Option<&'a str>,
}

/// How to rebuild the public URL that Twilio requested from the pieces of a request.
///
/// - [`PublicUrl::from_request`] (the default): the `Host` header and the request's scheme (or,
///   when the server does not know it, the default scheme: `https`, but `http` for a loopback
///   host such as `127.0.0.1:3000` or `localhost`, which Twilio never calls, so that requests
///   signed by local tests validate). Forwarded headers are ignored.
/// - [`PublicUrl::base_url`]: a configured public base URL (scheme, host, optional port and
///   path prefix); the request contributes only its path and query. The most robust choice
///   behind proxies and tunnels.
/// - [`PublicUrl::trust_forwarded_headers`]: `X-Forwarded-Proto`, `X-Forwarded-Host` and
///   `X-Forwarded-Port` override the request's scheme, host and port. Use it only when a proxy
///   you control sets these headers, since anyone can send them.
///
/// ```
/// use twilio::webhook::signature::{PublicUrl, RequestUrlParts};
///
/// // A proxy serves https://example.com/api/… and forwards /api/sms as http://10.0.0.5:8080/sms.
/// let policy = PublicUrl::base_url("https://example.com/api")?;
/// let request = RequestUrlParts {
///     host: Some("10.0.0.5:8080"),
///     path_and_query: "/sms?tenant=7",
///     ..Default::default()
/// };
/// assert_eq!(policy.rebuild(&request)?, "https://example.com/api/sms?tenant=7");
/// # Ok::<(), twilio::webhook::signature::UrlError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PublicUrl {
    source: Source,
    /// `None`: `https`, or `http` for a loopback host.
    default_scheme: Option<Scheme>,
}

#[derive(Clone, PartialEq, Eq, Default)]
enum Source {
    #[default]
    Request,
    /// Scheme, authority and path prefix, without a trailing `/`.
    Base(String),
    Forwarded,
}

impl PublicUrl {
    /// Uses the request's `Host` header and scheme; forwarded headers are ignored.
    pub fn from_request() -> Self {
        Self::default()
    }

    /// Uses a configured public base URL: `https://example.com`, or with a path prefix that a
    /// proxy strips before forwarding, `https://example.com/api`. The request's path and query
    /// are appended to it (a trailing `/` of the base is dropped first).
    ///
    /// Fails when `base` is not an absolute `http`/`https` URL with a host, or has a query or
    /// fragment.
    pub fn base_url(base: &str) -> Result<Self, UrlError> {
        let invalid = |reason| UrlError::InvalidBaseUrl { reason };
        let parts = split_url(base).map_err(invalid)?;
        if parts.rest.contains(['?', '#']) {
            return Err(invalid("a base URL has no query or fragment"));
        }
        if parts.rest.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(invalid("whitespace or control character in the path"));
        }
        Ok(Self {
            source: Source::Base(base.trim_end_matches('/').to_owned()),
            default_scheme: None,
        })
    }

    /// Trusts `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-Port` (the first value of
    /// each, when a chain of proxies sent a list). Those that are absent fall back to the
    /// request's own scheme, `Host` and port.
    pub fn trust_forwarded_headers() -> Self {
        Self {
            source: Source::Forwarded,
            default_scheme: None,
        }
    }

    /// The scheme to use when neither the request nor a trusted header says (by default `https`,
    /// or `http` for a loopback host; an HTTP/1.1 server that does not end TLS itself cannot
    /// tell). Unused with [`PublicUrl::base_url`].
    pub fn default_scheme(mut self, scheme: Scheme) -> Self {
        self.default_scheme = Some(scheme);
        self
    }

    /// Rebuilds the public URL of a request under this policy.
    pub fn rebuild(&self, request: &RequestUrlParts<'_>) -> Result<String, UrlError> {
        let path = request.path_and_query;
        if !path.starts_with('/') || path.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(UrlError::invalid("request target", path));
        }
        let request_scheme = |host: &str| match request.scheme {
            None => Ok(self.default_scheme.unwrap_or(match is_loopback(host) {
                true => Scheme::Http,
                false => Scheme::Https,
            })),
            Some(s) => Scheme::parse(s).ok_or_else(|| UrlError::invalid("request scheme", s)),
        };
        let (scheme, host) = match &self.source {
            Source::Base(base) => return Ok(format!("{base}{path}")),
            Source::Request => {
                let host = checked_host("Host header", request.host)?;
                (request_scheme(host)?, host.to_owned())
            }
            Source::Forwarded => {
                let host = match request.forwarded_host.map(first_value) {
                    None | Some("") => checked_host("Host header", request.host)?,
                    Some(h) => checked_host("X-Forwarded-Host header", Some(h))?,
                };
                let scheme = match request.forwarded_proto.map(first_value) {
                    None | Some("") => request_scheme(host)?,
                    Some(p) => Scheme::parse(p).ok_or_else(|| UrlError::invalid("X-Forwarded-Proto header", p))?,
                };
                let host = match request.forwarded_port.map(first_value) {
                    None | Some("") => host.to_owned(),
                    Some(port) => {
                        if port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().is_err() {
                            return Err(UrlError::invalid("X-Forwarded-Port header", port));
                        }
                        format!("{}:{port}", strip_port(host))
                    }
                };
                (scheme, host)
            }
        };
        Ok(format!("{}://{host}{path}", scheme.as_str()))
    }
}

impl fmt::Debug for PublicUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("PublicUrl");
        match &self.source {
            Source::Request => s.field("source", &"request"),
            Source::Base(base) => s.field("base_url", &redact_url(base)),
            Source::Forwarded => s.field("source", &"trusted forwarded headers"),
        };
        s.field("default_scheme", &self.default_scheme).finish()
    }
}

/// The first element of a comma-separated header value, trimmed.
fn first_value(value: &str) -> &str {
    value.split(',').next().unwrap_or("").trim()
}

/// A host (with optional port) that is safe to put in a URL's authority.
fn checked_host<'a>(what: &'static str, host: Option<&'a str>) -> Result<&'a str, UrlError> {
    let host = host
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .ok_or(UrlError::MissingHost)?;
    let bad = |b: u8| b <= b' ' || b >= 0x7f || matches!(b, b'/' | b'?' | b'#' | b'@' | b'\\');
    if host.bytes().any(bad) || split_url(&format!("http://{host}/")).is_err() {
        return Err(UrlError::invalid(what, host));
    }
    Ok(host)
}

/// `localhost`, `127.0.0.1` … `127.255.255.255` or `[::1]`, with or without a port.
fn is_loopback(host: &str) -> bool {
    let name = strip_port(host);
    name.eq_ignore_ascii_case("localhost")
        || name == "[::1]"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// `host[:port]` → `host` (IPv6 literals keep their brackets).
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host.find(']').map_or(host, |i| &host[..=i]);
    }
    host.split_once(':').map_or(host, |(h, _)| h)
}

/// Why a public URL could not be rebuilt (or a base URL was refused).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlError {
    /// The request has no `Host` header (nor an HTTP/2 authority).
    MissingHost,
    /// A piece of the request is not usable in a URL.
    Invalid {
        /// Which piece: `"Host header"`, `"X-Forwarded-Proto header"`, `"request target"`, …
        what: &'static str,
        /// The value received, escaped and shortened.
        value: String,
    },
    /// The configured public base URL is not usable.
    InvalidBaseUrl {
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl UrlError {
    /// An [`UrlError::Invalid`] with `value` escaped and cut to a readable length.
    pub(crate) fn invalid(what: &'static str, value: &str) -> Self {
        const MAX: usize = 100;
        let mut shown: String = value.chars().take(MAX).collect();
        if value.chars().nth(MAX).is_some() {
            shown.push('…');
        }
        UrlError::Invalid {
            what,
            value: shown.escape_debug().to_string(),
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::MissingHost => f.write_str("cannot rebuild the request URL: no Host header"),
            UrlError::Invalid { what, value } => {
                write!(f, "cannot rebuild the request URL: invalid {what} `{value}`")
            }
            UrlError::InvalidBaseUrl { reason } => write!(f, "invalid public base URL: {reason}"),
        }
    }
}

impl std::error::Error for UrlError {}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "12345";
    const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const JSON_BODY: &[u8] = br#"{"property": "value", "boolean": true}"#;
    const JSON_HASH: &str = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// The python/node base parameters.
    fn base() -> Vec<(String, String)> {
        params(&[
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+14158675309"),
            ("Digits", "1234"),
            ("From", "+14158675309"),
            ("To", "+18005551212"),
        ])
    }

    /// The twilio-go parameters (7, in the test's order).
    fn go_params() -> Vec<(String, String)> {
        params(&[
            ("Digits", "1234"),
            ("CallSid", "CA1234567890ABCDE"),
            ("To", "+18005551212"),
            ("Caller", "+14158675309"),
            ("From", "+14158675309"),
            ("ReasonConferenceEnded", "test"),
            ("Reason", "Participant"),
        ])
    }

    fn validator() -> RequestValidator {
        RequestValidator::new(TOKEN)
    }

    fn ok(url: &str, params: &[(String, String)], signature: &str) {
        if let Err(e) = validator().validate(url, params, signature) {
            panic!("{url} with {signature} should be accepted: {e}");
        }
    }

    fn kind(result: Result<(), SignatureError>) -> SignatureErrorKind {
        result.expect_err("should be rejected").kind()
    }

    // --- python / node base set ---

    #[test]
    fn base_vector() {
        ok(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assert_eq!(compute_signature(TOKEN, URL, &base()), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    #[test]
    fn https_request_on_non_default_port_matches_port_stripped() {
        ok(
            "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
            &base(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        );
    }

    #[test]
    fn http_with_explicit_port_is_kept() {
        ok(
            "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
            &base(),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
        );
    }

    #[test]
    fn https_signed_with_443() {
        ok(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            &base(),
            "kvajT1Ptam85bY51eRf/AJRuM3w=",
        );
        // The request URL has no port: :443 is added for the second variant.
        ok(URL, &base(), "kvajT1Ptam85bY51eRf/AJRuM3w=");
        // And a :443 request also matches a signature of the port-less URL.
        ok(
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            &base(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        );
    }

    #[test]
    fn http_signed_with_80() {
        ok(
            "http://mycompany.com:80/myapp.php?foo=1&bar=2",
            &base(),
            "0ZXoZLH/DfblKGATFgpif+LLRf4=",
        );
        ok(
            "http://mycompany.com/myapp.php?foo=1&bar=2",
            &base(),
            "0ZXoZLH/DfblKGATFgpif+LLRf4=",
        );
    }

    #[test]
    fn duplicate_and_multiple_values() {
        let p = params(&[
            ("Sid", "CA123"),
            ("SidAccount", "AC123"),
            ("Digits", "5678"),
            ("Digits", "1234"),
            ("Digits", "1234"),
        ]);
        assert_eq!(params_suffix(&p), "Digits1234Digits5678SidCA123SidAccountAC123");
        ok(URL, &p, "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    // --- HMAC-SHA256 and shared keys: vectors computed with Python's `hmac` and checked with
    // twilio-python 9.13's `RequestValidator.compute_signature(…, "HMAC_SHA256")` ---

    const SHARED_KEY_ID: &str = "KEY123";
    const SHARED_SECRET: &str = "shared-key-secret-1";

    fn sha256_settings(key_id: Option<&str>) -> SignatureSettings {
        SignatureSettings::new(Algorithm::HmacSha256, key_id)
    }

    #[test]
    fn hmac_sha256_vectors() {
        let auth = RequestValidator::new(TOKEN);
        auth.validate_with(
            &sha256_settings(None),
            URL,
            &base(),
            "033hgUJA9M/hXIZsYjwkerEP/DBm35nEri5FhCYjA5s=",
        )
        .unwrap();
        let shared = RequestValidator::new(TOKEN).with_shared_key(SHARED_KEY_ID, SHARED_SECRET);
        let settings = sha256_settings(Some(SHARED_KEY_ID));
        shared
            .validate_with(&settings, URL, &base(), "eDuie2DIgWPkyT21Ge6XBr1OlzL5zfT/YWRIYEjni1Q=")
            .unwrap();
        // Signed with `:443` in the URL.
        shared
            .validate_with(&settings, URL, &base(), "hYSoprsz1JRM1oBTjutZx2pT2MV+pktnBky4OywvCxs=")
            .unwrap();
        // A JSON body.
        let url = format!("{URL}&bodySHA256={JSON_HASH}");
        shared
            .validate_json_with(
                &settings,
                &url,
                JSON_BODY,
                "CUO4UAhbM+iOxyZOhko80fi5TKJaad+fHaymBoXjXYk=",
            )
            .unwrap();
        assert_eq!(
            compute_signature_with(Algorithm::HmacSha256, SHARED_SECRET, URL, &base()),
            "eDuie2DIgWPkyT21Ge6XBr1OlzL5zfT/YWRIYEjni1Q="
        );
        // The same secret with HMAC-SHA1 (no settings header).
        RequestValidator::new(SHARED_SECRET)
            .validate(URL, &base(), "28aaJ9XUg39M30gsrcMbTP3pCas=")
            .unwrap();
    }

    #[test]
    fn the_algorithm_must_be_the_one_the_request_names() {
        let shared = RequestValidator::new(TOKEN).with_shared_key(SHARED_KEY_ID, SHARED_SECRET);
        // A SHA-1 signature presented as SHA-256, and the other way round.
        let sha1 = "28aaJ9XUg39M30gsrcMbTP3pCas=";
        let sha256 = "eDuie2DIgWPkyT21Ge6XBr1OlzL5zfT/YWRIYEjni1Q=";
        let as_sha256 = shared.validate_with(&sha256_settings(Some(SHARED_KEY_ID)), URL, &base(), sha1);
        assert_eq!(kind(as_sha256), SignatureErrorKind::Mismatch);
        assert_eq!(
            kind(shared.validate(URL, &base(), sha256)),
            SignatureErrorKind::Mismatch
        );
        shared.validate(URL, &base(), sha1).unwrap();
    }

    #[test]
    fn a_named_shared_key_is_tried_alone_and_an_unknown_one_is_reported() {
        let validator = RequestValidator::new(SHARED_SECRET).with_shared_key(SHARED_KEY_ID, "another secret");
        let signature = "eDuie2DIgWPkyT21Ge6XBr1OlzL5zfT/YWRIYEjni1Q=";
        // The request names KEY123, whose secret did not sign it: the auth token is not tried.
        let error = validator
            .validate_with(&sha256_settings(Some(SHARED_KEY_ID)), URL, &base(), signature)
            .unwrap_err();
        assert_eq!(error.kind(), SignatureErrorKind::Mismatch);
        assert!(
            error
                .to_string()
                .contains("signed with HMAC_SHA256 by shared key `KEY123`"),
            "{error}"
        );
        // An id the validator does not know: every secret is tried, and the error says so.
        validator
            .validate_with(&sha256_settings(Some("KEY999")), URL, &base(), signature)
            .unwrap();
        let error = RequestValidator::new(TOKEN)
            .validate_with(&sha256_settings(Some("KEY999")), URL, &base(), signature)
            .unwrap_err();
        assert!(
            error.to_string().contains("`KEY999`, which is not configured"),
            "{error}"
        );
        assert!(!error.to_string().contains(TOKEN), "{error}");
        // Empty secrets are never accepted, and `Debug` shows ids, not secrets.
        let only_empty = RequestValidator::with_tokens([""; 0]).with_shared_key("K", "");
        assert_eq!((only_empty.token_count(), only_empty.shared_key_count()), (0, 0));
        let shown = format!("{validator:?}");
        assert!(shown.contains("KEY123") && !shown.contains("another secret") && !shown.contains(SHARED_SECRET));
    }

    #[test]
    fn an_unsupported_algorithm_becomes_a_signature_error() {
        let error: SignatureError = SignatureSettings::from_header(Some("algorithm=HMAC_SHA512"))
            .unwrap_err()
            .into();
        assert_eq!(error.kind(), SignatureErrorKind::UnsupportedAlgorithm);
        assert!(error.to_string().contains("HMAC_SHA512"), "{error}");
    }

    #[test]
    fn json_body() {
        assert_eq!(body_sha256(JSON_BODY), JSON_HASH);
        let url = format!("{URL}&bodySHA256={JSON_HASH}");
        validator()
            .validate_json(&url, JSON_BODY, "a9nBmqA0ju/hNViExpshrM61xv4=")
            .unwrap();
    }

    // --- node extras ---

    #[test]
    fn credentials_in_url() {
        let url = "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2";
        ok(url, &base(), "CukzLTc1tT5dXEDIHm/tKBanW10=");
        // The port variant keeps the credentials.
        ok(url, &base(), "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=");
    }

    #[test]
    fn credentials_and_port_in_url() {
        let url = "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2";
        ok(url, &base(), "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=");
        ok(url, &base(), "CukzLTc1tT5dXEDIHm/tKBanW10=");
    }

    #[test]
    fn user_only_in_url() {
        ok(
            "https://user@mycompany.com/myapp.php?foo=1&bar=2",
            &base(),
            "2YRLlVAflCqxaNicjMpJcSTgzSs=",
        );
    }

    #[test]
    fn password_is_masked_in_errors() {
        let err = validator()
            .validate("https://user:s3cret@mycompany.com/x", &base(), "bogus")
            .unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
        assert!(err.to_string().contains("https://user:***@mycompany.com/x"), "{err}");
        assert!(err.checked_urls().iter().all(|u| !u.contains("s3cret")));
    }

    #[test]
    fn special_character_in_query() {
        // Signed over the escaped form `It%27s+amazing`; accepted for the raw and escaped URL.
        ok(
            &format!("{URL}&Body=It's+amazing"),
            &base(),
            "TfZzewPq8wqrGlMfyAud8+/IvJ0=",
        );
        ok(
            &format!("{URL}&Body=It%27s+amazing"),
            &base(),
            "TfZzewPq8wqrGlMfyAud8+/IvJ0=",
        );
    }

    #[test]
    fn multi_value_param_either_order() {
        let a = ("MessagingBinding.Address", "+1325xxxxxxx");
        let b = ("MessagingBinding.Address", "+1415xxxxxxx");
        ok(URL, &params(&[a, b]), "83O6e2vORAoJHUNzJjDWN1jz+BA=");
        ok(URL, &params(&[b, a]), "83O6e2vORAoJHUNzJjDWN1jz+BA=");
    }

    #[test]
    fn empty_json_body_matches_443_variant() {
        let hash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
        assert_eq!(body_sha256(b"{}"), hash);
        let url = format!("{URL}&bodySHA256={hash}");
        validator()
            .validate_json(&url, b"{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=")
            .unwrap();
    }

    #[test]
    fn body_hash_as_only_query_param() {
        let url = format!("https://mycompany.com/myapp.php?bodySHA256={JSON_HASH}");
        validator()
            .validate_json(&url, JSON_BODY, "y77kIzt2vzLz71DgmJGsen2scGs=")
            .unwrap();
    }

    // --- twilio-go ---

    #[test]
    fn go_base() {
        ok(URL, &go_params(), "vOEb5UThFn24KEfnOFLQY2AE5FY=");
    }

    #[test]
    fn go_http() {
        ok(
            "http://mycompany.com/myapp.php?foo=1&bar=2",
            &go_params(),
            "n2xBNyzSW7rfYStDtOFiFMv7qNo=",
        );
        // Only through the port-stripped variant.
        ok(
            "http://mycompany.com:1234/myapp.php?foo=1&bar=2",
            &go_params(),
            "n2xBNyzSW7rfYStDtOFiFMv7qNo=",
        );
    }

    #[test]
    fn go_wrong_sort_is_rejected() {
        // HMAC of a string with `ReasonConferenceEnded…` placed before `Reason…`.
        let result = validator().validate(URL, &go_params(), "95+Bu0JVPi0r/SsESZCVf0dWAjw=");
        assert_eq!(kind(result), SignatureErrorKind::Mismatch);
    }

    #[test]
    fn go_form_body() {
        ok(
            URL,
            &params(&[("property", "value"), ("boolean", "true")]),
            "NBdBDr/T/lgjI+tlgpXjKZQZs/k=",
        );
    }

    #[test]
    fn go_json_bodies() {
        let v = validator();
        v.validate_json(
            &format!("{URL}&bodySHA256={JSON_HASH}"),
            JSON_BODY,
            "a9nBmqA0ju/hNViExpshrM61xv4=",
        )
        .unwrap();
        v.validate_json(
            &format!("https://mycompany.com/myapp.php?bodySHA256={JSON_HASH}"),
            JSON_BODY,
            "y77kIzt2vzLz71DgmJGsen2scGs=",
        )
        .unwrap();
    }

    // --- negative cases ---

    #[test]
    fn wrong_token() {
        let result = RequestValidator::new("54321").validate(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assert_eq!(kind(result), SignatureErrorKind::Mismatch);
    }

    #[test]
    fn tampered_value() {
        let mut p = base();
        p[2].1 = "9999".to_owned();
        assert_eq!(
            kind(validator().validate(URL, &p, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
            SignatureErrorKind::Mismatch
        );
        // A parameter added, or the URL changed.
        let mut p = base();
        p.push(("Extra".to_owned(), "1".to_owned()));
        assert_eq!(
            kind(validator().validate(URL, &p, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
            SignatureErrorKind::Mismatch
        );
        let url = "https://mycompany.com/myapp.php?foo=1&bar=3";
        assert_eq!(
            kind(validator().validate(url, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
            SignatureErrorKind::Mismatch
        );
    }

    #[test]
    fn query_params_are_not_params() {
        // Appending the query's parameters again (a framework merging query and body) breaks it.
        let mut p = base();
        p.extend(params(&[("foo", "1"), ("bar", "2")]));
        assert_eq!(
            kind(validator().validate(URL, &p, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
            SignatureErrorKind::Mismatch
        );
    }

    #[test]
    fn missing_header() {
        let err = validator().validate(URL, &base(), "").unwrap_err();
        assert_eq!(err.kind(), SignatureErrorKind::MissingSignature);
        assert!(
            err.to_string().starts_with("missing X-Twilio-Signature header"),
            "{err}"
        );
        let err = validator()
            .validate_json(&format!("{URL}&bodySHA256={JSON_HASH}"), JSON_BODY, "  ")
            .unwrap_err();
        assert_eq!(err.kind(), SignatureErrorKind::MissingSignature);
    }

    #[test]
    fn body_hash_not_matching_body() {
        let url = format!("{URL}&bodySHA256={JSON_HASH}");
        let err = validator()
            .validate_json(
                &url,
                br#"{"property":"value","boolean":true}"#,
                "a9nBmqA0ju/hNViExpshrM61xv4=",
            )
            .unwrap_err();
        assert_eq!(err.kind(), SignatureErrorKind::BodyHashMismatch);
        // A valid signature without the parameter cannot be used for a JSON body.
        let err = validator()
            .validate_json(URL, JSON_BODY, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .unwrap_err();
        assert_eq!(err.kind(), SignatureErrorKind::MissingBodyHash);
        // A wrong signature with the right body is a mismatch, not a body error.
        let err = validator()
            .validate_json(&url, JSON_BODY, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
            .unwrap_err();
        assert_eq!(err.kind(), SignatureErrorKind::Mismatch);
    }

    #[test]
    fn token_rotation() {
        let v = RequestValidator::new("old-token").with_token(TOKEN);
        assert_eq!(v.token_count(), 2);
        v.validate(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=").unwrap();
        let v = RequestValidator::with_tokens([TOKEN, "new-token"]);
        v.validate(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=").unwrap();
        let v = RequestValidator::with_tokens(["a", "b"]);
        assert_eq!(
            kind(v.validate(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")),
            SignatureErrorKind::Mismatch
        );
    }

    #[test]
    fn empty_tokens_are_ignored() {
        let v = RequestValidator::with_tokens(["", ""]);
        assert_eq!(v.token_count(), 0);
        let sig = compute_signature("", URL, &base());
        assert_eq!(kind(v.validate(URL, &base(), &sig)), SignatureErrorKind::NoAuthToken);
        let v = RequestValidator::new("").with_token(TOKEN);
        assert_eq!(v.token_count(), 1);
        v.validate(URL, &base(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=").unwrap();
    }

    #[test]
    fn error_names_urls_but_no_secrets() {
        let v = RequestValidator::new("super-secret-token");
        let err = v.validate(URL, &base(), "bogus").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("https://mycompany.com/myapp.php?foo=1&bar=2"), "{text}");
        assert!(
            text.contains("https://mycompany.com:443/myapp.php?foo=1&bar=2"),
            "{text}"
        );
        let expected = compute_signature("super-secret-token", URL, &base());
        for shown in [text, format!("{err:?}"), format!("{v:?}")] {
            assert!(!shown.contains("super-secret-token"), "{shown}");
            assert!(!shown.contains(&expected), "{shown}");
        }
        assert_eq!(
            format!("{v:?}"),
            "RequestValidator { auth_tokens: <1 redacted>, shared_keys: [] }"
        );
    }

    #[test]
    fn garbage_never_panics() {
        let v = validator();
        for url in [
            "",
            "mycompany.com/x",
            "ftp://mycompany.com/x",
            "https://",
            "https:///path",
            "https://host:99999/x",
            "https://host:12a/x",
            "https://[::1/x",
            "https://[::1]x/",
            "https://user@/x",
            "https://ho st/x",
            "https://é.com:/ü?q=ä'\"<>#frag",
            "https://[::1]:8080/x?y='",
            "\u{0}://\u{0}",
        ] {
            let _ = v.validate(url, &base(), "x");
            let _ = v.validate(url, &[], "");
            let _ = v.validate_json(url, &[0xff, 0xfe], "x");
            let _ = PublicUrl::base_url(url);
        }
        assert!(matches!(
            kind(v.validate("ftp://x/", &[], "sig")),
            SignatureErrorKind::InvalidUrl(_)
        ));
        // An empty port is no port.
        ok(
            "https://mycompany.com:/myapp.php?foo=1&bar=2",
            &base(),
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        );
        // IPv6 hosts keep their brackets in both variants.
        let urls = url_variants("http://[::1]:8080/x").unwrap();
        assert_eq!(urls, ["http://[::1]/x", "http://[::1]:8080/x"]);
    }

    #[test]
    fn get_webhook_has_its_params_in_the_url() {
        let url = "https://mycompany.com/sms?From=%2B14158675309&Body=hi";
        let sig = compute_signature(TOKEN, url, &[]);
        validator().validate(url, &[], &sig).unwrap();
    }

    // --- public URL ---

    fn parts<'a>(host: Option<&'a str>, path: &'a str) -> RequestUrlParts<'a> {
        RequestUrlParts {
            host,
            path_and_query: path,
            ..Default::default()
        }
    }

    #[test]
    fn public_url_from_request() {
        let p = PublicUrl::from_request();
        assert_eq!(
            p.rebuild(&parts(Some("example.com"), "/sms?a=%27")).unwrap(),
            "https://example.com/sms?a=%27"
        );
        let http = PublicUrl::from_request().default_scheme(Scheme::Http);
        assert_eq!(
            http.rebuild(&parts(Some("localhost:3000"), "/")).unwrap(),
            "http://localhost:3000/"
        );
        let with_scheme = RequestUrlParts {
            scheme: Some("HTTP"),
            ..parts(Some("example.com"), "/x")
        };
        assert_eq!(p.rebuild(&with_scheme).unwrap(), "http://example.com/x");
        // Forwarded headers are ignored without opt-in.
        let forwarded = RequestUrlParts {
            forwarded_proto: Some("http"),
            forwarded_host: Some("evil.example"),
            forwarded_port: Some("81"),
            ..parts(Some("example.com"), "/x")
        };
        assert_eq!(p.rebuild(&forwarded).unwrap(), "https://example.com/x");
        assert_eq!(p.rebuild(&parts(None, "/x")), Err(UrlError::MissingHost));
        assert_eq!(p.rebuild(&parts(Some(" "), "/x")), Err(UrlError::MissingHost));
    }

    #[test]
    fn public_url_base() {
        let p = PublicUrl::base_url("https://example.com/api/").unwrap();
        let internal = parts(Some("10.0.0.5:8080"), "/sms?x=1");
        assert_eq!(p.rebuild(&internal).unwrap(), "https://example.com/api/sms?x=1");
        assert_eq!(p.rebuild(&parts(None, "/sms")).unwrap(), "https://example.com/api/sms");
        let p = PublicUrl::base_url("https://example.com:8443").unwrap();
        assert_eq!(p.rebuild(&internal).unwrap(), "https://example.com:8443/sms?x=1");
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://example.com/?q",
            "https://example.com/#f",
            "https://",
        ] {
            assert!(
                matches!(PublicUrl::base_url(bad), Err(UrlError::InvalidBaseUrl { .. })),
                "{bad}"
            );
        }
        let p = PublicUrl::base_url("https://user:pw@example.com").unwrap();
        assert!(!format!("{p:?}").contains("pw"));
    }

    #[test]
    fn loopback_hosts_default_to_http_for_local_tests() {
        let p = PublicUrl::from_request();
        for (host, url) in [
            ("127.0.0.1:3000", "http://127.0.0.1:3000/sms"),
            ("localhost:3000", "http://localhost:3000/sms"),
            ("LOCALHOST", "http://LOCALHOST/sms"),
            ("127.1.2.3", "http://127.1.2.3/sms"),
            ("[::1]:3000", "http://[::1]:3000/sms"),
            ("128.0.0.1", "https://128.0.0.1/sms"),
            ("localhost.example.com", "https://localhost.example.com/sms"),
        ] {
            assert_eq!(p.rebuild(&parts(Some(host), "/sms")).unwrap(), url, "{host}");
        }
        // A scheme the server knows, or one configured, wins.
        let https = RequestUrlParts {
            scheme: Some("https"),
            ..parts(Some("127.0.0.1:3000"), "/sms")
        };
        assert_eq!(p.rebuild(&https).unwrap(), "https://127.0.0.1:3000/sms");
        let configured = PublicUrl::from_request().default_scheme(Scheme::Https);
        assert_eq!(
            configured.rebuild(&parts(Some("127.0.0.1:3000"), "/sms")).unwrap(),
            "https://127.0.0.1:3000/sms"
        );
    }

    #[test]
    fn public_url_forwarded() {
        let p = PublicUrl::trust_forwarded_headers();
        let req = RequestUrlParts {
            forwarded_proto: Some("https, http"),
            forwarded_host: Some("public.example.com, proxy.internal"),
            ..parts(Some("app.internal:8080"), "/sms?x=1")
        };
        assert_eq!(p.rebuild(&req).unwrap(), "https://public.example.com/sms?x=1");
        let req = RequestUrlParts {
            forwarded_port: Some("8443"),
            ..req
        };
        assert_eq!(p.rebuild(&req).unwrap(), "https://public.example.com:8443/sms?x=1");
        // Only the port is forwarded: it replaces the Host header's port.
        let req = RequestUrlParts {
            forwarded_port: Some("443"),
            ..parts(Some("[2001:db8::1]:8080"), "/")
        };
        assert_eq!(p.rebuild(&req).unwrap(), "https://[2001:db8::1]:443/");
        // Nothing forwarded: the request's own pieces.
        assert_eq!(
            p.rebuild(&parts(Some("example.com"), "/")).unwrap(),
            "https://example.com/"
        );
    }

    #[test]
    fn public_url_rejects_garbage() {
        let p = PublicUrl::trust_forwarded_headers();
        let cases: [RequestUrlParts<'_>; 8] = [
            parts(Some("example.com"), "sms"),
            parts(Some("example.com"), "/a b"),
            parts(Some("exa mple.com"), "/"),
            parts(Some("example.com/evil"), "/"),
            parts(Some("user@example.com"), "/"),
            RequestUrlParts {
                forwarded_proto: Some("gopher"),
                ..parts(Some("example.com"), "/")
            },
            RequestUrlParts {
                forwarded_port: Some("65536"),
                ..parts(Some("example.com"), "/")
            },
            RequestUrlParts {
                scheme: Some("ws"),
                ..parts(Some("example.com"), "/")
            },
        ];
        for case in cases {
            let err = p.rebuild(&case).unwrap_err();
            assert!(matches!(err, UrlError::Invalid { .. }), "{case:?}: {err}");
        }
        let long = "x".repeat(500);
        let err = p.rebuild(&parts(Some(&long), "/\u{7f}")).unwrap_err();
        assert!(err.to_string().len() < 200, "{err}");
    }
}
