//! End-to-end tests of api v2010 (accounts, messages, media, calls, incoming phone numbers)
//! against a wiremock server: every method's exact request, and the decoding of realistic
//! responses.

use twilio::api::v2010::{
    AccountStatus, AccountType, CallStatus, CallUpdateStatus, IncomingPhoneNumberAddressRequirement,
    IncomingPhoneNumberEmergencyAddressStatus, IncomingPhoneNumberEmergencyStatus, IncomingPhoneNumberVoiceReceiveMode,
    MessageAddressRetention, MessageContentRetention, MessageDirection, MessageRiskCheck, MessageScheduleType,
    MessageStatus, MessageTrafficType, MessageUpdateStatus,
};
use twilio::{Decimal, Error, HttpMethod};
use twilio_e2e::support::{
    account_path, bodies, json, no_content, plus_two, utc, Expect, Harness, ACCOUNT_SID, AUTH_TOKEN, SUBACCOUNT_SID,
};

const MESSAGE_SID: &str = "SM0123456789abcdef0123456789abcdef";
const MMS_SID: &str = "MM0123456789abcdef0123456789abcdef";
const MEDIA_SID: &str = "ME0123456789abcdef0123456789abcdef";
const CALL_SID: &str = "CA0123456789abcdef0123456789abcdef";
const NUMBER_SID: &str = "PN0123456789abcdef0123456789abcdef";

fn messages_path(account: &str) -> String {
    format!("{}/Messages.json", account_path(account))
}
fn message_path(account: &str, sid: &str) -> String {
    format!("{}/Messages/{sid}.json", account_path(account))
}
fn calls_path(account: &str) -> String {
    format!("{}/Calls.json", account_path(account))
}
fn call_path(account: &str, sid: &str) -> String {
    format!("{}/Calls/{sid}.json", account_path(account))
}
fn numbers_path(account: &str) -> String {
    format!("{}/IncomingPhoneNumbers.json", account_path(account))
}
fn number_path(account: &str, sid: &str) -> String {
    format!("{}/IncomingPhoneNumbers/{sid}.json", account_path(account))
}

fn assert_invalid_request(err: Error, needles: &[&str]) {
    match &err {
        Error::InvalidRequest(msg) => {
            for needle in needles {
                assert!(msg.contains(needle), "{msg:?} should mention {needle:?}");
            }
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn account_create_posts_friendly_name_and_decodes_the_subaccount() {
    let h = Harness::start().await;
    h.expect(
        Expect::post("/2010-04-01/Accounts.json").form(&[("FriendlyName", "Sub & account #1")]),
        json(
            201,
            bodies::account(SUBACCOUNT_SID, ACCOUNT_SID, "Sub & account #1", "active"),
        ),
    )
    .await;

    let account = h
        .client
        .api()
        .v2010()
        .accounts()
        .create()
        .friendly_name("Sub & account #1")
        .await
        .unwrap();

    assert_eq!(account.sid.as_deref(), Some(SUBACCOUNT_SID));
    assert_eq!(account.owner_account_sid.as_deref(), Some(ACCOUNT_SID));
    assert_eq!(account.friendly_name.as_deref(), Some("Sub & account #1"));
    assert_eq!(account.status, Some(AccountStatus::Active));
    assert_eq!(account.type_, Some(AccountType::Full));
    assert_eq!(account.date_created, Some(utc(2015, 7, 30, 20, 0, 0)));
    assert_eq!(account.auth_token.as_deref(), Some("subaccount-auth-token-0000"));
    let uris = account.subresource_uris.as_ref().unwrap();
    assert_eq!(
        uris["messages"],
        format!("/2010-04-01/Accounts/{SUBACCOUNT_SID}/Messages.json")
    );
    // The sensitive auth_token never shows in Debug output.
    let shown = format!("{account:?}");
    assert!(!shown.contains("subaccount-auth-token-0000"), "{shown}");
    assert!(shown.contains(SUBACCOUNT_SID));
}

#[tokio::test]
async fn account_create_without_params_sends_an_empty_form() {
    let h = Harness::start().await;
    h.expect(
        Expect::post("/2010-04-01/Accounts.json").raw_form(""),
        json(
            201,
            bodies::account(
                SUBACCOUNT_SID,
                ACCOUNT_SID,
                "SubAccount Created at 2015-07-30 20:00",
                "active",
            ),
        ),
    )
    .await;
    let account = h.client.api().v2010().accounts().create().send().await.unwrap();
    assert_eq!(account.sid.as_deref(), Some(SUBACCOUNT_SID));
}

#[tokio::test]
async fn account_fetch_gets_the_account_by_sid() {
    let h = Harness::start().await;
    h.expect(
        Expect::get(format!("/2010-04-01/Accounts/{SUBACCOUNT_SID}.json")),
        json(200, bodies::account(SUBACCOUNT_SID, ACCOUNT_SID, "Sub", "suspended")),
    )
    .await;
    let account = h.client.api().v2010().accounts().fetch(SUBACCOUNT_SID).await.unwrap();
    assert_eq!(account.status, Some(AccountStatus::Suspended));
    assert_eq!(account.date_updated, Some(utc(2015, 7, 30, 20, 0, 0)));
}

#[tokio::test]
async fn account_update_posts_friendly_name_and_status() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/2010-04-01/Accounts/{SUBACCOUNT_SID}.json"))
            .form(&[("FriendlyName", "Closed sub"), ("Status", "closed")]),
        json(
            200,
            bodies::account(SUBACCOUNT_SID, ACCOUNT_SID, "Closed sub", "closed"),
        ),
    )
    .await;
    let account = h
        .client
        .api()
        .v2010()
        .accounts()
        .update(SUBACCOUNT_SID)
        .friendly_name("Closed sub")
        .status(AccountStatus::Closed)
        .await
        .unwrap();
    assert_eq!(account.status, Some(AccountStatus::Closed));
}

#[tokio::test]
async fn account_list_sends_filters_and_page_size() {
    let h = Harness::start().await;
    let list_uri = "/2010-04-01/Accounts.json";
    h.expect(
        Expect::get(list_uri)
            .query(&[("FriendlyName", "Sub 1"), ("Status", "active"), ("PageSize", "20")])
            .raw_query("FriendlyName=Sub+1&Status=active&PageSize=20"),
        json(
            200,
            bodies::v2010_page(
                list_uri,
                "accounts",
                vec![
                    bodies::account(ACCOUNT_SID, ACCOUNT_SID, "Sub 1", "active"),
                    bodies::account(SUBACCOUNT_SID, ACCOUNT_SID, "Sub 1", "active"),
                ],
                0,
                20,
                None,
            ),
        ),
    )
    .await;
    let page = h
        .client
        .api()
        .v2010()
        .accounts()
        .list()
        .friendly_name("Sub 1")
        .status(AccountStatus::Active)
        .page_size(20)
        .send()
        .await
        .unwrap();
    let sids: Vec<_> = page.records.iter().map(|a| a.sid.clone().unwrap()).collect();
    assert_eq!(sids, [ACCOUNT_SID, SUBACCOUNT_SID]);
    assert_eq!(page.page, Some(0));
    assert_eq!(page.page_size, Some(20));
    assert!(page.next_page_url().is_none());
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn message_create_sends_every_parameter_in_wire_form() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID)).form(&[
            ("To", "+15558675310"),
            ("StatusCallback", "https://example.com/status?x=1&y=2"),
            ("ApplicationSid", "AP0123456789abcdef0123456789abcdef"),
            ("MaxPrice", "0.5"),
            ("ProvideFeedback", "true"),
            ("Attempt", "3"),
            ("ValidityPeriod", "600"),
            ("ForceDelivery", "false"),
            ("ContentRetention", "retain"),
            ("AddressRetention", "obfuscate"),
            ("SmartEncoded", "true"),
            ("PersistentAction", "mailto:test@example.com"),
            ("PersistentAction", "geo:37.787890,-122.391664"),
            ("TrafficType", "free"),
            ("ShortenUrls", "true"),
            ("ScheduleType", "fixed"),
            // 2024-02-01T09:30:00+02:00 is sent in UTC.
            ("SendAt", "2024-02-01T07:30:00Z"),
            ("SendAsMms", "false"),
            ("ContentVariables", r#"{"1":"Coupon","2":"10%"}"#),
            ("RiskCheck", "disable"),
            ("From", "+15017122661"),
            ("FallbackFrom", "+15017122662"),
            ("Body", "Hello! 👍 & more"),
            ("MediaUrl", "https://c1.example.com/b.png"),
            ("MediaUrl", "https://c1.example.com/a.png"),
            ("ContentSid", "HX0123456789abcdef0123456789abcdef"),
        ]),
        json(201, bodies::message(ACCOUNT_SID, MMS_SID, "scheduled")),
    )
    .await;

    let message = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .status_callback("https://example.com/status?x=1&y=2")
        .application_sid("AP0123456789abcdef0123456789abcdef")
        .max_price(0.5)
        .provide_feedback(true)
        .attempt(3)
        .validity_period(600)
        .force_delivery(false)
        .content_retention(MessageContentRetention::Retain)
        .address_retention(MessageAddressRetention::Obfuscate)
        .smart_encoded(true)
        .persistent_action("mailto:test@example.com")
        .persistent_action("geo:37.787890,-122.391664")
        .traffic_type(MessageTrafficType::Free)
        .shorten_urls(true)
        .schedule_type(MessageScheduleType::Fixed)
        .send_at(plus_two(2024, 2, 1, 9, 30, 0))
        .send_as_mms(false)
        .content_variables(r#"{"1":"Coupon","2":"10%"}"#)
        .risk_check(MessageRiskCheck::Disable)
        .from("+15017122661")
        .fallback_from("+15017122662")
        .body("Hello! 👍 & more")
        .media_url("https://c1.example.com/b.png")
        .media_url("https://c1.example.com/a.png")
        .content_sid("HX0123456789abcdef0123456789abcdef")
        .send()
        .await
        .unwrap();

    assert_eq!(message.sid.as_deref(), Some(MMS_SID));
    assert_eq!(message.account_sid.as_deref(), Some(ACCOUNT_SID));
    assert_eq!(message.status, Some(MessageStatus::Scheduled));
    assert_eq!(message.direction, Some(MessageDirection::OutboundApi));
    assert_eq!(message.date_created, Some(utc(2023, 8, 24, 5, 1, 45)));
    assert_eq!(message.date_updated, Some(utc(2023, 8, 24, 5, 1, 46)));
    assert_eq!(message.price, Some(Decimal::new("-0.00750")));
    assert_eq!(message.price_unit.as_deref(), Some("USD"));
    assert_eq!(message.num_media.as_deref(), Some("2"));
    assert_eq!(message.body.as_deref(), Some("Hello! 👍"));
    assert_eq!(message.error_code, None);
    assert_eq!(message.error_message, None);
    assert_eq!(
        message.subresource_uris.as_ref().unwrap()["media"],
        format!("/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{MMS_SID}/Media.json")
    );
}

