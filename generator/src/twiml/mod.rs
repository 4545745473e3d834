//! TwiML: `spec/twiml/*.yaml` → typed TwiML builders in `generated/src/generated/twiml_verbs/`.
//!
//! Each file describes one kind of TwiML document (voice, messaging): its root element, the
//! elements that may appear in it with their attributes, text and allowed children, and the
//! enums attribute values are drawn from. The format is documented in `spec/README.md`
//! ("TwiML"). Like the REST pipeline: positioned YAML tree ([`crate::yaml`]) → key tables
//! (`crate::spec` [`Key`]s, checked and decoded by its helpers; they also give
//! `spec/twiml/schema.json`) and located diagnostics (this module) → a checked [`Description`] →
//! `quote!` tokens ([`emit`], reusing [`crate::emit`]'s identifiers, docs and enums) →
//! prettyplease.

mod emit;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::closed::ClosedSet;
use crate::diag::{closest, Pos, Sink};
use crate::model::{Enum, Ty};
use crate::naming::{Namespace, TypeNames};
use crate::spec::{self, choice, key, required, Key, Located, Shape};
use crate::types::{resolve_type, TypeScope, TypeUse};
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

pub use crate::closed::Text;

/// One attribute and its setter.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// Attribute name on the wire (`statusCallbackEvent`, `xml:lang`).
    pub wire: String,
    /// Setter name (`status_callback_event`, `xml_lang`, `for_`).
    pub rust: String,
    /// One of the types [`TypeUse::Attribute`] allows.
    pub ty: Ty,
    /// The type as written in the spec, for rustdoc.
    pub spec_type: String,
    pub doc: Option<String>,
    pub deprecated: bool,
}

pub static FILE_KEYS: &[Key] = &[
    key("doc", Shape::Str, "Prose for the module's rustdoc."),
    key(
        "docs",
        Shape::Str,
        "Link to Twilio's documentation of this kind of TwiML.",
    ),
    required(
        "root",
        Shape::Str,
        "Key of the element that is the document, e.g. VoiceResponse.",
    ),
    key(
        "enums",
        Shape::Named("enum"),
        "Value sets of attributes, as in REST specs.",
    ),
    required(
        "elements",
        Shape::Named("element"),
        "The elements, keyed by Rust type name (PascalCase).",
    ),
];
pub static ELEMENT_KEYS: &[Key] = &[
    key("name", Shape::Str, "Element name on the wire (default: the key)."),
    key("doc", Shape::Str, "Prose for rustdoc."),
    key("docs", Shape::Str, "Link to Twilio's documentation of the element."),
    choice("text", Text::VALUES, "How the element holds text (default none)."),
    key("text_doc", Shape::Str, "What the text content is, for rustdoc."),
    key(
        "attributes",
        Shape::Named("attribute"),
        "Attributes, keyed by wire name, in the order they are written.",
    ),
    key(
        "children",
        Shape::StrList,
        "Keys of the elements allowed inside; order is documentation only.",
    ),
    key(
        "add_method",
        Shape::Str,
        "Name of the method that appends the element to a parent (default: its wire name in snake_case).",
    ),
];
pub static ATTRIBUTE_KEYS: &[Key] = &[
    required("type", Shape::Type, "Attribute type."),
    key("doc", Shape::Str, "Prose for rustdoc."),
    key("rust_name", Shape::Str, "Overrides the derived setter name."),
    key("deprecated", Shape::Bool, "Marks the setter deprecated."),
];

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

/// A Rust method name for a wire name: snake_case, `_` appended to keywords (`for` → `for_`).
pub fn method_name(wire: &str) -> String {
    naming::escape_keyword(&naming::snake(wire))
}

