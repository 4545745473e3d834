//! Validation and resolution: spec structs → model. Every problem is reported with its
//! position; resolution goes on after an error so that one run shows them all.

use std::collections::{BTreeMap, BTreeSet};

use crate::closed::{ActionReturns, Body};
use crate::diag::{closest, Pos, Sink};
use crate::model::*;
use crate::naming::{is_snake_ident, pascal, reserved_type_name, snake, variant};
use crate::spec::{self, FieldDef, Located, MethodDef, ParamDef, ResourceDef, SpecFile};
use crate::types::TypeExpr;

/// Names the builders use for their own methods; parameters must not take them.
const RESERVED_SETTERS: &[&str] = &["send", "stream", "limit", "page_size", "into_future", "build", "new"];

pub fn resolve(sink: &mut Sink, spec: &SpecFile) -> Option<Product> {
    let start = sink.diagnostics.len();
    let mut r = Resolver {
        sink,
        spec,
        enums: Vec::new(),
        objects: Vec::new(),
        type_names: BTreeMap::new(),
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
    type_names: BTreeMap<String, Pos>,
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

        self.claim_type(&pascal(&spec.version.value), spec.version.pos);
        self.enums = spec.enums.iter().filter_map(|e| self.enum_def(e)).collect();
        // Objects may refer to each other, so all names are known before fields are resolved.
        let object_names: Vec<&Located<String>> = spec.objects.iter().map(|o| &o.name).collect();
        for name in &object_names {
            self.claim_type(&pascal(&name.value), name.pos);
        }
        self.objects = spec
            .objects
            .iter()
            .map(|o| Object {
                name: o.name.value.clone(),
                rust: pascal(&o.name.value),
                doc: o.doc.clone(),
                fields: Vec::new(),
            })
            .collect();
        for (i, o) in spec.objects.iter().enumerate() {
            let fields = self.fields(&o.fields);
            self.objects[i].fields = fields;
        }
        self.check_object_cycles();

        let mut resources = Vec::new();
        for def in &spec.resources {
            self.resource(def, None, &mut resources);
        }
        self.check_accessors(&resources);
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
            host: spec.host.value.clone(),
            base_path: spec.base_path.value.clone(),
            dates,
            paging,
            docs: spec.docs.clone(),
            doc: spec.doc.clone(),
            enums: std::mem::take(&mut self.enums),
            objects: std::mem::take(&mut self.objects),
            resources,
        }
    }

    fn claim_type(&mut self, name: &str, pos: Pos) {
        if reserved_type_name(name) {
            self.sink.error_with_hint(
                pos,
                format!("Rust type name `{name}` is reserved: generated code uses it unqualified"),
                "rename the enum, object or resource",
            );
        } else if let Some(first) = self.type_names.get(name) {
            let first = *first;
            self.sink.error_with_hint(
                pos,
                format!("Rust type name `{name}` is already used (line {})", first.line),
                "rename the enum, object or resource",
            );
        } else {
            self.type_names.insert(name.to_owned(), pos);
        }
    }

    fn enum_def(&mut self, def: &spec::EnumDef) -> Option<Enum> {
        let name = &def.name;
        if !is_snake_ident(&name.value) {
            self.sink
                .error(name.pos, format!("enum name `{}` must be snake_case", name.value));
        }
        if def.values.is_empty() {
            self.sink
                .error(name.pos, format!("enum `{}` has no values", name.value));
        }
        let rust = pascal(&name.value);
        self.claim_type(&rust, name.pos);
        let variants = enum_variants(self.sink, def);
        Some(Enum {
            name: name.value.clone(),
            rust,
            doc: def.doc.clone(),
            variants,
        })
    }

    /// Resolves a type; `for_param` selects which kinds are allowed.
    fn ty(&mut self, text: &Located<String>, for_param: bool) -> Option<Ty> {
        let expr = match TypeExpr::parse(&text.value) {
            Ok(e) => e,
            Err(e) => {
                e.report(self.sink, text.pos);
                return None;
            }
        };
        self.ty_expr(&expr, text.pos, for_param)
    }

    fn ty_expr(&mut self, expr: &TypeExpr, pos: Pos, for_param: bool) -> Option<Ty> {
        Some(match expr {
            TypeExpr::String | TypeExpr::Uri | TypeExpr::PhoneNumber | TypeExpr::Sid(_) => Ty::String,
            TypeExpr::Integer => Ty::Integer,
            TypeExpr::Number => Ty::Number,
            TypeExpr::Boolean => Ty::Boolean,
            TypeExpr::Date => Ty::Date,
            TypeExpr::DateTime => Ty::DateTime,
            TypeExpr::Decimal => Ty::Decimal,
            TypeExpr::HttpMethod => Ty::HttpMethod,
            TypeExpr::Json => Ty::Json,
            TypeExpr::StringMap if !for_param => Ty::StringMap,
            TypeExpr::Object(name) if !for_param => match self.objects.iter().position(|o| &o.name == name) {
                Some(i) => Ty::Object(i),
                None => {
                    self.unknown_reference(
                        pos,
                        "object",
                        name,
                        self.objects.iter().map(|o| o.name.clone()).collect(),
                    );
                    return None;
                }
            },
            TypeExpr::PrefixedMap(prefix) if for_param => Ty::PrefixedMap(prefix.clone()),
            TypeExpr::Enum(name) => match self.enums.iter().position(|e| &e.name == name) {
                Some(i) => Ty::Enum(i),
                None => {
                    self.unknown_reference(pos, "enum", name, self.enums.iter().map(|e| e.name.clone()).collect());
                    return None;
                }
            },
            TypeExpr::List(inner) => {
                let item = self.ty_expr(inner, pos, for_param)?;
                if !for_param && matches!(item, Ty::Date | Ty::DateTime) {
                    self.sink
                        .error(pos, "lists of dates are not supported in fields; use list<string>");
                    return None;
                }
                Ty::List(Box::new(item))
            }
            other => {
                let (what, only) = if for_param {
                    ("parameters", "fields")
                } else {
                    ("fields", "parameters")
                };
                self.sink.error(
                    pos,
                    format!("type `{other}` cannot be used for {what}, only for {only}"),
                );
                return None;
            }
        })
    }

    fn unknown_reference(&mut self, pos: Pos, what: &str, name: &str, known: Vec<String>) {
        let hint = match closest(name, known.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => format!("define it under `{what}s:` at the top of the file"),
            None => format!("defined {what}s: {}", known.join(", ")),
        };
        self.sink
            .error_with_hint(pos, format!("{what} `{name}` is not defined"), hint);
    }

    fn rust_name(&mut self, wire: &Located<String>, explicit: Option<&Located<String>>) -> String {
        match explicit {
            Some(name) => {
                if !is_snake_ident(&name.value) {
                    self.sink.error(
                        name.pos,
                        format!("rust_name `{}` must be a snake_case identifier", name.value),
                    );
                }
                name.value.clone()
            }
            None => snake(&wire.value),
        }
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
                doc: def.doc.clone(),
            });
        }
        out
    }

    fn path(&mut self, text: &Located<String>) -> Option<PathTemplate> {
        let raw = &text.value;
        if !raw.starts_with('/') {
            self.sink.error_with_hint(
                text.pos,
                format!("path `{raw}` must start with `/`"),
                "paths are relative to base_path",
            );
            return None;
        }
        let mut literals = vec![self.spec.base_path.value.clone()];
        let mut params = Vec::new();
        let mut rest = raw.as_str();
        while let Some(open) = rest.find('{') {
            literals.last_mut().expect("one literal").push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                self.sink.error(text.pos, format!("unclosed `{{` in path `{raw}`"));
                return None;
            };
            let name = &rest[open + 1..open + close];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.sink.error(
                    text.pos,
                    format!("path parameter `{{{name}}}` in `{raw}` must be alphanumeric"),
                );
                return None;
            }
            if params.iter().any(|p| p == name) {
                self.sink.error(
                    text.pos,
                    format!("path parameter `{{{name}}}` appears twice in `{raw}`"),
                );
                return None;
            }
            params.push(name.to_owned());
            literals.push(String::new());
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            self.sink.error(text.pos, format!("unmatched `}}` in path `{raw}`"));
            return None;
        }
        literals.last_mut().expect("one literal").push_str(rest);
        Some(PathTemplate {
            raw: format!("{}{raw}", self.spec.base_path.value),
            literals,
            params,
        })
    }

    fn path_param(&self, wire: &str, sid: Option<Vec<String>>) -> PathParam {
        let defaulted = self.spec.account_sid_param.as_ref().is_some_and(|a| a.value == wire);
        PathParam {
            wire: wire.to_owned(),
            rust: snake(wire),
            defaulted,
            sid,
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
        let (bound_names, own_name): (Vec<String>, Option<String>) = match (&list_path, &instance_path) {
            (Some(list), Some(instance)) => {
                let missing: Vec<_> = list.params.iter().filter(|p| !instance.params.contains(p)).collect();
                let extra: Vec<_> = instance
                    .params
                    .iter()
                    .filter(|p| !list.params.contains(p))
                    .cloned()
                    .collect();
                if let Some(p) = missing.first() {
                    self.sink.error(
                        def.instance_path.as_ref().map_or(name.pos, |l| l.pos),
                        format!("instance_path lacks `{{{p}}}` of list_path"),
                    );
                }
                if extra.len() != 1 {
                    self.sink.error(
                        def.instance_path.as_ref().map_or(name.pos, |l| l.pos),
                        format!(
                            "instance_path must add exactly one parameter to list_path, adds {}",
                            extra.len()
                        ),
                    );
                }
                (list.params.clone(), extra.into_iter().next())
            }
            (Some(list), None) => (list.params.clone(), None),
            (None, Some(instance)) => {
                let mut params = instance.params.clone();
                let own = params.pop();
                if own.is_none() {
                    self.sink.error(
                        def.instance_path.as_ref().map_or(name.pos, |l| l.pos),
                        "instance_path has no parameter naming the instance",
                    );
                }
                (params, own)
            }
            (None, None) => (Vec::new(), None),
        };

        // The parent chain must supply every bound parameter but one new one per level.
        let path_pos = def
            .list_path
            .as_ref()
            .or(def.instance_path.as_ref())
            .map_or(name.pos, |l| l.pos);
        match parent {
            None => {
                for p in &bound_names {
                    if self.spec.account_sid_param.as_ref().is_none_or(|a| &a.value != p) {
                        self.sink.error_with_hint(
                            path_pos,
                            format!("path parameter `{{{p}}}` is not provided by any parent resource"),
                            "nest this resource under the resource it belongs to",
                        );
                    }
                }
            }
            Some(pi) => {
                let parent_res: &Resource = &out[pi];
                let parent_bound: Vec<&str> = parent_res.bound.iter().map(|b| b.wire.as_str()).collect();
                for p in &parent_bound {
                    if !bound_names.iter().any(|b| b == p) {
                        self.sink.error(
                            path_pos,
                            format!("path lacks `{{{p}}}` of parent resource `{}`", parent_res.name),
                        );
                    }
                }
                let new: Vec<_> = bound_names
                    .iter()
                    .filter(|b| !parent_bound.contains(&b.as_str()))
                    .collect();
                if parent_res.own.is_none() {
                    self.sink.error(
                        name.pos,
                        format!(
                            "parent resource `{}` has no instance path to nest under",
                            parent_res.name
                        ),
                    );
                } else if new.len() != 1 {
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
                            "path must add exactly one parameter (the `{}` instance) to its parent's, {added}",
                            parent_res.name,
                        ),
                    );
                }
            }
        }
        let bound: Vec<PathParam> = bound_names.iter().map(|p| self.path_param(p, None)).collect();
        let own = own_name.map(|p| self.path_param(&p, sid.clone()));
        let mounted_on_version = parent.is_some() && !bound.is_empty() && bound.iter().all(|b| b.defaulted);

        let plural = match &def.plural {
            Some(p) => {
                if !is_snake_ident(&p.value) {
                    self.sink
                        .error(p.pos, format!("plural `{}` must be snake_case", p.value));
                }
                p.value.clone()
            }
            None => {
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
            }
        };

        let singular = match &def.singular {
            Some(p) => {
                if !is_snake_ident(&p.value) {
                    self.sink
                        .error(p.pos, format!("singular `{}` must be snake_case", p.value));
                }
                p.value.clone()
            }
            None => name.value.clone(),
        };
        let names = ResourceNames::new(&name.value, &singular, &plural);
        self.claim_type(&names.record, name.pos);
        self.claim_type(&names.collection, name.pos);
        if !def.resources.is_empty() {
            self.claim_type(&names.handle, name.pos);
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
            fields,
            methods: Vec::new(),
        };
        for m in &def.methods {
            if let Some(method) = self.method(m, &resource, &names, list_path.as_ref(), instance_path.as_ref()) {
                self.claim_type(&method.builder, m.name.pos);
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
    }

    fn method(
        &mut self,
        def: &MethodDef,
        resource: &Resource,
        names: &ResourceNames,
        list_path: Option<&PathTemplate>,
        instance_path: Option<&PathTemplate>,
    ) -> Option<Method> {
        let name = &def.name;
        let kind = match name.value.as_str() {
            "create" => MethodKind::Create,
            "fetch" => MethodKind::Fetch,
            "update" => MethodKind::Update,
            "delete" => MethodKind::Delete,
            "list" => MethodKind::List,
            other => {
                if !is_snake_ident(other) {
                    self.sink
                        .error(name.pos, format!("method name `{other}` must be snake_case"));
                }
                MethodKind::Action
            }
        };
        let standard_http = match kind {
            MethodKind::Fetch | MethodKind::List => Some(Http::Get),
            MethodKind::Create | MethodKind::Update => Some(Http::Post),
            MethodKind::Delete => Some(Http::Delete),
            MethodKind::Action => None,
        };
        let http = match (&def.http, standard_http) {
            (Some(h), _) => h.value,
            (None, Some(h)) => h,
            (None, None) => {
                self.sink.error_with_hint(
                    name.pos,
                    format!("custom method `{}` needs `http`", name.value),
                    "standard methods are create, fetch, update, delete and list",
                );
                return None;
            }
        };
        if kind != MethodKind::Action {
            let returns = def.returns.as_ref().map(|r| r.pos);
            for (key, pos) in [("returns", returns), ("path", def.path.as_ref().map(|p| p.pos))] {
                if let Some(pos) = pos {
                    self.sink.error(
                        pos,
                        format!("`{key}` is only for custom methods; `{}` has a fixed one", name.value),
                    );
                }
            }
        }
        if kind != MethodKind::List {
            if let Some(v) = &def.page_size_max {
                self.sink.error(v.pos, "`page_size_max` is only for `list`");
            }
            if let Some(v) = &def.records_key {
                self.sink.error(v.pos, "`records_key` is only for `list`");
            }
        }
        let on_instance = match kind {
            MethodKind::Fetch | MethodKind::Update | MethodKind::Delete => true,
            MethodKind::Create | MethodKind::List => false,
            MethodKind::Action => def.path.as_ref().is_some_and(|p| p.value == "instance"),
        };
        let path = match (kind, def.path.as_ref()) {
            (MethodKind::Action, Some(p)) if p.value != "list" && p.value != "instance" => self.path(p)?,
            _ => {
                let (path, key) = if on_instance {
                    (instance_path, "instance_path")
                } else {
                    (list_path, "list_path")
                };
                match path {
                    Some(p) => p.clone(),
                    None => {
                        self.sink.error(
                            name.pos,
                            format!("method `{}` needs the resource's `{key}`", name.value),
                        );
                        return None;
                    }
                }
            }
        };
        let bound: Vec<&str> = resource.bound.iter().map(|b| b.wire.as_str()).collect();
        for b in &bound {
            if !path.params.iter().any(|p| p == b) {
                self.sink.error(
                    def.path.as_ref().map_or(name.pos, |p| p.pos),
                    format!(
                        "path of `{}` lacks `{{{b}}}`, which the resource's handle carries",
                        name.value
                    ),
                );
            }
        }
        let path_args: Vec<PathParam> = path
            .params
            .iter()
            .filter(|p| !bound.contains(&p.as_str()))
            .map(|p| match &resource.own {
                Some(own) if &own.wire == p => own.clone(),
                _ => self.path_param(p, None),
            })
            .collect();

        let returns = match kind {
            MethodKind::Delete => Returns::Nothing,
            MethodKind::List => Returns::Page,
            _ => match def.returns.as_ref().map(|r| r.value) {
                Some(ActionReturns::Nothing) => Returns::Nothing,
                Some(ActionReturns::Model) | None => Returns::Model,
            },
        };
        let json_body = def.body.as_ref().is_some_and(|b| b.value == Body::Json);
        let default_location = match (http, json_body) {
            (Http::Get | Http::Delete, _) => Location::Query,
            (_, true) => Location::Json,
            (_, false) => Location::Form,
        };

        let mut params: Vec<Param> = Vec::new();
        let mut rust_names: BTreeMap<String, String> = path
            .params
            .iter()
            .map(|p| (snake(p), format!("path parameter `{{{p}}}`")))
            .collect();
        for p in &def.params {
            self.param(p, default_location, json_body, http, &mut rust_names, &mut params);
        }
        let groups = self.groups(def, &params);
        let page_size_max = match &def.page_size_max {
            Some(v) if !(1..=100_000).contains(&v.value) => {
                self.sink.error(
                    v.pos,
                    format!("`page_size_max` must be between 1 and 100000, not {}", v.value),
                );
                1000
            }
            Some(v) => v.value as u32,
            None => 1000,
        };
        Some(Method {
            name: name.value.clone(),
            builder: names.builder(kind, &name.value),
            kind,
            http,
            path,
            path_args,
            returns,
            json_body,
            params,
            groups,
            page_size_max,
            records_key: def
                .records_key
                .as_ref()
                .map_or_else(|| resource.plural.clone(), |k| k.value.clone()),
            deprecated: def.deprecated,
            doc: def.doc.clone(),
        })
    }

    fn param(
        &mut self,
        def: &ParamDef,
        default_location: Location,
        json_body: bool,
        http: Http,
        rust_names: &mut BTreeMap<String, String>,
        out: &mut Vec<Param>,
    ) {
        let wire = &def.wire;
        if wire.value.is_empty() || wire.value.contains(['<', '>']) {
            self.sink.error_with_hint(
                wire.pos,
                format!("parameter name `{}` is not a plain wire name", wire.value),
                "write `DateSent` with `range: true` instead of `DateSent<`/`DateSent>`",
            );
            return;
        }
        let location = def.location.as_ref().map_or(default_location, |l| l.value);
        if let Some(l) = &def.location {
            let bodyless = matches!(http, Http::Get | Http::Delete);
            if (location == Location::Json && !json_body) || (location == Location::Form && (json_body || bodyless)) {
                self.sink.error_with_hint(
                    l.pos,
                    format!(
                        "parameter `{}` cannot go `in: {}` for this method",
                        wire.value,
                        l.value.as_str()
                    ),
                    if json_body {
                        "the method sends a JSON body (`body: json`)"
                    } else {
                        "use `body: json` on the method, or `in: query`"
                    },
                );
            }
        }
        let Some(ty) = self.ty(&def.ty, true) else { return };
        if def.range && !matches!(ty, Ty::Date | Ty::DateTime) {
            self.sink.error(
                wire.pos,
                format!(
                    "`range` needs a `date` or `date-time` parameter; `{}` is `{}`",
                    wire.value, def.ty.value
                ),
            );
        } else if def.range && location != Location::Query {
            self.sink.error_with_hint(
                wire.pos,
                format!(
                    "`range` needs a query parameter; `{}` goes in the {}",
                    wire.value,
                    match location {
                        Location::Form => "form body",
                        Location::Json => "JSON body",
                        Location::Header => "headers",
                        Location::Query => "query",
                    }
                ),
                "range filters belong to `list` and other GET methods",
            );
        }
        if def.required && matches!(ty, Ty::PrefixedMap(_)) {
            self.sink.error(wire.pos, "a `map<…>` parameter cannot be required");
        }
        if matches!(ty, Ty::PrefixedMap(_)) && !matches!(location, Location::Query | Location::Form) {
            self.sink
                .error(wire.pos, "a `map<…>` parameter goes in the query or a form body");
        }
        let base = self.rust_name(wire, def.rust_name.as_ref());
        let variants: Vec<(String, String)> = if def.range {
            vec![
                (wire.value.clone(), base.clone()),
                (format!("{}<", wire.value), format!("{base}_before")),
                (format!("{}>", wire.value), format!("{base}_after")),
            ]
        } else {
            vec![(wire.value.clone(), base)]
        };
        for (wire_name, rust) in variants {
            if RESERVED_SETTERS.contains(&rust.as_str()) {
                self.sink.error_with_hint(
                    wire.pos,
                    format!("parameter `{wire_name}` would become `{rust}`, which the request builder uses itself"),
                    "give it a `rust_name`",
                );
                continue;
            }
            if let Some(other) = rust_names.get(&rust) {
                self.sink.error_with_hint(
                    wire.pos,
                    format!("parameter `{wire_name}` becomes `{rust}` in Rust, like {other}"),
                    "give one of them a `rust_name`",
                );
                continue;
            }
            rust_names.insert(rust.clone(), format!("parameter `{wire_name}`"));
            out.push(Param {
                wire: wire_name,
                rust,
                ty: ty.clone(),
                spec_type: def.ty.value.clone(),
                required: def.required && !def.range,
                location,
                sensitive: def.sensitive,
                deprecated: def.deprecated,
                doc: def.doc.clone(),
            });
        }
    }

    fn groups(&mut self, def: &MethodDef, params: &[Param]) -> Vec<Group> {
        let mut groups = Vec::new();
        let mut names = BTreeSet::new();
        for g in &def.groups {
            if !names.insert(g.name.value.clone()) {
                self.sink
                    .error(g.name.pos, format!("duplicate group `{}`", g.name.value));
            }
            if g.params.len() < 2 {
                self.sink
                    .error(g.pos, format!("group `{}` needs at least two parameters", g.name.value));
            }
            let mut members = Vec::new();
            for (k, member) in g.params.iter().enumerate() {
                if g.params[..k].iter().any(|m| m.value == member.value) {
                    self.sink.error(
                        member.pos,
                        format!("group `{}` names `{}` twice", g.name.value, member.value),
                    );
                    continue;
                }
                match params.iter().position(|p| p.wire == member.value) {
                    Some(i) if params[i].required => self.sink.error_with_hint(
                        member.pos,
                        format!(
                            "group `{}` names `{}`, which is already required",
                            g.name.value, member.value
                        ),
                        "group members are optional parameters",
                    ),
                    Some(i) => members.push(i),
                    None => {
                        let hint = match closest(&member.value, params.iter().map(|p| p.wire.as_str())) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None => "list the parameter under `params:` first".to_owned(),
                        };
                        self.sink.error_with_hint(
                            member.pos,
                            format!(
                                "group `{}` names `{}`, which is not a parameter of `{}`",
                                g.name.value, member.value, def.name.value
                            ),
                            hint,
                        );
                    }
                }
            }
            groups.push(Group {
                name: g.name.value.clone(),
                exclusive: g.exclusive,
                members,
            });
        }
        groups
    }

    /// An `object<x>` field embeds `x` by value (`Option<X>`), so an object that reaches itself
    /// through such fields would be infinitely large; through a `list<…>` (a `Vec`) it is fine.
    /// Each cycle is reported once, at the field leaving its first object in file order.
    fn check_object_cycles(&mut self) {
        let edges: Vec<Vec<(&str, usize)>> = self
            .objects
            .iter()
            .map(|o| {
                o.fields
                    .iter()
                    .filter_map(|f| match f.ty {
                        Ty::Object(j) => Some((f.wire.as_str(), j)),
                        _ => None,
                    })
                    .collect()
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
            let pos = self.spec.objects[start]
                .fields
                .iter()
                .find(|f| f.wire.value == field)
                .map_or(Pos::default(), |f| f.ty.pos);
            self.sink.error_with_hint(
                pos,
                format!(
                    "object `{name}` contains itself ({} → `{name}`) and would be infinitely large",
                    chain.join(" → ")
                ),
                "break the cycle with a `list<object<…>>` or a `json` field",
            );
        }
    }

    /// Accessor names on each handle must be distinct.
    fn check_accessors(&mut self, resources: &[Resource]) {
        let mut on_version: BTreeMap<String, &str> = BTreeMap::new();
        let mut per_context: BTreeMap<usize, BTreeMap<String, &str>> = BTreeMap::new();
        for r in resources {
            let mut names = vec![r.plural.clone()];
            if r.has_handle() {
                names.push(r.singular.clone());
            }
            let mut scopes = Vec::new();
            match r.parent {
                None => scopes.push(None),
                Some(p) => {
                    scopes.push(Some(p));
                    if r.mounted_on_version {
                        scopes.push(None);
                    }
                }
            }
            for scope in scopes {
                let map = match scope {
                    None => &mut on_version,
                    Some(p) => per_context.entry(p).or_default(),
                };
                for n in &names {
                    if let Some(other) = map.insert(n.clone(), &r.name) {
                        let pos = self.resource_names.get(&r.name).copied().unwrap_or_default();
                        self.sink.error_with_hint(
                            pos,
                            format!("accessor `{n}` of resource `{}` collides with one of `{other}`", r.name),
                            "set a different `plural`",
                        );
                    }
                }
            }
        }
    }
}

