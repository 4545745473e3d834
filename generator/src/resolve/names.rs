//! Rust names: type-name claims, derived field and parameter names, accessor collisions, and
//! the names of a resource's types.

use super::*;

impl Resolver<'_> {
    /// Claims a type name of the version module for `owner`.
    pub(super) fn claim_type(&mut self, name: &str, owner: &str, pos: Pos) {
        self.type_names
            .claim(self.sink, name, owner, pos, "rename the enum, object or resource");
    }

    /// An accessor name given with `key` (`plural`, `singular`), which must be snake_case.
    pub(super) fn accessor_name(&mut self, key: &str, explicit: Option<&Located<String>>) -> Option<String> {
        let name = explicit?;
        if !is_snake_ident(&name.value) {
            self.sink
                .error(name.pos, format!("{key} `{}` must be snake_case", name.value));
        }
        Some(name.value.clone())
    }

    pub(super) fn rust_name(&mut self, wire: &Located<String>, explicit: Option<&Located<String>>) -> String {
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
            None => {
                let derived = snake(&wire.value);
                if !is_snake_ident(&derived) {
                    self.sink.error_with_hint(
                        wire.pos,
                        format!("`{}` gives no usable Rust name", wire.value),
                        "add a `rust_name`",
                    );
                }
                derived
            }
        }
    }

    /// Accessor names on each handle must be distinct: on the version handle, on an instance
    /// handle, and on a collection handle, where the resource's own methods come first.
    pub(super) fn check_accessors(&mut self, resources: &[Resource]) {
        #[derive(PartialEq, Eq, PartialOrd, Ord)]
        enum Scope {
            Version,
            Instance(usize),
            Collection(usize),
        }
        let mut taken: BTreeMap<Scope, BTreeMap<String, String>> = BTreeMap::new();
        for (i, r) in resources.iter().enumerate() {
            let methods = taken.entry(Scope::Collection(i)).or_default();
            for m in &r.methods {
                methods.insert(m.name.clone(), format!("the `{}` method of `{}`", m.name, r.name));
            }
        }
        for r in resources {
            let mut names = vec![r.plural.clone()];
            if r.has_handle(resources) {
                names.push(r.singular.clone());
            }
            let mut scopes = Vec::new();
            match r.parent {
                None => scopes.push(Scope::Version),
                Some(p) if r.on_collection => scopes.push(Scope::Collection(p)),
                Some(p) => {
                    scopes.push(Scope::Instance(p));
                    if r.mounted_on_version {
                        scopes.push(Scope::Version);
                    }
                }
            }
            for scope in scopes {
                let map = taken.entry(scope).or_default();
                for n in &names {
                    if let Some(other) = map.insert(n.clone(), format!("`{}`", r.name)) {
                        let pos = self.resource_names.get(&r.name).copied().unwrap_or_default();
                        self.sink.error_with_hint(
                            pos,
                            format!("accessor `{n}` of resource `{}` collides with {other}", r.name),
                            "set a different `plural`",
                        );
                    }
                }
            }
        }
    }
}

/// The Rust names of one resource's types, derived from its name and its plural accessor:
/// `message` (plural `messages`) gives the model `Message`, the collection handle `Messages`,
/// the instance handle `MessageHandle` and the builders `CreateMessage` … `ListMessages`. The
/// collection is the name with its last word replaced by the plural's last word, so
/// `call_recording` with the accessor `recordings` gives `CallRecording`, `CallRecordings`,
/// `CallRecordingHandle`, `ListCallRecordings`: two resources that share accessors keep apart.
/// A plural that starts with the name's first word is taken whole (`domain_cert_v4` with
/// `domain_certs` gives `DomainCerts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResourceNames {
    pub record: String,
    /// The handle `plural()` returns; a singleton's is its one handle, `<Model>Handle`.
    pub collection: String,
    pub handle: String,
    /// The plural noun of list builders: `Messages`, `Media`, `CallRecordings`.
    plural_noun: String,
}

impl ResourceNames {
    pub fn new(name: &str, plural: &str) -> ResourceNames {
        let record = pascal(name);
        let stem = name.rsplit_once('_').map_or("", |(stem, _)| stem);
        let last = plural.rsplit('_').next().unwrap_or(plural);
        let first_word = |s: &str| s.split('_').next().unwrap_or(s).to_owned();
        // A plural that starts like the name is a whole noun phrase (`incoming_phone_numbers`);
        // a bare noun (`recordings`) takes the name's other words.
        let plural_noun = if stem.is_empty() || first_word(plural) == first_word(name) {
            pascal(plural)
        } else {
            pascal(&format!("{stem}_{last}"))
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
        let n = ResourceNames::new("message", "messages");
        assert_eq!(
            (n.record.as_str(), n.collection.as_str(), n.handle.as_str()),
            ("Message", "Messages", "MessageHandle")
        );
        assert_eq!(n.builder(MethodKind::List, "list"), "ListMessages");
        assert_eq!(n.builder(MethodKind::Create, "create"), "CreateMessage");
        assert_eq!(n.builder(MethodKind::Action, "feedback"), "FeedbackMessage");

        let media = ResourceNames::new("media", "media");
        assert_eq!(
            (media.record.as_str(), media.collection.as_str()),
            ("Media", "MediaList")
        );
        assert_eq!(media.builder(MethodKind::List, "list"), "ListMedia");

        let shared = ResourceNames::new("call_recording", "recordings");
        assert_eq!(
            (
                shared.record.as_str(),
                shared.collection.as_str(),
                shared.handle.as_str()
            ),
            ("CallRecording", "CallRecordings", "CallRecordingHandle")
        );
        assert_eq!(shared.builder(MethodKind::List, "list"), "ListCallRecordings");

        // The plural's last word replaces the name's: the rest of a long plural does not repeat.
        let numbers = ResourceNames::new("incoming_phone_number", "incoming_phone_numbers");
        assert_eq!(numbers.collection, "IncomingPhoneNumbers");
        assert_eq!(
            ResourceNames::new("domain_cert_v4", "domain_certs").collection,
            "DomainCerts"
        );
        let feedback = ResourceNames::new("message_feedback", "feedback");
        assert_eq!(feedback.collection, "MessageFeedbackList");
    }
}
