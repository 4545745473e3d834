//! Access tokens for Twilio's client SDKs (feature `access-token`).
