//! TwiML descriptions → builder modules.
//!
//! Per element: a struct holding its attributes (as wire text, in declaration order, through the
//! runtime's `Attrs`), its text and its children; a constructor (taking the text when it is
//! required); one concrete setter per attribute; `child` plus one method per allowed child; and
//! `Element::write_xml`. Per element with children: a child enum with `From` impls, so that only
//! allowed children convert. The root also implements `Document` and `Display`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{Attribute, Description, Element, Text, MODULE};
use crate::emit::docs::{self, prose};
use crate::emit::enums::enum_item;
use crate::emit::types::ident;
use crate::emit::types::value_type_in;
use crate::emit::{self_contained_file, OutputFile, GENERATED_DIR};
use crate::model::Ty;

/// Method names clippy expects to belong to a std operator trait (`clippy::should_implement_trait`).
const STD_OPERATOR_METHODS: &[&str] = &[
    "add",
    "sub",
    "mul",
    "div",
    "rem",
    "neg",
    "not",
    "shl",
    "shr",
    "bitand",
    "bitor",
    "bitxor",
    "next",
    "hash",
    "borrow",
    "deref",
    "drop",
    "eq",
    "cmp",
    "from_str",
    "index",
    "into_iter",
];

/// Every file of the builder module: `mod.rs` and one file per description.
pub fn files(descriptions: &[Description]) -> Result<Vec<OutputFile>, String> {
    if descriptions.is_empty() {
        return Ok(Vec::new());
    }
    let dir = format!("{GENERATED_DIR}/{MODULE}");
    let mut out = Vec::new();
    let sources: Vec<&str> = descriptions.iter().map(|d| d.file.as_str()).collect();
    out.push(self_contained_file(
        format!("{dir}/mod.rs"),
        &sources.join(", "),
        root_module(descriptions),
    )?);
    for d in descriptions {
        out.push(self_contained_file(
            format!("{dir}/{}.rs", d.module),
            &d.file,
            module(d),
        )?);
    }
    Ok(out)
}

fn root_module(descriptions: &[Description]) -> TokenStream {
    let mods = descriptions.iter().map(|d| {
        let name = ident(&d.module);
        let root = &d.elements[d.root].rust;
        let doc = format!(" `{root}` and the elements it may contain.");
        quote! {
            #[doc = #doc]
            pub mod #name;
        }
    });
    quote! {
        //! TwiML builders generated from `spec/twiml/`, re-exported by `twilio::twiml`.
        #![doc(hidden)]
        #(#mods)*
    }
}

fn module(d: &Description) -> TokenStream {
    let mut head = Vec::new();
    if let Some(doc) = &d.doc {
        head.push(prose(doc));
    }
    let root = &d.elements[d.root];
    // Full paths: rustdoc shows this module where `twilio::twiml` re-exports it.
    let path = format!("crate::twiml::{}::{}", d.module, root.rust);
    head.push(format!(
        "The document is [`{root}`]({path}); build it, then serve [`{root}::to_xml`]({path}::to_xml) \
         with the content type `text/xml`.",
        root = root.rust,
    ));
    if let Some(docs) = &d.docs {
        head.push(format!("Twilio's documentation: <{docs}>"));
    }
    let head = head.join("\n\n");
    let lines = head.lines().map(|l| format!(" {l}").trim_end().to_owned());
    let enums = d.enums.iter().map(enum_item);
    let elements = d.elements.iter().enumerate().map(|(i, e)| element(d, e, i == d.root));
    quote! {
        #(#![doc = #lines])*
        #(#enums)*
        #(#elements)*
    }
}

/// A list of elements as rustdoc links: [`Say`], [`Play`].
fn links(d: &Description, indexes: &[usize]) -> String {
    indexes
        .iter()
        .map(|i| format!("[`{}`]", d.elements[*i].rust))
        .collect::<Vec<_>>()
        .join(", ")
}

