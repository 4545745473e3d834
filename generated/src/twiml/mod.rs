//! TwiML builders (feature `twiml`).
