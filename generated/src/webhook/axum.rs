//! axum integration (feature `axum`): extractors that accept only requests signed by Twilio, and
//! a TwiML response type.
//!
//! ```
//! use axum::{routing::post, Router};
//! use twilio::twiml::messaging::{Message, MessagingResponse};
//! use twilio::webhook::axum::{Twiml, TwilioWebhook, WebhookConfig};
//! use twilio::webhook::signature::{PublicUrl, RequestValidator};
//! use twilio::webhook::IncomingMessage;
//!
//! async fn incoming_sms(TwilioWebhook(sms): TwilioWebhook<IncomingMessage>) -> Twiml {
//!     println!("SMS from {:?} with {} media", sms.from, sms.media.len());
//!     MessagingResponse::new().message(Message::new().text("Thanks!")).into()
//! }
//!
//! # fn app() -> Result<Router, twilio::webhook::signature::UrlError> {
//! let config = WebhookConfig::new(RequestValidator::new("your auth token"))
//!     // The URL configured in Twilio is https://example.com/twilio/sms, and the proxy in front
//!     // of this app strips `/twilio`.
//!     .public_url(PublicUrl::base_url("https://example.com/twilio")?);
//! let app = Router::new().route("/sms", post(incoming_sms)).with_state(config);
//! # Ok(app) }
//! ```
//!
//! # What the extractors do
//!
//! 1. Rebuild the public URL of the request with the configured [`PublicUrl`] policy (the
//!    request's `Host` by default; see [`request_url`]). In a nested router the full original
//!    path is used.
//! 2. Read the raw body (axum's `DefaultBodyLimit` applies).
//! 3. Validate `X-Twilio-Signature`, with HMAC-SHA1 or, as
//!    `X-Twilio-Webhooks-Signature-Settings` says, HMAC-SHA256 and a shared key
//!    ([`RequestValidator::with_shared_key`]):
//!    - a URL with `bodySHA256` in its query: a JSON body, checked with
//!      [`RequestValidator::validate_json`];
//!    - otherwise a form-encoded body (`application/x-www-form-urlencoded`): its parameters are
//!      signed;
//!    - otherwise an empty body (a `GET` webhook): the parameters are in the signed URL.
//! 4. Parse the payload: [`TwilioWebhook`] through [`WebhookPayload`], [`TwilioJson`] through
//!    serde.
//!
//! Failures become a [`WebhookRejection`]: `403 Forbidden` for a bad or missing signature (the
//! body says only `invalid Twilio signature`, since the caller may be anyone), `400 Bad Request`
//! for a request whose URL cannot be rebuilt or whose payload does not parse, `415 Unsupported
//! Media Type` for a body of another kind. Signature and URL failures are logged with `tracing`
//! at `WARN` level (target `twilio::webhook`) with the reason and the URLs that were checked, to
//! debug proxies; never a secret.
//!
//! The state must provide a [`WebhookConfig`] through [`FromRef`]: use it as the router's state,
//! or implement `FromRef<YourState> for WebhookConfig`.

use std::fmt;
use std::sync::Arc;

use ::axum::body::Bytes;
use ::axum::extract::rejection::BytesRejection;
use ::axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use ::axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use ::axum::http::request::Parts;
use ::axum::http::StatusCode;
use ::axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::payload::{PayloadError, WebhookPayload};
use super::signature::{
    query_param, PublicUrl, RequestUrlParts, RequestValidator, SignatureError, SignatureSettings, UrlError,
    BODY_SHA256_PARAM, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER,
};

/// What the extractors need: the validator and the policy that rebuilds public URLs.
///
/// Cloning is cheap. Use it as the router's state, or provide it from your own state with
/// `impl FromRef<AppState> for WebhookConfig`.
#[derive(Clone)]
pub struct WebhookConfig {
    inner: Arc<ConfigInner>,
}

struct ConfigInner {
    validator: RequestValidator,
    public_url: PublicUrl,
}

impl WebhookConfig {
    /// A configuration that validates with `validator` and rebuilds URLs from the request's
    /// `Host` header ([`PublicUrl::from_request`]).
    pub fn new(validator: RequestValidator) -> Self {
        Self {
            inner: Arc::new(ConfigInner {
                validator,
                public_url: PublicUrl::default(),
            }),
        }
    }

