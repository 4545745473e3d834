//! One resource module: its model, its handles and one request builder per method; and the
//! version's `operations` module, one marker type per method.
//!
//! Public items come first (model, collection handle, instance handle, builders); the impls
//! a reader rarely needs (`Deserialize`, redacting `Debug`) close the file. A builder is an
//! alias of the runtime's `RequestBuilder` for its operation's marker, which carries the
//! operation's facts as data (`runtime/request.rs`); what every builder does (sending,
//! paging, `Clone`, `Debug`) is generic runtime code, so a method costs only its constructor
//! and setters, each one `set`/`add`/`insert` call (`runtime/params.rs`).
//!
//! Every generated method that is not generic is `#[inline]`: rustc then generates machine code
//! for it only in the crates that call it, so users pay code generation for the operations they
//! use, not for the whole product (BENCHMARKS.md has the measurement). Generic ones (`impl
//! Into<String>` arguments) are instantiated by their callers anyway.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::enums::response_struct;
use super::types::{ident, paging_variant, path_argument, value_type};
use crate::model::*;

pub fn resource(product: &Product, index: usize) -> TokenStream {
    let r = &product.resources[index];
    let mut facts = Vec::new();
    if let Some(url) = &r.docs {
        facts.push(format!("Twilio's documentation: <{url}>"));
    }
    let module_doc = format!(" The {} resource of {} {}.", r.name, product.product, product.version);
    let model = (!r.fields.is_empty()).then(|| {
        // Imported specs carry no prose of Twilio's; the model then says what it is.
        let generic = format!(
            "A {} of {} {}.",
            r.name.replace('_', " "),
            product.product,
            product.version
        );
        let doc = docs::join(Some(r.doc.as_deref().unwrap_or(&generic)), &facts);
        response_struct(product, &r.rust, &doc, &r.fields)
    });
    let (model, model_plumbing) = match model {
        Some(m) => (Some(m.item), Some(m.plumbing)),
        None => (None, None),
    };
    let collection = r
        .has_collection(&product.resources)
        .then(|| collection_handle(product, r));
    let handle = r.has_handle(&product.resources).then(|| instance_handle(product, r));
    let builders = r.methods.iter().map(|m| builder(product, r, m));
    // Setters are methods of this trait; no name in the code says so, hence the explicit import.
    let set_params = r.methods.iter().any(|m| !m.params.is_empty()).then(|| {
        quote!(
            use crate::__private::SetParams;
        )
    });
    quote! {
        #![doc = #module_doc]
        #model
        #collection
        #handle
        #(#builders)*
        #model_plumbing
        #set_params
    }
}

/// Type of a handle field for a bound path parameter.
fn bound_type(p: &PathParam) -> TokenStream {
    if p.defaulted {
        quote!(Option<String>)
    } else {
        quote!(String)
    }
}

