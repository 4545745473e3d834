//! The axum extractor on a real socket, the way a local test of a webhook handler runs: signed
//! requests over plain http to 127.0.0.1, with auth-token (HMAC-SHA1) and shared-key
//! (HMAC-SHA256) signatures, and what a rejection shows to the caller and to the logs.

use axum::routing::post;
use axum::Router;
use twilio::webhook::axum::{TwilioWebhook, WebhookConfig};
use twilio::webhook::signature::{
    compute_signature_with, Algorithm, RequestValidator, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER,
};
use twilio::webhook::IncomingMessage;
use twilio_e2e::support::Captured;

const AUTH_TOKEN: &str = "local-test-auth-token";
const SHARED_SECRET: &str = "local-test-shared-secret";

async fn reply(TwilioWebhook(sms): TwilioWebhook<IncomingMessage>) -> String {
    format!("from {}", sms.from.as_deref().unwrap_or("?"))
}

/// Serves the handler on a free port of 127.0.0.1; returns the URL Twilio would call.
async fn serve() -> String {
    let config = WebhookConfig::new(RequestValidator::new(AUTH_TOKEN).with_shared_key("KEY1", SHARED_SECRET));
    let app = Router::new().route("/sms", post(reply)).with_state(config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

fn params() -> Vec<(String, String)> {
    [("MessageSid", "SM123"), ("From", "+15558675310"), ("Body", "hi")]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Posts the form, signed over `signed_url` with `algorithm` and `secret`.
async fn post_signed(
    url: &str,
    signed_url: &str,
    algorithm: Algorithm,
    secret: &str,
    settings: Option<&str>,
) -> (u16, String) {
    let params = params();
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&params)
        .finish();
    let mut request = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header(
            SIGNATURE_HEADER,
            compute_signature_with(algorithm, secret, signed_url, &params),
        )
        .body(body);
    if let Some(settings) = settings {
        request = request.header(SIGNATURE_SETTINGS_HEADER, settings);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test(flavor = "current_thread")]
async fn local_http_webhooks_validate_with_either_algorithm() {
    let url = serve().await;
    // The default URL policy rebuilds http://127.0.0.1:<port>/sms: a loopback host is http.
    let sha1 = post_signed(&url, &url, Algorithm::HmacSha1, AUTH_TOKEN, None).await;
    assert_eq!(sha1, (200, "from +15558675310".to_owned()));
    let settings = Some("key=KEY1,algorithm=HMAC_SHA256");
    let sha256 = post_signed(&url, &url, Algorithm::HmacSha256, SHARED_SECRET, settings).await;
    assert_eq!(sha256, (200, "from +15558675310".to_owned()));
}

#[tokio::test(flavor = "current_thread")]
async fn rejections_tell_the_caller_nothing_and_the_log_what_was_checked() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let url = serve().await;
    let https = url.replace("http://", "https://");
    let (status, body) = post_signed(&url, &https, Algorithm::HmacSha1, AUTH_TOKEN, None).await;
    assert_eq!((status, body.as_str()), (403, "invalid Twilio signature"));
    let settings = Some("key=KEY9,algorithm=HMAC_SHA256");
    let (status, body) = post_signed(&url, &url, Algorithm::HmacSha256, "not-a-secret-we-know", settings).await;
    assert_eq!((status, body.as_str()), (403, "invalid Twilio signature"));
    let unknown = Some("algorithm=HMAC_SHA3");
    let (status, body) = post_signed(&url, &url, Algorithm::HmacSha256, SHARED_SECRET, unknown).await;
    assert_eq!((status, body.as_str()), (403, "invalid Twilio signature"));

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("WARN") && log.contains("twilio::webhook"), "{log}");
    // The URLs that were checked, to see what a proxy changed.
    assert!(
        log.contains(&format!("URLs checked: http://127.0.0.1/sms, {url}")),
        "{log}"
    );
    assert!(log.contains("shared key `KEY9`, which is not configured"), "{log}");
    assert!(log.contains("`HMAC_SHA3`"), "{log}");
    for secret in [AUTH_TOKEN, SHARED_SECRET] {
        assert!(!log.contains(secret), "the log leaks {secret}: {log}");
    }
}