    /// Sets the policy that rebuilds the public URL Twilio requested.
    pub fn public_url(self, policy: PublicUrl) -> Self {
        Self {
            inner: Arc::new(ConfigInner {
                validator: self.inner.validator.clone(),
                public_url: policy,
            }),
        }
    }

    /// The validator.
    pub fn validator(&self) -> &RequestValidator {
        &self.inner.validator
    }

    /// The URL policy.
    pub fn public_url_policy(&self) -> &PublicUrl {
        &self.inner.public_url
    }
}

impl From<RequestValidator> for WebhookConfig {
    fn from(validator: RequestValidator) -> Self {
        Self::new(validator)
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("validator", &self.inner.validator)
            .field("public_url", &self.inner.public_url)
            .finish()
    }
}

/// Rebuilds the public URL of a request under `policy`, from its URI (the [`OriginalUri`] when a
/// nested router stripped a prefix), `Host` header (or HTTP/2 authority) and `X-Forwarded-*`
/// headers (read only when the policy trusts them).
pub fn request_url(policy: &PublicUrl, request: &Parts) -> Result<String, UrlError> {
    let uri = request
        .extensions
        .get::<OriginalUri>()
        .map_or(&request.uri, |original| &original.0);
    let headers = &request.headers;
    let host = match header_str(headers, &header::HOST) {
        Some(host) => Some(host),
        None => uri.authority().map(|a| a.as_str()),
    };
    let parts = RequestUrlParts {
        scheme: uri.scheme_str(),
        host,
        path_and_query: uri.path_and_query().map_or("/", |pq| pq.as_str()),
        forwarded_proto: header_str(headers, &X_FORWARDED_PROTO),
        forwarded_host: header_str(headers, &X_FORWARDED_HOST),
        forwarded_port: header_str(headers, &X_FORWARDED_PORT),
    };
    policy.rebuild(&parts)
}

const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");
const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");
const X_FORWARDED_PORT: HeaderName = HeaderName::from_static("x-forwarded-port");

/// A header's value as text. A value that is not UTF-8 becomes U+FFFD, which no URL piece
/// accepts, so the error names the header (only when the policy uses it).
fn header_str<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    headers
        .get(name)
        .map(|value| std::str::from_utf8(value.as_bytes()).unwrap_or("\u{fffd}"))
}

/// A request whose signature was checked, and how its parameters were carried.
enum Verified {
    /// Form body parameters, or the query's parameters of a `GET` webhook.
    Params(Vec<(String, String)>),
    /// A JSON body whose hash matched `bodySHA256`.
    Json(Bytes),
    /// A signed URL with a body of another kind (not covered by the signature).
    OtherBody,
}

async fn verify<S>(req: Request, state: &S) -> Result<Verified, WebhookRejection>
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
    let config = WebhookConfig::from_ref(state);
    let (parts, body) = req.into_parts();
    let url = request_url(config.public_url_policy(), &parts).map_err(WebhookRejection::Url)?;
    let signature = parts
        .headers
        .get(SIGNATURE_HEADER)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    let settings = parts
        .headers
        .get(SIGNATURE_SETTINGS_HEADER)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let settings = SignatureSettings::from_header(settings.as_deref()).map_err(SignatureError::from)?;
    let form = is_form(&parts.headers);
    let body = Bytes::from_request(Request::from_parts(parts, body), state)
        .await
        .map_err(WebhookRejection::Body)?;

    let validator = config.validator();
    if query_param(&url, BODY_SHA256_PARAM).is_some() {
        validator.validate_json_with(&settings, &url, &body, &signature)?;
        return Ok(Verified::Json(body));
    }
    if form {
        let params: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
        validator.validate_with(&settings, &url, &params, &signature)?;
        return Ok(Verified::Params(params));
    }
    validator.validate_with(&settings, &url, &[], &signature)?;
    if body.is_empty() {
        Ok(Verified::Params(query_pairs(&url)))
    } else {
        Ok(Verified::OtherBody)
    }
}

fn is_form(headers: &HeaderMap) -> bool {
    header_str(headers, &header::CONTENT_TYPE).is_some_and(|value| {
        let essence = value.split(';').next().unwrap_or("").trim();
        essence.eq_ignore_ascii_case("application/x-www-form-urlencoded")
    })
}

