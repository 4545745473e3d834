//! `cargo xtask import-openapi`: one of Twilio's official OpenAPI files → one spec file.
//!
//! The importer copies structure and facts (paths, verbs, parameter and field names, types,
//! enums, which parameters are required, sensitive or deprecated, required groups, page size
//! limits) and never Twilio's prose. What the format cannot express yet is not dropped silently:
//! every operation, resource or parameter left out is named in the report.
//!
//! Resources come from the official files' own tree: a path item's `x-twilio.pathType` (list or
//! instance) and `x-twilio.parent`, paired by the model schema their operations return
//! (`sync.v1.service.document`). A resource is named after the last segment of that schema; two
//! resources with the same last segment are named `<parent>_<name>` (accessors keep the short
//! name), the rule `spec/README.md` documents for type names.

pub mod drift;
mod inputs;
mod openapi;
mod patterns;
mod render;
mod responses;
mod tree;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};

use openapi::{Doc, Schema};

use crate::diag::Diagnostic;
use crate::naming::snake;
use patterns::{any_sid, id_prefix, is_sensitive, names_a_secret, path_sid, sid_prefix};
use responses::{answers_nothing, inline_model, json_dialect, json_response, REDIRECTS};
use write::scalar;

/// The start of the second line of every spec the importer writes (followed by the official
/// file's name); a maintainer who edits the spec by hand removes it.
pub const IMPORTED_MARKER: &str = "# Imported by `cargo xtask import-openapi` from ";

/// Model key prefix of a resource that only groups others (a path without operations).
const GROUP: &str = "group:";
/// Model key of a resource whose model its operations describe in place: the prefix, then its path.
const INLINE: &str = "inline:";
/// Model key of a resource whose operations answer nothing: the prefix, then its path.
const NO_MODEL: &str = "none:";
/// Separates a model from the mount name of a resource that shares the model with another.
const MOUNTED: char = '@';

/// What an import produced: the spec text and everything it had to leave out.
#[derive(Debug)]
pub struct Import {
    pub product: String,
    pub version: String,
    /// The spec file, ready for `spec/<product>/<version>.yaml`.
    pub yaml: String,
    /// Operations imported.
    pub operations: usize,
    /// One line per thing left out, naming it and why.
    pub left_out: Vec<String>,
}

/// Imports the official file `file_name` (e.g. `twilio_sync_v1.yaml`) given as text.
pub fn import(file_name: &str, text: &str) -> Result<Import, Vec<Diagnostic>> {
    let (product, version) = product_and_version(file_name).ok_or_else(|| {
        vec![Diagnostic::internal(format!(
            "{file_name}: expected a name like twilio_<product>_<version>.yaml"
        ))]
    })?;
    let root = crate::yaml::parse(file_name, text).map_err(|d| vec![d])?;
    Ok(import_version(
        file_name,
        text,
        &Doc::new(&root),
        product,
        version,
        None,
    ))
}

/// Imports an official file: one spec per product version. A file named without a version
/// (`twilio_preview.yaml`) holds several, one per first path segment, as in Twilio's helpers
/// (`/HostedNumbers/…` is `preview.hosted_numbers`, `/wireless/…` is `preview.wireless`).
///
/// A versioned file whose paths start with several segments (`twilio_iam_organizations.yaml`:
/// `/Organizations/…` and `/v1/…`, on `preview-iam.twilio.com`) is split the same way, its
/// product named after its host as Twilio's helpers name it (`preview_iam.organizations`,
/// `preview_iam.v1`).
pub fn import_file(file_name: &str, text: &str) -> Result<Vec<Import>, Vec<Diagnostic>> {
    let root = crate::yaml::parse(file_name, text).map_err(|d| vec![d])?;
    let doc = Doc::new(&root);
    let segments: std::collections::BTreeSet<String> = doc
        .path_items()
        .iter()
        .filter_map(|i| i.path.split('/').nth(1).filter(|s| !s.is_empty()).map(str::to_owned))
        .collect();
    let product = if let Some((product, version)) = product_and_version(file_name) {
        let host = doc.path_items().iter().find_map(|i| {
            let url = i.node.get("servers")?.index(0)?.str_at("url")?;
            Some(url.trim_start_matches("https://").split('.').next()?.replace('-', "_"))
        });
        match host {
            Some(host) if segments.len() > 1 && crate::naming::is_snake_ident(&host) => host,
            _ => return Ok(vec![import_version(file_name, text, &doc, product, version, None)]),
        }
    } else {
        file_name
            .strip_prefix("twilio_")
            .and_then(|s| s.strip_suffix(".yaml"))
            .filter(|p| crate::naming::is_snake_ident(p))
            .ok_or_else(|| {
                vec![Diagnostic::internal(format!(
                    "{file_name}: expected a name like twilio_<product>_<version>.yaml or twilio_<product>.yaml"
                ))]
            })?
            .to_owned()
    };
    let product = product.as_str();
    Ok(segments
        .iter()
        .map(|segment| {
            let under = format!("/{segment}");
            import_version(file_name, text, &doc, product.to_owned(), snake(segment), Some(&under))
        })
        .collect())
}

/// One product version of an official file: the paths below `under`, or all of them.
fn import_version(
    file_name: &str,
    text: &str,
    doc: &Doc,
    product: String,
    version: String,
    under: Option<&str>,
) -> Import {
    let mut importer = Importer {
        doc,
        product: product.clone(),
        version: version.clone(),
        under: under.map(str::to_owned),
        enums: BTreeMap::new(),
        inputs: Vec::new(),
        reserved_input_names: Vec::new(),
        left_out: Vec::new(),
        rfc2822: text.contains("date-time-rfc-2822"),
    };
    let mut spec = importer.spec();
    let operations = spec.resources.iter().map(|r| r.methods.len()).sum();
    importer.rename_enums_like_resources(&mut spec);
    importer.rename_inputs_like_resources(&mut spec);
    let yaml = importer.render(&spec, file_name);
    Import {
        product,
        version,
        yaml,
        operations,
        left_out: importer.left_out,
    }
}

