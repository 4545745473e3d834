//! Typed webhook payloads.

use std::fmt;

/// A webhook payload parsed from the form (or query) parameters Twilio sent.
///
/// Parsing never fails because of a parameter the type does not know: those are kept in the
/// payload's `extra` map. It fails only when a known parameter has a value of the wrong shape.
pub trait WebhookPayload: Sized {
    /// Parses decoded parameters, in the order they were received.
    fn from_params(params: Vec<(String, String)>) -> Result<Self, PayloadError>;
}

/// A webhook parameter whose value does not fit its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    /// The parameter, as Twilio spells it.
    pub param: String,
    /// The value received.
    pub value: String,
    /// What was expected.
    pub expected: &'static str,
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "webhook parameter `{}` = {:?} is not {}",
            self.param, self.value, self.expected
        )
    }
}

impl std::error::Error for PayloadError {}
