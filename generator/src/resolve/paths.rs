//! Paths: templates split around their `{Param}`s, and which parameters each handle carries.

use super::*;

impl Resolver<'_> {
    pub(super) fn path(&mut self, text: &Located<String>) -> Option<PathTemplate> {
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

    pub(super) fn path_param(&self, wire: &str, sid: Option<Vec<String>>) -> PathParam {
        let defaulted = self.spec.account_sid_param.as_ref().is_some_and(|a| a.value == wire);
        PathParam {
            wire: wire.to_owned(),
            rust: snake(wire),
            defaulted,
            sid,
            ty: self.path_types.get(wire).cloned().unwrap_or(Ty::String),
        }
    }

    /// The types of `def`'s `path_params`, each of which must name a parameter of its paths.
    pub(super) fn path_types(&mut self, def: &ResourceDef, paths: &[&PathTemplate]) -> BTreeMap<String, Ty> {
        let enums: Vec<&str> = self.enums.iter().map(|e| e.name.as_str()).collect();
        let scope = TypeScope {
            enums: &enums,
            objects: &[],
            inputs: &[],
        };
        let mut types = BTreeMap::new();
        for (name, ty) in &def.path_params {
            if !paths.iter().any(|p| p.params.contains(&name.value)) {
                self.sink.error_with_hint(
                    name.pos,
                    format!(
                        "`path_params` names `{{{}}}`, which no path of this resource has",
                        name.value
                    ),
                    "list only this resource's own path parameters",
                );
                continue;
            }
            if let Some(ty) = resolve_type(self.sink, ty, TypeUse::PathParam, scope) {
                types.insert(name.value.clone(), ty);
            }
        }
        types
    }
}

/// The path parameters of a resource's handles, derived from its paths.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct HandleParams {
    /// Carried by every handle: the list path's parameters (or the instance path's but its last).
    pub bound: Vec<String>,
    /// The parameter naming one instance: what the instance path adds.
    pub own: Option<String>,
    pub problems: Vec<PairProblem>,
}

/// What is wrong with a resource's pair of paths.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum PairProblem {
    /// The instance path lacks this parameter of the list path.
    InstanceLacks(String),
    /// The instance path adds this many parameters to the list path instead of one.
    InstanceAdds(usize),
}

impl std::fmt::Display for PairProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PairProblem::InstanceLacks(p) => write!(f, "instance_path lacks `{{{p}}}` of list_path"),
            PairProblem::InstanceAdds(n) => {
                write!(f, "instance_path must add exactly one parameter to list_path, adds {n}")
            }
        }
    }
}

pub(super) fn handle_params(list: Option<&PathTemplate>, instance: Option<&PathTemplate>) -> HandleParams {
    let mut problems = Vec::new();
    let (bound, own) = match (list, instance) {
        (Some(list), Some(instance)) => {
            if let Some(p) = list.params.iter().find(|p| !instance.params.contains(p)) {
                problems.push(PairProblem::InstanceLacks(p.clone()));
            }
            let added: Vec<&String> = instance.params.iter().filter(|p| !list.params.contains(p)).collect();
            if added.len() != 1 {
                problems.push(PairProblem::InstanceAdds(added.len()));
            }
            (list.params.clone(), added.first().map(|p| (*p).clone()))
        }
        (Some(list), None) => (list.params.clone(), None),
        // An instance path alone names its instance by its last parameter when it ends with
        // it (`/Services/{Sid}`); one ending in a literal (`/Configuration`,
        // `/Services/{ServiceSid}/Configuration`) is a singleton, with no instance parameter.
        (None, Some(instance)) if instance.ends_with_param() => {
            let mut params = instance.params.clone();
            let own = params.pop();
            (params, own)
        }
        (None, Some(instance)) => (instance.params.clone(), None),
        (None, None) => (Vec::new(), None),
    };
    HandleParams { bound, own, problems }
}

/// What is wrong with how a resource's bound parameters follow from its parent's.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ChainProblem {
    /// A top-level resource's parameter that nothing provides (and is not the account SID).
    NotProvided(String),
    /// A parameter of the parent that the child's path lacks.
    LacksParentParam(String),
    /// The parent has no instance to nest under.
    ParentHasNoInstance,
    /// The child adds these parameters to its parent's instead of at most one.
    AddsNotOne(Vec<String>),
}