fn element(d: &Description, e: &Element, is_root: bool) -> TokenStream {
    let name = ident(&e.rust);
    let wire = &e.wire;
    let tag = format!("`<{wire}>`");

    // Struct docs: prose, then facts.
    let mut parts = Vec::new();
    parts.push(match &e.doc {
        Some(doc) => format!("TwiML {tag}: {}", prose(doc)),
        None => format!("TwiML {tag}."),
    });
    let text_fact = e.text_doc.as_deref().map(prose);
    let how = match e.text {
        Text::None => None,
        Text::Optional => Some(format!("optional, set with [`{}::text`]", e.rust)),
        Text::Required => Some(format!("given to [`{}::new`]", e.rust)),
        Text::Mixed => Some(format!(
            "given to [`{0}::new`], more with [`{0}::text`]; text and children are written in the order \
             they are added",
            e.rust
        )),
    };
    if let Some(how) = how {
        parts.push(match &text_fact {
            Some(t) => format!("Text ({how}): {t}"),
            None => format!("Text ({how})."),
        });
    }
    if !e.children.is_empty() {
        parts.push(format!(
            "Children: {} (add them with [`{}::child`] or the method named after each).",
            links(d, &e.children),
            e.rust
        ));
    }
    if let Some(docs) = &e.docs {
        parts.push(format!("Twilio's documentation: <{docs}>"));
    }
    let struct_doc = docs::attrs(&parts.join("\n\n"));

    let child_ty = if e.has_child_enum() {
        let c = ident(&e.child_enum());
        quote!(#c)
    } else {
        quote!(crate::twiml::Raw)
    };
    let text_field = match e.text {
        Text::Optional => Some(quote!(text: Option<String>,)),
        Text::Required => Some(quote!(text: String,)),
        Text::None | Text::Mixed => None,
    };
    let default = (e.text != Text::Required).then(|| quote!(Default,));

    let text_doc_suffix = text_fact
        .as_deref()
        .map_or(String::new(), |t| format!("\n\nThe text: {t}"));
    let constructor = match e.text {
        Text::Required => {
            let doc = docs::attrs(&format!("A {tag} with its text.{text_doc_suffix}"));
            quote! {
                #doc
                #[inline]
                pub fn new(text: impl Into<String>) -> Self {
                    Self {
                        attrs: Default::default(),
                        text: text.into(),
                        children: Vec::new(),
                    }
                }
            }
        }
        Text::Mixed => {
            let doc = docs::attrs(&format!(
                "A {tag} starting with `text` (which may be empty).{text_doc_suffix}"
            ));
            quote! {
                #doc
                #[inline]
                pub fn new(text: impl Into<String>) -> Self {
                    Self::default().text(text)
                }
            }
        }
        Text::None | Text::Optional => {
            let doc = format!(" An empty {tag}.");
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn new() -> Self {
                    Self::default()
                }
            }
        }
    };
    let text_method = match e.text {
        Text::Optional => {
            let doc = docs::attrs(&format!("Sets the text content.{text_doc_suffix}"));
            Some(quote! {
                #doc
                #[inline]
                pub fn text(mut self, text: impl Into<String>) -> Self {
                    self.text = Some(text.into());
                    self
                }
            })
        }
        Text::Mixed => {
            let c = ident(&e.child_enum());
            Some(quote! {
                /// Appends text after the children added so far (empty text adds nothing).
                #[inline]
                pub fn text(mut self, text: impl Into<String>) -> Self {
                    let text = text.into();
                    if !text.is_empty() {
                        self.children.push(#c::Text(text));
                    }
                    self
                }
            })
        }
        Text::None | Text::Required => None,
    };

    let setters = e.attrs.iter().enumerate().map(|(rank, a)| setter(d, rank, a));

    let child_method = if e.has_child_enum() {
        let doc = format!(
            " Appends a child: {}{}, or a [`crate::twiml::Raw`] element.",
            if e.children.is_empty() {
                String::new()
            } else {
                links(d, &e.children)
            },
            if e.text == Text::Mixed { ", text" } else { "" },
        );
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn child(mut self, child: impl Into<#child_ty>) -> Self {
                self.children.push(child.into());
                self
            }
        }
    } else {
        quote! {
            /// Appends an element TwiML does not define here (the escape hatch: this element has
            /// no children of its own).
            #[inline]
            pub fn child(mut self, child: crate::twiml::Raw) -> Self {
                self.children.push(child);
                self
            }
        }
    };
    let adders = e.children.iter().map(|i| {
        let c = &d.elements[*i];
        let method = ident(&c.add_method);
        let ty = ident(&c.rust);
        let doc = format!(" Appends a [`{}`] (`<{}>`).", c.rust, c.wire);
        // SSML's `<sub>` gives a method named like `Sub::sub`; it appends, as its siblings do.
        let allow = STD_OPERATOR_METHODS
            .contains(&c.add_method.as_str())
            .then(|| quote!(#[allow(clippy::should_implement_trait)]));
        quote! {
            #[doc = #doc]
            #allow
            #[inline]
            pub fn #method(self, child: #ty) -> Self {
                self.child(child)
            }
        }
    });

    let text_arg = match e.text {
        Text::Required => quote!(Some(self.text.as_str())),
        Text::Optional => quote!(self.text.as_deref()),
        Text::None | Text::Mixed => quote!(None),
    };

    let root_items = is_root.then(|| {
        quote! {
            impl crate::twiml::Document for #name {}

            impl fmt::Display for #name {
                /// The document as XML text, with the XML declaration (as [`Self::to_xml`]).
                #[inline]
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(&crate::twiml::Document::to_xml(self))
                }
            }
        }
    });
    let to_xml = is_root.then(|| {
        quote! {
            /// The document as XML text, starting with `<?xml version="1.0" encoding="UTF-8"?>`.
            #[inline]
            pub fn to_xml(&self) -> String {
                crate::twiml::Document::to_xml(self)
            }
        }
    });

    let child_enum = e.has_child_enum().then(|| child_enum(d, e));

    quote! {
        #struct_doc
        #[derive(Clone, Debug, #default PartialEq, Eq)]
        pub struct #name {
            attrs: crate::twiml::Attrs,
            #text_field
            children: Vec<#child_ty>,
        }

        impl #name {
            #constructor
            #text_method
            #(#setters)*
            #child_method
            #(#adders)*

            /// Sets an attribute by name, for attributes this crate does not know (a known name
            /// replaces that attribute's value).
            #[inline]
            pub fn attr(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.attrs.set_custom(name.into(), value.into());
                self
            }

            #to_xml
        }

        impl crate::twiml::Element for #name {
            #[inline]
            fn write_xml(&self, out: &mut crate::twiml::XmlWriter) {
                out.element(#wire, &self.attrs, #text_arg, &self.children);
            }
        }

        #root_items
        #child_enum
    }
}