/// `twilio_ip_messaging_v2.yaml` → (`ip_messaging`, `v2`).
fn product_and_version(file_name: &str) -> Option<(String, String)> {
    let stem = file_name
        .rsplit('/')
        .next()?
        .strip_suffix(".yaml")?
        .strip_prefix("twilio_")?;
    let (product, version) = stem.rsplit_once('_')?;
    Some((product.to_owned(), version.to_owned()))
}

struct Importer<'a> {
    doc: &'a Doc<'a>,
    product: String,
    version: String,
    /// Only the paths below this prefix (one version of a file holding several).
    under: Option<String>,
    /// Enum name → values, in first-use order of names (sorted on output).
    enums: BTreeMap<String, Vec<String>>,
    /// Inputs in first-use order.
    inputs: Vec<inputs::Input>,
    /// Names inputs must not take (resources' and enums', once known).
    reserved_input_names: Vec<String>,
    left_out: Vec<String>,
    rfc2822: bool,
}

/// The spec being built.
struct Spec {
    host: String,
    base_path: String,
    /// The operations take an OAuth access token (`auth: bearer`).
    bearer_auth: bool,
    resources: Vec<Resource>,
}

struct Resource {
    /// Model schema key, e.g. `sync.v1.service.document`.
    model: String,
    key: String,
    singular: String,
    plural: String,
    parent: Option<usize>,
    list_path: Option<String>,
    instance_path: Option<String>,
    sid_prefix: Option<String>,
    /// Path parameters whose schema is not a string, with their spec types.
    path_params: BTreeMap<String, String>,
    fields: Vec<(String, String)>,
    methods: Vec<Method>,
}

struct Method {
    name: &'static str,
    http: Option<&'static str>,
    /// `list` for a custom action on the list path.
    path: Option<&'static str>,
    body_json: bool,
    params: Vec<Param>,
    groups: Vec<Vec<String>>,
    page_size_max: Option<u64>,
    records_key: Option<String>,
    /// Rust names of the path parameters, which parameters must not take.
    path_names: Vec<String>,
    /// `returns: none`: a create or update whose answer has no body.
    answers_nothing: bool,
    /// `redirect: true`: success is a 3xx whose JSON body is the model.
    redirect: bool,
    /// `accept:`, the JSON dialect of the answer where it is not `application/json`.
    accept: Option<String>,
    /// `paging: pages`: numbered pages (`results` beside `has_next` and `current_page`).
    numbered_pages: bool,
}

struct Param {
    wire: String,
    ty: String,
    /// Also sent as `wire<` and `wire>` (date range filters).
    range: bool,
    required: bool,
    location: Option<&'static str>,
    sensitive: bool,
    deprecated: bool,
}

/// A path item, classified.
struct PathItem<'n> {
    path: String,
    list: bool,
    parent: Option<String>,
    mount: Option<String>,
    /// `x-twilio.className`, e.g. `auth_type_calls`.
    class: Option<String>,
    node: openapi::Obj<'n>,
}

impl<'a> Importer<'a> {
    fn spec(&mut self) -> Spec {
        let mut items: Vec<PathItem> = self.doc.path_items();
        if let Some(under) = &self.under {
            items.retain(|i| i.path.starts_with(&format!("{under}/")));
        }
        let server = |node: &openapi::Obj<'a>| {
            node.get("servers")
                .and_then(|s| s.index(0))
                .and_then(|s| s.str_at("url"))
        };
        let host = items
            .iter()
            .find_map(|i| server(&i.node))
            .or_else(|| server(&self.doc.root()))
            .unwrap_or_default()
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_owned();
        let base_path = common_base(items.iter().map(|i| i.path.as_str()));

