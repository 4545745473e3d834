//! The send pipeline shared by every operation: headers and body, retries, tracing, decoding.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::client::{Client, ResponseFuture};
use super::error::{ApiError, DecodeError, Error};
use super::request::{Method, Product, Request};
use super::retry::{parse_retry_after, RetryPolicy};
use super::transport::{HttpRequest, HttpResponse};

/// A decoded body together with the response's status and headers, from `send_with_metadata()`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The decoded body.
    pub body: T,
    /// HTTP status code.
    pub status: u16,
    /// Response headers, names in lower case.
    pub headers: Vec<(String, String)>,
}

impl<T> Response<T> {
    /// The `Twilio-Request-Id` header, which identifies the request to Twilio support.
    pub fn request_id(&self) -> Option<&str> {
        header(&self.headers, "twilio-request-id")
    }

    /// The first value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The body, dropping the metadata.
    pub fn into_body(self) -> T {
        self.body
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Where a request came from, for tracing: never the filled-in path or the query, which may
/// hold phone numbers.
struct Origin {
    product: &'static str,
    /// The product takes an OAuth access token instead of Basic credentials.
    bearer_auth: bool,
    operation: &'static str,
    path: &'static str,
    /// A 3xx answer is the success (never followed).
    redirect: bool,
    /// The `Accept` header.
    accept: &'static str,
}

impl Client {
    pub(crate) fn execute<T: DeserializeOwned + Send + 'static>(&self, request: Request) -> ResponseFuture<T> {
        let client = self.clone();
        Box::pin(async move {
            let response = client.send(request).await?;
            decode(&response)
        })
    }

    pub(crate) fn execute_empty(&self, request: Request) -> ResponseFuture<()> {
        let client = self.clone();
        Box::pin(async move {
            client.send(request).await?;
            Ok(())
        })
    }

    pub(crate) fn execute_with_metadata<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
    ) -> ResponseFuture<Response<T>> {
        let client = self.clone();
        Box::pin(async move {
            let response = client.send(request).await?;
            // DELETE answers 204 with no body; `()` then decodes from nothing.
            let body = if response.body.is_empty() {
                decode_empty(&response)?
            } else {
                decode(&response)?
            };
            Ok(Response {
                body,
                status: response.status,
                headers: response.headers,
            })
        })
    }