#[tokio::test]
async fn message_create_percent_encodes_the_form_body() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID))
            .form(&[
                ("To", "+15558675310"),
                ("From", "+15017122661"),
                ("Body", "hi there: 100% (ok?)"),
                ("MediaUrl", "https://a.example/x?y=1&z=2"),
                ("MediaUrl", "https://b.example/"),
            ])
            .raw_form(
                "To=%2B15558675310&From=%2B15017122661&Body=hi+there%3A+100%25+%28ok%3F%29\
                 &MediaUrl=https%3A%2F%2Fa.example%2Fx%3Fy%3D1%26z%3D2&MediaUrl=https%3A%2F%2Fb.example%2F",
            ),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued")),
    )
    .await;
    // Awaiting the builder directly (IntoFuture) sends it.
    let message = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+15017122661")
        .body("hi there: 100% (ok?)")
        .media_url("https://a.example/x?y=1&z=2")
        .media_url("https://b.example/")
        .await
        .unwrap();
    assert_eq!(message.status, Some(MessageStatus::Queued));
}

#[tokio::test]
async fn message_create_with_messaging_service_satisfies_the_sender_group() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID)).form(&[
            ("To", "+15558675310"),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("ContentSid", "HX0123456789abcdef0123456789abcdef"),
        ]),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "accepted")),
    )
    .await;
    let message = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .messaging_service_sid("MG0123456789abcdef0123456789abcdef")
        .content_sid("HX0123456789abcdef0123456789abcdef")
        .await
        .unwrap();
    assert_eq!(message.status, Some(MessageStatus::Accepted));
}

#[tokio::test]
async fn message_create_accepts_from_and_messaging_service_together() {
    // `sender` is "at least one", not "exactly one": both may be given.
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID)).form(&[
            ("To", "+15558675310"),
            ("From", "+15017122661"),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("Body", "both"),
        ]),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued")),
    )
    .await;
    h.client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+15017122661")
        .messaging_service_sid("MG0123456789abcdef0123456789abcdef")
        .body("both")
        .await
        .unwrap();
}

#[tokio::test]
async fn message_create_without_sender_is_refused_before_sending() {
    let h = Harness::start().await; // its catch-all mock expects no request at all
    let err = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .body("no sender")
        .await
        .unwrap_err();
    assert_invalid_request(
        err,
        &["`sender`", "from (From)", "messaging_service_sid (MessagingServiceSid)"],
    );
    assert!(h.received().await.is_empty(), "no request may reach the server");
}

