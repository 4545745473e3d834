//! End-to-end tests of lookups v2 (phone number fetch) against a wiremock server: the escaped
//! path, every query parameter, and the decoding of the data packages.

use serde_json::json as j;
use twilio::lookups::v2::ValidationError;
use twilio_e2e::support::{bodies, json, utc, Expect, Harness, AUTH_TOKEN};

#[tokio::test]
async fn fetch_escapes_a_national_format_number_as_one_path_segment() {
    let h = Harness::start().await;
    let mut body = bodies::phone_number("+14155550100", "(415) 555-0100");
    body["line_type_intelligence"] = j!({
        "error_code": null,
        "mobile_country_code": "240",
        "mobile_network_code": "38",
        "carrier_name": "Twilio - SMS/MMS-SVR",
        "type": "nonFixedVoip"
    });
    h.expect(
        Expect::get("/v2/PhoneNumbers/%2B1%20%28415%29%20555-0100")
            .query(&[("Fields", "line_type_intelligence")])
            .raw_query("Fields=line_type_intelligence"),
        json(200, body),
    )
    .await;

    let number = h
        .client
        .lookups()
        .v2()
        .phone_numbers()
        .fetch("+1 (415) 555-0100")
        .fields("line_type_intelligence")
        .await
        .unwrap();

    assert_eq!(number.phone_number.as_deref(), Some("+14155550100"));
    assert_eq!(number.national_format.as_deref(), Some("(415) 555-0100"));
    assert_eq!(number.calling_country_code.as_deref(), Some("1"));
    assert_eq!(number.country_code.as_deref(), Some("US"));
    assert_eq!(number.valid, Some(true));
    assert!(number.validation_errors.is_none());
    let lti = number.line_type_intelligence.as_ref().unwrap();
    assert_eq!(lti.type_.as_deref(), Some("nonFixedVoip"));
    assert_eq!(lti.carrier_name.as_deref(), Some("Twilio - SMS/MMS-SVR"));
    assert_eq!(lti.mobile_country_code.as_deref(), Some("240"));
    assert_eq!(lti.error_code, None);
    assert!(number.caller_name.is_none() && number.sim_swap.is_none() && number.identity_match.is_none());
    assert_eq!(
        number.url.as_deref(),
        Some("https://lookups.twilio.com/v2/PhoneNumbers/+14155550100")
    );
}

#[tokio::test]
async fn fetch_escapes_plus_slash_question_mark_and_hash() {
    let h = Harness::start().await;
    h.expect(
        Expect::get("/v2/PhoneNumbers/%2B14159929960"),
        json(200, bodies::phone_number("+14159929960", "(415) 992-9960")),
    )
    .await;
    h.expect(
        Expect::get("/v2/PhoneNumbers/%28415%29%20992-9960%2Fx%3Fy%23z").query(&[("CountryCode", "US")]),
        json(200, bodies::phone_number("+14159929960", "(415) 992-9960")),
    )
    .await;
    let numbers = h.client.lookups().v2().phone_numbers();
    numbers.fetch("+14159929960").await.unwrap();
    numbers.fetch("(415) 992-9960/x?y#z").country_code("US").await.unwrap();
}

