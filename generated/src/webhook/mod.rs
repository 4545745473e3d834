//! The other half of a Twilio app: requests Twilio sends to you (feature `webhooks`).
//!
//! - [`signature`]: validating `X-Twilio-Signature`, including behind proxies.
//! - [`payload`]: the [`WebhookPayload`] trait and typed payloads generated from
//!   `spec/webhooks/`.

pub mod payload;
pub mod signature;

pub use payload::{PayloadError, WebhookPayload};
