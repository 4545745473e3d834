//! Emission: model → Rust tokens (quote) → formatted files (prettyplease).

pub(crate) mod docs;
pub(crate) mod enums;
pub(crate) mod imports;
mod inputs;
mod product;
mod resource;
mod samples;
pub(crate) mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::model::Product;

/// One generated file, with its path relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: String,
}

/// Directory (relative to the workspace root) that holds every generated module.
pub const GENERATED_DIR: &str = "generated/src/generated";

/// Choices that differ between the real crate and test fixtures.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Put each product version behind its cargo feature (off for fixture snapshots, which are
    /// compiled inside the crate's unit tests where those features do not exist).
    pub feature_gates: bool,
    /// Also emit the conformance sample calls (`tests/src/samples.rs`).
    pub samples: bool,
    /// Extra generated modules (webhook payloads, TwiML) declared in the root `mod.rs`:
    /// `(module name, cargo feature)`.
    pub extra_modules: Vec<(String, String)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            feature_gates: true,
            samples: true,
            extra_modules: Vec::new(),
        }
    }
}

/// Emits every file for the given products (sorted by product, then version).
pub fn emit(products: &[Product], settings: &Settings) -> Result<Vec<OutputFile>, String> {
    let none = BTreeMap::new();
    let mut files = Vec::new();
    files.push(file(
        format!("{GENERATED_DIR}/mod.rs"),
        "spec/",
        product::root(products, settings),
        &none,
    )?);
    let mut by_product: Vec<(&str, Vec<&Product>)> = Vec::new();
    for p in products {
        match by_product.iter_mut().find(|(name, _)| *name == p.product) {
            Some((_, versions)) => versions.push(p),
            None => by_product.push((&p.product, vec![p])),
        }
    }
    // Versions (and the samples, the largest file, first) are independent: emitted on every
    // core, then put back in order.
    let versions: Vec<Option<&Product>> = settings
        .samples
        .then_some(None)
        .into_iter()
        .chain(by_product.iter().flat_map(|(_, v)| v.iter().map(|p| Some(*p))))
        .collect();
    let mut version_files = parallel_map(&versions, |job| match job {
        Some(v) => self::version_files(v),
        None => Ok(vec![file(
            SAMPLES_FILE.to_owned(),
            "spec/",
            samples::samples(products),
            &BTreeMap::new(),
        )?]),
    })
    .into_iter();
    let samples = if settings.samples {
        version_files.next().expect("the samples come first")?
    } else {
        Vec::new()
    };
    for (name, versions) in &by_product {
        let sources: Vec<&str> = versions.iter().map(|v| v.file.as_str()).collect();
        files.push(file(
            format!("{GENERATED_DIR}/{name}/mod.rs"),
            &sources.join(", "),
            product::product(name, versions, settings.feature_gates),
            &none,
        )?);
        for _ in versions.iter() {
            files.extend(version_files.next().expect("one result per version")?);
        }
    }
    files.extend(samples);
    Ok(files)
}

/// The files of one product version: its `mod.rs`, enums, objects and one file per resource.
fn version_files(v: &Product) -> Result<Vec<OutputFile>, String> {
    let none = BTreeMap::new();
    let dir = format!("{GENERATED_DIR}/{}/{}", v.product, v.version);
    let siblings = version_names(v);
    let mut files = vec![file(format!("{dir}/mod.rs"), &v.file, product::version(v), &none)?];
    if !v.enums.is_empty() {
        files.push(file(format!("{dir}/enums.rs"), &v.file, enums::enums(v), &siblings)?);
    }
    if !v.objects.is_empty() {
        files.push(file(
            format!("{dir}/objects.rs"),
            &v.file,
            enums::objects(v),
            &siblings,
        )?);
    }
    if v.resources.iter().any(|r| !r.methods.is_empty()) {
        files.push(file(
            format!("{dir}/operations.rs"),
            &v.file,
            resource::operations(v),
            &siblings,
        )?);
    }
    for (i, r) in v.resources.iter().enumerate() {
        let path = format!("{dir}/{}.rs", r.name);
        files.push(file(path, &v.file, resource::resource(v, i), &siblings)?);
    }
    Ok(files)
}

