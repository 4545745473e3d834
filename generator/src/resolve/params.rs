//! Methods and their parameters: verbs, return kinds, locations, Rust names, groups.

use super::*;

impl Resolver<'_> {
    pub(super) fn method(
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
        // `create` may target an instance path (Lookups' overrides, Assistants' attachments),
        // `update` and `delete` a list path (Accounts' geo permissions and safe list), and
        // `create` and `update` may answer nothing; `fetch` and `list` are fixed.
        let may_return = matches!(kind, MethodKind::Action | MethodKind::Create | MethodKind::Update);
        let may_move = match (kind, def.path.as_ref()) {
            (MethodKind::Action, _) | (_, None) => true,
            (MethodKind::Create | MethodKind::Update | MethodKind::Delete, Some(p)) => {
                p.value == "list" || p.value == "instance"
            }
            _ => false,
        };
        let misplaced = [
            ("returns", def.returns.as_ref().map(|r| r.pos).filter(|_| !may_return)),
            ("path", def.path.as_ref().map(|p| p.pos).filter(|_| !may_move)),
        ];
        for (key, pos) in misplaced {
            if let Some(pos) = pos {
                self.sink.error_with_hint(
                    pos,
                    format!("`{}` takes no `{key}` like this", name.value),
                    "custom methods take any `path` and `returns`; `create`, `update` and `delete` take \
                     `path: list | instance`, `create` and `update` take `returns`",
                );
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
            MethodKind::Fetch => true,
            MethodKind::Update | MethodKind::Delete => def.path.as_ref().is_none_or(|p| p.value == "instance"),
            MethodKind::List => false,
            MethodKind::Create | MethodKind::Action => def.path.as_ref().is_some_and(|p| p.value == "instance"),
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
        // The whole body leaves no room for other body members.
        if params.iter().any(|p| p.location == Location::Body) {
            let others = params
                .iter()
                .filter(|p| matches!(p.location, Location::Json | Location::Body))
                .count();
            if others > 1 {
                self.sink.error_with_hint(
                    name.pos,
                    format!(
                        "method `{}` sends a whole-body parameter beside other body members",
                        name.value
                    ),
                    "`in: body` is the only body parameter of its method",
                );
            }
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
            redirect: def.redirect,
            accept: self.accept(def),
            paging: self.list_paging(def, kind),
            doc: def.doc.clone(),
        })
    }

    pub(super) fn param(
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
            let json_only = matches!(location, Location::Json | Location::Body);
            if (json_only && !json_body) || (location == Location::Form && (json_body || bodyless)) {
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
                        Location::Json | Location::Body => "JSON body",
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
        let object = match &ty {
            Ty::List(inner) => matches!(**inner, Ty::Object(_)),
            other => matches!(other, Ty::Object(_)),
        };
        if location == Location::Body && !(matches!(ty, Ty::Object(_)) && def.required) {
            self.sink.error_with_hint(
                def.ty.pos,
                format!("`{}` is the whole body, so it is one required `object<…>`", wire.value),
                "give it an input type and `required: true`",
            );
        }
        if object && !matches!(location, Location::Json | Location::Body) {
            self.sink.error_with_hint(
                def.ty.pos,
                format!(
                    "an `object<…>` parameter goes in a JSON body; `{}` does not",
                    wire.value
                ),
                "use `body: json` on the method",
            );
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
                // The builder's `Debug` shows an input as JSON, where its own redaction is lost.
                sensitive: def.sensitive || self.holds_secret(&ty, &mut Vec::new()),
                deprecated: def.deprecated,
                doc: def.doc.clone(),
            });
        }
    }

    /// `paging:` of a list method.
    fn list_paging(&mut self, def: &MethodDef, kind: MethodKind) -> Option<Paging> {
        let paging = def.paging.as_ref()?;
        if kind != MethodKind::List {
            self.sink.error_with_hint(
                paging.pos,
                format!("`paging` is for `list` methods, not `{}`", def.name.value),
                "remove it",
            );
            return None;
        }
        Some(paging.value)
    }

    /// The `accept:` media type: a JSON dialect (`application/…+json`), as the client decodes
    /// every answer as JSON.
    fn accept(&mut self, def: &MethodDef) -> Option<String> {
        let media = def.accept.as_ref()?;
        let json = media.value == "application/json"
            || (media.value.starts_with("application/")
                && media.value.ends_with("+json")
                && media.value.bytes().all(|b| b.is_ascii_graphic()));
        if !json {
            self.sink.error_with_hint(
                media.pos,
                format!("`accept: {}` is not a JSON media type", media.value),
                "answers are decoded as JSON: application/json or application/<dialect>+json",
            );
            return None;
        }
        (media.value != "application/json").then(|| media.value.clone())
    }

    pub(super) fn groups(&mut self, def: &MethodDef, params: &[Param]) -> Vec<Group> {
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
}
