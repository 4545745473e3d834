//! Paging end to end: the list dialects (v2010's relative `next_page_uri`, the newer products'
//! absolute `meta.next_page_url`, numbered pages), `limit` vs `page_size`, and the guards
//! against links that repeat themselves or leave the host.

use futures_util::StreamExt;
use twilio::api::v2010::Message;
use twilio::Error;
use twilio_e2e::support::{account_path, bodies, json, Expect, Harness, ACCOUNT_SID};

fn messages_path() -> String {
    format!("{}/Messages.json", account_path(ACCOUNT_SID))
}

fn message(n: usize) -> serde_json::Value {
    bodies::message(ACCOUNT_SID, &sm(n), "delivered")
}

fn sm(n: usize) -> String {
    format!("SM{n:032x}")
}

fn va(n: usize) -> String {
    format!("VA{n:032x}")
}

/// Mounts three v2010 message pages of two records (SM1..SM6) behind `first` (the first page's
/// query), linking with Twilio-style relative `next_page_uri`s; returns the mounted page count
/// expectations as given.
async fn mount_three_v2010_pages(h: &Harness, first: &[(&str, &str)], expect_pages: [u64; 3]) {
    let path = messages_path();
    let link = |page: usize, token: &str| format!("{path}?To=%2B15558675310&PageSize=2&Page={page}&PageToken={token}");
    h.expect_times(
        Expect::get(&path).query(first),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                vec![message(1), message(2)],
                0,
                2,
                Some(&link(1, "PASM2")),
            ),
        ),
        expect_pages[0],
    )
    .await;
    h.expect_times(
        Expect::get(&path).query(&[
            ("To", "+15558675310"),
            ("PageSize", "2"),
            ("Page", "1"),
            ("PageToken", "PASM2"),
        ]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                vec![message(3), message(4)],
                1,
                2,
                Some(&link(2, "PASM4")),
            ),
        ),
        expect_pages[1],
    )
    .await;
    h.expect_times(
        Expect::get(&path).query(&[
            ("To", "+15558675310"),
            ("PageSize", "2"),
            ("Page", "2"),
            ("PageToken", "PASM4"),
        ]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(5), message(6)], 2, 2, None),
        ),
        expect_pages[2],
    )
    .await;
}

async fn sids(stream: twilio::RecordStream<Message>) -> Vec<String> {
    stream.map(|r| r.unwrap().sid.unwrap()).collect().await
}

#[tokio::test]
async fn v2010_stream_follows_relative_next_page_uris_across_three_pages() {
    let h = Harness::start().await;
    mount_three_v2010_pages(&h, &[("To", "+15558675310"), ("PageSize", "2")], [1, 1, 1]).await;
    let stream = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .to("+15558675310")
        .page_size(2)
        .stream();
    assert_eq!(sids(stream).await, (1..=6).map(sm).collect::<Vec<_>>());
}

#[tokio::test]
async fn meta_stream_follows_absolute_next_page_urls_across_three_pages() {
    let h = Harness::start().await;
    let origin = h.uri();
    let url = |page: usize, token: &str| format!("{origin}/v2/Services?PageSize=2&Page={page}&PageToken={token}");
    h.expect(
        Expect::get("/v2/Services").query(&[("PageSize", "2")]),
        json(
            200,
            bodies::meta_page(
                &format!("{origin}/v2/Services?PageSize=2&Page=0"),
                "services",
                vec![bodies::service(&va(1), "s1"), bodies::service(&va(2), "s2")],
                0,
                2,
                Some(&url(1, "PTVA2")),
            ),
        ),
    )
    .await;
    h.expect(
        Expect::get("/v2/Services").query(&[("PageSize", "2"), ("Page", "1"), ("PageToken", "PTVA2")]),
        json(
            200,
            bodies::meta_page(
                &url(1, "PTVA2"),
                "services",
                vec![bodies::service(&va(3), "s3"), bodies::service(&va(4), "s4")],
                1,
                2,
                Some(&url(2, "PTVA4")),
            ),
        ),
    )
    .await;
    h.expect(
        Expect::get("/v2/Services").query(&[("PageSize", "2"), ("Page", "2"), ("PageToken", "PTVA4")]),
        json(
            200,
            bodies::meta_page(
                &url(2, "PTVA4"),
                "services",
                vec![bodies::service(&va(5), "s5")],
                2,
                2,
                None,
            ),
        ),
    )
    .await;

    let names: Vec<String> = h
        .client
        .verify()
        .v2()
        .services()
        .list()
        .page_size(2)
        .stream()
        .map(|r| r.unwrap().friendly_name.unwrap())
        .collect()
        .await;
    assert_eq!(names, ["s1", "s2", "s3", "s4", "s5"]);
}

