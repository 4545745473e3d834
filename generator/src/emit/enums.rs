//! Enums, nested objects, and the response-struct emitter they share with resources.

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

/// One tolerant enum: a unit variant per known value plus `Other(String)`, `as_str`,
/// `from_wire` and the shared wire impls (also used for webhook payload and TwiML enums, whose
/// `Other` is received or sent as well).
pub fn enum_item(e: &Enum) -> TokenStream {
    let name = ident(&e.rust);
    let facts = [format!(
        "[`{}::Other`] carries any value this version of the crate does not know, as text.",
        e.rust
    )];
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
            Other(::std::string::String),
        }

        impl #name {
            /// The value exactly as Twilio spells it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Other(value) => value,
                }
            }

            #[doc(hidden)]
            #[inline]
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        crate::impl_wire_enum!(#name);
    }
}

pub fn objects(product: &Product) -> TokenStream {
    let items = product.objects.iter().map(|o| {
        let doc = docs::join(o.doc.as_deref(), &[]);
        response_struct(product, &o.rust, &doc, &o.fields)
    });
    let doc = format!(" Nested response objects of {} {}.", product.product, product.version);
    quote! {
        #![doc = #doc]
        #(#items)*
    }
}

/// A `Deserialize` struct for a response model; `Debug` is written by hand when a field is
/// sensitive so that its value never shows.
pub fn response_struct(product: &Product, rust_name: &str, doc: &str, fields: &[Field]) -> TokenStream {
    let name = ident(rust_name);
    let doc = docs::attrs(doc);
    let field_tokens = fields.iter().map(|f| {
        let fname = ident(&f.rust);
        let ty = value_type(product, &f.ty);
        let ty = if f.optional {
            quote!(::std::option::Option<#ty>)
        } else {
            ty
        };
        let mut facts = vec![format!("`{}` (`{}`).", f.wire, f.spec_type)];
        if let Some(values) = docs::allowed_values(product, &f.ty) {
            facts.push(format!("Known values: {values}."));
        }
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
    let deserialize = deserialize_impl(product, rust_name, fields);
    let sensitive = fields.iter().any(|f| f.sensitive);
    let debug_derive = (!sensitive).then(|| quote!(Debug,));
    let debug_impl = sensitive.then(|| {
        let entries: Vec<(&str, bool)> = fields.iter().map(|f| (f.rust.as_str(), f.sensitive)).collect();
        redacting_debug(rust_name, &entries)
    });
    quote! {
        #doc
        #[derive(Clone, #debug_derive)]
        #[non_exhaustive]
        pub struct #name {
            #(#field_tokens,)*
        }
        #debug_impl
        #deserialize
    }
}

/// `Deserialize` for a response model: one `visit_map` matching field indexes (see
/// `runtime/de.rs`). Unknown keys are skipped, `null` reads as `None`, dates use the product's
/// format, and a missing or `null` non-nullable field is an error naming it.
fn deserialize_impl(product: &Product, rust_name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(rust_name);
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let locals: Vec<_> = fields.iter().map(|f| ident(&f.rust)).collect();
    let local_types = fields.iter().map(|f| value_type(product, &f.ty));
    let indexes = (0..fields.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let reads = fields.iter().map(|f| match date_wrapper(product, &f.ty) {
        Some(wrapper) => quote!(map.next_value::<crate::__private::#wrapper>()?.0),
        None => quote!(map.next_value()?),
    });
    let values = fields.iter().map(|f| {
        let local = ident(&f.rust);
        if f.optional {
            quote!(#local)
        } else {
            let wire = &f.wire;
            quote!(#local.ok_or_else(|| <A::Error as ::serde::de::Error>::missing_field(#wire))?)
        }
    });
    let expecting = format!("a {rust_name} object");
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Fields;
                impl<'de> ::serde::de::Visitor<'de> for Fields {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#name, A::Error> {
                        const FIELDS: &[&str] = &[#(#wires),*];
                        #(let mut #locals: ::std::option::Option<#local_types> = ::std::option::Option::None;)*
                        while let ::std::option::Option::Some(index) = map.next_key_seed(crate::__private::FieldIndex(FIELDS))? {
                            match index {
                                #(#indexes => #locals = #reads,)*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::std::result::Result::Ok(#name { #(#locals: #values),* })
                    }
                }
                deserializer.deserialize_map(Fields)
            }
        }
    }
}

/// The runtime wrapper that parses a date field in the product's format, if the type is a date.
fn date_wrapper(product: &Product, ty: &Ty) -> Option<proc_macro2::Ident> {
    let name = match (ty, product.dates) {
        (Ty::DateTime, DateStyle::Rfc2822) => "Rfc2822",
        (Ty::DateTime, DateStyle::Iso8601) => "Iso8601",
        (Ty::Date, _) => "Date",
        _ => return None,
    };
    Some(quote::format_ident!("{name}"))
}

/// A `Debug` impl that prints `"[redacted]"` for sensitive fields.
pub fn redacting_debug(rust_name: &str, fields: &[(&str, bool)]) -> TokenStream {
    let name = ident(rust_name);
    let entries = fields.iter().map(|(label, sensitive)| {
        let fname = ident(label);
        if *sensitive {
            quote!(.field(#label, &"[redacted]"))
        } else {
            quote!(.field(#label, &self.#fname))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#rust_name) #(#entries)* .finish()
            }
        }
    }
}