#[tokio::test]
async fn message_create_without_content_is_refused_before_sending() {
    let h = Harness::start().await;
    let err = h
        .client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+15017122661")
        .await
        .unwrap_err();
    assert_invalid_request(
        err,
        &[
            "`content`",
            "body (Body)",
            "media_url (MediaUrl)",
            "content_sid (ContentSid)",
        ],
    );
    let err = err_display(h.client.api().v2010().messages().create("+1").send().await);
    assert!(err.starts_with("invalid request: "), "{err}");
    assert!(h.received().await.is_empty(), "no request may reach the server");
}

fn err_display<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    result.unwrap_err().to_string()
}

#[tokio::test]
async fn message_create_sends_an_empty_body_when_set_to_empty() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID))
            .form(&[("To", "+15558675310"), ("From", "+15017122661"), ("Body", "")])
            .raw_form("To=%2B15558675310&From=%2B15017122661&Body="),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued")),
    )
    .await;
    h.client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+15017122661")
        .body("")
        .await
        .unwrap();
}

#[tokio::test]
async fn message_fetch_decodes_price_status_and_dates() {
    let h = Harness::start().await;
    let mut body = bodies::message(ACCOUNT_SID, MESSAGE_SID, "delivered");
    body["date_sent"] = "Fri, 24 May 2019 17:44:50 +0200".into();
    body["error_code"] = 30004.into();
    body["error_message"] = "Message blocked".into();
    h.expect(Expect::get(message_path(ACCOUNT_SID, MESSAGE_SID)), json(200, body))
        .await;

    let message = h.client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    assert_eq!(message.status, Some(MessageStatus::Delivered));
    // An RFC 2822 date with an offset is converted to UTC.
    assert_eq!(message.date_sent, Some(utc(2019, 5, 24, 15, 44, 50)));
    assert_eq!(message.price, Some(Decimal::new("-0.00750")));
    assert_eq!(message.price.as_ref().and_then(Decimal::to_f64), Some(-0.0075));
    assert_eq!(message.error_code, Some(30004));
    assert_eq!(message.error_message.as_deref(), Some("Message blocked"));
    assert_eq!(message.from.as_deref(), Some("+15017122661"));
    assert_eq!(message.to.as_deref(), Some("+15558675310"));
    assert_eq!(message.api_version.as_deref(), Some("2010-04-01"));
}

#[tokio::test]
async fn message_update_redacts_the_body_with_an_empty_value() {
    let h = Harness::start().await;
    let mut body = bodies::message(ACCOUNT_SID, MESSAGE_SID, "delivered");
    body["body"] = "".into();
    h.expect(
        Expect::post(message_path(ACCOUNT_SID, MESSAGE_SID))
            .form(&[("Body", "")])
            .raw_form("Body="),
        json(200, body),
    )
    .await;
    let message = h
        .client
        .api()
        .v2010()
        .messages()
        .update(MESSAGE_SID)
        .body("")
        .await
        .unwrap();
    assert_eq!(message.body.as_deref(), Some(""));
}

#[tokio::test]
async fn message_update_cancels_a_scheduled_message() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(message_path(ACCOUNT_SID, MESSAGE_SID)).form(&[("Status", "canceled")]),
        json(200, bodies::message(ACCOUNT_SID, MESSAGE_SID, "canceled")),
    )
    .await;
    let message = h
        .client
        .api()
        .v2010()
        .messages()
        .update(MESSAGE_SID)
        .status(MessageUpdateStatus::Canceled)
        .await
        .unwrap();
    assert_eq!(message.status, Some(MessageStatus::Canceled));
}

#[tokio::test]
async fn message_delete_sends_a_bare_delete() {
    let h = Harness::start().await;
    h.expect(Expect::delete(message_path(ACCOUNT_SID, MESSAGE_SID)), no_content())
        .await;
    h.client.api().v2010().messages().delete(MESSAGE_SID).await.unwrap();
}

#[tokio::test]
async fn message_list_sends_filters_with_utc_inequality_dates() {
    let h = Harness::start().await;
    let list_uri = messages_path(ACCOUNT_SID);
    h.expect(
        Expect::get(&list_uri)
            .query(&[
                ("To", "+15558675310"),
                ("From", "+15017122661"),
                ("DateSent", "2024-01-15T10:00:00Z"),
                ("DateSent<", "2024-02-29T21:59:59Z"),
                ("DateSent>", "2024-01-31T00:00:00Z"),
                ("PageSize", "50"),
            ])
            .raw_query(
                "To=%2B15558675310&From=%2B15017122661&DateSent=2024-01-15T10%3A00%3A00Z\
                 &DateSent%3C=2024-02-29T21%3A59%3A59Z&DateSent%3E=2024-01-31T00%3A00%3A00Z&PageSize=50",
            ),
        json(
            200,
            bodies::v2010_page(
                &list_uri,
                "messages",
                vec![
                    bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent"),
                    bodies::message(ACCOUNT_SID, MMS_SID, "received"),
                ],
                0,
                50,
                None,
            ),
        ),
    )
    .await;
    let page = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .to("+15558675310")
        .from("+15017122661")
        .date_sent(plus_two(2024, 1, 15, 12, 0, 0))
        .date_sent_before(plus_two(2024, 2, 29, 23, 59, 59))
        .date_sent_after(plus_two(2024, 1, 31, 2, 0, 0))
        .page_size(50)
        .await
        .unwrap();
    let statuses: Vec<_> = page.records.iter().map(|m| m.status.clone().unwrap()).collect();
    assert_eq!(statuses, [MessageStatus::Sent, MessageStatus::Received]);
    assert!(page.next_page_url().is_none());
}

#[tokio::test]
async fn message_list_without_filters_sends_no_query() {
    let h = Harness::start().await;
    let list_uri = messages_path(ACCOUNT_SID);
    h.expect(
        Expect::get(&list_uri),
        json(200, bodies::v2010_page(&list_uri, "messages", vec![], 0, 50, None)),
    )
    .await;
    let page = h.client.api().v2010().messages().list().send().await.unwrap();
    assert!(page.records.is_empty());
}

#[tokio::test]
async fn messages_default_to_the_client_account_and_account_scopes_to_a_subaccount() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID)).form(&[("To", "+1555"), ("From", "+1666"), ("Body", "main")]),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued")),
    )
    .await;
    h.expect(
        Expect::post(messages_path(SUBACCOUNT_SID)).form(&[("To", "+1555"), ("From", "+1666"), ("Body", "sub")]),
        json(201, bodies::message(SUBACCOUNT_SID, MMS_SID, "queued")),
    )
    .await;
    h.expect(
        Expect::get(message_path(SUBACCOUNT_SID, MMS_SID)),
        json(200, bodies::message(SUBACCOUNT_SID, MMS_SID, "sent")),
    )
    .await;
    h.expect(Expect::delete(message_path(SUBACCOUNT_SID, MMS_SID)), no_content())
        .await;
    let sub_list = messages_path(SUBACCOUNT_SID);
    h.expect(
        Expect::get(&sub_list).query(&[("PageSize", "5")]),
        json(200, bodies::v2010_page(&sub_list, "messages", vec![], 0, 5, None)),
    )
    .await;

    let v2010 = h.client.api().v2010();
    let main = v2010
        .messages()
        .create("+1555")
        .from("+1666")
        .body("main")
        .await
        .unwrap();
    assert_eq!(main.account_sid.as_deref(), Some(ACCOUNT_SID));

    let sub = v2010.account(SUBACCOUNT_SID);
    let created = sub.messages().create("+1555").from("+1666").body("sub").await.unwrap();
    assert_eq!(created.account_sid.as_deref(), Some(SUBACCOUNT_SID));
    let fetched = sub.messages().fetch(MMS_SID).await.unwrap();
    assert_eq!(fetched.status, Some(MessageStatus::Sent));
    sub.messages().delete(MMS_SID).await.unwrap();
    sub.messages().list().page_size(5).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// Media
