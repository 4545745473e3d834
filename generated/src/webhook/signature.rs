//! Validating `X-Twilio-Signature`.
