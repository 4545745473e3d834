//! Rust identifiers and type tokens.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Enum, Object, Product, Ty};
use crate::naming::escape_keyword;

/// An identifier, keywords escaped ([`escape_keyword`]).
pub fn ident(name: &str) -> Ident {
    Ident::new(&escape_keyword(name), Span::call_site())
}

/// The Rust type of a value (without `Option`) in a REST version module.
pub fn value_type(product: &Product, ty: &Ty) -> TokenStream {
    value_type_in(ty, &product.enums, &product.objects)
}

/// The Rust type of a value (without `Option`), in plain names that the file's `use` block
/// imports (`emit::imports`); `Ty::Enum` and `Ty::Object` index `enums` and `objects`.
pub fn value_type_in(ty: &Ty, enums: &[Enum], objects: &[Object]) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Integer => quote!(i64),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        Ty::Date => quote!(NaiveDate),
        Ty::DateTime => quote!(DateTime<Utc>),
        Ty::Decimal => quote!(Decimal),
        Ty::HttpMethod => quote!(HttpMethod),
        Ty::Json => quote!(serde_json::Value),
        Ty::StringMap | Ty::PrefixedMap(_) => quote!(BTreeMap<String, String>),
        Ty::Enum(i) => {
            let name = ident(&enums[*i].rust);
            quote!(#name)
        }
        Ty::Object(i) => {
            let name = ident(&objects[*i].rust);
            quote!(#name)
        }
        Ty::List(inner) => {
            let inner = value_type_in(inner, enums, objects);
            quote!(Vec<#inner>)
        }
    }
}

/// `Paging::Meta` and the like: the runtime's name of a list envelope.
pub fn paging_variant(paging: crate::model::Paging) -> Ident {
    use crate::model::Paging;
    let name = match paging {
        Paging::V2010 => "V2010",
        Paging::Meta => "Meta",
        Paging::Pages => "Pages",
    };
    Ident::new(name, Span::call_site())
}

/// A path parameter as a method argument: its type, and the expression turning the argument
/// `name` into the `String` the handle or builder keeps.
pub fn path_argument(product: &Product, param: &crate::model::PathParam) -> (TokenStream, TokenStream) {
    let name = ident(&param.rust);
    match &param.ty {
        Ty::Integer => (quote!(i64), quote!(#name.to_string())),
        Ty::Date => (quote!(NaiveDate), quote!(#name.format("%Y-%m-%d").to_string())),
        Ty::Enum(i) => {
            let ty = ident(&product.enums[*i].rust);
            (quote!(#ty), quote!(#name.as_str().to_owned()))
        }
        _ => (quote!(impl Into<String>), quote!(#name.into())),
    }
}
