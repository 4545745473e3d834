//! Enums, nested objects (inputs in `inputs.rs`), and the response-struct emitter they share
//! with resources.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, value_type};
use crate::model::{DateStyle, Enum, Field, Product, Ty};

pub fn enums(product: &Product) -> TokenStream {
    let items = product.enums.iter().map(enum_item);
    let doc = format!(" Enums of {} {}.", product.product, product.version);
    quote! {
        #![doc = #doc]
        #(#items)*
    }
}

/// One tolerant enum: a unit variant per known value plus `Other(String)` (or `Unknown`), `as_str`,
/// `from_wire` and the shared wire impls (also used for webhook payload and TwiML enums, whose
/// `Other` is received or sent as well).
pub fn enum_item(e: &Enum) -> TokenStream {
    let name = ident(&e.rust);
    let facts = [format!(
        "[`{}::{}`] carries any value this version of the crate does not know, as text.",
        e.rust, e.fallback
    )];
    let fallback = ident(&e.fallback);
    // The macro's default fallback is `Other`; only another one is spelled out.
    let fallback_arg = (e.fallback != "Other").then(|| quote!(else #fallback));
    let doc = docs::attrs(&docs::join(e.doc.as_deref(), &facts));
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let variant_docs: Vec<String> = e.variants.iter().map(|v| format!(" `{}`", v.wire)).collect();
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the crate does not know, exactly as written on the wire.
            #fallback(String),
        }

        crate::impl_wire_enum!(#name { #(#variants: #wires),* } #fallback_arg);
    }
}

pub fn objects(product: &Product) -> TokenStream {
    let (items, plumbing): (Vec<_>, Vec<_>) = product
        .objects
        .iter()
        .map(|o| {
            if o.input {
                return super::inputs::input_struct(product, o);
            }
            let doc = docs::join(o.doc.as_deref(), &[]);
            let model = response_struct(product, &o.rust, &doc, &o.fields);
            (model.item, model.plumbing)
        })
        .unzip();
    let doc = match product.objects.iter().any(|o| o.input) {
        true => format!(
            " Nested response objects and request inputs of {} {}.",
            product.product, product.version
        ),
        false => format!(" Nested response objects of {} {}.", product.product, product.version),
    };
    quote! {
        #![doc = #doc]
        #(#items)*
        #(#plumbing)*
    }
}

/// A response model: the public struct, and the impls that belong at the end of its file.
pub struct ResponseStruct {
    pub item: TokenStream,
    pub plumbing: TokenStream,
}

/// A response model struct with a generated `Deserialize` (through `runtime::de::Object`);
/// `Debug` is written by hand when a field is sensitive so that its value never shows.
pub fn response_struct(product: &Product, rust_name: &str, doc: &str, fields: &[Field]) -> ResponseStruct {
    let name = ident(rust_name);
    let doc = docs::attrs(doc);
    let field_tokens = fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let ty = value_type(product, &f.ty);
        let ty = if f.optional { quote!(Option<#ty>) } else { ty };
        let mut facts = vec![match docs::allowed_values(product, &f.ty) {
            Some(values) => format!("`{}` (`{}`): {values}.", f.wire, f.spec_type),
            None => format!("`{}` (`{}`).", f.wire, f.spec_type),
        }];
        if f.deprecated {
            facts.push("Deprecated by Twilio.".to_owned());
        }
        if f.sensitive {
            facts.push("Sensitive: redacted in `Debug` output.".to_owned());
        }
        let fdoc = docs::attrs(&docs::join(f.doc.as_deref(), &facts));
        quote! {
            #fdoc
            pub #fname: #ty
        }
    });
    let sensitive = fields.iter().any(|f| f.sensitive);
    let debug_derive = (!sensitive).then(|| quote!(Debug,));
    let debug_impl = sensitive.then(|| {
        let entries: Vec<(&str, bool)> = fields.iter().map(|f| (f.rust.as_str(), f.sensitive)).collect();
        redacting_debug(rust_name, &entries)
    });
    let deserialize = deserialize_impl(product, rust_name, fields);
    ResponseStruct {
        item: quote! {
            #doc
            #[derive(Clone, #debug_derive Default)]
            #[non_exhaustive]
            pub struct #name {
                #(#field_tokens,)*
            }
        },
        plumbing: quote! {
            #debug_impl
            #deserialize
        },
    }
}

/// `Deserialize` for a response model: the `impl_object!` table from wire key to field (see
/// `runtime/de.rs`). Unknown keys are skipped, `null` reads as `None`, dates use the product's
/// format, and a missing non-nullable field is an error naming it.
fn deserialize_impl(product: &Product, rust_name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(rust_name);
    let entries = fields.iter().map(|f| {
        let wire = &f.wire;
        let field = ident(&f.rust);
        match field_reader(f.dates.unwrap_or(product.dates), &f.ty, f.optional) {
            Some(wrapper) => quote!(#field: #wire as #wrapper),
            None => quote!(#field: #wire),
        }
    });
    let required: Vec<&str> = fields.iter().filter(|f| !f.optional).map(|f| f.wire.as_str()).collect();
    let required = (!required.is_empty()).then(|| quote!(required [#(#required),*]));
    quote! {
        crate::impl_object!(#name #required { #(#entries),* });
    }
}

/// The runtime wrapper that reads a field, if its type needs one: dates in the given format;
/// text, numbers and string maps, which tolerate Twilio's looser spellings (`"0.03"` for a
/// number, `null` entries in a map).
fn field_reader(dates: DateStyle, ty: &Ty, optional: bool) -> Option<proc_macro2::Ident> {
    let tolerant = match ty {
        Ty::StringMap => Some("StringMap"),
        Ty::String => Some("Text"),
        Ty::Number => Some("Number"),
        Ty::Integer => Some("Integer"),
        _ => None,
    };
    if let (Some(name), true) = (tolerant, optional) {
        return Some(quote::format_ident!("{name}"));
    }
    let name = match (ty, dates) {
        (Ty::DateTime, DateStyle::Rfc2822) => "Rfc2822",
        (Ty::DateTime, DateStyle::Iso8601) => "Iso8601",
        (Ty::Date, _) => "Date",
        _ => return None,
    };
    let prefix = if optional { "" } else { "Required" };
    Some(quote::format_ident!("{prefix}{name}"))
}

/// A `Debug` impl that prints `"[redacted]"` for sensitive fields.
pub fn redacting_debug(rust_name: &str, fields: &[(&str, bool)]) -> TokenStream {
    let entries: Vec<(String, TokenStream, bool)> = fields
        .iter()
        .map(|(label, sensitive)| {
            let field = ident(label);
            ((*label).to_owned(), quote!(self.#field), *sensitive)
        })
        .collect();
    redacting_debug_of(rust_name, &entries)
}

/// A `Debug` impl printing `(label, value expression, sensitive)` entries, sensitive ones as
/// `"[redacted]"`.
pub fn redacting_debug_of(rust_name: &str, entries: &[(String, TokenStream, bool)]) -> TokenStream {
    let name = ident(rust_name);
    let entries = entries.iter().map(|(label, value, sensitive)| {
        if *sensitive {
            quote!(.field(#label, &"[redacted]"))
        } else {
            quote!(.field(#label, &#value))
        }
    });
    quote! {
        impl fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(#rust_name) #(#entries)* .finish()
            }
        }
    }
}