#[tokio::test]
async fn meta_links_on_the_canonical_twilio_host_are_sent_to_the_configured_base_url() {
    let h = Harness::start().await;
    let next = "https://verify.twilio.com/v2/Services?PageSize=1&Page=1&PageToken=PT1";
    // Read twice: once by send(), once by stream().
    h.expect_times(
        Expect::get("/v2/Services").query(&[("PageSize", "1")]),
        json(
            200,
            bodies::meta_page(
                "https://verify.twilio.com/v2/Services?PageSize=1&Page=0",
                "services",
                vec![bodies::service(&va(1), "s1")],
                0,
                1,
                Some(next),
            ),
        ),
        2,
    )
    .await;
    h.expect(
        Expect::get("/v2/Services").query(&[("PageSize", "1"), ("Page", "1"), ("PageToken", "PT1")]),
        json(
            200,
            bodies::meta_page(next, "services", vec![bodies::service(&va(2), "s2")], 1, 1, None),
        ),
    )
    .await;
    let page = h
        .client
        .verify()
        .v2()
        .services()
        .list()
        .page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.next_page_url(),
        Some(&*format!("{}/v2/Services?PageSize=1&Page=1&PageToken=PT1", h.uri()))
    );
    let count = h
        .client
        .verify()
        .v2()
        .services()
        .list()
        .page_size(1)
        .limit(10)
        .stream()
        .count()
        .await;
    assert_eq!(count, 2);
}

#[tokio::test]
async fn limit_stops_the_stream_early_and_skips_pages_it_does_not_need() {
    let h = Harness::start().await;
    // limit 3 with pages of 2: pages 1 and 2 are read, page 3 never.
    mount_three_v2010_pages(&h, &[("To", "+15558675310"), ("PageSize", "2")], [1, 1, 0]).await;
    let stream = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .to("+15558675310")
        .page_size(2)
        .limit(3)
        .stream();
    assert_eq!(sids(stream).await, [sm(1), sm(2), sm(3)]);
}

#[tokio::test]
async fn limit_equal_to_the_first_page_reads_one_page_only() {
    let h = Harness::start().await;
    // No page_size: PageSize comes from the limit (2), and the next link is never followed.
    mount_three_v2010_pages(&h, &[("To", "+15558675310"), ("PageSize", "2")], [1, 0, 0]).await;
    let stream = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .to("+15558675310")
        .limit(2)
        .stream();
    assert_eq!(sids(stream).await, [sm(1), sm(2)]);
}

#[tokio::test]
async fn limit_sets_page_size_when_page_size_is_not_given() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect(
        Expect::get(&path).query(&[("PageSize", "5")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", (1..=5).map(message).collect(), 0, 5, None),
        ),
    )
    .await;
    let stream = h.client.api().v2010().messages().list().limit(5).stream();
    assert_eq!(sids(stream).await.len(), 5);
}

#[tokio::test]
async fn page_size_wins_over_limit_and_the_limit_still_caps_records() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect(
        Expect::get(&path).query(&[("PageSize", "10")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                (1..=10).map(message).collect(),
                0,
                10,
                Some("/ignored"),
            ),
        ),
    )
    .await;
    let stream = h.client.api().v2010().messages().list().page_size(10).limit(3).stream();
    assert_eq!(sids(stream).await, [sm(1), sm(2), sm(3)]);
}