// ---------------------------------------------------------------------------------------------

fn media_list_path(account: &str, message: &str) -> String {
    format!("{}/Messages/{message}/Media.json", account_path(account))
}
fn media_path(account: &str, message: &str, sid: &str) -> String {
    format!("{}/Messages/{message}/Media/{sid}.json", account_path(account))
}

#[tokio::test]
async fn media_fetch_gets_one_media_of_a_message() {
    let h = Harness::start().await;
    h.expect(
        Expect::get(media_path(ACCOUNT_SID, MMS_SID, MEDIA_SID)),
        json(200, bodies::media(ACCOUNT_SID, MMS_SID, MEDIA_SID)),
    )
    .await;
    let media = h
        .client
        .api()
        .v2010()
        .message(MMS_SID)
        .media()
        .fetch(MEDIA_SID)
        .await
        .unwrap();
    assert_eq!(media.sid.as_deref(), Some(MEDIA_SID));
    assert_eq!(media.parent_sid.as_deref(), Some(MMS_SID));
    assert_eq!(media.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(media.date_created, Some(utc(2015, 8, 16, 15, 53, 54)));
    assert_eq!(media.date_updated, Some(utc(2015, 8, 16, 15, 53, 55)));
}

#[tokio::test]
async fn media_delete_sends_a_bare_delete() {
    let h = Harness::start().await;
    h.expect(
        Expect::delete(media_path(ACCOUNT_SID, MMS_SID, MEDIA_SID)),
        no_content(),
    )
    .await;
    h.client
        .api()
        .v2010()
        .message(MMS_SID)
        .media()
        .delete(MEDIA_SID)
        .await
        .unwrap();
}

#[tokio::test]
async fn media_list_sends_date_created_filters() {
    let h = Harness::start().await;
    let list_uri = media_list_path(ACCOUNT_SID, MMS_SID);
    h.expect(
        Expect::get(&list_uri)
            .query(&[
                ("DateCreated", "2024-03-01T10:00:00Z"),
                ("DateCreated<", "2024-03-02T00:00:00Z"),
                ("DateCreated>", "2024-02-29T22:00:00Z"),
                ("PageSize", "2"),
            ])
            .raw_query(
                "DateCreated=2024-03-01T10%3A00%3A00Z&DateCreated%3C=2024-03-02T00%3A00%3A00Z\
                 &DateCreated%3E=2024-02-29T22%3A00%3A00Z&PageSize=2",
            ),
        json(
            200,
            bodies::v2010_page(
                &list_uri,
                "media_list",
                vec![
                    bodies::media(ACCOUNT_SID, MMS_SID, MEDIA_SID),
                    bodies::media(ACCOUNT_SID, MMS_SID, "ME1111111111111111111111111111111f"),
                ],
                0,
                2,
                None,
            ),
        ),
    )
    .await;
    let page = h
        .client
        .api()
        .v2010()
        .message(MMS_SID)
        .media()
        .list()
        .date_created(plus_two(2024, 3, 1, 12, 0, 0))
        .date_created_before(plus_two(2024, 3, 2, 2, 0, 0))
        .date_created_after(plus_two(2024, 3, 1, 0, 0, 0))
        .page_size(2)
        .await
        .unwrap();
    let sids: Vec<_> = page.records.iter().map(|m| m.sid.clone().unwrap()).collect();
    assert_eq!(sids, [MEDIA_SID, "ME1111111111111111111111111111111f"]);
}

#[tokio::test]
async fn media_of_a_subaccount_message_use_the_subaccount_path() {
    let h = Harness::start().await;
    let list_uri = media_list_path(SUBACCOUNT_SID, MMS_SID);
    h.expect(
        Expect::get(&list_uri),
        json(
            200,
            bodies::v2010_page(
                &list_uri,
                "media_list",
                vec![bodies::media(SUBACCOUNT_SID, MMS_SID, MEDIA_SID)],
                0,
                50,
                None,
            ),
        ),
    )
    .await;
    h.expect(
        Expect::get(media_path(SUBACCOUNT_SID, MMS_SID, MEDIA_SID)),
        json(200, bodies::media(SUBACCOUNT_SID, MMS_SID, MEDIA_SID)),
    )
    .await;
    h.expect(
        Expect::delete(media_path(SUBACCOUNT_SID, MMS_SID, MEDIA_SID)),
        no_content(),
    )
    .await;

    let media = h.client.api().v2010().account(SUBACCOUNT_SID).message(MMS_SID).media();
    let page = media.list().await.unwrap();
    assert_eq!(page.records[0].account_sid.as_deref(), Some(SUBACCOUNT_SID));
    media.fetch(MEDIA_SID).await.unwrap();
    media.delete(MEDIA_SID).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn call_create_sends_every_parameter_in_wire_form() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(calls_path(ACCOUNT_SID)).form(&[
            ("To", "+14155551212"),
            ("From", "+14158675310"),
            ("Method", "GET"),
            ("FallbackUrl", "https://example.com/fallback"),
            ("FallbackMethod", "POST"),
            ("StatusCallback", "https://example.com/events"),
            ("StatusCallbackEvent", "initiated"),
            ("StatusCallbackEvent", "ringing"),
            ("StatusCallbackEvent", "answered"),
            ("StatusCallbackEvent", "completed"),
            ("StatusCallbackMethod", "POST"),
            ("SendDigits", "ww1234#"),
            ("Timeout", "30"),
            ("Record", "true"),
            ("RecordingChannels", "dual"),
            ("RecordingStatusCallback", "https://example.com/rec"),
            ("RecordingStatusCallbackMethod", "GET"),
            ("SipAuthUsername", "sipuser"),
            ("SipAuthPassword", "sippass"),
            ("MachineDetection", "DetectMessageEnd"),
            ("MachineDetectionTimeout", "45"),
            ("RecordingStatusCallbackEvent", "in-progress"),
            ("RecordingStatusCallbackEvent", "completed"),
            ("Trim", "trim-silence"),
            ("CallerId", "Acme"),
            ("MachineDetectionSpeechThreshold", "2400"),
            ("MachineDetectionSpeechEndThreshold", "1200"),
            ("MachineDetectionSilenceTimeout", "5000"),
            ("AsyncAmd", "true"),
            ("AsyncAmdStatusCallback", "https://example.com/amd"),
            ("AsyncAmdStatusCallbackMethod", "POST"),
            ("Byoc", "BY0123456789abcdef0123456789abcdef"),
            ("CallReason", "Appointment reminder"),
            ("CallToken", "{\"parentCallInfo\":{}}"),
            ("RecordingTrack", "both"),
            ("TimeLimit", "14400"),
            ("ClientNotificationUrl", "https://example.com/notify"),
            ("Url", "https://example.com/twiml.xml"),
        ]),
        json(201, bodies::call(ACCOUNT_SID, CALL_SID, "queued")),
    )
    .await;

    let request = h
        .client
        .api()
        .v2010()
        .calls()
        .create("+14155551212", "+14158675310")
        .method(HttpMethod::Get)
        .fallback_url("https://example.com/fallback")
        .fallback_method(HttpMethod::Post)
        .status_callback("https://example.com/events")
        .status_callback_event("initiated")
        .status_callback_event("ringing")
        .status_callback_event("answered")
        .status_callback_event("completed")
        .status_callback_method(HttpMethod::Post)
        .send_digits("ww1234#")
        .timeout(30)
        .record(true)
        .recording_channels("dual")
        .recording_status_callback("https://example.com/rec")
        .recording_status_callback_method(HttpMethod::Get)
        .sip_auth_username("sipuser")
        .sip_auth_password("sippass")
        .machine_detection("DetectMessageEnd")
        .machine_detection_timeout(45)
        .recording_status_callback_event("in-progress")
        .recording_status_callback_event("completed")
        .trim("trim-silence")
        .caller_id("Acme")
        .machine_detection_speech_threshold(2400)
        .machine_detection_speech_end_threshold(1200)
        .machine_detection_silence_timeout(5000)
        .async_amd("true")
        .async_amd_status_callback("https://example.com/amd")
        .async_amd_status_callback_method(HttpMethod::Post)
        .byoc("BY0123456789abcdef0123456789abcdef")
        .call_reason("Appointment reminder")
        .call_token("{\"parentCallInfo\":{}}")
        .recording_track("both")
        .time_limit(14400)
        .client_notification_url("https://example.com/notify")
        .url("https://example.com/twiml.xml");
    // Sensitive parameters are sent on the wire but never shown in Debug output.
    let shown = format!("{request:?}");
    assert!(
        !shown.contains("sippass") && !shown.contains("parentCallInfo"),
        "{shown}"
    );
    assert!(shown.contains("sipuser"), "{shown}");
    let call = request.await.unwrap();

    assert_eq!(call.sid.as_deref(), Some(CALL_SID));
    assert_eq!(call.status, Some(CallStatus::Queued));
    assert_eq!(call.price, Some(Decimal::new("-0.03000")));
    assert_eq!(call.start_time, Some(utc(2010, 8, 31, 20, 36, 29)));
    assert_eq!(call.end_time, Some(utc(2010, 8, 31, 20, 36, 44)));
    assert_eq!(call.duration.as_deref(), Some("15"));
    assert_eq!(call.to_formatted.as_deref(), Some("(415) 867-5309"));
    assert_eq!(call.parent_call_sid, None);
    assert_eq!(call.answered_by, None);
    assert_eq!(call.queue_time.as_deref(), Some("1000"));
}

