//! One resource module: its model, its handles and one request builder per method.
//!
//! Every generated method is `#[inline]`: rustc then generates machine code for it only in the
//! crates that call it, so users pay code generation for the operations they use, not for the
//! whole product (BENCHMARKS.md has the measurement).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::enums::{redacting_debug, response_struct};
use super::types::{ident, value_type};
use crate::model::*;

pub fn resource(product: &Product, index: usize) -> TokenStream {
    let r = &product.resources[index];
    let mut facts = Vec::new();
    if let Some(url) = &r.docs {
        facts.push(format!("Twilio's documentation: <{url}>"));
    }
    let module_doc = format!(" The {} resource of {} {}.", r.name, product.product, product.version);
    let model = (!r.fields.is_empty()).then(|| {
        let doc = docs::join(r.doc.as_deref(), &facts);
        response_struct(product, &r.rust, &doc, &r.fields)
    });
    let list = list_handle(product, r);
    let context = r.has_context().then(|| context_handle(product, r));
    let builders = r.methods.iter().map(|m| builder(product, r, m));
    quote! {
        #![doc = #module_doc]
        #model
        #list
        #context
        #(#builders)*
    }
}

/// Type of a handle field for a bound path parameter.
fn bound_type(p: &PathParam) -> TokenStream {
    if p.defaulted {
        quote!(::std::option::Option<::std::string::String>)
    } else {
        quote!(::std::string::String)
    }
}

fn list_handle(product: &Product, r: &Resource) -> TokenStream {
    let name = ident(&r.list_type());
    let fields: Vec<_> = r.bound.iter().map(|b| ident(&b.rust)).collect();
    let types: Vec<_> = r.bound.iter().map(bound_type).collect();
    let doc = format!(
        " The {} collection: entry point for its operations. Get one from the parent handle's `{}()`.",
        r.name, r.plural
    );
    let methods = r.methods.iter().map(|m| {
        let method = ident(&m.name);
        let builder = ident(&m.builder);
        let (args, inits) = constructor_args(product, m);
        let summary = docs::attrs(&method_doc(product, r, m));
        let deprecated = m.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #summary
            #deprecated
            #[inline]
            pub fn #method(&self, #(#args),*) -> #builder {
                #builder {
                    client: self.client.clone(),
                    #(#fields: self.#fields.clone(),)*
                    #(#inits,)*
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            client: crate::Client,
            #(#fields: #types,)*
        }

        impl #name {
            #[inline]
            pub(crate) fn new(client: crate::Client, #(#fields: #types),*) -> Self {
                Self { client, #(#fields),* }
            }

            #(#methods)*
        }
    }
}

fn context_handle(product: &Product, r: &Resource) -> TokenStream {
    let name = ident(&r.context_type());
    let own = r
        .own
        .as_ref()
        .expect("resolve checks that parents have an instance parameter");
    let mut fields: Vec<_> = r.bound.iter().map(|b| ident(&b.rust)).collect();
    let mut types: Vec<_> = r.bound.iter().map(bound_type).collect();
    fields.push(ident(&own.rust));
    types.push(quote!(::std::string::String));
    let doc = format!(" One {} (`{{{}}}`), to reach its sub-resources.", r.name, own.wire);
    let accessors =
        r.children.iter().map(|&c| {
            let child = &product.resources[c];
            let accessor = ident(&child.plural);
            let child_list = ident(&child.list_type());
            let args = child_handle_args(r, child);
            let doc = format!(" The {} of this {}.", child.plural.replace('_', " "), r.name);
            let context = child.has_context().then(|| {
            let single = ident(&child.name);
            let child_context = ident(&child.context_type());
            let own = child.own.as_ref().expect("contexts have an instance parameter");
            let arg = ident(&own.rust);
            let doc = format!(" One {} of this {}, by `{}`.", child.name.replace('_', " "), r.name, own.wire);
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #single(&self, #arg: impl ::std::convert::Into<::std::string::String>) -> super::#child_context {
                    super::#child_context::new(self.client.clone(), #(#args,)* #arg.into())
                }
            }
        });
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #accessor(&self) -> super::#child_list {
                    super::#child_list::new(self.client.clone(), #(#args),*)
                }
                #context
            }
        });
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct #name {
            client: crate::Client,
            #(#fields: #types,)*
        }

        impl #name {
            #[inline]
            pub(crate) fn new(client: crate::Client, #(#fields: #types),*) -> Self {
                Self { client, #(#fields),* }
            }

            #(#accessors)*
        }
    }
}

