//! `X-Twilio-Webhooks-Signature-Settings`: which algorithm, and which shared key, signed a
//! webhook.
//!
//! Webhooks signed with the auth token carry no such header and use HMAC-SHA1. Webhooks signed
//! with a shared key carry `key=<shared key id>,algorithm=HMAC_SHA256`. A missing or empty
//! header, or one without `algorithm=`, means HMAC-SHA1, as in the official helper libraries.

use std::fmt;

/// The header Twilio adds to webhooks signed with a shared key.
pub const SIGNATURE_SETTINGS_HEADER: &str = "X-Twilio-Webhooks-Signature-Settings";

/// The HMAC that produced `X-Twilio-Signature`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// `HMAC_SHA1`: webhooks signed with the auth token (the default).
    #[default]
    HmacSha1,
    /// `HMAC_SHA256`: webhooks signed with a shared key.
    HmacSha256,
}

impl Algorithm {
    /// The name the header uses: `HMAC_SHA1` or `HMAC_SHA256`.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::HmacSha1 => "HMAC_SHA1",
            Algorithm::HmacSha256 => "HMAC_SHA256",
        }
    }

    /// The algorithm of a header name, in any letter case.
    fn from_name(name: &str) -> Option<Self> {
        [Algorithm::HmacSha1, Algorithm::HmacSha256]
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a request says it was signed, read from `X-Twilio-Webhooks-Signature-Settings`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignatureSettings {
    algorithm: Algorithm,
    key_id: Option<String>,
}

impl SignatureSettings {
    /// Reads the header's value (`None` when the request has no such header).
    ///
    /// The value is a comma-separated list of `name=value` entries; `algorithm` picks the HMAC
    /// and `key` names the shared key. Entries with other names are ignored. An algorithm this
    /// crate does not know is refused, with its name, rather than treated as HMAC-SHA1.
    ///
    /// ```
    /// use twilio::webhook::signature::{Algorithm, SignatureSettings};
    ///
    /// let settings = SignatureSettings::from_header(Some("key=KEY123,algorithm=HMAC_SHA256"))?;
    /// assert_eq!(settings.algorithm(), Algorithm::HmacSha256);
    /// assert_eq!(settings.key_id(), Some("KEY123"));
    /// assert_eq!(SignatureSettings::from_header(None)?.algorithm(), Algorithm::HmacSha1);
    /// assert!(SignatureSettings::from_header(Some("algorithm=HMAC_MD5")).is_err());
    /// # Ok::<(), twilio::webhook::signature::UnsupportedAlgorithm>(())
    /// ```
    pub fn from_header(value: Option<&str>) -> Result<Self, UnsupportedAlgorithm> {
        let mut settings = SignatureSettings::default();
        for entry in value.unwrap_or_default().split(',') {
            let Some((name, value)) = entry.split_once('=') else {
                continue;
            };
            let value = value.trim();
            match name.trim() {
                "algorithm" if !value.is_empty() => {
                    settings.algorithm = Algorithm::from_name(value).ok_or_else(|| UnsupportedAlgorithm::new(value))?;
                }
                // The id is the sender's text and ends up in error messages: kept bounded (a
                // longer one names no configured key, so every secret is tried).
                "key" if !value.is_empty() => settings.key_id = Some(value.chars().take(MAX_KEY_ID).collect()),
                _ => {}
            }
        }
        Ok(settings)
    }

    /// Settings for a request signed with `algorithm`, by the shared key `key_id` if given.
    pub fn new(algorithm: Algorithm, key_id: Option<&str>) -> Self {
        Self {
            algorithm,
            key_id: key_id.map(str::to_owned),
        }
    }

    /// The HMAC that signed the request.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The id of the shared key that signed the request, when the header names one.
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }
}

/// `X-Twilio-Webhooks-Signature-Settings` names an algorithm this crate does not implement (a
/// newer one than it knows, or a forgery): the request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedAlgorithm {
    /// The name received, escaped and shortened.
    name: String,
}

/// The most characters of a received algorithm name that are shown.
const MAX_SHOWN: usize = 40;
/// The most characters of a received shared key id that are kept.
const MAX_KEY_ID: usize = 128;

impl UnsupportedAlgorithm {
    fn new(name: &str) -> Self {
        let mut shown: String = name.chars().take(MAX_SHOWN).collect();
        if name.chars().nth(MAX_SHOWN).is_some() {
            shown.push('…');
        }
        Self {
            name: shown.escape_debug().to_string(),
        }
    }

    /// The algorithm's name as received (escaped, at most 40 characters).
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnsupportedAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{SIGNATURE_SETTINGS_HEADER} names the signature algorithm `{}`, which this version of the \
             crate does not support (it knows {} and {})",
            self.name,
            Algorithm::HmacSha1,
            Algorithm::HmacSha256
        )
    }
}

impl std::error::Error for UnsupportedAlgorithm {}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: Option<&str>) -> (Algorithm, Option<String>) {
        let settings = SignatureSettings::from_header(value).unwrap();
        (settings.algorithm(), settings.key_id().map(str::to_owned))
    }

    #[test]
    fn reads_the_header_like_the_official_helpers() {
        // The cases twilio-python 9.13's `get_signature_algorithm` distinguishes.
        assert_eq!(read(None), (Algorithm::HmacSha1, None));
        assert_eq!(read(Some("")), (Algorithm::HmacSha1, None));
        assert_eq!(read(Some("key=abc")), (Algorithm::HmacSha1, Some("abc".into())));
        assert_eq!(read(Some("algorithm=")), (Algorithm::HmacSha1, None));
        assert_eq!(
            read(Some("key=abc,algorithm=HMAC_SHA256")),
            (Algorithm::HmacSha256, Some("abc".into()))
        );
        assert_eq!(
            read(Some(" algorithm = hmac_sha256 ,key=x")),
            (Algorithm::HmacSha256, Some("x".into()))
        );
        assert_eq!(
            read(Some("algorithm=HMAC_SHA1,other=1,junk")),
            (Algorithm::HmacSha1, None)
        );
    }

    #[test]
    fn an_unknown_algorithm_is_refused_by_name() {
        let error = SignatureSettings::from_header(Some("key=k,algorithm=HMAC_SHA512")).unwrap_err();
        assert_eq!(error.name(), "HMAC_SHA512");
        assert!(error.to_string().contains("`HMAC_SHA512`"), "{error}");
        let long = format!("algorithm={}\n", "X".repeat(100));
        let error = SignatureSettings::from_header(Some(&long)).unwrap_err();
        assert_eq!(error.name(), format!("{}…", "X".repeat(40)));
        let long_key = format!("key={}", "k".repeat(1000));
        let settings = SignatureSettings::from_header(Some(&long_key)).unwrap();
        assert_eq!(settings.key_id().map(str::len), Some(128));
    }
}
