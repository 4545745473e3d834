//! Typed async client for Twilio's REST APIs.
//!
//! ```no_run
//! # async fn run() -> Result<(), twilio::Error> {
//! let client = twilio::Client::from_env()?;
//! let message = client
//!     .api()
//!     .v2010()
//!     .messages()
//!     .create("+15558675310")
//!     .from("+15017122661")
//!     .body("This is the ship that made the Kessel Run in fourteen parsecs?")
//!     .await?;
//! println!("{:?}", message.sid);
//! # Ok(()) }
//! ```
//!
//! Each product version is a module (`twilio::api::v2010`, `twilio::verify::v2`, …) behind a
//! cargo feature of the same name (`api-v2010`, `verify-v2`, …); `full` enables all of them.
//!
//! The crate is split in two: [`runtime`] is written by hand (client, errors, encoding, paging),
//! every product module is generated from `spec/` by `cargo xtask codegen` and never edited.
//!
//! # Configuring the client
//!
//! - **Credentials**: [`Client::new`] (Account SID + auth token), [`Client::builder_with_api_key`]
//!   (API key + secret acting on an account), [`Client::from_env`] (`TWILIO_ACCOUNT_SID` with
//!   `TWILIO_AUTH_TOKEN` or `TWILIO_API_KEY` + `TWILIO_API_SECRET`). [`Client::account`] scopes
//!   every `/Accounts/{AccountSid}/` path to a subaccount. Secrets never appear in `Debug`,
//!   `Display`, errors or traces.
//! - **Regions and edges**: [`ClientBuilder::region`] and [`ClientBuilder::edge`] (or
//!   `TWILIO_REGION` / `TWILIO_EDGE`) route to `{product}.{edge}.{region}.twilio.com`, for every
//!   request and followed link; [`ClientBuilder::base_url`] overrides both.
//! - **Timeouts**: 30 s per request by default ([`ClientBuilder::timeout`]);
//!   [`Client::with_timeout`] gives a view with another timeout for chosen calls. Dropping a
//!   future cancels its request.
//! - **Retries**: [`RetryPolicy`] — 429 always, 503 and broken connections for GET/DELETE,
//!   full-jitter back-off, `Retry-After` honoured; a POST is never repeated after it may have
//!   reached Twilio.
//! - **Transport**: generated code talks to [`runtime::transport::Transport`]; the reqwest
//!   implementation is the default feature `reqwest`, [`ClientBuilder::transport`] replaces it.
//! - **Tracing**: one `twilio.request` span per attempt (product, operation, method, path
//!   template, attempt, status, `Twilio-Request-Id`); no bodies, queries or credentials.
//! - **Metadata**: `send_with_metadata()` returns a [`Response`] with status, headers and
//!   [`Response::request_id`].
//! - **Errors**: [`Error::status`], [`Error::code`], [`Error::is_not_found`],
//!   [`Error::is_retryable`].
#![warn(missing_docs)]

pub mod runtime;

#[cfg(feature = "access-token")]
pub mod access_token;
#[cfg(feature = "twiml")]
pub mod twiml;
#[cfg(feature = "webhooks")]
pub mod webhook;

#[cfg(test)]
mod fixture_tests;

#[rustfmt::skip]
mod generated;
#[allow(unused_imports)]
pub use generated::*;

pub use runtime::builder::{Endpoint, Outcome, RequestBuilder};
pub use runtime::client::{Client, ClientBuilder, ResponseFuture, DEFAULT_TIMEOUT};
pub use runtime::error::{ApiError, DecodeError, Error, TransportError, TransportErrorKind};
pub use runtime::paging::{Page, RecordStream};
pub use runtime::retry::RetryPolicy;
pub use runtime::send::Response;
pub use runtime::types::{Decimal, HttpMethod};

/// The date and time types used in requests and responses.
pub use chrono;

/// Items generated code relies on; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::runtime::de::{
        deserialize_object, skip_value, Date, Integer, Iso8601, Number, Object, RequiredDate, RequiredIso8601,
        RequiredRfc2822, Rfc2822, Slot, StringMap, Text,
    };
    pub use crate::runtime::json_input::JsonObject;
    pub use crate::runtime::params::{Params, SetParams};
    pub use crate::runtime::request::{Group, In, Method, Operation, Paging, Product, Request, Scalar};
    pub use crate::runtime::types::deserialize_enum;
}
