//! Typed webhook payloads.
//!
//! The payload types ([`IncomingMessage`](crate::webhook::IncomingMessage),
//! [`CallStatusCallback`](crate::webhook::CallStatusCallback), …) are generated from
//! `spec/webhooks/` and re-exported from [`crate::webhook`]. All of them read the decoded form
//! (or query) parameters the same way:
//!
//! - every field is an `Option` (or a `Vec`), and an empty value reads as absent;
//! - a parameter the type does not know goes into its `extra` map (the last value wins when a
//!   name repeats), so a new Twilio parameter never breaks parsing;
//! - a known parameter whose value does not fit its type (`NumMedia=abc`) is a [`PayloadError`]
//!   naming the parameter; an enum value this crate does not know becomes the enum's `Other`;
//! - numbered parameters (`MediaUrl0`, `MediaContentType0`, `MediaUrl1`, …) are collected into
//!   one list of small structs, ordered by their number;
//! - date-times are read in both forms Twilio uses, RFC 2822 (`Tue, 10 Aug 2021 17:38:48 +0000`,
//!   status callbacks) and ISO 8601 (`2021-08-10T17:38:48Z`).
//!
//! Validate the request's signature (see [`signature`](crate::webhook::signature)) with the
//! parameters exactly as received, before parsing them into a payload.
//!
//! ```
//! use twilio::webhook::{IncomingMessage, WebhookPayload};
//!
//! let params = vec![
//!     ("MessageSid".to_owned(), "MM0123456789abcdef0123456789abcdef".to_owned()),
//!     ("NumMedia".to_owned(), "1".to_owned()),
//!     ("MediaUrl0".to_owned(), "https://api.twilio.com/media/1".to_owned()),
//!     ("MediaContentType0".to_owned(), "image/jpeg".to_owned()),
//! ];
//! let message = IncomingMessage::from_params(params).unwrap();
//! assert_eq!(message.num_media, Some(1));
//! assert_eq!(message.media[0].content_type.as_deref(), Some("image/jpeg"));
//! ```

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
    /// The value received (`[redacted]` for sensitive parameters).
    pub value: String,
    /// What was expected.
    pub expected: &'static str,
}

impl PayloadError {
    /// The same error without the received value, for parameters that must not be logged.
    pub fn redacted(mut self) -> Self {
        self.value = "[redacted]".to_owned();
        self
    }
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

/// Value readers used by the generated payload types; not part of the public API.
///
/// Each takes the parameter's name (for errors) and its value, and returns `None` for an empty
/// value. Surrounding white space is ignored for typed values, never for text.
#[doc(hidden)]
pub mod parse {
    use std::collections::BTreeMap;

    use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

    use super::PayloadError;
    use crate::{Decimal, HttpMethod};

    fn fail(param: &str, value: String, expected: &'static str) -> PayloadError {
        PayloadError {
            param: param.to_owned(),
            value,
            expected,
        }
    }

    /// Runs `read` on the trimmed value unless it is empty.
    fn typed<T>(
        param: &str,
        value: String,
        expected: &'static str,
        read: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>, PayloadError> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Ok(None);
        }
        match read(trimmed) {
            Some(v) => Ok(Some(v)),
            None => Err(fail(param, value, expected)),
        }
    }

    /// Text as received; `None` when empty.
    pub fn text(value: String) -> Option<String> {
        (!value.is_empty()).then_some(value)
    }

    /// A whole number such as `3` or `-12`.
    pub fn integer(param: &str, value: String) -> Result<Option<i64>, PayloadError> {
        typed(param, value, "an integer", |s| s.parse().ok())
    }

    /// A finite number such as `37.7749`.
    pub fn number(param: &str, value: String) -> Result<Option<f64>, PayloadError> {
        typed(param, value, "a number", |s| {
            s.parse::<f64>().ok().filter(|n| n.is_finite() && is_decimal_text(s))
        })
    }

    /// `true` or `false`, in any letter case.
    pub fn boolean(param: &str, value: String) -> Result<Option<bool>, PayloadError> {
        typed(param, value, "true or false", |s| {
            if s.eq_ignore_ascii_case("true") {
                Some(true)
            } else if s.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        })
    }

    /// A decimal kept as text (prices), checked to be a number.
    pub fn decimal(param: &str, value: String) -> Result<Option<Decimal>, PayloadError> {
        typed(param, value, "a decimal number", |s| {
            (is_decimal_text(s) && s.parse::<f64>().is_ok()).then(|| Decimal::new(s))
        })
    }