/// Values a parent context passes to a child's list handle, in the child's bound order.
fn child_handle_args(parent: &Resource, child: &Resource) -> Vec<TokenStream> {
    let own = parent.own.as_ref().expect("parents have an instance parameter");
    child
        .bound
        .iter()
        .map(|b| match parent.bound.iter().find(|p| p.wire == b.wire) {
            Some(p) => {
                let f = ident(&p.rust);
                match (p.defaulted, b.defaulted) {
                    (false, true) => quote!(::std::option::Option::Some(self.#f.clone())),
                    _ => quote!(self.#f.clone()),
                }
            }
            None => {
                let f = ident(&own.rust);
                if b.defaulted {
                    quote!(::std::option::Option::Some(self.#f.clone()))
                } else {
                    quote!(self.#f.clone())
                }
            }
        })
        .collect()
}

/// Constructor arguments (path arguments, then required params) and the builder field
/// initialisers for every field except the client and bound parameters.
fn constructor_args(product: &Product, m: &Method) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &m.path_args {
        let f = ident(&p.rust);
        args.push(quote!(#f: impl ::std::convert::Into<::std::string::String>));
        inits.push(quote!(#f: #f.into()));
    }
    for p in &m.params {
        let f = ident(&p.rust);
        if p.required {
            let (ty, conv) = argument_type(product, &p.ty);
            args.push(quote!(#f: #ty));
            inits.push(quote!(#f: #f #conv));
        } else {
            inits.push(match p.ty {
                Ty::List(_) => quote!(#f: ::std::vec::Vec::new()),
                Ty::PrefixedMap(_) => quote!(#f: ::std::collections::BTreeMap::new()),
                _ => quote!(#f: ::std::option::Option::None),
            });
        }
    }
    if m.returns == Returns::Page {
        inits.push(quote!(page_size: ::std::option::Option::None));
        inits.push(quote!(limit: ::std::option::Option::None));
    }
    (args, inits)
}

/// The type a caller passes for a value, and the conversion applied to it.
fn argument_type(product: &Product, ty: &Ty) -> (TokenStream, TokenStream) {
    match ty {
        Ty::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(.into()),
        ),
        Ty::DateTime => (
            quote!(impl ::std::convert::Into<::chrono::DateTime<::chrono::Utc>>),
            quote!(.into()),
        ),
        other => (value_type(product, other), quote!()),
    }
}

/// Storage type of a builder field.
fn field_type(product: &Product, p: &Param) -> TokenStream {
    let ty = value_type(product, &p.ty);
    match (&p.ty, p.required) {
        (Ty::List(_) | Ty::PrefixedMap(_), _) | (_, true) => ty,
        _ => quote!(::std::option::Option<#ty>),
    }
}

fn method_doc(product: &Product, r: &Resource, m: &Method) -> String {
    let verb = match m.kind {
        MethodKind::Create => format!("Creates a {}.", r.name.replace('_', " ")),
        MethodKind::Fetch => format!("Fetches one {}.", r.name.replace('_', " ")),
        MethodKind::Update => format!("Updates one {}.", r.name.replace('_', " ")),
        MethodKind::Delete => format!("Deletes one {}.", r.name.replace('_', " ")),
        MethodKind::List => format!("Lists {}.", r.plural.replace('_', " ")),
        MethodKind::Action => format!("The `{}` action on {}.", m.name, r.name.replace('_', " ")),
    };
    let mut facts = vec![format!("`{} {}`", m.http.as_str(), m.path.raw)];
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
        facts.push(format!("Arguments: {}.", required.join(", ")));
    }
    for g in &m.groups {
        let names: Vec<String> = g.members.iter().map(|&i| format!("`{}`", m.params[i].rust)).collect();
        let rule = if g.exclusive { "exactly one" } else { "at least one" };
        facts.push(format!("Group `{}`: set {rule} of {}.", g.name, names.join(", ")));
    }
    if m.deprecated {
        facts.push("Deprecated by Twilio.".to_owned());
    }
    let _ = product;
    // The spec's own sentence, when there is one, replaces the generic summary.
    match m.doc.as_deref() {
        Some(doc) => docs::join(Some(doc), &facts),
        None => docs::join(Some(&verb), &facts),
    }
}

fn builder(product: &Product, r: &Resource, m: &Method) -> TokenStream {
    let name = ident(&m.builder);
    let list_type = &r.list_type();
    let doc = format!(
        "{}\n\nBuilt by [`{list_type}::{}`]; send it with `.send()` or `.await`.",
        method_doc(product, r, m),
        m.name
    );
    let doc = docs::attrs(&doc);

    let mut fields = vec![quote!(client: crate::Client)];
    for b in &r.bound {
        let f = ident(&b.rust);
        let t = bound_type(b);
        fields.push(quote!(#f: #t));
    }
    for p in &m.path_args {
        let f = ident(&p.rust);
        fields.push(quote!(#f: ::std::string::String));
    }
    for p in &m.params {
        let f = ident(&p.rust);
        let t = field_type(product, p);
        fields.push(quote!(#f: #t));
    }
    let paged = m.returns == Returns::Page;
    if paged {
        fields.push(quote!(page_size: ::std::option::Option<u32>));
        fields.push(quote!(limit: ::std::option::Option<usize>));
    }

    let setters = m.params.iter().filter(|p| !p.required).map(|p| setter(product, p));
    let request = request_fn(product, r, m);
    let model = ident(&r.rust);
    let (output, send_body) = match m.returns {
        Returns::Model => (quote!(#model), quote!(self.client.execute(self.request()))),
        Returns::Nothing => (quote!(()), quote!(self.client.execute_empty(self.request()))),
        Returns::Page => {
            let key = &m.records_key;
            (
                quote!(crate::Page<#model>),
                quote!(crate::__private::first_page(&self.client, self.request(), #key)),
            )
        }
    };
    let paging = paged.then(|| {
        let key = &m.records_key;
        let max = m.page_size_max;
        let size_doc = format!(
            " Records per page (`PageSize`), capped at {max}. Only a request-size hint: use [`Self::limit`] to cap how many records a stream yields."
        );
        quote! {
            #[doc = #size_doc]
            #[inline]
            pub fn page_size(mut self, page_size: u32) -> Self {
                self.page_size = ::std::option::Option::Some(page_size);
                self
            }

            /// Stops a [`stream`](Self::stream) after this many records; also the default page size.
            #[inline]
            pub fn limit(mut self, limit: usize) -> Self {
                self.limit = ::std::option::Option::Some(limit);
                self
            }

            /// Every record across pages, following Twilio's next-page links lazily.
            #[inline]
            pub fn stream(self) -> crate::RecordStream<#model> {
                crate::__private::stream(&self.client, self.request(), #key, self.limit)
            }
        }
    });
    let sensitive = m.params.iter().any(|p| p.sensitive);
    let debug_derive = (!sensitive).then(|| quote!(Debug,));
    let debug_impl = sensitive.then(|| {
        let mut entries: Vec<(&str, bool)> = vec![("client", false)];
        entries.extend(r.bound.iter().map(|b| (b.rust.as_str(), false)));
        entries.extend(m.path_args.iter().map(|p| (p.rust.as_str(), false)));
        entries.extend(m.params.iter().map(|p| (p.rust.as_str(), p.sensitive)));
        redacting_debug(&m.builder, &entries)
    });
    let send_doc = if paged {
        " Fetches the first page."
    } else {
        " Sends the request."
    };
    let with_metadata = (!paged).then(|| {
        quote! {
            /// Sends the request; the body comes with the status, headers and `Twilio-Request-Id`.
            #[inline]
            pub fn send_with_metadata(self) -> crate::ResponseFuture<crate::Response<#output>> {
                self.client.execute_with_metadata(self.request())
            }
        }
    });
    quote! {
        #doc
        #[derive(Clone, #debug_derive)]
        #[must_use = "a request does nothing until it is sent with `.send()` or `.await`"]
        pub struct #name {
            #(#fields,)*
        }
        #debug_impl

        impl #name {
            #(#setters)*
            #paging

            #[doc = #send_doc]
            #[inline]
            pub fn send(self) -> crate::ResponseFuture<#output> {
                #send_body
            }

            #with_metadata

            #request
        }

        impl ::std::future::IntoFuture for #name {
            type Output = ::std::result::Result<#output, crate::Error>;
            type IntoFuture = crate::ResponseFuture<#output>;
            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

fn setter(product: &Product, p: &Param) -> TokenStream {
    let f = ident(&p.rust);
    let doc = docs::attrs(&docs::join(p.doc.as_deref(), &[docs::param_facts(product, p)]));
    let deprecated = p.deprecated.then(|| quote!(#[deprecated]));
    let body = match &p.ty {
        Ty::List(inner) => {
            let (ty, conv) = argument_type(product, inner);
            quote! {
                #[inline]
                pub fn #f(mut self, value: #ty) -> Self {
                    self.#f.push(value #conv);
                    self
                }
            }
        }
        Ty::PrefixedMap(_) => quote! {
            #[inline]
            pub fn #f(
                mut self,
                key: impl ::std::convert::Into<::std::string::String>,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.#f.insert(key.into(), value.into());
                self
            }
        },
        other => {
            let (ty, conv) = argument_type(product, other);
            quote! {
                #[inline]
                pub fn #f(mut self, value: #ty) -> Self {
                    self.#f = ::std::option::Option::Some(value #conv);
                    self
                }
            }
        }
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

fn request_fn(product: &Product, r: &Resource, m: &Method) -> TokenStream {
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
    let literals = &m.path.literals;
    let template = &m.path.raw;
    let mut lets = Vec::new();
    let mut values = Vec::new();
    for wire in &m.path.params {
        let bound = r
            .bound
            .iter()
            .chain(m.path_args.iter())
            .find(|b| &b.wire == wire)
            .expect("resolved");
        let f = ident(&bound.rust);
        let is_bound = r.bound.iter().any(|b| &b.wire == wire);
        if bound.defaulted && is_bound {
            lets.push(quote! {
                let #f = self.#f.as_deref().unwrap_or(self.client.account_sid());
            });
            values.push(quote!(#f));
        } else {
            values.push(quote!(&self.#f));
        }
    }
    let groups = m.groups.iter().map(|g| {
        let name = &g.name;
        let exclusive = g.exclusive;
        let members = g.members.iter().map(|&i| {
            let p = &m.params[i];
            let wire = &p.wire;
            let f = ident(&p.rust);
            let present = match p.ty {
                Ty::List(_) | Ty::PrefixedMap(_) => quote!(!self.#f.is_empty()),
                _ => quote!(self.#f.is_some()),
            };
            quote!((#wire, #present))
        });
        quote!(request.require_group(#name, #exclusive, &[#(#members),*])?;)
    });
    let sensitive = m.params.iter().filter(|p| p.sensitive).map(|p| {
        let wire = &p.wire;
        quote!(request.sensitive(#wire);)
    });
    let pushes = m.params.iter().map(|p| {
        let wire = &p.wire;
        let f = ident(&p.rust);
        let location = format_ident!(
            "{}",
            match p.location {
                Location::Query => "Query",
                Location::Form => "Form",
                Location::Json => "Json",
                Location::Header => "Header",
            }
        );
        match p.ty {
            Ty::PrefixedMap(_) => quote!(request.push_map(crate::__private::In::#location, #wire, &self.#f);),
            _ => quote!(request.push(crate::__private::In::#location, #wire, &self.#f);),
        }
    });
    let json = m.json_body.then(|| quote!(request.json_body();));
    let page_size = (m.returns == Returns::Page).then(|| {
        let max = m.page_size_max;
        quote!(request.page_size(self.page_size, self.limit, #max);)
    });
    let mutable = (!m.params.is_empty() || m.json_body || m.returns == Returns::Page).then(|| quote!(mut));
    quote! {
        #[inline]
        fn request(&self) -> ::std::result::Result<crate::__private::Request, crate::Error> {
            #(#lets)*
            let #mutable request = crate::__private::Request::new(
                &super::PRODUCT,
                #operation,
                crate::__private::Method::#method,
                #template,
                &[#(#literals),*],
                &[#(#values),*],
            );
            #(#groups)*
            #(#sensitive)*
            #json
            #(#pushes)*
            #page_size
            ::std::result::Result::Ok(request)
        }
    }
}
