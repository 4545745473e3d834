//! How a generated input (a JSON object the caller builds, `inputs:` in the spec) becomes the
//! JSON a request sends: `impl_input!` lists its members, [`JsonObject`] writes them.

use serde_json::{Map, Value};

use super::request::Scalar;

/// A JSON object being written member by member.
#[doc(hidden)]
#[derive(Default)]
pub struct JsonObject(Map<String, Value>);

impl JsonObject {
    /// A required member: always sent.
    #[inline]
    pub fn required(mut self, key: &str, value: &impl Scalar) -> Self {
        self.0.insert(key.to_owned(), value.to_json_value());
        self
    }

    /// An optional member: sent when set.
    #[inline]
    pub fn optional<T: Scalar>(self, key: &str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.required(key, value),
            None => self,
        }
    }

    /// A required list: sent even when empty, so that Twilio reports the missing items.
    #[inline]
    pub fn required_list<T: Scalar>(mut self, key: &str, values: &[T]) -> Self {
        let items = values.iter().map(Scalar::to_json_value).collect();
        self.0.insert(key.to_owned(), Value::Array(items));
        self
    }

    /// An optional list: sent when it has items (like list parameters).
    #[inline]
    pub fn list<T: Scalar>(self, key: &str, values: &[T]) -> Self {
        match values.is_empty() {
            true => self,
            false => self.required_list(key, values),
        }
    }

    /// The object written.
    #[inline]
    pub fn finish(self) -> Value {
        Value::Object(self.0)
    }

    /// One of several inputs: the chosen one's members, and `key` saying which it is.
    pub fn tagged(key: &str, value: &str, chosen: Value) -> Value {
        let mut members = match chosen {
            Value::Object(members) => members,
            // Inputs are objects; anything else is kept whole beside the tag.
            other => Map::from_iter([("value".to_owned(), other)]),
        };
        members.insert(key.to_owned(), Value::String(value.to_owned()));
        Value::Object(members)
    }
}

/// `Scalar` for a generated input: its members as a JSON object (JSON text where a form field
/// carries it). Every member is `field: "wire" as how`, `how` one of [`JsonObject`]'s methods.
///
/// ```ignore
/// crate::impl_input!(CustomerAi {
///     perception_engine_enabled: "perception_engine_enabled" as required,
///     segment: "segment" as optional,
/// });
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! impl_input {
    // One of several inputs, told apart by the member `$tag`.
    ($name:ident tag $tag:literal { $($variant:ident($input:ident): $value:literal),* $(,)? }) => {
        impl $crate::__private::Scalar for $name {
            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned($crate::__private::Scalar::to_json_value(self).to_string())
            }

            fn to_json_value(&self) -> ::serde_json::Value {
                let (value, chosen) = match self {
                    $($name::$variant(chosen) => ($value, $crate::__private::Scalar::to_json_value(chosen)),)*
                };
                $crate::__private::JsonObject::tagged($tag, value, chosen)
            }
        }

        $(
            impl ::std::convert::From<$input> for $name {
                #[inline]
                fn from(chosen: $input) -> Self {
                    $name::$variant(chosen)
                }
            }
        )*
    };
    ($name:ident { $($field:ident: $wire:literal as $how:ident),* $(,)? }) => {
        impl $crate::__private::Scalar for $name {
            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned($crate::__private::Scalar::to_json_value(self).to_string())
            }

            fn to_json_value(&self) -> ::serde_json::Value {
                $crate::__private::JsonObject::default()
                    $(.$how($wire, &self.$field))*
                    .finish()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, PartialEq, Debug)]
    struct Address {
        street: String,
        unit: Option<String>,
    }

    struct Port {
        numbers: Vec<String>,
        notify: Vec<String>,
        address: Address,
        pin: Option<i64>,
    }

    crate::impl_input!(Address {
        street: "street" as required,
        unit: "unit_2" as optional
    });
    crate::impl_input!(Port {
        numbers: "phone_numbers" as required_list,
        notify: "notification_emails" as list,
        address: "address" as required,
        pin: "pin" as optional,
    });

    #[test]
    fn members_are_written_as_the_spec_says() {
        let mut port = Port {
            numbers: Vec::new(),
            notify: Vec::new(),
            address: Address {
                street: "1 Main St".to_owned(),
                unit: None,
            },
            pin: None,
        };
        // Unset optional members and empty optional lists are left out; required lists stay.
        assert_eq!(
            port.to_json_value(),
            serde_json::json!({"phone_numbers": [], "address": {"street": "1 Main St"}})
        );
        port.numbers.push("+15017122661".to_owned());
        port.notify.push("ops@example.com".to_owned());
        port.address.unit = Some("4B".to_owned());
        port.pin = Some(1234);
        let json = port.to_json_value();
        assert_eq!(
            json,
            serde_json::json!({
                "phone_numbers": ["+15017122661"],
                "notification_emails": ["ops@example.com"],
                "address": {"street": "1 Main St", "unit_2": "4B"},
                "pin": 1234,
            })
        );
        // In a form field, the same object travels as JSON text.
        assert_eq!(port.to_wire(), json.to_string());
    }

    struct Message {
        id: String,
    }

    crate::impl_input!(Message {
        id: "messageId" as required
    });

    enum Indicator {
        Whatsapp(Message),
        Apple(Address),
    }

    crate::impl_input!(Indicator tag "channel" { Whatsapp(Message): "WHATSAPP", Apple(Address): "APPLE" });

    #[test]
    fn one_of_several_inputs_is_sent_with_its_tag() {
        let address = Address {
            street: "1 Main St".to_owned(),
            unit: None,
        };
        assert_eq!(
            Indicator::Apple(address.clone()).to_json_value(),
            serde_json::json!({"channel": "APPLE", "street": "1 Main St"})
        );
        let message = Message { id: "SM1".to_owned() };
        assert_eq!(
            Indicator::from(message).to_json_value(),
            serde_json::json!({"channel": "WHATSAPP", "messageId": "SM1"})
        );
    }
}
