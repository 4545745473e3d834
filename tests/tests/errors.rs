//! Errors and tolerant decoding end to end: Twilio's JSON error bodies, non-JSON error bodies,
//! malformed success bodies, unknown enum values, missing fields, secrets kept out of Debug
//! output, transport failures and `Client::from_env`.

use std::time::Duration;

use twilio::api::v2010::{MessageDirection, MessageStatus};
use twilio::{Error, TransportErrorKind};
use twilio_e2e::support::{account_path, bodies, json, Expect, Harness, ACCOUNT_SID, AUTH_TOKEN};
use wiremock::ResponseTemplate;

const MESSAGE_SID: &str = "SM0123456789abcdef0123456789abcdef";

/// Environment variables are process-global: the one test that changes them takes this lock for
/// writing, every other test in this file for reading.
static ENV: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

async fn env_read() -> tokio::sync::RwLockReadGuard<'static, ()> {
    ENV.read().await
}

fn messages_path() -> String {
    format!("{}/Messages.json", account_path(ACCOUNT_SID))
}

fn message_path() -> String {
    format!("{}/Messages/{MESSAGE_SID}.json", account_path(ACCOUNT_SID))
}

fn expect_api(result: Result<impl std::fmt::Debug, Error>) -> (Error, twilio::ApiError) {
    match result {
        Err(err) => {
            let api = err
                .as_api_error()
                .unwrap_or_else(|| panic!("expected Error::Api, got {err:?}"))
                .clone();
            (err, api)
        }
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

#[tokio::test]
async fn a_400_with_twilio_error_json_becomes_an_api_error_with_its_fields() {
    let _env = env_read().await;
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path()).form(&[("To", "+15005550001"), ("From", "+15017122661"), ("Body", "hi")]),
        ResponseTemplate::new(400)
            .insert_header("Twilio-Request-Id", "RQ00000000000000000000000000000400")
            .set_body_json(serde_json::json!({
                "code": 21211,
                "message": "The 'To' number +15005550001 is not a valid phone number.",
                "more_info": "https://www.twilio.com/docs/errors/21211",
                "status": 400
            })),
    )
    .await;
    let result = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15005550001")
        .from("+15017122661")
        .body("hi")
        .await;
    let (err, api) = expect_api(result);

    assert!(matches!(err, Error::Api(_)));
    assert_eq!(api.status, 400);
    assert_eq!(api.code, Some(21211));
    assert_eq!(
        api.message.as_deref(),
        Some("The 'To' number +15005550001 is not a valid phone number.")
    );
    assert_eq!(
        api.more_info.as_deref(),
        Some("https://www.twilio.com/docs/errors/21211")
    );
    assert_eq!(api.request_id.as_deref(), Some("RQ00000000000000000000000000000400"));
    assert!(api.body.contains("\"code\":21211"), "{}", api.body);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some(21211));
    assert!(!err.is_not_found());

    let shown = err.to_string();
    assert!(
        shown.contains("The 'To' number +15005550001 is not a valid phone number."),
        "{shown}"
    );
    assert!(shown.contains("https://www.twilio.com/docs/errors/21211"), "{shown}");
    assert!(shown.contains("400") && shown.contains("21211"), "{shown}");
    assert!(!format!("{err:?}{shown}").contains(AUTH_TOKEN));
}

#[tokio::test]
async fn a_404_on_delete_is_not_found() {
    let _env = env_read().await;
    let h = Harness::start().await;
    h.expect(
        Expect::delete(message_path()),
        json(
            404,
            serde_json::json!({
                "code": 20404,
                "message": "The requested resource /2010-04-01/Accounts/AC.../Messages/SM....json was not found",
                "more_info": "https://www.twilio.com/docs/errors/20404",
                "status": 404
            }),
        ),
    )
    .await;
    let err = h.client.api().v2010().messages().delete(MESSAGE_SID).await.unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.code(), Some(20404));
}

#[tokio::test]
async fn a_500_with_an_html_body_keeps_the_raw_body() {
    let _env = env_read().await;
    let h = Harness::start().await;
    let html =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1> upstream went away</body></html>";
    h.expect(
        Expect::get(message_path()),
        ResponseTemplate::new(500).set_body_raw(html, "text/html"),
    )
    .await;
    let (err, api) = expect_api(h.client.api().v2010().messages().fetch(MESSAGE_SID).await);
    assert_eq!(api.status, 500);
    assert_eq!(api.body, html);
    assert_eq!(api.code, None);
    assert_eq!(api.message, None);
    assert_eq!(api.more_info, None);
    assert_eq!(err.code(), None);
    let shown = err.to_string();
    assert!(shown.contains("500") && shown.contains("upstream went away"), "{shown}");
}

#[tokio::test]
async fn a_401_without_body_is_an_api_error() {
    let _env = env_read().await;
    let h = Harness::start().await;
    h.expect(
        Expect::get(message_path()),
        ResponseTemplate::new(401).insert_header("WWW-Authenticate", "Basic realm=\"Twilio API\""),
    )
    .await;
    let (err, api) = expect_api(h.client.api().v2010().messages().fetch(MESSAGE_SID).await);
    assert_eq!(api.status, 401);
    assert_eq!(api.body, "");
    assert_eq!(api.request_id, None);
    assert_eq!(err.to_string(), "Twilio answered HTTP 401");
}

