//! Webhook payload emission: model → tokens. Parsing lives in the hand-written
//! `webhook::payload::parse` helpers, so each parameter costs one match arm.

use proc_macro2::TokenStream;
use quote::quote;

use super::{File, Group, Param, Payload};
use crate::emit::docs;
use crate::emit::enums::{enum_item, redacting_debug};
use crate::emit::types::{ident, value_type_in};
use crate::model::Ty;

/// `webhook_payloads/mod.rs`: one private module per spec file, everything re-exported.
pub fn root(files: &[File]) -> TokenStream {
    let modules = files.iter().map(|f| {
        let module = ident(&f.module);
        let doc = format!(" Payloads described in `{}`.", f.source);
        quote! {
            #[doc = #doc]
            mod #module;
            pub use #module::*;
        }
    });
    quote! {
        //! Typed webhook payloads generated from `spec/webhooks/`, re-exported by
        //! [`crate::webhook`]; use them from there.
        #![doc(hidden)]
        #(#modules)*
    }
}

/// One file of payloads: its enums, then each payload with its indexed item structs.
pub fn file(file: &File) -> TokenStream {
    let mut module_doc = Vec::new();
    if let Some(d) = &file.doc {
        module_doc.push(docs::prose(d));
    }
    if let Some(url) = &file.docs {
        module_doc.push(format!("Twilio's documentation: <{url}>."));
    }
    module_doc.push(format!("Generated from `{}`.", file.source));
    let module_doc = module_doc.join("\n\n");
    let module_doc = module_doc.lines().map(|l| format!(" {l}").trim_end().to_owned());
    let enums = file.enums.iter().map(enum_item);
    let payloads = file.payloads.iter().map(|p| payload(file, p));
    quote! {
        #(#![doc = #module_doc])*
        #(#enums)*
        #(#payloads)*
    }
}

