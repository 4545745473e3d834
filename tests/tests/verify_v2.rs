//! End-to-end tests of verify v2 (services, verifications, verification checks) against a
//! wiremock server: every method's exact request, and the decoding of realistic responses.

use serde_json::json as j;
use twilio::verify::v2::{VerificationChannel, VerificationCheckChannel, VerificationRiskCheck, VerificationStatus};
use twilio_e2e::support::{bodies, json, no_content, utc, Expect, Harness, ACCOUNT_SID};

const SERVICE_SID: &str = "VA0123456789abcdef0123456789abcdef";
const VERIFICATION_SID: &str = "VE0123456789abcdef0123456789abcdef";

#[tokio::test]
async fn service_create_sends_every_parameter_including_dotted_names() {
    let h = Harness::start().await;
    h.expect(
        Expect::post("/v2/Services").form(&[
            ("FriendlyName", "My Verify Service"),
            ("CodeLength", "6"),
            ("LookupEnabled", "true"),
            ("SkipSmsToLandlines", "false"),
            ("DtmfInputRequired", "true"),
            ("TtsName", "Polly.Joanna"),
            ("Psd2Enabled", "false"),
            ("DoNotShareWarningEnabled", "true"),
            ("CustomCodeEnabled", "false"),
            ("Push.IncludeDate", "false"),
            ("Push.ApnCredentialSid", "CR00000000000000000000000000000001"),
            ("Push.FcmCredentialSid", "CR00000000000000000000000000000002"),
            ("Totp.Issuer", "Acme Inc."),
            ("Totp.TimeStep", "30"),
            ("Totp.CodeLength", "3"),
            ("Totp.Skew", "2"),
            ("DefaultTemplateSid", "HJ0123456789abcdef0123456789abcdef"),
            ("Whatsapp.MsgServiceSid", "MG0123456789abcdef0123456789abcdef"),
            ("Whatsapp.From", "whatsapp:+1234567890"),
            ("Passkeys.RelyingParty.Id", "www.mydomain.com"),
            ("Passkeys.RelyingParty.Name", "My domain"),
            ("Passkeys.RelyingParty.Origins", "https://www.mydomain.com"),
            ("Passkeys.AuthenticatorAttachment", "platform"),
            ("Passkeys.DiscoverableCredentials", "preferred"),
            ("Passkeys.UserVerification", "discouraged"),
            ("VerifyEventSubscriptionEnabled", "true"),
        ]),
        json(201, bodies::service(SERVICE_SID, "My Verify Service")),
    )
    .await;

    let service = h
        .client
        .verify()
        .v2()
        .services()
        .create("My Verify Service")
        .code_length(6)
        .lookup_enabled(true)
        .skip_sms_to_landlines(false)
        .dtmf_input_required(true)
        .tts_name("Polly.Joanna")
        .psd2_enabled(false)
        .do_not_share_warning_enabled(true)
        .custom_code_enabled(false)
        .push_include_date(false)
        .push_apn_credential_sid("CR00000000000000000000000000000001")
        .push_fcm_credential_sid("CR00000000000000000000000000000002")
        .totp_issuer("Acme Inc.")
        .totp_time_step(30)
        .totp_code_length(3)
        .totp_skew(2)
        .default_template_sid("HJ0123456789abcdef0123456789abcdef")
        .whatsapp_msg_service_sid("MG0123456789abcdef0123456789abcdef")
        .whatsapp_from("whatsapp:+1234567890")
        .passkeys_relying_party_id("www.mydomain.com")
        .passkeys_relying_party_name("My domain")
        .passkeys_relying_party_origins("https://www.mydomain.com")
        .passkeys_authenticator_attachment("platform")
        .passkeys_discoverable_credentials("preferred")
        .passkeys_user_verification("discouraged")
        .verify_event_subscription_enabled(true)
        .await
        .unwrap();

    assert_eq!(service.sid.as_deref(), Some(SERVICE_SID));
    assert_eq!(service.account_sid.as_deref(), Some(ACCOUNT_SID));
    assert_eq!(service.friendly_name.as_deref(), Some("My Verify Service"));
    assert_eq!(service.code_length, Some(6));
    assert_eq!(service.custom_code_enabled, Some(true));
    assert_eq!(service.psd2_enabled, Some(false));
    assert_eq!(service.date_created, Some(utc(2015, 7, 30, 20, 0, 0)));
    assert_eq!(service.date_updated, Some(utc(2015, 7, 30, 20, 0, 0)));
    assert_eq!(service.totp.as_ref().unwrap()["time_step"], j!(30));
    assert_eq!(service.push.as_ref().unwrap()["fcm_credential_sid"], j!(null));
    assert_eq!(
        service.passkeys.as_ref().unwrap()["relying_party"]["name"],
        j!("My domain")
    );
    assert_eq!(
        service.links.as_ref().unwrap()["verifications"],
        format!("https://verify.twilio.com/v2/Services/{SERVICE_SID}/Verifications")
    );
    assert_eq!(
        service.url.as_deref(),
        Some(&*format!("https://verify.twilio.com/v2/Services/{SERVICE_SID}"))
    );
}

