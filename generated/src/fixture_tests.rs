//! The generator's fixture snapshots (`generator/tests/snapshots/`), compiled inside this crate
//! and driven through a recording transport. This proves the snapshots compile against the
//! real runtime and pins down wire details the real products do not use yet (JSON bodies,
//! header parameters, prefixed maps, custom actions, PUT updates).

#[path = "../../generator/tests/snapshots/mod.rs"]
#[rustfmt::skip]
#[allow(dead_code, unused_imports, clippy::all)]
mod snapshots;

use std::sync::{Arc, Mutex};

use crate::runtime::error::TransportError;
use crate::runtime::request::Method;
use crate::runtime::transport::{HttpRequest, HttpResponse, Transport, TransportFuture};
use crate::Client;

/// What the transport saw, with the body decoded as text.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    url: String,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
    replies: Arc<Mutex<Vec<(u16, String)>>>,
}

impl Recorder {
    fn reply(&self, status: u16, body: &str) -> &Self {
        self.replies.lock().unwrap().push((status, body.to_owned()));
        self
    }
    fn last(&self) -> Seen {
        self.seen.lock().unwrap().last().cloned().expect("a request was sent")
    }
    fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

impl Transport for Recorder {
    fn send(&self, request: HttpRequest) -> TransportFuture {
        self.seen.lock().unwrap().push(Seen {
            method: request.method,
            url: request.url,
            headers: request.headers,
            body: request.body.map(|b| String::from_utf8(b).unwrap()),
        });
        let mut replies = self.replies.lock().unwrap();
        let (status, body) = if replies.is_empty() {
            (200, "{}".to_owned())
        } else {
            replies.remove(0)
        };
        Box::pin(async move { Ok::<_, TransportError>(HttpResponse::new(status, Vec::new(), body.into_bytes())) })
    }
}

fn client(recorder: &Recorder) -> Client {
    Client::builder("AC0123456789abcdef0123456789abcdef", "s3cret-auth")
        .transport(recorder.clone())
        .build()
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

const WIDGET: &str = r#"{"sid": "WD0123456789abcdef0123456789abcdef", "type": "round", "status": "unknown",
    "secret": "s3cr3t", "dimensions": {"width": 3, "unit": "cm"}, "tags": ["a"], "links": {"parts": "https://x"},
    "attributes": {"k": [1]}, "price": "-0.10", "date_created": "2024-01-31T10:00:00Z", "accountSid": "AC1"}"#;

#[test]
fn json_body_operations_send_json() {
    let recorder = Recorder::default();
    recorder.reply(201, WIDGET);
    let widget = block_on(
        client(&recorder)
            .fixture()
            .v1()
            .widgets()
            .create("My widget")
            .dimensions(3)
            .dimensions(4)
            .types(serde_json::json!({"twilio/text": {"body": "hi"}}))
            .send(),
    )
    .unwrap();
    let seen = recorder.last();
    assert_eq!(seen.method, Method::Post);
    assert_eq!(seen.url, "https://fixture.twilio.com/v1/Widgets");
    assert_eq!(seen.header("Content-Type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_str(seen.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"friendlyName": "My widget", "dimensions": [3, 4], "types": {"twilio/text": {"body": "hi"}}})
    );
    assert_eq!(widget.type_.as_deref(), Some("round"));
    assert_eq!(widget.status, Some(snapshots::fixture::v1::WidgetStatus::Unknown));
    assert_eq!(widget.account_sid.as_deref(), Some("AC1"));
    assert_eq!(widget.dimensions.as_ref().unwrap().unit, "cm");
    assert_eq!(widget.price.as_ref().unwrap().as_str(), "-0.10");
}

#[test]
fn inputs_are_sent_as_json_objects() {
    use snapshots::fixture::v1::{Assembly, Part, WidgetStatus};
    let recorder = Recorder::default();
    recorder.reply(201, WIDGET);
    let wheel = Part::new("wheel", 4)
        .status(WidgetStatus::InProgress)
        .labels("front")
        .labels("rear");
    let assembly = Assembly::new([wheel.clone(), Part::new("axle", 2)])
        .spare(Part::new("wheel", 1))
        .key("k3y-s3cr3t")
        .type_("car");
    let builder = client(&recorder)
        .fixture()
        .v1()
        .widgets()
        .create("My widget")
        .assembly(assembly.clone())
        .extras(wheel)
        .extras(Part::new("seat", 5));
    // The key is a sensitive member: neither the input's nor the builder's `Debug` shows it.
    for shown in [format!("{assembly:?}"), format!("{builder:?}")] {
        assert!(!shown.contains("k3y-s3cr3t"), "{shown}");
    }
    assert!(format!("{assembly:?}").contains("axle"));
    block_on(builder.send()).unwrap();
    let seen = recorder.last();
    let body: serde_json::Value = serde_json::from_str(seen.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "friendlyName": "My widget",
            "assembly": {
                "parts": [
                    {"name": "wheel", "count": 4, "status": "in-progress", "labels": ["front", "rear"]},
                    {"name": "axle", "count": 2},
                ],
                "spare": {"name": "wheel", "count": 1},
                "key": "k3y-s3cr3t",
                "type": "car",
            },
            "extras": [
                {"name": "wheel", "count": 4, "status": "in-progress", "labels": ["front", "rear"]},
                {"name": "seat", "count": 5},
            ],
        })
    );
    // A required list is sent even when empty; unset optional members never are.
    let empty = serde_json::to_string(&crate::__private::Scalar::to_json_value(&Assembly::new([]))).unwrap();
    assert_eq!(empty, r#"{"parts":[]}"#);
}

#[test]
fn one_of_several_inputs_is_the_whole_body_with_its_tag() {
    use snapshots::fixture::v1::{AppleIndicator, WhatsappIndicator};
    let recorder = Recorder::default();
    recorder.reply(200, r#"{"success": true}"#);
    let typing = client(&recorder).fixture().v1().typing();
    let sent = block_on(
        typing
            .create(WhatsappIndicator::new("SM0123456789abcdef0123456789abcdef"))
            .send(),
    )
    .unwrap();
    assert_eq!(sent.success, Some(true));
    let body: serde_json::Value = serde_json::from_str(recorder.last().body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"channel": "WHATSAPP", "messageId": "SM0123456789abcdef0123456789abcdef"})
    );
    // An input that may hold a secret is redacted whole in the builder's `Debug`.
    let apple = typing.create(AppleIndicator::new("apple:urn:mbid:1").secret("s3cr3t-key"));
    assert!(!format!("{apple:?}").contains("s3cr3t-key"));
    recorder.reply(200, r#"{"success": true}"#);
    block_on(apple.send()).unwrap();
    let body: serde_json::Value = serde_json::from_str(recorder.last().body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"channel": "APPLE", "to": "apple:urn:mbid:1", "secret": "s3cr3t-key"})
    );
}

