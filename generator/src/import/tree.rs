//! Passes over the resource tree the importer builds: placing resources the file gives no
//! parent, keeping accessors apart, and SID prefixes known only from the paths below.

use std::collections::BTreeMap;

use super::{last_literal, normalize, path_sid, snake, PathItem, Resource, GROUP};

/// Places each resource the file gives no parent but whose path has parameters before its own
/// (`/Services/{ServiceSid}/Channels/{Sid}`) below the resource at that prefix; where the file has
/// none, a group for it is made (`service(service_sid).channels()`). Groups made here are visited
/// by the same loop, so their own prefixes get parents too.
pub(super) fn attach_parentless(
    resources: &mut Vec<Resource>,
    by_model: &mut BTreeMap<String, (Option<usize>, Option<usize>)>,
    items: &[PathItem],
    base_path: &str,
) {
    let mut r = 0;
    while r < resources.len() {
        // A literal end after two or more parameters, below a described instance
        // (`/Plugins/{PluginSid}/Versions/{Sid}/Archive` below a plugin version), is a
        // singleton of that instance. With one parameter the format takes it as the own one
        // (`plugin_archive(sid)`, as in Twilio's helpers).
        let below_instance = resources[r]
            .instance_path
            .as_deref()
            .filter(|_| resources[r].parent.is_none() && resources[r].list_path.is_none())
            .map(|p| p.trim_end_matches(".json"))
            .filter(|p| !p.ends_with('}') && p.matches('{').count() >= 2)
            .and_then(|p| p.rfind('}').map(|end| normalize(&p[..=end])))
            .and_then(|prefix| {
                resources
                    .iter()
                    .position(|other| other.instance_path.as_deref().is_some_and(|i| normalize(i) == prefix))
            });
        if let Some(parent) = below_instance.filter(|&p| p != r) {
            resources[r].parent = Some(parent);
        }
        let prefix = parent_prefix(&resources[r]).filter(|_| resources[r].parent.is_none());
        if let Some(prefix) = prefix {
            let at_prefix = |p: &Resource| {
                p.instance_path
                    .as_deref()
                    .is_some_and(|i| normalize(i) == normalize(&prefix))
            };
            // A list-only resource whose list path the prefix extends by its parameter
            // (`/SenderIdRegistrations` for `/SenderIdRegistrations/{BundleSid}`) names
            // those instances.
            let base = prefix.rsplit_once('/').map(|(base, _)| normalize(base));
            let list_at_base = resources
                .iter()
                .position(|p| p.instance_path.is_none() && p.list_path.as_deref().map(normalize) == base);
            if let Some(list) = list_at_base.filter(|&l| l != r) {
                resources[list].instance_path = Some(prefix.clone());
            }
            let parent = match resources.iter().position(at_prefix) {
                Some(p) => p,
                None => {
                    // A group right at the base path (`/{OrganizationSid}` below the base
                    // `/Organizations`) is named after the base.
                    let literal = match last_literal(&prefix) {
                        "" => snake(last_literal(base_path)),
                        literal => snake(literal),
                    };
                    let model = format!("{GROUP}{prefix}");
                    // What names one of the group's instances, from the pattern the
                    // operations below it give that path parameter (`^IS[0-9a-fA-F]{32}$`).
                    let own = prefix
                        .rsplit_once('{')
                        .map(|(_, p)| p.trim_end_matches('}'))
                        .unwrap_or_default();
                    let sid_prefix = items
                        .iter()
                        .find_map(|item| item.node.operations().iter().find_map(|(_, op)| path_sid(op, own)));
                    by_model.insert(model.clone(), (None, None));
                    resources.push(Resource {
                        model,
                        key: singular_of(&literal),
                        singular: singular_of(&literal),
                        plural: literal,
                        parent: None,
                        list_path: None,
                        instance_path: Some(prefix.clone()),
                        sid_prefix,
                        path_params: BTreeMap::new(),
                        fields: Vec::new(),
                        methods: Vec::new(),
                    });
                    resources.len() - 1
                }
            };
            if parent != r {
                resources[r].parent = Some(parent);
            }
        }
        r += 1;
    }
}

/// One name for both accessors (`knowledge()` and `knowledge(id)`) collides once an instance
/// handle exists: a plural key becomes singular (`brand_registrations` → `brand_registration`),
/// an uncountable one gets `_list` on the collection accessor, like its type (`KnowledgeList`).
pub(super) fn unclash_accessors(resources: &mut [Resource]) {
    for r in 0..resources.len() {
        let has_children = resources.iter().any(|c| c.parent == Some(r));
        let named_instances = resources[r]
            .instance_path
            .as_deref()
            .is_some_and(|p| p.trim_end_matches(".json").ends_with('}'));
        if has_children && named_instances && resources[r].plural == resources[r].singular {
            let singular = singular_of(&resources[r].key);
            if singular != resources[r].key {
                resources[r].key = singular.clone();
                resources[r].singular = singular;
            } else {
                resources[r].plural = format!("{}_list", resources[r].plural);
            }
        }
    }
}

/// The parameter naming an instance may have its pattern only where the paths below it use it
/// (`/Services/{ServiceSid}/Operators/…` says `^GA…` for `/Services/{Sid}`).
pub(super) fn sid_prefixes_from_paths(resources: &mut [Resource], items: &[PathItem], base_path: &str) {
    for resource in resources.iter_mut().filter(|r| r.sid_prefix.is_none()) {
        let Some(instance) = resource
            .instance_path
            .as_deref()
            .map(|p| p.trim_end_matches(".json"))
            .filter(|p| p.ends_with('}'))
        else {
            continue;
        };
        let position = instance.matches('{').count();
        let below = normalize(&format!("{base_path}{instance}/"));
        resource.sid_prefix = items
            .iter()
            .filter(|i| normalize(&i.path).starts_with(&below))
            .find_map(|item| {
                let name = item.path.split('{').nth(position)?.split('}').next()?;
                item.node.operations().iter().find_map(|(_, op)| path_sid(op, name))
            });
    }
}

/// For a resource whose path has parameters besides the one naming its instances, the path up
/// to the last of them: `/Services/{ServiceSid}` for `/Services/{ServiceSid}/Channels/{Sid}`.
/// `None` for paths the spec format places on its own (no parameters, or an instance path whose
/// only parameter comes before a literal end, which names the instance).
fn parent_prefix(resource: &Resource) -> Option<String> {
    // The path without the part that names this resource's instances.
    let base = match (&resource.list_path, &resource.instance_path) {
        (Some(list), _) => list.trim_end_matches(".json"),
        (None, Some(instance)) => {
            let instance = instance.trim_end_matches(".json");
            match instance.rsplit_once('/') {
                Some((base, last)) if last.starts_with('{') => base,
                // A literal end (`/Foo/{Sid}/Bar`): the last parameter names the instance.
                _ => &instance[..instance.rfind('{')?],
            }
        }
        (None, None) => return None,
    };
    let end = base.rfind('}')?;
    Some(base[..=end].to_owned())
}

/// `services` → `service`, `policies` → `policy`, `addresses` → `address`.
pub(super) fn singular_of(plural: &str) -> String {
    if let Some(stem) = plural.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = plural.strip_suffix("sses") {
        format!("{stem}ss")
    } else if plural.ends_with("ss") {
        plural.to_owned()
    } else {
        plural.strip_suffix('s').unwrap_or(plural).to_owned()
    }
}
