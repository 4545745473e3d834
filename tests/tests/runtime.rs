//! The client runtime under faults: retries, timeouts, cancellation, region/edge routing,
//! credentials, next-link safety, and secrets kept out of Debug output and traces.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use twilio::runtime::transport::{HttpRequest, HttpResponse, Transport, TransportFuture};
use twilio::{Client, Error, RetryPolicy, TransportErrorKind};
use twilio_e2e::support::Captured;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "runtime-test-secret-token-1234";
const MESSAGE: &str = r#"{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued"}"#;

/// Fast retries so that the tests take milliseconds.
fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base: Duration::from_millis(5),
        cap: Duration::from_millis(40),
    }
}

fn client_for(server: &MockServer) -> Client {
    Client::builder(SID, TOKEN)
        .base_url(server.uri())
        .retry_policy(quick_retries())
        .build()
}

fn message_path() -> String {
    format!("/2010-04-01/Accounts/{SID}/Messages/SM1.json")
}

fn messages_path() -> String {
    format!("/2010-04-01/Accounts/{SID}/Messages.json")
}

#[tokio::test]
async fn status_429_with_retry_after_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(messages_path()))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(messages_path()))
        .respond_with(ResponseTemplate::new(201).set_body_raw(MESSAGE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let message = client_for(&server)
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+1")
        .body("b")
        .await;
    assert!(message.unwrap().sid.is_some());
    // Retry-After: 1 s is honoured up to the 40 ms cap.
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn status_429_without_retry_after_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(MESSAGE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server).api().v2010().messages().fetch("SM1").await.unwrap();
}

#[tokio::test]
async fn status_503_twice_then_success_for_a_get() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(message_path()))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(message_path()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(MESSAGE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    client_for(&server).api().v2010().messages().fetch("SM1").await.unwrap();
}

#[tokio::test]
async fn retries_give_up_after_the_configured_count() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .expect(4)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .api()
        .v2010()
        .messages()
        .fetch("SM1")
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert!(err.is_retryable());
}

#[tokio::test]
async fn a_post_answered_500_or_503_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let messages = client.api().v2010().messages();
    let first = messages.create("+1").from("+2").body("b").await.unwrap_err();
    assert_eq!(first.status(), Some(500));
    let second = messages.create("+1").from("+2").body("b").await.unwrap_err();
    assert_eq!(second.status(), Some(503));
}

#[tokio::test]
async fn other_4xx_are_never_retried_and_disabled_policy_means_one_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .expect(1)
        .mount(&server)
        .await;
    let err = client_for(&server)
        .api()
        .v2010()
        .messages()
        .fetch("SM1")
        .await
        .unwrap_err();
    assert!(err.is_not_found() && !err.is_retryable());

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server).with_retry_policy(RetryPolicy::disabled());
    assert_eq!(
        client.api().v2010().messages().fetch("SM1").await.unwrap_err().status(),
        Some(429)
    );
}

/// A server that breaks the first connection in the middle of a response, then answers.
async fn flaky_server(full_response: &'static str) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let _ = socket.read(&mut buf).await;
                if n == 0 {
                    // Headers promise 500 bytes; send a few and hang up.
                    let partial =
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"sid\":";
                    let _ = socket.write_all(partial.as_bytes()).await;
                    drop(socket);
                } else {
                    let response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                        full_response.len(),
                        full_response
                    );
                    let _ = socket.write_all(response.as_bytes()).await;
                }
            });
        }
    });
    (address, connections)
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_retried_for_a_get() {
    let (address, connections) = flaky_server(MESSAGE).await;
    let client = Client::builder(SID, TOKEN)
        .base_url(&address)
        .retry_policy(quick_retries())
        .build();
    let message = client.api().v2010().messages().fetch("SM1").await.unwrap();
    assert_eq!(message.sid.as_deref(), Some("SM0123456789abcdef0123456789abcdef"));
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_not_retried_for_a_post() {
    let (address, connections) = flaky_server(MESSAGE).await;
    let client = Client::builder(SID, TOKEN)
        .base_url(&address)
        .retry_policy(quick_retries())
        .build();
    let err = client
        .api()
        .v2010()
        .messages()
        .create("+1")
        .from("+2")
        .body("b")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn slow_responses_time_out_and_the_timeout_can_be_overridden_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(MESSAGE, "application/json")
                .set_delay(Duration::from_millis(400)),
        )
        .mount(&server)
        .await;
    let client = Client::builder(SID, TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(100))
        .build();
    let started = Instant::now();
    let err = client.api().v2010().messages().fetch("SM1").await.unwrap_err();
    let Error::Transport(transport) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert!(err.is_retryable());
    assert!(
        started.elapsed() < Duration::from_millis(390),
        "timeouts are not retried: {:?}",
        started.elapsed()
    );
    // The same request with a longer timeout, for this call only.
    let patient = client.with_timeout(Duration::from_secs(5));
    patient.api().v2010().messages().fetch("SM1").await.unwrap();
    assert!(
        client.api().v2010().messages().fetch("SM1").await.is_err(),
        "the original client keeps its timeout"
    );
}

