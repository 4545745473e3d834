//! Module roots: the list of products, each product's handle, each version's handle.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, paging_variant, path_argument};
use crate::model::Product;
use crate::naming::pascal;

/// `generated/mod.rs`: one module per product, compiled only when one of its versions is enabled.
pub fn root(products: &[Product], settings: &super::Settings) -> TokenStream {
    let gated = settings.feature_gates;
    let mut names: Vec<&str> = products.iter().map(|p| p.product.as_str()).collect();
    names.dedup();
    let modules = names.iter().map(|name| {
        let features = products.iter().filter(|p| p.product == *name).map(|p| &p.feature);
        let module = ident(name);
        let features: Vec<&String> = features.collect();
        let gate = match features.as_slice() {
            _ if !gated => None,
            [one] => Some(quote!(#[cfg(feature = #one)])),
            many => Some(quote!(#[cfg(any(#(feature = #many),*))])),
        };
        quote! {
            #gate
            pub mod #module;
        }
    });
    let extras = settings.extra_modules.iter().map(|(name, feature)| {
        let module = ident(name);
        quote! {
            #[cfg(feature = #feature)]
            pub mod #module;
        }
    });
    quote! {
        //! Product modules generated from `spec/`.
        #(#modules)*
        #(#extras)*
    }
}

/// `<product>/mod.rs`: the product handle (`client.api()`) and its version modules.
pub fn product(name: &str, versions: &[&Product], gated: bool) -> TokenStream {
    let handle = ident(&pascal(name));
    let accessor = ident(name);
    let features: Vec<&String> = versions.iter().map(|v| &v.feature).collect();
    let modules = versions.iter().map(|v| {
        let feature = &v.feature;
        let module = ident(&v.version);
        let gate = gated.then(|| quote!(#[cfg(feature = #feature)]));
        quote! {
            #gate
            pub mod #module;
        }
    });
    let accessors = versions.iter().map(|v| {
        let feature = &v.feature;
        let module = ident(&v.version);
        let version_handle = ident(&pascal(&v.version));
        let doc = format!(" {} {} (`https://{}{}`).", name, v.version, v.host, v.base_path);
        let gate = gated.then(|| quote!(#[cfg(feature = #feature)]));
        quote! {
            #gate
            #[doc = #doc]
            #[inline]
            pub fn #module(&self) -> #module::#version_handle {
                #module::#version_handle::new(self.client.clone())
            }
        }
    });
    let module_doc = format!(" The `{name}` product.");
    let handle_doc =
        format!(" Entry point of the `{name}` product; get it with [`Client::{name}`](crate::Client::{name}).");
    let client_doc = format!(
        " The `{name}` product (features {}).",
        features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
    );
    quote! {
        #![doc = #module_doc]
        #(#modules)*

        #[doc = #handle_doc]
        #[derive(Clone, Debug)]
        pub struct #handle {
            client: Client,
        }

        impl #handle {
            #(#accessors)*
        }

        impl Client {
            #[doc = #client_doc]
            #[inline]
            pub fn #accessor(&self) -> #handle {
                #handle { client: self.clone() }
            }
        }
    }
}

/// `<product>/<version>/mod.rs`: product facts, module list, the version handle.
pub fn version(p: &Product) -> TokenStream {
    let handle = ident(&pascal(&p.version));
    let name = format!("{}.{}", p.product, p.version);
    let host = &p.host;
    let bearer = p.bearer_auth;
    let paging = paging_variant(p.paging);
    let mut modules = Vec::new();
    for m in ["enums", "objects"] {
        let present = if m == "enums" {
            !p.enums.is_empty()
        } else {
            !p.objects.is_empty()
        };
        if present {
            let module = ident(m);
            modules.push(quote! { mod #module; pub use #module::*; });
        }
    }
    if p.resources.iter().any(|r| !r.methods.is_empty()) {
        modules.push(quote! { mod operations; });
    }
    for r in &p.resources {
        let module = ident(&r.name);
        modules.push(quote! { mod #module; pub use #module::*; });
    }
    let accessors = p
        .resources
        .iter()
        .filter(|r| r.parent.is_none() || r.mounted_on_version)
        .map(|r| {
            let plural = ident(&r.plural);
            let collection = ident(&r.collection);
            let defaults = r.bound.iter().map(|_| quote!(None));
            let list_doc = if r.mounted_on_version {
                format!(" The {} of the client's account.", r.plural.replace('_', " "))
            } else {
                format!(" The {} collection.", r.plural.replace('_', " "))
            };
            let collection_accessor = r.has_collection(&p.resources).then(|| {
                quote! {
                    #[doc = #list_doc]
                    #[inline]
                    pub fn #plural(&self) -> #collection {
                        #collection::new(self.client.clone(), #(#defaults),*)
                    }
                }
            });
            let handle_accessor = r.has_handle(&p.resources).then(|| {
                let single = ident(&r.singular);
                let handle = ident(&r.handle);
                let own = r.own.as_ref().expect("instance handles have an instance parameter");
                let arg = ident(&own.rust);
                let doc = format!(
                    " One {} by `{}`, to reach its sub-resources.",
                    r.singular.replace('_', " "),
                    own.wire
                );
                let defaults = r.bound.iter().map(|_| quote!(None));
                let (ty, value) = path_argument(p, own);
                quote! {
                    #[doc = #doc]
                    pub fn #single(&self, #arg: #ty) -> #handle {
                        #handle::new(self.client.clone(), #(#defaults,)* #value)
                    }
                }
            });
            quote!(#collection_accessor #handle_accessor)
        });
    let mut doc = docs::join(p.doc.as_deref(), &[]);
    if let Some(url) = &p.docs {
        doc.push_str(&format!("\n\nTwilio's documentation: <{url}>"));
    }
    doc.push_str(&format!(
        "\n\nHost `{}`, paths under `{}`; cargo feature `{}`.",
        p.host, p.base_path, p.feature
    ));
    if p.bearer_auth {
        doc.push_str(
            "\n\nRequests authenticate with the client's OAuth access token \
             ([`ClientBuilder::access_token`](crate::ClientBuilder::access_token)), not its Account SID and secret.",
        );
    }
    let doc_lines = doc.lines().map(|l| format!(" {l}").trim_end().to_owned());
    let handle_doc = format!(
        " Entry point of {} {}; get it with `client.{}().{}()`.",
        p.product, p.version, p.product, p.version
    );
    quote! {
        #(#![doc = #doc_lines])*

        pub(crate) const PRODUCT: Product = Product {
            name: #name,
            host: #host,
            paging: Paging::#paging,
            bearer_auth: #bearer,
        };

        #(#modules)*

        #[doc = #handle_doc]
        #[derive(Clone, Debug)]
        pub struct #handle {
            client: Client,
        }

        impl #handle {
            #[inline]
            pub(crate) fn new(client: Client) -> Self {
                Self { client }
            }

            #(#accessors)*
        }
    }
}
