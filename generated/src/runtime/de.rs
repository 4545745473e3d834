//! Pieces the generated `Deserialize` impls of response models share.
//!
//! Models deserialize through one `visit_map` that matches field indexes: a fraction of the code
//! `#[derive(Deserialize)]` emits (no field enum, no `visit_seq`), which keeps the generated
//! crate quick to type-check. The helpers here are compiled once.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{DeserializeSeed, Deserializer, Visitor};
use serde::Deserialize;

use super::types::dates;

/// Reads an object key as the index of a known field, or `usize::MAX` for a key the model does
/// not know (Twilio adds fields; they are skipped). Borrowed keys are not copied.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

/// Index returned for keys the model does not know.
#[doc(hidden)]
pub const UNKNOWN_FIELD: usize = usize::MAX;

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|name| *name == key).unwrap_or(UNKNOWN_FIELD))
    }
    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(self
            .0
            .iter()
            .position(|name| name.as_bytes() == key)
            .unwrap_or(UNKNOWN_FIELD))
    }
}

macro_rules! date_wrapper {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $parse:path) => {
        $(#[$doc])*
        #[doc(hidden)]
        pub struct $name(pub Option<$ty>);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $parse(deserializer).map($name)
            }
        }
    };
}

date_wrapper!(
    /// An RFC 2822 date-time (API v2010); `null` and `""` read as `None`.
    Rfc2822,
    DateTime<Utc>,
    dates::rfc2822
);
date_wrapper!(
    /// An ISO 8601 date-time; `null` and `""` read as `None`.
    Iso8601,
    DateTime<Utc>,
    dates::iso8601
);
date_wrapper!(
    /// A `YYYY-MM-DD` date; `null` and `""` read as `None`.
    Date,
    NaiveDate,
    dates::date
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_indexes_come_from_borrowed_and_owned_keys() {
        let fields = FieldIndex(&["sid", "status"]);
        let mut de = serde_json::Deserializer::from_str(r#""status""#);
        assert_eq!(fields.deserialize(&mut de).unwrap(), 1);
        let mut de = serde_json::Deserializer::from_str(r#""st\u0061tus""#);
        assert_eq!(
            fields.deserialize(&mut de).unwrap(),
            1,
            "escaped keys are decoded first"
        );
        let mut de = serde_json::Deserializer::from_str(r#""new_field""#);
        assert_eq!(fields.deserialize(&mut de).unwrap(), UNKNOWN_FIELD);
    }
}
