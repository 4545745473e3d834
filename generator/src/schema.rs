//! JSON Schemas of the three description formats, for editors: `spec/schema.json` (REST product
//! files), `spec/webhooks/schema.json` and `spec/twiml/schema.json`. Each is built from the key
//! tables the decoder checks ([`crate::spec`], [`crate::webhooks::decode`], [`crate::twiml`]), so
//! that editors and the generator never disagree.

use serde_json::{json, Map, Value};

use crate::spec::{
    Key, Shape, ENUM_KEYS, FIELD_KEYS, FILE_KEYS, GROUP_KEYS, INPUT_KEYS, MEMBER_KEYS, METHOD_KEYS, OBJECT_KEYS,
    PARAM_KEYS, RESOURCE_KEYS,
};
use crate::types::{scalars_for, TypeUse, SCALARS};
use crate::{twiml, webhooks};

/// Type expressions that take an argument, as parts of a type pattern.
const SID: &str = "(sid<[A-Z]{2}(\\|[A-Z]{2})*>)";
const ID: &str = "(id<([a-z0-9]+_)+>)";
const ENUM: &str = "(enum<[a-z0-9_]+>)";
const LIST: &str = "(list<.+>)";

/// `spec/schema.json`: one REST product version.
pub fn json_schema() -> String {
    let type_pattern = pattern(
        SCALARS,
        &[SID, ID, ENUM, "(object<[a-z0-9_]+>)", "(map<[A-Za-z0-9]+>)", LIST],
    );
    render(
        "https://github.com/twilio-rust/spec/schema.json",
        "Twilio product spec (twilio-codegen)",
        "One product version of Twilio's REST API; see spec/README.md.",
        json!({
            "type": type_definition(
                &type_pattern,
                "Type expression, e.g. string, sid<SM>, list<uri>, enum<message_status>.",
            ),
            "enum": enum_definition(),
            "object": object(OBJECT_KEYS),
            "input": object(INPUT_KEYS),
            "member": short_or_long(MEMBER_KEYS),
            "variant": json!({"type": "string", "description": "Name of an input."}),
            "resource": object(RESOURCE_KEYS),
            "method": object(METHOD_KEYS),
            "param": short_or_long(PARAM_KEYS),
            "path_param": json!({"$ref": "#/definitions/type"}),
            "field": short_or_long(FIELD_KEYS),
            "group": object(GROUP_KEYS),
        }),
        FILE_KEYS,
    )
}

/// `spec/webhooks/schema.json`: one file of webhook payloads.
pub fn webhooks_json_schema() -> String {
    // Webhook parameters are flat text: no objects or maps.
    let scalars = scalars_for(TypeUse::Webhook { lists: true });
    let type_pattern = pattern(&scalars, &[SID, ENUM, LIST]);
    render(
        "https://github.com/twilio-rust/spec/webhooks/schema.json",
        "Twilio webhook payloads (twilio-codegen)",
        "Requests Twilio sends to an application; see spec/README.md, section \"Webhook payloads\".",
        json!({
            "type": type_definition(
                &type_pattern,
                "Type expression, e.g. string, sid<SM|MM>, integer, enum<message_status>, list<string>.",
            ),
            "enum": enum_definition(),
            "payload": object(webhooks::decode::PAYLOAD_KEYS),
            "param": short_or_long(webhooks::decode::PARAM_KEYS),
            "indexed": object(webhooks::decode::GROUP_KEYS),
        }),
        webhooks::decode::FILE_KEYS,
    )
}

/// `spec/twiml/schema.json`: one kind of TwiML document.
pub fn twiml_json_schema() -> String {
    let type_pattern = pattern(&scalars_for(TypeUse::Attribute), &[SID, ENUM, LIST]);
    render(
        "https://github.com/twilio-rust/spec/twiml/schema.json",
        "TwiML vocabulary (twilio-codegen)",
        "One kind of TwiML document: its elements, their attributes and nesting; see spec/README.md, section \"TwiML\".",
        json!({
            "type": type_definition(&type_pattern, "Attribute type, e.g. string, integer, enum<call_event>, list<uri>."),
            "enum": enum_definition(),
            "element": object(twiml::ELEMENT_KEYS),
            "attribute": short_or_long(twiml::ATTRIBUTE_KEYS),
        }),
        twiml::FILE_KEYS,
    )
}