#[tokio::test]
async fn call_create_with_twiml_only() {
    let h = Harness::start().await;
    let twiml = "<Response><Say>Ahoy & welcome</Say></Response>";
    h.expect(
        Expect::post(calls_path(ACCOUNT_SID)).form(&[
            ("To", "client:alice"),
            ("From", "+14158675310"),
            ("Twiml", twiml),
        ]),
        json(201, bodies::call(ACCOUNT_SID, CALL_SID, "queued")),
    )
    .await;
    h.client
        .api()
        .v2010()
        .calls()
        .create("client:alice", "+14158675310")
        .twiml(twiml)
        .await
        .unwrap();
}

#[tokio::test]
async fn call_create_with_application_sid_only() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(calls_path(SUBACCOUNT_SID)).form(&[
            ("To", "+14155551212"),
            ("From", "+14158675310"),
            ("ApplicationSid", "AP0123456789abcdef0123456789abcdef"),
        ]),
        json(201, bodies::call(SUBACCOUNT_SID, CALL_SID, "queued")),
    )
    .await;
    let call = h
        .client
        .api()
        .v2010()
        .account(SUBACCOUNT_SID)
        .calls()
        .create("+14155551212", "+14158675310")
        .application_sid("AP0123456789abcdef0123456789abcdef")
        .await
        .unwrap();
    assert_eq!(call.account_sid.as_deref(), Some(SUBACCOUNT_SID));
}

#[tokio::test]
async fn call_create_with_url_and_twiml_is_refused_before_sending() {
    let h = Harness::start().await;
    let err = h
        .client
        .api()
        .v2010()
        .calls()
        .create("+14155551212", "+14158675310")
        .url("https://example.com/twiml.xml")
        .twiml("<Response/>")
        .await
        .unwrap_err();
    assert_invalid_request(err, &["`instructions`", "url (Url) and twiml (Twiml)"]);
    assert!(h.received().await.is_empty(), "no request may reach the server");
}

#[tokio::test]
async fn call_create_without_instructions_is_refused_before_sending() {
    let h = Harness::start().await;
    let err = h
        .client
        .api()
        .v2010()
        .calls()
        .create("+14155551212", "+14158675310")
        .await
        .unwrap_err();
    assert_invalid_request(
        err,
        &["`instructions`", "exactly one", "Url", "Twiml", "ApplicationSid"],
    );
    assert!(h.received().await.is_empty(), "no request may reach the server");
}

#[tokio::test]
async fn call_fetch_decodes_a_hyphenated_status() {
    let h = Harness::start().await;
    h.expect(
        Expect::get(call_path(ACCOUNT_SID, CALL_SID)),
        json(200, bodies::call(ACCOUNT_SID, CALL_SID, "in-progress")),
    )
    .await;
    let call = h.client.api().v2010().calls().fetch(CALL_SID).await.unwrap();
    assert_eq!(call.status, Some(CallStatus::InProgress));
    assert_eq!(call.status.as_ref().map(|s| s.as_str()), Some("in-progress"));
}