/// `f` applied to every item on as many threads as there are cores, results in item order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // A panic in the emitter stays a panic, as it would be on one thread.
            let done = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (i, result) in done {
                results[i] = Some(result);
            }
        }
    });
    results.into_iter().map(|r| r.expect("every item was mapped")).collect()
}

/// Every name a version module defines in one of its files, for the `use super::…` of the
/// others.
fn version_names(p: &Product) -> BTreeMap<String, String> {
    let mut names: Vec<&str> = vec!["PRODUCT", "operations"];
    names.extend(p.enums.iter().map(|e| e.rust.as_str()));
    names.extend(p.objects.iter().map(|o| o.rust.as_str()));
    for r in &p.resources {
        names.extend([r.rust.as_str(), r.collection.as_str(), r.handle.as_str()]);
        names.extend(r.methods.iter().map(|m| m.builder.as_str()));
    }
    names.into_iter().map(|n| (n.to_owned(), "super".to_owned())).collect()
}

/// Conformance calls used by the Prism tests (`tests/tests/conformance.rs`).
pub const SAMPLES_FILE: &str = "tests/src/samples.rs";

/// The product lines of the `[features]` table in the generated crate's Cargo.toml (the rest
/// of the table is written by hand).
pub fn cargo_features(products: &[Product]) -> String {
    let features: Vec<&str> = products.iter().map(|p| p.feature.as_str()).collect();
    let quoted = features
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!("all-products = [{quoted}]\n");
    for f in features {
        out.push_str(&format!("{f} = []\n"));
    }
    out
}

/// prettyplease packs items together; a blank line between consecutive items (or impl members)
/// makes generated files readable, and one between the std, external and crate groups of the
/// `use` block.
fn separate_items(code: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "pub(", "fn ", "impl", "struct ", "enum ", "mod ", "const ", "static ", "use ", "crate::",
    ];
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    // The path of the `use` item being printed, when inside one.
    let mut use_path: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if let Some(path) = line.strip_prefix("use ") {
            use_path = Some(path);
        }
        let Some(next) = lines.get(i + 1) else { continue };
        if line.starts_with("//!") && !next.starts_with("//!") {
            out.push('\n');
            continue;
        }
        if let Some(path) = use_path {
            if !line.ends_with(';') {
                continue;
            }
            use_path = None;
            let same_group = next
                .strip_prefix("use ")
                .is_some_and(|n| imports::group(n) == imports::group(path));
            if !same_group {
                out.push('\n');
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let next_indent = next.len() - next.trim_start().len();
        // Items end in `}`, `{}` (operation markers), `);` (macro calls) or `>;` (builder
        // aliases).
        let closes = line.trim() == "}" || indent == 0 && [");", ">;", "{}"].iter().any(|end| line.ends_with(end));
        if closes && indent == next_indent && ITEM_STARTS.iter().any(|s| next.trim_start().starts_with(s)) {
            out.push('\n');
        }
    }
    out
}

