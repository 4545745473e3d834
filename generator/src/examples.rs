//! The example responses of one of Twilio's OpenAPI files: for every operation, the JSON bodies
//! its success responses show (`paths.<path>.<method>.responses.<2xx|3xx>.content.<json>
//! .examples.*.value`), for the conformance tests and the fuzzers' seeds.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::diag::Diagnostic;
use crate::yaml::{Kind, Node};

/// One example response.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub status: u16,
    pub body: Value,
}

/// Every example response of a file, by operation: (path shape, lower-case method).
#[derive(Debug, Default)]
pub struct Examples(BTreeMap<(String, String), Vec<Example>>);

impl Examples {
    /// Reads the examples of the OpenAPI file `file_name` given as text.
    pub fn read(file_name: &str, text: &str) -> Result<Examples, Diagnostic> {
        let root = crate::yaml::parse(file_name, text)?;
        let mut found: BTreeMap<(String, String), Vec<Example>> = BTreeMap::new();
        for (path, item) in entries(get(&root, "paths")) {
            for (method, operation) in entries(Some(item)) {
                for (status, response) in entries(get(operation, "responses")) {
                    let Some(status) = status.parse::<u16>().ok().filter(|s| (200..400).contains(s)) else {
                        continue;
                    };
                    let media = entries(get(response, "content"))
                        .into_iter()
                        .find(|(media, _)| *media == "application/json" || media.ends_with("+json"))
                        .map(|(_, m)| m);
                    for (_, example) in entries(media.and_then(|m| get(m, "examples"))) {
                        if let Some(value) = get(example, "value") {
                            found
                                .entry((path_shape(path), method.to_ascii_lowercase()))
                                .or_default()
                                .push(Example {
                                    status,
                                    body: to_json(value),
                                });
                        }
                    }
                }
            }
        }
        Ok(Examples(found))
    }

    /// The examples of the operation `method` on `path` (parameter names do not matter).
    pub fn get(&self, path: &str, method: &str) -> &[Example] {
        self.0
            .get(&(path_shape(path), method.to_ascii_lowercase()))
            .map_or(&[], Vec::as_slice)
    }

    /// Every operation with examples: (path shape, method, examples).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &[Example])> {
        self.0
            .iter()
            .map(|((path, method), e)| (path.as_str(), method.as_str(), e.as_slice()))
    }

    /// Examples in all.
    pub fn len(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A path with its parameter names left out (`/Services/{}`), since a spec may rename them.
pub fn path_shape(path: &str) -> String {
    let mut shape = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                shape.push('{');
            }
            '}' => {
                in_param = false;
                shape.push('}');
            }
            _ if in_param => {}
            _ => shape.push(c),
        }
    }
    shape
}

fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.kind {
        Kind::Map(pairs) => pairs.iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v),
        _ => None,
    }
}

fn entries(node: Option<&Node>) -> Vec<(&str, &Node)> {
    match node.map(|n| &n.kind) {
        Some(Kind::Map(pairs)) => pairs.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).collect(),
        _ => Vec::new(),
    }
}

/// A YAML value as JSON, reading plain scalars by YAML's core schema (`true`, `null`, numbers)
/// and quoted ones as text.
pub fn to_json(node: &Node) -> Value {
    match &node.kind {
        Kind::Scalar { text, quoted: true } => json!(text),
        Kind::Scalar { text, quoted: false } => match text.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Value::Null,
            "true" | "True" | "TRUE" => json!(true),
            "false" | "False" | "FALSE" => json!(false),
            _ => {
                let number = text.bytes().all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
                    && text.bytes().any(|b| b.is_ascii_digit());
                let parsed =
                    number.then(|| serde_json::from_str::<serde_json::Number>(text.trim_start_matches('+')).ok());
                match parsed.flatten() {
                    Some(n) => Value::Number(n),
                    None => json!(text),
                }
            }
        },
        Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Kind::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
paths:
  /v1/Services/{Sid}:
    get:
      responses:
        '200':
          content:
            application/json:
              examples:
                fetch: {value: {sid: IS123, count: 3, ratio: 0.5, on: true, none: null, code: '007', big: 1e3}}
        '404': {content: {application/json: {examples: {missing: {value: {code: 20404}}}}}}
  /v1/Users:
    post:
      responses:
        '201': {content: {application/scim+json: {examples: {created: {value: {id: US1}}}}}}
"#;

    #[test]
    fn success_examples_by_operation_whatever_their_parameters_are_called() {
        let examples = Examples::read("twilio_x_v1.yaml", FILE).unwrap();
        assert_eq!(examples.len(), 2);
        let fetch = examples.get("/v1/Services/{ServiceSid}", "GET");
        assert_eq!(
            fetch,
            [Example {
                status: 200,
                body: json!({"sid": "IS123", "count": 3, "ratio": 0.5, "on": true, "none": null, "code": "007", "big": 1e3})
            }]
        );
        assert_eq!(examples.get("/v1/Users", "post")[0].status, 201);
        assert!(examples.get("/v1/Users", "get").is_empty());
        assert_eq!(
            path_shape("/v1/Services/{ServiceSid}/Documents/{Sid}.json"),
            "/v1/Services/{}/Documents/{}.json"
        );
    }
}