/// The decoded parameters of `url`'s query.
fn query_pairs(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    form_urlencoded::parse(query.as_bytes()).into_owned().collect()
}

/// The members of a JSON object as parameters: strings as they are, other values as JSON text,
/// `null` left out.
fn json_params(body: &[u8]) -> Result<Vec<(String, String)>, WebhookRejection> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(body).map_err(|e| WebhookRejection::InvalidJson(e.to_string()))?;
    Ok(object
        .into_iter()
        .filter_map(|(name, value)| match value {
            serde_json::Value::Null => None,
            serde_json::Value::String(text) => Some((name, text)),
            other => Some((name, other.to_string())),
        })
        .collect())
}

fn logged(rejection: WebhookRejection) -> WebhookRejection {
    match &rejection {
        WebhookRejection::Signature(_) | WebhookRejection::Url(_) => {
            tracing::warn!(target: "twilio::webhook", error = %rejection, "rejected a webhook request");
        }
        _ => tracing::debug!(target: "twilio::webhook", error = %rejection, "rejected a webhook request"),
    }
    rejection
}

/// Extracts a webhook payload from a request signed by Twilio.
///
/// The payload comes from the form body, from the query of a `GET` webhook, or from the members
/// of a JSON object body (strings as they are, other values as JSON text, `null` left out; see
/// [`TwilioJson`] to deserialise JSON with serde instead). Use [`RawParams`] for the parameters
/// as received. It consumes the body, so it must be the last extractor of a handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwilioWebhook<T>(pub T);

impl<S, T> FromRequest<S> for TwilioWebhook<T>
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
    T: WebhookPayload,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let params = match verify(req, state).await.map_err(logged)? {
            Verified::Params(params) => params,
            Verified::Json(body) => json_params(&body).map_err(logged)?,
            Verified::OtherBody => return Err(logged(WebhookRejection::UnsupportedBody { expected: FORM_OR_JSON })),
        };
        T::from_params(params)
            .map(TwilioWebhook)
            .map_err(|e| logged(WebhookRejection::Payload(e)))
    }
}

const FORM_OR_JSON: &str = "a form-encoded body, an empty body with the parameters in the query, \
                            or a JSON body with `bodySHA256` in the query";

/// Extracts a JSON body signed by Twilio (`bodySHA256` in the URL's query) and deserialises it
/// with serde. Other kinds of body are refused with `415 Unsupported Media Type` (after their
/// signature was checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwilioJson<T>(pub T);

impl<S, T> FromRequest<S> for TwilioJson<T>
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
    T: DeserializeOwned,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match verify(req, state).await.map_err(logged)? {
            Verified::Json(body) => serde_json::from_slice(&body)
                .map(TwilioJson)
                .map_err(|e| logged(WebhookRejection::InvalidJson(e.to_string()))),
            Verified::Params(_) | Verified::OtherBody => Err(logged(WebhookRejection::UnsupportedBody {
                expected: "a JSON body with `bodySHA256` in the query",
            })),
        }
    }
}

/// Every parameter of a webhook, decoded, in the order received: a [`WebhookPayload`] for
/// webhooks that have no typed payload (yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawParams(pub Vec<(String, String)>);

impl RawParams {
    /// The first value of parameter `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl WebhookPayload for RawParams {
    fn from_params(params: Vec<(String, String)>) -> Result<Self, PayloadError> {
        Ok(RawParams(params))
    }
}

/// Why an extractor refused a request. As a response it is plain text with the status of
/// [`WebhookRejection::status`].
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The public URL could not be rebuilt, e.g. no `Host` header (`400`).
    Url(UrlError),
    /// The signature is missing or wrong, or the body does not match `bodySHA256` (`403`).
    Signature(SignatureError),
    /// The body could not be read, e.g. it is over the body limit (axum's status, e.g. `413`).
    Body(BytesRejection),
    /// The body is of a kind the extractor does not handle (`415`).
    UnsupportedBody {
        /// What the extractor accepts.
        expected: &'static str,
    },
    /// A signed JSON body that is not valid JSON or not of the expected shape (`400`).
    InvalidJson(String),
    /// A signed request whose parameters do not fit the payload type (`400`).
    Payload(PayloadError),
}