/// prettyplease prints macro arguments as flowing text; the tables of `impl_wire_enum!`,
/// `impl_object!` and `impl_input!` read best with one entry per line, as rustfmt would lay out a struct literal.
fn macro_tables(code: &str) -> String {
    const STARTS: &[&str] = &["crate::impl_wire_enum!(", "crate::impl_object!(", "crate::impl_input!("];
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some((at, start)) = STARTS.iter().filter_map(|s| rest.find(s).map(|i| (i, *s))).min() {
        out.push_str(&rest[..at]);
        let after = &rest[at + start.len()..];
        let Some(end) = after.find(");") else { break };
        let call = &after[..end];
        out.push_str(&format_table(start, call).unwrap_or_else(|| format!("{start}{call});")));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// `Head … { a : "a", b : "b" as X }` (optionally followed by `else Name`) → the call with one
/// entry per line; `None` if the tokens do not end in such a table (then the call is left as
/// prettyplease printed it).
fn format_table(start: &str, call: &str) -> Option<String> {
    use proc_macro2::TokenTree;
    let mut tokens: Vec<TokenTree> = call.parse::<TokenStream>().ok()?.into_iter().collect();
    let tail = match tokens.as_slice() {
        [.., TokenTree::Group(_), TokenTree::Ident(keyword), TokenTree::Ident(name)] if keyword == "else" => {
            let tail = format!(" else {name}");
            tokens.truncate(tokens.len() - 2);
            tail
        }
        _ => String::new(),
    };
    let (TokenTree::Group(table), head) = tokens.split_last()? else {
        return None;
    };
    if table.delimiter() != proc_macro2::Delimiter::Brace {
        return None;
    }
    let mut entries = String::new();
    let inner: Vec<TokenTree> = table.stream().into_iter().collect();
    for entry in inner.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        if !entry.is_empty() {
            entries.push_str(&format!("    {},\n", spaced(entry)));
        }
    }
    Some(format!("{start}{} {{\n{entries}}}{tail});", spaced(head)))
}

/// Tokens joined by spaces, except before `:` and `,` and inside `[…]` lists.
fn spaced(tokens: &[proc_macro2::TokenTree]) -> String {
    use proc_macro2::TokenTree;
    let mut out = String::new();
    for token in tokens {
        let text = match token {
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Bracket => {
                let items: Vec<TokenTree> = g.stream().into_iter().collect();
                let parts: Vec<String> = items
                    .split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                    .map(spaced)
                    .collect();
                format!("[{}]", parts.join(", "))
            }
            other => other.to_string(),
        };
        // `Variant(Input)`, as a tuple variant is written.
        let call = matches!(token, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
        let tight = call || matches!(token, TokenTree::Punct(p) if p.as_char() == ':' || p.as_char() == ',');
        if !out.is_empty() && !tight {
            out.push(' ');
        }
        out.push_str(&text);
    }
    out
}

/// Formats `tokens` into a file with the `@generated` header naming `source`, after a `use`
/// block for the names the code mentions (`siblings`: names defined by other files of the same
/// module, and the path they are imported from).
pub(crate) fn file(
    path: String,
    source: &str,
    tokens: TokenStream,
    siblings: &BTreeMap<String, String>,
) -> Result<OutputFile, String> {
    let mut syntax: syn::File =
        syn::parse2(tokens.clone()).map_err(|e| format!("internal error: emitted invalid Rust for {path}: {e}"))?;
    // A private `use a::b::Name;` the emitter wrote itself (for a trait that only method calls
    // name) joins the generated block; `pub use` re-exports stay where they are.
    let mut extra = Vec::new();
    syntax.items.retain(|item| match item {
        syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Inherited) => match imports::simple_use(&u.tree) {
            Some(import) => {
                extra.push(import);
                false
            }
            None => true,
        },
        _ => true,
    });
    let imports = imports::use_items(&tokens, siblings, &extra);
    let uses: syn::File =
        syn::parse2(imports).map_err(|e| format!("internal error: emitted invalid imports for {path}: {e}"))?;
    syntax.items.splice(0..0, uses.items);
    let body = separate_items(&macro_tables(&prettyplease::unparse(&syntax)));
    let contents = format!(
        "// @generated by twilio-codegen from {source}. Do not edit: change the spec and run `cargo xtask codegen`.\n\n{body}"
    );
    Ok(OutputFile { path, contents })
}

/// [`file`] for a module that refers to no items of sibling files.
pub(crate) fn self_contained_file(path: String, source: &str, tokens: TokenStream) -> Result<OutputFile, String> {
    file(path, source, tokens, &BTreeMap::new())
}