#[tokio::test]
async fn a_problem_details_body_fills_message_from_detail() {
    let _env = env_read().await;
    let h = Harness::start().await;
    h.expect(
        Expect::get("/v2/PhoneNumbers/%2B14159929960"),
        json(
            422,
            serde_json::json!({
                "type": "https://www.twilio.com/docs/errors/60606",
                "title": "Invalid parameter",
                "status": 422,
                "code": 60606,
                "detail": "Fields contains an unknown package",
                "instance": "/v2/PhoneNumbers/+14159929960"
            }),
        ),
    )
    .await;
    let (err, api) = expect_api(h.client.lookups().v2().phone_numbers().fetch("+14159929960").await);
    assert_eq!(api.code, Some(60606));
    assert_eq!(api.message.as_deref(), Some("Fields contains an unknown package"));
    assert!(err.to_string().contains("Fields contains an unknown package"));
}

#[tokio::test]
async fn a_200_with_malformed_json_is_a_decode_error_with_body_and_status() {
    let _env = env_read().await;
    let h = Harness::start().await;
    let broken = r#"{"sid": "SM0123456789abcdef0123456789abcdef", "status": "sent", "#;
    h.expect(
        Expect::get(message_path()),
        ResponseTemplate::new(200).set_body_raw(broken, "application/json"),
    )
    .await;
    let err = h.client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap_err();
    match &err {
        Error::Decode(e) => {
            assert_eq!(e.status, 200);
            assert_eq!(e.body, broken);
            assert!(e.source.is_eof(), "{}", e.source);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_eq!(err.status(), Some(200));
    assert!(std::error::Error::source(&err).is_some());
    let shown = err.to_string();
    assert!(shown.contains("HTTP 200") && shown.contains(broken), "{shown}");
}

#[tokio::test]
async fn a_201_with_a_wrongly_typed_field_is_a_decode_error() {
    let _env = env_read().await;
    let h = Harness::start().await;
    let mut body = bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued");
    body["error_code"] = "not a number".into();
    h.expect(
        Expect::post(messages_path()).form(&[("To", "+1"), ("From", "+2"), ("Body", "b")]),
        json(201, body),
    )
    .await;
    let err = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+1")
        .from("+2")
        .body("b")
        .await
        .unwrap_err();
    match err {
        Error::Decode(e) => {
            assert_eq!(e.status, 201);
            assert!(e.body.contains("not a number"));
            assert!(e.source.is_data(), "{}", e.source);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_enum_values_are_kept_as_other() {
    let _env = env_read().await;
    let h = Harness::start().await;
    let mut body = bodies::message(ACCOUNT_SID, MESSAGE_SID, "teleported");
    body["direction"] = "sideways".into();
    h.expect(Expect::get(message_path()), json(200, body)).await;
    let message = h.client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    assert_eq!(message.status, Some(MessageStatus::Other("teleported".into())));
    assert_eq!(message.status.as_ref().unwrap().as_str(), "teleported");
    assert_eq!(message.status.as_ref().unwrap().to_string(), "teleported");
    assert_eq!(message.direction, Some(MessageDirection::Other("sideways".into())));
    // Known values still decode to their variants.
    assert_eq!(
        MessageStatus::from("partially_delivered"),
        MessageStatus::PartiallyDelivered
    );
}

#[tokio::test]
async fn missing_and_null_nullable_fields_decode_to_none() {
    let _env = env_read().await;
    let h = Harness::start().await;
    // Only a few fields present; the others missing or null. Unknown fields are ignored.
    h.expect(
        Expect::get(message_path()),
        json(
            200,
            serde_json::json!({
                "sid": MESSAGE_SID,
                "status": null,
                "price": null,
                "date_sent": null,
                "date_updated": "",
                "subresource_uris": null,
                "a_field_twilio_added_later": {"nested": [1, 2, 3]}
            }),
        ),
    )
    .await;
    let message = h.client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    assert_eq!(message.sid.as_deref(), Some(MESSAGE_SID));
    assert_eq!(message.status, None);
    assert_eq!(message.price, None);
    assert_eq!(message.date_sent, None);
    assert_eq!(message.date_updated, None);
    assert_eq!(message.date_created, None);
    assert_eq!(message.body, None);
    assert_eq!(message.error_code, None);
    assert_eq!(message.direction, None);
    assert!(message.subresource_uris.is_none());
}

#[tokio::test]
async fn debug_output_never_contains_the_auth_token() {
    let _env = env_read().await;
    let h = Harness::start().await;
    let client = &h.client;
    let api_key_client =
        twilio::Client::builder_with_api_key(ACCOUNT_SID, "SK0123456789abcdef0123456789abcdef", "api-key-secret-xyz")
            .build();
    let builder = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN).timeout(Duration::from_secs(3));
    let create = client.api().v2010().messages().create("+1").from("+2").body("hello");
    let list = client.api().v2010().messages().list().limit(3);
    let verification = client.verify().v2().service("VA1").verifications().create("+1", "sms");
    let shown = format!(
        "{client:?} {client:#?} {api_key_client:?} {builder:?} {create:?} {list:?} {verification:?} {:?} {:?}",
        client.api().v2010(),
        client.api().v2010().account("ACsub").messages(),
    );
    assert!(!shown.contains(AUTH_TOKEN), "{shown}");
    assert!(!shown.contains("api-key-secret-xyz"), "{shown}");
    assert!(shown.contains(ACCOUNT_SID), "{shown}");

    // Nor in errors produced by requests made with it.
    h.expect(
        Expect::get(message_path()),
        ResponseTemplate::new(403).set_body_string("forbidden"),
    )
    .await;
    let err = client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap_err();
    let shown = format!("{err:?} {err}");
    assert!(!shown.contains(AUTH_TOKEN), "{shown}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let _env = env_read().await;
    // Bind and drop a listener to get a local port with nothing behind it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build();
    match client.api().v2010().messages().fetch(MESSAGE_SID).await {
        Err(Error::Transport(e)) => {
            assert_eq!(e.kind(), TransportErrorKind::Connect, "{e}");
            assert!(!e.to_string().contains(AUTH_TOKEN));
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let _env = env_read().await;
    let h = Harness::start().await;
    h.expect(
        Expect::get(message_path()),
        json(200, bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent")).set_delay(Duration::from_secs(3)),
    )
    .await;
    let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(h.uri())
        .timeout(Duration::from_millis(200))
        .build();
    match client.api().v2010().messages().fetch(MESSAGE_SID).await {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Timeout, "{e}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

/// Restores the Twilio environment variables when dropped, even if the test panics.
struct EnvRestore(Vec<(&'static str, Option<String>)>);

impl Drop for EnvRestore {
    fn drop(&mut self) {
        for (name, value) in &self.0 {
            match value {
                Some(v) => std::env::set_var(name, v),
                None => std::env::remove_var(name),
            }
        }
    }
}

#[tokio::test]
async fn from_env_names_the_missing_variable_and_reads_both_credential_kinds() {
    let _env = ENV.write().await;
    const VARS: [&str; 4] = [
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
    ];
    let _restore = EnvRestore(VARS.iter().map(|&v| (v, std::env::var(v).ok())).collect());
    for var in VARS {
        std::env::remove_var(var);
    }
    let config_error = || match twilio::Client::from_env() {
        Err(Error::Config(msg)) => msg,
        Err(other) => panic!("expected Error::Config, got {other:?}"),
        Ok(client) => panic!("expected an error, got {client:?}"),
    };

    // Nothing set: the account SID is missing.
    assert!(config_error().contains("TWILIO_ACCOUNT_SID"));

    // Account SID but no credentials: the auth token is missing.
    std::env::set_var("TWILIO_ACCOUNT_SID", ACCOUNT_SID);
    let msg = config_error();
    assert!(msg.contains("TWILIO_AUTH_TOKEN"), "{msg}");

    // An empty value counts as unset.
    std::env::set_var("TWILIO_AUTH_TOKEN", "");
    assert!(config_error().contains("TWILIO_AUTH_TOKEN"));

    // An API key without its secret: the secret is missing.
    std::env::set_var("TWILIO_API_KEY", "SK0123456789abcdef0123456789abcdef");
    let msg = config_error();
    assert!(msg.contains("TWILIO_API_SECRET"), "{msg}");
    let shown = twilio::Client::from_env().unwrap_err().to_string();
    assert!(
        shown.starts_with("client configuration: ") && shown.contains("TWILIO_API_SECRET"),
        "{shown}"
    );

    let h = Harness::start().await;
    h.expect(
        Expect::get(message_path()).basic_auth("SK0123456789abcdef0123456789abcdef", "env-api-secret"),
        json(200, bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent")),
    )
    .await;
    h.expect(
        Expect::get(message_path()).basic_auth(ACCOUNT_SID, "env-auth-token"),
        json(200, bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent")),
    )
    .await;

    // API key and secret: the key authenticates, the account SID still fills the path.
    std::env::set_var("TWILIO_API_SECRET", "env-api-secret");
    let client = twilio::ClientBuilder::from_env().unwrap().base_url(h.uri()).build();
    assert_eq!(client.account_sid(), ACCOUNT_SID);
    assert!(!format!("{client:?}").contains("env-api-secret"));
    client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();

    // Account SID and auth token.
    std::env::remove_var("TWILIO_API_KEY");
    std::env::remove_var("TWILIO_API_SECRET");
    std::env::set_var("TWILIO_AUTH_TOKEN", "env-auth-token");
    assert_eq!(twilio::Client::from_env().unwrap().account_sid(), ACCOUNT_SID);
    let client = twilio::ClientBuilder::from_env().unwrap().base_url(h.uri()).build();
    assert!(!format!("{client:?}").contains("env-auth-token"));
    client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
}
