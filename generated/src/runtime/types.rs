//! Value types shared by every product: decimals, HTTP methods, dates, tolerant enums.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{Deserializer, Error as _, Visitor};
use serde::Deserialize;

/// A decimal number kept exactly as Twilio wrote it (prices such as `"-0.00750"`).
///
/// Twilio sends money as text; converting to `f64` would lose digits, so the text is kept and
/// [`Decimal::to_f64`] is there when an approximation is enough.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Wraps a decimal written as text, e.g. `"0.0075"`.
    pub fn new(text: impl Into<String>) -> Self {
        Decimal(text.into())
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a float, if the text is a number.
    pub fn to_f64(&self) -> Option<f64> {
        self.0.trim().parse().ok()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Some endpoints send prices as JSON numbers, most as strings.
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => Ok(Decimal(s)),
            serde_json::Value::Number(n) => Ok(Decimal(n.to_string())),
            other => Err(D::Error::custom(format!("expected a decimal, found {other}"))),
        }
    }
}

/// The HTTP method Twilio should use for a callback URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// A method this version of the crate does not know.
    Other(String),
}

impl HttpMethod {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Other(s) => s,
        }
    }

    #[doc(hidden)]
    pub fn from_wire(value: &str) -> Self {
        match value.to_ascii_uppercase().as_str() {
            "GET" => HttpMethod::Get,
            "POST" => HttpMethod::Post,
            _ => HttpMethod::Other(value.to_owned()),
        }
    }
}
crate::impl_wire_enum!(HttpMethod);

/// Implements text conversions, serde and request encoding for a generated enum. Given the
/// table `Variant: "wire value"`, it also writes `as_str` and `from_wire` (every enum has an
/// `Other(String)` variant for values added later, or the one named after `else`); without it,
/// the enum has both already.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_wire_enum {
    ($name:ident { $($variant:ident: $wire:literal),* $(,)? }) => {
        $crate::impl_wire_enum!($name { $($variant: $wire),* } else Other);
    };
    ($name:ident { $($variant:ident: $wire:literal),* $(,)? } else $fallback:ident) => {
        impl $name {
            /// The value exactly as Twilio spells it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(value) => value,
                }
            }

            #[doc(hidden)]
            #[inline]
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(other.to_owned()),
                }
            }
        }
        $crate::impl_wire_enum!($name);
    };
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from_wire(s))
            }
        }
        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::from_wire(s)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_enum(d, Self::from_wire)
            }
        }
        impl $crate::__private::Scalar for $name {
            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

/// Shared body of every enum's `Deserialize`, kept out of the macro so it is compiled once.
#[doc(hidden)]
pub fn deserialize_enum<'de, D: Deserializer<'de>, T>(d: D, from_wire: fn(&str) -> T) -> Result<T, D::Error> {
    struct V<T>(fn(&str) -> T);
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
    }
    d.deserialize_str(V(from_wire))
}

/// Response date parsers, selected per product by the generator (`dates:` in the spec).
#[doc(hidden)]
pub mod dates {
    use super::*;

    fn parse_rfc2822(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc2822(s).ok().map(|d| d.with_timezone(&Utc))
    }

    fn parse_iso8601(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.with_timezone(&Utc))
            // Be lenient: some endpoints omit the offset, which means UTC.
            .or_else(|| s.parse::<chrono::NaiveDateTime>().ok().map(|n| n.and_utc()))
    }

    fn parse_date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// Reads an optional text value; `null` and `""` both mean absent.
    fn optional<'de, D: Deserializer<'de>, T>(
        d: D,
        what: &str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<T>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.is_empty() => Ok(None),
            Some(s) => parse(&s)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("invalid {what}: {s:?}"))),
        }
    }

    /// Optional RFC 2822 date-time (API v2010).
    pub fn rfc2822<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        optional(d, "RFC 2822 date-time", parse_rfc2822)
    }
    /// Optional ISO 8601 date-time.
    pub fn iso8601<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        optional(d, "ISO 8601 date-time", parse_iso8601)
    }
    /// Optional `YYYY-MM-DD` date.
    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        optional(d, "date", parse_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Dates {
        #[serde(default, deserialize_with = "dates::rfc2822")]
        a: Option<DateTime<Utc>>,
        #[serde(default, deserialize_with = "dates::iso8601")]
        b: Option<DateTime<Utc>>,
        #[serde(default, deserialize_with = "dates::iso8601")]
        c: Option<DateTime<Utc>>,
    }

    #[test]
    fn both_date_styles_parse_to_the_same_instant() {
        let d: Dates =
            serde_json::from_str(r#"{"a": "Thu, 30 Jul 2015 20:00:00 +0000", "b": "2015-07-30T20:00:00Z", "c": null}"#)
                .unwrap();
        assert_eq!(d.a, d.b);
        assert!(d.a.is_some());
        assert!(d.c.is_none());
    }

    #[test]
    fn bad_dates_are_errors_not_silence() {
        let err = serde_json::from_str::<Dates>(r#"{"a": "yesterday"}"#).err().unwrap();
        assert!(err.to_string().contains("invalid RFC 2822 date-time"), "{err}");
    }

    #[test]
    fn decimals_accept_text_and_numbers() {
        let d: Vec<Decimal> = serde_json::from_str(r#"["-0.00750", 1.5]"#).unwrap();
        assert_eq!(d[0].as_str(), "-0.00750");
        assert_eq!(d[1].to_f64(), Some(1.5));
    }

    #[test]
    fn http_methods_keep_unknown_values() {
        let m: Vec<HttpMethod> = serde_json::from_str(r#"["GET", "post", "PURGE"]"#).unwrap();
        assert_eq!(
            m,
            [HttpMethod::Get, HttpMethod::Post, HttpMethod::Other("PURGE".into())]
        );
    }
}
