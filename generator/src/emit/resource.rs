//! One resource module: its model, its handles and one request builder per method.
//!
//! Public items come first (model, collection handle, instance handle, builders); the impls
//! a reader rarely needs (`Deserialize`, redacting `Debug`) close the file. Builders keep their
//! parameters in a runtime `Params`, filled by one `set`/`add`/`insert` call per setter
//! (`runtime/params.rs`).
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
    let builders = r.methods.iter().map(|m| Builder::new(product, r, m).tokens());
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
        let (args, inits, sets) = constructor_args(product, m);
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
                #builder {
                    client: self.client.clone(),
                    #(#fields: self.#fields.clone(),)*
                    #(#inits,)*
                    params: Params::default(),
                }
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

/// Constructor arguments (path arguments, then required params), the initialisers of the
/// builder fields for path arguments, and the setter calls for required params.
fn constructor_args(product: &Product, m: &Method) -> (Vec<TokenStream>, Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &m.path_args {
        let f = ident(&p.rust);
        let (ty, value) = path_argument(product, p);
        args.push(quote!(#f: #ty));
        inits.push(quote!(#f: #value));
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
    (args, inits, sets)
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

/// The request builder of one method: fields for the client and the path parameters, and the
/// runtime `Params` that the constructor (required parameters) and the setters fill.
struct Builder<'a> {
    product: &'a Product,
    resource: &'a Resource,
    method: &'a Method,
}

impl<'a> Builder<'a> {
    fn new(product: &'a Product, resource: &'a Resource, method: &'a Method) -> Self {
        Builder {
            product,
            resource,
            method,
        }
    }

    fn paged(&self) -> bool {
        self.method.returns == Returns::Page
    }

    /// The builder struct, its setters and `request()`, and the `impl_send!` that adds sending.
    fn tokens(&self) -> TokenStream {
        let (r, m) = (self.resource, self.method);
        let name = ident(&m.builder);
        let doc = format!(
            " The request [`{}::{}`] builds; send it with `.send()` or `.await`.",
            r.collection, m.name
        );
        let doc = quote!(#[doc = #doc]);
        let mut fields = vec![quote!(client: Client)];
        for b in &r.bound {
            let (f, t) = (ident(&b.rust), bound_type(b));
            fields.push(quote!(#f: #t));
        }
        for p in &m.path_args {
            let f = ident(&p.rust);
            fields.push(quote!(#f: String));
        }
        fields.push(quote!(params: Params));
        let setters = m.params.iter().filter(|p| !p.required).map(|p| setter(self.product, p));
        let model = ident(&r.rust);
        let send = match m.returns {
            Returns::Model => quote!(crate::impl_send!(#name => #model);),
            Returns::Nothing => quote!(crate::impl_send!(#name => ());),
            Returns::Page => {
                let records = &m.records_key;
                let max = Literal::u32_unsuffixed(m.page_size_max);
                quote!(crate::impl_send!(#name => Page<#model>, records: #records, max_page_size: #max);)
            }
        };
        let request = self.request_fn();
        quote! {
            #doc
            #[derive(Clone, Debug)]
            #[must_use = "a request does nothing until it is sent with `.send()` or `.await`"]
            pub struct #name {
                #(#fields,)*
            }

            impl #name {
                #(#setters)*

                #request
            }

            #send
        }
    }

    fn request_fn(&self) -> TokenStream {
        let (product, r, m) = (self.product, self.resource, self.method);
        let operation = format!("{}.{}.{}.{}", product.product, product.version, r.name, m.name);
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
        let pieces = &m.path.literals;
        let template = &m.path.raw;
        let mut lets = Vec::new();
        let mut values = Vec::new();
        for wire in &m.path.params {
            let param = r
                .bound
                .iter()
                .chain(&m.path_args)
                .find(|b| &b.wire == wire)
                .expect("resolve checks that every path parameter is bound or passed");
            let f = ident(&param.rust);
            let is_bound = r.bound.iter().any(|b| &b.wire == wire);
            if param.defaulted && is_bound {
                lets.push(quote!(let #f = self.client.account_sid_or(&self.#f);));
                values.push(quote!(#f));
            } else {
                values.push(quote!(&self.#f));
            }
        }
        let groups = m.groups.iter().map(|g| {
            let name = &g.name;
            let members = g.members.iter().map(|&i| {
                let (rust, wire) = (&m.params[i].rust, &m.params[i].wire);
                quote!((#rust, #wire))
            });
            let check = if g.exclusive {
                quote!(require_one_of)
            } else {
                quote!(require_any_of)
            };
            quote!(request.#check(#name, &[#(#members),*])?;)
        });
        let json = m.json_body.then(|| quote!(request.json_body();));
        let redirect = m.redirect.then(|| quote!(request.accept_redirect();));
        let accept = m.accept.as_ref().map(|media| quote!(request.accept(#media);));
        let paging = m.paging.map(|p| {
            let dialect = paging_variant(p);
            quote!(request.paging(Paging::#dialect);)
        });
        let page_size = self.paged().then(|| {
            let max = Literal::u32_unsuffixed(m.page_size_max);
            quote!(request.page_size(#max);)
        });
        let new = quote!(Request::new(&OPERATION, &[#(#values),*], &mut self.params));
        let plain = m.groups.is_empty()
            && !m.json_body
            && !m.redirect
            && m.accept.is_none()
            && m.paging.is_none()
            && !self.paged();
        let mutable = (m.json_body || m.redirect || m.accept.is_some() || m.paging.is_some() || self.paged())
            .then(|| quote!(mut));
        let body = if plain {
            quote! {
                #(#lets)*
                Ok(#new)
            }
        } else {
            quote! {
                #(#lets)*
                let #mutable request = #new;
                #(#groups)*
                #json
                #redirect
                #accept
                #paging
                #page_size
                Ok(request)
            }
        };
        quote! {
            #[inline]
            fn request(&mut self) -> Result<Request, Error> {
                static OPERATION: Operation = Operation {
                    product: &PRODUCT,
                    name: #operation,
                    method: Method::#method,
                    path: #template,
                    pieces: &[#(#pieces),*],
                };
                #body
            }
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