#[tokio::test]
async fn service_create_with_only_the_required_friendly_name() {
    let h = Harness::start().await;
    h.expect(
        Expect::post("/v2/Services")
            .form(&[("FriendlyName", "Login codes")])
            .raw_form("FriendlyName=Login+codes"),
        json(201, bodies::service(SERVICE_SID, "Login codes")),
    )
    .await;
    let service = h
        .client
        .verify()
        .v2()
        .services()
        .create("Login codes")
        .send()
        .await
        .unwrap();
    assert_eq!(service.friendly_name.as_deref(), Some("Login codes"));
}

#[tokio::test]
async fn service_fetch_gets_the_service_by_sid() {
    let h = Harness::start().await;
    h.expect(
        Expect::get(format!("/v2/Services/{SERVICE_SID}")),
        json(200, bodies::service(SERVICE_SID, "Fetched")),
    )
    .await;
    let service = h.client.verify().v2().services().fetch(SERVICE_SID).await.unwrap();
    assert_eq!(service.friendly_name.as_deref(), Some("Fetched"));
    assert_eq!(
        service.default_template_sid.as_deref(),
        Some("HJ0123456789abcdef0123456789abcdef")
    );
}

#[tokio::test]
async fn service_update_sends_every_parameter() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}")).form(&[
            ("FriendlyName", "Renamed"),
            ("CodeLength", "8"),
            ("LookupEnabled", "false"),
            ("SkipSmsToLandlines", "true"),
            ("DtmfInputRequired", "false"),
            ("TtsName", "alice"),
            ("Psd2Enabled", "true"),
            ("DoNotShareWarningEnabled", "false"),
            ("CustomCodeEnabled", "true"),
            ("Push.IncludeDate", "true"),
            ("Push.ApnCredentialSid", "CR00000000000000000000000000000003"),
            ("Push.FcmCredentialSid", "CR00000000000000000000000000000004"),
            ("Totp.Issuer", "Issuer & Co"),
            ("Totp.TimeStep", "60"),
            ("Totp.CodeLength", "8"),
            ("Totp.Skew", "1"),
            ("DefaultTemplateSid", "HJ00000000000000000000000000000001"),
            ("Whatsapp.MsgServiceSid", "MG00000000000000000000000000000001"),
            ("Whatsapp.From", "whatsapp:+15005550006"),
            ("Passkeys.RelyingParty.Id", "example.com"),
            ("Passkeys.RelyingParty.Name", "Example"),
            ("Passkeys.RelyingParty.Origins", "https://example.com"),
            ("Passkeys.AuthenticatorAttachment", "cross-platform"),
            ("Passkeys.DiscoverableCredentials", "required"),
            ("Passkeys.UserVerification", "required"),
            ("VerifyEventSubscriptionEnabled", "false"),
        ]),
        json(200, bodies::service(SERVICE_SID, "Renamed")),
    )
    .await;
    let service = h
        .client
        .verify()
        .v2()
        .services()
        .update(SERVICE_SID)
        .friendly_name("Renamed")
        .code_length(8)
        .lookup_enabled(false)
        .skip_sms_to_landlines(true)
        .dtmf_input_required(false)
        .tts_name("alice")
        .psd2_enabled(true)
        .do_not_share_warning_enabled(false)
        .custom_code_enabled(true)
        .push_include_date(true)
        .push_apn_credential_sid("CR00000000000000000000000000000003")
        .push_fcm_credential_sid("CR00000000000000000000000000000004")
        .totp_issuer("Issuer & Co")
        .totp_time_step(60)
        .totp_code_length(8)
        .totp_skew(1)
        .default_template_sid("HJ00000000000000000000000000000001")
        .whatsapp_msg_service_sid("MG00000000000000000000000000000001")
        .whatsapp_from("whatsapp:+15005550006")
        .passkeys_relying_party_id("example.com")
        .passkeys_relying_party_name("Example")
        .passkeys_relying_party_origins("https://example.com")
        .passkeys_authenticator_attachment("cross-platform")
        .passkeys_discoverable_credentials("required")
        .passkeys_user_verification("required")
        .verify_event_subscription_enabled(false)
        .await
        .unwrap();
    assert_eq!(service.friendly_name.as_deref(), Some("Renamed"));
}