#[tokio::test]
async fn page_size_is_capped_at_1000() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect_times(
        Expect::get(&path).query(&[("PageSize", "1000")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(1)], 0, 1000, None),
        ),
        3,
    )
    .await;
    let messages = h.client.api().v2010().messages();
    messages.list().page_size(5000).send().await.unwrap();
    messages.list().limit(250_000).send().await.unwrap();
    assert_eq!(sids(messages.list().page_size(u32::MAX).stream()).await, [sm(1)]);
}

#[tokio::test]
async fn limit_zero_yields_nothing_and_sends_nothing() {
    let h = Harness::start().await;
    let stream = h.client.api().v2010().messages().list().limit(0).stream();
    assert!(sids(stream).await.is_empty());
    assert!(h.received().await.is_empty());
}

#[tokio::test]
async fn a_next_link_repeating_itself_stops_the_stream() {
    let h = Harness::start().await;
    let path = messages_path();
    let page2 = format!("{path}?PageSize=2&Page=1&PageToken=PASM2");
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(1), message(2)], 0, 2, Some(&page2)),
        ),
    )
    .await;
    // Page 2 points at itself: it must be read once, and its records yielded once.
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2"), ("Page", "1"), ("PageToken", "PASM2")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(3), message(4)], 1, 2, Some(&page2)),
        ),
    )
    .await;
    let stream = h.client.api().v2010().messages().list().page_size(2).stream();
    assert_eq!(sids(stream).await, [sm(1), sm(2), sm(3), sm(4)]);
}

#[tokio::test]
async fn a_first_page_linking_to_itself_is_read_once() {
    let h = Harness::start().await;
    let path = messages_path();
    let self_link = format!("{path}?PageSize=2");
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(1), message(2)], 0, 2, Some(&self_link)),
        ),
    )
    .await;
    let stream = h.client.api().v2010().messages().list().page_size(2).stream();
    assert_eq!(sids(stream).await, [sm(1), sm(2)]);
}

#[tokio::test]
async fn a_next_link_to_a_foreign_host_is_an_error_and_is_not_requested() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                vec![message(1), message(2)],
                0,
                2,
                Some("https://evil.example.com/2010-04-01/Accounts/AC/Messages.json?Page=1"),
            ),
        ),
    )
    .await;
    let results: Vec<Result<Message, Error>> = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_size(2)
        .stream()
        .collect()
        .await;
    let errors: Vec<&Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(errors.len(), 1, "{results:?}");
    assert!(results.last().unwrap().is_err(), "the error ends the stream");
    match errors[0] {
        Error::InvalidRequest(msg) => assert!(msg.contains("evil.example.com"), "{msg}"),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert_eq!(h.received().await.len(), 1, "only the first page may be requested");

    // A link that only *starts* like the origin (userinfo trick) is foreign too.
    let h = Harness::start().await;
    let trick = format!("{}@evil.example.com/2010-04-01/x.json", h.uri());
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(1)], 0, 2, Some(&trick)),
        ),
    )
    .await;
    let results: Vec<_> = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_size(2)
        .stream()
        .collect()
        .await;
    assert!(
        results.iter().any(|r| matches!(r, Err(Error::InvalidRequest(_)))),
        "{results:?}"
    );
    assert_eq!(h.received().await.len(), 1);
}

#[tokio::test]
async fn a_foreign_next_link_still_delivers_the_records_of_its_page() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect_times(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                vec![message(1), message(2)],
                0,
                2,
                Some("https://evil.example.com/2010-04-01/Accounts/AC/Messages.json?Page=1"),
            ),
        ),
        2,
    )
    .await;
    let results: Vec<_> = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_size(2)
        .stream()
        .collect()
        .await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().sid.as_deref(), Some(&*sm(1)));
    assert_eq!(results[1].as_ref().unwrap().sid.as_deref(), Some(&*sm(2)));
    assert!(matches!(results[2], Err(Error::InvalidRequest(_))));
    let page = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_size(2)
        .send()
        .await
        .unwrap();
    assert_eq!(page.records.len(), 2);
    assert!(matches!(page.next_page().await, Err(Error::InvalidRequest(_))));
}