    /// Digits with an optional sign, decimal point and exponent (no `inf` or `NaN`).
    fn is_decimal_text(s: &str) -> bool {
        s.bytes().any(|b| b.is_ascii_digit()) && s.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(param: &str, value: String) -> Result<Option<NaiveDate>, PayloadError> {
        typed(param, value, "a date (YYYY-MM-DD)", |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
        })
    }

    /// A date-time in RFC 2822 form (status callbacks) or ISO 8601 form; one without an offset
    /// is taken as UTC.
    pub fn date_time(param: &str, value: String) -> Result<Option<DateTime<Utc>>, PayloadError> {
        typed(param, value, "an RFC 2822 or ISO 8601 date-time", read_date_time)
    }

    fn read_date_time(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc2822(s)
            .or_else(|_| DateTime::parse_from_rfc3339(s))
            .map(|d| d.with_timezone(&Utc))
            .ok()
            .or_else(|| {
                ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                    .iter()
                    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                    .map(|n| n.and_utc())
            })
    }

    /// JSON text such as a message's `Attributes`.
    pub fn json(param: &str, value: String) -> Result<Option<serde_json::Value>, PayloadError> {
        typed(param, value, "JSON", |s| serde_json::from_str(s).ok())
    }

    /// An HTTP method; unknown methods are kept.
    pub fn http_method(value: String) -> Option<HttpMethod> {
        let trimmed = value.trim();
        (!trimmed.is_empty()).then(|| HttpMethod::from_wire(trimmed))
    }

    /// A generated enum; unknown values become its `Other` variant.
    pub fn enumeration<T>(value: String, from_wire: fn(&str) -> T) -> Option<T> {
        (!value.is_empty()).then(|| from_wire(&value))
    }

    /// Adds one occurrence of a repeated parameter.
    pub fn push<T>(list: &mut Vec<T>, item: Option<T>) {
        list.extend(item);
    }