/// The variants of an enum: one per wire value, refusing values that give no Rust name, the
/// reserved `Other`, and two values on one variant. Shared by REST, webhook payload and TwiML
/// enums.
pub(crate) fn enum_variants(sink: &mut Sink, def: &spec::EnumDef) -> Vec<Variant> {
    let mut variants: Vec<Variant> = Vec::new();
    for value in &def.values {
        let Some(v) = variant(&value.value) else {
            sink.error(
                value.pos,
                format!("enum value `{}` gives no usable Rust name", value.value),
            );
            continue;
        };
        if v == "Other" {
            sink.error_with_hint(
                value.pos,
                format!(
                    "enum value `{}` collides with the fallback variant `Other`",
                    value.value
                ),
                "the generator reserves `Other(String)` for values added later",
            );
            continue;
        }
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

/// The Rust names of one resource's types, derived from its name and accessors:
/// `message` (plural `messages`) gives the model `Message`, the collection handle `Messages`,
/// the instance handle `MessageHandle` and the builders `CreateMessage` … `ListMessages`.
/// A resource named `call_recording` with the accessors `recording`/`recordings` gives
/// `CallRecording`, `CallRecordings`, `CallRecordingHandle`, `ListCallRecordings`: the part of
/// the name before the singular accessor prefixes every type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceNames {
    pub record: String,
    pub collection: String,
    pub handle: String,
    /// The plural noun of list builders: `Messages`, `Media`, `CallRecordings`.
    plural_noun: String,
}

impl ResourceNames {
    pub fn new(name: &str, singular: &str, plural: &str) -> ResourceNames {
        let record = pascal(name);
        let prefix = name.strip_suffix(singular).filter(|p| p.is_empty() || p.ends_with('_'));
        let plural_noun = match prefix {
            Some(prefix) => pascal(&format!("{prefix}{plural}")),
            None => format!("{record}List"),
        };
        // Uncountable nouns (`media`) would give the collection the model's name.
        let collection = if plural_noun == record {
            format!("{record}List")
        } else {
            plural_noun.clone()
        };
        ResourceNames {
            handle: format!("{record}Handle"),
            record,
            collection,
            plural_noun,
        }
    }

    /// `ListMessages` for the list method, `CreateMessage`, `FeedbackMessage` for the others.
    pub fn builder(&self, kind: MethodKind, method: &str) -> String {
        match kind {
            MethodKind::List => format!("List{}", self.plural_noun),
            _ => format!("{}{}", pascal(method), self.record),
        }
    }
}

#[cfg(test)]
mod names_tests {
    use super::*;

    #[test]
    fn resource_names_tell_handles_models_and_builders_apart() {
        let n = ResourceNames::new("message", "message", "messages");
        assert_eq!(
            (n.record.as_str(), n.collection.as_str(), n.handle.as_str()),
            ("Message", "Messages", "MessageHandle")
        );
        assert_eq!(n.builder(MethodKind::List, "list"), "ListMessages");
        assert_eq!(n.builder(MethodKind::Create, "create"), "CreateMessage");
        assert_eq!(n.builder(MethodKind::Action, "feedback"), "FeedbackMessage");

        let media = ResourceNames::new("media", "media", "media");
        assert_eq!(
            (media.record.as_str(), media.collection.as_str()),
            ("Media", "MediaList")
        );
        assert_eq!(media.builder(MethodKind::List, "list"), "ListMedia");

        let shared = ResourceNames::new("call_recording", "recording", "recordings");
        assert_eq!(
            (
                shared.record.as_str(),
                shared.collection.as_str(),
                shared.handle.as_str()
            ),
            ("CallRecording", "CallRecordings", "CallRecordingHandle")
        );
        assert_eq!(shared.builder(MethodKind::List, "list"), "ListCallRecordings");

        // An accessor unrelated to the name cannot give a plural type name.
        let odd = ResourceNames::new("sip_domain", "domain_entry", "domains");
        assert_eq!(odd.collection, "SipDomainList");
    }
}