#[tokio::test]
async fn call_update_redirects_or_ends_a_call() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(call_path(ACCOUNT_SID, CALL_SID)).form(&[
            ("Url", "https://example.com/next.xml"),
            ("Method", "POST"),
            ("Status", "completed"),
            ("FallbackUrl", "https://example.com/fb.xml"),
            ("FallbackMethod", "GET"),
            ("StatusCallback", "https://example.com/cb"),
            ("StatusCallbackMethod", "GET"),
            ("Twiml", "<Response><Hangup/></Response>"),
            ("TimeLimit", "60"),
        ]),
        json(200, bodies::call(ACCOUNT_SID, CALL_SID, "completed")),
    )
    .await;
    let call = h
        .client
        .api()
        .v2010()
        .calls()
        .update(CALL_SID)
        .url("https://example.com/next.xml")
        .method(HttpMethod::Post)
        .status(CallUpdateStatus::Completed)
        .fallback_url("https://example.com/fb.xml")
        .fallback_method(HttpMethod::Get)
        .status_callback("https://example.com/cb")
        .status_callback_method(HttpMethod::Get)
        .twiml("<Response><Hangup/></Response>")
        .time_limit(60)
        .await
        .unwrap();
    assert_eq!(call.status, Some(CallStatus::Completed));
}

#[tokio::test]
async fn call_delete_sends_a_bare_delete() {
    let h = Harness::start().await;
    h.expect(Expect::delete(call_path(SUBACCOUNT_SID, CALL_SID)), no_content())
        .await;
    h.client
        .api()
        .v2010()
        .account(SUBACCOUNT_SID)
        .calls()
        .delete(CALL_SID)
        .await
        .unwrap();
}

#[tokio::test]
async fn call_list_sends_filters_with_utc_inequality_dates() {
    let h = Harness::start().await;
    let list_uri = calls_path(ACCOUNT_SID);
    h.expect(
        Expect::get(&list_uri)
            .query(&[
                ("To", "+14155551212"),
                ("From", "client:alice"),
                ("ParentCallSid", "CAffffffffffffffffffffffffffffffff"),
                ("Status", "no-answer"),
                ("StartTime", "2024-01-01T00:00:00Z"),
                ("StartTime<", "2024-01-02T00:00:00Z"),
                ("StartTime>", "2023-12-31T00:00:00Z"),
                ("EndTime", "2024-01-01T01:00:00Z"),
                ("EndTime<", "2024-01-02T01:00:00Z"),
                ("EndTime>", "2023-12-31T01:00:00Z"),
                ("PageSize", "1000"),
            ])
            .raw_query(
                "To=%2B14155551212&From=client%3Aalice&ParentCallSid=CAffffffffffffffffffffffffffffffff\
                 &Status=no-answer&StartTime=2024-01-01T00%3A00%3A00Z&StartTime%3C=2024-01-02T00%3A00%3A00Z\
                 &StartTime%3E=2023-12-31T00%3A00%3A00Z&EndTime=2024-01-01T01%3A00%3A00Z\
                 &EndTime%3C=2024-01-02T01%3A00%3A00Z&EndTime%3E=2023-12-31T01%3A00%3A00Z&PageSize=1000",
            ),
        json(
            200,
            bodies::v2010_page(
                &list_uri,
                "calls",
                vec![bodies::call(ACCOUNT_SID, CALL_SID, "no-answer")],
                0,
                1000,
                None,
            ),
        ),
    )
    .await;
    let page = h
        .client
        .api()
        .v2010()
        .calls()
        .list()
        .to("+14155551212")
        .from("client:alice")
        .parent_call_sid("CAffffffffffffffffffffffffffffffff")
        .status(CallStatus::NoAnswer)
        .start_time(plus_two(2024, 1, 1, 2, 0, 0))
        .start_time_before(plus_two(2024, 1, 2, 2, 0, 0))
        .start_time_after(plus_two(2023, 12, 31, 2, 0, 0))
        .end_time(plus_two(2024, 1, 1, 3, 0, 0))
        .end_time_before(plus_two(2024, 1, 2, 3, 0, 0))
        .end_time_after(plus_two(2023, 12, 31, 3, 0, 0))
        .page_size(5000)
        .await
        .unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].status, Some(CallStatus::NoAnswer));
}

// ---------------------------------------------------------------------------------------------
// Incoming phone numbers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn incoming_phone_number_create_sends_every_parameter_in_wire_form() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(numbers_path(ACCOUNT_SID)).form(&[
            ("ApiVersion", "2010-04-01"),
            ("FriendlyName", "Main line"),
            ("SmsApplicationSid", "AP0000000000000000000000000000000a"),
            ("SmsFallbackMethod", "GET"),
            ("SmsFallbackUrl", "https://example.com/sms-fallback"),
            ("SmsMethod", "GET"),
            ("SmsUrl", "https://example.com/sms"),
            ("StatusCallback", "https://example.com/status"),
            ("StatusCallbackMethod", "POST"),
            ("VoiceApplicationSid", "AP0000000000000000000000000000000b"),
            ("VoiceCallerIdLookup", "true"),
            ("VoiceFallbackMethod", "GET"),
            ("VoiceFallbackUrl", "https://example.com/voice-fallback"),
            ("VoiceMethod", "POST"),
            ("VoiceUrl", "https://example.com/voice"),
            ("EmergencyStatus", "Active"),
            ("EmergencyAddressSid", "AD0123456789abcdef0123456789abcdef"),
            ("TrunkSid", "TK0123456789abcdef0123456789abcdef"),
            ("IdentitySid", "RI0123456789abcdef0123456789abcdef"),
            ("AddressSid", "AD0123456789abcdef0123456789abcdef"),
            ("VoiceReceiveMode", "fax"),
            ("BundleSid", "BU0123456789abcdef0123456789abcdef"),
            ("PhoneNumber", "+18089255327"),
        ]),
        json(201, bodies::incoming_phone_number(ACCOUNT_SID, NUMBER_SID)),
    )
    .await;

    let number = h
        .client
        .api()
        .v2010()
        .incoming_phone_numbers()
        .create()
        .api_version("2010-04-01")
        .friendly_name("Main line")
        .sms_application_sid("AP0000000000000000000000000000000a")
        .sms_fallback_method(HttpMethod::Get)
        .sms_fallback_url("https://example.com/sms-fallback")
        .sms_method(HttpMethod::Get)
        .sms_url("https://example.com/sms")
        .status_callback("https://example.com/status")
        .status_callback_method(HttpMethod::Post)
        .voice_application_sid("AP0000000000000000000000000000000b")
        .voice_caller_id_lookup(true)
        .voice_fallback_method(HttpMethod::Get)
        .voice_fallback_url("https://example.com/voice-fallback")
        .voice_method(HttpMethod::Post)
        .voice_url("https://example.com/voice")
        .emergency_status(IncomingPhoneNumberEmergencyStatus::Active)
        .emergency_address_sid("AD0123456789abcdef0123456789abcdef")
        .trunk_sid("TK0123456789abcdef0123456789abcdef")
        .identity_sid("RI0123456789abcdef0123456789abcdef")
        .address_sid("AD0123456789abcdef0123456789abcdef")
        .voice_receive_mode(IncomingPhoneNumberVoiceReceiveMode::Fax)
        .bundle_sid("BU0123456789abcdef0123456789abcdef")
        .phone_number("+18089255327")
        .await
        .unwrap();

    assert_eq!(number.sid.as_deref(), Some(NUMBER_SID));
    assert_eq!(number.phone_number.as_deref(), Some("+18089255327"));
    let caps = number.capabilities.as_ref().unwrap();
    assert_eq!(
        (caps.voice, caps.sms, caps.mms, caps.fax),
        (Some(true), Some(false), Some(true), Some(false))
    );
    assert_eq!(
        number.address_requirements,
        Some(IncomingPhoneNumberAddressRequirement::None)
    );
    assert_eq!(
        number.emergency_status,
        Some(IncomingPhoneNumberEmergencyStatus::Active)
    );
    assert_eq!(
        number.emergency_address_status,
        Some(IncomingPhoneNumberEmergencyAddressStatus::Registered)
    );
    assert_eq!(
        number.voice_receive_mode,
        Some(IncomingPhoneNumberVoiceReceiveMode::Voice)
    );
    assert_eq!(number.sms_method, Some(HttpMethod::Get));
    assert_eq!(number.voice_method, Some(HttpMethod::Post));
    assert_eq!(number.beta, Some(false));
    assert_eq!(number.voice_caller_id_lookup, Some(false));
    assert_eq!(number.voice_application_sid, None);
    assert_eq!(number.trunk_sid, None);
    assert_eq!(number.date_created, Some(utc(2015, 7, 30, 23, 19, 4)));
    assert_eq!(number.status.as_deref(), Some("in-use"));
    assert_eq!(number.type_.as_deref(), Some("local"));
}