fn type_fact(d: &Description, ty: &Ty) -> Option<String> {
    match ty {
        Ty::Enum(i) => Some(format!(
            "Values: {}.",
            d.enums[*i]
                .variants
                .iter()
                .map(|v| format!("`{}`", v.wire))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Ty::List(inner) => type_fact(d, inner),
        _ => None,
    }
}

fn setter(d: &Description, rank: usize, a: &Attribute) -> TokenStream {
    let method = ident(&a.rust);
    let wire = &a.wire;
    let rank = proc_macro2::Literal::u16_unsuffixed(u16::try_from(rank).unwrap_or(u16::MAX - 1));
    let mut parts = Vec::new();
    if let Some(doc) = &a.doc {
        parts.push(prose(doc));
    }
    let mut fact = format!("Sets `{wire}` (`{}`", a.spec_type);
    if matches!(a.ty, Ty::List(_)) {
        fact.push_str(", written space-separated");
    }
    fact.push_str(").");
    if let Some(values) = type_fact(d, &a.ty) {
        fact.push(' ');
        fact.push_str(&values);
    }
    parts.push(fact);
    let doc = docs::attrs(&parts.join("\n\n"));
    let deprecated = a.deprecated.then(|| quote!(#[deprecated]));
    let (param, value) = match &a.ty {
        Ty::String => (quote!(impl Into<String>), quote!(value.into())),
        Ty::List(inner) if **inner == Ty::String => (quote!(&[&str]), quote!(value.join(" "))),
        Ty::List(inner) => {
            let inner = value_type_in(inner, &d.enums, &[]);
            (quote!(&[#inner]), quote!(crate::twiml::words(value)))
        }
        other => {
            let ty = value_type_in(other, &d.enums, &[]);
            (ty, quote!(crate::twiml::wire(&value)))
        }
    };
    quote! {
        #doc
        #deprecated
        #[inline]
        pub fn #method(mut self, value: #param) -> Self {
            self.attrs.set(#rank, #wire, #value);
            self
        }
    }
}

fn child_enum(d: &Description, e: &Element) -> TokenStream {
    let name = ident(&e.child_enum());
    let variants: Vec<Ident> = e.children.iter().map(|i| ident(&d.elements[*i].rust)).collect();
    let variant_docs: Vec<String> = e
        .children
        .iter()
        .map(|i| format!(" `<{}>`", d.elements[*i].wire))
        .collect();
    let doc = format!(
        " What a [`{}`] may contain; anything that converts into it can be passed to [`{}::child`].",
        e.rust, e.rust
    );
    let (text_variant, text_write) = if e.text == Text::Mixed {
        (
            Some(quote! {
                /// Text between child elements.
                Text(String),
            }),
            Some(quote!(Self::Text(text) => out.text(text),)),
        )
    } else {
        (None, None)
    };
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants(#variants),)*
            #text_variant
            /// Any element, see [`crate::twiml::Raw`].
            Raw(crate::twiml::Raw),
        }

        #(
            impl From<#variants> for #name {
                #[inline]
                fn from(child: #variants) -> Self {
                    Self::#variants(child)
                }
            }
        )*

        impl From<crate::twiml::Raw> for #name {
            #[inline]
            fn from(child: crate::twiml::Raw) -> Self {
                Self::Raw(child)
            }
        }

        impl crate::twiml::Element for #name {
            #[inline]
            fn write_xml(&self, out: &mut crate::twiml::XmlWriter) {
                match self {
                    #(Self::#variants(child) => crate::twiml::Element::write_xml(child, out),)*
                    #text_write
                    Self::Raw(child) => crate::twiml::Element::write_xml(child, out),
                }
            }
        }
    }
}
