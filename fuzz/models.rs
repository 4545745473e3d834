//! What the `response_models` target decodes, read from the spec: every response model of the
//! generated crate and every list operation's page. `build.rs` writes the target's dispatch from
//! it and `cargo xtask fuzz` its seed corpus (`#[path]`-included there), so both number the
//! entries alike and a seed's selector picks the model its example body belongs to.

use twilio_codegen::model::{Product, Returns};
use twilio_codegen::naming::escape_keyword;

/// One type the target decodes bodies into.
pub struct Entry {
    /// Index of its product version in the products given to [`entries`].
    pub product: usize,
    /// Rust name of the model in its version module.
    pub model: String,
    pub kind: Kind,
}

pub enum Kind {
    /// The model of resource `i` (what fetch, create, update and actions return).
    Resource(usize),
    /// Nested response object `i`.
    Object(usize),
    /// A page of the model's records under `records_key`, as the list methods `(resource,
    /// method)` return it.
    Page {
        records_key: String,
        methods: Vec<(usize, usize)>,
    },
}

/// Every entry, in product order (the order `load_dir` gives), then resources, objects, pages.
pub fn entries(products: &[Product]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (p, product) in products.iter().enumerate() {
        for (r, resource) in product.resources.iter().enumerate() {
            // The emitter writes a model struct only for resources with fields.
            if !resource.fields.is_empty() {
                entries.push(Entry {
                    product: p,
                    model: resource.rust.clone(),
                    kind: Kind::Resource(r),
                });
            }
        }
        for (o, object) in product.objects.iter().enumerate() {
            // Input objects are built by callers and sent, never decoded.
            if !object.input {
                entries.push(Entry {
                    product: p,
                    model: object.rust.clone(),
                    kind: Kind::Object(o),
                });
            }
        }
        let first_page = entries.len();
        for (r, resource) in product.resources.iter().enumerate() {
            for (m, method) in resource.methods.iter().enumerate() {
                if method.returns != Returns::Page {
                    continue;
                }
                // Several list methods (a collection and its filtered views) can share a page type.
                let same = entries[first_page..].iter_mut().find(|e| match &e.kind {
                    Kind::Page { records_key, .. } => e.model == resource.rust && *records_key == method.records_key,
                    _ => false,
                });
                match same {
                    Some(Entry {
                        kind: Kind::Page { methods, .. },
                        ..
                    }) => methods.push((r, m)),
                    _ => entries.push(Entry {
                        product: p,
                        model: resource.rust.clone(),
                        kind: Kind::Page {
                            records_key: method.records_key.clone(),
                            methods: vec![(r, m)],
                        },
                    }),
                }
            }
        }
    }
    entries
}

impl Entry {
    /// `api.v2010.Message`, or `api.v2010.Message[messages]` for a page.
    pub fn name(&self, products: &[Product]) -> String {
        let p = &products[self.product];
        match &self.kind {
            Kind::Page { records_key, .. } => format!("{}.{}.{}[{records_key}]", p.product, p.version, self.model),
            _ => format!("{}.{}.{}", p.product, p.version, self.model),
        }
    }

    /// The model's path from outside the crate: `twilio::api::v2010::Message`.
    pub fn type_path(&self, products: &[Product]) -> String {
        let p = &products[self.product];
        format!(
            "twilio::{}::{}::{}",
            escape_keyword(&p.product),
            escape_keyword(&p.version),
            escape_keyword(&self.model)
        )
    }
}
