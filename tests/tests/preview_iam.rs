//! End-to-end tests of the Organizations API (`preview_iam`) against a wiremock server: the
//! OAuth access token it authenticates with, SCIM's media type, JSON inputs, and the token
//! endpoint, which keeps the Account SID and secret.

use serde_json::json;
use twilio::preview_iam::organizations::{ScimEmailAddress, ScimName, ScimPatchOperation};
use twilio::Error;
use twilio_e2e::support::{basic_auth, ACCOUNT_SID, AUTH_TOKEN};
use wiremock::matchers::{body_json, body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORGANIZATION: &str = "OR0123456789abcdef0123456789abcdef";
const USER: &str = "US0123456789abcdef0123456789abcdef";

fn scim_user() -> serde_json::Value {
    json!({
        "id": USER,
        "userName": "ada@example.com",
        "displayName": "Ada",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"primary": true, "value": "ada@example.com", "type": "work"}],
        "active": true,
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "meta": {"resourceType": "User", "created": "2024-01-31T10:00:00Z", "version": "W/\"1\""}
    })
}

fn client(server: &MockServer) -> twilio::Client {
    twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .access_token("org-access-token")
        .base_url(server.uri())
        .build()
}

#[tokio::test]
async fn scim_requests_carry_the_access_token_and_ask_for_scim_json() {
    let server = MockServer::start().await;
    let user_path = format!("/Organizations/{ORGANIZATION}/scim/Users/{USER}");
    Mock::given(method("POST"))
        .and(path(format!("/Organizations/{ORGANIZATION}/scim/Users")))
        .and(header("authorization", "Bearer org-access-token"))
        .and(header("accept", "application/scim+json"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "userName": "ada@example.com",
            "name": {"givenName": "Ada", "familyName": "Lovelace"},
            "emails": [{"primary": true, "value": "ada@example.com", "type": "work"}],
            "active": true,
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("content-type", "application/scim+json")
                .set_body_json(scim_user()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(user_path.as_str()))
        .and(header("authorization", "Bearer org-access-token"))
        .and(header("accept", "application/scim+json"))
        .and(header("if-match", "W/\"1\""))
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "active", "value": {"active": false}}],
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user()))
        .expect(1)
        .mount(&server)
        .await;

    let users = client(&server)
        .preview_iam()
        .organizations()
        .organization(ORGANIZATION)
        .users();
    let created = users
        .create("ada@example.com")
        .name(ScimName::new().given_name("Ada").family_name("Lovelace"))
        .emails(
            ScimEmailAddress::new()
                .primary(true)
                .value("ada@example.com")
                .type_("work"),
        )
        .active(true)
        .await
        .unwrap();
    assert_eq!(created.id.as_deref(), Some(USER));
    assert_eq!(created.user_name.as_deref(), Some("ada@example.com"));

    let patched = users
        .patch(USER)
        .if_match("W/\"1\"")
        .schemas("urn:ietf:params:scim:api:messages:2.0:PatchOp")
        .operations(
            ScimPatchOperation::new()
                .op("replace")
                .path("active")
                .value(json!({"active": false})),
        )
        .await
        .unwrap();
    assert_eq!(patched.display_name.as_deref(), Some("Ada"));
}

#[tokio::test]
async fn without_an_access_token_nothing_is_sent() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(server.uri())
        .build();
    let accounts = client
        .preview_iam()
        .organizations()
        .organization(ORGANIZATION)
        .accounts();
    let error = accounts.list().await.unwrap_err();
    let Error::Config(message) = &error else {
        panic!("expected a configuration error, got {error:?}")
    };
    assert!(
        message.contains("preview_iam.organizations") && message.contains("access_token"),
        "{message}"
    );
    // The token never shows in `Debug`, and swapping it in is one call.
    let with_token = client.with_access_token("fresh-token");
    let shown = format!("{with_token:?}");
    assert!(
        !shown.contains("fresh-token") && shown.contains("[redacted]"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_token_endpoint_keeps_the_account_credentials_and_pages_use_the_bearer_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/token"))
        .and(header("authorization", basic_auth(ACCOUNT_SID, AUTH_TOKEN).as_str()))
        .and(body_string(
            "grant_type=client_credentials&client_id=OQ0123456789abcdef0123456789abcdef&client_secret=app-secret",
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "access_token": "eyJ.token", "token_type": "Bearer", "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    let accounts_path = format!("/Organizations/{ORGANIZATION}/Accounts");
    Mock::given(method("GET"))
        .and(path(accounts_path.as_str()))
        .and(header("authorization", "Bearer eyJ.token"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "content": [{"account_sid": ACCOUNT_SID, "friendly_name": "Main", "status": "active"}],
            "meta": {"page": 0, "page_size": 50, "next_page_url": null, "key": "content"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = twilio::Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(server.uri())
        .build();
    let token = client
        .preview_iam()
        .v1()
        .token()
        .create("client_credentials", "OQ0123456789abcdef0123456789abcdef")
        .client_secret("app-secret")
        .await
        .unwrap();
    // The answer holds credentials: its `Debug` does not show them.
    let shown = format!("{token:?}");
    assert!(!shown.contains("eyJ.token") && shown.contains("[redacted]"), "{shown}");
    let access_token = token.access_token.unwrap();
    let client = client.with_access_token(access_token);
    let page = client
        .preview_iam()
        .organizations()
        .organization(ORGANIZATION)
        .accounts()
        .list()
        .await
        .unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].friendly_name.as_deref(), Some("Main"));
}