#[tokio::test]
async fn page_next_page_walks_the_pages_by_hand() {
    let h = Harness::start().await;
    mount_three_v2010_pages(&h, &[("To", "+15558675310"), ("PageSize", "2")], [1, 1, 1]).await;
    let first = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .to("+15558675310")
        .page_size(2)
        .send()
        .await
        .unwrap();
    assert_eq!(first.page, Some(0));
    assert_eq!(first.page_size, Some(2));
    assert_eq!(
        first.next_page_url(),
        Some(&*format!(
            "{}{}?To=%2B15558675310&PageSize=2&Page=1&PageToken=PASM2",
            h.uri(),
            messages_path()
        ))
    );
    let second = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(second.page, Some(1));
    assert_eq!(second.records[0].sid.as_deref(), Some(&*sm(3)));
    let third = second.next_page().await.unwrap().expect("a third page");
    assert_eq!(
        third.records.iter().map(|m| m.sid.clone().unwrap()).collect::<Vec<_>>(),
        [sm(5), sm(6)]
    );
    assert!(third.next_page_url().is_none());
    assert!(third.next_page().await.unwrap().is_none());
}

#[tokio::test]
async fn an_empty_or_null_next_link_ends_the_stream() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect(
        Expect::get(&path).query(&[("PageSize", "3")]),
        json(
            200,
            bodies::v2010_page(&path, "messages", vec![message(1)], 0, 3, Some("")),
        ),
    )
    .await;
    assert_eq!(
        sids(h.client.api().v2010().messages().list().page_size(3).stream()).await,
        [sm(1)]
    );

    let h = Harness::start().await;
    h.expect(
        Expect::get("/v2/Services"),
        json(200, serde_json::json!({"services": [bodies::service(&va(1), "only")], "meta": {"page": 0, "page_size": 50, "key": "services"}})),
    )
    .await;
    let all: Vec<_> = h.client.verify().v2().services().list().stream().collect().await;
    assert_eq!(all.len(), 1);
    assert!(all[0].is_ok());
}

