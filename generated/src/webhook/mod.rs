//! The other half of a Twilio app: requests Twilio sends to you (feature `webhooks`).
//!
//! - [`signature`]: validating `X-Twilio-Signature`, including behind proxies.
//! - [`payload`]: the [`WebhookPayload`] trait and typed payloads generated from
//!   `spec/webhooks/`.

#[cfg(feature = "axum")]
pub mod axum;
pub mod payload;
pub mod signature;

pub use crate::generated::webhook_payloads::*;
pub use payload::{PayloadError, WebhookPayload};