        // Pair list and instance paths by the model their operations return.
        let mut by_model: BTreeMap<String, (Option<usize>, Option<usize>)> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut modelless: Vec<usize> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if !item.path.starts_with(&format!("{base_path}/")) {
                self.left_out
                    .push(format!("path {}: outside the base path {base_path}", item.path));
                continue;
            }
            // A path without operations that other paths name as their parent groups them
            // (`/Accounts/{AccountSid}/SIP.json`: `account(sid).sip().domains()`).
            let groups_others = || {
                let own = normalize(&item.path[base_path.len()..]);
                items
                    .iter()
                    .any(|i| i.parent.as_deref().is_some_and(|p| normalize(p) == own))
            };
            if item.node.operations().is_empty() && groups_others() {
                let model = format!("{GROUP}{}", item.path);
                order.push(model.clone());
                by_model.insert(model, if item.list { (Some(i), None) } else { (None, Some(i)) });
                continue;
            }
            let Some(mut model) = self.model_of(item) else {
                if !item.node.operations().is_empty() {
                    modelless.push(i);
                }
                continue;
            };
            let slot = |by_model: &BTreeMap<_, (Option<usize>, Option<usize>)>, model: &String| {
                by_model.get(model).and_then(|&(l, i)| if item.list { l } else { i })
            };
            // A second path for one model under a mount name of its own (Assistants'
            // `assistants_knowledge` beside `knowledge`) is a resource of its own, keyed
            // `model@mount`; whichever of the two paths comes first in the file.
            if let Some(taken) = slot(&by_model, &model) {
                match (&item.mount, &items[taken].mount) {
                    (Some(mount), _) => model = format!("{model}{MOUNTED}{mount}"),
                    (None, Some(mount)) => {
                        let moved = format!("{model}{MOUNTED}{mount}");
                        let place = by_model.get_mut(&model).expect("taken above");
                        let taken = if item.list { place.0.take() } else { place.1.take() };
                        order.push(moved.clone());
                        by_model.insert(moved, if item.list { (taken, None) } else { (None, taken) });
                    }
                    (None, None) => {}
                }
            }
            if slot(&by_model, &model).is_some() {
                self.left_out.push(format!(
                    "path {}: a second {} path for {model}",
                    item.path,
                    if item.list { "list" } else { "instance" }
                ));
                continue;
            }
            let place = by_model.entry(model.clone()).or_insert_with(|| {
                order.push(model.clone());
                (None, None)
            });
            *if item.list { &mut place.0 } else { &mut place.1 } = Some(i);
        }
        // Paths whose operations answer no model join the resource of their mount name
        // (attaching and detaching a tool: `/Assistants/{assistantId}/Tools/{id}` beside the
        // list `/Assistants/{assistantId}/Tools`).
        // So do instance paths directly below a list (deleting a call's message subscription,
        // `/Calls/{CallSid}/UserDefinedMessageSubscriptions/{Sid}.json`). Others whose operations
        // all answer nothing are resources without a model (`/Archives/{Date}/Calls/{Sid}`).
        for i in modelless {
            let item = &items[i];
            let by_mount = |(_, &(l, inst)): &(&String, &(Option<usize>, Option<usize>))| {
                item.mount.is_some() && [l, inst].into_iter().flatten().any(|j| items[j].mount == item.mount)
            };
            let below = normalize(&item.path).rsplit_once('/').map(|(base, _)| base.to_owned());
            let silent = item
                .node
                .operations()
                .iter()
                .all(|(verb, op)| answers_nothing(verb, op));
            let by_list = |(_, &(l, inst)): &(&String, &(Option<usize>, Option<usize>))| {
                silent && !item.list && inst.is_none() && l.is_some_and(|l| Some(normalize(&items[l].path)) == below)
            };
            let found = by_model.iter().find(by_mount).or_else(|| by_model.iter().find(by_list));
            let joined = found.map(|(model, _)| model.clone()).and_then(|model| {
                let place = by_model.get_mut(&model).expect("found above");
                let slot = if item.list { &mut place.0 } else { &mut place.1 };
                slot.is_none().then(|| *slot = Some(i))
            });
            if joined.is_some() {
                continue;
            }
            if silent {
                let model = format!("{NO_MODEL}{}", item.path);
                order.push(model.clone());
                by_model.insert(model, if item.list { (Some(i), None) } else { (None, Some(i)) });
                continue;
            }
            let ops = item.node.operations().len();
            self.left_out
                .push(format!("path {}: {ops} operation(s) without a model schema", item.path));
        }

        // A list path and its instance path whose operations return different models (a page of
        // `notification` and one `notification-instance`; `new_key` from create, `key` from the
        // rest) are one resource, named after the instance's model.
        let family = |i: usize| normalize(&items[i].path);
        let mut merged = Vec::new();
        for list_model in &order {
            let (Some(list), None) = by_model[list_model] else {
                continue;
            };
            let instance_model = order.iter().find(|m| {
                matches!(by_model[*m], (None, Some(i)) if family(i).ends_with("{}")
                    && family(i).rsplit_once('/').map(|(base, _)| base) == Some(family(list).as_str()))
            });
            if let Some(instance_model) = instance_model {
                merged.push((list_model.clone(), instance_model.clone(), list));
            }
        }
        // `notification` beside `notification-instance` is a notification.
        let mut list_names: BTreeMap<String, String> = BTreeMap::new();
        for (list_model, instance_model, list) in merged {
            by_model.remove(&list_model);
            order.retain(|m| *m != list_model);
            by_model.get_mut(&instance_model).expect("paired above").0 = Some(list);
            let stem = last_segment(&list_model);
            if last_segment(&instance_model) == format!("{stem}_instance") {
                list_names.insert(instance_model, stem);
            }
        }

        // The format names one instance by one parameter below its list; an instance path that
        // adds more (Lookups' `/RateLimits/Fields/{Field}/Bucket/{Bucket}` below `/RateLimits`)
        // is a resource of its own, below a group for the parameters before its last.
        let params_in = |i: usize| items[i].path.matches('{').count();
        let mut split = Vec::new();
        for (model, slot) in by_model.iter_mut() {
            if let (Some(list), Some(instance)) = *slot {
                let added = params_in(instance) - params_in(list).min(params_in(instance));
                if added != 1 {
                    let word = snake(last_literal(&items[instance].path));
                    split.push((format!("{model}{MOUNTED}{word}"), instance));
                    slot.1 = None;
                }
            }
        }
        for (model, instance) in split {
            order.push(model.clone());
            by_model.insert(model, (None, Some(instance)));
        }

        // Short names, prefixed by the parent's where two resources share one.
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let short_name = |model: &str| match model.strip_prefix(GROUP).or_else(|| model.strip_prefix(NO_MODEL)) {
            Some(path) => {
                let item = items.iter().find(|i| i.path == path).expect("a group is a path item");
                let name = item.class.clone().unwrap_or_else(|| snake(last_literal(path)));
                match model.starts_with(NO_MODEL) {
                    // Named like the instances it acts on (`archived_calls`: `archived_call`).
                    true => tree::singular_of(item.mount.as_deref().unwrap_or(&name)),
                    false => name,
                }
            }
            None if model.starts_with(INLINE) => {
                let item = items
                    .iter()
                    .find(|i| model.strip_prefix(INLINE) == Some(i.path.as_str()));
                inline_name(item.expect("an inline model is a path item's"))
            }
            None => match model.split_once(MOUNTED) {
                Some((_, mount)) => tree::singular_of(mount),
                None => {
                    // `assistant_with_tools_and_knowledge` at `/Assistants` is an `assistant`
                    // (but `conversation_with_participants` has a path of its own).
                    let name = list_names.get(model).cloned().unwrap_or_else(|| last_segment(model));
                    let (list, instance) = by_model[model];
                    let word = list
                        .or(instance)
                        .map(|i| tree::singular_of(&snake(last_literal(&items[i].path))));
                    match (name.split_once("_with_"), word) {
                        (Some((head, _)), Some(word)) if head == word => word,
                        _ => name,
                    }
                }
            },
        };
        for model in &order {
            *counts.entry(short_name(model)).or_default() += 1;
        }
        let mut resources: Vec<Resource> = Vec::new();
        for model in &order {
            let (list, instance) = by_model[model];
            let short = short_name(model);
            let key = if counts[&short] > 1 {
                let segments: Vec<&str> = model.split('.').collect();
                match segments.len() {
                    n if n >= 4 => format!("{}_{short}", segments[n - 2]),
                    _ => short.clone(),
                }
            } else {
                short.clone()
            };
            let relative = |i: Option<usize>| i.map(|i| items[i].path[base_path.len()..].to_owned());
            let list_path = relative(list);
            let instance_path = relative(instance);
            let mount = list.or(instance).and_then(|i| items[i].mount.clone());
            let plural = mount.unwrap_or_else(|| {
                let source = list_path.as_deref().or(instance_path.as_deref()).unwrap_or_default();
                snake(Some(last_literal(source)).filter(|s| !s.is_empty()).unwrap_or(&short))
            });
            resources.push(Resource {
                model: model.clone(),
                key,
                singular: short,
                plural,
                parent: None,
                list_path,
                instance_path,
                sid_prefix: None,
                path_params: BTreeMap::new(),
                fields: Vec::new(),
                methods: Vec::new(),
            });
        }

        // Parents: the resource whose instance (or list) path is this one's `x-twilio.parent`.
        for r in 0..resources.len() {
            let (list, instance) = by_model[&resources[r].model];
            let parent_path = list
                .or(instance)
                .and_then(|i| items[i].parent.clone())
                .map(|p| p.trim_end_matches(".json").to_owned());
            if let Some(parent_path) = parent_path {
                // Below one instance, or (a parent given as a list path) below the collection.
                let same =
                    |path: &Option<String>| path.as_deref().is_some_and(|p| normalize(p) == normalize(&parent_path));
                let found = resources
                    .iter()
                    .position(|p| same(&p.instance_path))
                    .or_else(|| resources.iter().position(|p| same(&p.list_path)));
                resources[r].parent = found.filter(|&p| p != r);
            }
        }
        tree::attach_parentless(&mut resources, &mut by_model, &items, &base_path);
        tree::unclash_accessors(&mut resources);

        for r in 0..resources.len() {
            let (list, instance) = by_model[&resources[r].model];
            if resources[r].model.starts_with(GROUP) {
                self.type_group_param(&mut resources[r], &items, &base_path);
                continue;
            }
            let model = schema_key(&resources[r].model).to_owned();
            if !model.starts_with(NO_MODEL) {
                resources[r].fields = self.fields(&model);
            }
            // Fields only some operations return (a new key's `secret`) join the model.
            let mut others: Vec<String> = Vec::new();
            for index in [list, instance].into_iter().flatten() {
                for (_, op) in items[index].node.operations() {
                    if let Some(other) = self.returned_model(&op).filter(|m| *m != model && !others.contains(m)) {
                        others.push(other);
                    }
                }
            }
            for other in others {
                let extra = self.fields_except(&other, &resources[r].fields);
                resources[r].fields.extend(extra);
            }
            resources[r].sid_prefix = self
                .doc
                .schema(&model)
                .and_then(|s| s.property("sid"))
                .and_then(|s| sid_prefix(&s));
            let key = resources[r].key.clone();
            for (index, is_list) in [(list, true), (instance, false)] {
                let Some(index) = index else { continue };
                for (verb, op) in items[index].node.operations() {
                    let id = op.str_at("operationId").unwrap_or("?").to_owned();
                    for p in op.get("parameters").map(|p| p.items()).unwrap_or_default() {
                        let (Some(wire), Some("path"), Some(schema)) =
                            (p.str_at("name"), p.str_at("in"), p.get("schema"))
                        else {
                            continue;
                        };
                        let ty = self.type_of(&key, wire, &Schema(schema));
                        // Only this resource's own parameter: the others belong to its parents.
                        let own = !is_list && last_param(&items[index].path) == Some(wire);
                        if !own {
                            continue;
                        }
                        if let Some(prefix) = ty.strip_prefix("sid<").and_then(|t| t.strip_suffix('>')) {
                            // The parameter's own pattern says best what names an instance.
                            resources[r].sid_prefix = Some(prefix.to_owned());
                        } else if ty != "string" {
                            resources[r].path_params.insert(wire.to_owned(), ty);
                        }
                    }
                    match self.method(&key, verb, is_list, &op) {
                        Ok(m) => resources[r].methods.push(m),
                        Err(why) => {
                            self.left_out
                                .push(format!("{id} ({} {}): {why}", verb.to_uppercase(), items[index].path))
                        }
                    }
                }
            }
        }
        tree::sid_prefixes_from_paths(&mut resources, &items, &base_path);
        // A resource none of whose operations came through, and that has no children, would be
        // an empty handle: leave it out, by name.
        loop {
            let empty = (0..resources.len())
                .find(|&i| resources[i].methods.is_empty() && !resources.iter().any(|c| c.parent == Some(i)));
            let Some(i) = empty else { break };
            self.left_out.push(format!(
                "resource {}: none of its operations could be imported",
                resources[i].model
            ));
            resources.remove(i);
            for r in resources.iter_mut() {
                r.parent = match r.parent {
                    Some(p) if p > i => Some(p - 1),
                    other => other,
                };
            }
        }
        // The file's default security is OAuth 2 (IAM Organizations) and some operation here
        // keeps it (`security: []` opts out: the token endpoint itself).
        let oauth_schemes: Vec<&str> = self
            .doc
            .root()
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .map(|schemes| schemes.entries())
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, scheme)| scheme.str_at("type") == Some("oauth2"))
            .map(|(name, _)| name)
            .collect();
        let default_oauth = self.doc.root().get("security").is_some_and(|s| {
            s.items()
                .iter()
                .any(|r| r.entries().iter().any(|(name, _)| oauth_schemes.contains(name)))
        });
        let bearer_auth = default_oauth
            && items
                .iter()
                .flat_map(|i| i.node.operations())
                .any(|(_, op)| op.get("security").is_none());
        Spec {
            host,
            base_path,
            bearer_auth,
            resources,
        }
    }

    /// A group's own path parameter takes its type from the operations below the group
    /// (Voice's `/Archives/{Date}`: a date).
    fn type_group_param(&mut self, group: &mut Resource, items: &[PathItem], base_path: &str) {
        let Some(instance) = group.instance_path.clone().filter(|p| p.ends_with('}')) else {
            return;
        };
        let Some(own) = last_param(&instance).map(str::to_owned) else {
            return;
        };
        let prefix = normalize(&format!("{base_path}{instance}"));
        let schema = items
            .iter()
            .filter(|i| normalize(&i.path).starts_with(&prefix))
            .flat_map(|i| i.node.operations())
            .find_map(|(_, op)| {
                let params = op.get("parameters")?.items();
                let param = params
                    .into_iter()
                    .find(|p| p.str_at("name") == Some(own.as_str()) && p.str_at("in") == Some("path"))?;
                param.get("schema")
            });
        if let Some(schema) = schema {
            let ty = self.type_of(&group.key, &own, &Schema(schema));
            if ty != "string" && !ty.starts_with("sid<") {
                group.path_params.insert(own, ty);
            }
        }
    }

    /// The component schema the operations of a path item return (for lists, the item schema
    /// of the page).
    fn model_of(&self, item: &PathItem) -> Option<String> {
        let operations = item.node.operations();
        operations
            .iter()
            .find_map(|(_, op)| self.returned_model(op))
            .or_else(|| {
                // An object described in place (Messaging's typing indicator, Verify's passkeys).
                operations
                    .iter()
                    .any(|(_, op)| inline_model(op).is_some())
                    .then(|| format!("{INLINE}{}", item.path))
            })
    }

    /// The component schema one operation returns (for lists, the item schema of the page).
    fn returned_model(&self, op: &openapi::Obj) -> Option<String> {
        for code in ["200", "201", "202"].iter().chain(REDIRECTS) {
            let Some(schema) = json_response(op, code) else {
                continue;
            };
            if let Some((_, item)) = self.named_page(&schema) {
                return Some(item);
            }
            if let Some(reference) = schema.str_at("$ref") {
                let key = reference.strip_prefix("#/components/schemas/")?;
                // A page-number page (`results` beside `total_pages`) holds the model.
                let items = self
                    .doc
                    .schema(key)
                    .filter(|s| s.property("total_pages").is_some())
                    .and_then(|s| s.property("results"))
                    .and_then(|r| r.0.get("items").and_then(|i| i.str_at("$ref")).map(str::to_owned));
                return match items {
                    Some(item) => item.strip_prefix("#/components/schemas/").map(str::to_owned),
                    None => Some(key.to_owned()),
                };
            }
            // A page: the one array property holding references to the model.
            for (name, property) in schema.properties() {
                if name == "meta" {
                    continue;
                }
                if let Some(reference) = property.get("items").and_then(|i| i.str_at("$ref")) {
                    return reference.strip_prefix("#/components/schemas/").map(str::to_owned);
                }
            }
        }
        None
    }

    /// The method of an operation, or why the format cannot express it yet.
    fn method(&mut self, resource: &str, verb: &str, list: bool, op: &openapi::Obj<'a>) -> Result<Method, String> {
        let (name, http) = match (verb, list) {
            ("post", true) => ("create", None),
            ("get", true) => ("list", None),
            ("get", false) => ("fetch", None),
            ("post", false) => ("update", None),
            ("put", false) => ("update", Some("PUT")),
            ("delete", false) => ("delete", None),
            // A verb on the whole collection (Accounts' geo permissions, safe list).
            ("patch", true) => ("update", Some("PATCH")),
            // Beside a PUT that replaces (SCIM users), a PATCH that changes part of an instance.
            ("patch", false) => ("patch", Some("PATCH")),
            ("delete", true) => ("delete", None),
            _ => return Err("not a standard method".to_owned()),
        };
        // A GET on a list path that answers one object, not a page, is a custom action `get`.
        let answer = json_response(op, "200").or_else(|| REDIRECTS.iter().find_map(|code| json_response(op, code)));
        let single_object = answer
            .as_ref()
            .is_some_and(|s| s.get("$ref").is_some() && self.named_page(s).is_none());
        let page_number_envelope = answer
            .as_ref()
            .and_then(|s| s.str_at("$ref"))
            .and_then(|r| self.doc.schema(r.rsplit('/').next().unwrap_or(r)))
            .is_some_and(|s| s.property("total_pages").is_some() && s.property("results").is_some());
        // A POST that names the instance it creates (`CreateAssistantToolAttachment` on
        // `/Assistants/{assistantId}/Tools/{id}`, Lookups' overrides).
        let creates_instance =
            verb == "post" && !list && op.str_at("operationId").is_some_and(|id| id.starts_with("Create"));
        let (name, http, path) = if name == "list" && single_object {
            ("get", Some("GET"), Some("list"))
        } else if list && matches!(name, "update" | "delete") {
            (name, http, Some("list"))
        } else if creates_instance {
            ("create", None, Some("instance"))
        } else if name == "patch" {
            (name, http, Some("instance"))
        } else {
            (name, http, None)
        };
        let answers_nothing = matches!(name, "create" | "update") && answers_nothing(verb, op);
        let responds = |code: &&str| op.get("responses").and_then(|r| r.get(code)).is_some();
        let redirect = REDIRECTS.iter().any(|code| json_response(op, code).is_some())
            && !["200", "201", "202", "204"].iter().any(responds);
        let bodyless = matches!(verb, "get" | "delete");
        let mut params = Vec::new();
        let mut path_names = Vec::new();
        let mut page_size_max = None;
        for p in op.get("parameters").map(|p| p.items()).unwrap_or_default() {
            let Some(wire) = p.str_at("name") else { continue };
            let location = p.str_at("in").unwrap_or("query");
            if location == "path" {
                path_names.push(snake(wire));
                continue;
            }
            if name == "list" && matches!(wire, "PageSize" | "Page" | "PageToken") {
                if wire == "PageSize" {
                    page_size_max = p
                        .get("schema")
                        .and_then(|s| s.str_at("maximum"))
                        .and_then(|m| m.parse().ok());
                }
                continue;
            }
            let schema = p.get("schema");
            let ty = schema
                .map(|s| self.type_of(resource, wire, &Schema(s)))
                .unwrap_or_else(|| "string".into());
            params.push(Param {
                wire: wire.to_owned(),
                ty,
                range: false,
                required: p.str_at("required") == Some("true"),
                location: match location {
                    "header" => Some("header"),
                    "query" if !bodyless => Some("query"),
                    _ => None,
                },
                // A credential whatever the file says (Flex Insights' token).
                sensitive: is_sensitive(&p) || names_a_secret(wire),
                deprecated: p.str_at("deprecated") == Some("true"),
            });
        }
        let mut body_json = false;
        if let Some(content) = op.get("requestBody").and_then(|b| b.get("content")) {
            let (schema, json) = match (
                content.get("application/x-www-form-urlencoded"),
                content.get("application/json"),
            ) {
                (Some(form), _) => (form.get("schema"), false),
                (None, Some(json)) => (json.get("schema"), true),
                _ => return Err("a request body that is neither a form nor JSON".to_owned()),
            };
            body_json = json;
            let body_key = schema
                .and_then(|s| s.str_at("$ref"))
                .and_then(|r| r.rsplit('/').next())
                .map(str::to_owned);
            // A body given as a reference to a component schema.
            let schema = schema.map(
                |schema| match schema.str_at("$ref").and_then(|r| r.rsplit('/').next()) {
                    Some(key) => self.doc.schema(key).map_or(schema, |s| s.0),
                    None => schema,
                },
            );
            if let Some(schema) = schema {
                // One of several inputs told apart by a member (Messaging v3's typing indicator)
                // is the whole body; other alternatives would have their members dropped unseen.
                if json && schema.get("oneOf").is_some() {
                    let union = self
                        .body_union(body_key.as_deref(), schema)
                        .ok_or("a request body that is one of several shapes, with no member telling them apart")?;
                    let wire = union.strip_suffix("_request").unwrap_or(&union).to_owned();
                    params.push(Param {
                        wire,
                        ty: format!("object<{union}>"),
                        range: false,
                        required: true,
                        location: Some("body"),
                        sensitive: false,
                        deprecated: false,
                    });
                    fold_ranges(&mut params);
                    return Ok(Method {
                        name,
                        http,
                        path,
                        body_json,
                        params,
                        groups: Vec::new(),
                        page_size_max,
                        records_key: None,
                        path_names,
                        answers_nothing,
                        redirect,
                        accept: json_dialect(op).map(str::to_owned),
                        numbered_pages: false,
                    });
                }
                if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
                    return Err("a request body that is one of several shapes".to_owned());
                }
                let required: BTreeSet<String> = schema
                    .get("required")
                    .map(|r| r.items().iter().filter_map(|n| n.str()).map(str::to_owned).collect())
                    .unwrap_or_default();
                for (wire, property) in schema.properties() {
                    // Whether `node`, or the component schema it refers to, has the key `what`.
                    let has = |node: &openapi::Obj, what: &str| {
                        let target = node
                            .str_at("$ref")
                            .and_then(|r| r.rsplit('/').next())
                            .and_then(|key| self.doc.schema(key))
                            .map_or(*node, |s| s.0);
                        target.get(what).is_some()
                    };
                    let either =
                        |what: &str| has(&property, what) || property.get("items").is_some_and(|i| has(&i, what));
                    // Typed members of a JSON body are an input.
                    let input = json
                        .then(|| self.input_type(resource, &wire, &Schema(property)))
                        .flatten();
                    // One of several shapes: sent as untyped `json` when optional and free of
                    // required members; otherwise its members would have to be typed to be sent
                    // right.
                    let nested = either("oneOf") || (input.is_none() && either("properties"));
                    let requires_members = either("required");
                    if json && nested && (required.contains(&wire) || requires_members) {
                        let whose = if required.contains(&wire) {
                            "required"
                        } else {
                            "optional"
                        };
                        return Err(format!(
                            "{whose} JSON member `{wire}` has typed nested members, some of them required"
                        ));
                    }
                    let ty = input.unwrap_or_else(|| self.type_of(resource, &wire, &Schema(property)));
                    params.push(Param {
                        range: false,
                        required: required.contains(&wire),
                        sensitive: is_sensitive(&property) || names_a_secret(&wire),
                        deprecated: property.str_at("deprecated") == Some("true"),
                        wire,
                        ty,
                        location: None,
                    });
                }
            }
        }
        fold_ranges(&mut params);
        // The files spell group members in other cases (`identity` for `Identity`); the spec
        // names the parameters as sent.
        let wire_of = |member: &str| {
            params
                .iter()
                .find(|p| p.wire == member || snake(&p.wire) == snake(member))
                .map_or_else(|| member.to_owned(), |p| p.wire.clone())
        };
        let groups = op
            .get("x-twilio")
            .and_then(|x| x.get("conditional"))
            .map(|c| {
                c.items()
                    .iter()
                    .map(|g| g.items().iter().filter_map(|n| n.str()).map(wire_of).collect())
                    .collect()
            })
            .unwrap_or_default();
        let records_key = (name == "list").then(|| self.records_key(op)).flatten();
        Ok(Method {
            name,
            http,
            path,
            body_json,
            params,
            groups,
            page_size_max,
            records_key,
            path_names,
            answers_nothing,
            redirect,
            accept: json_dialect(op).map(str::to_owned),
            numbered_pages: name == "list" && page_number_envelope,
        })
    }

    /// The array property of a list response.
    /// A page described as a component schema named `…Page` (IAM Organizations'
    /// `PublicApiAccountResponsePage`, SCIM's `ScimUserPage`): its records key and the model
    /// its one array of references holds.
    fn named_page(&self, schema: &openapi::Obj) -> Option<(String, String)> {
        let key = schema.str_at("$ref")?.strip_prefix("#/components/schemas/")?;
        if !key.ends_with("Page") {
            return None;
        }
        let page = self.doc.schema(key)?;
        let mut arrays = page.0.properties().into_iter().filter_map(|(name, property)| {
            let item = property
                .get("items")?
                .str_at("$ref")?
                .strip_prefix("#/components/schemas/")?;
            Some((name, item.to_owned()))
        });
        let found = arrays.next()?;
        arrays.next().is_none().then_some(found)
    }

    fn records_key(&self, op: &openapi::Obj) -> Option<String> {
        let answer = json_response(op, "200")?;
        if let Some((records, _)) = self.named_page(&answer) {
            return Some(records);
        }
        answer
            .properties()
            .into_iter()
            .find(|(name, p)| name != "meta" && p.str_at("type") == Some("array"))
            .map(|(name, _)| name)
    }

    fn fields(&mut self, model: &str) -> Vec<(String, String)> {
        self.fields_except(model, &[])
    }

    /// The fields of `model` not named in `known` (their types are not looked at, so their
    /// enums are not declared).
    fn fields_except(&mut self, model: &str, known: &[(String, String)]) -> Vec<(String, String)> {
        let inline = model.strip_prefix(INLINE).and_then(|path| {
            let item = self.doc.path_items().into_iter().find(|i| i.path == path)?;
            let schema = item.node.operations().iter().find_map(|(_, op)| inline_model(op))?;
            Some((inline_name(&item), Schema(schema)))
        });
        if let Some((resource, schema)) = inline {
            return self.properties_as_fields(&resource, &schema, known);
        }
        let Some(schema) = self.doc.schema(model) else {
            self.left_out.push(format!("schema {model}: missing"));
            return Vec::new();
        };
        // A `oneOf` of models (Messaging's A2P campaigns, v1 and v2) has the fields of them all;
        // each arrives as an `Option`.
        if let Some(alternatives) = schema.0.get("oneOf") {
            let mut out: Vec<(String, String)> = Vec::new();
            for alternative in alternatives.items() {
                let Some(key) = alternative
                    .str_at("$ref")
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                else {
                    continue;
                };
                let seen: Vec<(String, String)> = known.iter().chain(&out).cloned().collect();
                let more = self.fields_except(key, &seen);
                out.extend(more);
            }
            return out;
        }
        self.properties_as_fields(&last_segment(model), &schema, known)
    }

    /// The properties of `schema` not named in `known`, as fields of `resource`.
    fn properties_as_fields(
        &mut self,
        resource: &str,
        schema: &Schema,
        known: &[(String, String)],
    ) -> Vec<(String, String)> {
        schema
            .0
            .properties()
            .into_iter()
            .filter(|(name, _)| !known.iter().any(|(k, _)| k == name))
            .map(|(name, property)| {
                let ty = self.field_type(resource, &name, &Schema(property));
                let mut extra = Vec::new();
                // A file whose dates are RFC 2822 can still have an ISO 8601 one (IAM's apps).
                if self.rfc2822 && property.str_at("format") == Some("date-time") {
                    extra.push("dates: iso8601");
                }
                if is_sensitive(&property) || names_a_secret(&name) {
                    extra.push("sensitive: true");
                }
                let value = if extra.is_empty() {
                    scalar(&ty, false)
                } else {
                    format!("{{type: {}, {}}}", scalar(&ty, true), extra.join(", "))
                };
                (name, value)
            })
            .collect()
    }

    fn field_type(&mut self, resource: &str, name: &str, schema: &Schema) -> String {
        match schema.0.str_at("format") {
            Some("uri-map") => return "string-map".into(),
            Some("date-time-rfc-2822") => return "date-time".into(),
            _ => {}
        }
        if schema.0.str_at("type") == Some("object")
            || (schema.0.str_at("type").is_none() && schema.0.get("$ref").is_none())
        {
            return "json".into();
        }
        let ty = self.type_of(resource, name, schema);
        // Fields cannot hold lists of dates; keep their text.
        ty.replace("list<date-time>", "list<string>")
            .replace("list<date>", "list<string>")
    }

    /// The spec type of a parameter or field schema.
    fn type_of(&mut self, resource: &str, name: &str, schema: &Schema) -> String {
        let node = &schema.0;
        if let Some(reference) = node.str_at("$ref") {
            let key = reference.rsplit('/').next().unwrap_or(reference);
            return match self.doc.schema(key) {
                Some(target) if target.0.get("enum").is_some() => {
                    let name = self.intern_enum(enum_name(key), target.enum_values());
                    format!("enum<{name}>")
                }
                Some(target) => self.type_of(resource, name, &target),
                None => "json".into(),
            };
        }
        if node.get("enum").is_some()
            && node.str_at("type") == Some("string")
            && node.str_at("format") != Some("http-method")
        {
            let name = self.intern_enum(snake(&format!("{resource}_{name}")), schema.enum_values());
            return format!("enum<{name}>");
        }
        match (node.str_at("type"), node.str_at("format")) {
            (Some("string"), Some("uri")) => "uri".into(),
            (Some("string"), Some("phone-number")) => "phone-number".into(),
            (Some("string"), Some("date-time") | Some("date-time-rfc-2822")) => "date-time".into(),
            (Some("string"), Some("date")) => "date".into(),
            (Some("string"), Some("http-method")) => "http-method".into(),
            (Some("string"), _) => match (sid_prefix(schema), id_prefix(schema)) {
                (Some(p), _) => format!("sid<{p}>"),
                (None, Some(p)) => format!("id<{p}>"),
                (None, None) if any_sid(schema) => "sid".into(),
                (None, None) => "string".into(),
            },
            (Some("integer"), _) => "integer".into(),
            (Some("number"), _) => "number".into(),
            (Some("boolean"), _) => "boolean".into(),
            (Some("array"), _) => match node.get("items") {
                Some(items) => {
                    let inner = self.type_of(resource, name, &Schema(items));
                    if inner.starts_with("list<") || inner.starts_with("map<") || inner == "string-map" {
                        "list<json>".into()
                    } else {
                        format!("list<{inner}>")
                    }
                }
                None => "list<json>".into(),
            },
            _ => "json".into(),
        }
    }

    /// Registers an enum under `name`, or under `name_2`, `name_3`, … when `name` already holds
    /// other values; the same values under the same name are one enum.
    fn intern_enum(&mut self, name: String, values: Vec<String>) -> String {
        let mut candidate = name.clone();
        let mut n = 1;
        loop {
            match self.enums.get(&candidate) {
                None => {
                    self.enums.insert(candidate.clone(), values);
                    return candidate;
                }
                Some(existing) if *existing == values => return candidate,
                Some(_) => {
                    n += 1;
                    candidate = format!("{name}_{n}");
                }
            }
        }
    }

    /// An enum named like a resource (`build_status`, the status enum of builds, next to the
    /// resource `build_status`) would give two types one name: such enums get `_value` appended.
    fn rename_enums_like_resources(&mut self, spec: &mut Spec) {
        let keys: BTreeSet<&str> = spec.resources.iter().map(|r| r.key.as_str()).collect();
        let clashing: Vec<String> = self
            .enums
            .keys()
            .filter(|e| keys.contains(e.as_str()))
            .cloned()
            .collect();
        for old in clashing {
            let Some(values) = self.enums.remove(&old) else {
                continue;
            };
            let new = self.intern_enum(format!("{old}_value"), values);
            let (from, to) = (format!("enum<{old}>"), format!("enum<{new}>"));
            for r in &mut spec.resources {
                for (_, ty) in &mut r.fields {
                    *ty = ty.replace(&from, &to);
                }
                for ty in r.path_params.values_mut() {
                    *ty = ty.replace(&from, &to);
                }
                for p in r.methods.iter_mut().flat_map(|m| &mut m.params) {
                    p.ty = p.ty.replace(&from, &to);
                }
            }
            for member in self.inputs.iter_mut().flat_map(|i| &mut i.members) {
                member.ty = member.ty.replace(&from, &to);
            }
        }
    }
}