#[tokio::test]
async fn service_update_without_params_sends_an_empty_form() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}")).raw_form(""),
        json(200, bodies::service(SERVICE_SID, "x")),
    )
    .await;
    h.client.verify().v2().services().update(SERVICE_SID).await.unwrap();
}

#[tokio::test]
async fn service_delete_sends_a_bare_delete() {
    let h = Harness::start().await;
    h.expect(Expect::delete(format!("/v2/Services/{SERVICE_SID}")), no_content())
        .await;
    h.client.verify().v2().services().delete(SERVICE_SID).await.unwrap();
}

#[tokio::test]
async fn service_list_sends_page_size_and_decodes_the_meta_page() {
    let h = Harness::start().await;
    let url = "https://verify.twilio.com/v2/Services?PageSize=20&Page=0";
    h.expect(
        Expect::get("/v2/Services")
            .query(&[("PageSize", "20")])
            .raw_query("PageSize=20"),
        json(
            200,
            bodies::meta_page(
                url,
                "services",
                vec![
                    bodies::service(SERVICE_SID, "one"),
                    bodies::service("VA00000000000000000000000000000002", "two"),
                ],
                0,
                20,
                None,
            ),
        ),
    )
    .await;
    let page = h.client.verify().v2().services().list().page_size(20).await.unwrap();
    let names: Vec<_> = page.records.iter().map(|s| s.friendly_name.clone().unwrap()).collect();
    assert_eq!(names, ["one", "two"]);
    assert_eq!(page.page, Some(0));
    assert_eq!(page.page_size, Some(20));
    assert!(page.next_page_url().is_none());
}

