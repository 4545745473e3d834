//! Writes the spec being built as YAML, in the format's key order.

use super::write::{flow_list, scalar, Writer};
use super::{Importer, Method, Spec, IMPORTED_MARKER};
use crate::naming::snake;

impl Importer<'_> {
    pub(super) fn render(&self, spec: &Spec, file_name: &str) -> String {
        let mut w = Writer::default();
        w.line(0, "# yaml-language-server: $schema=../schema.json");
        w.line(0, &format!("{IMPORTED_MARKER}{file_name}: structure and facts only."));
        w.entry(0, "product", &scalar(&self.product, false));
        w.entry(0, "version", &scalar(&self.version, false));
        if file_name != format!("twilio_{}_{}.yaml", self.product, self.version) {
            w.entry(0, "official_file", &scalar(file_name, false));
        }
        w.entry(0, "host", &scalar(&spec.host, false));
        w.entry(0, "base_path", &scalar(&spec.base_path, false));
        if self.rfc2822 {
            w.entry(0, "dates", "rfc2822");
        }
        w.entry(0, "paging", if self.product == "api" { "v2010" } else { "meta" });
        if spec.bearer_auth {
            w.entry(0, "auth", "bearer");
        }
        if spec.resources.iter().any(|r| {
            r.list_path
                .as_deref()
                .or(r.instance_path.as_deref())
                .is_some_and(|p| p.starts_with("/Accounts/{AccountSid}"))
        }) {
            w.entry(0, "account_sid_param", "AccountSid");
        }
        // Inputs and enums of operations that were left out are left out with them.
        let inputs = self.used_inputs(spec);
        let used = |name: &str| {
            let reference = format!("enum<{name}>");
            let fields = spec.resources.iter().flat_map(|r| &r.fields).map(|(_, ty)| ty);
            let params = spec
                .resources
                .iter()
                .flat_map(|r| &r.methods)
                .flat_map(|m| &m.params)
                .map(|p| &p.ty);
            let paths = spec.resources.iter().flat_map(|r| r.path_params.values());
            let members = inputs.iter().flat_map(|i| &i.members).map(|m| &m.ty);
            fields
                .chain(params)
                .chain(paths)
                .chain(members)
                .any(|ty| ty.contains(&reference))
        };
        let enums: Vec<_> = self.enums.iter().filter(|(name, _)| used(name)).collect();
        if !enums.is_empty() {
            w.open(0, "enums");
            for (name, values) in enums {
                w.entry(1, name, &flow_list(values));
            }
        }
        if !inputs.is_empty() {
            w.open(0, "inputs");
            for input in inputs {
                w.open(1, &input.name);
                if let Some(tag) = &input.tag {
                    w.entry(2, "tag", &scalar(tag, false));
                    w.open(2, "one_of");
                    for (value, name) in &input.one_of {
                        w.entry(3, &scalar(value, false), name);
                    }
                    continue;
                }
                w.open(2, "fields");
                for m in &input.members {
                    let mut long = Vec::new();
                    if m.required {
                        long.push("required: true".to_owned());
                    }
                    // A member cannot take the constructor's name; `/` and `-` (Content's
                    // `twilio/list-picker`) are no part of a Rust name.
                    let rust = snake(&m.wire.replace(['/', '-', '.'], "_"));
                    if rust == "new" {
                        long.push("rust_name: new_value".to_owned());
                    } else if rust != snake(&m.wire) {
                        long.push(format!("rust_name: {rust}"));
                    }
                    if m.sensitive {
                        long.push("sensitive: true".to_owned());
                    }
                    let value = if long.is_empty() {
                        scalar(&m.ty, false)
                    } else {
                        format!("{{type: {}, {}}}", scalar(&m.ty, true), long.join(", "))
                    };
                    w.entry(3, &m.wire, &value);
                }
            }
        }
        w.open(0, "resources");
        for (i, r) in spec.resources.iter().enumerate() {
            if r.parent.is_none() {
                self.render_resource(&mut w, spec, i, 1);
            }
        }
        w.finish()
    }

    /// The inputs the kept operations name, directly or through other inputs, in first-use order.
    fn used_inputs(&self, spec: &Spec) -> Vec<&super::inputs::Input> {
        let mut named: Vec<String> = spec
            .resources
            .iter()
            .flat_map(|r| &r.methods)
            .flat_map(|m| &m.params)
            .map(|p| p.ty.clone())
            .collect();
        let mut used = vec![false; self.inputs.len()];
        while let Some(ty) = named.pop() {
            for (i, input) in self.inputs.iter().enumerate() {
                let reference = format!("object<{}>", input.name);
                if !used[i] && (ty == reference || ty == format!("list<{reference}>")) {
                    used[i] = true;
                    named.extend(input.members.iter().map(|m| m.ty.clone()));
                    named.extend(input.one_of.iter().map(|(_, name)| format!("object<{name}>")));
                }
            }
        }
        self.inputs
            .iter()
            .zip(used)
            .filter(|(_, u)| *u)
            .map(|(i, _)| i)
            .collect()
    }

    fn render_resource(&self, w: &mut Writer, spec: &Spec, index: usize, depth: usize) {
        let r = &spec.resources[index];
        w.open(depth, &r.key);
        let d = depth + 1;
        if r.singular != r.key {
            w.entry(d, "singular", &scalar(&r.singular, false));
        }
        w.entry(d, "plural", &scalar(&r.plural, false));
        if let Some(prefix) = &r.sid_prefix {
            w.entry(d, "sid_prefix", &scalar(prefix, false));
        }
        if let Some(p) = &r.list_path {
            w.entry(d, "list_path", &scalar(p, false));
        }
        if let Some(p) = &r.instance_path {
            w.entry(d, "instance_path", &scalar(p, false));
        }
        if !r.path_params.is_empty() {
            w.open(d, "path_params");
            for (name, ty) in &r.path_params {
                w.entry(d + 1, name, &scalar(ty, false));
            }
        }
        if !r.fields.is_empty() {
            w.open(d, "fields");
            for (name, ty) in &r.fields {
                w.entry(d + 1, name, ty);
            }
        }
        if !r.methods.is_empty() {
            w.open(d, "methods");
            for m in &r.methods {
                render_method(w, m, d + 1);
            }
        }
        let children: Vec<usize> = (0..spec.resources.len())
            .filter(|&c| spec.resources[c].parent == Some(index))
            .collect();
        if !children.is_empty() {
            w.open(d, "resources");
            for c in children {
                self.render_resource(w, spec, c, d + 1);
            }
        }
    }
}

