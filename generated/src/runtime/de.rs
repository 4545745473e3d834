//! Pieces the generated `Deserialize` impls of response models share.
//!
//! A model implements [`Object`]: one `match` from wire key to the field's [`Slot`], nothing
//! else, and not generic. The visitor, the key reading, the reading of each kind of value and the
//! required-field bookkeeping are here, written once: a fraction of the code
//! `#[derive(Deserialize)]` emits per model (no field enum, no `visit_seq`, no generic function
//! per model), which keeps the generated crate quick to type-check. Fields of other types
//! (booleans, enums, lists, nested objects) are read through a `serde_json::Value`.

use std::borrow::Cow;
use std::collections::BTreeMap;
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

    /// Where the value under `key` goes: [`Slot::Skip`] when the model does not know the key
    /// (Twilio adds fields over time). Not generic, so each model's `match` is type-checked
    /// once, cheaply; the reading itself is [`Slot::read`], written once.
    fn slot(&mut self, key: &str) -> Slot<'_>;
}

/// The field one JSON value is read into, and how it is read.
#[doc(hidden)]
pub enum Slot<'a> {
    Text(&'a mut Option<String>),
    Integer(&'a mut Option<i64>),
    Number(&'a mut Option<f64>),
    Rfc2822(&'a mut Option<DateTime<Utc>>),
    Iso8601(&'a mut Option<DateTime<Utc>>),
    Date(&'a mut Option<NaiveDate>),
    RequiredRfc2822(&'a mut DateTime<Utc>),
    RequiredIso8601(&'a mut DateTime<Utc>),
    RequiredDate(&'a mut NaiveDate),
    StringMap(&'a mut Option<BTreeMap<String, String>>),
    /// Any other field (booleans, enums, lists, nested objects, free-form JSON), read through
    /// its own `Deserialize`.
    Value(&'a mut dyn ReadValue),
    Skip,
}

impl Slot<'_> {
    /// Reads the map's next value into the field.
    #[inline]
    pub fn read<'de, A: MapAccess<'de>>(self, map: &mut A) -> Result<(), A::Error> {
        match self {
            Slot::Text(field) => *field = map.next_value::<Text>()?.0,
            Slot::Integer(field) => *field = map.next_value::<Integer>()?.0,
            Slot::Number(field) => *field = map.next_value::<Number>()?.0,
            Slot::Rfc2822(field) => *field = map.next_value::<Rfc2822>()?.0,
            Slot::Iso8601(field) => *field = map.next_value::<Iso8601>()?.0,
            Slot::Date(field) => *field = map.next_value::<Date>()?.0,
            Slot::RequiredRfc2822(field) => *field = map.next_value::<RequiredRfc2822>()?.0,
            Slot::RequiredIso8601(field) => *field = map.next_value::<RequiredIso8601>()?.0,
            Slot::RequiredDate(field) => *field = map.next_value::<RequiredDate>()?.0,
            Slot::StringMap(field) => *field = map.next_value::<StringMap>()?.0,
            Slot::Value(field) => {
                let value: serde_json::Value = map.next_value()?;
                field.read_value(value).map_err(A::Error::custom)?;
            }
            Slot::Skip => skip_value(map)?,
        }
        Ok(())
    }
}

/// A field of any `Deserialize` type, filled from a JSON value.
#[doc(hidden)]
pub trait ReadValue {
    fn read_value(&mut self, value: serde_json::Value) -> Result<(), serde_json::Error>;
}

impl<T: serde::de::DeserializeOwned> ReadValue for T {
    #[inline]
    fn read_value(&mut self, value: serde_json::Value) -> Result<(), serde_json::Error> {
        *self = T::deserialize(value)?;
        Ok(())
    }
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
            value.slot(&key).read(&mut map)?;
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

/// Implements `Deserialize` for a generated response model through [`Object`], from a table of
/// `field: "wire_name"` entries (`as Rfc2822` and friends for dates, which need their own
/// parser), optionally preceded by `required ["wire", …]`:
///
/// ```ignore
/// crate::impl_object!(Message {
///     body: "body",
///     date_sent: "date_sent" as Rfc2822,
/// });
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! impl_object {
    ($name:ident $(required [$($required:literal),*])? {
        $($field:ident: $wire:literal $(as $wrapper:ident)?),* $(,)?
    }) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_object(deserializer)
            }
        }

        impl $crate::__private::Object for $name {
            const EXPECTING: &'static str = concat!("a ", stringify!($name), " object");
            const REQUIRED: &'static [&'static str] = &[$($($required),*)?];

            #[inline]
            fn slot(&mut self, key: &str) -> $crate::__private::Slot<'_> {
                match key {
                    $($wire => $crate::impl_object!(@slot self.$field $($wrapper)?),)*
                    _ => $crate::__private::Slot::Skip,
                }
            }
        }
    };
    (@slot $self:ident . $field:ident) => {
        $crate::__private::Slot::Value(&mut $self.$field)
    };
    (@slot $self:ident . $field:ident $wrapper:ident) => {
        $crate::__private::Slot::$wrapper(&mut $self.$field)
    };
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

/// A JSON object of strings (`links`, `subresource_uris`): entries whose value is `null` are
/// left out, numbers and booleans are kept as their text, so one odd entry does not fail the
/// whole response.
#[doc(hidden)]
pub struct StringMap(pub Option<BTreeMap<String, String>>);

impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: Option<BTreeMap<String, serde_json::Value>> = Deserialize::deserialize(deserializer)?;
        Ok(StringMap(raw.map(|entries| {
            entries
                .into_iter()
                .filter_map(|(key, value)| match value {
                    serde_json::Value::String(text) => Some((key, text)),
                    serde_json::Value::Null => None,
                    other => Some((key, other.to_string())),
                })
                .collect()
        })))
    }
}

/// Text fields read a number or a boolean as its text: Twilio's examples (and, now and then,
/// its responses) put `0` or `14931000129700` where the schema says string.
#[doc(hidden)]
pub struct Text(pub Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Text(match Option::<serde_json::Value>::deserialize(deserializer)? {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => Some(text),
            Some(value @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => Some(value.to_string()),
            Some(other) => return Err(D::Error::invalid_type(unexpected(&other), &"a string")),
        }))
    }
}

/// Number fields read a decimal string as its number (`"0.03"` for a price).
#[doc(hidden)]
pub struct Number(pub Option<f64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        numeric(deserializer, "a number", |n| n.as_f64()).map(Number)
    }
}

/// Integer fields read an integer string as its number (`"3"`).
#[doc(hidden)]
pub struct Integer(pub Option<i64>);

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        numeric(deserializer, "an integer", |n| n.as_i64()).map(Integer)
    }
}

