//! TwiML: `spec/twiml/*.yaml` → typed TwiML builders in `generated/src/generated/twiml_verbs/`.
//!
//! Each file describes one kind of TwiML document (voice, messaging): its root element, the
//! elements that may appear in it with their attributes, text and allowed children, and the
//! enums attribute values are drawn from. The format is documented in `spec/README.md`
//! ("TwiML"). Like the REST pipeline: positioned YAML tree ([`crate::yaml`]) → key tables and
//! located diagnostics (this module) → a checked [`Description`] → `quote!` tokens
//! ([`emit`]) → prettyplease.

mod emit;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::{closest, Pos, Sink};
use crate::spec::Located;
use crate::yaml::{self, Kind, Node};
use crate::{naming, Diagnostic, OutputFile};

/// Directory of `spec/` holding the TwiML description.
pub const SPEC_DIR: &str = "twiml";
/// Generated module (under `generated/src/generated/`) holding the builders.
pub const MODULE: &str = "twiml_verbs";

/// One checked TwiML description: a module of builders.
#[derive(Debug, Clone)]
pub struct Description {
    /// The spec file, as shown in diagnostics and the `@generated` header.
    pub file: String,
    /// Rust module name (the file stem): `voice`, `messaging`.
    pub module: String,
    pub doc: Option<String>,
    pub docs: Option<String>,
    /// Index of the document root (`<Response>`) in `elements`.
    pub root: usize,
    pub enums: Vec<Enum>,
    pub elements: Vec<Element>,
}

/// An enum of attribute values.
#[derive(Debug, Clone)]
pub struct Enum {
    pub rust: String,
    pub doc: Option<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub rust: String,
    pub wire: String,
}

/// One TwiML element (verb, noun or SSML tag) and its builder.
#[derive(Debug, Clone)]
pub struct Element {
    /// Rust type name: the key in the spec.
    pub rust: String,
    /// Element name on the wire.
    pub wire: String,
    pub doc: Option<String>,
    pub docs: Option<String>,
    pub text: Text,
    /// What the text content is, for rustdoc.
    pub text_doc: Option<String>,
    pub attrs: Vec<Attribute>,
    /// Indexes into the description's elements.
    pub children: Vec<usize>,
    /// Name of the method that appends this element to a parent.
    pub add_method: String,
}

impl Element {
    /// Whether the element has a child enum (declared children, or text mixed with children).
    pub fn has_child_enum(&self) -> bool {
        !self.children.is_empty() || self.text == Text::Mixed
    }

    /// Name of the child enum, when it has one.
    pub fn child_enum(&self) -> String {
        format!("{}Child", self.rust)
    }
}

/// How an element holds text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// No text content.
    None,
    /// Optional text, set with `.text(…)`.
    Optional,
    /// Text is a constructor argument.
    Required,
    /// Text runs interleaved with child elements (`<Say>` with SSML).
    Mixed,
}

pub const TEXT_KINDS: &[&str] = &["none", "optional", "required", "mixed"];

/// One attribute and its setter.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// Attribute name on the wire (`statusCallbackEvent`, `xml:lang`).
    pub wire: String,
    /// Setter name (`status_callback_event`, `xml_lang`, `for_`).
    pub rust: String,
    pub ty: AttrType,
    /// The type as written in the spec, for rustdoc.
    pub spec_type: String,
    pub doc: Option<String>,
    pub deprecated: bool,
}

/// The attribute type vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrType {
    String,
    Uri,
    Integer,
    Number,
    Decimal,
    Boolean,
    HttpMethod,
    Enum(usize),
    /// Space-separated on the wire.
    List(Box<AttrType>),
}

/// The scalar type names, for parsing and hints.
pub const SCALAR_TYPES: &[&str] = &[
    "string",
    "uri",
    "integer",
    "number",
    "decimal",
    "boolean",
    "http-method",
];

