//! The `use` block of a generated file, worked out from the names its code mentions.
//!
//! Emitters write plain names (`Option<String>`, `Client`, `In::Form`, `MessageStatus`); this
//! module finds which of them need importing by walking the tokens, so no emitter keeps an
//! import list by hand and no file imports what it does not use (which would be a warning).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::quote;

/// Names every kind of generated code may use unqualified, and where they come from. They are
/// recognised wherever they appear as the first segment of a path; generated type names must
/// not take them (see [`crate::naming::Namespace::reserved`]).
pub const VOCABULARY: &[(&str, &str)] = &[
    ("BTreeMap", "std::collections"),
    ("fmt", "std"),
    ("DateTime", "chrono"),
    ("NaiveDate", "chrono"),
    ("Utc", "chrono"),
    ("Decimal", "crate"),
    ("HttpMethod", "crate"),
];

/// Names of the client runtime that REST modules use unqualified (TwiML, say, may well have an
/// element called `Client`), and `Error`, which a version's glob import (`use
/// twilio::api::v2010::*`) must not shadow. What only the runtime's macros name (`Rfc2822`, …)
/// is spelled out there and needs no import, nor a reserved name.
pub const CLIENT: &[(&str, &str)] = &[
    ("Client", "crate"),
    ("Endpoint", "crate"),
    ("Error", "crate"),
    ("Group", "crate::__private"),
    ("In", "crate::__private"),
    ("Method", "crate::__private"),
    ("Operation", "crate::__private"),
    ("Page", "crate"),
    ("Paging", "crate::__private"),
    ("Product", "crate::__private"),
    ("RequestBuilder", "crate"),
];

/// Where an importable name comes from.
fn source_of(name: &str) -> Option<&'static str> {
    VOCABULARY
        .iter()
        .chain(CLIENT)
        .find(|(n, _)| *n == name)
        .map(|(_, p)| *p)
}

/// The `use` items for `body`: every importable name it mentions and does not define itself,
/// plus every name of `siblings` (name → module path, e.g. `super`), grouped std, external
/// crates, then this crate.
pub fn use_items(body: &TokenStream, siblings: &BTreeMap<String, String>, extra: &[(String, String)]) -> TokenStream {
    let mut found = Mentions::default();
    found.scan(body.clone(), false);
    let mut by_path: BTreeMap<(u8, String), BTreeSet<String>> = BTreeMap::new();
    for (path, name) in extra {
        by_path
            .entry((group(path), path.clone()))
            .or_default()
            .insert(name.clone());
    }
    for name in &found.used {
        if found.defined.contains(name) {
            continue;
        }
        let path = source_of(name)
            .map(str::to_owned)
            .or_else(|| siblings.get(name).cloned());
        if let Some(path) = path {
            by_path.entry((group(&path), path)).or_default().insert(name.clone());
        }
    }
    let items = by_path.into_iter().map(|((_, path), names)| {
        let path: syn::Path = syn::parse_str(&path).expect("import paths are valid Rust paths");
        // `use std::fmt;` rather than `use std::{fmt};`.
        let names: Vec<_> = names.iter().map(|n| quote::format_ident!("{n}")).collect();
        if names.len() == 1 {
            let name = &names[0];
            quote!(use #path::#name;)
        } else {
            quote!(use #path::{#(#names),*};)
        }
    });
    quote!(#(#items)*)
}

/// `(path, name)` of a `use path::Name;` tree, `None` for globs, groups and renames.
pub fn simple_use(tree: &syn::UseTree) -> Option<(String, String)> {
    let mut segments = Vec::new();
    let mut tree = tree;
    loop {
        match tree {
            syn::UseTree::Path(p) => {
                segments.push(p.ident.to_string());
                tree = &p.tree;
            }
            syn::UseTree::Name(n) if !segments.is_empty() => return Some((segments.join("::"), n.ident.to_string())),
            _ => return None,
        }
    }
}

/// rustfmt's grouping: the standard library, other crates, this crate.
pub fn group(path: &str) -> u8 {
    let root = path.split("::").next().unwrap_or(path);
    match root {
        "std" | "core" | "alloc" => 0,
        "crate" | "super" | "self" => 2,
        _ => 1,
    }
}

#[derive(Default)]
struct Mentions {
    used: BTreeSet<String>,
    defined: BTreeSet<String>,
}

impl Mentions {
    /// Records the names `tokens` refers to and the items it defines. `variants` is set inside
    /// an `enum` body, where top-level identifiers name variants, not types.
    fn scan(&mut self, tokens: TokenStream, variants: bool) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match token {
                // Macro arguments are the macro's own syntax (`impl_object!(Message { … })`
                // names no type), and generated macro calls only name items of their file.
                TokenTree::Group(_)
                    if i >= 1 && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '!') => {}
                TokenTree::Group(g) => {
                    let enum_body = g.delimiter() == Delimiter::Brace
                        && i >= 2
                        && matches!(&tokens[i - 2], TokenTree::Ident(k) if k == "enum");
                    self.scan(g.stream(), enum_body);
                }
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    let before = i.checked_sub(1).map(|j| &tokens[j]);
                    let path_sep = i >= 2
                        && matches!(&tokens[i - 2], TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
                    let qualified = path_sep
                        || matches!(before, Some(TokenTree::Punct(p)) if p.as_char() == '.' || p.as_char() == '\'');
                    // `'static Operation` is a lifetime and a use, not `static NAME`.
                    let lifetime = i >= 2 && matches!(&tokens[i - 2], TokenTree::Punct(p) if p.as_char() == '\'');
                    let keyword = match before {
                        Some(TokenTree::Ident(k)) if !lifetime => k.to_string(),
                        _ => String::new(),
                    };
                    // A function's name is neither a use nor a definition that could shadow an
                    // import (`fn fmt` next to `fmt::Formatter`).
                    if keyword == "fn" {
                        continue;
                    }
                    if ["struct", "enum", "trait", "type", "mod", "const", "static"].contains(&keyword.as_str()) {
                        self.defined.insert(name);
                    } else if !qualified && !variants {
                        self.used.insert(name);
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imports(body: TokenStream) -> String {
        let siblings = BTreeMap::from([("MessageStatus".to_owned(), "super".to_owned())]);
        use_items(&body, &siblings, &[("crate::__private".into(), "SetParams".into())]).to_string()
    }

    #[test]
    fn imports_what_is_mentioned_grouped_and_merged() {
        let body = quote! {
            pub struct Message { pub status: Option<MessageStatus>, pub at: Option<DateTime<Utc>> }
            fn f(client: &Client) -> Result<(), Error> { Ok(()) }
            struct Handle { client: Client }
            const OPERATION: &'static Operation = &X;
        };
        assert_eq!(
            imports(body),
            "use chrono :: { DateTime , Utc } ; use crate :: { Client , Error } ; use crate :: __private :: { Operation , SetParams } ; use super :: MessageStatus ;"
        );
    }

    #[test]
    fn qualified_defined_variant_and_field_names_are_not_imports() {
        let body = quote! {
            pub enum Kind { Error, Page(String) }
            pub struct Client { present: bool }
            fn g() { let x = crate::Error::Other; x.Page; }
        };
        assert_eq!(imports(body), "use crate :: __private :: SetParams ;");
    }
}