/// Checks the rule every handle relies on: a top-level resource binds only the account SID
/// parameter; a child binds its parent's parameters plus at most one: the parent instance's (the
/// child hangs below one instance), or none (it hangs below the parent's collection handle).
/// `parent` is the parent's bound parameters and whether it has an instance path.
pub(super) fn chain_problems(
    bound: &[String],
    parent: Option<(&[String], bool)>,
    account_param: Option<&str>,
) -> Vec<ChainProblem> {
    let mut problems = Vec::new();
    match parent {
        None => {
            for p in bound {
                if account_param != Some(p.as_str()) {
                    problems.push(ChainProblem::NotProvided(p.clone()));
                }
            }
        }
        Some((parent_bound, has_instance)) => {
            for p in parent_bound {
                if !bound.contains(p) {
                    problems.push(ChainProblem::LacksParentParam(p.clone()));
                }
            }
            let new: Vec<String> = bound.iter().filter(|b| !parent_bound.contains(b)).cloned().collect();
            match new.len() {
                // Below the parent's collection handle (or the parent singleton's one handle).
                0 => {}
                1 if !has_instance => problems.push(ChainProblem::ParentHasNoInstance),
                1 => {}
                _ => problems.push(ChainProblem::AddsNotOne(new)),
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(params: &[&str]) -> PathTemplate {
        PathTemplate {
            raw: String::new(),
            literals: vec![String::new(); params.len() + 1],
            params: params.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    /// A path whose last piece is a literal (`/Services/{ServiceSid}/Configuration`).
    fn literal_end(params: &[&str]) -> PathTemplate {
        let mut t = template(params);
        *t.literals.last_mut().unwrap() = "/Configuration".into();
        t
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_pair_binds_the_list_params_and_owns_what_the_instance_adds() {
        let list = template(&["AccountSid"]);
        let instance = template(&["AccountSid", "Sid"]);
        let derived = handle_params(Some(&list), Some(&instance));
        assert_eq!(derived.bound, ["AccountSid"]);
        assert_eq!(derived.own.as_deref(), Some("Sid"));
        assert!(derived.problems.is_empty());
    }

    #[test]
    fn a_lone_path_binds_all_but_the_instance_param() {
        let only_list = handle_params(Some(&template(&["ServiceSid"])), None);
        assert_eq!((only_list.bound, only_list.own), (strings(&["ServiceSid"]), None));
        let only_instance = handle_params(None, Some(&template(&["ServiceSid", "Sid"])));
        assert_eq!(only_instance.bound, ["ServiceSid"]);
        assert_eq!(only_instance.own.as_deref(), Some("Sid"));
        // An instance path ending in a literal is a singleton: no instance parameter.
        let singleton = handle_params(None, Some(&literal_end(&["ServiceSid"])));
        assert_eq!((singleton.bound, singleton.own), (strings(&["ServiceSid"]), None));
        assert!(singleton.problems.is_empty());
        let top = handle_params(None, Some(&literal_end(&[])));
        assert_eq!((top.bound, top.own), (Vec::<String>::new(), None));
    }

    #[test]
    fn mismatched_pairs_are_reported() {
        let two_more = handle_params(Some(&template(&["A"])), Some(&template(&["A", "B", "C"])));
        assert_eq!(two_more.problems, [PairProblem::InstanceAdds(2)]);
        let lacking = handle_params(Some(&template(&["A"])), Some(&template(&["B"])));
        assert_eq!(lacking.problems, [PairProblem::InstanceLacks("A".into())]);
    }

    #[test]
    fn children_add_exactly_the_parent_instance() {
        let parent = strings(&["AccountSid"]);
        assert!(chain_problems(&strings(&["AccountSid", "MessageSid"]), Some((&parent, true)), None).is_empty());
        // Adding none hangs the child below the parent's collection handle.
        assert!(chain_problems(&strings(&["AccountSid"]), Some((&parent, true)), None).is_empty());
        assert!(chain_problems(&strings(&["AccountSid"]), Some((&parent, false)), None).is_empty());
        assert_eq!(
            chain_problems(&strings(&["AccountSid", "A", "B"]), Some((&parent, true)), None),
            [ChainProblem::AddsNotOne(strings(&["A", "B"]))]
        );
        assert_eq!(
            chain_problems(&strings(&["CallSid", "Sid"]), Some((&parent, true)), None),
            [
                ChainProblem::LacksParentParam("AccountSid".into()),
                ChainProblem::AddsNotOne(strings(&["CallSid", "Sid"]))
            ]
        );
        assert_eq!(
            chain_problems(&strings(&["AccountSid", "X"]), Some((&parent, false)), None),
            [ChainProblem::ParentHasNoInstance]
        );
    }

    #[test]
    fn top_level_resources_bind_only_the_account_param() {
        assert!(chain_problems(&strings(&["AccountSid"]), None, Some("AccountSid")).is_empty());
        assert_eq!(
            chain_problems(&strings(&["ServiceSid"]), None, Some("AccountSid")),
            [ChainProblem::NotProvided("ServiceSid".into())]
        );
    }
}
