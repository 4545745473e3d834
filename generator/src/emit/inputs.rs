//! Inputs: JSON objects the caller builds and a request sends (`inputs:` in the spec). Each is
//! a struct with public fields, a constructor taking the required members, one setter per
//! optional member, and the `impl_input!` line that turns it into JSON.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::enums::redacting_debug;
use super::types::{ident, value_type};
use crate::model::{Field, Object, Product, Ty, Union};

/// The public struct and its methods (or, for one of several inputs, the enum), and the
/// plumbing for the end of the file.
pub fn input_struct(product: &Product, input: &Object) -> (TokenStream, TokenStream) {
    if let Some(union) = &input.union {
        return input_enum(product, input, union);
    }
    let name = ident(&input.rust);
    let doc = docs::attrs(&docs::join(
        input.doc.as_deref(),
        &[format!(
            "Sent as a JSON object. Build one with [`{}::new`], which takes the required members, \
             and set the others with the methods of the same names.",
            input.rust
        )],
    ));
    let fields = input.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let ty = stored_type(product, f);
        let fdoc = docs::attrs(&docs::join(f.doc.as_deref(), &[member_facts(product, f)]));
        quote!(#fdoc pub #field: #ty)
    });
    let required: Vec<&Field> = input.fields.iter().filter(|f| !f.optional).collect();
    let args = required.iter().map(|f| {
        let arg = ident(&f.rust);
        let ty = argument(product, &f.ty, true);
        quote!(#arg: #ty)
    });
    let inits = input.fields.iter().map(|f| {
        let field = ident(&f.rust);
        match (&f.ty, f.optional) {
            (Ty::List(_), true) => quote!(#field: Vec::new()),
            (_, true) => quote!(#field: None),
            (Ty::List(inner), false) => match conversion(inner) {
                true => quote!(#field: #field.into_iter().map(Into::into).collect()),
                false => quote!(#field: #field.into_iter().collect()),
            },
            (ty, false) => match conversion(ty) {
                true => quote!(#field: #field.into()),
                false => quote!(#field),
            },
        }
    });
    let new_doc = if required.is_empty() {
        format!(" An empty `{}`: every member is optional.", input.rust)
    } else {
        " Takes the required members; the others start unset.".to_owned()
    };
    let setters = input.fields.iter().filter(|f| f.optional).map(|f| setter(product, f));
    let sensitive = input.fields.iter().any(|f| f.sensitive);
    let debug_derive = (!sensitive).then(|| quote!(Debug,));
    let default_derive = required.is_empty().then(|| quote!(, Default));
    let item = quote! {
        #doc
        #[derive(Clone, #debug_derive PartialEq #default_derive)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits),* }
            }

            #(#setters)*
        }
    };
    let debug_impl = sensitive.then(|| {
        let entries: Vec<(&str, bool)> = input.fields.iter().map(|f| (f.rust.as_str(), f.sensitive)).collect();
        redacting_debug(&input.rust, &entries)
    });
    let members = input.fields.iter().map(|f| {
        let field = ident(&f.rust);
        let wire = &f.wire;
        let how = format_ident!(
            "{}",
            match (&f.ty, f.optional) {
                (Ty::List(_), false) => "required_list",
                (Ty::List(_), true) => "list",
                (_, false) => "required",
                (_, true) => "optional",
            }
        );
        quote!(#field: #wire as #how)
    });
    let plumbing = quote! {
        #debug_impl
        crate::impl_input!(#name { #(#members),* });
    };
    (item, plumbing)
}

/// One of several inputs: an enum with a variant per input, `From` each of them, and the tag
/// member written beside the chosen one's members.
fn input_enum(product: &Product, input: &Object, union: &Union) -> (TokenStream, TokenStream) {
    let name = ident(&input.rust);
    let first = union
        .variants
        .first()
        .map(|v| (&v.rust, &product.objects[v.input].rust));
    let example = first.map_or_else(String::new, |(variant, inner)| {
        format!(
            " A `{inner}` converts into [`{}::{variant}`] with `into()`.",
            input.rust
        )
    });
    let doc = docs::attrs(&docs::join(
        input.doc.as_deref(),
        &[format!(
            "Sent as a JSON object: the chosen input's members, and `{}` saying which one it is.{example}",
            union.tag
        )],
    ));
    let variants = union.variants.iter().map(|v| {
        let variant = ident(&v.rust);
        let inner = ident(&product.objects[v.input].rust);
        let vdoc = format!(" Sent with `{}: {}`.", union.tag, v.value);
        quote!(#[doc = #vdoc] #variant(#inner))
    });
    let table = union.variants.iter().map(|v| {
        let variant = ident(&v.rust);
        let inner = ident(&product.objects[v.input].rust);
        let value = &v.value;
        quote!(#variant(#inner): #value)
    });
    let tag = &union.tag;
    let item = quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants,)*
        }
    };
    let plumbing = quote! {
        crate::impl_input!(#name tag #tag { #(#table),* });
    };
    (item, plumbing)
}

/// What the struct keeps: the value for a required member, `Option` for an optional one, a
/// `Vec` for a list (empty means unset).
fn stored_type(product: &Product, f: &Field) -> TokenStream {
    let ty = value_type(product, &f.ty);
    match (&f.ty, f.optional) {
        (Ty::List(_), _) | (_, false) => ty,
        (_, true) => quote!(Option<#ty>),
    }
}

/// Whether a value of `ty` is taken as `impl Into<…>` and converted.
fn conversion(ty: &Ty) -> bool {
    matches!(ty, Ty::String | Ty::DateTime)
}

/// The type a caller passes: `impl Into<String>` for text, anything iterable for a whole list
/// (`whole`), the value type otherwise.
fn argument(product: &Product, ty: &Ty, whole: bool) -> TokenStream {
    match ty {
        Ty::String => quote!(impl Into<String>),
        Ty::DateTime => quote!(impl Into<DateTime<Utc>>),
        Ty::List(inner) if whole => {
            let item = argument(product, inner, false);
            quote!(impl IntoIterator<Item = #item>)
        }
        Ty::List(inner) => argument(product, inner, false),
        other => value_type(product, other),
    }
}

/// A setter of an optional member: sets it, or adds one item to a list.
fn setter(product: &Product, f: &Field) -> TokenStream {
    let field = ident(&f.rust);
    let value = format_ident!("value");
    let ty = argument(product, &f.ty, false);
    let converted = match &f.ty {
        Ty::List(inner) if conversion(inner) => quote!(#value.into()),
        ty if conversion(ty) => quote!(#value.into()),
        _ => quote!(#value),
    };
    let (verb, store) = match &f.ty {
        Ty::List(_) => ("Adds one item to", quote!(self.#field.push(#converted))),
        _ => ("Sets", quote!(self.#field = Some(#converted))),
    };
    let doc = format!(" {verb} `{}`.", f.wire);
    let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #field(mut self, #value: #ty) -> Self {
            #store;
            self
        }
    }
}

/// ``Sent as `wire` (`type`, required).`` plus allowed values and sensitivity.
fn member_facts(product: &Product, f: &Field) -> String {
    let mut text = format!(
        "`{}` (`{}`, {}).",
        f.wire,
        f.spec_type,
        if f.optional { "optional" } else { "required" }
    );
    if let Some(values) = docs::allowed_values(product, &f.ty) {
        text.push_str(&format!(" Allowed values: {values}."));
    }
    if matches!(f.ty, Ty::List(_)) && f.optional {
        text.push_str(" Sent when it holds at least one item.");
    }
    if f.deprecated {
        text.push_str(" Deprecated by Twilio.");
    }
    if f.sensitive {
        text.push_str(" Sensitive: redacted in `Debug` output.");
    }
    text
}
