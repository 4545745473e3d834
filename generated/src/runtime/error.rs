//! The one error type every call returns.

use std::fmt;

/// Everything that can go wrong when calling Twilio.
///
/// Secrets (auth tokens, API secrets) never appear in any variant, in `Debug` or in `Display`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Twilio (or something in between) answered with a non-success status.
    Api(Box<ApiError>),
    /// A success status whose body could not be decoded into the expected type.
    Decode(Box<DecodeError>),
    /// The request never produced a response: connection failure, TLS, timeout.
    Transport(TransportError),
    /// The request was refused before sending, e.g. a required group of parameters is empty.
    InvalidRequest(String),
    /// The client could not be configured, e.g. a missing environment variable.
    Config(String),
}

/// A non-success HTTP response, with Twilio's error body parsed when it is JSON.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code.
    pub status: u16,
    /// Twilio's numeric error code (`code`); see <https://www.twilio.com/docs/errors>.
    pub code: Option<i64>,
    /// Twilio's message (`message`, or `detail`/`title` in the problem-details shape).
    pub message: Option<String>,
    /// Link to the documentation of `code` (`more_info`).
    pub more_info: Option<String>,
    /// Extra structured details (`details`), when Twilio sends them.
    pub details: Option<serde_json::Value>,
    /// The raw response body, whatever its format.
    pub body: String,
    /// The `Twilio-Request-Id` response header, useful when talking to Twilio support.
    pub request_id: Option<String>,
}

/// A success response whose body did not match the expected shape.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// HTTP status code of the response.
    pub status: u16,
    /// The raw body as received.
    pub body: String,
    /// What the JSON decoder said.
    pub source: serde_json::Error,
}

/// A failure below HTTP: connecting, TLS, timeouts, reading the body.
#[derive(Debug)]
pub struct TransportError {
    pub(crate) kind: TransportErrorKind,
    pub(crate) source: Box<dyn std::error::Error + Send + Sync>,
}

/// The broad class of a [`TransportError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The request did not complete within its timeout.
    Timeout,
    /// The connection could not be established or broke.
    Connect,
    /// Anything else.
    Other,
}

impl TransportError {
    /// Wraps a transport failure; used by custom transports.
    pub fn new(kind: TransportErrorKind, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError {
            kind,
            source: source.into(),
        }
    }

    /// The broad class of the failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

impl Error {
    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// Twilio's numeric error code, when the error body carried one.
    pub fn code(&self) -> Option<i64> {
        match self {
            Error::Api(e) => e.code,
            _ => None,
        }
    }

    /// Whether trying again later may succeed: 429, 502, 503, 504 and transport failures.
    /// (The client already retries what is safe to retry; see [`RetryPolicy`](crate::RetryPolicy).)
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(e) => matches!(e.status, 429 | 502 | 503 | 504),
            Error::Transport(_) => true,
            _ => false,
        }
    }

    /// True for a 404 answer.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The parsed API error, if this is one.
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

impl ApiError {
    /// Builds the error from a non-success response, parsing Twilio's JSON error shapes
    /// (`code`/`message`/`more_info` and RFC 9457 `title`/`detail`) when present.
    pub(crate) fn from_response(status: u16, body: &[u8], request_id: Option<String>) -> ApiError {
        let body_text = String::from_utf8_lossy(body).into_owned();
        let mut error = ApiError {
            status,
            code: None,
            message: None,
            more_info: None,
            details: None,
            body: body_text,
            request_id,
        };
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
            let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
            error.code = map.get("code").and_then(|v| v.as_i64());
            error.message = text("message").or_else(|| text("detail")).or_else(|| text("title"));
            error.more_info = text("more_info").or_else(|| text("moreInfo"));
            error.details = map.get("details").filter(|v| !v.is_null()).cloned();
        }
        error
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => e.fmt(f),
            Error::Decode(e) => write!(
                f,
                "could not decode Twilio's response (HTTP {}): {}; body: {}",
                e.status,
                e.source,
                truncate(&e.body)
            ),
            Error::Transport(e) => write!(f, "request to Twilio failed: {e}"),
            Error::InvalidRequest(msg) => write!(f, "invalid request: {msg}"),
            Error::Config(msg) => write!(f, "client configuration: {msg}"),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Twilio answered HTTP {}", self.status)?;
        if let Some(code) = self.code {
            write!(f, " (error {code})")?;
        }
        match &self.message {
            Some(message) => write!(f, ": {message}")?,
            None if !self.body.is_empty() => write!(f, ": {}", truncate(&self.body))?,
            None => {}
        }
        if let Some(more_info) = &self.more_info {
            write!(f, " ({more_info})")?;
        }
        Ok(())
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{kind}: {}", self.source)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Decode(e) => Some(&e.source),
            Error::Transport(e) => Some(&*e.source),
            _ => None,
        }
    }
}

impl std::error::Error for ApiError {}
impl std::error::Error for TransportError {}

/// Keeps error messages readable when a proxy answers with a whole HTML page.
fn truncate(body: &str) -> &str {
    const MAX: usize = 500;
    if body.len() <= MAX {
        return body;
    }
    let mut end = MAX;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_twilio_legacy_error_body() {
        let body = br#"{"code": 21211, "message": "The 'To' number is not valid.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}"#;
        let error = ApiError::from_response(400, body, Some("RQ123".into()));
        assert_eq!(error.code, Some(21211));
        assert_eq!(
            error.more_info.as_deref(),
            Some("https://www.twilio.com/docs/errors/21211")
        );
        let text = Error::Api(Box::new(error)).to_string();
        assert_eq!(
            text,
            "Twilio answered HTTP 400 (error 21211): The 'To' number is not valid. (https://www.twilio.com/docs/errors/21211)"
        );
    }

    #[test]
    fn keeps_non_json_bodies() {
        let error = ApiError::from_response(502, b"<html>Bad gateway</html>", None);
        assert_eq!(error.code, None);
        assert_eq!(error.body, "<html>Bad gateway</html>");
        assert!(error.to_string().contains("Bad gateway"));
    }

    #[test]
    fn truncates_on_char_boundary() {
        let long = "é".repeat(400);
        assert!(truncate(&long).len() <= 500);
    }
}
