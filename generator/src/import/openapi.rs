//! Read-only access to an OpenAPI document parsed by `crate::yaml`.

use crate::yaml::{Kind, Node};

use super::PathItem;

/// A node of the document.
#[derive(Clone, Copy)]
pub struct Obj<'n>(pub &'n Node);

/// A schema node (a parameter's, a property's or a component's).
#[derive(Clone)]
pub struct Schema<'n>(pub Obj<'n>);

impl<'n> Obj<'n> {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<Obj<'n>> {
        match &self.0.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| Obj(v)),
            _ => None,
        }
    }

    /// The scalar text of this node.
    pub fn str(&self) -> Option<&'n str> {
        self.0.as_str()
    }

    /// The scalar text under `key`.
    pub fn str_at(&self, key: &str) -> Option<&'n str> {
        self.get(key).and_then(|v| v.str())
    }

    /// The items of a list (none for anything else).
    pub fn items(&self) -> Vec<Obj<'n>> {
        match &self.0.kind {
            Kind::Seq(items) => items.iter().map(Obj).collect(),
            _ => Vec::new(),
        }
    }

    pub fn index(&self, i: usize) -> Option<Obj<'n>> {
        self.items().get(i).copied()
    }

    /// The entries of a mapping, in file order.
    pub fn entries(&self) -> Vec<(&'n str, Obj<'n>)> {
        match &self.0.kind {
            Kind::Map(entries) => entries
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?, Obj(v))))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The JSON entry of a `content` map: `application/json`, or a JSON dialect such as SCIM's
    /// `application/scim+json`.
    pub fn json_media(&self) -> Option<Obj<'n>> {
        self.get("application/json").or_else(|| {
            self.entries()
                .into_iter()
                .find(|(media, _)| media.starts_with("application/") && media.ends_with("+json"))
                .map(|(_, entry)| entry)
        })
    }

    /// `properties` of a schema, in file order.
    pub fn properties(&self) -> Vec<(String, Obj<'n>)> {
        self.get("properties")
            .map(|p| p.entries().into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            .unwrap_or_default()
    }

    /// The operations of a path item: `(verb, operation)` in file order.
    pub fn operations(&self) -> Vec<(&'n str, Obj<'n>)> {
        self.entries()
            .into_iter()
            .filter(|(k, _)| matches!(*k, "get" | "post" | "put" | "patch" | "delete"))
            .collect()
    }
}

impl<'n> Schema<'n> {
    pub fn property(&self, name: &str) -> Option<Schema<'n>> {
        self.0.get("properties").and_then(|p| p.get(name)).map(Schema)
    }

    pub fn enum_values(&self) -> Vec<String> {
        self.0
            .get("enum")
            .map(|e| e.items().iter().filter_map(|v| v.str()).map(str::to_owned).collect())
            .unwrap_or_default()
    }
}

/// The whole document.
pub struct Doc<'n> {
    root: &'n Node,
}

impl<'n> Doc<'n> {
    pub fn new(root: &'n Node) -> Doc<'n> {
        Doc { root }
    }

    pub fn root(&self) -> Obj<'n> {
        Obj(self.root)
    }

    /// The component schema `key`.
    pub fn schema(&self, key: &str) -> Option<Schema<'n>> {
        self.root().get("components")?.get("schemas")?.get(key).map(Schema)
    }

    /// Every path item with its `x-twilio` facts, in file order.
    pub fn path_items(&self) -> Vec<PathItem<'n>> {
        let Some(paths) = self.root().get("paths") else {
            return Vec::new();
        };
        let entries = paths.entries();
        // Files without `x-twilio.pathType` (Assistants, Knowledge): a path ending in a literal
        // with an instance path below it (`/Knowledge` and `/Knowledge/{id}`) is a list …
        let has_instance_below = |path: &str| {
            entries.iter().any(|(other, _)| {
                other
                    .strip_prefix(path)
                    .and_then(|rest| rest.strip_prefix("/{"))
                    .is_some_and(|rest| rest.ends_with('}') && !rest.contains('/'))
            })
        };
        // … as is one whose GET answers a page, an array of model references beside other
        // keys (`/Policies`; Lookups' `/RateLimits`, which has no paging at all).
        let answers_page = |node: Obj| {
            let schema = node
                .get("get")
                .and_then(|op| op.get("responses"))
                .and_then(|r| r.get("200"))
                .and_then(|r| r.get("content"))
                .and_then(|c| c.json_media())
                .and_then(|j| j.get("schema"));
            schema.is_some_and(|s| {
                s.get("$ref").is_none()
                    && s.properties()
                        .iter()
                        .any(|(_, p)| p.get("items").and_then(|i| i.str_at("$ref")).is_some())
            })
        };
        entries
            .iter()
            .map(|&(path, node)| {
                let x = node.get("x-twilio");
                let list = match x.and_then(|x| x.str_at("pathType")) {
                    Some(kind) => kind == "list",
                    None => !path.ends_with('}') && (has_instance_below(path) || answers_page(node)),
                };
                PathItem {
                    path: path.to_owned(),
                    list,
                    parent: x.and_then(|x| x.str_at("parent")).map(str::to_owned),
                    mount: x.and_then(|x| x.str_at("mountName")).map(crate::naming::snake),
                    class: x.and_then(|x| x.str_at("className")).map(str::to_owned),
                    node,
                }
            })
            .collect()
    }
}
