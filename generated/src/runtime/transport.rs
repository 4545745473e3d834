//! The seam between the client and the HTTP stack.
//!
//! Generated code never names an HTTP library: it builds a [`Request`](super::request::Request),
//! the client turns it into an [`HttpRequest`] and hands that to a [`Transport`]. The default
//! transport uses reqwest with rustls; tests and unusual deployments can supply their own.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::error::{TransportError, TransportErrorKind};
use super::request::Method;

/// A fully built HTTP request.
#[derive(Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// HTTP verb.
    pub method: Method,
    /// Absolute URL, query included.
    pub url: String,
    /// Header names and values; `Authorization` is among them, so never log this verbatim.
    pub headers: Vec<(&'static str, String)>,
    /// Encoded body, if any.
    pub body: Option<Vec<u8>>,
    /// Deadline for the whole exchange.
    pub timeout: Duration,
}

/// What the server answered.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// Raw body bytes.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// Builds a response; for custom transports.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        HttpResponse { status, headers, body }
    }

    /// The first value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    *n,
                    if n.eq_ignore_ascii_case("authorization") {
                        "[redacted]"
                    } else {
                        v.as_str()
                    },
                )
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_len", &self.body.as_ref().map(Vec::len))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A boxed future returned by transports.
pub type TransportFuture = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send>>;

/// Sends one HTTP request. Implementations must not follow redirects.
pub trait Transport: Send + Sync + 'static {
    /// Sends the request and reads the whole response.
    fn send(&self, request: HttpRequest) -> TransportFuture;
}

/// The default transport: reqwest with rustls, redirects disabled (feature `reqwest`).
#[cfg(feature = "reqwest")]
pub struct ReqwestTransport {
    // Building a reqwest client can fail only in exotic TLS setups; the failure is reported on
    // the first request so that `Client::new` stays infallible.
    client: Result<reqwest::Client, String>,
}

#[cfg(feature = "reqwest")]
impl ReqwestTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string());
        ReqwestTransport { client }
    }
}

#[cfg(feature = "reqwest")]
impl Default for ReqwestTransport {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "reqwest")]
impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        let client = self.client.clone();
        Box::pin(async move {
            let client = client.map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
            let method = match request.method {
                Method::Get => reqwest::Method::GET,
                Method::Post => reqwest::Method::POST,
                Method::Put => reqwest::Method::PUT,
                Method::Patch => reqwest::Method::PATCH,
                Method::Delete => reqwest::Method::DELETE,
            };
            let mut builder = client.request(method, &request.url).timeout(request.timeout);
            for (name, value) in &request.headers {
                builder = builder.header(*name, value);
            }
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let response = builder.send().await.map_err(classify)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.bytes().await.map_err(classify)?.to_vec();
            Ok(HttpResponse { status, headers, body })
        })
    }
}

#[cfg(feature = "reqwest")]
fn classify(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    };
    // reqwest errors may carry the URL; ours never holds credentials, so it is safe to keep.
    TransportError::new(kind, error)
}

/// Stands in when the crate is built without `reqwest` and no transport was supplied.
#[cfg(not(feature = "reqwest"))]
pub(crate) struct MissingTransport;

#[cfg(not(feature = "reqwest"))]
impl Transport for MissingTransport {
    fn send(&self, _request: HttpRequest) -> TransportFuture {
        Box::pin(async {
            Err(TransportError::new(
                TransportErrorKind::Other,
                "no HTTP transport: enable the `reqwest` feature or call ClientBuilder::transport",
            ))
        })
    }
}
