//! The client: credentials, configuration, and the one place requests are sent.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use super::error::Error;
use super::hosts::{rewrite_host, split_origin};
use super::request::Product;
use super::retry::RetryPolicy;
use super::transport::Transport;

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

#[derive(Clone)]
pub(crate) struct Inner {
    pub(crate) account_sid: String,
    pub(crate) username: String,
    /// `Basic base64(username:secret)`, computed once; the secret itself is not kept.
    pub(crate) authorization: String,
    /// `Bearer <token>`, for the products that take an OAuth access token (Organizations).
    pub(crate) bearer: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) edge: Option<String>,
    pub(crate) user_agent: String,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) transport: Arc<dyn Transport>,
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    account_sid: String,
    username: String,
    secret: String,
    access_token: Option<String>,
    base_url: Option<String>,
    region: Option<String>,
    edge: Option<String>,
    retry: RetryPolicy,
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
            access_token: None,
            base_url: None,
            region: None,
            edge: None,
            retry: RetryPolicy::default(),
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
    /// `TWILIO_API_SECRET` or `TWILIO_AUTH_TOKEN`; `TWILIO_REGION` and `TWILIO_EDGE` select
    /// where requests go.
    pub fn from_env() -> Result<Client, Error> {
        Ok(ClientBuilder::from_env()?.build())
    }

    /// The account that `{AccountSid}` paths default to.
    pub fn account_sid(&self) -> &str {
        &self.inner.account_sid
    }

    /// `sid` when a handle was given one, else the client's account: what an `{AccountSid}`
    /// path parameter is filled with.
    #[inline]
    #[doc(hidden)]
    pub fn account_sid_or<'a>(&'a self, sid: &'a Option<String>) -> &'a str {
        sid.as_deref().unwrap_or(&self.inner.account_sid)
    }

    /// The User-Agent sent with every request.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// The same client acting on another account (a subaccount): every `/Accounts/{AccountSid}/`
    /// path of API v2010 uses `account_sid`; credentials stay the same.
    pub fn account(&self, account_sid: impl Into<String>) -> Client {
        self.with(|inner| inner.account_sid = account_sid.into())
    }

    /// The same client with another whole-request timeout; use it for one request or many.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        self.with(|inner| inner.timeout = timeout)
    }

    /// The same client with an OAuth access token (see [`ClientBuilder::access_token`]): access
    /// tokens expire, so a long-running program swaps in a fresh one this way.
    pub fn with_access_token(&self, token: impl Into<String>) -> Client {
        let bearer = bearer_authorization(&token.into());
        self.with(|inner| inner.bearer = Some(bearer))
    }

    /// The same client with another retry policy ([`RetryPolicy::disabled`] turns retries off).
    pub fn with_retry_policy(&self, policy: RetryPolicy) -> Client {
        self.with(|inner| inner.retry = policy)
    }

    fn with(&self, change: impl FnOnce(&mut Inner)) -> Client {
        let mut inner = (*self.inner).clone();
        change(&mut inner);
        Client { inner: Arc::new(inner) }
    }

    pub(crate) fn config(&self) -> &Inner {
        &self.inner
    }

    /// Scheme and host that requests for `product` go to: the base URL override, else the
    /// product host rewritten for the configured region and edge.
    pub(crate) fn origin(&self, product: &Product) -> String {
        match &self.inner.base_url {
            Some(base) => base.clone(),
            None => format!(
                "https://{}",
                rewrite_host(product.host, self.inner.region.as_deref(), self.inner.edge.as_deref())
            ),
        }
    }

    /// Makes a next-page link absolute and keeps it on the origin the first page came from:
    /// relative links are joined to it; absolute ones must point at the product's host (before
    /// or after region/edge rewriting) or at the configured base URL, and are re-rooted there.
    /// `None` when the link leads elsewhere.
    pub(crate) fn resolve_link(&self, product: &Product, link: &str) -> Option<String> {
        let origin = self.origin(product);
        if link.starts_with('/') {
            return Some(format!("{origin}{link}"));
        }
        let (link_origin, rest) = split_origin(link)?;
        let inner = &self.inner;
        let same = link_origin == origin
            || link_origin.strip_prefix("https://").is_some_and(|host| {
                host == product.host
                    || rewrite_host(host, inner.region.as_deref(), inner.edge.as_deref())
                        == rewrite_host(product.host, inner.region.as_deref(), inner.edge.as_deref())
            });
        same.then(|| format!("{origin}{rest}"))
    }
}