/// Records requests and answers from a script; never touches the network.
#[derive(Clone, Default)]
struct Recorder {
    urls: Arc<Mutex<Vec<String>>>,
    auth: Arc<Mutex<Vec<String>>>,
    replies: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn replying(replies: &[&str]) -> Self {
        let r = Recorder::default();
        r.replies.lock().unwrap().extend(replies.iter().map(|s| s.to_string()));
        r
    }
    fn urls(&self) -> Vec<String> {
        self.urls.lock().unwrap().clone()
    }
}

impl Transport for Recorder {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        self.urls.lock().unwrap().push(request.url.clone());
        let auth = request
            .headers
            .iter()
            .find(|(n, _)| *n == "Authorization")
            .map(|(_, v)| v.clone());
        self.auth.lock().unwrap().extend(auth);
        let mut replies = self.replies.lock().unwrap();
        let body = if replies.is_empty() {
            MESSAGE.to_owned()
        } else {
            replies.remove(0)
        };
        Box::pin(async move { Ok(HttpResponse::new(200, Vec::new(), body.into_bytes())) })
    }
}

#[tokio::test]
async fn region_and_edge_select_the_host_including_for_followed_links() {
    let v2010_pages = [
        r#"{"messages": [{"sid": "SM1"}], "next_page_uri": "/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA1"}"#,
        r#"{"messages": [{"sid": "SM2"}], "next_page_uri": null}"#,
    ];
    let recorder = Recorder::replying(&v2010_pages);
    let client = Client::builder(SID, TOKEN)
        .region("au1")
        .edge("sydney")
        .transport(recorder.clone())
        .build();
    let sids: Vec<_> = client
        .api()
        .v2010()
        .messages()
        .list()
        .stream()
        .map(|m| m.unwrap().sid.unwrap())
        .collect()
        .await;
    assert_eq!(sids, ["SM1", "SM2"]);
    assert_eq!(
        recorder.urls(),
        [
            format!("https://api.sydney.au1.twilio.com/2010-04-01/Accounts/{SID}/Messages.json"),
            "https://api.sydney.au1.twilio.com/2010-04-01/Accounts/AC1/Messages.json?Page=1&PageToken=PA1".to_owned(),
        ]
    );

    // meta links name the canonical host; they are rewritten too. An edge alone implies us1.
    let meta_pages = [
        r#"{"meta": {"next_page_url": "https://verify.twilio.com/v2/Services?PageSize=50&Page=1&PageToken=PT1"}, "services": [{"sid": "VA1"}]}"#,
        r#"{"meta": {"next_page_url": null}, "services": [{"sid": "VA2"}]}"#,
    ];
    let recorder = Recorder::replying(&meta_pages);
    let client = Client::builder(SID, TOKEN)
        .edge("dublin")
        .transport(recorder.clone())
        .build();
    let count = client.verify().v2().services().list().stream().count().await;
    assert_eq!(count, 2);
    assert_eq!(
        recorder.urls(),
        [
            "https://verify.dublin.us1.twilio.com/v2/Services",
            "https://verify.dublin.us1.twilio.com/v2/Services?PageSize=50&Page=1&PageToken=PT1",
        ]
    );
}

#[tokio::test]
async fn the_base_url_wins_over_region_and_edge() {
    let recorder = Recorder::default();
    let client = Client::builder(SID, TOKEN)
        .region("ie1")
        .edge("dublin")
        .base_url("http://127.0.0.1:9")
        .transport(recorder.clone())
        .build();
    client
        .lookups()
        .v2()
        .phone_numbers()
        .fetch("+15558675310")
        .await
        .unwrap();
    assert_eq!(recorder.urls(), ["http://127.0.0.1:9/v2/PhoneNumbers/%2B15558675310"]);
}

