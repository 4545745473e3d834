//! Signature validation and public-URL rebuilding on arbitrary requests: never a panic, a
//! signature the fuzzer made up is never accepted, and one computed for the request always is.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use twilio::webhook::signature::{
    compute_signature_with, Algorithm, PublicUrl, RequestUrlParts, RequestValidator, SignatureSettings,
};

const AUTH_TOKEN: &str = "fuzz-auth-token";
const SHARED_SECRET: &str = "fuzz-shared-secret";

#[derive(Debug, Arbitrary)]
struct Input {
    url: String,
    params: Vec<(String, String)>,
    signature: String,
    settings: Option<String>,
    sign_it: bool,
    host: Option<String>,
    path_and_query: String,
    forwarded: (Option<String>, Option<String>, Option<String>),
    body: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let validator = RequestValidator::new(AUTH_TOKEN).with_shared_key("KEY1", SHARED_SECRET);

    // Whatever the header says, reading it never panics.
    let settings = match SignatureSettings::from_header(input.settings.as_deref()) {
        Ok(settings) => settings,
        Err(_) => SignatureSettings::default(),
    };
    let secret = match (settings.algorithm(), settings.key_id()) {
        (Algorithm::HmacSha256, Some("KEY1")) => SHARED_SECRET,
        _ => AUTH_TOKEN,
    };
    if input.sign_it {
        // A signature computed for exactly this URL and these parameters is accepted whenever
        // the URL is one a signature can be checked for.
        let signature = compute_signature_with(settings.algorithm(), secret, &input.url, &input.params);
        if let Err(error) = validator.validate_with(&settings, &input.url, &input.params, &signature) {
            assert!(
                !matches!(error.kind(), twilio::webhook::signature::SignatureErrorKind::Mismatch),
                "a correct signature was refused: {error}"
            );
        }
    } else {
        // The fuzzer cannot compute an HMAC, so a signature it made up that passes is a forgery
        // the validator let through (an empty one, a prefix, another algorithm's).
        let accepted = validator.validate_with(&settings, &input.url, &input.params, &input.signature);
        assert!(accepted.is_err(), "a made-up signature was accepted: {input:?}");
        let json = validator.validate_json_with(&settings, &input.url, &input.body, &input.signature);
        assert!(
            json.is_err(),
            "a made-up signature was accepted for a JSON body: {input:?}"
        );
    }

    // Rebuilding the public URL from arbitrary request pieces never panics, under each policy.
    let parts = RequestUrlParts {
        scheme: None,
        host: input.host.as_deref(),
        path_and_query: &input.path_and_query,
        forwarded_proto: input.forwarded.0.as_deref(),
        forwarded_host: input.forwarded.1.as_deref(),
        forwarded_port: input.forwarded.2.as_deref(),
    };
    let _ = PublicUrl::from_request().rebuild(&parts);
    let _ = PublicUrl::trust_forwarded_headers().rebuild(&parts);
    if let Ok(base) = PublicUrl::base_url(&input.url) {
        let _ = base.rebuild(&parts);
    }
});