pub static FILE_KEYS: &[(&str, bool)] = &[
    ("doc", false),
    ("docs", false),
    ("root", true),
    ("enums", false),
    ("elements", true),
];
pub static ELEMENT_KEYS: &[(&str, bool)] = &[
    ("name", false),
    ("doc", false),
    ("docs", false),
    ("text", false),
    ("text_doc", false),
    ("attributes", false),
    ("children", false),
    ("add_method", false),
];
pub static ATTRIBUTE_KEYS: &[(&str, bool)] = &[
    ("type", true),
    ("doc", false),
    ("rust_name", false),
    ("deprecated", false),
];
pub static ENUM_KEYS: &[(&str, bool)] = &[("values", true), ("doc", false)];

/// Type names the generated module defines or uses besides the elements and enums.
const RESERVED_TYPES: &[&str] = &["Raw", "Element", "Document", "Self", "String", "Vec", "Option"];
/// Method names every builder has.
const RESERVED_METHODS: &[&str] = &[
    "new",
    "text",
    "child",
    "attr",
    "write_xml",
    "to_xml",
    "to_xml_fragment",
    "to_string",
    "clone",
    "default",
    "fmt",
    "eq",
];

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A Rust method name for a wire name: snake_case, `_` appended to keywords (`for` → `for_`).
pub fn method_name(wire: &str) -> String {
    let name = naming::snake(wire);
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Reads every `*.yaml` in `dir` in sorted order (none when the directory does not exist) and
/// emits the builder module: `mod.rs` plus one file per description.
pub fn generate(dir: &Path) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(vec![io_problem(&dir.display().to_string(), &e)]),
    };
    paths.sort();
    let mut descriptions = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = format!("spec/{SPEC_DIR}/{name}");
        match std::fs::read_to_string(&path) {
            Ok(text) => match load_str(&shown, &text) {
                Ok(d) => descriptions.push(d),
                Err(mut d) => problems.append(&mut d),
            },
            Err(e) => problems.push(io_problem(&shown, &e)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    emit::files(&descriptions).map_err(|message| {
        vec![Diagnostic {
            file: "generator".into(),
            pos: Pos::default(),
            message,
            hint: None,
        }]
    })
}

fn io_problem(file: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        pos: Pos::default(),
        message: format!("cannot read: {error}"),
        hint: None,
    }
}

/// Reads and checks one TwiML description given as text. `file` is the path shown in
/// diagnostics (`spec/twiml/voice.yaml`); its stem is the Rust module name.
pub fn load_str(file: &str, text: &str) -> Result<Description, Vec<Diagnostic>> {
    let root = yaml::parse(file, text).map_err(|d| vec![d])?;
    let mut sink = Sink::new(file);
    let description = check(&mut sink, &root);
    match description {
        Some(d) if sink.diagnostics.is_empty() => Ok(d),
        _ => {
            if sink.diagnostics.is_empty() {
                sink.error(Pos { line: 1, col: 1 }, "the TwiML description could not be read");
            }
            let mut diagnostics = sink.diagnostics;
            diagnostics.sort_by_key(|d| (d.pos.line, d.pos.col));
            Err(diagnostics)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shape: key tables.

/// Checks that `node` is a mapping whose keys are in `table`, with the required ones present.
/// Unknown keys are reported with the closest valid key.
fn entries<'n>(
    sink: &mut Sink,
    node: &'n Node,
    table: &[(&str, bool)],
    what: &str,
) -> Option<Vec<(&'n str, &'n Node)>> {
    let Kind::Map(pairs) = &node.kind else {
        if node.is_null() && !table.iter().any(|(_, required)| *required) {
            return Some(Vec::new());
        }
        sink.error(
            node.pos,
            format!("expected {what} (a mapping), found {}", node.describe()),
        );
        return None;
    };
    let mut out = Vec::new();
    let mut suggested = Vec::new();
    for (k, v) in pairs {
        let Some(name) = k.as_str() else {
            sink.error(k.pos, "keys must be plain strings");
            continue;
        };
        if table.iter().any(|(key, _)| *key == name) {
            out.push((name, v));
            continue;
        }
        match closest(name, table.iter().map(|(key, _)| *key)) {
            Some(best) => {
                suggested.push(best);
                sink.error_with_hint(
                    k.pos,
                    format!("unknown key `{name}` in {what}"),
                    format!("did you mean `{best}`?"),
                );
            }
            None => sink.error_with_hint(
                k.pos,
                format!("unknown key `{name}` in {what}"),
                format!(
                    "valid keys: {}",
                    table.iter().map(|(key, _)| *key).collect::<Vec<_>>().join(", ")
                ),
            ),
        }
    }
    for (key, required) in table {
        if *required && !out.iter().any(|(k, _)| k == key) && !suggested.contains(key) {
            sink.error(node.pos, format!("{what} is missing the required key `{key}`"));
        }
    }
    Some(out)
}

fn get<'n>(entries: &[(&str, &'n Node)], key: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// A non-empty scalar.
fn string(sink: &mut Sink, node: &Node, key: &str) -> Option<Located<String>> {
    match node.as_str() {
        Some(s) if !node.is_null() => Some(Located {
            value: s.to_owned(),
            pos: node.pos,
        }),
        _ => {
            sink.error(node.pos, format!("`{key}` must be a string, found {}", node.describe()));
            None
        }
    }
}

