//! Validation and resolution: spec structs → model. Every problem is reported with its
//! position; resolution goes on after an error so that one run shows them all.

use std::collections::{BTreeMap, BTreeSet};

use crate::closed::{ActionReturns, Body};
use crate::diag::{closest, Pos, Sink};
use crate::model::*;
use crate::naming::{is_snake_ident, pascal, snake, variant, Namespace, TypeNames};
use crate::spec::{self, FieldDef, Located, MemberDef, MethodDef, ParamDef, ResourceDef, SpecFile};
use crate::types::{resolve_type, TypeExpr, TypeScope, TypeUse};

mod names;
mod params;
mod paths;

pub(crate) use names::ResourceNames;

/// Names the builders use for their own methods (`RequestBuilder`, the `SetParams` trait);
/// parameters must not take them.
pub(crate) const RESERVED_SETTERS: &[&str] = &[
    "send",
    "send_with_metadata",
    "stream",
    "limit",
    "page_size",
    "page_number",
    "page_token",
    "page_at",
    "into_future",
    "request",
    "params",
    "set",
    "add",
    "add_all",
    "add_texts",
    "insert",
    "redact",
    "build",
    "new",
];

/// Modules of a version other than its resources' (`mod.rs` is the version's own file).
const VERSION_MODULES: [&str; 4] = ["mod", "enums", "objects", "operations"];

pub fn resolve(sink: &mut Sink, spec: &SpecFile) -> Option<Product> {
    let start = sink.diagnostics.len();
    let mut r = Resolver {
        sink,
        spec,
        enums: Vec::new(),
        objects: Vec::new(),
        type_names: TypeNames::new(Namespace::Product),
        path_types: BTreeMap::new(),
        resource_names: BTreeMap::new(),
    };
    let product = r.product();
    (r.sink.diagnostics.len() == start).then_some(product)
}

struct Resolver<'a> {
    sink: &'a mut Sink,
    spec: &'a SpecFile,
    enums: Vec<Enum>,
    objects: Vec<Object>,
    /// Every Rust type name in the version module, to catch collisions.
    type_names: TypeNames,
    /// The non-string path parameter types of the resource being resolved.
    path_types: BTreeMap<String, Ty>,
    /// Every resource name resolved so far and where it was defined, to catch duplicates.
    resource_names: BTreeMap<String, Pos>,
}

