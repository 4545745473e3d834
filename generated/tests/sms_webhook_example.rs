//! Drives `examples/sms_webhook.rs` with a correctly and an incorrectly signed request.
#![cfg(feature = "axum")]

#[path = "../examples/sms_webhook.rs"]
#[allow(dead_code)]
mod example;

use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use tower::ServiceExt as _;
use twilio::webhook::axum::WebhookConfig;
use twilio::webhook::signature::{compute_signature, RequestValidator};

const TOKEN: &str = "example-auth-token";
const URL: &str = "https://example.com/sms";

fn params() -> Vec<(String, String)> {
    [
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ("AccountSid", "AC0123456789abcdef0123456789abcdef"),
        ("From", "+15558675310"),
        ("To", "+15017122661"),
        ("Body", "Hello & welcome <3"),
        ("NumMedia", "1"),
        (
            "MediaUrl0",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
        ),
        ("MediaContentType0", "image/jpeg"),
        ("SmsStatus", "received"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect()
}

fn request(signature: &str) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params())
        .finish();
    Request::post("/sms")
        .header("Host", "example.com")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature)
        .body(Body::from(body))
        .unwrap()
}

async fn send(signature: &str) -> (StatusCode, Option<String>, String) {
    let app = example::app(WebhookConfig::new(RequestValidator::new(TOKEN)));
    let response = app.oneshot(request(signature)).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
    (status, content_type, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn a_signed_sms_gets_a_twiml_reply() {
    let signature = compute_signature(TOKEN, URL, &params());
    let (status, content_type, body) = send(&signature).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(content_type.as_deref(), Some("text/xml; charset=utf-8"));
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Thanks +15558675310, \
         we got your message and 1 attachment(s).</Message></Response>"
    );
}

#[tokio::test]
async fn a_wrongly_signed_sms_is_refused() {
    let signature = compute_signature("another-token", URL, &params());
    let (status, _, body) = send(&signature).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Anyone can call a webhook URL: the answer says only that the signature failed (the URLs
    // checked go to the `tracing` warning).
    assert_eq!(body, "invalid Twilio signature");
}
