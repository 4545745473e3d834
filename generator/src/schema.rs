//! `spec/schema.json`: a JSON Schema of the spec format, built from the key tables in
//! [`crate::spec`] so that editors and the generator never disagree.

use serde_json::{json, Map, Value};

use crate::spec::{
    Key, Shape, ENUM_KEYS, FIELD_KEYS, FILE_KEYS, GROUP_KEYS, METHOD_KEYS, OBJECT_KEYS, PARAM_KEYS, RESOURCE_KEYS,
};
use crate::types::{GENERICS, SCALARS};

pub fn json_schema() -> String {
    let type_pattern = format!(
        "^(({})|(sid<[A-Z]{{2}}(\\|[A-Z]{{2}})*>)|(enum<[a-z0-9_]+>)|(object<[a-z0-9_]+>)|(map<[A-Za-z0-9]+>)|(list<.+>))$",
        SCALARS.iter().map(|s| regex_escape(s)).collect::<Vec<_>>().join("|")
    );
    let _ = GENERICS;
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://github.com/twilio-rust/spec/schema.json",
        "title": "Twilio product spec (twilio-codegen)",
        "description": "One product version of Twilio's REST API; see spec/README.md.",
        "definitions": {
            "type": {"type": "string", "pattern": type_pattern, "description": "Type expression, e.g. string, sid<SM>, list<uri>, enum<message_status>."},
            "enum": {"oneOf": [
                {"type": "array", "items": {"type": "string"}},
                object(ENUM_KEYS),
            ]},
            "object": object(OBJECT_KEYS),
            "resource": object(RESOURCE_KEYS),
            "method": object(METHOD_KEYS),
            "param": {"oneOf": [{"$ref": "#/definitions/type"}, object(PARAM_KEYS)]},
            "field": {"oneOf": [{"$ref": "#/definitions/type"}, object(FIELD_KEYS)]},
            "group": object(GROUP_KEYS),
        },
        "type": "object",
        "additionalProperties": false,
        "required": required(FILE_KEYS),
        "properties": properties(FILE_KEYS),
    });
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value always serializes");
    text.push('\n');
    text
}

fn regex_escape(s: &str) -> String {
    s.replace('-', "\\-")
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
            Shape::Enums => named("enum"),
            Shape::Objects => named("object"),
            Shape::Resources => named("resource"),
            Shape::Methods => named("method"),
            Shape::Params => named("param"),
            Shape::Fields => named("field"),
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
