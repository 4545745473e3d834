//! The spec as written: YAML nodes decoded into plain structs that keep positions.
//!
//! Decoding checks shapes only (which keys exist, which are mappings, lists or scalars);
//! meaning (types, paths, names) is checked when resolving into the model (`resolve.rs`).
//! The key tables below drive both decoding and the JSON Schema in `spec/schema.json`. The
//! checker and the decoding helpers are shared with the webhook payload and TwiML formats, whose
//! own key tables (of the same [`Key`]s) give `spec/webhooks/schema.json` and
//! `spec/twiml/schema.json`.

use crate::closed::{ActionReturns, Auth, Body, ClosedSet, DateStyle, Http, Location, Paging};
use crate::diag::{closest, Pos, Sink};
use crate::yaml::{Kind, Node};

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

/// What a key's value looks like; drives decoding checks and the JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Str,
    Bool,
    Int,
    /// A type expression such as `list<uri>`.
    Type,
    StrList,
    /// A mapping of name → definition (`null` reads as empty); the argument names the schema
    /// definition of one entry, e.g. `enum`, `resource`.
    Named(&'static str),
    /// A list of parameter groups.
    Groups,
}

/// One allowed key of a mapping.
#[derive(Debug)]
pub struct Key {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
    pub doc: &'static str,
    /// Allowed values, for string keys with a closed set.
    pub values: &'static [&'static str],
}