impl Resolver<'_> {
    fn product(&mut self) -> Product {
        let spec = self.spec;
        for name in [&spec.product, &spec.version] {
            if !is_snake_ident(&name.value) {
                self.sink
                    .error(name.pos, format!("`{}` must be a snake_case identifier", name.value));
            }
        }
        if spec.host.value.contains("://") || spec.host.value.contains('/') {
            self.sink
                .error_with_hint(spec.host.pos, "`host` must be a bare host name", "e.g. api.twilio.com");
        }
        let base_path = &spec.base_path;
        if !base_path.value.starts_with('/') || base_path.value.ends_with('/') {
            self.sink.error_with_hint(
                base_path.pos,
                "`base_path` must start with `/` and not end with it",
                "e.g. /v2",
            );
        }
        let dates = spec.dates.as_ref().map_or(DateStyle::Iso8601, |d| d.value);
        let paging = spec.paging.value;

        self.claim_type(&pascal(&spec.version.value), "the version handle", spec.version.pos);
        self.enums = spec.enums.iter().filter_map(|e| self.enum_def(e)).collect();
        // Objects and inputs may refer to each other, so all names are known before fields are
        // resolved. Inputs follow the response objects in one list (see `TypeScope`).
        let declared = spec
            .objects
            .iter()
            .map(|o| (&o.name, &o.doc, false))
            .chain(spec.inputs.iter().map(|i| (&i.name, &i.doc, true)));
        for (name, doc, input) in declared {
            let what = if input { "input" } else { "object" };
            require_snake_case(self.sink, name, what);
            self.claim_type(&pascal(&name.value), &format!("{what} `{}`", name.value), name.pos);
            self.objects.push(Object {
                name: name.value.clone(),
                rust: pascal(&name.value),
                doc: doc.clone(),
                fields: Vec::new(),
                input,
                union: None,
            });
        }
        for (i, o) in spec.objects.iter().enumerate() {
            let fields = self.fields(&o.fields);
            self.objects[i].fields = fields;
        }
        for (i, input) in spec.inputs.iter().enumerate() {
            let members = self.members(input.fields.as_deref().unwrap_or_default());
            self.objects[spec.objects.len() + i].fields = members;
        }
        for (i, input) in spec.inputs.iter().enumerate() {
            let union = self.union(input, spec.objects.len());
            self.objects[spec.objects.len() + i].union = union;
        }
        self.check_object_cycles();

        let mut resources = Vec::new();
        for def in &spec.resources {
            self.resource(def, None, &mut resources);
        }
        self.check_accessors(&resources);
        for r in resources
            .iter()
            .filter(|r| r.methods.is_empty() && r.children.is_empty())
        {
            let pos = self.resource_names.get(&r.name).copied().unwrap_or_default();
            self.sink.error_with_hint(
                pos,
                format!("resource `{}` has neither methods nor child resources", r.name),
                "describe its methods, or remove it",
            );
        }
        if let Some(param) = &spec.account_sid_param {
            if !resources.iter().any(|r| r.bound.iter().any(|b| b.defaulted)) {
                self.sink.error_with_hint(
                    param.pos,
                    format!(
                        "`account_sid_param` names `{}`, which no resource path uses",
                        param.value
                    ),
                    "remove it, or check the spelling against the paths",
                );
            }
        }

        Product {
            file: spec.file.clone(),
            product: spec.product.value.clone(),
            version: spec.version.value.clone(),
            feature: format!("{}-{}", spec.product.value, spec.version.value).replace('_', "-"),
            official_file: spec.official_file.as_ref().map_or_else(
                || format!("twilio_{}_{}.yaml", spec.product.value, spec.version.value),
                |f| f.value.clone(),
            ),
            host: spec.host.value.clone(),
            base_path: spec.base_path.value.clone(),
            dates,
            paging,
            bearer_auth: spec
                .auth
                .as_ref()
                .is_some_and(|a| a.value == crate::closed::Auth::Bearer),
            docs: spec.docs.clone(),
            doc: spec.doc.clone(),
            enums: std::mem::take(&mut self.enums),
            objects: std::mem::take(&mut self.objects),
            resources,
        }
    }

    fn enum_def(&mut self, def: &spec::EnumDef) -> Option<Enum> {
        let e = resolve_enum(self.sink, def);
        self.claim_type(&e.rust, &format!("enum `{}`", e.name), def.name.pos);
        Some(e)
    }

    /// Resolves a type for a parameter or a response field.
    fn ty(&mut self, text: &Located<String>, for_param: bool) -> Option<Ty> {
        let enums: Vec<&str> = self.enums.iter().map(|e| e.name.as_str()).collect();
        let named = |input: bool| -> Vec<&str> {
            self.objects
                .iter()
                .filter(|o| o.input == input)
                .map(|o| o.name.as_str())
                .collect()
        };
        let (objects, inputs) = (named(false), named(true));
        let usage = if for_param { TypeUse::Param } else { TypeUse::Field };
        let scope = TypeScope {
            enums: &enums,
            objects: &objects,
            inputs: &inputs,
        };
        resolve_type(self.sink, text, usage, scope)
    }

    fn fields(&mut self, defs: &[FieldDef]) -> Vec<Field> {
        let mut out = Vec::new();
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        for def in defs {
            let rust = self.rust_name(&def.wire, def.rust_name.as_ref());
            if let Some(other) = names.get(&rust) {
                self.sink.error_with_hint(
                    def.wire.pos,
                    format!("fields `{other}` and `{}` both become `{rust}` in Rust", def.wire.value),
                    "give one of them a `rust_name`",
                );
                continue;
            }
            names.insert(rust.clone(), &def.wire.value);
            let Some(ty) = self.ty(&def.ty, false) else { continue };
            // Models are filled from `Default` and then field by field, so a field that must be
            // present needs a type with a default value.
            if !def.nullable && matches!(ty, Ty::Enum(_) | Ty::Object(_) | Ty::Decimal | Ty::HttpMethod) {
                self.sink.error_with_hint(
                    def.ty.pos,
                    format!("`nullable: false` is not supported for `{}` fields", def.ty.value),
                    "leave the field nullable (an `Option`)",
                );
                continue;
            }
            if !def.nullable && out.iter().filter(|f: &&Field| !f.optional).count() == 64 {
                self.sink
                    .error(def.ty.pos, "a model has at most 64 fields with `nullable: false`");
                continue;
            }
            out.push(Field {
                wire: def.wire.value.clone(),
                rust,
                ty,
                spec_type: def.ty.value.clone(),
                optional: def.nullable,
                sensitive: def.sensitive,
                deprecated: def.deprecated,
                dates: def.dates.as_ref().map(|d| d.value),
                doc: def.doc.clone(),
            });
        }
        out
    }

    /// The members of an input: typed like parameters (`object<x>` names another input), sent
    /// as JSON, required ones plain constructor arguments.
    fn members(&mut self, defs: &[MemberDef]) -> Vec<Field> {
        let mut out = Vec::new();
        let mut names: BTreeMap<String, &str> = BTreeMap::new();
        for def in defs {
            let rust = self.rust_name(&def.wire, def.rust_name.as_ref());
            if let Some(other) = names.get(&rust) {
                self.sink.error_with_hint(
                    def.wire.pos,
                    format!(
                        "members `{other}` and `{}` both become `{rust}` in Rust",
                        def.wire.value
                    ),
                    "give one of them a `rust_name`",
                );
                continue;
            }
            if rust == "new" {
                self.sink.error_with_hint(
                    def.wire.pos,
                    "a member named `new` would clash with the constructor",
                    "give it a `rust_name`",
                );
                continue;
            }
            names.insert(rust.clone(), &def.wire.value);
            let Some(ty) = self.ty(&def.ty, true) else { continue };
            if matches!(ty, Ty::PrefixedMap(_)) {
                self.sink.error_with_hint(
                    def.ty.pos,
                    format!("type `{}` cannot be used in an input", def.ty.value),
                    "a prefixed map is a form encoding; use `json` for a free-form object",
                );
                continue;
            }
            out.push(Field {
                wire: def.wire.value.clone(),
                rust,
                ty,
                spec_type: def.ty.value.clone(),
                optional: !def.required,
                sensitive: def.sensitive,
                deprecated: def.deprecated,
                dates: None,
                doc: def.doc.clone(),
            });
        }
        out
    }

    /// The inputs `def` is one of (`one_of` and `tag`), each an input with members, none
    /// holding the tag itself; `None` for an input with fields. `first` is the index of the
    /// first input among the objects.
    fn union(&mut self, def: &spec::InputDef, first: usize) -> Option<Union> {
        let name = &def.name;
        let tag = match (&def.tag, def.one_of.is_empty(), &def.fields) {
            (None, true, Some(_)) => return None,
            (None, true, None) => {
                self.sink.error_with_hint(
                    name.pos,
                    format!("input `{}` has neither `fields` nor `one_of`", name.value),
                    "describe its members under `fields:`",
                );
                return None;
            }
            (Some(tag), false, None) => tag,
            (_, false, Some(_)) => {
                self.sink.error_with_hint(
                    name.pos,
                    format!("input `{}` has both `fields` and `one_of`", name.value),
                    "an input is an object with members, or one of several inputs",
                );
                return None;
            }
            (None, false, _) => {
                self.sink.error_with_hint(
                    name.pos,
                    format!("input `{}` is one of several inputs but has no `tag`", name.value),
                    "name the member that says which one it is, e.g. `tag: channel`",
                );
                return None;
            }
            (Some(tag), true, _) => {
                self.sink.error_with_hint(
                    tag.pos,
                    "`tag` belongs with `one_of`",
                    "list the inputs under `one_of:`",
                );
                return None;
            }
        };
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (value, input) in &def.one_of {
            let found = self.objects[first..]
                .iter()
                .position(|o| o.name == input.value)
                .map(|i| first + i);
            let Some(index) = found else {
                self.sink
                    .error(input.pos, format!("input `{}` is not defined", input.value));
                continue;
            };
            let chosen = &self.objects[index];
            let problem = if chosen.fields.iter().any(|f| f.wire == tag.value) {
                Some(format!("input `{}` has a member `{}`, the tag", input.value, tag.value))
            } else if self
                .spec
                .inputs
                .iter()
                .any(|i| i.name.value == input.value && !i.one_of.is_empty())
            {
                Some(format!("input `{}` is itself one of several inputs", input.value))
            } else if variants.iter().any(|v| v.input == index) {
                Some(format!("input `{}` is listed twice", input.value))
            } else {
                None
            };
            if let Some(problem) = problem {
                self.sink.error(input.pos, problem);
                continue;
            }
            let rust = pascal(&value.value.to_ascii_lowercase().replace(['-', ' ', '.'], "_"));
            if rust.is_empty()
                || !rust.starts_with(|c: char| c.is_ascii_alphabetic())
                || variants.iter().any(|v| v.rust == rust)
            {
                self.sink.error_with_hint(
                    value.pos,
                    format!(
                        "tag value `{}` does not give a Rust variant name of its own",
                        value.value
                    ),
                    "tag values start with a letter and differ beyond letter case",
                );
                continue;
            }
            variants.push(UnionVariant {
                value: value.value.clone(),
                rust,
                input: index,
            });
        }
        Some(Union {
            tag: tag.value.clone(),
            variants,
        })
    }

    /// Whether a value of `ty` contains a sensitive member of an input (`seen`: inputs already
    /// looked at, as inputs may contain each other through lists).
    fn holds_secret(&self, ty: &Ty, seen: &mut Vec<usize>) -> bool {
        match ty {
            Ty::List(inner) => self.holds_secret(inner, seen),
            Ty::Object(i) if !seen.contains(i) => {
                seen.push(*i);
                let object = &self.objects[*i];
                let variants = object.union.iter().flat_map(|u| &u.variants);
                object
                    .fields
                    .iter()
                    .any(|f| f.sensitive || self.holds_secret(&f.ty, seen))
                    || variants
                        .map(|v| Ty::Object(v.input))
                        .any(|ty| self.holds_secret(&ty, seen))
            }
            _ => false,
        }
    }

    fn resource(&mut self, def: &ResourceDef, parent: Option<usize>, out: &mut Vec<Resource>) {
        let name = &def.name;
        if !is_snake_ident(&name.value) {
            self.sink.error(
                name.pos,
                format!("resource name `{}` must be snake_case (singular)", name.value),
            );
        }
        if VERSION_MODULES.contains(&name.value.as_str()) {
            self.sink.error_with_hint(
                name.pos,
                format!(
                    "resource name `{}` is the name of a module every version has",
                    name.value
                ),
                format!(
                    "resource modules sit beside {}",
                    VERSION_MODULES.map(|m| format!("`{m}`")).join(", ")
                ),
            );
        }
        if let Some(first) = self.resource_names.get(&name.value).copied() {
            self.sink.error_with_hint(
                name.pos,
                format!(
                    "duplicate resource `{}` (first defined on line {})",
                    name.value, first.line
                ),
                "resource names are unique per file, even when nested",
            );
            return;
        }
        self.resource_names.insert(name.value.clone(), name.pos);
        let sid = def
            .sid_prefix
            .as_ref()
            .and_then(|p| match TypeExpr::parse(&format!("sid<{}>", p.value)) {
                Ok(TypeExpr::Sid(prefixes)) => Some(prefixes),
                _ => {
                    self.sink.error_with_hint(
                        p.pos,
                        format!("bad sid_prefix `{}`", p.value),
                        "two upper-case letters, e.g. SM or SM|MM",
                    );
                    None
                }
            });
        let list_path = def.list_path.as_ref().and_then(|p| self.path(p));
        let instance_path = def.instance_path.as_ref().and_then(|p| self.path(p));
        if def.list_path.is_none() && def.instance_path.is_none() {
            self.sink.error(
                name.pos,
                format!(
                    "resource `{}` needs a `list_path`, an `instance_path` or both",
                    name.value
                ),
            );
        }

        // Which path parameters the handle carries, and which one names an instance.
        let instance_pos = def.instance_path.as_ref().map_or(name.pos, |l| l.pos);
        let derived = paths::handle_params(list_path.as_ref(), instance_path.as_ref());
        for problem in &derived.problems {
            self.sink.error(instance_pos, problem.to_string());
        }
        let (mut bound_names, mut own_name) = (derived.bound, derived.own);
        // A top-level path like `/Domains/{DomainSid}/Certificate` has nothing above it to carry
        // its parameter: its last parameter names the instance.
        let account_param = self.spec.account_sid_param.as_ref().map(|a| a.value.as_str());
        if parent.is_none() && own_name.is_none() && list_path.is_none() {
            if let Some(last) = bound_names.last().filter(|b| Some(b.as_str()) != account_param) {
                own_name = Some(last.clone());
                bound_names.pop();
            }
        }

        // The parent chain must supply every bound parameter but one new one per level.
        let path_pos = def
            .list_path
            .as_ref()
            .or(def.instance_path.as_ref())
            .map_or(name.pos, |l| l.pos);
        let parent_facts = parent.map(|pi| {
            let p: &Resource = &out[pi];
            (
                p.name.clone(),
                p.bound.iter().map(|b| b.wire.clone()).collect::<Vec<_>>(),
                p.own.is_some(),
            )
        });
        let chain = paths::chain_problems(
            &bound_names,
            parent_facts
                .as_ref()
                .map(|(_, bound, has_instance)| (bound.as_slice(), *has_instance)),
            account_param,
        );
        let parent_name = parent_facts.as_ref().map_or("", |(n, _, _)| n.as_str());
        for problem in chain {
            match problem {
                paths::ChainProblem::NotProvided(p) => self.sink.error_with_hint(
                    path_pos,
                    format!("path parameter `{{{p}}}` is not provided by any parent resource"),
                    "nest this resource under the resource it belongs to",
                ),
                paths::ChainProblem::LacksParentParam(p) => self.sink.error(
                    path_pos,
                    format!("path lacks `{{{p}}}` of parent resource `{parent_name}`"),
                ),
                paths::ChainProblem::ParentHasNoInstance => self.sink.error(
                    name.pos,
                    format!("parent resource `{parent_name}` has no instance path to nest under"),
                ),
                paths::ChainProblem::AddsNotOne(new) => {
                    let added = if new.is_empty() {
                        "adds none".to_owned()
                    } else {
                        format!(
                            "adds {}",
                            new.iter().map(|p| format!("`{{{p}}}`")).collect::<Vec<_>>().join(", ")
                        )
                    };
                    self.sink.error(
                        path_pos,
                        format!(
                            "path may add at most one parameter (the `{parent_name}` instance) to its parent's, {added}"
                        ),
                    );
                }
            }
        }
        let paths: Vec<&PathTemplate> = list_path.iter().chain(instance_path.iter()).collect();
        self.path_types = self.path_types(def, &paths);
        let bound: Vec<PathParam> = bound_names.iter().map(|p| self.path_param(p, None)).collect();
        let own = own_name.map(|p| self.path_param(&p, sid.clone()));
        // Below the parent's collection handle when the path adds nothing to the parent's.
        let on_collection = parent.is_some_and(|pi| out[pi].bound.len() == bound.len());
        let mounted_on_version =
            parent.is_some() && !on_collection && !bound.is_empty() && bound.iter().all(|b| b.defaulted);

        let plural = self.accessor_name("plural", def.plural.as_ref()).unwrap_or_else(|| {
            // The last literal segment of the list (or instance) path: `Messages.json` → `messages`.
            let source = list_path
                .as_ref()
                .map(|l| l.raw.as_str())
                .or(instance_path.as_ref().map(|i| i.raw.as_str()))
                .unwrap_or("");
            let segment = source
                .split('/')
                .rev()
                .find(|s| !s.is_empty() && !s.starts_with('{'))
                .unwrap_or(&name.value)
                .trim_end_matches(".json");
            snake(segment)
        });
        let singular = self
            .accessor_name("singular", def.singular.as_ref())
            .unwrap_or_else(|| name.value.clone());
        let mut names = ResourceNames::new(&name.value, &plural);
        let singleton = own.is_none() && list_path.is_none();
        if singleton {
            // One instance and no collection: its one handle (`ConfigurationHandle`) holds its
            // methods and its children.
            names.collection = names.handle.clone();
        }
        let owner = |what: &str| format!("the {what} of resource `{}`", name.value);
        // Only the types that are emitted are claimed (a group without fields has no model);
        // the handles are claimed once the children say whether there are any.
        if !def.fields.is_empty() {
            self.claim_type(&names.record, &owner("model"), name.pos);
        }
        let fields = self.fields(&def.fields);
        let mut resource = Resource {
            name: name.value.clone(),
            rust: names.record.clone(),
            collection: names.collection.clone(),
            handle: names.handle.clone(),
            plural,
            singular,
            doc: def.doc.clone(),
            docs: def.docs.clone(),
            parent,
            children: Vec::new(),
            bound,
            own,
            mounted_on_version,
            on_collection,
            fields,
            methods: Vec::new(),
        };
        for m in &def.methods {
            if let Some(method) = self.method(m, &resource, &names, list_path.as_ref(), instance_path.as_ref()) {
                let owner = format!("the `{}` builder of resource `{}`", m.name.value, name.value);
                self.claim_type(&method.builder, &owner, m.name.pos);
                resource.methods.push(method);
            }
        }
        if resource.fields.is_empty() && resource.methods.iter().any(|m| m.returns != Returns::Nothing) {
            self.sink.error_with_hint(
                name.pos,
                format!(
                    "resource `{}` has methods returning its model but no `fields`",
                    name.value
                ),
                "describe the response under `fields:`",
            );
        }
        let index = out.len();
        out.push(resource);
        if let Some(pi) = parent {
            out[pi].children.push(index);
        }
        for child in &def.resources {
            self.resource(child, Some(index), out);
        }
        if out[index].has_collection(out) {
            self.claim_type(&names.collection, &owner("handle"), name.pos);
        }
        if out[index].has_handle(out) && !singleton {
            self.claim_type(&names.handle, &owner("instance handle"), name.pos);
        }
    }

    /// An `object<x>` field embeds `x` by value (`Option<X>`), so an object that reaches itself
    /// through such fields would be infinitely large; through a `list<…>` (a `Vec`) it is fine.
    /// Each cycle is reported once, at the field leaving its first object in file order.
    fn check_object_cycles(&mut self) {
        let edges: Vec<Vec<(&str, usize)>> = self
            .objects
            .iter()
            .map(|o| {
                let fields = o.fields.iter().filter_map(|f| match f.ty {
                    Ty::Object(j) => Some((f.wire.as_str(), j)),
                    _ => None,
                });
                // One of several inputs holds the chosen one by value too.
                let variants = o
                    .union
                    .iter()
                    .flat_map(|u| &u.variants)
                    .map(|v| (v.value.as_str(), v.input));
                fields.chain(variants).collect()
            })
            .collect();
        let mut problems = Vec::new();
        for (start, out) in edges.iter().enumerate() {
            for &(field, first) in out {
                // Shortest way back from `first` to `start`, as (object, field) steps.
                let mut came_from: Vec<Option<(usize, &str)>> = vec![None; edges.len()];
                let mut seen = vec![false; edges.len()];
                let mut queue = std::collections::VecDeque::from([first]);
                seen[first] = true;
                let mut found = first == start;
                while let Some(k) = queue.pop_front() {
                    if found {
                        break;
                    }
                    for &(f, next) in &edges[k] {
                        if !seen[next] {
                            seen[next] = true;
                            came_from[next] = Some((k, f));
                            queue.push_back(next);
                        }
                        if next == start {
                            came_from[start] = Some((k, f));
                            found = true;
                            break;
                        }
                    }
                }
                if !found {
                    continue;
                }
                let mut steps = Vec::new();
                let mut at = start;
                while at != first {
                    let (k, f) = came_from[at].expect("path");
                    steps.push((k, f));
                    at = k;
                }
                steps.push((start, field));
                steps.reverse();
                if steps.iter().any(|(k, _)| *k < start) {
                    continue;
                }
                let chain: Vec<String> = steps
                    .iter()
                    .map(|(k, f)| format!("`{}.{f}`", self.objects[*k].name))
                    .collect();
                problems.push((start, field, chain));
            }
        }
        for (start, field, chain) in problems {
            let name = &self.objects[start].name;
            let what = if self.objects[start].input { "input" } else { "object" };
            let spec = self.spec;
            let pos = match spec.objects.get(start) {
                Some(object) => object.fields.iter().find(|f| f.wire.value == field).map(|f| f.ty.pos),
                None => spec.inputs[start - spec.objects.len()]
                    .fields
                    .iter()
                    .flatten()
                    .find(|f| f.wire.value == field)
                    .map(|f| f.ty.pos),
            }
            .unwrap_or_default();
            self.sink.error_with_hint(
                pos,
                format!(
                    "{what} `{name}` contains itself ({} → `{name}`) and would be infinitely large",
                    chain.join(" → ")
                ),
                "break the cycle with a `list<object<…>>` or a `json` field",
            );
        }
    }
}

