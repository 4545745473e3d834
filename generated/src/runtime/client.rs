//! The client: credentials, configuration, and the one place requests are sent.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use serde::de::DeserializeOwned;

use super::error::{ApiError, DecodeError, Error};
use super::request::{Method, Product, Request};
use super::transport::{HttpRequest, HttpResponse, ReqwestTransport, Transport};

/// The future every generated `send()` returns.
pub type ResponseFuture<T> = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'static>>;

/// Default whole-request timeout, as in twilio-node.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A Twilio REST client. Cheap to clone: clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), twilio::Error> {
/// let client = twilio::Client::from_env()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    account_sid: String,
    username: String,
    secret: String,
    base_url: Option<String>,
    user_agent: String,
    timeout: Duration,
    transport: Arc<dyn Transport>,
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    account_sid: String,
    username: String,
    secret: String,
    base_url: Option<String>,
    user_agent_extensions: Vec<String>,
    timeout: Duration,
    transport: Option<Arc<dyn Transport>>,
}

impl Client {
    /// A client authenticating with an Account SID and its auth token.
    pub fn new(account_sid: impl Into<String>, auth_token: impl Into<String>) -> Client {
        Client::builder(account_sid, auth_token).build()
    }

    /// Starts configuring a client that authenticates with an Account SID and auth token.
    pub fn builder(account_sid: impl Into<String>, auth_token: impl Into<String>) -> ClientBuilder {
        let account_sid = account_sid.into();
        ClientBuilder {
            username: account_sid.clone(),
            account_sid,
            secret: auth_token.into(),
            base_url: None,
            user_agent_extensions: Vec::new(),
            timeout: DEFAULT_TIMEOUT,
            transport: None,
        }
    }

    /// Starts configuring a client that authenticates with an API key (`SK…`) and its secret,
    /// acting on `account_sid`.
    pub fn builder_with_api_key(
        account_sid: impl Into<String>,
        api_key_sid: impl Into<String>,
        api_key_secret: impl Into<String>,
    ) -> ClientBuilder {
        let mut builder = Client::builder(account_sid, api_key_secret);
        builder.username = api_key_sid.into();
        builder
    }

    /// A client configured from `TWILIO_ACCOUNT_SID` plus either `TWILIO_API_KEY` and
    /// `TWILIO_API_SECRET` or `TWILIO_AUTH_TOKEN`.
    pub fn from_env() -> Result<Client, Error> {
        Ok(ClientBuilder::from_env()?.build())
    }

    /// The account that `{AccountSid}` paths default to.
    pub fn account_sid(&self) -> &str {
        &self.inner.account_sid
    }