impl ClientBuilder {
    /// Reads credentials from the environment (see [`Client::from_env`]).
    pub fn from_env() -> Result<ClientBuilder, Error> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let account_sid = var("TWILIO_ACCOUNT_SID")
            .ok_or_else(|| Error::Config("environment variable TWILIO_ACCOUNT_SID is not set".to_owned()))?;
        match (var("TWILIO_API_KEY"), var("TWILIO_API_SECRET")) {
            (Some(key), Some(secret)) => Ok(Client::builder_with_api_key(account_sid, key, secret)),
            (Some(_), None) => Err(Error::Config(
                "TWILIO_API_KEY is set but environment variable TWILIO_API_SECRET is not".to_owned(),
            )),
            _ => {
                let token = var("TWILIO_AUTH_TOKEN")
                    .ok_or_else(|| Error::Config("environment variable TWILIO_AUTH_TOKEN is not set".to_owned()))?;
                Ok(Client::builder(account_sid, token))
            }
        }
        .map(|mut builder| {
            builder.region = var("TWILIO_REGION");
            builder.edge = var("TWILIO_EDGE");
            builder
        })
    }

    /// Routes requests to a Twilio region, e.g. `au1` or `ie1` (overrides `TWILIO_REGION`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Routes requests through a Twilio edge location, e.g. `sydney` or `dublin` (overrides
    /// `TWILIO_EDGE`). An edge without a region implies the region `us1`.
    pub fn edge(mut self, edge: impl Into<String>) -> Self {
        self.edge = Some(edge.into());
        self
    }

    /// An OAuth access token for the products that authenticate with one instead of the
    /// Account SID and secret (`preview_iam.organizations`: `Authorization: Bearer <token>`).
    /// Get one from `preview_iam().v1().token().create("client_credentials", client_id)` with
    /// the OAuth app's `client_secret`. Requests to those products fail with [`Error::Config`]
    /// until a token is set; every other product keeps using the Account SID and secret.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(token.into());
        self
    }

    /// Retry policy; see [`RetryPolicy`]. Default: 3 retries, 100 ms base, 3 s cap.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends every request to this origin (e.g. `http://127.0.0.1:4010`) instead of the
    /// product's Twilio host; for tests and proxies. Wins over region and edge.
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
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport(),
        };
        Client {
            inner: Arc::new(Inner {
                account_sid: self.account_sid,
                authorization: basic_authorization(&self.username, &self.secret),
                bearer: self.access_token.as_deref().map(bearer_authorization),
                username: self.username,
                base_url: self.base_url,
                region: self.region,
                edge: self.edge,
                user_agent,
                timeout: self.timeout,
                retry: self.retry,
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
            .field("access_token", &inner.bearer.as_ref().map(|_| "[redacted]"))
            .field("base_url", &inner.base_url)
            .field("region", &inner.region)
            .field("edge", &inner.edge)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("account_sid", &self.account_sid)
            .field("username", &self.username)
            .field("secret", &"[redacted]")
            .field("access_token", &self.access_token.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

fn bearer_authorization(token: &str) -> String {
    format!("Bearer {token}")
}

fn basic_authorization(username: &str, secret: &str) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{secret}"))
    )
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Arc<dyn Transport> {
    Arc::new(super::transport::ReqwestTransport::new())
}

/// Without the `reqwest` feature there is no built-in HTTP stack: every request fails with a
/// transport error telling the user to supply one with [`ClientBuilder::transport`].
#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Arc<dyn Transport> {
    Arc::new(super::transport::MissingTransport)
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
        assert!(
            ua.starts_with(&format!("twilio-rust/{} (", env!("CARGO_PKG_VERSION"))),
            "{ua}"
        );
        assert!(ua.contains(") rust/1."), "{ua}");
        assert!(ua.ends_with(" my-app/2"), "{ua}");
    }
}
