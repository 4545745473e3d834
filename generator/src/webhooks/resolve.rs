//! Webhook payload validation: spec structs → the payload model. Every problem is reported with
//! its position, and resolution goes on after an error so that one run shows them all.

use std::collections::BTreeMap;

use super::decode::{GroupDef, ParamDef, PayloadDef, WebhookFile};
use super::{File, Group, IndexedParam, Param, Payload};
use crate::diag::{Pos, Sink};
use crate::model::{Enum, Ty};
use crate::naming::{pascal, snake};
use crate::spec::{EnumDef, Located};
use crate::types::{resolve_type, TypeScope, TypeUse};

/// The placeholder of numbered parameters.
pub const INDEX: &str = "{N}";

/// Field name every payload struct uses for the parameters it does not know.
pub const EXTRA: &str = "extra";

/// Webhook payload types share one namespace across files.
pub use crate::naming::TypeNames;

/// The hint for a webhook type name that cannot be used.
const RENAME: &str = "rename it; all webhook payload files share one module";

pub fn resolve(sink: &mut Sink, spec: &WebhookFile, module: &str, types: &mut TypeNames) -> File {
    let enums: Vec<Enum> = spec.enums.iter().map(|e| enum_def(sink, e, types)).collect();
    if let (true, Some(pos)) = (spec.payloads.is_empty(), spec.payloads_pos) {
        sink.error_with_hint(
            pos,
            "a webhook payload file describes at least one payload",
            "add an entry under `payloads:`",
        );
    }
    let mut r = Resolver { sink, enums: &enums };
    let payloads = spec.payloads.iter().map(|p| r.payload(p, types)).collect();
    File {
        source: r.sink.file.clone(),
        module: module.to_owned(),
        doc: spec.doc.clone(),
        docs: spec.docs.clone(),
        enums,
        payloads,
    }
}

/// Same rules as the REST enums (the variants are [`crate::resolve::enum_variants`]).
fn enum_def(sink: &mut Sink, def: &EnumDef, types: &mut TypeNames) -> Enum {
    let e = crate::resolve::resolve_enum(sink, def);
    if !e.rust.is_empty() {
        types.claim(sink, &e.rust, &format!("enum `{}`", e.name), def.name.pos, RENAME);
    }
    e
}

/// `MediaUrl{N}` → `("MediaUrl", "")`; `None` unless the name holds exactly one `{N}`.
pub fn split_indexed(wire: &str) -> Option<(&str, &str)> {
    let (prefix, suffix) = wire.split_once(INDEX)?;
    (!suffix.contains(INDEX)).then_some((prefix, suffix))
}

/// Mirrors the runtime's matcher (`webhook::payload::parse::index`): the digits of a decimal
/// index without leading zeros between `prefix` and `suffix`.
fn matches_indexed(wire: &str, prefix: &str, suffix: &str) -> bool {
    let Some(digits) = wire.strip_prefix(prefix).and_then(|r| r.strip_suffix(suffix)) else {
        return false;
    };
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() == 1 || !digits.starts_with('0'))
        && digits.parse::<u32>().is_ok()
}

struct Resolver<'a> {
    sink: &'a mut Sink,
    enums: &'a [Enum],
}