#[tokio::test]
async fn incoming_phone_number_create_by_area_code() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(numbers_path(SUBACCOUNT_SID)).form(&[("AreaCode", "510")]),
        json(201, bodies::incoming_phone_number(SUBACCOUNT_SID, NUMBER_SID)),
    )
    .await;
    let number = h
        .client
        .api()
        .v2010()
        .account(SUBACCOUNT_SID)
        .incoming_phone_numbers()
        .create()
        .area_code("510")
        .await
        .unwrap();
    assert_eq!(number.account_sid.as_deref(), Some(SUBACCOUNT_SID));
}

#[tokio::test]
async fn incoming_phone_number_create_needs_exactly_one_of_number_and_area_code() {
    let h = Harness::start().await;
    let numbers = h.client.api().v2010().incoming_phone_numbers();
    let err = numbers
        .create()
        .phone_number("+18089255327")
        .area_code("808")
        .await
        .unwrap_err();
    assert_invalid_request(
        err,
        &["`number`", "phone_number (PhoneNumber) and area_code (AreaCode)"],
    );
    let err = numbers.create().friendly_name("nothing to buy").await.unwrap_err();
    assert_invalid_request(err, &["`number`", "phone_number (PhoneNumber)", "area_code (AreaCode)"]);
    assert!(h.received().await.is_empty(), "no request may reach the server");
}

#[tokio::test]
async fn incoming_phone_number_fetch() {
    let h = Harness::start().await;
    h.expect(
        Expect::get(number_path(ACCOUNT_SID, NUMBER_SID)),
        json(200, bodies::incoming_phone_number(ACCOUNT_SID, NUMBER_SID)),
    )
    .await;
    let number = h
        .client
        .api()
        .v2010()
        .incoming_phone_numbers()
        .fetch(NUMBER_SID)
        .await
        .unwrap();
    assert_eq!(number.sms_url.as_deref(), Some("https://example.com/sms"));
    assert_eq!(number.sms_fallback_method, Some(HttpMethod::Get));
}

#[tokio::test]
async fn incoming_phone_number_update_moves_the_number_with_a_form_account_sid() {
    // `AccountSid` in the form (rust name `new_account_sid`) is not the path parameter: the path
    // keeps the client's account.
    let h = Harness::start().await;
    h.expect(
        Expect::post(number_path(ACCOUNT_SID, NUMBER_SID)).form(&[
            ("AccountSid", SUBACCOUNT_SID),
            ("ApiVersion", "2010-04-01"),
            ("FriendlyName", "Moved"),
            ("SmsApplicationSid", "AP0000000000000000000000000000000a"),
            ("SmsFallbackMethod", "POST"),
            ("SmsFallbackUrl", "https://example.com/sf"),
            ("SmsMethod", "POST"),
            ("SmsUrl", "https://example.com/s"),
            ("StatusCallback", "https://example.com/st"),
            ("StatusCallbackMethod", "GET"),
            ("VoiceApplicationSid", "AP0000000000000000000000000000000b"),
            ("VoiceCallerIdLookup", "false"),
            ("VoiceFallbackMethod", "POST"),
            ("VoiceFallbackUrl", "https://example.com/vf"),
            ("VoiceMethod", "GET"),
            ("VoiceUrl", "https://example.com/v"),
            ("EmergencyStatus", "Inactive"),
            ("EmergencyAddressSid", "AD0000000000000000000000000000000e"),
            ("TrunkSid", "TK0000000000000000000000000000000t"),
            ("VoiceReceiveMode", "voice"),
            ("IdentitySid", "RI0000000000000000000000000000000i"),
            ("AddressSid", "AD0000000000000000000000000000000a"),
            ("BundleSid", "BU0000000000000000000000000000000b"),
        ]),
        json(200, bodies::incoming_phone_number(SUBACCOUNT_SID, NUMBER_SID)),
    )
    .await;
    let number = h
        .client
        .api()
        .v2010()
        .incoming_phone_numbers()
        .update(NUMBER_SID)
        .new_account_sid(SUBACCOUNT_SID)
        .api_version("2010-04-01")
        .friendly_name("Moved")
        .sms_application_sid("AP0000000000000000000000000000000a")
        .sms_fallback_method(HttpMethod::Post)
        .sms_fallback_url("https://example.com/sf")
        .sms_method(HttpMethod::Post)
        .sms_url("https://example.com/s")
        .status_callback("https://example.com/st")
        .status_callback_method(HttpMethod::Get)
        .voice_application_sid("AP0000000000000000000000000000000b")
        .voice_caller_id_lookup(false)
        .voice_fallback_method(HttpMethod::Post)
        .voice_fallback_url("https://example.com/vf")
        .voice_method(HttpMethod::Get)
        .voice_url("https://example.com/v")
        .emergency_status(IncomingPhoneNumberEmergencyStatus::Inactive)
        .emergency_address_sid("AD0000000000000000000000000000000e")
        .trunk_sid("TK0000000000000000000000000000000t")
        .voice_receive_mode(IncomingPhoneNumberVoiceReceiveMode::Voice)
        .identity_sid("RI0000000000000000000000000000000i")
        .address_sid("AD0000000000000000000000000000000a")
        .bundle_sid("BU0000000000000000000000000000000b")
        .await
        .unwrap();
    assert_eq!(number.account_sid.as_deref(), Some(SUBACCOUNT_SID));
}