#[tokio::test]
async fn verification_create_sends_json_params_as_json_text() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}/Verifications")).form(&[
            ("To", "+15017122661"),
            ("Channel", "sms"),
            ("CustomFriendlyName", "Acme"),
            ("CustomMessage", "Your code"),
            ("SendDigits", "ww1"),
            ("Locale", "pt-BR"),
            ("CustomCode", "867530"),
            ("Amount", "€39.99"),
            ("Payee", "Acme Inc."),
            ("RateLimits", r#"{"end_user_ip_address":"127.0.0.1","my_limit":3}"#),
            (
                "ChannelConfiguration",
                r#"{"substitutions":{"username":"ahoy"},"template_id":"d-123"}"#,
            ),
            ("AppHash", "Hk3f9/Zr+Ab"),
            ("TemplateSid", "HJ0123456789abcdef0123456789abcdef"),
            ("TemplateCustomSubstitutions", r#"{"name":"Ann"}"#),
            ("DeviceIp", "203.0.113.7"),
            ("EnableSnaClientToken", "true"),
            ("RiskCheck", "disable"),
            ("Tags", r#"{"campaign":"spring"}"#),
        ]),
        json(201, bodies::verification(SERVICE_SID, VERIFICATION_SID, "pending")),
    )
    .await;

    #[allow(deprecated)]
    let request = h
        .client
        .verify()
        .v2()
        .service(SERVICE_SID)
        .verifications()
        .create("+15017122661", "sms")
        .custom_friendly_name("Acme")
        .custom_message("Your code");
    let verification = request
        .send_digits("ww1")
        .locale("pt-BR")
        .custom_code("867530")
        .amount("€39.99")
        .payee("Acme Inc.")
        // Keys in alphabetical order, so the JSON text is the same with or without serde_json's
        // preserve_order feature.
        .rate_limits(j!({"end_user_ip_address": "127.0.0.1", "my_limit": 3}))
        .channel_configuration(j!({"substitutions": {"username": "ahoy"}, "template_id": "d-123"}))
        .app_hash("Hk3f9/Zr+Ab")
        .template_sid("HJ0123456789abcdef0123456789abcdef")
        .template_custom_substitutions(r#"{"name":"Ann"}"#)
        .device_ip("203.0.113.7")
        .enable_sna_client_token(true)
        .risk_check(VerificationRiskCheck::Disable)
        .tags(r#"{"campaign":"spring"}"#);
    // Sensitive parameters are sent on the wire but never shown in Debug output.
    let shown = format!("{verification:?}");
    assert!(
        !shown.contains("867530") && !shown.contains("39.99") && !shown.contains("Acme Inc."),
        "{shown}"
    );
    let verification = verification.await.unwrap();

    assert_eq!(verification.sid.as_deref(), Some(VERIFICATION_SID));
    assert_eq!(verification.service_sid.as_deref(), Some(SERVICE_SID));
    assert_eq!(verification.channel, Some(VerificationChannel::Sms));
    assert_eq!(verification.status.as_deref(), Some("pending"));
    assert_eq!(verification.valid, Some(false));
    assert_eq!(verification.amount, None);
    assert_eq!(verification.lookup, Some(j!({})));
    assert_eq!(verification.sna, None);
    let attempts = verification.send_code_attempts.as_ref().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["attempt_sid"], j!("VL0123456789abcdef0123456789abcdef"));
    assert_eq!(verification.date_created, Some(utc(2015, 7, 30, 20, 0, 0)));
}