fn render(id: &str, title: &str, description: &str, definitions: Value, file_keys: &[Key]) -> String {
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": id,
        "title": title,
        "description": description,
        "definitions": definitions,
        "type": "object",
        "additionalProperties": false,
        "required": required(file_keys),
        "properties": properties(file_keys),
    });
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// `^((scalar|…)|generic|…)$`.
fn pattern(scalars: &[&str], generics: &[&str]) -> String {
    format!(
        "^(({})|{})$",
        scalars.iter().map(|s| regex_escape(s)).collect::<Vec<_>>().join("|"),
        generics.join("|")
    )
}

fn regex_escape(s: &str) -> String {
    s.replace('-', "\\-")
}

fn type_definition(pattern: &str, description: &str) -> Value {
    json!({"type": "string", "pattern": pattern, "description": description})
}

/// Enums are written the same way in every format (decoded by [`crate::spec::decode_enums`]).
fn enum_definition() -> Value {
    json!({"oneOf": [
        {"type": "array", "items": {"type": "string"}},
        object(ENUM_KEYS),
    ]})
}

/// Just the type (`Name: string`), or a mapping with a `type` key.
fn short_or_long(keys: &[Key]) -> Value {
    json!({"oneOf": [{"$ref": "#/definitions/type"}, object(keys)]})
}

fn object(keys: &[Key]) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": required(keys),
        "properties": properties(keys),
    })
}

fn required(keys: &[Key]) -> Vec<&'static str> {
    keys.iter().filter(|k| k.required).map(|k| k.name).collect()
}

fn properties(keys: &[Key]) -> Value {
    let mut map = Map::new();
    for k in keys {
        let mut schema = match k.shape {
            Shape::Str if !k.values.is_empty() => json!({"type": "string", "enum": k.values}),
            Shape::Str => json!({"type": "string"}),
            Shape::Bool => json!({"type": "boolean"}),
            Shape::Int => json!({"type": "integer"}),
            Shape::Type => json!({"$ref": "#/definitions/type"}),
            Shape::StrList => json!({"type": "array", "items": {"type": "string"}}),
            Shape::Named(definition) => named(definition),
            Shape::Groups => json!({"type": "array", "items": {"$ref": "#/definitions/group"}}),
        };
        if let Value::Object(o) = &mut schema {
            o.insert("description".into(), Value::String(k.doc.to_owned()));
        }
        map.insert(k.name.to_owned(), schema);
    }
    Value::Object(map)
}

fn named(definition: &str) -> Value {
    json!({"type": ["object", "null"], "additionalProperties": {"$ref": format!("#/definitions/{definition}")}})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    /// Every `Shape::Named` and `Shape::Type` of a key table refers to a definition that exists.
    #[test]
    fn every_reference_is_defined() {
        for text in [json_schema(), webhooks_json_schema(), twiml_json_schema()] {
            let schema: Value = serde_json::from_str(&text).unwrap();
            let mut found = Vec::new();
            refs(&schema, &mut found);
            assert!(!found.is_empty());
            for r in found {
                let name = r.strip_prefix("#/definitions/").unwrap();
                assert!(schema["definitions"].get(name).is_some(), "{r} in {}", schema["$id"]);
            }
        }
    }

    #[test]
    fn type_patterns_follow_each_vocabulary() {
        let twiml: Value = serde_json::from_str(&twiml_json_schema()).unwrap();
        assert_eq!(
            twiml["definitions"]["type"]["pattern"],
            "^((string|integer|number|boolean|uri|phone\\-number|decimal|http\\-method|sid)|(sid<[A-Z]{2}(\\|[A-Z]{2})*>)|(enum<[a-z0-9_]+>)|(list<.+>))$"
        );
        let webhooks: Value = serde_json::from_str(&webhooks_json_schema()).unwrap();
        let pattern = webhooks["definitions"]["type"]["pattern"].as_str().unwrap();
        assert!(
            pattern.contains("|json|sid)|(sid<") && !pattern.contains("map"),
            "{pattern}"
        );
    }
}