fn optional_string(sink: &mut Sink, e: &[(&str, &Node)], key: &str) -> Option<Located<String>> {
    get(e, key).and_then(|n| string(sink, n, key))
}

fn flag(sink: &mut Sink, e: &[(&str, &Node)], key: &str) -> bool {
    match get(e, key) {
        None => false,
        Some(n) => match n.as_str() {
            Some("true") => true,
            Some("false") => false,
            _ => {
                sink.error(n.pos, format!("`{key}` must be true or false, found {}", describe(n)));
                false
            }
        },
    }
}

fn describe(n: &Node) -> String {
    match n.as_str() {
        Some(s) if !n.is_null() => format!("`{s}`"),
        _ => n.describe().to_owned(),
    }
}

/// A list of non-empty scalars.
fn string_list(sink: &mut Sink, node: &Node, what: &str) -> Vec<Located<String>> {
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

/// The name → definition pairs of a mapping, in file order.
fn named<'n>(sink: &mut Sink, node: &'n Node, what: &str) -> Vec<(Located<String>, &'n Node)> {
    let Kind::Map(pairs) = &node.kind else {
        if !node.is_null() {
            sink.error(
                node.pos,
                format!("`{what}` must be a mapping, found {}", node.describe()),
            );
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (k, v) in pairs {
        match k.as_str() {
            Some(name) => out.push((
                Located {
                    value: name.to_owned(),
                    pos: k.pos,
                },
                v,
            )),
            None => sink.error(k.pos, format!("names in `{what}` must be plain strings")),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Meaning.

fn is_pascal_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('A'..='Z')) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// An XML name as TwiML uses them: ASCII letters, digits, `_`, `-`, `.`, and `:` (`xml:lang`).
fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('A'..='Z' | 'a'..='z' | '_'))
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

fn module_name(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An element as written, before children are resolved.
struct Draft {
    key: Located<String>,
    element: Element,
    /// Children as written.
    children: Vec<Located<String>>,
    /// Resolved children with the position where each is listed.
    child_refs: Vec<(usize, Pos)>,
    /// Position of each attribute's name, parallel to `element.attrs`.
    attr_pos: Vec<Pos>,
}

fn check(sink: &mut Sink, root: &Node) -> Option<Description> {
    let module = module_name(&sink.file);
    if !naming::is_snake_ident(&module) || KEYWORDS.contains(&module.as_str()) {
        sink.error_with_hint(
            Pos { line: 1, col: 1 },
            format!("the file name `{module}` is not a usable Rust module name"),
            "name TwiML files in snake_case, e.g. `voice.yaml`",
        );
    }
    let file = entries(sink, root, FILE_KEYS, "a TwiML description")?;
    let doc = optional_string(sink, &file, "doc").map(|l| l.value);
    let docs = optional_string(sink, &file, "docs").map(|l| l.value);
    let root_name = optional_string(sink, &file, "root");

    // Enums first: attribute types refer to them.
    let mut enums = Vec::new();
    let mut enum_keys: Vec<Located<String>> = Vec::new();
    if let Some(node) = get(&file, "enums") {
        for (name, def) in named(sink, node, "enums") {
            if let Some(e) = check_enum(sink, &name, def) {
                enum_keys.push(name);
                enums.push(e);
            }
        }
    }

    let mut drafts: Vec<Draft> = Vec::new();
    if let Some(node) = get(&file, "elements") {
        let list = named(sink, node, "elements");
        if list.is_empty() && !node.is_null() && matches!(node.kind, Kind::Map(_)) {
            sink.error(node.pos, "`elements` must define at least one element");
        }
        for (name, def) in list {
            if let Some(d) = check_element(sink, name, def, &enum_keys) {
                drafts.push(d);
            }
        }
    }

    // Children refer to elements by their Rust name.
    let index: HashMap<&str, usize> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.key.value.as_str(), i))
        .collect();
    let names: Vec<&str> = drafts.iter().map(|d| d.key.value.as_str()).collect();
    let root = root_name.as_ref().and_then(|r| match index.get(r.value.as_str()) {
        Some(i) => Some(*i),
        None => {
            unknown_element(sink, r, "`root` names", &names);
            None
        }
    });
    let mut resolved: Vec<Vec<(usize, Pos)>> = Vec::new();
    for d in &drafts {
        let mut kids = Vec::new();
        let mut seen = HashSet::new();
        for child in &d.children {
            match index.get(child.value.as_str()) {
                None => unknown_element(
                    sink,
                    child,
                    &format!("element `{}` lists the child", d.key.value),
                    &names,
                ),
                Some(_) if !seen.insert(child.value.as_str()) => sink.error(
                    child.pos,
                    format!("element `{}` lists the child `{}` twice", d.key.value, child.value),
                ),
                Some(i) if Some(*i) == root => sink.error(
                    child.pos,
                    format!(
                        "the root element `{}` cannot be a child of `{}`",
                        child.value, d.key.value
                    ),
                ),
                Some(i) => kids.push((*i, child.pos)),
            }
        }
        resolved.push(kids);
    }
    for (d, kids) in drafts.iter_mut().zip(resolved) {
        d.element.children = kids.iter().map(|(i, _)| *i).collect();
        d.child_refs = kids;
    }

    check_rust_names(sink, &drafts, &enums, &enum_keys);
    check_methods(sink, &drafts);
    if let Some(root) = root {
        check_reachable(sink, &drafts, root);
    }
    check_enums_used(sink, &drafts, &enum_keys);

    Some(Description {
        file: sink.file.clone(),
        module,
        doc,
        docs,
        root: root?,
        enums,
        elements: drafts.into_iter().map(|d| d.element).collect(),
    })
}

fn unknown_element(sink: &mut Sink, name: &Located<String>, context: &str, names: &[&str]) {
    let message = format!("{context} `{}`, which is not defined", name.value);
    match closest(&name.value, names.iter().copied()) {
        Some(best) => sink.error_with_hint(name.pos, message, format!("did you mean `{best}`?")),
        None => sink.error_with_hint(name.pos, message, "define it under `elements`"),
    }
}

fn check_enum(sink: &mut Sink, name: &Located<String>, node: &Node) -> Option<Enum> {
    if !naming::is_snake_ident(&name.value) {
        sink.error_with_hint(
            name.pos,
            format!("enum name `{}` must be snake_case", name.value),
            format!("e.g. `{}`", naming::snake(&name.value)),
        );
    }
    let (values, doc) = if let Kind::Seq(_) = node.kind {
        (string_list(sink, node, "enum values"), None)
    } else {
        let e = entries(sink, node, ENUM_KEYS, &format!("enum `{}`", name.value))?;
        let values = get(&e, "values")
            .map(|n| string_list(sink, n, "enum values"))
            .unwrap_or_default();
        (values, optional_string(sink, &e, "doc").map(|l| l.value))
    };
    if values.is_empty() {
        sink.error(name.pos, format!("enum `{}` has no values", name.value));
    }
    let mut variants: Vec<Variant> = Vec::new();
    for v in values {
        let Some(rust) = naming::variant(&v.value) else {
            sink.error(
                v.pos,
                format!("enum value `{}` gives no usable Rust variant name", v.value),
            );
            continue;
        };
        if rust == "Other" {
            sink.error_with_hint(
                v.pos,
                format!("enum value `{}` would become the variant `Other`", v.value),
                "`Other` is reserved for values the crate does not know",
            );
            continue;
        }
        if let Some(earlier) = variants.iter().find(|x| x.rust == rust) {
            let message = if earlier.wire == v.value {
                format!("enum `{}` lists the value `{}` twice", name.value, v.value)
            } else {
                format!(
                    "enum values `{}` and `{}` both become the variant `{rust}`",
                    earlier.wire, v.value
                )
            };
            sink.error(v.pos, message);
            continue;
        }
        variants.push(Variant { rust, wire: v.value });
    }
    Some(Enum {
        rust: naming::pascal(&name.value),
        doc,
        variants,
    })
}

fn check_element(sink: &mut Sink, key: Located<String>, node: &Node, enum_keys: &[Located<String>]) -> Option<Draft> {
    if !is_pascal_ident(&key.value) {
        sink.error_with_hint(
            key.pos,
            format!("element key `{}` must be a Rust type name in PascalCase", key.value),
            format!(
                "use e.g. `{}` and give the wire name with `name: {}`",
                naming::pascal(&key.value),
                key.value
            ),
        );
    } else if RESERVED_TYPES.contains(&key.value.as_str()) {
        sink.error(
            key.pos,
            format!(
                "`{}` is reserved in the generated module; choose another Rust name",
                key.value
            ),
        );
    }
    let what = format!("element `{}`", key.value);
    let e = entries(sink, node, ELEMENT_KEYS, &what)?;
    let wire = match optional_string(sink, &e, "name") {
        Some(n) => {
            if !is_xml_name(&n.value) {
                sink.error(n.pos, format!("`{}` is not a valid XML element name", n.value));
            }
            n.value
        }
        None => key.value.clone(),
    };
    let text = match get(&e, "text") {
        None => Text::None,
        Some(n) => match n.as_str().filter(|_| !n.is_null()) {
            Some("none") => Text::None,
            Some("optional") => Text::Optional,
            Some("required") => Text::Required,
            Some("mixed") => Text::Mixed,
            _ => {
                let value = n.as_str().unwrap_or_default();
                let hint = match closest(value, TEXT_KINDS.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("one of: {}", TEXT_KINDS.join(", ")),
                };
                sink.error_with_hint(n.pos, format!("`text` cannot be {}", describe(n)), hint);
                Text::None
            }
        },
    };
    let text_doc = optional_string(sink, &e, "text_doc").map(|l| l.value);
    if text_doc.is_some() && text == Text::None {
        if let Some(n) = get(&e, "text_doc") {
            sink.error_with_hint(
                n.pos,
                format!("element `{}` has `text_doc` but no text", key.value),
                "set `text: optional`, `required` or `mixed`",
            );
        }
    }
    let add_method = match optional_string(sink, &e, "add_method") {
        Some(m) => {
            if !naming::is_snake_ident(&m.value) || KEYWORDS.contains(&m.value.as_str()) {
                sink.error(
                    m.pos,
                    format!("`add_method` `{}` must be a snake_case Rust name", m.value),
                );
            }
            m.value
        }
        None => method_name(&wire),
    };
    let children = get(&e, "children")
        .map(|n| string_list(sink, n, "`children`"))
        .unwrap_or_default();

    let mut attrs: Vec<Attribute> = Vec::new();
    let mut attr_pos = Vec::new();
    if let Some(node) = get(&e, "attributes") {
        for (wire, def) in named(sink, node, "attributes") {
            if let Some(a) = check_attribute(sink, &key.value, &wire, def, enum_keys) {
                if let Some(earlier) = attrs.iter().find(|x| x.rust == a.rust) {
                    sink.error_with_hint(
                        wire.pos,
                        format!(
                            "attributes `{}` and `{}` of element `{}` both get the setter `{}`",
                            earlier.wire, a.wire, key.value, a.rust
                        ),
                        "give one of them a `rust_name`",
                    );
                    continue;
                }
                attrs.push(a);
                attr_pos.push(wire.pos);
            }
        }
    }
    if attrs.len() > usize::from(u16::MAX - 1) {
        sink.error(key.pos, format!("element `{}` has too many attributes", key.value));
    }
    Some(Draft {
        element: Element {
            rust: key.value.clone(),
            wire,
            doc: optional_string(sink, &e, "doc").map(|l| l.value),
            docs: optional_string(sink, &e, "docs").map(|l| l.value),
            text,
            text_doc,
            attrs,
            children: Vec::new(),
            add_method,
        },
        key,
        children,
        child_refs: Vec::new(),
        attr_pos,
    })
}

fn check_attribute(
    sink: &mut Sink,
    element: &str,
    wire: &Located<String>,
    node: &Node,
    enum_keys: &[Located<String>],
) -> Option<Attribute> {
    if !is_xml_name(&wire.value) {
        sink.error(wire.pos, format!("`{}` is not a valid XML attribute name", wire.value));
    }
    let (ty_text, doc, rust_name, deprecated) = match &node.kind {
        Kind::Scalar { .. } if !node.is_null() => (string(sink, node, "type")?, None, None, false),
        _ => {
            let e = entries(
                sink,
                node,
                ATTRIBUTE_KEYS,
                &format!("attribute `{}` of `{element}`", wire.value),
            )?;
            let ty = optional_string(sink, &e, "type")?;
            let doc = optional_string(sink, &e, "doc").map(|l| l.value);
            let rust_name = optional_string(sink, &e, "rust_name");
            (ty, doc, rust_name, flag(sink, &e, "deprecated"))
        }
    };
    let ty = parse_type(sink, &ty_text, enum_keys);
    let rust = match rust_name {
        Some(r) => {
            if !naming::is_snake_ident(&r.value) || KEYWORDS.contains(&r.value.as_str()) {
                sink.error(
                    r.pos,
                    format!("`rust_name` `{}` must be a snake_case Rust name", r.value),
                );
            }
            r.value
        }
        None => method_name(&wire.value),
    };
    if rust.is_empty() || !naming::is_snake_ident(rust.trim_end_matches('_')) {
        sink.error_with_hint(
            wire.pos,
            format!("attribute `{}` gives no usable Rust name", wire.value),
            "set `rust_name`",
        );
    }
    Some(Attribute {
        wire: wire.value.clone(),
        rust,
        ty: ty?,
        spec_type: ty_text.value,
        doc,
        deprecated,
    })
}

/// `string`, `uri`, `integer`, `number`, `decimal`, `boolean`, `http-method`, `enum<name>`,
/// `list<T>` (T any of these but a list).
fn parse_type(sink: &mut Sink, text: &Located<String>, enum_keys: &[Located<String>]) -> Option<AttrType> {
    fn parse(s: &str, enum_keys: &[Located<String>], nested: bool) -> Result<AttrType, (String, Option<String>)> {
        let s = s.trim();
        if let Some(inner) = s.strip_prefix("list<").and_then(|r| r.strip_suffix('>')) {
            if nested {
                return Err(("lists cannot be nested".into(), None));
            }
            let inner = parse(inner, enum_keys, true)?;
            return Ok(AttrType::List(Box::new(inner)));
        }
        if let Some(name) = s.strip_prefix("enum<").and_then(|r| r.strip_suffix('>')) {
            return match enum_keys.iter().position(|k| k.value == name) {
                Some(i) => Ok(AttrType::Enum(i)),
                None => Err((
                    format!("`enum<{name}>` names an enum that is not defined"),
                    closest(name, enum_keys.iter().map(|k| k.value.as_str()))
                        .map(|b| format!("did you mean `enum<{b}>`?"))
                        .or_else(|| Some("define it under `enums`".into())),
                )),
            };
        }
        match s {
            "string" => Ok(AttrType::String),
            "uri" => Ok(AttrType::Uri),
            "integer" => Ok(AttrType::Integer),
            "number" => Ok(AttrType::Number),
            "decimal" => Ok(AttrType::Decimal),
            "boolean" => Ok(AttrType::Boolean),
            "http-method" => Ok(AttrType::HttpMethod),
            other => Err((
                format!("unknown attribute type `{other}`"),
                Some(match closest(other, SCALAR_TYPES.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("types: {}, enum<name>, list<type>", SCALAR_TYPES.join(", ")),
                }),
            )),
        }
    }
    match parse(&text.value, enum_keys, false) {
        Ok(t) => Some(t),
        Err((message, hint)) => {
            match hint {
                Some(h) => sink.error_with_hint(text.pos, message, h),
                None => sink.error(text.pos, message),
            }
            None
        }
    }
}

/// Every Rust type name in the module must be unique: elements, child enums, attribute enums.
fn check_rust_names(sink: &mut Sink, drafts: &[Draft], enums: &[Enum], enum_keys: &[Located<String>]) {
    let mut taken: HashMap<String, String> = HashMap::new();
    let mut claim = |sink: &mut Sink, name: String, owner: String, pos: Pos| {
        if RESERVED_TYPES.contains(&name.as_str()) {
            sink.error(pos, format!("{owner} would be named `{name}`, which is reserved"));
            return;
        }
        match taken.get(&name) {
            Some(other) => sink.error_with_hint(
                pos,
                format!("{owner} would be named `{name}`, like {other}"),
                "rename one of them",
            ),
            None => {
                taken.insert(name, owner);
            }
        }
    };
    for d in drafts {
        claim(
            sink,
            d.element.rust.clone(),
            format!("element `{}`", d.key.value),
            d.key.pos,
        );
    }
    for d in drafts {
        if d.element.has_child_enum() {
            claim(
                sink,
                d.element.child_enum(),
                format!("the child enum of element `{}`", d.key.value),
                d.key.pos,
            );
        }
    }
    for (e, key) in enums.iter().zip(enum_keys) {
        claim(sink, e.rust.clone(), format!("enum `{}`", key.value), key.pos);
    }
}

/// Within one builder, setters, child methods and the fixed methods must not collide.
fn check_methods(sink: &mut Sink, drafts: &[Draft]) {
    for d in drafts {
        let mut taken: HashMap<&str, String> = RESERVED_METHODS
            .iter()
            .map(|m| (*m, "a method every builder has".to_owned()))
            .collect();
        for (a, pos) in d.element.attrs.iter().zip(&d.attr_pos) {
            if let Some(other) = taken.get(a.rust.as_str()) {
                sink.error_with_hint(
                    *pos,
                    format!(
                        "the setter `{}` of attribute `{}` on element `{}` clashes with {other}",
                        a.rust, a.wire, d.key.value
                    ),
                    "give the attribute a `rust_name`",
                );
                continue;
            }
            taken.insert(&a.rust, format!("the setter of attribute `{}`", a.wire));
        }
        for (child, pos) in &d.child_refs {
            let Some(c) = drafts.get(*child) else { continue };
            let method = c.element.add_method.as_str();
            if let Some(other) = taken.get(method) {
                sink.error_with_hint(
                    *pos,
                    format!(
                        "the method `{method}` that adds child `{}` to `{}` clashes with {other}",
                        c.key.value, d.key.value
                    ),
                    format!("set `add_method` on element `{}`", c.key.value),
                );
                continue;
            }
            taken.insert(method, format!("the method that adds child `{}`", c.key.value));
        }
    }
}

fn check_reachable(sink: &mut Sink, drafts: &[Draft], root: usize) {
    let mut seen = vec![false; drafts.len()];
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(drafts[i].element.children.iter().copied());
    }
    for (d, reached) in drafts.iter().zip(seen) {
        if !reached {
            sink.error_with_hint(
                d.key.pos,
                format!(
                    "element `{}` cannot appear in the document: no element lists it as a child",
                    d.key.value
                ),
                "add it to the `children` of a parent, or remove it",
            );
        }
    }
}

fn check_enums_used(sink: &mut Sink, drafts: &[Draft], enum_keys: &[Located<String>]) {
    fn uses(ty: &AttrType, i: usize) -> bool {
        match ty {
            AttrType::Enum(j) => *j == i,
            AttrType::List(inner) => uses(inner, i),
            _ => false,
        }
    }
    for (i, key) in enum_keys.iter().enumerate() {
        let used = drafts.iter().any(|d| d.element.attrs.iter().any(|a| uses(&a.ty, i)));
        if !used {
            sink.error_with_hint(
                key.pos,
                format!("enum `{}` is not used by any attribute", key.value),
                "remove it, or use it as `enum<name>`",
            );
        }
    }
}