fn render_method(w: &mut Writer, m: &Method, depth: usize) {
    let mut keys: Vec<(String, String)> = Vec::new();
    if let Some(http) = m.http {
        keys.push(("http".into(), http.into()));
    }
    if let Some(path) = m.path {
        keys.push(("path".into(), path.into()));
    }
    if m.answers_nothing {
        keys.push(("returns".into(), "none".into()));
    }
    if m.redirect {
        keys.push(("redirect".into(), "true".into()));
    }
    if let Some(media) = &m.accept {
        keys.push(("accept".into(), scalar(media, false)));
    }
    if m.body_json {
        keys.push(("body".into(), "json".into()));
    }
    if m.numbered_pages {
        keys.push(("paging".into(), "pages".into()));
    }
    if let Some(max) = m.page_size_max {
        keys.push(("page_size_max".into(), max.to_string()));
    }
    if let Some(key) = &m.records_key {
        keys.push(("records_key".into(), scalar(key, false)));
    }
    if keys.is_empty() && m.params.is_empty() && m.groups.is_empty() {
        w.entry(depth, m.name, "{}");
        return;
    }
    w.open(depth, m.name);
    for (k, v) in &keys {
        w.entry(depth + 1, k, v);
    }
    if !m.params.is_empty() {
        w.open(depth + 1, "params");
        for p in &m.params {
            let mut long = Vec::new();
            if p.required {
                long.push("required: true".to_owned());
            }
            if p.range {
                long.push("range: true".to_owned());
            }
            // A name the builders use for their own methods gets another Rust name.
            let rust = snake(&p.wire);
            if crate::resolve::RESERVED_SETTERS.contains(&rust.as_str()) {
                long.push(format!("rust_name: {rust}_value"));
            } else if m.path_names.contains(&rust) {
                // `AccountSid` in the body of an update moves the record to that account.
                long.push(format!("rust_name: new_{rust}"));
            }
            if let Some(l) = p.location {
                long.push(format!("in: {l}"));
            }
            if p.sensitive {
                long.push("sensitive: true".to_owned());
            }
            if p.deprecated {
                long.push("deprecated: true".to_owned());
            }
            let value = if long.is_empty() {
                scalar(&p.ty, false)
            } else {
                format!("{{type: {}, {}}}", scalar(&p.ty, true), long.join(", "))
            };
            w.entry(depth + 2, &p.wire, &value);
        }
    }
    if !m.groups.is_empty() {
        w.open(depth + 1, "groups");
        for g in &m.groups {
            // Named after its members, which the official files give without a name.
            let name = g.iter().map(|p| snake(p)).collect::<Vec<_>>().join("_or_");
            w.line(
                depth + 2,
                &format!("- {{name: {}, params: {}}}", scalar(&name, true), flow_list(g)),
            );
        }
    }
}