#[tokio::test]
async fn fetch_sends_every_query_parameter_and_decodes_identity_match() {
    let h = Harness::start().await;
    let mut body = bodies::phone_number("+14159929960", "(415) 992-9960");
    body["identity_match"] = j!({
        "first_name_match": "exact_match",
        "last_name_match": "high_partial_match",
        "address_lines_match": "no_match",
        "city_match": "no_match",
        "state_match": "high_partial_match",
        "postal_code_match": "no_match",
        "address_country_match": "exact_match",
        "national_id_match": "exact_match",
        "date_of_birth_match": "exact_match",
        "summary_score": 90,
        "error_code": null,
        "error_message": null
    });
    body["reassigned_number"] =
        j!({"last_verified_date": "2019-09-24", "is_number_reassigned": "no", "error_code": null});
    h.expect(
        Expect::get("/v2/PhoneNumbers/%2B14159929960").query(&[
            ("Fields", "identity_match,reassigned_number"),
            ("CountryCode", "US"),
            ("FirstName", "Ann"),
            ("LastName", "O'Neil"),
            ("AddressLine1", "1 Main St & 2nd"),
            ("AddressLine2", "Apt #5"),
            ("City", "San Francisco"),
            ("State", "CA"),
            ("PostalCode", "94105"),
            ("AddressCountryCode", "US"),
            ("NationalId", "YZ3456883"),
            ("DateOfBirth", "19900101"),
            ("LastVerifiedDate", "20190924"),
            ("VerificationSid", "VE0123456789abcdef0123456789abcdef"),
            ("PartnerSubId", "sub/1+2"),
        ]),
        json(200, body),
    )
    .await;

    let request = h
        .client
        .lookups()
        .v2()
        .phone_numbers()
        .fetch("+14159929960")
        .fields("identity_match,reassigned_number")
        .country_code("US")
        .first_name("Ann")
        .last_name("O'Neil")
        .address_line1("1 Main St & 2nd")
        .address_line2("Apt #5")
        .city("San Francisco")
        .state("CA")
        .postal_code("94105")
        .address_country_code("US")
        .national_id("YZ3456883")
        .date_of_birth("19900101")
        .last_verified_date("20190924")
        .verification_sid("VE0123456789abcdef0123456789abcdef")
        .partner_sub_id("sub/1+2");
    // Sensitive parameters (and the client's token) never show in the builder's Debug output.
    let shown = format!("{request:?}");
    for secret in ["O'Neil", "YZ3456883", "19900101", "1 Main St", "94105", AUTH_TOKEN] {
        assert!(!shown.contains(secret), "{secret:?} leaked in {shown}");
    }
    let number = request.await.unwrap();

    let identity = number.identity_match.as_ref().unwrap();
    assert_eq!(identity.first_name_match.as_deref(), Some("exact_match"));
    assert_eq!(identity.summary_score, Some(90));
    assert_eq!(identity.error_message, None);
    let reassigned = number.reassigned_number.as_ref().unwrap();
    assert_eq!(reassigned.is_number_reassigned.as_deref(), Some("no"));
    assert_eq!(reassigned.last_verified_date.as_deref(), Some("2019-09-24"));
}

#[tokio::test]
async fn fetch_decodes_sim_swap_call_forwarding_and_sms_pumping_risk() {
    let h = Harness::start().await;
    let mut body = bodies::phone_number("+447772000001", "07772 000001");
    body["country_code"] = j!("GB");
    body["calling_country_code"] = j!("44");
    body["sim_swap"] = j!({
        "last_sim_swap": {"last_sim_swap_date": "2020-04-27T10:18:50Z", "swapped_period": "PT48H", "swapped_in_period": true},
        "carrier_name": "Vodafone UK",
        "mobile_country_code": "276",
        "mobile_network_code": "02",
        "error_code": null
    });
    body["call_forwarding"] = j!({"call_forwarding_enabled": true, "error_code": null});
    body["line_status"] = j!({"status": "active", "error_code": null});
    body["caller_name"] = j!({"caller_name": "Delicious Cheese Cake", "caller_type": "CONSUMER", "error_code": null});
    body["sms_pumping_risk"] = j!({
        "carrier_risk_category": "moderate",
        "number_blocked": false,
        "number_blocked_date": null,
        "number_blocked_last_3_months": null,
        "sms_pumping_risk_score": 61,
        "error_code": null
    });
    h.expect(
        Expect::get("/v2/PhoneNumbers/%2B447772000001").query(&[(
            "Fields",
            "sim_swap,call_forwarding,line_status,caller_name,sms_pumping_risk",
        )]),
        json(200, body),
    )
    .await;
    let number = h
        .client
        .lookups()
        .v2()
        .phone_numbers()
        .fetch("+447772000001")
        .fields("sim_swap,call_forwarding,line_status,caller_name,sms_pumping_risk")
        .await
        .unwrap();
    let sim_swap = number.sim_swap.as_ref().unwrap();
    let last = sim_swap.last_sim_swap.as_ref().unwrap();
    assert_eq!(last.last_sim_swap_date, Some(utc(2020, 4, 27, 10, 18, 50)));
    assert_eq!(last.swapped_period.as_deref(), Some("PT48H"));
    assert_eq!(last.swapped_in_period, Some(true));
    assert_eq!(sim_swap.carrier_name.as_deref(), Some("Vodafone UK"));
    assert_eq!(
        number.call_forwarding.as_ref().unwrap().call_forwarding_enabled,
        Some(true)
    );
    assert_eq!(number.line_status.as_ref().unwrap().status.as_deref(), Some("active"));
    assert_eq!(
        number.caller_name.as_ref().unwrap().caller_type.as_deref(),
        Some("CONSUMER")
    );
    let risk = number.sms_pumping_risk.as_ref().unwrap();
    assert_eq!(risk.sms_pumping_risk_score, Some(61));
    assert_eq!(risk.number_blocked, Some(false));
    assert_eq!(risk.number_blocked_date, None);
    assert_eq!(risk.number_blocked_last_3_months, None);
}

