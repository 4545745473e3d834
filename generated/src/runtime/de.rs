//! Pieces the generated `Deserialize` impls of response models share.
//!
//! A model implements [`Object`]: one `match` from wire key to field, nothing else. The visitor,
//! the key reading and the required-field bookkeeping are here, written once: a fraction of the
//! code `#[derive(Deserialize)]` emits per model (no field enum, no `visit_seq`), which keeps
//! the generated crate quick to type-check.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::types::dates;

/// A response model that generated code fills one field at a time.
#[doc(hidden)]
pub trait Object: Default {
    /// What "invalid type" errors say was expected, e.g. `a Message object`.
    const EXPECTING: &'static str;
    /// Wire names of the fields that must be present (`nullable: false`); at most 64.
    const REQUIRED: &'static [&'static str] = &[];

    /// Reads the value under `key` into its field, or skips it when the model does not know the
    /// key (Twilio adds fields over time).
    fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;
}

/// `Deserialize::deserialize` of every generated model.
#[doc(hidden)]
#[inline]
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen: u64 = 0;
        while let Some(Key(key)) = map.next_key()? {
            if let Some(i) = T::REQUIRED.iter().position(|name| *name == key) {
                seen |= 1 << i;
            }
            value.read_field(&key, &mut map)?;
        }
        match T::REQUIRED.iter().enumerate().find(|(i, _)| seen & (1 << i) == 0) {
            Some((_, name)) => Err(A::Error::missing_field(name)),
            None => Ok(value),
        }
    }
}

/// An object key, borrowed from the input unless it had to be unescaped.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Skips the value of a key the model does not know.
#[doc(hidden)]
#[inline]
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// The value of a required date field: `null` and `""` are refused like a missing field.
#[doc(hidden)]
#[inline]
pub fn present<T, E: serde::de::Error>(value: Option<T>, name: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(name))
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

    #[derive(Default, Debug)]
    struct Thing {
        sid: Option<String>,
        count: i64,
    }

    impl Object for Thing {
        const EXPECTING: &'static str = "a Thing object";
        const REQUIRED: &'static [&'static str] = &["count"];

        fn read_field<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
            match key {
                "sid" => self.sid = map.next_value()?,
                "count" => self.count = map.next_value()?,
                _ => skip_value(map)?,
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Thing {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_object(deserializer)
        }
    }

    #[test]
    fn objects_read_borrowed_escaped_and_unknown_keys() {
        let thing: Thing = serde_json::from_str(r#"{"s\u0069d": "XY1", "new": [1, {}], "count": 3}"#).unwrap();
        assert_eq!((thing.sid.as_deref(), thing.count), (Some("XY1"), 3));
        let owned: Thing = serde_json::from_reader(&br#"{"sid": null, "count": 0}"#[..]).unwrap();
        assert_eq!(owned.sid, None);
    }

    #[test]
    fn required_fields_must_be_present() {
        let err = serde_json::from_str::<Thing>(r#"{"sid": "XY1"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `count`"), "{err}");
        let err = serde_json::from_str::<Thing>("[1]").unwrap_err();
        assert!(err.to_string().contains("a Thing object"), "{err}");
    }
}
