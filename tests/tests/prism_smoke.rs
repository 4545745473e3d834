//! Smoke test of the Prism harness (tests/src/prism.rs): Prism starts on the
//! patched api_v2010 spec, accepts a form array sent as repeated keys (which
//! the unpatched spec would reject, stoplightio/prism#2473) and rejects an
//! invalid boolean with 422.
//!
//! Without Prism installed (`bash scripts/install-prism.sh`) the test is
//! skipped, unless TWILIO_REQUIRE_PRISM=1 is set, as CI should: then it fails.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use twilio_e2e::prism::{prism_available, prism_bin, PrismServer};

const ACCOUNT_SID: &str = "AC00000000000000000000000000000000";
const AUTH_TOKEN: &str = "test-auth-token";

/// Whether this test must run (and so fail if Prism is missing).
fn prism_required() -> bool {
    matches!(
        std::env::var("TWILIO_REQUIRE_PRISM").as_deref().map(str::trim),
        Ok("1") | Ok("true") | Ok("yes")
    )
}

/// Returns false (after printing why) if the test should be skipped; panics if
/// Prism is missing but required.
fn prism_or_skip(test: &str) -> bool {
    if prism_available() {
        return true;
    }
    if prism_required() {
        panic!(
            "{test}: TWILIO_REQUIRE_PRISM=1 but Prism is not installed at {}; \
             run `bash scripts/install-prism.sh`",
            prism_bin().display()
        );
    }
    eprintln!(
        "SKIPPED {test}: Prism is not installed at {} (run `bash scripts/install-prism.sh`; \
         set TWILIO_REQUIRE_PRISM=1 to make this a failure)",
        prism_bin().display()
    );
    false
}

fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Status code and body of one hand-written HTTP/1.1 request.
async fn post_form(port: u16, path: &str, body: &str) -> (u16, String) {
    let auth = base64(format!("{ACCOUNT_SID}:{AUTH_TOKEN}").as_bytes());
    let request = format!(
        "POST {path} HTTP/1.1\r\n\
         Host: 127.0.0.1:{port}\r\n\
         Authorization: Basic {auth}\r\n\
         Accept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\
         Connection: close\r\n\
         \r\n\
         {body}",
        body.len()
    );
    let exchange = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
        stream.write_all(request.as_bytes()).await?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await?;
        Ok::<_, std::io::Error>(response)
    };
    let response = tokio::time::timeout(Duration::from_secs(30), exchange)
        .await
        .expect("Prism did not answer within 30 s")
        .expect("HTTP exchange with Prism failed");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status_line = text.lines().next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn base64_matches_rfc4648() {
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foo"), "Zm9v");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_validates_messages_create() {
    if !prism_or_skip("prism_validates_messages_create") {
        return;
    }
    let server = PrismServer::start("twilio_api_v2010.yaml")
        .await
        .unwrap_or_else(|e| panic!("Prism did not start: {e}"));
    eprintln!(
        "Prism on {} ready in {:?} (log: {})",
        server.base_url(),
        server.startup_time(),
        server.log_path().display()
    );
    assert_eq!(server.base_url(), format!("http://127.0.0.1:{}", server.port()));
    let path = format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json");

    // Two MediaUrl values as repeated keys: valid. Unpatched, Prism says 422
    // "Request body property MediaUrl must be array".
    let (status, body) = post_form(
        server.port(),
        &path,
        "To=%2B15558675310&From=%2B15017122661\
         &MediaUrl=https%3A%2F%2Fa.example%2F1&MediaUrl=https%3A%2F%2Fb.example%2F2&Body=hi",
    )
    .await;
    assert_eq!(
        status,
        201,
        "valid request rejected: {body}\nPrism log tail:\n{}",
        server.log_tail(20)
    );
    assert!(body.contains("\"sid\""), "201 without the spec's example body: {body}");

    // `True` is not a boolean for the spec (only `true`/`false`).
    let (status, body) = post_form(
        server.port(),
        &path,
        "To=%2B15558675310&From=%2B15017122661&Body=hi&SmartEncoded=True",
    )
    .await;
    assert_eq!(
        status,
        422,
        "invalid boolean accepted: {body}\nPrism log tail:\n{}",
        server.log_tail(20)
    );
    assert!(
        body.contains("SmartEncoded"),
        "422 body does not name the field: {body}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_servers_run_in_parallel() {
    if !prism_or_skip("prism_servers_run_in_parallel") {
        return;
    }
    let (a, b) = tokio::join!(
        PrismServer::start("twilio_lookups_v2.yaml"),
        PrismServer::start("twilio_lookups_v2.yaml"),
    );
    let a = a.unwrap_or_else(|e| panic!("first Prism did not start: {e}"));
    let b = b.unwrap_or_else(|e| panic!("second Prism did not start: {e}"));
    assert_ne!(a.port(), b.port());
    assert_ne!(a.log_path(), b.log_path());
    assert_ne!(a.spec_path(), b.spec_path());
    for server in [&a, &b] {
        assert!(
            TcpStream::connect(("127.0.0.1", server.port())).await.is_ok(),
            "{} not listening",
            server.base_url()
        );
    }
    let port = a.port();
    drop(a);
    // Dropping kills the process, so its port stops accepting connections.
    assert!(
        TcpStream::connect(("127.0.0.1", port)).await.is_err(),
        "Prism still listening on {port} after drop"
    );
    assert!(TcpStream::connect(("127.0.0.1", b.port())).await.is_ok());
}
