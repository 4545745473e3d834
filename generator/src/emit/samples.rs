//! Conformance calls: every operation of every product, invoked with sample values.
//!
//! The end-to-end tests run these against Prism mocks of Twilio's official OpenAPI files, so
//! whatever the spec says is checked against what Twilio documents, operation by operation.
//! Sample values are chosen to satisfy the official schemas (SIDs with the right prefix,
//! E.164 numbers, https URLs); one member of each parameter group is set.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::model::*;
use crate::naming::pascal;

pub fn samples(products: &[Product]) -> TokenStream {
    let functions = products.iter().map(|p| {
        let fname = ident(&format!("{}_{}", p.product, p.version));
        let doc = format!(
            " Calls every operation of {} {} once; returns `(operation, result)` pairs.",
            p.product, p.version
        );
        let calls = p
            .resources
            .iter()
            .flat_map(|r| r.methods.iter().map(move |m| call(p, r, m)));
        quote! {
            #[doc = #doc]
            pub async fn #fname(client: &twilio::Client) -> Vec<(&'static str, Result<(), twilio::Error>)> {
                let mut results = Vec::new();
                #(#calls)*
                results
            }
        }
    });
    let names: Vec<String> = products
        .iter()
        .map(|p| format!("{}_{}", p.product, p.version))
        .collect();
    let fnames: Vec<_> = names.iter().map(|n| ident(n)).collect();
    let files = products.iter().map(|p| &p.official_file);
    quote! {
        //! Sample calls of every generated operation, for the Prism conformance test.
        #![allow(deprecated, clippy::too_many_lines)]

        /// `(product_version, official spec file)` for every product in `spec/`.
        pub const PRODUCTS: &[(&str, &str)] = &[#((#names, #files)),*];

        /// The sample calls of the product named as in [`PRODUCTS`].
        pub async fn call_every_operation(product: &str, client: &twilio::Client) -> Option<Vec<(&'static str, Result<(), twilio::Error>)>> {
            Some(match product {
                #(#names => #fnames(client).await,)*
                _ => return None,
            })
        }

        #(#functions)*
    }
}