impl Resolver<'_> {
    fn payload(&mut self, def: &PayloadDef, types: &mut TypeNames) -> Payload {
        let name = &def.name;
        if !crate::naming::is_snake_ident(&name.value) {
            self.sink.error_with_hint(
                name.pos,
                format!("payload name `{}` must be snake_case", name.value),
                "e.g. incoming_message",
            );
        }
        let rust = pascal(&name.value);
        if !rust.is_empty() {
            types.claim(self.sink, &rust, &format!("payload `{}`", name.value), name.pos, RENAME);
        }
        // Rust field names of the struct (params, groups, `extra`) and every wire name.
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        fields.insert(EXTRA.to_owned(), "the map of unknown parameters".to_owned());
        let mut wires: BTreeMap<String, Pos> = BTreeMap::new();

        let mut params = Vec::new();
        for p in &def.params {
            if !self.check_wire_once(&mut wires, &p.wire) {
                continue;
            }
            if p.wire.value.contains('{') || p.wire.value.contains('}') {
                self.sink.error_with_hint(
                    p.wire.pos,
                    format!("parameter name `{}` holds a brace", p.wire.value),
                    "numbered parameters such as `MediaUrl{N}` go under `indexed:`",
                );
                continue;
            }
            let rust = self.rust_name(&p.wire, p.rust_name.as_ref(), None);
            if let Some(param) = self.param(p, rust, true) {
                if self.claim_field(&mut fields, &param.rust, &p.wire) {
                    params.push(param);
                }
            }
        }

        let mut groups = Vec::new();
        for g in &def.groups {
            if let Some(group) = self.group(g, &mut wires, types) {
                let field = Located {
                    value: format!("indexed group `{}`", g.name.value),
                    pos: g.name.pos,
                };
                if self.claim_field(&mut fields, &group.field, &field) {
                    groups.push(group);
                }
            }
        }

        // A plain parameter that an indexed pattern would also match is ambiguous.
        for p in &params {
            for g in &groups {
                for ip in &g.params {
                    if matches_indexed(&p.wire, &ip.prefix, &ip.suffix) {
                        let pos = def
                            .params
                            .iter()
                            .find(|d| d.wire.value == p.wire)
                            .map_or(name.pos, |d| d.wire.pos);
                        self.sink.error_with_hint(
                            pos,
                            format!("parameter `{}` is also matched by `{}`", p.wire, ip.param.wire),
                            "remove one of them",
                        );
                    }
                }
            }
        }

        Payload {
            rust,
            doc: def.doc.clone(),
            docs: def.docs.clone(),
            params,
            groups,
        }
    }

    fn group(&mut self, def: &GroupDef, wires: &mut BTreeMap<String, Pos>, types: &mut TypeNames) -> Option<Group> {
        let name = &def.name;
        let mut ok = true;
        if !crate::naming::is_snake_ident(&name.value) {
            self.sink.error_with_hint(
                name.pos,
                format!("indexed group name `{}` must be snake_case", name.value),
                "it is the Rust field name, e.g. media",
            );
            ok = false;
        }
        let item = def.item.clone().unwrap_or_else(|| name.clone());
        if !crate::naming::is_snake_ident(&item.value) {
            self.sink
                .error(item.pos, format!("item name `{}` must be snake_case", item.value));
            ok = false;
        } else {
            types.claim(
                self.sink,
                &pascal(&item.value),
                &format!("the item of group `{}`", item.value),
                item.pos,
                "set a different `item`",
            );
        }
        if def.params.is_empty() {
            self.sink
                .error(name.pos, format!("indexed group `{}` has no params", name.value));
            ok = false;
        }
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        let mut params = Vec::new();
        for p in &def.params {
            let wire: &str = &p.wire.value;
            if !self.check_wire_once(wires, &p.wire) {
                ok = false;
                continue;
            }
            let Some((prefix, suffix)) = split_indexed(wire) else {
                self.sink.error_with_hint(
                    p.wire.pos,
                    format!("indexed parameter `{wire}` must hold `{INDEX}` exactly once"),
                    "e.g. MediaUrl{N}",
                );
                ok = false;
                continue;
            };
            if prefix.is_empty() || format!("{prefix}{suffix}").contains(['{', '}']) {
                self.sink.error_with_hint(
                    p.wire.pos,
                    format!("indexed parameter `{wire}` needs a name before `{INDEX}` and no other braces"),
                    "e.g. MediaUrl{N}",
                );
                ok = false;
                continue;
            }
            let rust = self.rust_name(&p.wire, p.rust_name.as_ref(), Some(&name.value));
            let Some(param) = self.param(p, rust, false) else {
                ok = false;
                continue;
            };
            if !self.claim_field(&mut fields, &param.rust, &p.wire) {
                ok = false;
                continue;
            }
            params.push(IndexedParam {
                prefix: prefix.to_owned(),
                suffix: suffix.to_owned(),
                param,
            });
        }
        ok.then(|| Group {
            field: name.value.clone(),
            item: pascal(&item.value),
            doc: def.doc.clone(),
            params,
        })
    }

    /// Reports a repeated Rust field name; `true` when `rust` was free.
    fn claim_field(&mut self, fields: &mut BTreeMap<String, String>, rust: &str, wire: &Located<String>) -> bool {
        if let Some(other) = fields.get(rust) {
            self.sink.error_with_hint(
                wire.pos,
                format!("`{}` and {other} both become the field `{rust}`", wire.value),
                "give one of them a `rust_name`",
            );
            return false;
        }
        fields.insert(rust.to_owned(), format!("`{}`", wire.value));
        true
    }

    /// Reports a wire name listed twice in one payload; `true` when it is new.
    fn check_wire_once(&mut self, wires: &mut BTreeMap<String, Pos>, wire: &Located<String>) -> bool {
        if let Some(first) = wires.get(&wire.value) {
            self.sink.error(
                wire.pos,
                format!("parameter `{}` is listed twice (line {})", wire.value, first.line),
            );
            return false;
        }
        wires.insert(wire.value.clone(), wire.pos);
        true
    }

    /// The field name: `rust_name`, else the wire name in snake_case (without `{N}` and without
    /// the group's name as a prefix for indexed parameters: `MediaUrl{N}` in `media` → `url`).
    fn rust_name(&mut self, wire: &Located<String>, explicit: Option<&Located<String>>, group: Option<&str>) -> String {
        if let Some(name) = explicit {
            if !crate::naming::is_snake_ident(&name.value) {
                self.sink.error(
                    name.pos,
                    format!("rust_name `{}` must be a snake_case identifier", name.value),
                );
            }
            return name.value.clone();
        }
        let mut derived = snake(&wire.value.replace(INDEX, ""));
        if let Some(group) = group {
            if let Some(rest) = derived.strip_prefix(group).and_then(|r| r.strip_prefix('_')) {
                if !rest.is_empty() {
                    derived = rest.to_owned();
                }
            }
        }
        if !crate::naming::is_snake_ident(&derived) {
            self.sink.error_with_hint(
                wire.pos,
                format!("`{}` gives no usable Rust name", wire.value),
                "add a `rust_name`",
            );
        }
        derived
    }

    fn param(&mut self, def: &ParamDef, rust: String, lists: bool) -> Option<Param> {
        let ty = self.ty(&def.ty, lists)?;
        Some(Param {
            wire: def.wire.value.clone(),
            rust,
            ty,
            spec_type: def.ty.value.clone(),
            doc: def.doc.clone(),
            deprecated: def.deprecated,
            sensitive: def.sensitive,
            uncertain: def.uncertain,
        })
    }

    fn ty(&mut self, text: &Located<String>, lists: bool) -> Option<Ty> {
        let enums: Vec<&str> = self.enums.iter().map(|e| e.name.as_str()).collect();
        let scope = TypeScope {
            enums: &enums,
            objects: &[],
            inputs: &[],
        };
        resolve_type(self.sink, text, TypeUse::Webhook { lists }, scope)
    }
}
