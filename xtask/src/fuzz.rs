//! `cargo xtask fuzz`: runs the coverage-guided fuzz targets in `fuzz/` with cargo-fuzz
//! (libFuzzer). cargo-fuzz builds with nightly-only flags (sanitizers, coverage passes); with no
//! nightly toolchain here, `RUSTC_BOOTSTRAP=1` lets the stable compiler accept them.
//!
//! Corpora are not committed: a target whose corpus directory is empty is first seeded with
//! realistic inputs, the spec files for `generator_spec` and Twilio's example responses (plus
//! one synthesized body per model) for `response_models`.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

use serde_json::{json, Map, Value};
use twilio_codegen::examples::Examples;
use twilio_codegen::model::{DateStyle, Product, Returns, Ty};

// The entries of the `response_models` target, numbered as its build script numbers them.
#[allow(dead_code)] // the build script reads parts of it that seeding does not
#[path = "../../fuzz/models.rs"]
mod models;

/// The targets: the `[[bin]]` names in `fuzz/Cargo.toml`, in file order.
pub fn targets(root: &Path) -> Result<Vec<String>, String> {
    let manifest = root.join("fuzz/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    Ok(bin_names(&text))
}

fn bin_names(manifest: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(value) = line
            .strip_prefix("name")
            .map(str::trim)
            .and_then(|l| l.strip_prefix('='))
        {
            if in_bin {
                names.push(value.trim().trim_matches('"').to_owned());
            }
        }
    }
    names
}

/// How each target is built and how long it runs.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Executions per target.
    pub runs: u64,
    /// Seconds per target (libFuzzer's `-max_total_time`), whichever comes first.
    pub max_seconds: Option<u64>,
    /// Build unoptimized and without AddressSanitizer (`fuzz/Cargo.toml`'s dev profile): a
    /// fraction of the build time, for short smoke runs. Panics (overflow checks and debug
    /// assertions included), stack overflows, timeouts and runaway memory are still caught.
    /// Mutations follow a fixed seed.
    pub quick: bool,
    /// Build optimized but without AddressSanitizer, in a target directory of its own (so the
    /// sanitizer build stays): for targets that run only safe Rust, such as `generator_spec`,
    /// whose allocations ASan makes several times slower.
    pub no_asan: bool,
}

/// Runs `target` (or every target, for `None`) within `budget` each.
pub fn run(root: &Path, target: Option<&str>, budget: Budget) -> Result<(), String> {
    let all = targets(root)?;
    let chosen: Vec<&str> = match target {
        Some(name) if all.iter().any(|t| t == name) => vec![name],
        Some(name) => return Err(format!("no fuzz target `{name}`; targets: {}", all.join(", "))),
        None => all.iter().map(String::as_str).collect(),
    };
    let installed = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        return Err("cargo-fuzz is not installed: `cargo install cargo-fuzz --locked`".to_owned());
    }
    for name in chosen {
        seed(root, name)?;
        match budget.max_seconds {
            Some(seconds) => println!("fuzz: {name}, {} runs or {seconds} s", budget.runs),
            None => println!("fuzz: {name}, {} runs", budget.runs),
        }
        let mut command = Command::new("cargo");
        command
            .current_dir(root)
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", "--fuzz-dir", "fuzz"])
            .args(match (budget.quick, budget.no_asan) {
                (true, _) => &["--dev", "--sanitizer", "none"][..],
                (false, true) => &["--sanitizer", "none", "--target-dir", "fuzz/target/no-asan"],
                (false, false) => &[],
            })
            .args([name, "--"])
            .arg(format!("-runs={}", budget.runs))
            .args(budget.max_seconds.map(|s| format!("-max_total_time={s}")))
            // A smoke run mutates the same way every time, so that CI's verdict on a tree does
            // not depend on luck; long runs take a fresh seed each.
            .args(budget.quick.then_some("-seed=1"))
            .args(libfuzzer_options(name));
        let status = command.status().map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        if !status.success() {
            return Err(format!(
                "fuzz target `{name}` failed; the input that failed is under fuzz/artifacts/{name}/"
            ));
        }
    }
    Ok(())
}

/// Options for one target on top of the budget.
fn libfuzzer_options(target: &str) -> Vec<String> {
    match target {
        // libFuzzer would otherwise take the largest seed (api/v2010.yaml, 118 kB) as the input
        // size limit. Every input that loads is emitted and formatted, at a cost that grows
        // with its size: 4 kB holds a small product whole and the head of a large one
        // (truncated seeds still reach every stage), at about 110 runs a second against 45 for
        // 16 kB.
        "generator_spec" => vec![format!("-max_len={GENERATOR_MAX_LEN}")],
        _ => Vec::new(),
    }
}