    /// The User-Agent sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    #[doc(hidden)]
    pub fn execute<T: DeserializeOwned + Send + 'static>(&self, request: Result<Request, Error>) -> ResponseFuture<T> {
        let client = self.clone();
        Box::pin(async move {
            let response = client.send(request?).await?;
            decode(&response)
        })
    }

    #[doc(hidden)]
    pub fn execute_empty(&self, request: Result<Request, Error>) -> ResponseFuture<()> {
        let client = self.clone();
        Box::pin(async move {
            client.send(request?).await?;
            Ok(())
        })
    }

    /// Sends a request and maps non-success statuses to [`Error::Api`].
    pub(crate) async fn send(&self, request: Request) -> Result<HttpResponse, Error> {
        let url = self.url_for(request.product, &request.path, &request.query);
        self.send_url(request.method, url, request.form, request.json, request.headers).await
    }

    pub(crate) async fn send_url(
        &self,
        method: Method,
        url: String,
        form: Vec<(std::borrow::Cow<'static, str>, String)>,
        json: Option<serde_json::Map<String, serde_json::Value>>,
        params: Vec<(&'static str, String)>,
    ) -> Result<HttpResponse, Error> {
        let inner = &self.inner;
        let mut headers = params;
        let credentials = format!("{}:{}", inner.username, inner.secret);
        let auth = base64::engine::general_purpose::STANDARD.encode(credentials);
        headers.push(("Authorization", format!("Basic {auth}")));
        headers.push(("User-Agent", inner.user_agent.clone()));
        if method != Method::Delete {
            headers.push(("Accept", "application/json".to_owned()));
        }
        headers.push(("Accept-Charset", "utf-8".to_owned()));
        let body = if let Some(json) = json {
            headers.push(("Content-Type", "application/json".to_owned()));
            Some(serde_json::to_vec(&json).unwrap_or_default())
        } else if !form.is_empty() || matches!(method, Method::Post | Method::Put | Method::Patch) {
            headers.push(("Content-Type", "application/x-www-form-urlencoded".to_owned()));
            Some(encode_pairs(&form).into_bytes())
        } else {
            None
        };
        let http = HttpRequest { method, url, headers, body, timeout: inner.timeout };
        let response = inner.transport.send(http).await.map_err(Error::Transport)?;
        if (200..300).contains(&response.status) {
            Ok(response)
        } else {
            let request_id = response.header("twilio-request-id").map(str::to_owned);
            Err(Error::Api(Box::new(ApiError::from_response(response.status, &response.body, request_id))))
        }
    }

    /// `https://{host}{path}?{query}`, or the configured base URL in place of the host.
    pub(crate) fn url_for(&self, product: &Product, path: &str, query: &[(std::borrow::Cow<'static, str>, String)]) -> String {
        let mut url = self.origin(product);
        url.push_str(path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&encode_pairs(query));
        }
        url
    }

    /// Scheme and host that requests for `product` go to.
    pub(crate) fn origin(&self, product: &Product) -> String {
        match &self.inner.base_url {
            Some(base) => base.clone(),
            None => format!("https://{}", product.host),
        }
    }
}

fn encode_pairs(pairs: &[(std::borrow::Cow<'static, str>, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

/// Decodes a success body, keeping the raw body when it does not fit.
pub(crate) fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    serde_json::from_slice(&response.body).map_err(|source| {
        Error::Decode(Box::new(DecodeError {
            status: response.status,
            body: String::from_utf8_lossy(&response.body).into_owned(),
            source,
        }))
    })
}

impl ClientBuilder {
    /// Reads credentials from the environment (see [`Client::from_env`]).
    pub fn from_env() -> Result<ClientBuilder, Error> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let account_sid = var("TWILIO_ACCOUNT_SID").ok_or_else(|| {
            Error::Config("environment variable TWILIO_ACCOUNT_SID is not set".to_owned())
        })?;
        match (var("TWILIO_API_KEY"), var("TWILIO_API_SECRET")) {
            (Some(key), Some(secret)) => Ok(Client::builder_with_api_key(account_sid, key, secret)),
            (Some(_), None) => Err(Error::Config(
                "TWILIO_API_KEY is set but environment variable TWILIO_API_SECRET is not".to_owned(),
            )),
            _ => {
                let token = var("TWILIO_AUTH_TOKEN").ok_or_else(|| {
                    Error::Config("environment variable TWILIO_AUTH_TOKEN is not set".to_owned())
                })?;
                Ok(Client::builder(account_sid, token))
            }
        }
    }

    /// Sends every request to this origin (e.g. `http://127.0.0.1:4010`) instead of the
    /// product's Twilio host; for tests and proxies.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        let base: String = base_url.into();
        self.base_url = Some(base.trim_end_matches('/').to_owned());
        self
    }

    /// Whole-request timeout (connect to last body byte). Default: 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Appends ` {extension}` to the User-Agent, e.g. `my-app/1.2`.
    pub fn user_agent_extension(mut self, extension: impl Into<String>) -> Self {
        self.user_agent_extensions.push(extension.into());
        self
    }

    /// Replaces the HTTP stack.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Finishes the configuration.
    pub fn build(self) -> Client {
        let mut user_agent = format!(
            "twilio-rust/{} ({} {}) rust/{}",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH,
            env!("TWILIO_RUSTC_VERSION"),
        );
        for extension in &self.user_agent_extensions {
            user_agent.push(' ');
            user_agent.push_str(extension);
        }
        let transport = self.transport.unwrap_or_else(|| Arc::new(ReqwestTransport::new()));
        Client {
            inner: Arc::new(Inner {
                account_sid: self.account_sid,
                username: self.username,
                secret: self.secret,
                base_url: self.base_url,
                user_agent,
                timeout: self.timeout,
                transport,
            }),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("account_sid", &inner.account_sid)
            .field("username", &inner.username)
            .field("secret", &"[redacted]")
            .field("base_url", &inner.base_url)
            .field("timeout", &inner.timeout)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("account_sid", &self.account_sid)
            .field("username", &self.username)
            .field("secret", &"[redacted]")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let client = Client::new("AC123", "super-secret-token");
        let builder = Client::builder_with_api_key("AC123", "SK123", "other-secret");
        let shown = format!("{client:?} {builder:?} {client:#?}");
        assert!(!shown.contains("super-secret-token"), "{shown}");
        assert!(!shown.contains("other-secret"), "{shown}");
        assert!(shown.contains("AC123"));
    }

    #[test]
    fn user_agent_names_crate_platform_and_rustc() {
        let client = Client::builder("AC1", "t").user_agent_extension("my-app/2").build();
        let ua = client.user_agent();
        assert!(ua.starts_with(&format!("twilio-rust/{} (", env!("CARGO_PKG_VERSION"))), "{ua}");
        assert!(ua.contains(") rust/1."), "{ua}");
        assert!(ua.ends_with(" my-app/2"), "{ua}");
    }
}