#[tokio::test]
async fn incoming_phone_number_delete_sends_a_bare_delete() {
    let h = Harness::start().await;
    h.expect(Expect::delete(number_path(ACCOUNT_SID, NUMBER_SID)), no_content())
        .await;
    h.client
        .api()
        .v2010()
        .incoming_phone_numbers()
        .delete(NUMBER_SID)
        .await
        .unwrap();
}

#[tokio::test]
async fn incoming_phone_number_list_sends_filters() {
    let h = Harness::start().await;
    let list_uri = numbers_path(SUBACCOUNT_SID);
    h.expect(
        Expect::get(&list_uri)
            .query(&[
                ("Beta", "false"),
                ("FriendlyName", "Main line"),
                ("PhoneNumber", "+1808"),
                ("Origin", "twilio"),
                ("PageSize", "7"),
            ])
            .raw_query("Beta=false&FriendlyName=Main+line&PhoneNumber=%2B1808&Origin=twilio&PageSize=7"),
        json(
            200,
            bodies::v2010_page(
                &list_uri,
                "incoming_phone_numbers",
                vec![bodies::incoming_phone_number(SUBACCOUNT_SID, NUMBER_SID)],
                0,
                7,
                None,
            ),
        ),
    )
    .await;
    let page = h
        .client
        .api()
        .v2010()
        .account(SUBACCOUNT_SID)
        .incoming_phone_numbers()
        .list()
        .beta(false)
        .friendly_name("Main line")
        .phone_number("+1808")
        .origin("twilio")
        .limit(7)
        .await
        .unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].phone_number.as_deref(), Some("+18089255327"));
}

#[tokio::test]
async fn api_key_credentials_authenticate_as_the_key_but_act_on_the_account() {
    let h = Harness::start().await;
    let client = twilio::Client::builder_with_api_key(ACCOUNT_SID, "SK0123456789abcdef0123456789abcdef", "key-secret")
        .base_url(h.uri())
        .build();
    h.expect(
        Expect::get(message_path(ACCOUNT_SID, MESSAGE_SID))
            .basic_auth("SK0123456789abcdef0123456789abcdef", "key-secret"),
        json(200, bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent")),
    )
    .await;
    client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    // The default test client authenticates with the account SID and its token.
    assert_eq!(h.client.account_sid(), ACCOUNT_SID);
    assert!(!format!("{client:?}").contains("key-secret"));
    let _ = AUTH_TOKEN;
}

#[tokio::test]
async fn the_client_itself_sets_no_accept_and_no_content_type_on_delete() {
    // Below reqwest (which adds `Accept: */*` when none is set): the client's own header list.
    let transport = twilio_e2e::support::RecordingTransport::new(204, Vec::new());
    let client = transport.client();
    client.api().v2010().messages().delete(MESSAGE_SID).await.unwrap();
    client
        .api()
        .v2010()
        .message(MMS_SID)
        .media()
        .delete(MEDIA_SID)
        .await
        .unwrap();
    client.api().v2010().calls().delete(CALL_SID).await.unwrap();
    client
        .api()
        .v2010()
        .incoming_phone_numbers()
        .delete(NUMBER_SID)
        .await
        .unwrap();
    client
        .verify()
        .v2()
        .services()
        .delete("VA0123456789abcdef0123456789abcdef")
        .await
        .unwrap();
    let recorded = transport.recorded();
    assert_eq!(recorded.len(), 5);
    for request in &recorded {
        assert_eq!(request.method, "DELETE");
        assert!(request.header_values("accept").is_empty(), "{request:?}");
        assert!(request.header_values("content-type").is_empty(), "{request:?}");
        assert_eq!(request.body, None, "{request:?}");
        assert_eq!(request.header_values("accept-charset"), ["utf-8"]);
        assert_eq!(request.header_values("authorization").len(), 1);
    }
    assert_eq!(
        recorded[0].url,
        format!("https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{MESSAGE_SID}.json")
    );
    assert_eq!(
        recorded[4].url,
        "https://verify.twilio.com/v2/Services/VA0123456789abcdef0123456789abcdef"
    );
}

#[tokio::test]
async fn the_client_itself_sets_no_content_type_on_get_and_a_form_type_on_post() {
    let transport = twilio_e2e::support::RecordingTransport::new(
        200,
        bodies::message(ACCOUNT_SID, MESSAGE_SID, "sent").to_string(),
    );
    let client = transport.client();
    client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    client.api().v2010().messages().update(MESSAGE_SID).await.unwrap();
    let recorded = transport.recorded();
    assert_eq!(recorded[0].header_values("accept"), ["application/json"]);
    assert!(recorded[0].header_values("content-type").is_empty());
    assert_eq!(recorded[0].body, None);
    // A POST without parameters still declares its (empty) form body.
    assert_eq!(
        recorded[1].header_values("content-type"),
        ["application/x-www-form-urlencoded"]
    );
    assert_eq!(recorded[1].body.as_deref(), Some(&b""[..]));
}

#[tokio::test]
async fn date_times_are_sent_as_whole_utc_seconds() {
    use twilio::chrono::{TimeZone as _, Timelike as _};
    let h = Harness::start().await;
    h.expect(
        Expect::post(messages_path(ACCOUNT_SID)).form(&[
            ("To", "+15558675310"),
            ("ScheduleType", "fixed"),
            ("SendAt", "2024-12-31T23:30:59Z"),
            ("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("Body", "new year"),
        ]),
        json(201, bodies::message(ACCOUNT_SID, MESSAGE_SID, "scheduled")),
    )
    .await;
    // 2025-01-01T05:00:59.999 at UTC+05:30 crosses the year boundary back to UTC; the
    // fraction is dropped.
    let ist = twilio::chrono::FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
    let send_at = ist
        .with_ymd_and_hms(2025, 1, 1, 5, 0, 59)
        .unwrap()
        .with_nanosecond(999_000_000)
        .unwrap();
    h.client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .schedule_type(MessageScheduleType::Fixed)
        .send_at(send_at)
        .messaging_service_sid("MG0123456789abcdef0123456789abcdef")
        .body("new year")
        .await
        .unwrap();
}

#[tokio::test]
async fn prices_sent_as_json_numbers_or_null_decode() {
    let h = Harness::start().await;
    let mut body = bodies::call(ACCOUNT_SID, CALL_SID, "completed");
    body["price"] = serde_json::json!(-0.0125);
    h.expect(Expect::get(call_path(ACCOUNT_SID, CALL_SID)), json(200, body))
        .await;
    let mut body = bodies::message(ACCOUNT_SID, MESSAGE_SID, "queued");
    body["price"] = serde_json::Value::Null;
    h.expect(Expect::get(message_path(ACCOUNT_SID, MESSAGE_SID)), json(200, body))
        .await;

    let call = h.client.api().v2010().calls().fetch(CALL_SID).await.unwrap();
    assert_eq!(call.price, Some(Decimal::new("-0.0125")));
    let message = h.client.api().v2010().messages().fetch(MESSAGE_SID).await.unwrap();
    assert_eq!(message.price, None);
}