#[tokio::test]
async fn verification_create_passes_a_json_string_value_through_unquoted() {
    // A `json` param holding a JSON *string* is taken as JSON text the caller already encoded
    // (as twilio-python's serialize.object does), not quoted again.
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}/Verifications")).form(&[
            ("To", "user@example.com"),
            ("Channel", "email"),
            ("RateLimits", r#"{"a":1}"#),
            ("ChannelConfiguration", "[1,2,3]"),
        ]),
        json(201, bodies::verification(SERVICE_SID, VERIFICATION_SID, "pending")),
    )
    .await;
    h.client
        .verify()
        .v2()
        .service(SERVICE_SID)
        .verifications()
        .create("user@example.com", "email")
        .rate_limits(serde_json::Value::String(r#"{"a":1}"#.into()))
        .channel_configuration(j!([1, 2, 3]))
        .await
        .unwrap();
}

#[tokio::test]
async fn verification_decodes_sensitive_fields_but_never_shows_them() {
    let h = Harness::start().await;
    let mut body = bodies::verification(SERVICE_SID, VERIFICATION_SID, "approved");
    body["amount"] = j!("€1234.56");
    body["payee"] = j!("Secret Payee GmbH");
    body["channel"] = j!("whatsapp");
    h.expect(
        Expect::get(format!("/v2/Services/{SERVICE_SID}/Verifications/{VERIFICATION_SID}")),
        json(200, body),
    )
    .await;

    let verification = h
        .client
        .verify()
        .v2()
        .service(SERVICE_SID)
        .verifications()
        .fetch(VERIFICATION_SID)
        .await
        .unwrap();
    assert_eq!(verification.status.as_deref(), Some("approved"));
    assert_eq!(verification.channel, Some(VerificationChannel::Whatsapp));
    assert_eq!(verification.amount.as_deref(), Some("€1234.56"));
    assert_eq!(verification.payee.as_deref(), Some("Secret Payee GmbH"));
    let shown = format!("{verification:?}");
    assert!(!shown.contains("1234.56") && !shown.contains("Secret Payee"), "{shown}");
    assert!(shown.contains(VERIFICATION_SID));
}

#[tokio::test]
async fn verification_update_sends_the_required_status() {
    let h = Harness::start().await;
    let path = format!("/v2/Services/{SERVICE_SID}/Verifications/{VERIFICATION_SID}");
    h.expect(
        Expect::post(&path)
            .form(&[("Status", "canceled")])
            .raw_form("Status=canceled"),
        json(200, bodies::verification(SERVICE_SID, VERIFICATION_SID, "canceled")),
    )
    .await;
    h.expect(
        Expect::post(&path).form(&[("Status", "approved")]),
        json(200, bodies::verification(SERVICE_SID, VERIFICATION_SID, "approved")),
    )
    .await;
    let verifications = h.client.verify().v2().service(SERVICE_SID).verifications();
    let canceled = verifications
        .update(VERIFICATION_SID, VerificationStatus::Canceled)
        .await
        .unwrap();
    assert_eq!(canceled.status.as_deref(), Some("canceled"));
    let approved = verifications
        .update(VERIFICATION_SID, VerificationStatus::Approved)
        .await
        .unwrap();
    assert_eq!(approved.status.as_deref(), Some("approved"));
}

#[tokio::test]
async fn verification_check_create_sends_every_parameter() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}/VerificationCheck")).form(&[
            ("Code", "918273"),
            ("To", "+15017122661"),
            ("VerificationSid", VERIFICATION_SID),
            ("Amount", "9.99"),
            ("Payee", "Acme"),
            ("SnaClientToken", "sna-token/+="),
        ]),
        json(200, bodies::verification_check(SERVICE_SID, VERIFICATION_SID)),
    )
    .await;
    let check = h
        .client
        .verify()
        .v2()
        .service(SERVICE_SID)
        .verification_checks()
        .create()
        .code("918273")
        .to("+15017122661")
        .verification_sid(VERIFICATION_SID)
        .amount("9.99")
        .payee("Acme")
        .sna_client_token("sna-token/+=");
    let shown = format!("{check:?}");
    assert!(
        !shown.contains("918273") && !shown.contains("sna-token") && !shown.contains("9.99"),
        "{shown}"
    );
    let check = check.await.unwrap();
    assert_eq!(check.sid.as_deref(), Some(VERIFICATION_SID));
    assert_eq!(check.status.as_deref(), Some("approved"));
    assert_eq!(check.valid, Some(true));
    assert_eq!(check.channel, Some(VerificationCheckChannel::Sms));
    assert_eq!(check.sna_attempts_error_codes.as_deref(), Some(&[][..]));
    assert_eq!(check.date_updated, Some(utc(2015, 7, 30, 20, 0, 5)));
}

#[tokio::test]
async fn verification_check_create_with_code_only() {
    let h = Harness::start().await;
    h.expect(
        Expect::post(format!("/v2/Services/{SERVICE_SID}/VerificationCheck")).form(&[("Code", "000000")]),
        json(201, bodies::verification_check(SERVICE_SID, VERIFICATION_SID)),
    )
    .await;
    h.client
        .verify()
        .v2()
        .service(SERVICE_SID)
        .verification_checks()
        .create()
        .code("000000")
        .await
        .unwrap();
}

#[tokio::test]
async fn service_sids_are_escaped_as_one_path_segment() {
    let h = Harness::start().await;
    h.expect(
        Expect::get("/v2/Services/VA%2F..%2Fx%3Fy%3D1/Verifications/VE%20%231"),
        json(200, bodies::verification(SERVICE_SID, VERIFICATION_SID, "pending")),
    )
    .await;
    h.client
        .verify()
        .v2()
        .service("VA/../x?y=1")
        .verifications()
        .fetch("VE #1")
        .await
        .unwrap();
}