fn payload(file: &File, p: &Payload) -> TokenStream {
    let name = ident(&p.rust);
    let mut facts = Vec::new();
    if let Some(url) = &p.docs {
        facts.push(format!("Twilio's documentation: <{url}>."));
    }
    facts.push(
        "Parse it with [`WebhookPayload::from_params`](crate::webhook::WebhookPayload::from_params). \
         Every field is optional: which parameters arrive depends on the channel and the event, \
         and Twilio adds new ones without notice. Empty values read as absent, parameters this \
         type does not know are kept in `extra`, and a known parameter whose value does not fit \
         its type is an error."
            .to_owned(),
    );
    let doc = docs::attrs(&docs::join(p.doc.as_deref(), &facts));

    let fields = p.params.iter().map(|param| field(file, param));
    let groups = p.groups.iter().map(|g| {
        let fname = ident(&g.field);
        let item = ident(&g.item);
        let patterns: Vec<String> = g.params.iter().map(|ip| format!("`{}`", ip.param.wire)).collect();
        let fact = format!(
            "From {} (N = 0, 1, …), ordered by N; an index whose parameters are all empty is skipped.",
            patterns.join(", ")
        );
        let gdoc = docs::attrs(&docs::join(g.doc.as_deref(), &[fact]));
        quote! {
            #gdoc
            pub #fname: Vec<#item>
        }
    });
    let items = p.groups.iter().map(|g| item_struct(file, p, g));

    let sensitive = p.params.iter().any(|x| x.sensitive);
    let mut debug_fields: Vec<(&str, bool)> = p.params.iter().map(|x| (x.rust.as_str(), x.sensitive)).collect();
    debug_fields.extend(p.groups.iter().map(|g| (g.field.as_str(), false)));
    debug_fields.push((super::resolve::EXTRA, false));
    let (derive_debug, debug_impl) = debug(&p.rust, sensitive, &debug_fields);
    let deprecated = p.params.iter().any(|x| x.deprecated);
    let allow = deprecated.then(|| quote!(#[allow(deprecated)]));

    let arms = p.params.iter().map(|param| {
        let wire = &param.wire;
        let fname = ident(&param.rust);
        match &param.ty {
            Ty::List(inner) => {
                let value = parse(file, inner, param.sensitive);
                quote!(#wire => p::push(&mut out.#fname, #value),)
            }
            ty => {
                let value = parse(file, ty, param.sensitive);
                quote!(#wire => out.#fname = #value,)
            }
        }
    });
    let slot_decls = p.groups.iter().map(|g| {
        let slots = slots(g);
        let item = ident(&g.item);
        quote!(let mut #slots = BTreeMap::<u32, #item>::new();)
    });
    let branches: Vec<TokenStream> = p
        .groups
        .iter()
        .flat_map(|g| g.params.iter().map(move |ip| (g, ip)))
        .map(|(g, ip)| {
            let slots = slots(g);
            let (prefix, suffix) = (&ip.prefix, &ip.suffix);
            let fname = ident(&ip.param.rust);
            let value = parse(file, &ip.param.ty, ip.param.sensitive);
            quote! {
                if let Some(n) = p::index(&key, #prefix, #suffix) {
                    #slots.entry(n).or_default().#fname = #value;
                }
            }
        })
        .collect();
    let fallback = if branches.is_empty() {
        quote!(out.extra.insert(key, value);)
    } else {
        quote! {
            #(#branches else)* {
                out.extra.insert(key, value);
            }
        }
    };
    let collect = p.groups.iter().map(|g| {
        let slots = slots(g);
        let fname = ident(&g.field);
        quote!(out.#fname = p::items(#slots);)
    });

    quote! {
        #doc
        #[derive(Clone, #derive_debug Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
            #(#groups,)*
            /// Every parameter this type does not know, by name; when a name repeats, the last
            /// value is kept.
            pub extra: BTreeMap<String, String>,
        }
        #debug_impl

        #allow
        impl crate::webhook::WebhookPayload for #name {
            #[inline]
            fn from_params(
                params: Vec<(String, String)>,
            ) -> Result<Self, crate::webhook::PayloadError> {
                use crate::webhook::payload::parse as p;
                let mut out = Self::default();
                #(#slot_decls)*
                for (key, value) in params {
                    match key.as_str() {
                        #(#arms)*
                        _ => {
                            #fallback
                        }
                    }
                }
                #(#collect)*
                Ok(out)
            }
        }

        #(#items)*
    }
}

fn slots(g: &Group) -> proc_macro2::Ident {
    ident(&format!("{}_slots", g.field))
}

/// The struct of one numbered item (`Media { url, content_type }`).
fn item_struct(file: &File, p: &Payload, g: &Group) -> TokenStream {
    let name = ident(&g.item);
    let doc = format!(
        " One item of [`{}::{}`]: the parameters that share one index N.",
        p.rust, g.field
    );
    let fields = g.params.iter().map(|ip| field(file, &ip.param));
    let sensitive = g.params.iter().any(|ip| ip.param.sensitive);
    let debug_fields: Vec<(&str, bool)> = g
        .params
        .iter()
        .map(|ip| (ip.param.rust.as_str(), ip.param.sensitive))
        .collect();
    let (derive_debug, debug_impl) = debug(&g.item, sensitive, &debug_fields);
    quote! {
        #[doc = #doc]
        #[derive(Clone, #derive_debug Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
        }
        #debug_impl
    }
}

/// `Debug` derived, or written by hand to redact sensitive fields.
fn debug(rust: &str, sensitive: bool, fields: &[(&str, bool)]) -> (Option<TokenStream>, Option<TokenStream>) {
    if sensitive {
        let imp = redacting_debug(rust, fields);
        (None, Some(quote!(#[allow(deprecated)] #imp)))
    } else {
        (Some(quote!(Debug,)), None)
    }
}

/// A documented `pub` field: `Option<T>`, or `Vec<T>` for lists.
fn field(file: &File, param: &Param) -> TokenStream {
    let fname = ident(&param.rust);
    let ty = value_type(file, &param.ty);
    let ty = match &param.ty {
        Ty::List(_) => ty,
        _ => quote!(Option<#ty>),
    };
    let mut facts = vec![format!("`{}` (`{}`).", param.wire, param.spec_type)];
    if matches!(param.ty, Ty::List(_)) {
        facts.push("Every occurrence of the parameter, in order.".to_owned());
    }
    let enum_index = match &param.ty {
        Ty::Enum(i) => Some(*i),
        Ty::List(inner) => match **inner {
            Ty::Enum(i) => Some(i),
            _ => None,
        },
        _ => None,
    };
    if let Some(e) = enum_index.and_then(|i| file.enums.get(i)) {
        let values: Vec<String> = e.variants.iter().map(|v| format!("`{}`", v.wire)).collect();
        facts.push(format!(
            "Known values: {}; others arrive as [`{}::{}`].",
            values.join(", "),
            e.rust,
            e.fallback
        ));
    }
    if param.uncertain {
        facts.push("Not confirmed by Twilio's documentation: it may be absent or differ.".to_owned());
    }
    if param.sensitive {
        facts.push("Sensitive: redacted in `Debug` output and in parse errors.".to_owned());
    }
    let deprecated = param.deprecated.then(|| {
        facts.push("Deprecated by Twilio.".to_owned());
        let note = format!("Twilio deprecated the `{}` parameter", param.wire);
        quote!(#[deprecated = #note])
    });
    let doc = docs::attrs(&docs::join(param.doc.as_deref(), &facts));
    quote! {
        #doc
        #deprecated
        pub #fname: #ty
    }
}

/// The Rust type of a parameter: the file's enums are in the same module; there are no objects.
fn value_type(file: &File, ty: &Ty) -> TokenStream {
    value_type_in(ty, &file.enums, &[])
}

/// The expression turning `value` (the received text of parameter `key`) into `Option<T>`,
/// with `?` when the type can reject it.
fn parse(file: &File, ty: &Ty, sensitive: bool) -> TokenStream {
    let checked = |f: TokenStream| {
        if sensitive {
            quote!(#f(&key, value).map_err(crate::webhook::PayloadError::redacted)?)
        } else {
            quote!(#f(&key, value)?)
        }
    };
    match ty {
        Ty::String => quote!(p::text(value)),
        Ty::HttpMethod => quote!(p::http_method(value)),
        Ty::Enum(i) => {
            let name = ident(file.enums.get(*i).map_or("String", |e| e.rust.as_str()));
            quote!(p::enumeration(value, #name::from_wire))
        }
        Ty::Integer => checked(quote!(p::integer)),
        Ty::Number => checked(quote!(p::number)),
        Ty::Boolean => checked(quote!(p::boolean)),
        Ty::Date => checked(quote!(p::date)),
        Ty::DateTime => checked(quote!(p::date_time)),
        Ty::Decimal => checked(quote!(p::decimal)),
        Ty::Json => checked(quote!(p::json)),
        // Lists of lists are rejected when resolving.
        Ty::List(inner) => parse(file, inner, sensitive),
        // Refused when resolving: webhook parameters are flat text.
        Ty::StringMap | Ty::Object(_) | Ty::PrefixedMap(_) => quote!(p::text(value)),
    }
}