#[tokio::test]
async fn api_keys_authenticate_as_key_and_secret_on_the_given_account() {
    let server = MockServer::start().await;
    let expected = format!("Basic {}", base64_of("SK0123456789abcdef0123456789abcdef:key-secret"));
    Mock::given(method("GET"))
        .and(path(message_path()))
        .and(header("Authorization", expected.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_raw(MESSAGE, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder_with_api_key(SID, "SK0123456789abcdef0123456789abcdef", "key-secret")
        .base_url(server.uri())
        .build();
    client.api().v2010().messages().fetch("SM1").await.unwrap();
    assert!(!format!("{client:?}").contains("key-secret"));
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn a_subaccount_view_scopes_every_account_path() {
    let recorder = Recorder::default();
    let client = Client::builder(SID, TOKEN).transport(recorder.clone()).build();
    let sub = client.account("ACsub");
    sub.api().v2010().messages().fetch("SM1").await.unwrap();
    sub.api().v2010().calls().fetch("CA1").await.unwrap();
    client.api().v2010().messages().fetch("SM1").await.unwrap();
    let urls = recorder.urls();
    assert!(urls[0].ends_with("/Accounts/ACsub/Messages/SM1.json"), "{urls:?}");
    assert!(urls[1].ends_with("/Accounts/ACsub/Calls/CA1.json"), "{urls:?}");
    assert!(urls[2].contains(SID), "the original client is unchanged: {urls:?}");
    assert_eq!(sub.account_sid(), "ACsub");
}

#[tokio::test]
async fn a_hostile_next_link_is_refused_before_any_credentials_leave() {
    let pages =
        [r#"{"meta": {"next_page_url": "https://evil.example.com/v2/Services?Page=1"}, "services": [{"sid": "VA1"}]}"#];
    let recorder = Recorder::replying(&pages);
    let client = Client::builder(SID, TOKEN).transport(recorder.clone()).build();
    let results: Vec<_> = client.verify().v2().services().list().stream().collect().await;
    assert_eq!(results.len(), 2, "the page's record, then the refusal: {results:?}");
    assert_eq!(results[0].as_ref().unwrap().sid.as_deref(), Some("VA1"));
    let err = results[1].as_ref().unwrap_err();
    assert!(err.to_string().contains("evil.example.com"), "{err}");
    assert_eq!(recorder.urls(), ["https://verify.twilio.com/v2/Services"]);
}

#[tokio::test]
async fn a_next_link_that_repeats_itself_ends_the_stream() {
    let again =
        r#"{"meta": {"next_page_url": "https://verify.twilio.com/v2/Services?Page=1"}, "services": [{"sid": "VA1"}]}"#;
    let recorder = Recorder::replying(&[again, again, again]);
    let client = Client::builder(SID, TOKEN).transport(recorder.clone()).build();
    let count = client.verify().v2().services().list().stream().count().await;
    assert_eq!(count, 2);
    assert_eq!(recorder.urls().len(), 2);
}

/// A transport whose response never arrives; records when its future is dropped.
struct Hanging(Arc<AtomicBool>);

struct DropFlag(Arc<AtomicBool>);
impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Transport for Hanging {
    fn send(&self, _request: HttpRequest) -> TransportFuture {
        let flag = DropFlag(self.0.clone());
        Box::pin(async move {
            let _flag = flag;
            std::future::pending::<()>().await;
            unreachable!()
        })
    }
}

#[tokio::test]
async fn dropping_the_future_cancels_the_request() {
    let dropped = Arc::new(AtomicBool::new(false));
    let client = Client::builder(SID, TOKEN).transport(Hanging(dropped.clone())).build();
    let outcome = tokio::time::timeout(
        Duration::from_millis(50),
        client.api().v2010().messages().fetch("SM1").send(),
    )
    .await;
    assert!(outcome.is_err());
    assert!(
        dropped.load(Ordering::SeqCst),
        "the in-flight request was dropped with the future"
    );
}

#[tokio::test]
async fn response_metadata_carries_status_headers_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(MESSAGE, "application/json")
                .insert_header("Twilio-Request-Id", "RQ0123456789abcdef0123456789abcdef"),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let messages = client_for(&server).api().v2010().messages();
    let response = messages.fetch("SM1").send_with_metadata().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.request_id(), Some("RQ0123456789abcdef0123456789abcdef"));
    assert_eq!(response.body.sid.as_deref(), Some("SM0123456789abcdef0123456789abcdef"));
    let deleted = messages.delete("SM1").send_with_metadata().await.unwrap();
    assert_eq!(deleted.status, 204);
}

/// Collects everything a tracing subscriber prints.

#[tokio::test(flavor = "current_thread")]
async fn traces_describe_requests_without_secrets_or_sensitive_values() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_raw(r#"{"sid": "VE1", "status": "approved"}"#, "application/json")
                .insert_header("Twilio-Request-Id", "RQ42"),
        )
        .mount(&server)
        .await;
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = client_for(&server);
    let check = client
        .verify()
        .v2()
        .service("VA1")
        .verification_checks()
        .create()
        .code("918273")
        .to("+15558675310");
    assert!(
        !format!("{check:?}").contains("918273"),
        "sensitive values are redacted in Debug"
    );
    check.await.unwrap();

    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(output.contains("verify.v2.verification_check.create"), "{output}");
    assert!(
        output.contains(r#"path="/v2/Services/{ServiceSid}/VerificationCheck""#),
        "{output}"
    );
    assert!(
        output.contains("attempt=2") && output.contains("status=429"),
        "{output}"
    );
    assert!(output.contains(r#"request_id="RQ42""#), "{output}");
    for secret in [TOKEN, "918273", "+15558675310", &base64_of(&format!("{SID}:{TOKEN}"))] {
        assert!(!output.contains(secret), "trace output leaks {secret}: {output}");
    }
}

#[test]
fn secrets_stay_out_of_debug_and_display() {
    let client = Client::builder(SID, TOKEN).region("au1").build();
    let views = [
        client.clone(),
        client.account("ACsub"),
        client.with_timeout(Duration::from_secs(1)),
    ];
    for view in views {
        let shown = format!("{view:?} {view:#?}");
        assert!(!shown.contains(TOKEN), "{shown}");
    }
    let error = Error::InvalidRequest("x".into());
    assert!(!format!("{error} {error:?}").contains(TOKEN));
}

#[tokio::test]
async fn region_and_edge_come_from_the_environment_unless_set_explicitly() {
    // The only test in this binary that touches the environment.
    std::env::set_var("TWILIO_ACCOUNT_SID", SID);
    std::env::set_var("TWILIO_AUTH_TOKEN", TOKEN);
    std::env::set_var("TWILIO_REGION", "ie1");
    std::env::set_var("TWILIO_EDGE", "dublin");
    let recorder = Recorder::default();
    let from_env = twilio::ClientBuilder::from_env()
        .unwrap()
        .transport(recorder.clone())
        .build();
    from_env.api().v2010().messages().fetch("SM1").await.unwrap();
    let explicit = twilio::ClientBuilder::from_env()
        .unwrap()
        .region("au1")
        .edge("sydney")
        .transport(recorder.clone());
    explicit.build().api().v2010().messages().fetch("SM1").await.unwrap();
    for var in [
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_REGION",
        "TWILIO_EDGE",
    ] {
        std::env::remove_var(var);
    }
    let urls = recorder.urls();
    assert!(
        urls[0].starts_with("https://api.dublin.ie1.twilio.com/2010-04-01/"),
        "{urls:?}"
    );
    assert!(
        urls[1].starts_with("https://api.sydney.au1.twilio.com/2010-04-01/"),
        "{urls:?}"
    );
}

/// Flex Insights operations take their own `Authorization` header (a Flex token). When the caller
/// sets it, that header is sent once, in place of the client's credentials, and never shows in
/// the builder's `Debug` output.
#[tokio::test]
async fn an_operations_own_authorization_header_replaces_the_credentials() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/Insights/QualityManagement/Assessments"))
        .respond_with(
            ResponseTemplate::new(200).set_body_string(r#"{"assessments": [], "meta": {"next_page_url": null}}"#),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let request = client
        .flex()
        .v1()
        .assessments()
        .list()
        .authorization("Token flex-insights-token-42");
    assert!(
        !format!("{request:?}").contains("flex-insights-token-42"),
        "{request:?}"
    );
    request.send().await.unwrap();
    // Without it, the same operation sends the client's Basic credentials.
    client.flex().v1().assessments().list().send().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let authorizations = |i: usize| -> Vec<String> {
        requests[i]
            .headers
            .get_all("authorization")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(authorizations(0), ["Token flex-insights-token-42"]);
    let basic = authorizations(1);
    assert_eq!(basic.len(), 1);
    assert!(basic[0].starts_with("Basic "), "{basic:?}");
}

/// Bulk Exports answers a day's fetch with `307` and the file's address: that is the answer,
/// not a redirect to follow (with the credentials) to another host.
#[tokio::test(flavor = "current_thread")]
async fn an_operation_that_answers_with_a_redirect_is_not_followed() {
    let server = MockServer::start().await;
    let target = "https://exports.example.com/AC1/2024-01-31.json.gz";
    Mock::given(method("GET"))
        .and(path("/v1/Exports/Messages/Days/2024-01-31"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", target)
                .set_body_raw(format!(r#"{{"redirect_to": "{target}"}}"#), "application/json"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    // A bare redirect: the address is in `Location` alone.
    Mock::given(method("GET"))
        .and(path("/v1/Exports/Messages/Days/2024-01-31"))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", target))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let days = client.bulkexports().v1().export("Messages").days();
    for _ in 0..2 {
        let day = days.fetch("2024-01-31").await.unwrap();
        assert_eq!(day.redirect_to.as_deref(), Some(target));
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "nothing followed the redirect"
    );

    // Any other operation answered with a redirect fails, unfollowed.
    Mock::given(method("GET"))
        .and(path(message_path()))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", target))
        .mount(&server)
        .await;
    let err = client.api().v2010().messages().fetch("SM1").await.unwrap_err();
    assert_eq!(err.status(), Some(302), "{err}");
}