pub(crate) const fn key(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key {
        name,
        shape,
        required: false,
        doc,
        values: &[],
    }
}
pub(crate) const fn required(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key {
        name,
        shape,
        required: true,
        doc,
        values: &[],
    }
}
pub(crate) const fn choice(name: &'static str, values: &'static [&'static str], doc: &'static str) -> Key {
    Key {
        name,
        shape: Shape::Str,
        required: false,
        doc,
        values,
    }
}

pub static FILE_KEYS: &[Key] = &[
    required(
        "product",
        Shape::Str,
        "Product name: Rust module and first half of the cargo feature.",
    ),
    required(
        "version",
        Shape::Str,
        "Version name: Rust module and second half of the cargo feature.",
    ),
    required("host", Shape::Str, "Twilio host of this product, e.g. api.twilio.com."),
    required(
        "base_path",
        Shape::Str,
        "Prefix of every path, e.g. /2010-04-01 or /v2.",
    ),
    choice(
        "dates",
        DateStyle::VALUES,
        "Format of date-time response fields (default iso8601).",
    ),
    Key {
        name: "paging",
        shape: Shape::Str,
        required: true,
        doc: "List envelope dialect.",
        values: Paging::VALUES,
    },
    choice(
        "auth",
        Auth::VALUES,
        "How requests authenticate: basic (Account SID and secret, the default) or bearer (an OAuth access token).",
    ),
    key(
        "account_sid_param",
        Shape::Str,
        "Path parameter that defaults to the client's account SID.",
    ),
    key("docs", Shape::Str, "Link to Twilio's documentation of the product."),
    key(
        "official_file",
        Shape::Str,
        "Twilio's OpenAPI file for this version where it is not twilio_<product>_<version>.yaml.",
    ),
    key("doc", Shape::Str, "Prose for rustdoc."),
    key(
        "enums",
        Shape::Named("enum"),
        "Named enums, reusable by params and fields.",
    ),
    key("objects", Shape::Named("object"), "Named nested response objects."),
    key(
        "inputs",
        Shape::Named("input"),
        "Named JSON objects sent in request bodies (parameters of type object<name>).",
    ),
    key("resources", Shape::Named("resource"), "The resource tree."),
];

pub static ENUM_KEYS: &[Key] = &[
    required("values", Shape::StrList, "Wire values, exactly as Twilio spells them."),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static OBJECT_KEYS: &[Key] = &[
    required("fields", Shape::Named("field"), "Fields of the object."),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static INPUT_KEYS: &[Key] = &[
    key(
        "fields",
        Shape::Named("member"),
        "Members of the object, keyed by wire name.",
    ),
    key(
        "one_of",
        Shape::Named("variant"),
        "Instead of fields: the inputs this is one of, keyed by the value of `tag` that names each.",
    ),
    key(
        "tag",
        Shape::Str,
        "With one_of: the member saying which input the object is.",
    ),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static MEMBER_KEYS: &[Key] = &[
    required("type", Shape::Type, "Type expression."),
    key(
        "required",
        Shape::Bool,
        "An argument of the constructor instead of a setter.",
    ),
    key(
        "sensitive",
        Shape::Bool,
        "Never show the value in Debug output or logs.",
    ),
    key("deprecated", Shape::Bool, "Marks the member deprecated."),
    key("rust_name", Shape::Str, "Overrides the derived Rust name."),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static RESOURCE_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for rustdoc."),
    key("docs", Shape::Str, "Link to Twilio's documentation of the resource."),
    key(
        "plural",
        Shape::Str,
        "Accessor name of the collection (default: last segment of list_path).",
    ),
    key(
        "singular",
        Shape::Str,
        "Accessor name of one instance (default: the resource name).",
    ),
    key(
        "sid_prefix",
        Shape::Str,
        "Two-letter SID prefix(es) of the {Sid} path parameter, e.g. SM|MM.",
    ),
    key("list_path", Shape::Str, "Collection path, relative to base_path."),
    key(
        "path_params",
        Shape::Named("path_param"),
        "Types of this resource's path parameters that are not strings, e.g. {Index: integer}.",
    ),
    key("instance_path", Shape::Str, "Instance path, relative to base_path."),
    key("fields", Shape::Named("field"), "Response model."),
    key("methods", Shape::Named("method"), "Operations."),
    key("resources", Shape::Named("resource"), "Child resources."),
];

pub static METHOD_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for rustdoc."),
    Key {
        name: "http",
        shape: Shape::Str,
        required: false,
        doc: "HTTP verb override.",
        values: Http::VALUES,
    },
    key(
        "path",
        Shape::Str,
        "list, instance, or a path of its own (custom actions); list or instance (create).",
    ),
    choice(
        "returns",
        ActionReturns::VALUES,
        "What the operation returns (custom actions, create, update).",
    ),
    choice("body", Body::VALUES, "Encoding of body parameters (default form)."),
    key("deprecated", Shape::Bool, "Marks the operation deprecated."),
    key(
        "redirect",
        Shape::Bool,
        "The operation answers with a 3xx redirect whose JSON body is the model.",
    ),
    choice(
        "paging",
        Paging::VALUES,
        "List envelope of this list where it is not the file's (pages: numbered pages).",
    ),
    key(
        "accept",
        Shape::Str,
        "Media type of the JSON answer where it is not application/json, e.g. application/scim+json.",
    ),
    key("params", Shape::Named("param"), "Parameters, keyed by wire name."),
    key(
        "groups",
        Shape::Groups,
        "Groups of alternative parameters of which at least one is required.",
    ),
    key(
        "page_size_max",
        Shape::Int,
        "Largest PageSize the operation accepts (list; default 1000).",
    ),
    key(
        "records_key",
        Shape::Str,
        "Key of the record array in a page (list; default: plural).",
    ),
];

pub static PARAM_KEYS: &[Key] = &[
    required("type", Shape::Type, "Type expression."),
    key("required", Shape::Bool, "Constructor argument instead of a setter."),
    Key {
        name: "in",
        shape: Shape::Str,
        required: false,
        doc: "Where the parameter goes.",
        values: Location::VALUES,
    },
    key(
        "range",
        Shape::Bool,
        "Also send the `<` and `>` variants of a date filter.",
    ),
    key(
        "sensitive",
        Shape::Bool,
        "Never show the value in Debug output or logs.",
    ),
    key("deprecated", Shape::Bool, "Marks the setter deprecated."),
    key("rust_name", Shape::Str, "Overrides the derived Rust name."),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static FIELD_KEYS: &[Key] = &[
    required("type", Shape::Type, "Type expression."),
    key(
        "nullable",
        Shape::Bool,
        "false makes the field plain T instead of Option<T> (default true).",
    ),
    key("sensitive", Shape::Bool, "Never show the value in Debug output."),
    key("deprecated", Shape::Bool, "Marks the field deprecated."),
    key("rust_name", Shape::Str, "Overrides the derived Rust name."),
    choice(
        "dates",
        DateStyle::VALUES,
        "Format of this date-time field where it differs from the file's `dates`.",
    ),
    key("doc", Shape::Str, "Prose for rustdoc."),
];

pub static GROUP_KEYS: &[Key] = &[
    required(
        "name",
        Shape::Str,
        "Name shown in the error when the group is not satisfied.",
    ),
    required("params", Shape::StrList, "Wire names of the alternatives."),
    key("exclusive", Shape::Bool, "Exactly one instead of at least one."),
];

#[derive(Debug, Clone)]
pub struct SpecFile {
    pub file: String,
    pub product: Located<String>,
    pub version: Located<String>,
    pub host: Located<String>,
    pub base_path: Located<String>,
    pub dates: Option<Located<DateStyle>>,
    pub paging: Located<Paging>,
    pub auth: Option<Located<Auth>>,
    pub account_sid_param: Option<Located<String>>,
    pub official_file: Option<Located<String>>,
    pub docs: Option<String>,
    pub doc: Option<String>,
    pub enums: Vec<EnumDef>,
    pub objects: Vec<ObjectDef>,
    pub inputs: Vec<InputDef>,
    pub resources: Vec<ResourceDef>,
}

#[derive(Debug, Clone)]
pub struct EnumDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub values: Vec<Located<String>>,
}

#[derive(Debug, Clone)]
pub struct ObjectDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub fields: Vec<FieldDef>,
}

/// A JSON object sent as (part of) a request body.
#[derive(Debug, Clone)]
pub struct InputDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    /// `None` when the input has no `fields` key (one of several inputs).
    pub fields: Option<Vec<MemberDef>>,
    pub tag: Option<Located<String>>,
    /// (tag value, input name).
    pub one_of: Vec<(Located<String>, Located<String>)>,
}

#[derive(Debug, Clone)]
pub struct MemberDef {
    pub wire: Located<String>,
    pub ty: Located<String>,
    pub required: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    pub rust_name: Option<Located<String>>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ResourceDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub plural: Option<Located<String>>,
    pub singular: Option<Located<String>>,
    /// `(wire name, type)` of path parameters that are not strings.
    pub path_params: Vec<(Located<String>, Located<String>)>,
    pub sid_prefix: Option<Located<String>>,
    pub list_path: Option<Located<String>>,
    pub instance_path: Option<Located<String>>,
    pub fields: Vec<FieldDef>,
    pub methods: Vec<MethodDef>,
    pub resources: Vec<ResourceDef>,
}

#[derive(Debug, Clone)]
pub struct MethodDef {
    pub name: Located<String>,
    pub doc: Option<String>,
    pub http: Option<Located<Http>>,
    pub path: Option<Located<String>>,
    pub returns: Option<Located<ActionReturns>>,
    pub body: Option<Located<Body>>,
    pub deprecated: bool,
    pub redirect: bool,
    pub accept: Option<Located<String>>,
    pub paging: Option<Located<Paging>>,
    pub params: Vec<ParamDef>,
    pub groups: Vec<GroupDef>,
    pub page_size_max: Option<Located<i64>>,
    pub records_key: Option<Located<String>>,
}

#[derive(Debug, Clone)]
pub struct ParamDef {
    pub wire: Located<String>,
    pub ty: Located<String>,
    pub required: bool,
    pub location: Option<Located<Location>>,
    pub range: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    pub rust_name: Option<Located<String>>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FieldDef {
    pub wire: Located<String>,
    pub ty: Located<String>,
    pub nullable: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    pub rust_name: Option<Located<String>>,
    pub dates: Option<Located<DateStyle>>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GroupDef {
    pub name: Located<String>,
    pub params: Vec<Located<String>>,
    pub exclusive: bool,
    pub pos: Pos,
}

/// The entries of a mapping whose keys were checked against a table, in file order; a key whose
/// value has the wrong shape is left out (and reported).
pub(crate) struct Entries<'n> {
    entries: Vec<(&'n str, &'n Node)>,
}

impl<'n> Entries<'n> {
    pub(crate) fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// Decodes a whole spec file; `None` when its top level is unusable. Problems go to `sink`.
pub fn decode(sink: &mut Sink, root: &Node) -> Option<SpecFile> {
    let e = entries(sink, root, FILE_KEYS, "a spec file")?;
    let file = SpecFile {
        file: sink.file.clone(),
        dates: chosen(&e, "dates"),
        auth: chosen(&e, "auth"),
        account_sid_param: text(&e, "account_sid_param"),
        official_file: text(&e, "official_file"),
        docs: text(&e, "docs").map(|l| l.value),
        doc: text(&e, "doc").map(|l| l.value),
        enums: e
            .get("enums")
            .map(|n| named(sink, n, "enums", decode_enum))
            .unwrap_or_default(),
        objects: e
            .get("objects")
            .map(|n| named(sink, n, "objects", decode_object))
            .unwrap_or_default(),
        inputs: e
            .get("inputs")
            .map(|n| named(sink, n, "inputs", decode_input))
            .unwrap_or_default(),
        resources: e
            .get("resources")
            .map(|n| named(sink, n, "resources", decode_resource))
            .unwrap_or_default(),
        product: text(&e, "product")?,
        version: text(&e, "version")?,
        host: text(&e, "host")?,
        base_path: text(&e, "base_path")?,
        paging: chosen(&e, "paging")?,
    };
    Some(file)
}

/// Decodes an `enums:` mapping (short and long forms), shared with the webhook payload and TwiML
/// formats.
pub fn decode_enums(sink: &mut Sink, node: &Node) -> Vec<EnumDef> {
    named(sink, node, "enums", decode_enum)
}

/// Checks that `node` is a mapping, that its keys are in `table` with values of the right
/// kind, and that required keys are present. Unknown keys get the closest key as a hint; `what`
/// names the mapping in messages (`a spec file`, ``method `create` ``). A `null` node reads as an
/// empty mapping when no key is required.
pub(crate) fn entries<'n>(sink: &mut Sink, node: &'n Node, table: &[Key], what: &str) -> Option<Entries<'n>> {
    let Kind::Map(pairs) = &node.kind else {
        if node.is_null() {
            let missing: Vec<_> = table.iter().filter(|k| k.required).map(|k| k.name).collect();
            if missing.is_empty() {
                return Some(Entries { entries: Vec::new() });
            }
        }
        sink.error(
            node.pos,
            format!("expected {what} (a mapping), found {}", node.describe()),
        );
        return None;
    };
    let mut out = Vec::new();
    // Required keys that an unknown key was taken for (`hots` → `host`): reported once, as a typo.
    let mut suggested: Vec<&str> = Vec::new();
    for (k, v) in pairs {
        let Some(name) = k.as_str() else {
            sink.error(k.pos, "keys must be plain strings");
            continue;
        };
        match table.iter().find(|key| key.name == name) {
            Some(key) => {
                if check_shape(sink, key, v) {
                    out.push((name, v));
                }
            }
            None => {
                let names = table.iter().map(|k| k.name);
                match closest(name, names) {
                    Some(best) => {
                        suggested.push(best);
                        sink.error_with_hint(
                            k.pos,
                            format!("unknown key `{name}` in {what}"),
                            format!("did you mean `{best}`?"),
                        )
                    }
                    None => sink.error_with_hint(
                        k.pos,
                        format!("unknown key `{name}` in {what}"),
                        format!(
                            "valid keys: {}",
                            table.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                }
            }
        }
    }
    for key in table.iter().filter(|k| k.required) {
        if !pairs.iter().any(|(k, _)| k.as_str() == Some(key.name)) && !suggested.contains(&key.name) {
            sink.error(node.pos, format!("{what} is missing the required key `{}`", key.name));
        }
    }
    Some(Entries { entries: out })
}

fn check_shape(sink: &mut Sink, key: &Key, v: &Node) -> bool {
    let ok = match key.shape {
        Shape::Str | Shape::Type => matches!(v.kind, Kind::Scalar { .. }) && !v.is_null(),
        Shape::Bool => matches!(v.as_str(), Some("true" | "false")),
        Shape::Int => v.as_str().is_some_and(|s| s.parse::<i64>().is_ok()),
        Shape::StrList => matches!(v.kind, Kind::Seq(_)),
        Shape::Named(_) => matches!(v.kind, Kind::Map(_)) || v.is_null(),
        Shape::Groups => matches!(v.kind, Kind::Seq(_)) || v.is_null(),
    };
    if !ok {
        let expected = match key.shape {
            Shape::Str => "a string",
            Shape::Type => "a type such as `string` or `list<uri>`",
            Shape::Bool => "true or false",
            Shape::Int => "an integer",
            Shape::StrList | Shape::Groups => "a list",
            _ => "a mapping",
        };
        sink.error(
            v.pos,
            format!("`{}` must be {expected}, found {}", key.name, describe_value(v)),
        );
        return false;
    }
    if !key.values.is_empty() {
        let value = v.as_str().unwrap_or_default();
        if !key.values.contains(&value) {
            let hint = match closest(value, key.values.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("one of: {}", key.values.join(", ")),
            };
            sink.error_with_hint(v.pos, format!("`{}` cannot be `{value}`", key.name), hint);
            return false;
        }
    }
    true
}

fn describe_value(v: &Node) -> String {
    match v.as_str() {
        Some(s) if !v.is_null() => format!("`{s}`"),
        _ => v.describe().to_owned(),
    }
}

/// A `Shape::Bool` entry: absent reads as `false`.
pub(crate) fn flag(e: &Entries, name: &str) -> bool {
    e.get(name).and_then(Node::as_str) == Some("true")
}

/// A scalar entry (`Shape::Str`, `Shape::Type`) with its position.
pub(crate) fn text(e: &Entries, name: &str) -> Option<Located<String>> {
    e.get(name).and_then(|n| {
        n.as_str().map(|s| Located {
            value: s.to_owned(),
            pos: n.pos,
        })
    })
}

/// The value of a key with a closed set of values. A value outside the set was already
/// reported by the key check, so it reads as absent here (and the spec does not load).
pub(crate) fn chosen<T: ClosedSet>(e: &Entries, name: &str) -> Option<Located<T>> {
    text(e, name).and_then(|t| T::from_text(&t.value).map(|value| Located { value, pos: t.pos }))
}

/// Decodes a mapping of name → definition (a `Shape::Named` entry), in file order; `decode`
/// gets each name with its position and reports its own problems.
pub(crate) fn named<'n, T>(
    sink: &mut Sink,
    node: &'n Node,
    what: &str,
    mut decode: impl FnMut(&mut Sink, Located<String>, &'n Node) -> Option<T>,
) -> Vec<T> {
    let Kind::Map(pairs) = &node.kind else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in pairs {
        let Some(name) = k.as_str() else {
            sink.error(k.pos, format!("names in `{what}` must be plain strings"));
            continue;
        };
        if let Some(item) = decode(
            sink,
            Located {
                value: name.to_owned(),
                pos: k.pos,
            },
            v,
        ) {
            out.push(item);
        }
    }
    out
}

/// The strings of a list, with their positions; `what` names the list in messages.
pub(crate) fn string_list(sink: &mut Sink, node: &Node, what: &str) -> Vec<Located<String>> {
    let Kind::Seq(items) = &node.kind else {
        sink.error(node.pos, format!("{what} must be a list, found {}", node.describe()));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match item.as_str() {
            Some(s) if !item.is_null() => out.push(Located {
                value: s.to_owned(),
                pos: item.pos,
            }),
            _ => sink.error(item.pos, format!("{what} must hold strings, found {}", item.describe())),
        }
    }
    out
}

fn decode_enum(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<EnumDef> {
    if let Kind::Seq(_) = node.kind {
        let values = string_list(sink, node, "enum values");
        return Some(EnumDef {
            name,
            doc: None,
            values,
        });
    }
    let e = entries(sink, node, ENUM_KEYS, &format!("enum `{}`", name.value))?;
    let values = e
        .get("values")
        .map(|n| string_list(sink, n, "enum values"))
        .unwrap_or_default();
    Some(EnumDef {
        doc: text(&e, "doc").map(|l| l.value),
        values,
        name,
    })
}

fn decode_object(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<ObjectDef> {
    let e = entries(sink, node, OBJECT_KEYS, &format!("object `{}`", name.value))?;
    let fields = e
        .get("fields")
        .map(|n| named(sink, n, "fields", decode_field))
        .unwrap_or_default();
    Some(ObjectDef {
        doc: text(&e, "doc").map(|l| l.value),
        fields,
        name,
    })
}

fn decode_input(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<InputDef> {
    let e = entries(sink, node, INPUT_KEYS, &format!("input `{}`", name.value))?;
    let fields = e.get("fields").map(|n| named(sink, n, "fields", decode_member));
    let one_of = e
        .get("one_of")
        .map(|n| {
            named(sink, n, "one_of", |sink, value, node| match short_form(node) {
                Some(input) => Some((value, input)),
                None => {
                    sink.error(node.pos, format!("`{}` must name an input", value.value));
                    None
                }
            })
        })
        .unwrap_or_default();
    Some(InputDef {
        doc: text(&e, "doc").map(|l| l.value),
        fields,
        tag: text(&e, "tag"),
        one_of,
        name,
    })
}

fn decode_member(sink: &mut Sink, wire: Located<String>, node: &Node) -> Option<MemberDef> {
    if let Some(ty) = short_form(node) {
        return Some(MemberDef {
            wire,
            ty,
            required: false,
            sensitive: false,
            deprecated: false,
            rust_name: None,
            doc: None,
        });
    }
    let e = entries(sink, node, MEMBER_KEYS, &format!("member `{}`", wire.value))?;
    Some(MemberDef {
        ty: text(&e, "type")?,
        required: flag(&e, "required"),
        sensitive: flag(&e, "sensitive"),
        deprecated: flag(&e, "deprecated"),
        rust_name: text(&e, "rust_name"),
        doc: text(&e, "doc").map(|l| l.value),
        wire,
    })
}

fn decode_resource(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<ResourceDef> {
    let e = entries(sink, node, RESOURCE_KEYS, &format!("resource `{}`", name.value))?;
    Some(ResourceDef {
        doc: text(&e, "doc").map(|l| l.value),
        docs: text(&e, "docs").map(|l| l.value),
        plural: text(&e, "plural"),
        singular: text(&e, "singular"),
        path_params: e
            .get("path_params")
            .map(|n| {
                named(sink, n, "path_params", |sink, name, node| match short_form(node) {
                    Some(ty) => Some((name, ty)),
                    None => {
                        sink.error(node.pos, format!("path parameter `{}` needs a type", name.value));
                        None
                    }
                })
            })
            .unwrap_or_default(),
        sid_prefix: text(&e, "sid_prefix"),
        list_path: text(&e, "list_path"),
        instance_path: text(&e, "instance_path"),
        fields: e
            .get("fields")
            .map(|n| named(sink, n, "fields", decode_field))
            .unwrap_or_default(),
        methods: e
            .get("methods")
            .map(|n| named(sink, n, "methods", decode_method))
            .unwrap_or_default(),
        resources: e
            .get("resources")
            .map(|n| named(sink, n, "resources", decode_resource))
            .unwrap_or_default(),
        name,
    })
}

fn decode_method(sink: &mut Sink, name: Located<String>, node: &Node) -> Option<MethodDef> {
    let e = entries(sink, node, METHOD_KEYS, &format!("method `{}`", name.value))?;
    let groups = match e.get("groups") {
        Some(Node {
            kind: Kind::Seq(items), ..
        }) => items.iter().filter_map(|g| decode_group(sink, g)).collect(),
        _ => Vec::new(),
    };
    Some(MethodDef {
        doc: text(&e, "doc").map(|l| l.value),
        http: chosen(&e, "http"),
        path: text(&e, "path"),
        returns: chosen(&e, "returns"),
        body: chosen(&e, "body"),
        deprecated: flag(&e, "deprecated"),
        redirect: flag(&e, "redirect"),
        accept: text(&e, "accept"),
        paging: chosen(&e, "paging"),
        params: e
            .get("params")
            .map(|n| named(sink, n, "params", decode_param))
            .unwrap_or_default(),
        groups,
        page_size_max: e.get("page_size_max").and_then(|n| {
            n.as_str()
                .and_then(|s| s.parse().ok())
                .map(|value| Located { value, pos: n.pos })
        }),
        records_key: text(&e, "records_key"),
        name,
    })
}

fn decode_group(sink: &mut Sink, node: &Node) -> Option<GroupDef> {
    let e = entries(sink, node, GROUP_KEYS, "a parameter group")?;
    Some(GroupDef {
        name: text(&e, "name")?,
        params: e
            .get("params")
            .map(|n| string_list(sink, n, "group params"))
            .unwrap_or_default(),
        exclusive: flag(&e, "exclusive"),
        pos: node.pos,
    })
}

fn decode_param(sink: &mut Sink, wire: Located<String>, node: &Node) -> Option<ParamDef> {
    if let Some(ty) = short_form(node) {
        return Some(ParamDef {
            wire,
            ty,
            required: false,
            location: None,
            range: false,
            sensitive: false,
            deprecated: false,
            rust_name: None,
            doc: None,
        });
    }
    let e = entries(sink, node, PARAM_KEYS, &format!("parameter `{}`", wire.value))?;
    Some(ParamDef {
        ty: text(&e, "type")?,
        required: flag(&e, "required"),
        location: chosen(&e, "in"),
        range: flag(&e, "range"),
        sensitive: flag(&e, "sensitive"),
        deprecated: flag(&e, "deprecated"),
        rust_name: text(&e, "rust_name"),
        doc: text(&e, "doc").map(|l| l.value),
        wire,
    })
}

fn decode_field(sink: &mut Sink, wire: Located<String>, node: &Node) -> Option<FieldDef> {
    if let Some(ty) = short_form(node) {
        return Some(FieldDef {
            wire,
            ty,
            nullable: true,
            sensitive: false,
            deprecated: false,
            rust_name: None,
            dates: None,
            doc: None,
        });
    }
    let e = entries(sink, node, FIELD_KEYS, &format!("field `{}`", wire.value))?;
    Some(FieldDef {
        ty: text(&e, "type")?,
        nullable: e.get("nullable").and_then(Node::as_str) != Some("false"),
        sensitive: flag(&e, "sensitive"),
        deprecated: flag(&e, "deprecated"),
        rust_name: text(&e, "rust_name"),
        dates: chosen(&e, "dates"),
        doc: text(&e, "doc").map(|l| l.value),
        wire,
    })
}

/// `Name: type` instead of `Name: {type: type}`.
pub(crate) fn short_form(node: &Node) -> Option<Located<String>> {
    match &node.kind {
        Kind::Scalar { text, .. } if !node.is_null() => Some(Located {
            value: text.clone(),
            pos: node.pos,
        }),
        _ => None,
    }
}