/// The longest `/segment` prefix shared by every path (`/v1`, `/2010-04-01`).
fn common_base<'p>(paths: impl Iterator<Item = &'p str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in paths {
        let first = p.split('/').nth(1).unwrap_or("");
        *counts.entry(first).or_default() += 1;
    }
    // Where files have several bases, the most common one wins; the rest is reported.
    let best = counts.iter().max_by_key(|(_, n)| **n).map(|(s, _)| *s).unwrap_or("");
    format!("/{best}")
}

/// `DateSent<` and `DateSent>` next to `DateSent` become `range: true` on it (the format's way
/// of writing the pair); without the plain one they stay as they are, and the generator says so.
fn fold_ranges(params: &mut Vec<Param>) {
    let bounds: Vec<String> = params
        .iter()
        .filter_map(|p| p.wire.strip_suffix('<').or_else(|| p.wire.strip_suffix('>')))
        .map(str::to_owned)
        .collect();
    for base in bounds {
        if let Some(plain) = params.iter_mut().find(|p| p.wire == base) {
            plain.range = true;
            params.retain(|p| p.wire != format!("{base}<") && p.wire != format!("{base}>"));
        }
    }
}

/// The last `{Param}` of a path: the one naming an instance.
/// The last segment of a path that is not a parameter, without `.json`.
fn last_literal(path: &str) -> &str {
    path.split('/')
        .rev()
        .find(|s| !s.is_empty() && !s.starts_with('{'))
        .unwrap_or_default()
        .trim_end_matches(".json")
}

