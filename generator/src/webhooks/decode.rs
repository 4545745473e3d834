//! The webhook payload format as written: key tables and YAML → spec structs (shapes only).
//!
//! The tables are `crate::spec` [`Key`]s, checked and decoded by its helpers, so unknown keys,
//! value shapes and required keys are reported exactly as in REST specs; they also give
//! `spec/webhooks/schema.json` ([`crate::schema`]).

use crate::diag::Sink;
use crate::spec::{decode_enums, entries, flag, key, named, required, short_form, text, EnumDef, Key, Located, Shape};
use crate::yaml::{Kind, Node};

pub static FILE_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for the module's rustdoc."),
    key("docs", Shape::Str, "Link to Twilio's documentation of these webhooks."),
    key("enums", Shape::Named("enum"), "Named enums, as in REST specs."),
    required(
        "payloads",
        Shape::Named("payload"),
        "The payloads, keyed by snake_case name.",
    ),
];

pub static PAYLOAD_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for rustdoc."),
    key("docs", Shape::Str, "Link to Twilio's documentation of this webhook."),
    key("params", Shape::Named("param"), "Parameters, keyed by wire name."),
    key(
        "indexed",
        Shape::Named("indexed"),
        "Numbered parameters (`MediaUrl{N}`) collected into one list, keyed by field name.",
    ),
];

pub static PARAM_KEYS: &[Key] = &[
    required("type", Shape::Type, "Type expression."),
    key("doc", Shape::Str, "Prose for rustdoc."),
    key("deprecated", Shape::Bool, "Marks the field deprecated."),
    key(
        "sensitive",
        Shape::Bool,
        "Never show the value in Debug output or parse errors.",
    ),
    key(
        "uncertain",
        Shape::Bool,
        "The parameter is not confirmed by Twilio's documentation; says so in rustdoc.",
    ),
    key("rust_name", Shape::Str, "Overrides the derived Rust name."),
];

pub static GROUP_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for rustdoc."),
    key(
        "item",
        Shape::Str,
        "snake_case name of the item struct (default: the group's name).",
    ),
    required(
        "params",
        Shape::Named("param"),
        "The numbered parameters, e.g. `MediaUrl{N}`, keyed by wire name.",
    ),
];

/// One `spec/webhooks/*.yaml` file.
#[derive(Debug, Clone)]
pub struct WebhookFile {
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub enums: Vec<EnumDef>,
    pub payloads: Vec<PayloadDef>,
    /// Where the `payloads` key is written; `None` when it is missing (which the key check
    /// already reports).
    pub payloads_pos: Option<crate::diag::Pos>,
}

#[derive(Debug, Clone)]
pub struct PayloadDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub params: Vec<ParamDef>,
    pub groups: Vec<GroupDef>,
}

#[derive(Debug, Clone)]
pub struct ParamDef {
    pub wire: Located<String>,
    pub ty: Located<String>,
    pub doc: Option<String>,
    pub deprecated: bool,
    pub sensitive: bool,
    pub uncertain: bool,
    pub rust_name: Option<Located<String>>,
}

#[derive(Debug, Clone)]
pub struct GroupDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub item: Option<Located<String>>,
    pub params: Vec<ParamDef>,
}

/// Decodes a whole file; `None` when its top level is unusable. Problems go to `sink`.
pub fn decode(sink: &mut Sink, root: &Node) -> Option<WebhookFile> {
    let e = entries(sink, root, FILE_KEYS, "a webhook payload file")?;
    let payloads_node = e.get("payloads");
    Some(WebhookFile {
        doc: text(&e, "doc").map(|l| l.value),
        docs: text(&e, "docs").map(|l| l.value),
        enums: e.get("enums").map(|n| decode_enums(sink, n)).unwrap_or_default(),
        payloads: payloads_node
            .map(|n| named(sink, n, "payloads", decode_payload))
            .unwrap_or_default(),
        payloads_pos: payloads_node.map(|_| key_pos(root, "payloads").unwrap_or(root.pos)),
    })
}

/// Where the key `name` of a mapping is written.
fn key_pos(node: &Node, name: &str) -> Option<crate::diag::Pos> {
    match &node.kind {
        Kind::Map(pairs) => pairs.iter().find(|(k, _)| k.as_str() == Some(name)).map(|(k, _)| k.pos),
        _ => None,
    }
}

fn decode_payload(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<PayloadDef> {
    let e = entries(sink, node, PAYLOAD_KEYS, &format!("payload `{}`", name.value))?;
    Some(PayloadDef {
        doc: text(&e, "doc").map(|l| l.value),
        docs: text(&e, "docs").map(|l| l.value),
        params: e
            .get("params")
            .map(|n| named(sink, n, "params", decode_param))
            .unwrap_or_default(),
        groups: e
            .get("indexed")
            .map(|n| named(sink, n, "indexed", decode_group))
            .unwrap_or_default(),
        name,
    })
}

fn decode_group(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<GroupDef> {
    let e = entries(sink, node, GROUP_KEYS, &format!("indexed group `{}`", name.value))?;
    Some(GroupDef {
        doc: text(&e, "doc").map(|l| l.value),
        item: text(&e, "item"),
        params: e
            .get("params")
            .map(|n| named(sink, n, "params", decode_param))
            .unwrap_or_default(),
        name,
    })
}

fn decode_param(sink: &mut Sink, wire: Located<String>, node: &Node) -> Option<ParamDef> {
    if let Some(ty) = short_form(node) {
        return Some(ParamDef {
            wire,
            ty,
            doc: None,
            deprecated: false,
            sensitive: false,
            uncertain: false,
            rust_name: None,
        });
    }
    if node.is_null() {
        sink.error_with_hint(
            wire.pos,
            format!("parameter `{}` has no type", wire.value),
            format!("write `{0}: string` or `{0}: {{type: string, doc: …}}`", wire.value),
        );
        return None;
    }
    let e = entries(sink, node, PARAM_KEYS, &format!("parameter `{}`", wire.value))?;
    Some(ParamDef {
        ty: text(&e, "type")?,
        doc: text(&e, "doc").map(|l| l.value),
        deprecated: flag(&e, "deprecated"),
        sensitive: flag(&e, "sensitive"),
        uncertain: flag(&e, "uncertain"),
        rust_name: text(&e, "rust_name"),
        wire,
    })
}
