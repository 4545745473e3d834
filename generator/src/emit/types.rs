//! Rust identifiers and type tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{DateStyle, Product, Ty};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" => Ident::new(&format!("{name}_"), Span::call_site()),
        n if KEYWORDS.contains(&n) => Ident::new_raw(n, Span::call_site()),
        n => Ident::new(n, Span::call_site()),
    }
}

/// The Rust type of a value (without `Option`).
pub fn value_type(product: &Product, ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(::std::string::String),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::Decimal => quote!(crate::Decimal),
        Ty::HttpMethod => quote!(crate::HttpMethod),
        Ty::Json => quote!(::serde_json::Value),
        Ty::StringMap | Ty::PrefixedMap(_) => {
            quote!(::std::collections::BTreeMap<::std::string::String, ::std::string::String>)
        }
        Ty::Enum(i) => {
            let name = ident(&product.enums[*i].rust);
            quote!(super::#name)
        }
        Ty::Object(i) => {
            let name = ident(&product.objects[*i].rust);
            quote!(super::#name)
        }
        Ty::List(inner) => {
            let inner = value_type(product, inner);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// The serde attribute that parses dates in the product's style, if the type needs one.
pub fn date_attr(product: &Product, ty: &Ty, optional: bool) -> Option<TokenStream> {
    let base = match (ty, product.dates) {
        (Ty::DateTime, DateStyle::Rfc2822) => "rfc2822",
        (Ty::DateTime, DateStyle::Iso8601) => "iso8601",
        (Ty::Date, _) => "date",
        _ => return None,
    };
    let path = if optional {
        format!("crate::__private::dates::{base}")
    } else {
        format!("crate::__private::dates::{base}_required")
    };
    Some(quote!(#[serde(default, deserialize_with = #path)]))
}