/// Reads every `*.yaml` in `dir` in sorted order (none when the directory does not exist) and
/// emits the builder module: `mod.rs` plus one file per description.
pub fn generate(dir: &Path) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut descriptions = Vec::new();
    let mut problems = Vec::new();
    for (shown, text) in crate::read_yaml_files(dir, &format!("spec/{SPEC_DIR}"))? {
        match load_str(&shown, &text) {
            Ok(d) => descriptions.push(d),
            Err(mut d) => problems.append(&mut d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    emit::files(&descriptions).map_err(|message| vec![Diagnostic::internal(message)])
}

/// Reads and checks one TwiML description given as text. `file` is the path shown in
/// diagnostics (`spec/twiml/voice.yaml`); its stem is the Rust module name.
pub fn load_str(file: &str, text: &str) -> Result<Description, Vec<Diagnostic>> {
    let root = yaml::parse(file, text).map_err(|d| vec![d])?;
    let mut sink = Sink::new(file);
    let description = check(&mut sink, &root);
    sink.finish(description, "TwiML description")
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
    if !naming::is_snake_ident(&module) || naming::is_keyword(&module) {
        sink.error_with_hint(
            Pos { line: 1, col: 1 },
            format!("the file name `{module}` is not a usable Rust module name"),
            "name TwiML files in snake_case, e.g. `voice.yaml`",
        );
    }
    let file = spec::entries(sink, root, FILE_KEYS, "a TwiML description")?;
    let doc = spec::text(&file, "doc").map(|l| l.value);
    let docs = spec::text(&file, "docs").map(|l| l.value);
    let root_name = spec::text(&file, "root");

    // Enums first: attribute types refer to them.
    let enum_defs = file
        .get("enums")
        .map(|n| spec::decode_enums(sink, n))
        .unwrap_or_default();
    let enums: Vec<Enum> = enum_defs
        .iter()
        .map(|def| crate::resolve::resolve_enum(sink, def))
        .collect();
    let enum_keys: Vec<Located<String>> = enum_defs.into_iter().map(|def| def.name).collect();

    let mut drafts: Vec<Draft> = Vec::new();
    if let Some(node) = file.get("elements") {
        if let Kind::Map(pairs) = &node.kind {
            if pairs.iter().all(|(k, _)| k.as_str().is_none()) {
                sink.error(node.pos, "`elements` must define at least one element");
            }
        }
        drafts = spec::named(sink, node, "elements", |sink, name, def| {
            check_element(sink, name, def, &enum_keys)
        });
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

/// An enum, decoded and with variants as in REST specs; TwiML's name rule has a hint.
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
    }
    let what = format!("element `{}`", key.value);
    let e = spec::entries(sink, node, ELEMENT_KEYS, &what)?;
    let wire = match spec::text(&e, "name") {
        Some(n) => {
            if !is_xml_name(&n.value) {
                sink.error(n.pos, format!("`{}` is not a valid XML element name", n.value));
            }
            n.value
        }
        None => key.value.clone(),
    };
    let text = spec::chosen(&e, "text").map_or(Text::None, |t| t.value);
    let text_doc = spec::text(&e, "text_doc");
    if let (Some(t), Text::None) = (&text_doc, text) {
        sink.error_with_hint(
            t.pos,
            format!("element `{}` has `text_doc` but no text", key.value),
            "set `text: optional`, `required` or `mixed`",
        );
    }
    let add_method = match spec::text(&e, "add_method") {
        Some(m) => {
            if !naming::is_snake_ident(&m.value) || naming::is_keyword(&m.value) {
                sink.error(
                    m.pos,
                    format!("`add_method` `{}` must be a snake_case Rust name", m.value),
                );
            }
            m.value
        }
        None => method_name(&wire),
    };
    let children = e
        .get("children")
        .map(|n| spec::string_list(sink, n, "`children`"))
        .unwrap_or_default();

    let mut attrs: Vec<Attribute> = Vec::new();
    let mut attr_pos = Vec::new();
    if let Some(node) = e.get("attributes") {
        for (wire, def) in spec::named(sink, node, "attributes", |_, wire, def| Some((wire, def))) {
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
            doc: spec::text(&e, "doc").map(|l| l.value),
            docs: spec::text(&e, "docs").map(|l| l.value),
            text,
            text_doc: text_doc.map(|l| l.value),
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
    let (ty_text, doc, rust_name, deprecated) = match spec::short_form(node) {
        Some(ty) => (ty, None, None, false),
        None => {
            let e = spec::entries(
                sink,
                node,
                ATTRIBUTE_KEYS,
                &format!("attribute `{}` of `{element}`", wire.value),
            )?;
            (
                spec::text(&e, "type")?,
                spec::text(&e, "doc").map(|l| l.value),
                spec::text(&e, "rust_name"),
                spec::flag(&e, "deprecated"),
            )
        }
    };
    let enum_names: Vec<&str> = enum_keys.iter().map(|k| k.value.as_str()).collect();
    let scope = TypeScope {
        enums: &enum_names,
        objects: &[],
        inputs: &[],
    };
    let ty = resolve_type(sink, &ty_text, TypeUse::Attribute, scope);
    let rust = match rust_name {
        Some(r) => {
            if !naming::is_snake_ident(&r.value) || naming::is_keyword(&r.value) {
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

/// Every Rust type name in the module must be unique: elements, child enums, attribute enums.
fn check_rust_names(sink: &mut Sink, drafts: &[Draft], enums: &[Enum], enum_keys: &[Located<String>]) {
    let mut names = TypeNames::new(Namespace::Twiml);
    for d in drafts {
        let owner = format!("element `{}`", d.key.value);
        names.claim(sink, &d.element.rust, &owner, d.key.pos, "rename one of them");
    }
    for d in drafts {
        if d.element.has_child_enum() {
            let owner = format!("the child enum of element `{}`", d.key.value);
            names.claim(sink, &d.element.child_enum(), &owner, d.key.pos, "rename one of them");
        }
    }
    for (e, key) in enums.iter().zip(enum_keys) {
        names.claim(
            sink,
            &e.rust,
            &format!("enum `{}`", key.value),
            key.pos,
            "rename one of them",
        );
    }
}

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
    fn uses(ty: &Ty, i: usize) -> bool {
        match ty {
            Ty::Enum(j) => *j == i,
            Ty::List(inner) => uses(inner, i),
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
