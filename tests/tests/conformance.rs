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

/// `TWILIO_CONFORMANCE_ONLY=taskrouter_v1,verify_v2` limits the run to those products (for
/// iterating on one import); CI runs them all.
fn selected_products() -> Vec<(&'static str, &'static str)> {
    let only = std::env::var("TWILIO_CONFORMANCE_ONLY").unwrap_or_default();
    let wanted: Vec<&str> = only.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    for name in &wanted {
        assert!(
            samples::PRODUCTS.iter().any(|(product, _)| product == name),
            "TWILIO_CONFORMANCE_ONLY names `{name}`, which is not a product with samples"
        );
    }
    samples::PRODUCTS
        .iter()
        .copied()
        .filter(|(product, _)| wanted.is_empty() || wanted.contains(product))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_is_accepted_by_prism_on_the_official_spec() {
    if !prism_or_skip() {
        return;
    }
    let mut failures = Vec::new();
    let mut table = vec![format!("{:<24} {:>10} {:>9}", "product", "operations", "accepted")];
    let (mut checked, mut accepted) = (0, 0);
    for (product, spec_file) in selected_products() {
        let server = PrismServer::start(spec_file).await.expect("Prism starts");
        // The access token is for the products that take one instead (Organizations).
        let client = twilio::Client::builder(ACCOUNT_SID, "conformance-token")
            .access_token("conformance-access-token")
            .base_url(server.base_url())
            .build();
        let results = samples::call_every_operation(product, &client)
            .await
            .expect("every product in PRODUCTS has sample calls");
        let operations = results.len();
        let mut product_accepted = 0;
        for (operation, result) in results {
            match result {
                Ok(()) => product_accepted += 1,
                Err(error) => {
                    let body = error.as_api_error().map(|e| e.body.as_str()).unwrap_or_default();
                    failures.push(format!(
                        "{operation}: {error}\n    {body}\n    (Prism log: {})",
                        server.log_path().display()
                    ));
                }
            }
        }
        table.push(format!("{product:<24} {operations:>10} {product_accepted:>9}"));
        checked += operations;
        accepted += product_accepted;
    }
    table.push(format!("{:<24} {checked:>10} {accepted:>9}", "total"));
    // "Accepted" means Prism validated the request against the official file and the example
    // response it answered with decoded into our model.
    println!("{}", table.join("\n"));
    assert!(
        failures.is_empty(),
        "{} operation(s) rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