/// Refuses a type's name (`what`: enum, object, input) that is not snake_case, suggesting one
/// when its snake_case form is usable.
fn require_snake_case(sink: &mut Sink, name: &Located<String>, what: &str) {
    if is_snake_ident(&name.value) {
        return;
    }
    let message = format!("{what} name `{}` must be snake_case", name.value);
    match snake(&name.value) {
        suggestion if is_snake_ident(&suggestion) => {
            sink.error_with_hint(name.pos, message, format!("e.g. `{suggestion}`"))
        }
        _ => sink.error(name.pos, message),
    }
}

/// An enum of any description kind: a snake_case name with values, and its variants. The
/// caller claims the type name in its namespace.
pub(crate) fn resolve_enum(sink: &mut Sink, def: &spec::EnumDef) -> Enum {
    let name = &def.name;
    require_snake_case(sink, name, "enum");
    if def.values.is_empty() {
        sink.error(name.pos, format!("enum `{}` has no values", name.value));
    }
    let variants = enum_variants(sink, def);
    let fallback = fallback_variant(sink, def, &variants);
    Enum {
        name: name.value.clone(),
        rust: pascal(&name.value),
        doc: def.doc.clone(),
        variants,
        fallback,
    }
}

/// The name of the variant for unknown values: `Other`, unless a value takes that name
/// (Trust Hub's `Other` business type); then `Unknown`, unless a value takes that one too.
fn fallback_variant(sink: &mut Sink, def: &spec::EnumDef, variants: &[Variant]) -> String {
    let taken = |name: &str| variants.iter().find(|v| v.rust == name);
    match (taken("Other"), taken("Unknown")) {
        (None, _) => "Other".to_owned(),
        (Some(_), None) => "Unknown".to_owned(),
        (Some(_), Some(unknown)) => {
            let pos = def
                .values
                .iter()
                .find(|v| v.value == unknown.wire)
                .map_or(def.name.pos, |v| v.pos);
            sink.error_with_hint(
                pos,
                format!("enum `{}` has values named `Other` and `Unknown`", def.name.value),
                "the generator needs one of the two names for the variant holding values added later",
            );
            "Other".to_owned()
        }
    }
}

