//! Rustdoc text built from the spec: prose made safe for rustdoc, plus facts from the model.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Location, Param, Product, Ty};

/// `#[doc = "…"]` for each line of `text`.
pub fn attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}").trim_end().to_owned());
    quote!(#(#[doc = #lines])*)
}

/// Spec prose made safe for rustdoc: outside `code spans`, the characters rustdoc would read as
/// links or HTML (`[`, `]`, `<`, `>`) are escaped and bare URLs become links; code spans are
/// kept as written (TwiML prose is full of `` `<Say>` ``).
pub fn prose(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                return part.to_owned();
            }
            part.split(' ')
                .map(|word| {
                    if word.starts_with("http://") || word.starts_with("https://") {
                        let url = word.trim_end_matches(['.', ',', ';', ')']);
                        format!("<{url}>{}", &word[url.len()..])
                    } else {
                        word.replace('[', "\\[")
                            .replace(']', "\\]")
                            .replace('<', "\\<")
                            .replace('>', "\\>")
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// The spec prose of an item followed by generated facts, as one doc text.
pub fn join(doc: Option<&str>, facts: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(d) = doc {
        parts.push(prose(d));
    }
    parts.extend(facts.iter().cloned());
    parts.join("\n\n")
}

/// Where and how a parameter travels, e.g. ``form field `StatusCallback` (uri)``.
pub fn param_facts(product: &Product, p: &Param) -> String {
    let place = match p.location {
        Location::Query => "query parameter",
        Location::Form => "form field",
        Location::Json => "JSON member",
        Location::Body => "the JSON body",
        Location::Header => "header",
    };
    let mut text = format!("Sent as {place} `{}` (`{}`", p.wire, p.spec_type);
    text.push_str(if p.required { ", required)." } else { ", optional)." });
    if let Some(values) = allowed_values(product, &p.ty) {
        text.push_str(&format!(" Allowed values: {values}."));
    }
    let json = p.location == Location::Json;
    match &p.ty {
        Ty::List(_) if json => text.push_str(" Call once per value; the values are sent as one JSON array."),
        Ty::List(_) => text.push_str(" Call once per value; each is sent under the same key."),
        Ty::PrefixedMap(prefix) => text.push_str(&format!(" Each entry `k = v` is sent as `{prefix}.k=v`.")),
        Ty::Json if !json => text.push_str(" Sent as JSON text."),
        _ => {}
    }
    let item = match &p.ty {
        Ty::List(inner) => inner,
        other => other,
    };
    match item {
        Ty::Object(i) => text.push_str(&format!(" Build one with [`{}::new`].", product.objects[*i].rust)),
        Ty::DateTime => text.push_str(" Sent in UTC."),
        _ => {}
    }
    if p.sensitive {
        text.push_str(" Sensitive: never logged.");
    }
    text
}

/// The wire values of an enum type (also inside a list), as a list for docs.
pub fn allowed_values(product: &Product, ty: &Ty) -> Option<String> {
    match ty {
        Ty::Enum(i) => Some(
            product.enums[*i]
                .variants
                .iter()
                .map(|v| format!("`{}`", v.wire))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Ty::List(inner) => allowed_values(product, inner),
        _ => None,
    }
}