    /// The absolute URL a request goes to.
    pub(crate) fn url_of(&self, request: &Request) -> String {
        let mut url = self.origin(request.product);
        url.push_str(&request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(&request.query));
        }
        url
    }

    /// Sends a request and maps non-success statuses to [`Error::Api`].
    pub(crate) async fn send(&self, request: Request) -> Result<HttpResponse, Error> {
        if let Some(reason) = request.invalid {
            return Err(Error::InvalidRequest(reason));
        }
        let url = self.url_of(&request);
        let origin = Origin {
            product: request.product.name,
            bearer_auth: request.product.bearer_auth,
            operation: request.operation,
            path: request.path_template,
            redirect: request.accepts_redirect,
            accept: request.accept,
        };
        self.send_url(
            &origin,
            request.method,
            url,
            request.form,
            request.json,
            request.headers,
        )
        .await
    }

    /// Fetches a next-page link as given (no parameters added).
    pub(crate) async fn send_page_link(
        &self,
        product: &Product,
        operation: &'static str,
        accept: &'static str,
        url: String,
    ) -> Result<HttpResponse, Error> {
        let origin = Origin {
            product: product.name,
            bearer_auth: product.bearer_auth,
            operation,
            path: "(next page link)",
            redirect: false,
            accept,
        };
        self.send_url(&origin, Method::Get, url, Vec::new(), None, Vec::new())
            .await
    }

    async fn send_url(
        &self,
        origin: &Origin,
        method: Method,
        url: String,
        form: Vec<(Cow<'static, str>, String)>,
        json: Option<serde_json::Map<String, serde_json::Value>>,
        params: Vec<(&'static str, String)>,
    ) -> Result<HttpResponse, Error> {
        let config = self.config();
        let mut headers = params;
        // An operation with its own `Authorization` parameter (Flex Insights takes a Flex token)
        // sends that one instead of the client's credentials: never two such headers.
        if !headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("Authorization"))
        {
            let authorization = match (origin.bearer_auth, &config.bearer) {
                (false, _) => config.authorization.clone(),
                (true, Some(bearer)) => bearer.clone(),
                (true, None) => {
                    return Err(Error::Config(format!(
                        "{} authenticates with an OAuth access token, and this client has none \
                         (ClientBuilder::access_token, Client::with_access_token)",
                        origin.product
                    )))
                }
            };
            headers.push(("Authorization", authorization));
        }
        headers.push(("User-Agent", config.user_agent.clone()));
        if method != Method::Delete {
            headers.push(("Accept", origin.accept.to_owned()));
        }
        headers.push(("Accept-Charset", "utf-8".to_owned()));
        let body = if let Some(json) = json {
            headers.push(("Content-Type", "application/json".to_owned()));
            Some(serde_json::Value::Object(json).to_string().into_bytes())
        } else if !form.is_empty() || matches!(method, Method::Post | Method::Put | Method::Patch) {
            headers.push(("Content-Type", "application/x-www-form-urlencoded".to_owned()));
            Some(encode_pairs(&form).into_bytes())
        } else {
            None
        };
        let request = HttpRequest {
            method,
            url,
            headers,
            body,
            timeout: config.timeout,
        };
        let policy = config.retry;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!(
                "twilio.request",
                product = origin.product,
                operation = origin.operation,
                method = method.as_str(),
                path = origin.path,
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let result = config.transport.send(request.clone()).instrument(span.clone()).await;
            let retries_left = attempt <= policy.max_retries;
            match result {
                Ok(mut response) => {
                    let request_id = response.header("twilio-request-id").map(str::to_owned);
                    span.record("status", response.status);
                    if let Some(id) = &request_id {
                        span.record("request_id", id.as_str());
                    }
                    if (200..300).contains(&response.status) {
                        span.in_scope(|| tracing::debug!(status = response.status, "twilio response"));
                        return Ok(response);
                    }
                    if origin.redirect && (300..400).contains(&response.status) {
                        span.in_scope(|| tracing::debug!(status = response.status, "twilio redirect"));
                        // Twilio puts the target in the body; a bare redirect has it in `Location`.
                        if response.body.iter().all(u8::is_ascii_whitespace) {
                            if let Some(location) = response.header("location") {
                                response.body = serde_json::json!({ "redirect_to": location }).to_string().into_bytes();
                            }
                        }
                        return Ok(response);
                    }
                    if retries_left && RetryPolicy::retries_status(response.status, method) {
                        let wait = policy.delay(attempt, parse_retry_after(response.header("retry-after")));
                        span.in_scope(|| tracing::info!(status = response.status, ?wait, "retrying after HTTP status"));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    span.in_scope(|| tracing::debug!(status = response.status, "twilio error response"));
                    let error = ApiError::from_response(response.status, &response.body, request_id);
                    return Err(Error::Api(Box::new(error)));
                }
                Err(error) => {
                    if retries_left && RetryPolicy::retries_transport(error.kind(), method) {
                        let wait = policy.delay(attempt, None);
                        span.in_scope(|| tracing::info!(%error, ?wait, "retrying after transport error"));
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    span.in_scope(|| tracing::debug!(%error, "twilio transport error"));
                    return Err(Error::Transport(error));
                }
            }
        }
    }
}

pub(crate) fn encode_pairs(pairs: &[(Cow<'static, str>, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

/// Decodes a success body, keeping the raw body when it does not fit.
pub(crate) fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    serde_json::from_slice(&response.body).map_err(|source| decode_error(response, source))
}

fn decode_empty<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    T::deserialize(serde_json::Value::Null).map_err(|source| decode_error(response, source))
}

fn decode_error(response: &HttpResponse, source: serde_json::Error) -> Error {
    Error::Decode(Box::new(DecodeError {
        status: response.status,
        body: String::from_utf8_lossy(&response.body).into_owned(),
        source,
    }))
}
