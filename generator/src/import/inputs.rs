//! JSON request members with members of their own become inputs (`inputs:` in the spec): a
//! component schema is one input named after it (`customer_ai`, `create_policy_request`), an
//! object described in place is named after where it sits (`<resource>_<member>`, singular
//! for the items of a list).

use super::openapi::{Obj, Schema};
use super::patterns::{is_sensitive, names_a_secret};
use super::Importer;
use crate::naming::snake;

/// One input being imported.
pub(super) struct Input {
    pub name: String,
    /// The component schema it comes from, so that every use of it is one input.
    pub key: Option<String>,
    pub members: Vec<Member>,
    /// For one of several inputs: the member telling them apart, and (its value, input).
    pub tag: Option<String>,
    pub one_of: Vec<(String, String)>,
}

#[derive(PartialEq)]
pub(super) struct Member {
    pub wire: String,
    pub ty: String,
    pub required: bool,
    pub sensitive: bool,
}

impl<'a> Importer<'a> {
    /// The type of a JSON body member: `object<x>` or `list<object<x>>` when it (or its items)
    /// has members of its own, `None` when it has none (the caller types it as usual).
    pub(super) fn input_type(&mut self, resource: &str, wire: &str, schema: &Schema<'a>) -> Option<String> {
        let (node, key) = self.target(&schema.0);
        if node.str_at("type") == Some("array") {
            let items = node.get("items")?;
            let (item, item_key) = self.target(&items);
            let name = self.input(item, item_key, &singular(&format!("{resource}_{wire}")))?;
            return Some(format!("list<object<{name}>>"));
        }
        let name = self.input(node, key, &format!("{resource}_{wire}"))?;
        Some(format!("object<{name}>"))
    }

    /// `node`, or the component schema it refers to, with that schema's key.
    fn target(&self, node: &Obj<'a>) -> (Obj<'a>, Option<String>) {
        let key = node
            .str_at("$ref")
            .and_then(|r| r.strip_prefix("#/components/schemas/"));
        match key.and_then(|k| self.doc.schema(k)) {
            Some(target) => (target.0, key.map(str::to_owned)),
            None => (*node, None),
        }
    }

    /// The input for the object schema `node`, declared on first use; `None` if `node` has no
    /// members of its own.
    fn input(&mut self, node: Obj<'a>, key: Option<String>, place: &str) -> Option<String> {
        self.input_without(node, key, place, None)
    }

    /// The union input for a `oneOf` body with a `discriminator`: each alternative an input
    /// (without the discriminating member), named by the value that selects it. `None` when the
    /// alternatives cannot be told apart that way.
    pub(super) fn body_union(&mut self, key: Option<&str>, schema: Obj<'a>) -> Option<String> {
        let tag = schema.get("discriminator")?.str_at("propertyName")?.to_owned();
        let mut one_of = Vec::new();
        for alternative in schema.get("oneOf")?.items() {
            let (node, alternative_key) = self.target(&alternative);
            // The tag's value: the alternative's one allowed value for it.
            let values = Schema(node).property(&tag)?.enum_values();
            let [value] = values.as_slice() else { return None };
            let place = alternative_key.clone().unwrap_or_else(|| format!("{value}_{tag}"));
            let name = self.input_without(node, alternative_key, &place, Some(&tag))?;
            one_of.push((value.clone(), name));
        }
        let name = self.free_input_name(&snake(key.unwrap_or("request")));
        self.inputs.push(Input {
            name: name.clone(),
            key: key.map(str::to_owned),
            members: Vec::new(),
            tag: Some(tag),
            one_of,
        });
        Some(name)
    }

