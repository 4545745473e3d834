//! Conformance against Twilio's official OpenAPI files: every generated operation is sent, with
//! sample values, to a Prism mock of the product's official spec. Prism validates method, path,
//! parameters and body against the official schema (422 on any mismatch) and answers with the
//! spec's example, which must decode into our types.
//!
//! Needs Prism (`bash scripts/install-prism.sh`). Without it the test is skipped, unless
//! `TWILIO_REQUIRE_PRISM=1` (set by `.ci/run`) makes a missing Prism a failure.

use twilio_e2e::prism::{prism_available, PrismServer};
use twilio_e2e::samples;

const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";

fn prism_or_skip() -> bool {
    if prism_available() {
        return true;
    }
    if std::env::var("TWILIO_REQUIRE_PRISM").as_deref() == Ok("1") {
        panic!("Prism is not installed; run `bash scripts/install-prism.sh`");
    }
    eprintln!("SKIPPED: Prism is not installed (bash scripts/install-prism.sh)");
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_is_accepted_by_prism_on_the_official_spec() {
    if !prism_or_skip() {
        return;
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for (product, spec_file) in samples::PRODUCTS {
        let server = PrismServer::start(spec_file).await.expect("Prism starts");
        let client = twilio::Client::builder(ACCOUNT_SID, "conformance-token")
            .base_url(server.base_url())
            .build();
        let results = samples::call_every_operation(product, &client)
            .await
            .expect("every product in PRODUCTS has sample calls");
        for (operation, result) in results {
            checked += 1;
            if let Err(error) = result {
                let body = error.as_api_error().map(|e| e.body.as_str()).unwrap_or_default();
                failures.push(format!(
                    "{operation}: {error}\n    {body}\n    (Prism log: {})",
                    server.log_path().display()
                ));
            }
        }
    }
    println!("Prism accepted {} of {checked} operations", checked - failures.len());
    assert!(
        failures.is_empty(),
        "{} operation(s) rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
