//! Rust identifiers and type tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Enum, Object, Product, Ty};
use crate::naming::is_keyword;

/// An identifier, raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> Ident {
    match name {
        "self" | "Self" | "super" | "crate" => Ident::new(&format!("{name}_"), Span::call_site()),
        n if is_keyword(n) => Ident::new_raw(n, Span::call_site()),
        n => Ident::new(n, Span::call_site()),
    }
}

/// The Rust type of a value (without `Option`) in a REST version module, whose enums and objects
/// live in the sibling modules `enums` and `objects`.
pub fn value_type(product: &Product, ty: &Ty) -> TokenStream {
    value_type_in(ty, &product.enums, &product.objects, &quote!(super::))
}

/// The Rust type of a value (without `Option`); `Ty::Enum` and `Ty::Object` index `enums` and
/// `objects`, whose types are named behind `path` (`super::`, or nothing for the same module).
pub fn value_type_in(ty: &Ty, enums: &[Enum], objects: &[Object], path: &TokenStream) -> TokenStream {
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
            let name = ident(&enums[*i].rust);
            quote!(#path #name)
        }
        Ty::Object(i) => {
            let name = ident(&objects[*i].rust);
            quote!(#path #name)
        }
        Ty::List(inner) => {
            let inner = value_type_in(inner, enums, objects, path);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}