/// Input size limit of `generator_spec`, in bytes.
const GENERATOR_MAX_LEN: usize = 4096;

/// Fills the corpus directory of `target` with its seeds, when it is empty.
fn seed(root: &Path, target: &str) -> Result<(), String> {
    let dir = root.join("fuzz/corpus").join(target);
    if std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Ok(());
    }
    let seeds = match target {
        "generator_spec" => spec_seeds(root)?,
        "response_models" => response_seeds(root)?,
        _ => return Ok(()),
    };
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (i, seed) in seeds.iter().enumerate() {
        let path = dir.join(format!("seed-{i:05}"));
        std::fs::write(&path, seed).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("fuzz: seeded fuzz/corpus/{target}/ with {} inputs", seeds.len());
    Ok(())
}

/// Every `spec/<dir>/*.yaml`: REST products, webhook payloads and TwiML descriptions.
fn spec_seeds(root: &Path) -> Result<Vec<Vec<u8>>, String> {
    let read = |dir: &Path| -> Result<Vec<std::path::PathBuf>, String> {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        paths.sort();
        Ok(paths)
    };
    let mut seeds = Vec::new();
    for dir in read(&root.join("spec"))?.into_iter().filter(|p| p.is_dir()) {
        for file in read(&dir)?
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        {
            seeds.push(std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?);
        }
    }
    Ok(seeds)
}

/// For every entry of the `response_models` target (its selector, then the body): a body
/// synthesized from the model's fields, and each example response in Twilio's OpenAPI file for
/// the operations that return it; nested objects get the values found under their fields.
fn response_seeds(root: &Path) -> Result<Vec<Vec<u8>>, String> {
    let products = twilio_codegen::load_dir(&root.join("spec")).map_err(|problems| {
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        shown.join("\n")
    })?;
    let entries = models::entries(&products);
    let mut objects: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let models::Kind::Object(o) = e.kind {
            objects.insert((e.product, o), i);
        }
    }
    let mut seeds = Seeds {
        bodies: BTreeSet::new(),
        objects: &objects,
    };
    let mut examples: HashMap<&str, Examples> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let p = &products[e.product];
        let file = p.official_file.as_str();
        if !examples.contains_key(file) {
            examples.insert(file, read_examples(root, file)?);
        }
        let found = &examples[file];
        match &e.kind {
            models::Kind::Resource(r) => {
                let fields = &p.resources[*r].fields;
                seeds.add(i, &synthesize(p, fields, 0));
                for m in p.resources[*r].methods.iter().filter(|m| m.returns == Returns::Model) {
                    for example in found.get(&m.path.raw, m.http.as_str()) {
                        seeds.add(i, &example.body);
                        seeds.nested(p, e.product, fields, &example.body);
                    }
                }
            }
            models::Kind::Object(o) => seeds.add(i, &synthesize(p, &p.objects[*o].fields, 0)),
            models::Kind::Page { records_key, methods } => {
                let fields = &p.resources[methods[0].0].fields;
                seeds.add(i, &envelope(p, records_key, synthesize(p, fields, 0)));
                for &(r, m) in methods {
                    let method = &p.resources[r].methods[m];
                    for example in found.get(&method.path.raw, method.http.as_str()) {
                        seeds.add(i, &example.body);
                        let records = example.body.get(records_key).and_then(Value::as_array);
                        for record in records.into_iter().flatten() {
                            seeds.nested(p, e.product, fields, record);
                        }
                    }
                }
            }
        }
    }
    Ok(seeds.bodies.into_iter().collect())
}

struct Seeds<'a> {
    bodies: BTreeSet<Vec<u8>>,
    /// Entry of each nested object, by (product, object).
    objects: &'a HashMap<(usize, usize), usize>,
}

impl Seeds<'_> {
    fn add(&mut self, entry: usize, body: &Value) {
        let selector = u16::try_from(entry).expect("the build script allows no more entries");
        let mut seed = selector.to_le_bytes().to_vec();
        seed.extend(body.to_string().into_bytes());
        self.bodies.insert(seed);
    }

    /// The values an example holds for nested objects, as seeds of those objects.
    fn nested(&mut self, p: &Product, product: usize, fields: &[twilio_codegen::model::Field], value: &Value) {
        for f in fields {
            if let Some(v) = value.get(&f.wire) {
                self.nested_value(p, product, &f.ty, v);
            }
        }
    }

    fn nested_value(&mut self, p: &Product, product: usize, ty: &Ty, value: &Value) {
        match ty {
            Ty::Object(o) => {
                if let Some(&entry) = self.objects.get(&(product, *o)) {
                    self.add(entry, value);
                    self.nested(p, product, &p.objects[*o].fields, value);
                }
            }
            Ty::List(item) => {
                for v in value.as_array().into_iter().flatten() {
                    self.nested_value(p, product, item, v);
                }
            }
            _ => {}
        }
    }
}

