//! Every example response in Twilio's official OpenAPI files (`tests/oai/`) deserializes into
//! our models: each operation's sample call (`tests/src/samples.rs`, the same calls conformance
//! sends to Prism) is answered in-process with the file's examples for that operation, one per
//! round, and must decode. Prints a per-product table; no server, no network.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use twilio::runtime::transport::{HttpRequest, HttpResponse, Transport, TransportFuture};
use twilio_codegen::examples::{Example, Examples};
use twilio_e2e::samples;
use twilio_e2e::support::ACCOUNT_SID;

const ORIGIN: &str = "http://examples.test";

/// One operation of a file: its path's literal pieces around the parameters, its lower-case
/// method, and its examples.
struct Operation {
    pieces: Vec<String>,
    method: String,
    examples: Vec<Example>,
}

/// Answers each request with example number `round` of the operation its method and path name,
/// and notes which one it served (`None`: the operation has no such example).
struct ExampleReplay {
    operations: Arc<Vec<Operation>>,
    round: usize,
    served: Arc<Mutex<Vec<Option<String>>>>,
}

impl Transport for ExampleReplay {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        let path = request.url.strip_prefix(ORIGIN).unwrap_or(&request.url);
        let path = path.split('?').next().unwrap_or(path);
        let method = request.method.as_str().to_ascii_lowercase();
        // The most specific template wins (`/Calls/FeedbackSummary/{}` over `/Calls/{}`).
        let operation = self
            .operations
            .iter()
            .filter(|o| o.method == method && matches(&o.pieces, path))
            .max_by_key(|o| o.pieces.iter().map(String::len).sum::<usize>());
        let example = operation.and_then(|o| {
            let example = o.examples.get(self.round)?;
            let name = format!(
                "{} {} example {}",
                method.to_uppercase(),
                o.pieces.join("{}"),
                self.round + 1
            );
            Some((name, example))
        });
        self.served
            .lock()
            .unwrap()
            .push(example.as_ref().map(|(name, _)| name.clone()));
        let response = match example {
            Some((_, example)) => HttpResponse::new(
                example.status,
                vec![("content-type".to_owned(), "application/json".to_owned())],
                example.body.to_string().into_bytes(),
            ),
            None => HttpResponse::new(
                404,
                Vec::new(),
                b"{\"code\": 20404, \"message\": \"no example\"}".to_vec(),
            ),
        };
        Box::pin(async move { Ok(response) })
    }
}

/// Whether `path` fills the template split into literal `pieces` around its parameters, each
/// parameter one non-empty path segment (or part of one, as in `{Sid}.json`).
fn matches(pieces: &[String], path: &str) -> bool {
    let Some(mut rest) = path.strip_prefix(pieces[0].as_str()) else {
        return false;
    };
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let last = i == pieces.len() - 1;
        let found = if last {
            rest.strip_suffix(piece.as_str()).map(|param| (param, ""))
        } else {
            rest.find(piece.as_str())
                .map(|at| (&rest[..at], &rest[at + piece.len()..]))
        };
        match found {
            Some((param, after)) if !param.is_empty() && !param.contains('/') => rest = after,
            _ => return false,
        }
    }
    rest.is_empty()
}

#[tokio::test]
async fn every_example_response_in_the_official_files_deserializes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut table = vec![format!("{:<26} {:>9} {:>13}", "product", "examples", "deserialized")];
    let mut failures = Vec::new();
    let (mut total, mut decoded) = (0, 0);
    // Per official file (several products share `twilio_preview.yaml`): examples, and those served.
    let mut coverage: BTreeMap<&str, (usize, BTreeSet<String>)> = BTreeMap::new();
    for (product, spec_file) in samples::PRODUCTS.iter().copied() {
        let text = std::fs::read_to_string(root.join("oai").join(spec_file)).unwrap();
        let examples = Examples::read(spec_file, &text).unwrap();
        let file = coverage
            .entry(spec_file)
            .or_insert_with(|| (examples.len(), BTreeSet::new()));
        let operations: Vec<_> = examples
            .iter()
            .map(|(shape, method, examples)| Operation {
                pieces: shape.split("{}").map(str::to_owned).collect(),
                method: method.to_owned(),
                examples: examples.to_vec(),
            })
            .collect();
        let rounds = operations.iter().map(|o| o.examples.len()).max().unwrap_or(0);
        let operations = Arc::new(operations);
        let (mut product_total, mut product_decoded) = (0, 0);
        for round in 0..rounds {
            let served = Arc::new(Mutex::new(Vec::new()));
            let client = twilio::Client::builder(ACCOUNT_SID, "examples-token")
                .access_token("examples-access-token")
                .base_url(ORIGIN)
                .transport(ExampleReplay {
                    operations: operations.clone(),
                    round,
                    served: served.clone(),
                })
                .build();
            let results = samples::call_every_operation(product, &client).await.unwrap();
            let served = served.lock().unwrap().clone();
            assert_eq!(served.len(), results.len(), "{product}: one request per sample call");
            for ((operation, result), example) in results.into_iter().zip(served) {
                let Some(example) = example else { continue };
                file.1.insert(example.clone());
                product_total += 1;
                match result {
                    Ok(()) => product_decoded += 1,
                    Err(e) => failures.push(format!("{operation} ({example}): {e}")),
                }
            }
        }
        table.push(format!("{product:<26} {product_total:>9} {product_decoded:>13}"));
        total += product_total;
        decoded += product_decoded;
    }
    table.push(format!("{:<26} {total:>9} {decoded:>13}", "total"));
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "{} example(s) did not deserialize:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every example of every file answered some sample call.
    for (file, (count, served)) in coverage {
        assert_eq!(served.len(), count, "{file}: examples no sample call was answered with");
    }
}