fn last_param(path: &str) -> Option<&str> {
    let start = path.rfind('{')?;
    path[start + 1..].split('}').next()
}

/// `sync.v1.service.document` → `document`.
fn last_segment(model: &str) -> String {
    snake(model.rsplit('.').next().unwrap_or(model))
}

/// A resource name for an object described in place: the mount name, else the literals after
/// the last parameter (`/Services/{ServiceSid}/Passkeys/Factors`: `passkeys_factor`).
fn inline_name(item: &PathItem) -> String {
    if let Some(mount) = &item.mount {
        return mount.clone();
    }
    let path = item.path.trim_end_matches(".json");
    let tail = path.rsplit_once('}').map_or(path, |(_, tail)| tail);
    let words: Vec<String> = tail.split('/').filter(|s| !s.is_empty()).map(snake).collect();
    tree::singular_of(&words.join("_"))
}

/// The component schema of a resource's model key (`model@mount` shares `model`'s).
fn schema_key(model: &str) -> &str {
    model.split(MOUNTED).next().unwrap_or(model)
}

/// `/Services/{ServiceSid}/Documents/{Sid}` and `/Services/{Sid}/Documents/{DocumentSid}.json`
/// name the same place (v2010's `.json` suffix is not part of it).
fn normalize(path: &str) -> String {
    let path = path.strip_suffix(".json").unwrap_or(path);
    let mut out = String::new();
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            c if !in_param => out.push(c),
            _ => {}
        }
    }
    out
}

/// `document_enum_status` → `document_status`; names are snake_case.
fn enum_name(schema_key: &str) -> String {
    snake(&schema_key.replace("_enum_", "_").replace('.', "_"))
}

#[cfg(test)]
mod tests;