#[tokio::test]
async fn fetch_decodes_validation_errors_including_unknown_ones() {
    let h = Harness::start().await;
    let mut body = bodies::phone_number("+141599299600", "");
    body["valid"] = j!(false);
    body["national_format"] = j!(null);
    body["validation_errors"] = j!(["TOO_LONG", "INVALID_BUT_POSSIBLE", "SOMETHING_NEW"]);
    h.expect(Expect::get("/v2/PhoneNumbers/%2B141599299600"), json(200, body))
        .await;
    let number = h
        .client
        .lookups()
        .v2()
        .phone_numbers()
        .fetch("+141599299600")
        .await
        .unwrap();
    assert_eq!(number.valid, Some(false));
    assert_eq!(number.national_format, None);
    assert_eq!(
        number.validation_errors.as_deref(),
        Some(
            &[
                ValidationError::TooLong,
                ValidationError::InvalidButPossible,
                ValidationError::Other("SOMETHING_NEW".into())
            ][..]
        )
    );
    assert_eq!(number.validation_errors.as_ref().unwrap()[2].as_str(), "SOMETHING_NEW");
}

/// `.`, `..` and `""` cannot name an instance: URL normalisation would turn them into another
/// path (`/v2/` or the list endpoint), so they are refused before anything is sent.
#[tokio::test]
async fn fetch_refuses_path_values_that_would_change_the_path() {
    let h = Harness::start().await;
    for value in ["..", ".", ""] {
        let err = h.client.lookups().v2().phone_numbers().fetch(value).await.unwrap_err();
        assert!(matches!(err, twilio::Error::InvalidRequest(_)), "{value:?}: {err:?}");
        assert!(err.to_string().contains("PhoneNumber"), "{err}");
    }
}

/// A bucket's limit is set with a JSON `PUT` below its field: two path parameters, the second
/// on a group (`rate_limit_field(field).buckets()`).
#[tokio::test]
async fn a_rate_limit_bucket_is_updated_with_a_json_put() {
    use wiremock::matchers::{body_json, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/RateLimits/Fields/line_type_intelligence/Bucket/daily"))
        .and(header("content-type", "application/json"))
        .and(body_json(j!({"limit": 500, "ttl": 86400})))
        .respond_with(ResponseTemplate::new(200).set_body_json(j!({
            "field": "line_type_intelligence", "limit": 500, "bucket": "daily", "owner": "account", "ttl": 86400
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = twilio::Client::builder("AC0123456789abcdef0123456789abcdef", AUTH_TOKEN)
        .base_url(server.uri())
        .build();
    let bucket = client
        .lookups()
        .v2()
        .rate_limit_field("line_type_intelligence")
        .buckets()
        .update("daily")
        .limit_value(500)
        .ttl(86400)
        .await
        .unwrap();
    assert_eq!(
        (bucket.limit, bucket.ttl, bucket.owner.as_deref()),
        (Some(500), Some(86400), Some("account"))
    );
}