fn collection_handle(product: &Product, r: &Resource) -> TokenStream {
    let name = ident(&r.collection);
    let below_collection: Vec<usize> = r
        .children
        .iter()
        .copied()
        .filter(|&c| product.resources[c].on_collection)
        .collect();
    let accessors = child_accessors(product, r, &below_collection);
    let fields: Vec<_> = r.bound.iter().map(|b| ident(&b.rust)).collect();
    let types: Vec<_> = r.bound.iter().map(bound_type).collect();
    let doc = format!(
        " The {} collection: entry point for its operations. Get one from the parent handle's `{}()`.",
        r.name.replace('_', " "),
        r.plural
    );
    let methods = r.methods.iter().map(|m| {
        let method = ident(&m.name);
        let builder = ident(&m.builder);
        let (args, sets) = constructor_args(product, m);
        let path = path_values(product, r, m);
        let summary = docs::attrs(&method_doc(r, m));
        let deprecated = m.deprecated.then(|| quote!(#[deprecated]));
        let inline = (!generic_args(product, m)).then(|| quote!(#[inline]));
        // Required parameters are arguments, however many the API requires (Monitor's alarms
        // take seven).
        let many = (args.len() >= 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #summary
            #deprecated
            #inline
            #many
            pub fn #method(&self, #(#args),*) -> #builder {
                #builder::new(&self.client, #path)
                    #(#sets)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            client: Client,
            #(#fields: #types,)*
        }

        impl #name {
            #[inline]
            pub(crate) fn new(client: Client, #(#fields: #types),*) -> Self {
                Self { client, #(#fields),* }
            }

            #(#methods)*
            #(#accessors)*
        }
    }
}

fn instance_handle(product: &Product, r: &Resource) -> TokenStream {
    let name = ident(&r.handle);
    let own = r
        .own
        .as_ref()
        .expect("resolve checks that parents have an instance parameter");
    let mut fields: Vec<_> = r.bound.iter().map(|b| ident(&b.rust)).collect();
    let mut types: Vec<_> = r.bound.iter().map(bound_type).collect();
    fields.push(ident(&own.rust));
    types.push(quote!(String));
    let doc = format!(
        " One {} (`{{{}}}`), to reach its sub-resources.",
        r.name.replace('_', " "),
        own.wire
    );
    let below_instance: Vec<usize> = r
        .children
        .iter()
        .copied()
        .filter(|&c| !product.resources[c].on_collection)
        .collect();
    let accessors = child_accessors(product, r, &below_instance);
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            client: Client,
            #(#fields: #types,)*
        }

        impl #name {
            #[inline]
            pub(crate) fn new(client: Client, #(#fields: #types),*) -> Self {
                Self { client, #(#fields),* }
            }

            #(#accessors)*
        }
    }
}

/// The accessors a handle of `r` offers for `children`: each child's collection (`parts()`)
/// and, when it has children of its own, one instance (`part(sid)`).
fn child_accessors(product: &Product, r: &Resource, children: &[usize]) -> Vec<TokenStream> {
    children
        .iter()
        .map(|&c| {
            let child = &product.resources[c];
            let accessor = ident(&child.plural);
            let collection = ident(&child.collection);
            let args = child_handle_args(r, child);
            let doc = format!(
                " The {} of this {}.",
                child.plural.replace('_', " "),
                r.name.replace('_', " ")
            );
            let handle = child.has_handle(&product.resources).then(|| {
                let single = ident(&child.singular);
                let child_handle = ident(&child.handle);
                let own = child.own.as_ref().expect("instance handles have an instance parameter");
                let arg = ident(&own.rust);
                let (ty, value) = path_argument(product, own);
                let doc = format!(
                    " One {} of this {}, by `{}`.",
                    child.singular.replace('_', " "),
                    r.name.replace('_', " "),
                    own.wire
                );
                quote! {
                    #[doc = #doc]
                    pub fn #single(&self, #arg: #ty) -> #child_handle {
                        #child_handle::new(self.client.clone(), #(#args,)* #value)
                    }
                }
            });
            let collection_accessor = child.has_collection(&product.resources).then(|| {
                quote! {
                    #[doc = #doc]
                    #[inline]
                    pub fn #accessor(&self) -> #collection {
                        #collection::new(self.client.clone(), #(#args),*)
                    }
                }
            });
            quote! {
                #collection_accessor
                #handle
            }
        })
        .collect()
}

/// Values a handle of `parent` passes to a child's collection handle, in the child's bound
/// order: the parent's bound parameters, and for a child below one instance the parent's own.
fn child_handle_args(parent: &Resource, child: &Resource) -> Vec<TokenStream> {
    child
        .bound
        .iter()
        .map(|b| {
            let (field, defaulted_here) = match (parent.bound.iter().find(|p| p.wire == b.wire), &parent.own) {
                (Some(p), _) => (ident(&p.rust), p.defaulted),
                (None, Some(own)) => (ident(&own.rust), false),
                (None, None) => unreachable!("resolve checks that a child adds a parameter only below an instance"),
            };
            if b.defaulted && !defaulted_here {
                quote!(Some(self.#field.clone()))
            } else {
                quote!(self.#field.clone())
            }
        })
        .collect()
}

/// The path parameters a builder starts with, in the path's order: the handle's bound ones
/// (the client's account where the handle leaves it open) and the method's arguments.
fn path_values(product: &Product, r: &Resource, m: &Method) -> TokenStream {
    let values: Vec<TokenStream> = m
        .path
        .params
        .iter()
        .map(|wire| {
            if let Some(bound) = r.bound.iter().find(|b| &b.wire == wire) {
                let f = ident(&bound.rust);
                if bound.defaulted {
                    quote!(self.client.account_sid_or(&self.#f).to_owned())
                } else {
                    quote!(self.#f.clone())
                }
            } else {
                let arg = m
                    .path_args
                    .iter()
                    .find(|p| &p.wire == wire)
                    .expect("resolve checks that every path parameter is bound or passed");
                path_argument(product, arg).1
            }
        })
        .collect();
    quote!([#(#values),*])
}

/// Constructor arguments (path arguments, then required params), each path argument turned
/// into its `String` first, and the setter calls for required params.
fn constructor_args(product: &Product, m: &Method) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    for p in &m.path_args {
        let f = ident(&p.rust);
        let (ty, _) = path_argument(product, p);
        args.push(quote!(#f: #ty));
    }
    let mut sets = Vec::new();
    for p in m.params.iter().filter(|p| p.required) {
        let f = ident(&p.rust);
        match &p.ty {
            // A required list is one argument holding every value: anything iterable.
            Ty::List(inner) => {
                let (wire, location) = (&p.wire, location_ident(p.location));
                let redact = p.sensitive.then(|| quote!(.redact(#wire)));
                if **inner == Ty::String {
                    args.push(quote!(#f: impl IntoIterator<Item = impl Into<String>>));
                    sets.push(quote!(.add_texts(In::#location, #wire, #f) #redact));
                } else {
                    let item = value_type(product, inner);
                    args.push(quote!(#f: impl IntoIterator<Item = #item>));
                    sets.push(quote!(.add_all(In::#location, #wire, #f) #redact));
                }
            }
            other => {
                let (ty, _) = argument_type(product, other);
                args.push(quote!(#f: #ty));
                sets.push(set_call(product, p, &f));
            }
        }
    }
    (args, sets)
}

/// `Form` for `In::Form`.
fn location_ident(location: Location) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        match location {
            Location::Query => "Query",
            Location::Form => "Form",
            Location::Json => "Json",
            Location::Body => "Body",
            Location::Header => "Header",
        }
    )
}

/// `.set(In::Form, "Body", value.into())` (or `add`, `insert` for lists and maps), plus
/// `.redact("Body")` for a sensitive parameter: how a setter or constructor stores `value`.
fn set_call(product: &Product, p: &Param, value: &proc_macro2::Ident) -> TokenStream {
    let wire = &p.wire;
    let location = location_ident(p.location);
    let converted = |ty: &Ty| match argument_type(product, ty).1 {
        Conversion::Into => quote!(#value.into()),
        Conversion::None => quote!(#value),
    };
    let call = match &p.ty {
        Ty::List(inner) => {
            let v = converted(inner);
            quote!(.add(In::#location, #wire, #v))
        }
        Ty::PrefixedMap(_) => quote!(.insert(In::#location, #wire, key, #value)),
        other => {
            let v = converted(other);
            quote!(.set(In::#location, #wire, #v))
        }
    };
    let redact = p.sensitive.then(|| quote!(.redact(#wire)));
    quote!(#call #redact)
}

enum Conversion {
    Into,
    None,
}

/// Whether the constructor of `m` takes an `impl …` argument (and is generic).
fn generic_args(product: &Product, m: &Method) -> bool {
    m.path_args.iter().any(|p| p.ty == Ty::String)
        || m.params.iter().any(|p| {
            p.required && (matches!(p.ty, Ty::List(_)) || matches!(argument_type(product, &p.ty).1, Conversion::Into))
        })
}

/// The type a caller passes for a value, and whether it is converted with `.into()`.
fn argument_type(product: &Product, ty: &Ty) -> (TokenStream, Conversion) {
    match ty {
        Ty::String => (quote!(impl Into<String>), Conversion::Into),
        Ty::DateTime => (quote!(impl Into<DateTime<Utc>>), Conversion::Into),
        // One of several inputs: any of them, converted.
        Ty::Object(i) if product.objects[*i].union.is_some() => {
            let ty = value_type(product, ty);
            (quote!(impl Into<#ty>), Conversion::Into)
        }
        other => (value_type(product, other), Conversion::None),
    }
}

fn method_doc(r: &Resource, m: &Method) -> String {
    let noun = r.name.replace('_', " ");
    let verb = match m.kind {
        MethodKind::Create => format!("Creates a {noun}."),
        MethodKind::Fetch => format!("Fetches one {noun}."),
        MethodKind::Update => format!("Updates one {noun}."),
        MethodKind::Delete => format!("Deletes one {noun}."),
        MethodKind::List => format!("Lists {}.", r.plural.replace('_', " ")),
        MethodKind::Action => format!("The `{}` action on {noun}.", m.name),
    };
    let mut request_line = format!("`{} {}`", m.http.as_str(), m.path.raw);
    let required: Vec<String> = m
        .path_args
        .iter()
        .map(|p| format!("`{}`", p.rust))
        .chain(
            m.params
                .iter()
                .filter(|p| p.required)
                .map(|p| format!("`{}` (`{}`)", p.rust, p.wire)),
        )
        .collect();
    if !required.is_empty() {
        request_line.push_str(&format!(", arguments {}", required.join(", ")));
    }
    let mut facts = vec![format!("{request_line}.")];
    if m.returns == Returns::Page {
        facts.push(format!("Pages hold up to {} records (`page_size`).", m.page_size_max));
    }
    for g in &m.groups {
        let names: Vec<String> = g.members.iter().map(|&i| format!("`{}`", m.params[i].rust)).collect();
        let rule = if g.exclusive { "exactly one" } else { "at least one" };
        facts.push(format!("Group `{}`: set {rule} of {}.", g.name, names.join(", ")));
    }
    if m.deprecated {
        facts.push("Deprecated by Twilio.".to_owned());
    }
    // The spec's own sentence, when there is one, replaces the generic summary.
    docs::join(Some(m.doc.as_deref().unwrap_or(&verb)), &facts)
}

/// The request builder of one method: an alias of the runtime's `RequestBuilder` for the
/// method's marker type (see [`operations`]), and the setters of its optional parameters.
fn builder(product: &Product, r: &Resource, m: &Method) -> TokenStream {
    let name = ident(&m.builder);
    let doc = format!(
        " The request [`{}::{}`] builds; send it with `.send()` or `.await`.",
        r.collection, m.name
    );
    let setters: Vec<TokenStream> = m
        .params
        .iter()
        .filter(|p| !p.required)
        .map(|p| setter(product, p))
        .collect();
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl #name {
                #(#setters)*
            }
        }
    });
    quote! {
        #[doc = #doc]
        pub type #name = RequestBuilder<operations::#name>;

        #setters
    }
}

/// `<version>/operations.rs`: one marker type per method of the version, with the facts its
/// requests are built from. The markers only parameterise `RequestBuilder`; users name the
/// aliases in the resource modules.
pub fn operations(product: &Product) -> TokenStream {
    let markers = product
        .resources
        .iter()
        .flat_map(|r| r.methods.iter().map(move |m| operation_marker(product, r, m)));
    let doc = format!(
        " The operations of {} {}: what each request builder sends and what its answer decodes into.",
        product.product, product.version
    );
    quote! {
        #![doc = #doc]
        #(#markers)*
    }
}

fn operation_marker(product: &Product, r: &Resource, m: &Method) -> TokenStream {
    let name = ident(&m.builder);
    let operation = format!("{}.{}.{}.{}", product.product, product.version, r.name, m.name);
    let doc = format!(" `{operation}`: `{} {}`.", m.http.as_str(), m.path.raw);
    let model = ident(&r.rust);
    let output = match m.returns {
        Returns::Model => quote!(#model),
        Returns::Nothing => quote!(()),
        Returns::Page => quote!(Page<#model>),
    };
    let method = format_ident!(
        "{}",
        match m.http {
            Http::Get => "Get",
            Http::Post => "Post",
            Http::Put => "Put",
            Http::Patch => "Patch",
            Http::Delete => "Delete",
        }
    );
    let (template, pieces) = (&m.path.raw, &m.path.literals);
    // What differs from `Operation::new`'s defaults, as fields of a struct update.
    let mut facts = Vec::new();
    if m.returns == Returns::Page {
        let (records, max) = (&m.records_key, Literal::u32_unsuffixed(m.page_size_max));
        facts.push(quote!(records: #records));
        facts.push(quote!(max_page_size: #max));
    }
    if m.json_body {
        facts.push(quote!(json_body: true));
    }
    if m.redirect {
        facts.push(quote!(accepts_redirect: true));
    }
    if let Some(media) = &m.accept {
        facts.push(quote!(accept: #media));
    }
    if let Some(p) = m.paging {
        let dialect = paging_variant(p);
        facts.push(quote!(paging: Some(Paging::#dialect)));
    }
    if !m.groups.is_empty() {
        let groups = m.groups.iter().map(|g| {
            let (group, exclusive) = (&g.name, g.exclusive);
            let members = g.members.iter().map(|&i| {
                let (rust, wire) = (&m.params[i].rust, &m.params[i].wire);
                quote!((#rust, #wire))
            });
            quote!(Group { name: #group, exclusive: #exclusive, members: &[#(#members),*] })
        });
        facts.push(quote!(groups: &[#(#groups),*]));
    }
    let new = quote!(Operation::new(&PRODUCT, #operation, Method::#method, #template, &[#(#pieces),*]));
    let value = if facts.is_empty() {
        new
    } else {
        quote!(Operation { #(#facts,)* ..#new })
    };
    quote! {
        #[doc = #doc]
        pub enum #name {}

        impl Endpoint for #name {
            type Output = #output;
            const OPERATION: &'static Operation = &#value;
        }
    }
}

fn setter(product: &Product, p: &Param) -> TokenStream {
    let f = ident(&p.rust);
    let doc = docs::attrs(&docs::join(p.doc.as_deref(), &[docs::param_facts(product, p)]));
    let deprecated = p.deprecated.then(|| quote!(#[deprecated]));
    let value = format_ident!("value");
    let store = set_call(product, p, &value);
    let (signature, generic) = match &p.ty {
        Ty::List(inner) => {
            let (ty, conv) = argument_type(product, inner);
            (quote!(value: #ty), matches!(conv, Conversion::Into))
        }
        Ty::PrefixedMap(_) => (quote!(key: impl Into<String>, value: impl Into<String>), true),
        other => {
            let (ty, conv) = argument_type(product, other);
            (quote!(value: #ty), matches!(conv, Conversion::Into))
        }
    };
    let inline = (!generic).then(|| quote!(#[inline]));
    quote! {
        #doc
        #deprecated
        #inline
        pub fn #f(self, #signature) -> Self {
            self #store
        }
    }
}