impl WebhookRejection {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookRejection::Url(_) | WebhookRejection::InvalidJson(_) | WebhookRejection::Payload(_) => {
                StatusCode::BAD_REQUEST
            }
            WebhookRejection::Signature(_) => StatusCode::FORBIDDEN,
            WebhookRejection::Body(e) => e.status(),
            WebhookRejection::UnsupportedBody { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        }
    }
}

impl From<SignatureError> for WebhookRejection {
    fn from(error: SignatureError) -> Self {
        WebhookRejection::Signature(error)
    }
}

impl fmt::Display for WebhookRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookRejection::Url(e) => write!(f, "{e}"),
            WebhookRejection::Signature(e) => write!(f, "invalid Twilio signature: {e}"),
            WebhookRejection::Body(e) => write!(f, "cannot read the request body: {}", e.body_text()),
            WebhookRejection::UnsupportedBody { expected } => {
                write!(f, "unsupported request body: expected {expected}")
            }
            WebhookRejection::InvalidJson(e) => write!(f, "invalid JSON body: {e}"),
            WebhookRejection::Payload(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WebhookRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookRejection::Url(e) => Some(e),
            WebhookRejection::Signature(e) => Some(e),
            WebhookRejection::Body(e) => Some(e),
            WebhookRejection::Payload(e) => Some(e),
            WebhookRejection::UnsupportedBody { .. } | WebhookRejection::InvalidJson(_) => None,
        }
    }
}

impl IntoResponse for WebhookRejection {
    /// The status and a plain-text reason; for a signature failure only that it failed (the
    /// details, such as the URLs checked, are in the `tracing` warning).
    fn into_response(self) -> Response {
        match self {
            WebhookRejection::Signature(_) => (self.status(), "invalid Twilio signature").into_response(),
            other => (other.status(), other.to_string()).into_response(),
        }
    }
}

/// A TwiML document as a response: status `200`, `Content-Type: text/xml; charset=utf-8`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Twiml(pub String);

impl From<String> for Twiml {
    fn from(xml: String) -> Self {
        Twiml(xml)
    }
}

/// Serves a document built with [`crate::twiml`], e.g. a
/// [`MessagingResponse`](crate::twiml::messaging::MessagingResponse).
impl<D: crate::twiml::Document> From<D> for Twiml {
    fn from(document: D) -> Self {
        Twiml(document.to_xml())
    }
}

