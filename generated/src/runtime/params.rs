//! The parameters a request builder collects, already in wire form.
//!
//! Generated setters are one call each (`self.set(In::Form, "Body", value.into())`): the value
//! is encoded when it is set (repeated keys for lists, `true`/`false`, UTC date-times, JSON
//! text in form fields) and kept in the order the caller set it, required parameters first.
//! [`Request::new`](super::request::Request::new) then distributes them to the query, the form,
//! the JSON body and the headers.

use std::borrow::Cow;
use std::fmt;

use super::request::{In, Scalar};

/// Every parameter set on one request builder.
#[doc(hidden)]
#[derive(Clone, Default)]
pub struct Params {
    pub(crate) entries: Vec<Entry>,
    /// Wire names whose values never show in `Debug` output or logs.
    pub(crate) sensitive: Vec<&'static str>,
    /// List builders: records per page, and where a stream stops.
    pub(crate) page_size: Option<u32>,
    pub(crate) limit: Option<usize>,
}

#[derive(Clone)]
pub(crate) struct Entry {
    pub(crate) at: In,
    /// The parameter's wire name; for a prefixed map, the prefix.
    pub(crate) name: &'static str,
    /// For a prefixed map, the entry's key (sent as `name.key`).
    pub(crate) key: Option<String>,
    pub(crate) value: Value,
}

#[derive(Clone)]
pub(crate) enum Value {
    /// Text for the query, the form or a header.
    Text(String),
    /// A JSON body member.
    Json(serde_json::Value),
}

impl Entry {
    /// The key on the wire: `name`, or `name.key` for a map entry.
    pub(crate) fn wire_key(&self) -> Cow<'static, str> {
        match &self.key {
            None => Cow::Borrowed(self.name),
            Some(key) => Cow::Owned(format!("{}.{key}", self.name)),
        }
    }
}

impl Params {
    fn encoded(at: In, value: &impl Scalar) -> Value {
        match at {
            In::Json | In::Body => Value::Json(value.to_json_value()),
            _ => Value::Text(value.to_wire().into_owned()),
        }
    }

    /// Sets a parameter, replacing an earlier value of it.
    pub fn set(&mut self, at: In, name: &'static str, value: &impl Scalar) {
        let value = Self::encoded(at, value);
        match self.entries.iter_mut().find(|e| e.name == name && e.key.is_none()) {
            Some(entry) => entry.value = value,
            None => self.entries.push(Entry {
                at,
                name,
                key: None,
                value,
            }),
        }
    }

    /// Adds one item of a list parameter: repeated keys in forms and queries, one array in JSON.
    pub fn add(&mut self, at: In, name: &'static str, value: &impl Scalar) {
        if at == In::Json {
            let item = value.to_json_value();
            match self.entries.iter_mut().find(|e| e.name == name) {
                Some(Entry {
                    value: Value::Json(serde_json::Value::Array(items)),
                    ..
                }) => items.push(item),
                _ => self.entries.push(Entry {
                    at,
                    name,
                    key: None,
                    value: Value::Json(serde_json::Value::Array(vec![item])),
                }),
            }
            return;
        }
        self.entries.push(Entry {
            at,
            name,
            key: None,
            value: Self::encoded(at, value),
        });
    }

    /// Sets the entry `key` of the prefixed map `prefix` (sent as `prefix.key=value`).
    pub fn insert(&mut self, at: In, prefix: &'static str, key: String, value: String) {
        match self
            .entries
            .iter_mut()
            .find(|e| e.name == prefix && e.key.as_deref() == Some(key.as_str()))
        {
            Some(entry) => entry.value = Value::Text(value),
            None => self.entries.push(Entry {
                at,
                name: prefix,
                key: Some(key),
                value: Value::Text(value),
            }),
        }
    }
}

impl fmt::Debug for Params {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for entry in &self.entries {
            let key = entry.wire_key();
            if self.sensitive.contains(&entry.name) {
                list.entry(&(key, "[redacted]"));
                continue;
            }
            match &entry.value {
                Value::Text(text) => list.entry(&(key, text)),
                Value::Json(json) => list.entry(&(key, json)),
            };
        }
        list.finish()?;
        if let Some(size) = self.page_size {
            write!(f, " page_size={size}")?;
        }
        if let Some(limit) = self.limit {
            write!(f, " limit={limit}")?;
        }
        Ok(())
    }
}

/// The setters every generated request builder shares; a builder only says where its
/// [`Params`] are (`RequestBuilder` implements it once, in `runtime/builder.rs`).
#[doc(hidden)]
pub trait SetParams: Sized {
    /// The builder's parameters.
    fn params(&mut self) -> &mut Params;

    /// Sets a parameter, replacing an earlier value of it.
    #[inline]
    fn set(mut self, at: In, name: &'static str, value: impl Scalar) -> Self {
        self.params().set(at, name, &value);
        self
    }

    /// Adds one item of a list parameter.
    #[inline]
    fn add(mut self, at: In, name: &'static str, value: impl Scalar) -> Self {
        self.params().add(at, name, &value);
        self
    }

    /// Adds every item of a list parameter given whole (a required list).
    #[inline]
    fn add_all<V: Scalar>(mut self, at: In, name: &'static str, values: impl IntoIterator<Item = V>) -> Self {
        for value in values {
            self.params().add(at, name, &value);
        }
        self
    }

    /// Adds every text item of a list parameter given whole (a required list of strings).
    #[inline]
    fn add_texts(mut self, at: In, name: &'static str, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        for value in values {
            self.params().add(at, name, &value.into());
        }
        self
    }

    /// Sets one entry of a prefixed map parameter.
    #[inline]
    fn insert(mut self, at: In, prefix: &'static str, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params().insert(at, prefix, key.into(), value.into());
        self
    }

    /// Marks the parameter `name` as sensitive: its value never shows in `Debug` output.
    #[inline]
    fn redact(mut self, name: &'static str) -> Self {
        let sensitive = &mut self.params().sensitive;
        if !sensitive.contains(&name) {
            sensitive.push(name);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_replace_lists_repeat_and_json_lists_are_arrays() {
        let mut params = Params::default();
        params.set(In::Form, "Body", &"a".to_owned());
        params.set(In::Form, "Body", &"b".to_owned());
        params.add(In::Form, "MediaUrl", &"u1".to_owned());
        params.add(In::Form, "MediaUrl", &"u2".to_owned());
        params.add(In::Json, "Tags", &"x".to_owned());
        params.add(In::Json, "Tags", &true);
        params.insert(In::Query, "AddOns", "k".into(), "1".into());
        params.insert(In::Query, "AddOns", "k".into(), "2".into());
        let shown = format!("{params:?}");
        assert_eq!(
            shown,
            r#"[("Body", "b"), ("MediaUrl", "u1"), ("MediaUrl", "u2"), ("Tags", Array [String("x"), Bool(true)]), ("AddOns.k", "2")]"#
        );
    }

    #[test]
    fn sensitive_values_are_redacted() {
        let mut params = Params::default();
        params.set(In::Form, "Code", &"123456".to_owned());
        params.sensitive.push("Code");
        assert_eq!(format!("{params:?}"), r#"[("Code", "[redacted]")]"#);
    }
}