fn call(p: &Product, r: &Resource, m: &Method) -> TokenStream {
    let operation = format!("{}.{}.{}.{}", p.product, p.version, r.name, m.name);
    let handle = list_handle(p, r);
    let method = ident(&m.name);
    let mut args: Vec<TokenStream> = m.path_args.iter().map(|a| path_sample(p, a)).collect();
    args.extend(
        m.params
            .iter()
            .filter(|x| x.required)
            .map(|x| sample(p, &x.ty, &x.wire, &x.spec_type)),
    );
    let skipped: Vec<usize> = m
        .groups
        .iter()
        .flat_map(|g| g.members.iter().skip(1).copied())
        .collect();
    let setters = m
        .params
        .iter()
        .enumerate()
        // An own `Authorization` header would replace the client's credentials, which the
        // official files also require (Flex Insights); the samples send the credentials.
        .filter(|(i, x)| !x.required && !skipped.contains(i))
        .filter(|(_, x)| !(x.location == Location::Header && x.wire.eq_ignore_ascii_case("Authorization")))
        .map(|(_, x)| {
            let setter = ident(&x.rust);
            match &x.ty {
                Ty::List(inner) => {
                    let a = sample(p, inner, &x.wire, &x.spec_type);
                    let b = sample(p, inner, &x.wire, &x.spec_type);
                    quote!(.#setter(#a).#setter(#b))
                }
                Ty::PrefixedMap(_) => quote!(.#setter("sample", "value")),
                other => {
                    let v = sample(p, other, &x.wire, &x.spec_type);
                    quote!(.#setter(#v))
                }
            }
        });
    let page = (m.returns == Returns::Page).then(|| quote!(.page_size(20)));
    quote! {
        results.push((#operation, #handle.#method(#(#args),*) #(#setters)* #page .send().await.map(|_| ())));
    }
}

/// Expression for the collection handle of `r`, walking down from the client.
fn list_handle(p: &Product, r: &Resource) -> TokenStream {
    let plural = ident(&r.plural);
    match r.parent {
        Some(parent) if !r.mounted_on_version => {
            let above = above(p, r, parent);
            quote!(#above.#plural())
        }
        _ => {
            let (product, version) = (ident(&p.product), ident(&p.version));
            quote!(client.#product().#version().#plural())
        }
    }
}

fn context(p: &Product, r: &Resource) -> TokenStream {
    let single = ident(&r.singular);
    let own = path_sample(p, r.own.as_ref().expect("contexts have an instance parameter"));
    match r.parent {
        Some(parent) if !r.mounted_on_version => {
            let above = above(p, r, parent);
            quote!(#above.#single(#own))
        }
        _ => {
            let (product, version) = (ident(&p.product), ident(&p.version));
            quote!(client.#product().#version().#single(#own))
        }
    }
}

/// The handle of `parent` that `r`'s accessors are on: its collection handle for a child that
/// hangs below the collection, one instance otherwise.
fn above(p: &Product, r: &Resource, parent: usize) -> TokenStream {
    if r.on_collection {
        list_handle(p, &p.resources[parent])
    } else {
        context(p, &p.resources[parent])
    }
}

fn path_sample(p: &Product, param: &PathParam) -> TokenStream {
    match &param.ty {
        Ty::Integer => return quote!(1),
        Ty::Enum(_) | Ty::Date => return sample(p, &param.ty, &param.wire, ""),
        _ => {}
    }
    let value = match &param.sid {
        Some(prefixes) => sid(&prefixes[0]),
        None if names_a_sid(&param.wire) => sid("AC"),
        None if param.wire.contains("PhoneNumber") => "+15017122661".to_owned(),
        None => "sample".to_owned(),
    };
    quote!(#value)
}

/// `AccountSid`, `owner_sid`: a SID whose prefix the official file leaves open.
fn names_a_sid(wire: &str) -> bool {
    wire.ends_with("Sid") || wire.ends_with("_sid") || wire.ends_with("Sids")
}

fn sid(prefix: &str) -> String {
    format!("{prefix}0123456789abcdef0123456789abcdef")
}

fn sample(p: &Product, ty: &Ty, wire: &str, spec_type: &str) -> TokenStream {
    match ty {
        Ty::String => {
            let inner = spec_type
                .strip_prefix("list<")
                .and_then(|s| s.strip_suffix('>'))
                .unwrap_or(spec_type);
            let text = if let Some(prefixes) = inner.strip_prefix("sid<") {
                sid(&prefixes[..2])
            } else if inner == "sid" {
                sid("AC")
            } else if let Some(prefix) = inner.strip_prefix("id<").and_then(|p| p.strip_suffix('>')) {
                format!("{prefix}0123456789abcdef")
            } else if inner == "uri" {
                "https://example.com/twilio/callback".to_owned()
            } else if inner == "phone-number" {
                "+15017122661".to_owned()
            } else if wire.to_ascii_lowercase().ends_with("email") {
                "user@example.com".to_owned()
            } else if wire.ends_with("_date") {
                // A date the official file types as text, at most 8 characters (Lookups'
                // `last_verified_date`).
                "20240131".to_owned()
            } else if names_a_sid(wire) {
                // A SID whose prefix the official file leaves open.
                sid("AC")
            } else {
                format!("sample {wire}")
            };
            quote!(#text)
        }
        Ty::Integer => quote!(1),
        Ty::Number => quote!(0.5),
        Ty::Boolean => quote!(true),
        Ty::Date => quote!(twilio::chrono::NaiveDate::from_ymd_opt(2024, 1, 31).expect("valid date")),
        Ty::DateTime => quote!(twilio::chrono::DateTime::from_timestamp(1_706_659_200, 0).expect("valid time")),
        Ty::Decimal => quote!(twilio::Decimal::new("0.50")),
        Ty::HttpMethod => quote!(twilio::HttpMethod::Post),
        // A text value also suits the JSON objects that hold only strings (Content's `variables`).
        Ty::Json => quote!(serde_json::json!({"sample": "value"})),
        Ty::Enum(i) => {
            let e = &p.enums[*i];
            let (product, version, name) = (ident(&p.product), ident(&p.version), ident(&e.rust));
            let variant = ident(&e.variants[0].rust);
            quote!(twilio::#product::#version::#name::#variant)
        }
        Ty::List(inner) => {
            let one = sample(p, inner, wire, spec_type);
            quote!(vec![#one])
        }
        Ty::Object(i) if p.objects[*i].input => input_sample(p, *i, &mut Vec::new()),
        Ty::Object(_) | Ty::StringMap | Ty::PrefixedMap(_) => {
            let _ = pascal(wire);
            quote!(Default::default())
        }
    }
}

/// An input built with its constructor, every optional member set too (a list with one item),
/// so that conformance checks all of it against the official schema. `within` holds the inputs
/// being built around this one: an input that contains itself through a list gets an empty
/// list there, and no value for an optional member.
fn input_sample(p: &Product, index: usize, within: &mut Vec<usize>) -> TokenStream {
    let input = &p.objects[index];
    // One of several inputs: the first of them.
    if let Some(first) = input.union.as_ref().and_then(|u| u.variants.first()) {
        let (product, version) = (ident(&p.product), ident(&p.version));
        let (name, variant) = (ident(&input.rust), ident(&first.rust));
        let chosen = input_sample(p, first.input, within);
        return quote!(twilio::#product::#version::#name::#variant(#chosen));
    }
    within.push(index);
    let (product, version, name) = (ident(&p.product), ident(&p.version), ident(&input.rust));
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for f in &input.fields {
        let item = match &f.ty {
            Ty::List(inner) => inner,
            other => other,
        };
        let value = match item {
            Ty::Object(i) if within.contains(i) => None,
            Ty::Object(i) if p.objects[*i].input => Some(input_sample(p, *i, within)),
            other => Some(sample(p, other, &f.wire, &f.spec_type)),
        };
        match (f.optional, value, &f.ty) {
            (true, Some(value), _) => {
                let setter = ident(&f.rust);
                setters.push(quote!(.#setter(#value)));
            }
            (true, None, _) => {}
            (false, Some(value), Ty::List(_)) => args.push(quote!(vec![#value])),
            (false, Some(value), _) => args.push(value),
            (false, None, _) => args.push(quote!(Vec::new())),
        }
    }
    within.pop();
    quote!(twilio::#product::#version::#name::new(#(#args),*) #(#setters)*)
}
