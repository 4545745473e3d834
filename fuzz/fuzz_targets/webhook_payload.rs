//! Every typed webhook payload (`build.rs` lists them from `spec/webhooks/`) on arbitrary
//! parameter lists, whose names are mostly the wire names the payloads know (numbered ones with
//! any number) so that the typed readers are reached. Never a panic; an error is a
//! `PayloadError` naming a parameter that was sent, with the value sent (redacted exactly for
//! sensitive parameters); on success every parameter the payload does not know is in `extra`
//! with its last value.

#![no_main]

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use twilio::webhook::{PayloadError, WebhookPayload};

include!(concat!(env!("OUT_DIR"), "/webhook_payloads.rs"));

/// What `build.rs` knows of one payload type.
struct Payload {
    name: &'static str,
    /// Wire names read as they are.
    exact: &'static [&'static str],
    /// `(prefix, suffix)` of each numbered parameter (`MediaUrl{N}`).
    numbered: &'static [(&'static str, &'static str)],
    /// Wire names (`{N}` included) whose values must never show in errors.
    sensitive: &'static [&'static str],
}

#[derive(Debug, Arbitrary)]
struct Input {
    payload: u8,
    params: Vec<(Name, String)>,
}

#[derive(Debug, Arbitrary)]
enum Name {
    /// A wire name some payload knows, `{N}` replaced by the number.
    Known(u16, u32),
    /// A known name with text around it (`MediaUrl01`, `NumMediax`).
    Near(u16, String, String),
    Raw(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Known(i, n) => known(*i).replace("{N}", &n.to_string()),
            Name::Near(i, before, after) => format!("{before}{}{after}", known(*i).replace("{N}", "")),
            Name::Raw(name) => name.clone(),
        }
    }
}

fn known(i: u16) -> &'static str {
    WIRE_NAMES[usize::from(i) % WIRE_NAMES.len()]
}

fuzz_target!(|input: Input| {
    let payload = &PAYLOADS[usize::from(input.payload) % PAYLOADS.len()];
    let params: Vec<(String, String)> = input.params.iter().map(|(n, v)| (n.text(), v.clone())).collect();
    match parse(input.payload, params.clone()) {
        Ok(extra) => check_extra(payload, &params, &extra),
        Err(error) => check_error(payload, &params, &error),
    }
});

fn check_error(payload: &Payload, params: &[(String, String)], error: &PayloadError) {
    let name = payload.name;
    assert!(!error.expected.is_empty(), "{name}: {error:?}");
    let sent: Vec<&str> = params
        .iter()
        .filter(|(k, _)| *k == error.param)
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(
        !sent.is_empty(),
        "{name}: the error names a parameter never sent: {error:?}"
    );
    if is_sensitive(payload, &error.param) {
        assert_eq!(error.value, "[redacted]", "{name}: a sensitive value is in the error");
    } else {
        assert!(
            sent.contains(&error.value.as_str()),
            "{name}: the error shows a value never sent: {error:?}"
        );
    }
}

fn check_extra(payload: &Payload, params: &[(String, String)], extra: &BTreeMap<String, String>) {
    let mut unknown: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, value) in params {
        if !knows(payload, key) {
            unknown.insert(key, value);
        }
    }
    let extra: BTreeMap<&str, &str> = extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        extra, unknown,
        "{}: `extra` is not the unknown parameters",
        payload.name
    );
}

fn knows(payload: &Payload, key: &str) -> bool {
    payload.exact.contains(&key)
        || payload
            .numbered
            .iter()
            .any(|(prefix, suffix)| index(key, prefix, suffix))
}

fn is_sensitive(payload: &Payload, key: &str) -> bool {
    payload.sensitive.iter().any(|wire| match wire.split_once("{N}") {
        Some((prefix, suffix)) => index(key, prefix, suffix),
        None => *wire == key,
    })
}

/// `{prefix}{N}{suffix}` with `N` a `u32` in decimal without leading zeros, as the webhook docs
/// promise.
fn index(key: &str, prefix: &str, suffix: &str) -> bool {
    key.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .is_some_and(|digits| {
            !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'))
                && digits.parse::<u32>().is_ok()
        })
}