/// A body with every field set to a value of its type.
fn synthesize(p: &Product, fields: &[twilio_codegen::model::Field], depth: usize) -> Value {
    let mut object = Map::new();
    for f in fields {
        let style = f.dates.unwrap_or(p.dates);
        object.insert(f.wire.clone(), sample(p, &f.ty, style, depth));
    }
    Value::Object(object)
}

fn sample(p: &Product, ty: &Ty, dates: DateStyle, depth: usize) -> Value {
    match ty {
        Ty::String => json!("text"),
        Ty::Integer => json!(3),
        Ty::Number => json!(1.5),
        Ty::Boolean => json!(true),
        Ty::Date => json!("2024-01-02"),
        Ty::DateTime => match dates {
            DateStyle::Rfc2822 => json!("Tue, 02 Jan 2024 03:04:05 +0000"),
            DateStyle::Iso8601 => json!("2024-01-02T03:04:05Z"),
        },
        Ty::Decimal => json!("-0.0075"),
        Ty::HttpMethod => json!("POST"),
        Ty::Json => json!({"key": [1, "two", null]}),
        Ty::StringMap => json!({"self": "https://example.com/self"}),
        Ty::Enum(e) => p.enums[*e].variants.first().map_or(json!("value"), |v| json!(v.wire)),
        // Objects can nest themselves; two levels show the shape.
        Ty::Object(o) if depth < 2 => synthesize(p, &p.objects[*o].fields, depth + 1),
        Ty::Object(_) => json!({}),
        Ty::List(item) => json!([sample(p, item, dates, depth)]),
        Ty::PrefixedMap(_) => json!({}),
    }
}

/// A page holding `record`, in the product's envelope, with a next-page link.
fn envelope(p: &Product, records_key: &str, record: Value) -> Value {
    let path = format!("{}/Fuzz", p.base_path);
    match p.paging {
        twilio_codegen::model::Paging::V2010 => json!({
            records_key: [record],
            "page": 0,
            "page_size": 50,
            "uri": format!("{path}.json?PageSize=50&Page=0"),
            "first_page_uri": format!("{path}.json?PageSize=50&Page=0"),
            "next_page_uri": format!("{path}.json?PageSize=50&Page=1&PageToken=PA1"),
            "previous_page_uri": null,
            "start": 0,
            "end": 0,
        }),
        twilio_codegen::model::Paging::Meta => json!({
            records_key: [record],
            "meta": {
                "page": 0,
                "page_size": 50,
                "first_page_url": format!("https://{}{path}?PageSize=50&Page=0", p.host),
                "previous_page_url": null,
                "url": format!("https://{}{path}?PageSize=50&Page=0", p.host),
                "next_page_url": format!("https://{}{path}?PageSize=50&Page=1&PageToken=PT1", p.host),
                "key": records_key,
            },
        }),
        twilio_codegen::model::Paging::Pages => json!({
            records_key: [record],
            "total_elements": 2,
            "total_pages": 2,
            "current_page": 0,
            "per_page": 1,
            "has_next": true,
            "has_prev": false,
        }),
    }
}

/// The example responses of the official file `name`; none when the file is missing (a product
/// Twilio does not publish).
fn read_examples(root: &Path, name: &str) -> Result<Examples, String> {
    let path = root.join("tests/oai").join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Examples::read(name, &text).map_err(|d| d.to_string()),
        Err(_) => Ok(Examples::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_the_bins_of_the_fuzz_manifest() {
        let manifest = "[package]\nname = \"twilio-fuzz\"\n\n[[bin]]\nname = \"a\"\npath = \"x\"\n\n[dependencies]\nname = \"no\"\n\n[[bin]]\nname = \"b\"\n";
        assert_eq!(bin_names(manifest), ["a", "b"]);
        let root = crate::workspace_root();
        assert_eq!(
            targets(&root).unwrap(),
            [
                "webhook_signature",
                "twiml_text",
                "generator_spec",
                "response_models",
                "webhook_payload",
                "access_token"
            ]
        );
    }
}