#[test]
fn sensitive_values_never_show_in_debug() {
    let recorder = Recorder::default();
    recorder.reply(200, WIDGET);
    let widget = block_on(client(&recorder).fixture().v1().widgets().fetch("WD1").send()).unwrap();
    assert_eq!(widget.secret.as_deref(), Some("s3cr3t"));
    assert!(!format!("{widget:?}").contains("s3cr3t"));
    let builder = client(&recorder).fixture().v1().widgets().create("w").secret("hunter2");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("hunter2") && !shown.contains("s3cret-auth"), "{shown}");
}

#[test]
fn headers_dotted_names_and_json_text_in_forms() {
    let recorder = Recorder::default();
    recorder.reply(200, WIDGET);
    block_on(
        client(&recorder)
            .fixture()
            .v1()
            .widgets()
            .update("WD/1")
            .config_app_id("app")
            .notifications_new_template("t")
            .attributes(serde_json::json!({"a": 1}))
            .x_twilio_webhook_enabled(true)
            .type_(snapshots::fixture::v1::WidgetStatus::InProgress)
            .send(),
    )
    .unwrap();
    let seen = recorder.last();
    assert_eq!(seen.url, "https://fixture.twilio.com/v1/Widgets/WD%2F1");
    assert_eq!(seen.header("X-Twilio-Webhook-Enabled"), Some("true"));
    assert_eq!(seen.header("Content-Type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(
        seen.body.as_deref(),
        Some("Config.AppId=app&Notifications.New.Template=t&Attributes=%7B%22a%22%3A1%7D&Type=in-progress")
    );
}

#[test]
fn lists_cap_page_size_and_flatten_prefixed_maps() {
    let recorder = Recorder::default();
    recorder.reply(
        200,
        &format!(r#"{{"meta": {{"next_page_url": null, "key": "widgets"}}, "widgets": [{WIDGET}]}}"#),
    );
    let page = block_on(
        client(&recorder)
            .fixture()
            .v1()
            .widgets()
            .list()
            .status(snapshots::fixture::v1::WidgetStatus::Other("new-state".into()))
            .add_ons("lookup.first", "x y")
            .page_size(500)
            .send(),
    )
    .unwrap();
    assert_eq!(page.records.len(), 1);
    let seen = recorder.last();
    assert_eq!(
        seen.url,
        "https://fixture.twilio.com/v1/Widgets?Status=new-state&AddOns.lookup.first=x+y&PageSize=50"
    );
    assert_eq!(seen.header("Content-Type"), None);
    assert_eq!(seen.body, None);
}

#[test]
fn custom_actions_and_other_verbs() {
    let recorder = Recorder::default();
    recorder
        .reply(200, WIDGET)
        .reply(204, "")
        .reply(200, r#"{"sid": "PT1", "line_type": "UNKNOWN_TYPE"}"#);
    let fixture = client(&recorder).fixture().v1();
    block_on(fixture.widgets().approve("WD1").reason("ok").send()).unwrap();
    assert_eq!(recorder.last().url, "https://fixture.twilio.com/v1/Widgets/WD1");
    assert_eq!(recorder.last().body.as_deref(), Some("Reason=ok"));
    block_on(fixture.widgets().reset("WD1").send()).unwrap();
    assert_eq!(recorder.last().method, Method::Delete);
    assert_eq!(recorder.last().url, "https://fixture.twilio.com/v1/Widgets/WD1/State");
    assert_eq!(recorder.last().header("Accept"), None);
    // The type names carry the resource's name (`widget_part`), the accessors its own.
    let parts: snapshots::fixture::v1::WidgetParts = fixture.widget("WD1").parts();
    let update: snapshots::fixture::v1::UpdateWidgetPart =
        parts.update("PT1", snapshots::fixture::v1::LineType::TollFree);
    let part: snapshots::fixture::v1::WidgetPart = block_on(update.send()).unwrap();
    let seen = recorder.last();
    assert_eq!(
        (seen.method, seen.url.as_str()),
        (Method::Put, "https://fixture.twilio.com/v1/Widgets/WD1/Parts/PT1")
    );
    assert_eq!(seen.body.as_deref(), Some("LineType=tollFree"));
    assert_eq!(part.line_type, Some(snapshots::fixture::v1::LineType::UnknownType));
    // A create that names its instance and answers nothing.
    recorder.reply(204, "");
    block_on(parts.create("PT2").label("lbl_1").send()).unwrap();
    let seen = recorder.last();
    assert_eq!(
        (seen.method, seen.url.as_str(), seen.body.as_deref()),
        (
            Method::Post,
            "https://fixture.twilio.com/v1/Widgets/WD1/Parts/PT2",
            Some("Label=lbl_1")
        )
    );

    // Below the collection handle: a path that adds no parameter to the parent's.
    recorder.reply(200, r#"{"exports": [{"url": "https://example.com/e1"}], "meta": {}}"#);
    let exports = block_on(fixture.widgets().exports().list().send()).unwrap();
    assert_eq!(recorder.last().url, "https://fixture.twilio.com/v1/Widgets/Exports");
    assert_eq!(exports.records[0].url.as_deref(), Some("https://example.com/e1"));
    // A delete on the whole collection.
    recorder.reply(204, "");
    let before = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    block_on(fixture.widgets().exports().delete().before(before).send()).unwrap();
    assert_eq!(
        (recorder.last().method, recorder.last().url.as_str()),
        (
            Method::Delete,
            "https://fixture.twilio.com/v1/Widgets/Exports?Before=2024-01-31"
        )
    );
    // A singleton: one handle, methods without an instance argument.
    recorder.reply(200, r#"{"enabled": true}"#);
    let settings: snapshots::fixture::v1::SettingsHandle = fixture.settings();
    let updated = block_on(settings.update().enabled(true).send()).unwrap();
    assert_eq!(
        (recorder.last().method, recorder.last().url.as_str()),
        (Method::Post, "https://fixture.twilio.com/v1/Settings")
    );
    assert_eq!(recorder.last().body.as_deref(), Some("Enabled=true"));
    assert_eq!(updated.enabled, Some(true));
    // A typed path parameter: the argument is an integer, the path holds its text.
    recorder.reply(200, r#"{"number": 3}"#);
    let revision = block_on(fixture.widget("WD1").revisions().fetch(3).send()).unwrap();
    assert_eq!(
        recorder.last().url,
        "https://fixture.twilio.com/v1/Widgets/WD1/Revisions/3"
    );
    assert_eq!(revision.number, Some(3));
    // A date in the path goes as `YYYY-MM-DD`.
    recorder.reply(200, r#"{"day": "2024-01-31"}"#);
    let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    let fetched = block_on(fixture.widget("WD1").days().fetch(day).send()).unwrap();
    assert_eq!(
        recorder.last().url,
        "https://fixture.twilio.com/v1/Widgets/WD1/Days/2024-01-31"
    );
    assert_eq!(fetched.day, Some(day));
}

#[test]
fn missing_non_nullable_fields_are_decode_errors() {
    let recorder = Recorder::default();
    recorder.reply(200, r#"{"phone_number": "+1", "checked_on": "2024-01-31"}"#);
    let err = block_on(
        client(&recorder)
            .fixture()
            .v1()
            .lookups()
            .fetch("+1 555")
            .fields("a")
            .fields("b")
            .send(),
    )
    .unwrap_err();
    let crate::Error::Decode(decode) = &err else {
        panic!("{err:?}")
    };
    assert!(decode.source.to_string().contains("missing field `valid`"), "{err}");
    assert_eq!(
        recorder.last().url,
        "https://fixture.twilio.com/v1/Lookups/%2B1%20555?Fields=a&Fields=b"
    );
}

#[test]
fn legacy_groups_defaults_and_range_filters() {
    let recorder = Recorder::default();
    let legacy = client(&recorder).legacy().v2010();
    let err = block_on(
        legacy
            .notes()
            .create("+15558675310")
            .from("+15017122661")
            .url("https://a")
            .send(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid request: legacy.v2010.note.create: parameter group `content` needs at least one of body (Body), media_url (MediaUrl)"
    );
    let err = block_on(
        legacy
            .notes()
            .create("+1")
            .service_sid("MG1")
            .body("b")
            .url("https://a")
            .twiml("<Response/>")
            .send(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("group `instructions` takes exactly one of url (Url), twiml (Twiml)"),
        "{err}"
    );
    assert_eq!(recorder.count(), 0, "invalid requests are never sent");

    recorder.reply(
        201,
        r#"{"sid": "NO1", "status": "queued", "date_sent": "Thu, 30 Jul 2015 20:00:00 +0000"}"#,
    );
    let sent_at = chrono::DateTime::parse_from_rfc3339("2024-01-31T03:04:05+02:00").unwrap();
    let note = block_on(
        legacy
            .account("ACsub")
            .notes()
            .create("+1 555")
            .from("+1")
            .body("b")
            .media_url("https://a")
            .media_url("https://b")
            .twiml("<Response/>")
            .send_at(sent_at)
            .send(),
    )
    .unwrap();
    assert_eq!(note.date_sent.unwrap().to_rfc3339(), "2015-07-30T20:00:00+00:00");
    let seen = recorder.last();
    assert_eq!(
        seen.url,
        "https://legacy.twilio.com/2010-04-01/Accounts/ACsub/Notes.json"
    );
    assert_eq!(
        seen.body.as_deref(),
        Some("To=%2B1+555&From=%2B1&Body=b&MediaUrl=https%3A%2F%2Fa&MediaUrl=https%3A%2F%2Fb&Twiml=%3CResponse%2F%3E&SendAt=2024-01-31T01%3A04%3A05Z")
    );

    recorder.reply(200, r#"{"notes": [], "next_page_uri": null}"#);
    let after = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    block_on(legacy.notes().list().day_after(after).date_sent_before(sent_at).send()).unwrap();
    // Parameters go out in the order they were set.
    assert_eq!(
        recorder.last().url,
        "https://legacy.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Notes.json?Day%3E=2024-01-01&DateSent%3C=2024-01-31T01%3A04%3A05Z"
    );
    recorder.reply(
        200,
        r#"{"attachment_list": [{"content_type": "image/png"}], "next_page_uri": null}"#,
    );
    let page = block_on(legacy.note("NO1").attachments().list().send()).unwrap();
    assert_eq!(page.records[0].content_type.as_deref(), Some("image/png"));
    assert!(recorder
        .last()
        .url
        .ends_with("/Accounts/AC0123456789abcdef0123456789abcdef/Notes/NO1/Attachments.json"));
}
