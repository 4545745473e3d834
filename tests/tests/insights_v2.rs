//! End-to-end tests of Insights v2 reports against a wiremock server: a report is requested
//! with a JSON body of inputs, then its rows are listed below the report's id.

use serde_json::json;
use twilio::insights::v2::{ReportFilter, ReportStatus, ReportTimeRange};
use twilio_e2e::support::{basic_auth, utc, ACCOUNT_SID, AUTH_TOKEN};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REPORT: &str = "voiceinsights_report_01hzaaaaaaaaaaaaaaaaaaaaaa";

#[tokio::test]
async fn a_phone_numbers_report_is_requested_then_its_rows_listed() {
    let server = MockServer::start().await;
    let authorization = basic_auth(ACCOUNT_SID, AUTH_TOKEN);
    Mock::given(method("POST"))
        .and(path("/v2/Voice/Reports/PhoneNumbers/Inbound"))
        .and(header("authorization", authorization.as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "time_range": {"start_datetime": "2024-01-01T00:00:00Z", "end_datetime": "2024-01-07T00:00:00Z"},
            "filters": [{"key": "call_direction", "values": ["inbound"]}],
            "size": 50,
        })))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "account_sid": ACCOUNT_SID,
            "report_id": REPORT,
            "status": "created",
            "url": format!("https://insights.twilio.com/v2/Voice/Reports/PhoneNumbers/Inbound/{REPORT}")
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/Voice/Reports/PhoneNumbers/Inbound/{REPORT}")))
        .and(query_param("PageSize", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "reports": [
                {"handle": "+14155550100", "total_calls": 42, "call_answer_score": 0.93},
                {"handle": "+14155550101", "total_calls": 7, "call_answer_score": 0.5}
            ],
            "meta": {"page": 0, "page_size": 2, "next_page_url": null, "key": "reports"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(server.uri())
        .build();
    let v2 = client.insights().v2();
    let receipt = v2
        .inbound_reports()
        .create()
        .time_range(
            ReportTimeRange::new()
                .start_datetime(utc(2024, 1, 1, 0, 0, 0))
                .end_datetime(utc(2024, 1, 7, 0, 0, 0)),
        )
        .filters(ReportFilter::new().key("call_direction").values("inbound"))
        .size(50)
        .await
        .unwrap();
    assert_eq!(receipt.status, Some(ReportStatus::Created));
    let id = receipt.report_id.unwrap();

    let page = v2.inbound_report(id).phone_numbers().list().page_size(2).await.unwrap();
    let handles: Vec<_> = page.records.iter().map(|r| r.handle.as_deref()).collect();
    assert_eq!(handles, [Some("+14155550100"), Some("+14155550101")]);
    assert_eq!(page.records[0].total_calls, Some(42));
}