    /// The `N` of a numbered parameter `{prefix}{N}{suffix}` (`MediaUrl2` → 2). `N` is a
    /// decimal number without leading zeros that fits a `u32`; anything else is not a match
    /// (and the parameter lands in `extra`).
    pub fn index(key: &str, prefix: &str, suffix: &str) -> Option<u32> {
        let digits = key.strip_prefix(prefix)?.strip_suffix(suffix)?;
        let canonical = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits.len() == 1 || !digits.starts_with('0'));
        if canonical {
            digits.parse().ok()
        } else {
            None
        }
    }

    /// The items of a numbered group, ordered by `N`; items with no value at all are dropped.
    pub fn items<T: Default + PartialEq>(slots: BTreeMap<u32, T>) -> Vec<T> {
        let empty = T::default();
        slots.into_values().filter(|item| *item != empty).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use super::*;
    use crate::webhook::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn incoming_mms_collects_its_media_in_order() {
        let m = IncomingMessage::from_params(params(&[
            ("ToCountry", "US"),
            ("MediaContentType1", "image/png"),
            ("ToState", "CA"),
            ("SmsMessageSid", "MM0123456789abcdef0123456789abcdef"),
            ("NumMedia", "2"),
            ("ToCity", "SAN FRANCISCO"),
            ("FromZip", "94105"),
            ("SmsSid", "MM0123456789abcdef0123456789abcdef"),
            ("FromState", "CA"),
            ("SmsStatus", "received"),
            ("FromCity", "SAN FRANCISCO"),
            ("Body", "Look at these"),
            ("FromCountry", "US"),
            ("To", "+15017122661"),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("ToZip", "94105"),
            ("NumSegments", "1"),
            ("MessageSid", "MM0123456789abcdef0123456789abcdef"),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("From", "+15558675310"),
            (
                "MediaUrl0",
                "https://api.twilio.com/2010-04-01/Accounts/AC01/Messages/MM01/Media/ME00",
            ),
            (
                "MediaUrl1",
                "https://api.twilio.com/2010-04-01/Accounts/AC01/Messages/MM01/Media/ME01",
            ),
            ("MediaContentType0", "image/jpeg"),
            ("ApiVersion", "2010-04-01"),
        ]))
        .unwrap();
        assert_eq!(m.message_sid.as_deref(), Some("MM0123456789abcdef0123456789abcdef"));
        assert_eq!(m.account_sid.as_deref(), Some("AC0123456789abcdef0123456789abcdef"));
        assert_eq!(m.from.as_deref(), Some("+15558675310"));
        assert_eq!(m.to.as_deref(), Some("+15017122661"));
        assert_eq!(m.body.as_deref(), Some("Look at these"));
        assert_eq!(m.num_media, Some(2));
        assert_eq!(m.num_segments, Some(1));
        assert_eq!(m.sms_status, Some(MessageStatus::Received));
        assert_eq!(m.to_city.as_deref(), Some("SAN FRANCISCO"));
        assert_eq!(m.from_zip.as_deref(), Some("94105"));
        assert_eq!(m.media.len(), 2);
        assert!(m.media[0].url.as_deref().unwrap().ends_with("/ME00"));
        assert_eq!(m.media[0].content_type.as_deref(), Some("image/jpeg"));
        assert!(m.media[1].url.as_deref().unwrap().ends_with("/ME01"));
        assert_eq!(m.media[1].content_type.as_deref(), Some("image/png"));
        #[allow(deprecated)]
        {
            assert_eq!(m.sms_sid, m.message_sid);
        }
        assert!(m.extra.is_empty(), "{:?}", m.extra);
        assert_eq!(m.profile_name, None);
    }

    #[test]
    fn whatsapp_and_location_parameters_are_typed() {
        let m = IncomingMessage::from_params(params(&[
            ("From", "whatsapp:+14155550100"),
            ("ProfileName", "Ada"),
            ("WaId", "14155550100"),
            ("Forwarded", "true"),
            ("FrequentlyForwarded", "False"),
            ("Latitude", "37.7749"),
            ("Longitude", "-122.4194"),
            ("Label", "Twilio HQ"),
            ("NumMedia", "0"),
        ]))
        .unwrap();
        assert_eq!(m.from.as_deref(), Some("whatsapp:+14155550100"));
        assert_eq!(m.forwarded, Some(true));
        assert_eq!(m.frequently_forwarded, Some(false));
        assert_eq!(m.latitude, Some(37.7749));
        assert_eq!(m.longitude, Some(-122.4194));
        assert_eq!(m.label.as_deref(), Some("Twilio HQ"));
        assert!(m.media.is_empty());
    }

    #[test]
    fn unknown_parameters_are_kept_and_the_last_repeat_wins() {
        let m = IncomingMessage::from_params(params(&[
            ("Body", "hi"),
            ("BrandNewParam", "one"),
            ("BrandNewParam", "two"),
            ("MediaUrl01", "not a canonical index"),
            ("MediaUrl", "no index"),
            ("MediaUrlX", "not a number"),
            ("MediaUrl99999999999", "does not fit"),
            ("Body", "hello"),
        ]))
        .unwrap();
        assert_eq!(m.body.as_deref(), Some("hello"));
        assert_eq!(m.extra.get("BrandNewParam").map(String::as_str), Some("two"));
        for key in ["MediaUrl01", "MediaUrl", "MediaUrlX", "MediaUrl99999999999"] {
            assert!(m.extra.contains_key(key), "{key} should be in extra");
        }
        assert!(m.media.is_empty());
    }

    #[test]
    fn empty_values_read_as_absent() {
        let m = IncomingMessage::from_params(params(&[
            ("Body", ""),
            ("NumMedia", ""),
            ("SmsStatus", ""),
            ("Forwarded", "  "),
            ("MediaUrl0", ""),
            ("MediaContentType0", ""),
            ("MediaUrl3", "https://example.com/3"),
        ]))
        .unwrap();
        assert_eq!(m.body, None);
        assert_eq!(m.num_media, None);
        assert_eq!(m.sms_status, None);
        assert_eq!(m.forwarded, None);
        // Index 0 holds nothing and is skipped; index 3 keeps its place in order.
        assert_eq!(m.media.len(), 1);
        assert_eq!(m.media[0].url.as_deref(), Some("https://example.com/3"));
        assert_eq!(m.media[0].content_type, None);
    }

    #[test]
    fn malformed_values_are_errors_naming_the_parameter() {
        let err = IncomingMessage::from_params(params(&[("Body", "x"), ("NumMedia", "abc")])).unwrap_err();
        assert_eq!(
            err,
            PayloadError {
                param: "NumMedia".into(),
                value: "abc".into(),
                expected: "an integer",
            }
        );
        assert_eq!(
            err.to_string(),
            "webhook parameter `NumMedia` = \"abc\" is not an integer"
        );

        let err = IncomingMessage::from_params(params(&[("Forwarded", "yes")])).unwrap_err();
        assert_eq!((err.param.as_str(), err.expected), ("Forwarded", "true or false"));
        let err = IncomingMessage::from_params(params(&[("Latitude", "NaN")])).unwrap_err();
        assert_eq!(err.param, "Latitude");
        let err = CallStatusCallback::from_params(params(&[("Timestamp", "yesterday")])).unwrap_err();
        assert_eq!(err.param, "Timestamp");
        let err = ConversationMessageAdded::from_params(params(&[("Attributes", "{not json")])).unwrap_err();
        assert_eq!((err.param.as_str(), err.expected), ("Attributes", "JSON"));
    }

    #[test]
    fn sensitive_values_stay_out_of_debug_output() {
        let call = IncomingCall::from_params(params(&[("CallToken", "secret-token"), ("CallSid", "CA01")])).unwrap();
        assert_eq!(call.call_token.as_deref(), Some("secret-token"));
        let shown = format!("{call:?}");
        assert!(!shown.contains("secret-token"), "{shown}");
        assert!(shown.contains("CA01"), "{shown}");
        let redacted = PayloadError {
            param: "CallToken".into(),
            value: "secret-token".into(),
            expected: "text",
        }
        .redacted();
        assert!(!redacted.to_string().contains("secret-token"));
    }

    #[test]
    fn message_status_callback_with_an_error_code() {
        let s = MessageStatusCallback::from_params(params(&[
            ("ErrorCode", "30003"),
            ("SmsSid", "SM0123456789abcdef0123456789abcdef"),
            ("SmsStatus", "undelivered"),
            ("MessageStatus", "undelivered"),
            ("To", "+15558675310"),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("From", "+15017122661"),
            ("ApiVersion", "2010-04-01"),
            ("RawDlrDoneDate", "2107131614"),
        ]))
        .unwrap();
        assert_eq!(s.error_code, Some(30003));
        assert_eq!(s.message_status, Some(MessageStatus::Undelivered));
        assert_eq!(s.message_sid.as_deref(), Some("SM0123456789abcdef0123456789abcdef"));
        assert_eq!(s.raw_dlr_done_date.as_deref(), Some("2107131614"));
        assert_eq!(s.api_version.as_deref(), Some("2010-04-01"));
        assert!(s.extra.is_empty(), "{:?}", s.extra);
    }

    #[test]
    fn unknown_enum_values_are_kept_as_other() {
        let s = MessageStatusCallback::from_params(params(&[("MessageStatus", "teleported")])).unwrap();
        assert_eq!(s.message_status, Some(MessageStatus::Other("teleported".into())));
        assert_eq!(s.message_status.unwrap().as_str(), "teleported");
        let c = CallStatusCallback::from_params(params(&[("AnsweredBy", "robot")])).unwrap();
        assert_eq!(c.answered_by, Some(AnsweredBy::Other("robot".into())));
    }

    #[test]
    fn incoming_call() {
        let c = IncomingCall::from_params(params(&[
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("ApiVersion", "2010-04-01"),
            ("CallSid", "CA0123456789abcdef0123456789abcdef"),
            ("CallStatus", "ringing"),
            ("Called", "+15017122661"),
            ("CalledCountry", "US"),
            ("Caller", "+15558675310"),
            ("CallerName", "ADA LOVELACE"),
            ("Direction", "inbound"),
            ("From", "+15558675310"),
            ("FromCity", "SAN FRANCISCO"),
            ("StirVerstat", "TN-Validation-Passed-A"),
            ("To", "+15017122661"),
            ("ToCountry", "US"),
            ("CallbackUrlNobodyKnows", "https://example.com"),
        ]))
        .unwrap();
        assert_eq!(c.call_sid.as_deref(), Some("CA0123456789abcdef0123456789abcdef"));
        assert_eq!(c.call_status, Some(CallStatus::Ringing));
        assert_eq!(c.direction, Some(CallDirection::Inbound));
        assert_eq!(c.caller.as_deref(), Some("+15558675310"));
        assert_eq!(c.called_country.as_deref(), Some("US"));
        assert_eq!(c.caller_name.as_deref(), Some("ADA LOVELACE"));
        assert_eq!(c.stir_verstat.as_deref(), Some("TN-Validation-Passed-A"));
        assert_eq!(c.parent_call_sid, None);
        assert_eq!(c.extra.len(), 1);
        let outbound =
            IncomingCall::from_params(params(&[("Direction", "outbound-dial"), ("From", "client:ada")])).unwrap();
        assert_eq!(outbound.direction, Some(CallDirection::OutboundDial));
        assert_eq!(outbound.from.as_deref(), Some("client:ada"));
    }

    #[test]
    fn call_status_callback_reads_rfc2822_timestamps() {
        let c = CallStatusCallback::from_params(params(&[
            ("CallSid", "CA0123456789abcdef0123456789abcdef"),
            ("CallStatus", "completed"),
            ("CallDuration", "42"),
            ("Timestamp", "Tue, 10 Aug 2021 17:38:48 +0000"),
            ("CallbackSource", "call-progress-events"),
            ("SequenceNumber", "3"),
            ("Direction", "outbound-api"),
            ("AnsweredBy", "machine_end_beep"),
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"),
            ("RecordingDuration", "40"),
            (
                "RecordingUrl",
                "https://api.twilio.com/2010-04-01/Accounts/AC01/Recordings/RE01",
            ),
            ("SipResponseCode", "200"),
        ]))
        .unwrap();
        assert_eq!(c.call_status, Some(CallStatus::Completed));
        assert_eq!(c.call_duration, Some(42));
        assert_eq!(c.timestamp, Some(utc("2021-08-10T17:38:48Z")));
        assert_eq!(c.callback_source.as_deref(), Some("call-progress-events"));
        assert_eq!(c.sequence_number, Some(3));
        assert_eq!(c.direction, Some(CallDirection::OutboundApi));
        assert_eq!(c.answered_by, Some(AnsweredBy::MachineEndBeep));
        assert_eq!(c.recording_duration, Some(40));
        assert_eq!(c.sip_response_code, Some(200));
        assert!(c.extra.is_empty(), "{:?}", c.extra);
    }

    #[test]
    fn recording_status_callback() {
        let r = RecordingStatusCallback::from_params(params(&[
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("CallSid", "CA0123456789abcdef0123456789abcdef"),
            ("RecordingSid", "RE0123456789abcdef0123456789abcdef"),
            (
                "RecordingUrl",
                "https://api.twilio.com/2010-04-01/Accounts/AC01/Recordings/RE01",
            ),
            ("RecordingStatus", "completed"),
            ("RecordingDuration", "17"),
            ("RecordingChannels", "2"),
            ("RecordingStartTime", "Mon, 22 Aug 2011 20:58:45 +0000"),
            ("RecordingSource", "StartCallRecordingAPI"),
            ("RecordingTrack", "both"),
            ("ErrorCode", "0"),
        ]))
        .unwrap();
        assert_eq!(r.recording_status, Some(RecordingStatus::Completed));
        assert_eq!(r.recording_duration, Some(17));
        assert_eq!(r.recording_channels, Some(2));
        assert_eq!(r.recording_start_time, Some(utc("2011-08-22T20:58:45Z")));
        assert_eq!(r.recording_source, Some(RecordingSource::StartCallRecordingApi));
        assert_eq!(r.recording_track, Some(RecordingTrack::Both));
        assert_eq!(r.error_code, Some(0));
        let absent =
            RecordingStatusCallback::from_params(params(&[("RecordingStatus", "absent"), ("ErrorCode", "16101")]))
                .unwrap();
        assert_eq!(absent.recording_status, Some(RecordingStatus::Absent));
        assert_eq!(absent.error_code, Some(16101));
    }

    #[test]
    fn conversation_message_added() {
        let m = ConversationMessageAdded::from_params(params(&[
            ("EventType", "onMessageAdded"),
            ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
            ("ChatServiceSid", "IS0123456789abcdef0123456789abcdef"),
            ("ConversationSid", "CH0123456789abcdef0123456789abcdef"),
            ("MessageSid", "IM0123456789abcdef0123456789abcdef"),
            ("Index", "10"),
            ("Author", "ada"),
            ("ParticipantSid", "MB0123456789abcdef0123456789abcdef"),
            ("Body", "Ahoy"),
            ("Attributes", r#"{"priority": "high"}"#),
            ("DateCreated", "2021-08-10T17:38:48.123Z"),
            ("Source", "SDK"),
            ("ClientIdentity", "ada"),
            ("RetryCount", "0"),
        ]))
        .unwrap();
        assert_eq!(m.event_type.as_deref(), Some("onMessageAdded"));
        assert_eq!(m.index, Some(10));
        assert_eq!(m.attributes, Some(serde_json::json!({"priority": "high"})));
        assert_eq!(m.date_created, Some(utc("2021-08-10T17:38:48.123Z")));
        assert_eq!(m.retry_count, Some(0));
        assert_eq!(m.media, None);
        assert!(m.extra.is_empty(), "{:?}", m.extra);
    }

    #[test]
    fn date_times_in_every_form_twilio_uses() {
        let expected = Some(utc("2021-08-10T17:38:48Z"));
        for text in [
            "Tue, 10 Aug 2021 17:38:48 +0000",
            "Tue, 10 Aug 2021 19:38:48 +0200",
            "2021-08-10T17:38:48Z",
            "2021-08-10T19:38:48+02:00",
            "2021-08-10T17:38:48",
            "2021-08-10 17:38:48",
            " 2021-08-10T17:38:48Z ",
        ] {
            assert_eq!(parse::date_time("T", text.into()).unwrap(), expected, "{text}");
        }
        assert!(parse::date_time("T", "10/08/2021".into()).is_err());
    }

    #[test]
    fn value_readers_accept_and_reject() {
        assert_eq!(parse::integer("N", " 7 ".into()).unwrap(), Some(7));
        assert!(parse::integer("N", "7.5".into()).is_err());
        assert!(parse::integer("N", "99999999999999999999".into()).is_err());
        assert_eq!(
            parse::decimal("P", "-0.0075".into()).unwrap(),
            Some(crate::Decimal::new("-0.0075"))
        );
        assert!(parse::decimal("P", "inf".into()).is_err());
        assert!(parse::decimal("P", "1.2.3".into()).is_err());
        assert!(parse::number("N", "infinity".into()).is_err());
        assert_eq!(parse::boolean("B", "TRUE".into()).unwrap(), Some(true));
        assert_eq!(
            parse::date("D", "2021-08-10".into()).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2021, 8, 10)
        );
        assert!(parse::date("D", "2021-13-10".into()).is_err());
        assert_eq!(parse::http_method("post".into()), Some(crate::HttpMethod::Post));
        assert_eq!(parse::http_method("".into()), None);
        assert_eq!(parse::text(" ".into()).as_deref(), Some(" "));
        let mut list = Vec::new();
        parse::push(&mut list, Some(1));
        parse::push(&mut list, None);
        assert_eq!(list, [1]);
        assert_eq!(parse::index("MediaUrl0", "MediaUrl", ""), Some(0));
        assert_eq!(parse::index("MediaUrl12", "MediaUrl", ""), Some(12));
        assert_eq!(parse::index("Item3Name", "Item", "Name"), Some(3));
        assert_eq!(parse::index("Item3", "Item", "Name"), None);
        assert_eq!(parse::index("MediaUrl007", "MediaUrl", ""), None);
        assert_eq!(parse::index("MediaUrl-1", "MediaUrl", ""), None);
        assert_eq!(parse::index("MediaUrl+1", "MediaUrl", ""), None);
        assert_eq!(parse::index("MediaUrl٣", "MediaUrl", ""), None);
        assert_eq!(parse::index("Media", "MediaUrl", ""), None);
    }

    #[test]
    fn no_input_panics() {
        // Odd keys and values of every kind, for every payload type.
        let odd = [
            "",
            " ",
            "\u{0}",
            "💥",
            "{}",
            "-",
            "1e400",
            "MediaUrl",
            "٣",
            "\u{feff}true",
        ];
        let mut pairs = Vec::new();
        for key in [
            "NumMedia",
            "MediaUrl0",
            "MediaContentType4294967295",
            "MediaUrl4294967296",
            "Timestamp",
            "Attributes",
            "Forwarded",
            "Latitude",
            "SmsStatus",
            "",
        ] {
            for value in odd {
                pairs.push((key.to_owned(), value.to_owned()));
            }
        }
        for pair in pairs {
            let one = vec![pair];
            let _ = IncomingMessage::from_params(one.clone());
            let _ = MessageStatusCallback::from_params(one.clone());
            let _ = IncomingCall::from_params(one.clone());
            let _ = CallStatusCallback::from_params(one.clone());
            let _ = RecordingStatusCallback::from_params(one.clone());
            let _ = ConversationMessageAdded::from_params(one);
        }
        assert!(IncomingMessage::from_params(Vec::new()).unwrap().extra.is_empty());
    }
}