/// The variants of an enum: one per wire value, refusing values that give no Rust name and two
/// values on one variant. Shared by REST, webhook payload and TwiML enums.
fn enum_variants(sink: &mut Sink, def: &spec::EnumDef) -> Vec<Variant> {
    let mut variants: Vec<Variant> = Vec::new();
    for value in &def.values {
        let Some(v) = variant(&value.value) else {
            sink.error(
                value.pos,
                format!("enum value `{}` gives no usable Rust name", value.value),
            );
            continue;
        };
        if let Some(previous) = variants.iter().find(|x| x.rust == v) {
            let message = if previous.wire == value.value {
                format!("enum `{}` lists the value `{}` twice", def.name.value, value.value)
            } else {
                format!(
                    "enum values `{}` and `{}` both become the variant `{v}`",
                    previous.wire, value.value
                )
            };
            sink.error(value.pos, message);
            continue;
        }
        variants.push(Variant {
            wire: value.value.clone(),
            rust: v,
        });
    }
    variants
}

#[cfg(test)]
mod tests {
    const SPEC: &str = "\
product: widgets
version: v1
host: widgets.twilio.com
base_path: /v1
paging: meta
enums:
  business_type: [Partnership, Other]
  widget_status: [active, other]
resources:
  widget:
    instance_path: /Widgets/{Sid}
    fields:
      type: enum<business_type>
    methods:
      fetch: {}
";