    fn input_without(&mut self, node: Obj<'a>, key: Option<String>, place: &str, skip: Option<&str>) -> Option<String> {
        let properties = node.properties();
        if properties.is_empty() {
            return None;
        }
        if let Some(known) = key
            .as_ref()
            .and_then(|k| self.inputs.iter().find(|i| i.key.as_ref() == Some(k)))
        {
            return Some(known.name.clone());
        }
        let base = snake(key.as_deref().map_or(place, |k| k.rsplit('.').next().unwrap_or(k)));
        let name = self.free_input_name(&base);
        // Declared before its members, so that a schema containing itself names itself.
        let index = self.inputs.len();
        self.inputs.push(Input {
            name: name.clone(),
            key,
            members: Vec::new(),
            tag: None,
            one_of: Vec::new(),
        });
        let required: Vec<String> = node
            .get("required")
            .map(|r| r.items().iter().filter_map(|n| n.str()).map(str::to_owned).collect())
            .unwrap_or_default();
        let mut members = Vec::new();
        for (wire, property) in properties {
            // What the server fills in (Marketplace's `submitted`) is not sent, nor the member
            // that one of several inputs writes itself.
            if property.str_at("readOnly") == Some("true") || Some(wire.as_str()) == skip {
                continue;
            }
            let schema = Schema(property);
            let ty = match self.input_type(&name, &wire, &schema) {
                Some(ty) => ty,
                None => self.type_of(&name, &wire, &schema),
            };
            members.push(Member {
                required: required.contains(&wire),
                sensitive: is_sensitive(&property) || names_a_secret(&wire),
                wire,
                ty,
            });
        }
        // The same object described in place twice (a create and an update) is one input.
        if self.inputs[index].key.is_none() {
            if let Some(same) = self.inputs.iter().find(|i| i.name != name && i.members == members) {
                let same = same.name.clone();
                self.inputs.remove(index);
                return Some(same);
            }
        }
        self.inputs[index].members = members;
        Some(name)
    }

    /// `base`, or `base_input`, `base_input_2`, … when an enum or another input already has
    /// that name (resources are known only later: `rename_inputs_like_resources`).
    fn free_input_name(&self, base: &str) -> String {
        let taken = |name: &str| {
            self.inputs.iter().any(|i| i.name == name)
                || self.enums.contains_key(name)
                || self.reserved_input_names.iter().any(|k| k == name)
        };
        if !taken(base) {
            return base.to_owned();
        }
        let mut candidate = format!("{base}_input");
        let mut n = 1;
        while taken(&candidate) {
            n += 1;
            candidate = format!("{base}_input_{n}");
        }
        candidate
    }
}

impl Importer<'_> {
    /// An input named like a resource or an enum would give two types one name; it gets
    /// `_input` appended, in every type that names it.
    pub(super) fn rename_inputs_like_resources(&mut self, spec: &mut super::Spec) {
        self.reserved_input_names = spec.resources.iter().map(|r| r.key.clone()).collect();
        self.reserved_input_names.extend(self.enums.keys().cloned());
        let clashing: Vec<usize> = (0..self.inputs.len())
            .filter(|&i| self.reserved_input_names.contains(&self.inputs[i].name))
            .collect();
        for i in clashing {
            let old = self.inputs[i].name.clone();
            let new = self.free_input_name(&old);
            self.inputs[i].name = new.clone();
            let (from, to) = (format!("object<{old}>"), format!("object<{new}>"));
            let params = spec
                .resources
                .iter_mut()
                .flat_map(|r| &mut r.methods)
                .flat_map(|m| &mut m.params)
                .map(|p| &mut p.ty);
            let members = self.inputs.iter_mut().flat_map(|i| &mut i.members).map(|m| &mut m.ty);
            for ty in params.chain(members) {
                if *ty == from || *ty == format!("list<{from}>") {
                    *ty = ty.replace(&from, &to);
                }
            }
        }
    }
}

/// `phone_numbers` → `phone_number`, for the items of a list.
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = name.strip_suffix('s').filter(|s| !s.ends_with('s')) {
        stem.to_owned()
    } else {
        format!("{name}_item")
    }
}