impl IntoResponse for Twiml {
    fn into_response(self) -> Response {
        let content_type = HeaderValue::from_static(crate::twiml::CONTENT_TYPE);
        ([(header::CONTENT_TYPE, content_type)], self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use ::axum::body::{to_bytes, Body};
    use ::axum::http::request::Builder as RequestBuilder;
    use ::axum::http::Method;
    use ::axum::routing::{any, post};
    use ::axum::Router;
    use tower::ServiceExt as _;

    use super::*;
    use crate::webhook::signature::{body_sha256, compute_signature, Scheme};

    const TOKEN: &str = "test-auth-token";
    const FORM: &str = "application/x-www-form-urlencoded";

    fn config() -> WebhookConfig {
        WebhookConfig::new(RequestValidator::new(TOKEN))
    }

    async fn echo(TwilioWebhook(params): TwilioWebhook<RawParams>) -> String {
        params.0.iter().map(|(k, v)| format!("{k}={v}\n")).collect()
    }

    /// Like [`echo`], but a rejection answers with its full reason (what the `tracing` warning
    /// says), so that tests can check it.
    async fn echo_or_reason(result: Result<TwilioWebhook<RawParams>, WebhookRejection>) -> Response {
        match result {
            Ok(webhook) => echo(webhook).await.into_response(),
            Err(rejection) => (rejection.status(), rejection.to_string()).into_response(),
        }
    }

    fn app(config: WebhookConfig) -> Router {
        Router::new().route("/sms", any(echo_or_reason)).with_state(config)
    }

    /// The extractor as an application uses it: rejections answer for themselves.
    fn plain_app(config: WebhookConfig) -> Router {
        Router::new().route("/sms", any(echo)).with_state(config)
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn form_body(params: &[(String, String)]) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish()
    }

    /// A form POST to `path` with `Host: host`, signed for `signed_url` and `params`; finish it
    /// with [`form`].
    fn signed_form(host: &str, path: &str, signed_url: &str, params: &[(String, String)]) -> RequestBuilder {
        Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, host)
            .header(header::CONTENT_TYPE, FORM)
            .header(SIGNATURE_HEADER, compute_signature(TOKEN, signed_url, params))
    }

    fn form(builder: RequestBuilder, params: &[(String, String)]) -> Request {
        builder.body(Body::from(form_body(params))).expect("request")
    }

    async fn send(router: Router, request: Request) -> (StatusCode, String) {
        let response = router.oneshot(request).await.expect("infallible");
        let status = response.status();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn sms_params() -> Vec<(String, String)> {
        pairs(&[
            ("MessageSid", "SM123"),
            ("From", "+14158675309"),
            ("Body", "It's 100% fine & more"),
            ("MediaUrl0", "a"),
            ("MediaUrl0", "a"),
        ])
    }

    #[tokio::test]
    async fn signed_form_post_reaches_the_handler() {
        let params = sms_params();
        let req = form(
            signed_form(
                "example.com",
                "/sms?tenant=7",
                "https://example.com/sms?tenant=7",
                &params,
            ),
            &params,
        );
        let (status, body) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // Body parameters only (not the query's), in the order received, duplicates kept.
        assert_eq!(
            body,
            "MessageSid=SM123\nFrom=+14158675309\nBody=It's 100% fine & more\nMediaUrl0=a\nMediaUrl0=a\n"
        );
    }

    #[tokio::test]
    async fn wrong_signature_is_403_and_names_the_url() {
        let params = sms_params();
        let req = form(
            signed_form("example.com", "/sms", "https://example.com/other", &params),
            &params,
        );
        let (status, body) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("https://example.com/sms"), "{body}");
        assert!(body.contains("does not match"), "{body}");
        assert!(!body.contains(TOKEN), "{body}");

        // Signed with another token.
        let other = WebhookConfig::new(RequestValidator::new("another-token"));
        let req = form(
            signed_form("example.com", "/sms", "https://example.com/sms", &params),
            &params,
        );
        let (status, _) = send(app(other), req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // A tampered value.
        let tampered = pairs(&[("MessageSid", "SM999")]);
        let req = form(
            signed_form("example.com", "/sms", "https://example.com/sms", &params),
            &tampered,
        );
        let (status, _) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn shared_key_webhooks_are_checked_with_hmac_sha256() {
        use crate::webhook::signature::{compute_signature_with, Algorithm, SIGNATURE_SETTINGS_HEADER};
        let params = sms_params();
        let url = "https://example.com/sms";
        let config = WebhookConfig::new(RequestValidator::new(TOKEN).with_shared_key("KEY1", "shared-secret"));
        let request = |settings: Option<&str>, algorithm: Algorithm, secret: &str| {
            let mut builder = Request::builder()
                .method(Method::POST)
                .uri("/sms")
                .header(header::HOST, "example.com")
                .header(header::CONTENT_TYPE, FORM)
                .header(
                    SIGNATURE_HEADER,
                    compute_signature_with(algorithm, secret, url, &params),
                );
            if let Some(settings) = settings {
                builder = builder.header(SIGNATURE_SETTINGS_HEADER, settings);
            }
            form(builder, &params)
        };
        let sha256 = Some("key=KEY1,algorithm=HMAC_SHA256");
        let (status, body) = send(
            app(config.clone()),
            request(sha256, Algorithm::HmacSha256, "shared-secret"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.starts_with("MessageSid=SM123\n"), "{body}");
        // Without the header a request is HMAC-SHA1, with the auth token as before.
        let (status, body) = send(app(config.clone()), request(None, Algorithm::HmacSha1, TOKEN)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // A SHA-256 signature without the header that says so is refused.
        let (status, _) = send(
            app(config.clone()),
            request(None, Algorithm::HmacSha256, "shared-secret"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // Signed by another secret than the named key's.
        let (status, body) = send(app(config.clone()), request(sha256, Algorithm::HmacSha256, TOKEN)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("shared key `KEY1`"), "{body}");
        // An algorithm this crate does not know is refused, by name.
        let unknown = Some("key=KEY1,algorithm=HMAC_SHA512");
        let (status, body) = send(
            app(config.clone()),
            request(unknown, Algorithm::HmacSha256, "shared-secret"),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("`HMAC_SHA512`"), "{body}");
    }

    #[tokio::test]
    async fn a_rejected_signature_answers_without_details() {
        let params = sms_params();
        let wrong = form(
            signed_form("example.com", "/sms", "https://example.com/other", &params),
            &params,
        );
        let (status, body) = send(plain_app(config()), wrong).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::FORBIDDEN, "invalid Twilio signature")
        );
    }

    #[tokio::test]
    async fn missing_signature_is_403() {
        let req = Request::builder()
            .method(Method::POST)
            .uri("/sms")
            .header(header::HOST, "example.com")
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from("From=%2B1"))
            .expect("request");
        let (status, body) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("missing X-Twilio-Signature"), "{body}");
    }

    #[tokio::test]
    async fn forwarded_headers_need_opt_in() {
        let params = sms_params();
        let signed = "https://public.example.com/sms";
        let req = || {
            let builder = signed_form("app.internal:8080", "/sms", signed, &params)
                .header("x-forwarded-proto", "https")
                .header("x-forwarded-host", "public.example.com")
                .header("x-forwarded-port", "443");
            form(builder, &params)
        };
        let trusted = config().public_url(PublicUrl::trust_forwarded_headers());
        let (status, body) = send(app(trusted), req()).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (status, body) = send(app(config()), req()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("https://app.internal:8080/sms"), "{body}");
        assert!(!body.contains("public.example.com"), "{body}");

        // Garbage in an ignored header is harmless; in a trusted one it is a 400.
        let garbage = || {
            let builder = signed_form("public.example.com", "/sms", signed, &params).header(
                "x-forwarded-host",
                HeaderValue::from_bytes(b"\xff\xfe").expect("header"),
            );
            form(builder, &params)
        };
        let (status, body) = send(app(config()), garbage()).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let trusted = config().public_url(PublicUrl::trust_forwarded_headers());
        let (status, body) = send(app(trusted), garbage()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("X-Forwarded-Host"), "{body}");
    }

    #[tokio::test]
    async fn public_base_url_with_prefix() {
        let params = sms_params();
        let policy = PublicUrl::base_url("https://example.com/twilio").expect("base url");
        let req = form(
            signed_form(
                "10.0.0.5:8080",
                "/sms?x=%27",
                "https://example.com/twilio/sms?x=%27",
                &params,
            ),
            &params,
        );
        let (status, body) = send(app(config().public_url(policy)), req).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    #[tokio::test]
    async fn nested_router_uses_the_original_uri() {
        let params = sms_params();
        let router = Router::new().nest("/api", app(config()));
        let req = form(
            signed_form("example.com", "/api/sms", "https://example.com/api/sms", &params),
            &params,
        );
        let (status, body) = send(router, req).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    #[tokio::test]
    async fn http_default_scheme() {
        let params = sms_params();
        let policy = PublicUrl::from_request().default_scheme(Scheme::Http);
        let req = form(
            signed_form("localhost:3000", "/sms", "http://localhost:3000/sms", &params),
            &params,
        );
        let (status, body) = send(app(config().public_url(policy)), req).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    #[tokio::test]
    async fn get_webhook_takes_params_from_the_query() {
        let url = "https://example.com/sms?From=%2B14158675309&Body=hi+there";
        let req = Request::builder()
            .uri("/sms?From=%2B14158675309&Body=hi+there")
            .header(header::HOST, "example.com")
            .header(SIGNATURE_HEADER, compute_signature(TOKEN, url, &[]))
            .body(Body::empty())
            .expect("request");
        let (status, body) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "From=+14158675309\nBody=hi there\n");
    }

    fn json_request(body: &'static str, hash_of: &str, signed_with: &str) -> Request {
        let path = format!("/sms?bodySHA256={}", body_sha256(hash_of.as_bytes()));
        let signed = format!("https://example.com{path}");
        Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "example.com")
            .header(header::CONTENT_TYPE, "application/json")
            .header(SIGNATURE_HEADER, compute_signature(signed_with, &signed, &[]))
            .body(Body::from(body))
            .expect("request")
    }

    #[tokio::test]
    async fn json_body_with_body_sha256() {
        let json = r#"{"property": "value", "boolean": true, "n": null, "list": [1, "a"]}"#;
        let (status, body) = send(app(config()), json_request(json, json, TOKEN)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body, "boolean=true\nlist=[1,\"a\"]\nproperty=value\n");

        // The body does not match the signed hash.
        let (status, body) = send(app(config()), json_request(json, "{}", TOKEN)).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(body.contains("SHA-256 of the body"), "{body}");

        // A signed hash of a body that is not an object.
        let (status, _) = send(app(config()), json_request("[1]", "[1]", TOKEN)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // Wrong token.
        let (status, _) = send(app(config()), json_request(json, json, "nope")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn twilio_json_deserialises_with_serde() {
        #[derive(serde::Deserialize)]
        struct Event {
            property: String,
            boolean: bool,
        }
        async fn handler(TwilioJson(event): TwilioJson<Event>) -> String {
            format!("{} {}", event.property, event.boolean)
        }
        let router = || Router::new().route("/sms", post(handler)).with_state(config());
        let json = r#"{"property": "value", "boolean": true}"#;
        let (status, body) = send(router(), json_request(json, json, TOKEN)).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "value true"));

        let (status, _) = send(router(), json_request("{}", "{}", TOKEN)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let params = sms_params();
        let req = form(
            signed_form("example.com", "/sms", "https://example.com/sms", &params),
            &params,
        );
        let (status, _) = send(router(), req).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test]
    async fn payload_error_is_400() {
        struct Digits(u32);
        impl WebhookPayload for Digits {
            fn from_params(params: Vec<(String, String)>) -> Result<Self, PayloadError> {
                let value = params
                    .into_iter()
                    .find(|(k, _)| k == "Digits")
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                value.parse().map(Digits).map_err(|_| PayloadError {
                    param: "Digits".into(),
                    value,
                    expected: "a number",
                })
            }
        }
        async fn handler(TwilioWebhook(Digits(d)): TwilioWebhook<Digits>) -> String {
            d.to_string()
        }
        let router = || Router::new().route("/voice", post(handler)).with_state(config());
        let ok = pairs(&[("Digits", "42")]);
        let req = form(
            signed_form("example.com", "/voice", "https://example.com/voice", &ok),
            &ok,
        );
        assert_eq!(send(router(), req).await, (StatusCode::OK, "42".to_owned()));
        let bad = pairs(&[("Digits", "4x")]);
        let req = form(
            signed_form("example.com", "/voice", "https://example.com/voice", &bad),
            &bad,
        );
        let (status, body) = send(router(), req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Digits"), "{body}");
    }

    #[tokio::test]
    async fn malformed_requests_are_errors_not_panics() {
        // No Host header.
        let req = Request::builder()
            .method(Method::POST)
            .uri("/sms")
            .header(SIGNATURE_HEADER, "x")
            .body(Body::empty())
            .expect("request");
        let (status, body) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("Host"), "{body}");

        // Garbage Host, signature and body bytes.
        let req = Request::builder()
            .method(Method::POST)
            .uri("/sms")
            .header(header::HOST, HeaderValue::from_bytes(b"ex\xffample").expect("header"))
            .header(SIGNATURE_HEADER, HeaderValue::from_bytes(b"\xff").expect("header"))
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from(&b"a=%ff%fe&\xff\xfe=1"[..]))
            .expect("request");
        let (status, _) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let req = Request::builder()
            .method(Method::POST)
            .uri("/sms")
            .header(header::HOST, "example.com")
            .header(SIGNATURE_HEADER, HeaderValue::from_bytes(b"\xff").expect("header"))
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from(&b"a=%ff%fe&\xff\xfe=1"[..]))
            .expect("request");
        let (status, _) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // A signed URL with a body of another kind.
        let url = "https://example.com/sms";
        let req = Request::builder()
            .method(Method::POST)
            .uri("/sms")
            .header(header::HOST, "example.com")
            .header(header::CONTENT_TYPE, "text/plain")
            .header(SIGNATURE_HEADER, compute_signature(TOKEN, url, &[]))
            .body(Body::from("hello"))
            .expect("request");
        let (status, _) = send(app(config()), req).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test]
    async fn twiml_response() {
        let response = Twiml("<Response/>".to_owned()).into_response();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("text/xml; charset=utf-8")
        );
        let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        assert_eq!(&bytes[..], b"<Response/>");
    }

    #[test]
    fn debug_hides_tokens() {
        let shown = format!("{:?}", config());
        assert!(!shown.contains(TOKEN), "{shown}");
    }
}