    #[test]
    fn a_value_named_other_keeps_its_name_and_the_catch_all_becomes_unknown() {
        let product = crate::load_str("spec/widgets/v1.yaml", SPEC).unwrap();
        let fallbacks: Vec<(&str, &str)> = product
            .enums
            .iter()
            .map(|e| (e.name.as_str(), e.fallback.as_str()))
            .collect();
        assert_eq!(fallbacks, [("business_type", "Unknown"), ("widget_status", "Unknown")]);
        let variants: Vec<&str> = product.enums[0].variants.iter().map(|v| v.rust.as_str()).collect();
        assert_eq!(variants, ["Partnership", "Other"]);
        let code = crate::emit::enums::enum_item(&product.enums[0]).to_string();
        assert!(
            code.contains("Unknown (String)") && code.contains("else Unknown"),
            "{code}"
        );
    }

    #[test]
    fn a_field_may_read_its_dates_differently_from_the_file() {
        let spec = SPEC
            .replace("paging: meta\n", "paging: meta\ndates: rfc2822\n")
            .replace(
                "      type: enum<business_type>\n",
                "      date_created: date-time\n      date_updated: {type: date-time, dates: iso8601}\n",
            );
        let product = crate::load_str("spec/widgets/v1.yaml", &spec).unwrap();
        let fields = &product.resources[0].fields;
        let code = crate::emit::enums::response_struct(&product, "Widget", "", fields)
            .plumbing
            .to_string();
        assert!(code.contains(r#""date_created" as Rfc2822"#), "{code}");
        assert!(code.contains(r#""date_updated" as Iso8601"#), "{code}");
    }
}