/// A JSON number (`from_number` takes it, or refuses it as the wrong kind), or a string holding
/// one; `null` and `""` are absent.
fn numeric<'de, D: Deserializer<'de>, T: std::str::FromStr>(
    deserializer: D,
    expected: &'static str,
    from_number: fn(&serde_json::Number) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::Number(n)) => from_number(&n)
            .map(Some)
            .ok_or_else(|| D::Error::invalid_value(serde::de::Unexpected::Other("another kind of number"), &expected)),
        Some(serde_json::Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(serde_json::Value::String(text)) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::invalid_value(serde::de::Unexpected::Str(&text), &expected)),
        Some(other) => Err(D::Error::invalid_type(unexpected(&other), &expected)),
    }
}

fn unexpected(value: &serde_json::Value) -> serde::de::Unexpected<'static> {
    match value {
        serde_json::Value::Array(_) => serde::de::Unexpected::Seq,
        serde_json::Value::Object(_) => serde::de::Unexpected::Map,
        _ => serde::de::Unexpected::Other("a value"),
    }
}

macro_rules! required_date_wrapper {
    ($(#[$doc:meta])* $name:ident, $optional:ident, $ty:ty) => {
        $(#[$doc])*
        #[doc(hidden)]
        pub struct $name(pub $ty);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                match $optional::deserialize(deserializer)?.0 {
                    Some(value) => Ok($name(value)),
                    None => Err(D::Error::invalid_value(
                        serde::de::Unexpected::Other("an empty value"),
                        &"a value for a field that is never null",
                    )),
                }
            }
        }
    };
}

required_date_wrapper!(
    /// An RFC 2822 date-time that must be there.
    RequiredRfc2822,
    Rfc2822,
    DateTime<Utc>
);
required_date_wrapper!(
    /// An ISO 8601 date-time that must be there.
    RequiredIso8601,
    Iso8601,
    DateTime<Utc>
);
required_date_wrapper!(
    /// A `YYYY-MM-DD` date that must be there.
    RequiredDate,
    Date,
    NaiveDate
);

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default, Debug)]
    struct Thing {
        sid: Option<String>,
        count: i64,
        day: Option<NaiveDate>,
        at: DateTime<Utc>,
    }

    crate::impl_object!(Thing required ["count"] {
        sid: "sid",
        count: "count",
        day: "day" as Date,
        at: "at" as RequiredIso8601,
    });

    #[test]
    fn objects_read_borrowed_escaped_and_unknown_keys() {
        let thing: Thing = serde_json::from_str(r#"{"s\u0069d": "XY1", "new": [1, {}], "count": 3}"#).unwrap();
        assert_eq!((thing.sid.as_deref(), thing.count), (Some("XY1"), 3));
        let owned: Thing = serde_json::from_reader(
            &br#"{"sid": null, "count": 0, "day": "2024-01-31", "at": "2024-01-31T10:00:00Z"}"#[..],
        )
        .unwrap();
        assert_eq!(owned.sid, None);
        assert_eq!(owned.day.unwrap().to_string(), "2024-01-31");
        assert_eq!(owned.at.to_rfc3339(), "2024-01-31T10:00:00+00:00");
    }

    #[test]
    fn text_and_numbers_tolerate_each_others_spelling() {
        let read = |json: &str| -> (Option<String>, Option<f64>, Option<i64>) {
            #[derive(Deserialize)]
            struct Row(Text, Number, Integer);
            let Row(t, n, i) = serde_json::from_str(json).unwrap();
            (t.0, n.0, i.0)
        };
        assert_eq!(
            read(r#"[14931000129700, "0.03", "3"]"#),
            (Some("14931000129700".into()), Some(0.03), Some(3))
        );
        assert_eq!(read(r#"["x", 1.5, 7]"#), (Some("x".into()), Some(1.5), Some(7)));
        assert_eq!(read(r#"[null, "", null]"#), (None, None, None));
        assert!(serde_json::from_str::<Number>(r#""cheap""#).is_err());
        assert!(serde_json::from_str::<Integer>("1.5").is_err());
        assert!(serde_json::from_str::<Text>("{}").is_err());
    }

    #[test]
    fn required_fields_must_be_present() {
        let err = serde_json::from_str::<Thing>(r#"{"sid": "XY1"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `count`"), "{err}");
        let err = serde_json::from_str::<Thing>(r#"{"count": 1, "at": null}"#).unwrap_err();
        assert!(err.to_string().contains("never null"), "{err}");
        let err = serde_json::from_str::<Thing>("[1]").unwrap_err();
        assert!(err.to_string().contains("a Thing object"), "{err}");
    }
}