#[tokio::test]
async fn an_error_on_a_later_page_is_yielded_after_the_earlier_records() {
    let h = Harness::start().await;
    let path = messages_path();
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "messages",
                vec![message(1), message(2)],
                0,
                2,
                Some(&format!("{path}?PageSize=2&Page=1&PageToken=PASM2")),
            ),
        ),
    )
    .await;
    h.expect(
        Expect::get(&path).query(&[("PageSize", "2"), ("Page", "1"), ("PageToken", "PASM2")]),
        json(500, serde_json::json!({"code": 20500, "message": "Internal Server Error", "more_info": "https://www.twilio.com/docs/errors/20500", "status": 500})),
    )
    .await;
    let results: Vec<_> = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_size(2)
        .stream()
        .collect()
        .await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].is_ok() && results[1].is_ok());
    match &results[2] {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, 500);
            assert_eq!(e.code, Some(20500));
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_page_without_its_records_array_is_a_decode_error() {
    let h = Harness::start().await;
    let path = messages_path();
    let body = serde_json::json!({"calls": [], "next_page_uri": null, "page": 0, "page_size": 50});
    h.expect(Expect::get(&path), json(200, body)).await;
    match h.client.api().v2010().messages().list().send().await {
        Err(Error::Decode(e)) => {
            assert_eq!(e.status, 200);
            assert!(e.body.contains("\"calls\""), "{}", e.body);
            assert!(e.source.to_string().contains("messages"), "{}", e.source);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn media_pages_use_their_media_list_key() {
    let h = Harness::start().await;
    let sid = sm(9);
    let path = format!("{}/Messages/{sid}/Media.json", account_path(ACCOUNT_SID));
    let next = format!("{path}?PageSize=1&Page=1&PageToken=PAME1");
    h.expect(
        Expect::get(&path).query(&[("PageSize", "1")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "media_list",
                vec![bodies::media(ACCOUNT_SID, &sid, "ME00000000000000000000000000000001")],
                0,
                1,
                Some(&next),
            ),
        ),
    )
    .await;
    h.expect(
        Expect::get(&path).query(&[("PageSize", "1"), ("Page", "1"), ("PageToken", "PAME1")]),
        json(
            200,
            bodies::v2010_page(
                &path,
                "media_list",
                vec![bodies::media(ACCOUNT_SID, &sid, "ME00000000000000000000000000000002")],
                1,
                1,
                None,
            ),
        ),
    )
    .await;
    let media: Vec<String> = h
        .client
        .api()
        .v2010()
        .message(&sid)
        .media()
        .list()
        .page_size(1)
        .stream()
        .map(|m| m.unwrap().sid.unwrap())
        .collect()
        .await;
    assert_eq!(
        media,
        [
            "ME00000000000000000000000000000001",
            "ME00000000000000000000000000000002"
        ]
    );
}

/// Explicit paging, as Twilio's helpers offer it: one page by number and token, and a listing
/// resumed from a next-page link kept from an earlier page.
#[tokio::test]
async fn a_page_is_fetched_by_number_and_token_or_resumed_from_a_stored_link() {
    let h = Harness::start().await;
    mount_three_v2010_pages(&h, &[("To", "+15558675310"), ("PageSize", "2")], [1, 2, 1]).await;
    let messages = h.client.api().v2010().messages();
    let first = messages.list().to("+15558675310").page_size(2).send().await.unwrap();
    let stored = first.next_page_url().expect("a next page").to_owned();

    // The second page by number and token: the same request the link makes.
    let second = messages
        .list()
        .to("+15558675310")
        .page_size(2)
        .page_number(1)
        .page_token("PASM2")
        .send()
        .await
        .unwrap();
    let sids = |page: &twilio::Page<Message>| page.records.iter().map(|m| m.sid.clone().unwrap()).collect::<Vec<_>>();
    assert_eq!(sids(&second), [sm(3), sm(4)]);

    // Resumed later from the stored link alone; the page goes on linking.
    let resumed = messages.list().page_at(stored).await.unwrap();
    assert_eq!(sids(&resumed), [sm(3), sm(4)]);
    let third = resumed.next_page().await.unwrap().expect("a third page");
    assert_eq!(sids(&third), [sm(5), sm(6)]);
    h.verify().await;
}

#[tokio::test]
async fn a_stored_link_to_another_host_is_refused_without_a_request() {
    let h = Harness::start().await;
    let error = h
        .client
        .api()
        .v2010()
        .messages()
        .list()
        .page_at("https://attacker.example/2010-04-01/Accounts/AC1/Messages.json?Page=1")
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("another host")),
        "{error}"
    );
    assert!(h.received().await.is_empty());
}

/// Numbers' short code applications number their pages: `has_next` and `current_page` beside
/// `results`; the stream asks for the same list with the next `Page` until `has_next` is false.
#[tokio::test]
async fn numbered_pages_are_followed_by_page_number() {
    let h = Harness::start().await;
    let application = |n: usize| serde_json::json!({"sid": format!("SA{n:032x}"), "friendly_name": format!("app {n}")});
    let page = |records: Vec<serde_json::Value>, current: u64, has_next: bool| {
        serde_json::json!({
            "results": records, "total_elements": 3, "total_pages": 2, "current_page": current,
            "per_page": 2, "has_next": has_next, "has_prev": current > 0
        })
    };
    let path = "/v2/ShortCodes/Applications";
    h.expect(
        Expect::get(path).query(&[("IsoCountry", "US"), ("PageSize", "2")]),
        json(200, page(vec![application(1), application(2)], 0, true)),
    )
    .await;
    h.expect(
        Expect::get(path).query(&[("IsoCountry", "US"), ("PageSize", "2"), ("Page", "1")]),
        json(200, page(vec![application(3)], 1, false)),
    )
    .await;
    let stream = h
        .client
        .numbers()
        .v2()
        .applications()
        .list()
        .iso_country("US")
        .page_size(2)
        .stream();
    let names: Vec<String> = stream.map(|r| r.unwrap().friendly_name.unwrap()).collect().await;
    assert_eq!(names, ["app 1", "app 2", "app 3"]);
}
