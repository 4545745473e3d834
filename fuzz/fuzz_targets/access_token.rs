//! Access tokens with arbitrary credentials, identity, region, times and grants (every kind,
//! setters called in any order and any number of times). `to_jwt_at` fails exactly when the
//! documented rules say so, with the error they name; otherwise the JWT has three base64url
//! parts, a JSON header and claims that carry what was given, and an HS256 signature that
//! verifies with the secret. The checks decode and verify on their own (base64, hmac, sha2),
//! never through the crate's signing code.

#![no_main]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use arbitrary::Arbitrary;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use sha2::Sha256;
use twilio::access_token::{
    AccessToken, AccessTokenError, ChatGrant, PlaybackGrant, SyncGrant, TaskRouterGrant, VideoGrant, VoiceGrant,
};

#[derive(Debug, Arbitrary)]
struct Input {
    account_sid: String,
    api_key_sid: String,
    secret: String,
    identity: Option<String>,
    region: Option<String>,
    ttl: Option<Duration>,
    valid_until: Option<Time>,
    not_before: NotBefore,
    now: u64,
    grants: Vec<GrantInput>,
}

/// A time on either side of the Unix epoch.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum Time {
    After(Duration),
    Before(Duration),
}

#[derive(Debug, Arbitrary)]
enum NotBefore {
    IssuedAt,
    At(Time),
    Omitted,
}

#[derive(Debug, Arbitrary)]
enum GrantInput {
    /// Setter number (modulo the grant's members) and value, in call order.
    Chat(Vec<(u8, String)>),
    Sync(Vec<(u8, String)>),
    Voice(Vec<VoiceCall>),
    Video(Vec<String>),
    TaskRouter(Vec<(u8, String)>),
    Playback(Vec<(String, Json)>),
}

#[derive(Debug, Arbitrary)]
enum VoiceCall {
    IncomingAllow(bool),
    Outgoing(String),
    OutgoingWithParams(String, Vec<(String, Json)>),
    PushCredentialSid(String),
    EndpointId(String),
}

/// Any JSON value.
#[derive(Debug, Arbitrary)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Int(n) => json!(n),
            // Only finite numbers are JSON; and serde_json reads some floats back one unit in
            // the last place off, which would be no fault of the token.
            Json::Float(f) => match serde_json::Number::from_f64(*f) {
                Some(n) if serde_json::from_str::<f64>(&n.to_string()).ok() == Some(*f) => Value::Number(n),
                _ => Value::Null,
            },
            Json::Str(s) => Value::String(s.clone()),
            Json::List(items) => Value::Array(items.iter().map(Json::value).collect()),
            Json::Object(members) => Value::Object(object(members)),
        }
    }
}

/// Later members of the same name replace earlier ones, as collecting into a map does.
fn object(members: &[(String, Json)]) -> Map<String, Value> {
    members.iter().map(|(k, v)| (k.clone(), v.value())).collect()
}

impl Time {
    fn system_time(self) -> Option<SystemTime> {
        match self {
            Time::After(d) => UNIX_EPOCH.checked_add(d),
            Time::Before(d) => UNIX_EPOCH.checked_sub(d),
        }
    }

    /// Whole Unix seconds, or `None` before the epoch.
    fn seconds(self) -> Option<u64> {
        match self {
            Time::After(d) => Some(d.as_secs()),
            Time::Before(d) if d.is_zero() => Some(0),
            Time::Before(_) => None,
        }
    }
}

fuzz_target!(|input: Input| {
    let Some((token, grants)) = build(&input) else {
        return;
    };
    let result = token.to_jwt_at(input.now);
    match (expected_claims(&input), result) {
        (Err(expected), Err(error)) => {
            assert_eq!(error, expected);
            assert!(!error.to_string().is_empty());
        }
        (Err(expected), Ok(jwt)) => panic!("expected {expected:?}, got a token: {jwt}"),
        (Ok(_), Err(error)) => panic!("a valid token was refused: {error:?}"),
        (Ok((nbf, exp)), Ok(jwt)) => check_jwt(&input, &jwt, nbf, exp, grants),
    }
});

/// The builder for `input`, and the `grants` claim it must produce; `None` for times the
/// platform cannot represent.
fn build(input: &Input) -> Option<(AccessToken, Value)> {
    let mut token = AccessToken::new(&input.account_sid, &input.api_key_sid, &input.secret);
    if let Some(identity) = &input.identity {
        token = token.identity(identity);
    }
    if let Some(region) = &input.region {
        token = token.region(region);
    }
    if let Some(ttl) = input.ttl {
        token = token.ttl(ttl);
    }
    if let Some(until) = input.valid_until {
        token = token.valid_until(until.system_time()?);
    }
    token = match input.not_before {
        NotBefore::IssuedAt => token,
        NotBefore::At(time) => token.not_before(time.system_time()?),
        NotBefore::Omitted => token.without_not_before(),
    };
    // The claim as documented: a later grant of a kind replaces the earlier one in its place.
    let mut claim: Vec<(&str, Value)> = Vec::new();
    for grant in &input.grants {
        let (key, value) = match grant {
            GrantInput::Chat(calls) => {
                let members = [
                    "service_sid",
                    "endpoint_id",
                    "deployment_role_sid",
                    "push_credential_sid",
                ];
                let mut grant = ChatGrant::new();
                for (which, value) in calls {
                    grant = match which % 4 {
                        0 => grant.service_sid(value),
                        1 => grant.endpoint_id(value),
                        2 => grant.deployment_role_sid(value),
                        _ => grant.push_credential_sid(value),
                    };
                }
                token = token.grant(grant);
                ("chat", strings(&members, calls))
            }
            GrantInput::Sync(calls) => {
                let members = ["service_sid", "endpoint_id"];
                let mut grant = SyncGrant::new();
                for (which, value) in calls {
                    grant = match which % 2 {
                        0 => grant.service_sid(value),
                        _ => grant.endpoint_id(value),
                    };
                }
                token = token.grant(grant);
                ("data_sync", strings(&members, calls))
            }
            GrantInput::TaskRouter(calls) => {
                let members = ["workspace_sid", "worker_sid", "role"];
                let mut grant = TaskRouterGrant::new();
                for (which, value) in calls {
                    grant = match which % 3 {
                        0 => grant.workspace_sid(value),
                        1 => grant.worker_sid(value),
                        _ => grant.role(value),
                    };
                }
                token = token.grant(grant);
                ("task_router", strings(&members, calls))
            }
            GrantInput::Video(rooms) => {
                let mut grant = VideoGrant::new();
                let mut expected = Map::new();
                for room in rooms {
                    grant = grant.room(room);
                    expected.insert("room".into(), json!(room));
                }
                token = token.grant(grant);
                ("video", Value::Object(expected))
            }
            GrantInput::Voice(calls) => {
                let mut grant = VoiceGrant::new();
                let mut incoming = false;
                let mut outgoing = None;
                let mut expected = Map::new();
                for call in calls {
                    grant = match call {
                        VoiceCall::IncomingAllow(allow) => {
                            incoming = *allow;
                            grant.incoming_allow(*allow)
                        }
                        VoiceCall::Outgoing(sid) => {
                            outgoing = Some(json!({ "application_sid": sid }));
                            grant.outgoing_application(sid)
                        }
                        VoiceCall::OutgoingWithParams(sid, params) => {
                            let params = object(params);
                            outgoing = Some(match params.is_empty() {
                                true => json!({ "application_sid": sid }),
                                false => json!({ "application_sid": sid, "params": params.clone() }),
                            });
                            grant.outgoing_application_with_params(sid, params)
                        }
                        VoiceCall::PushCredentialSid(sid) => {
                            expected.insert("push_credential_sid".into(), json!(sid));
                            grant.push_credential_sid(sid)
                        }
                        VoiceCall::EndpointId(id) => {
                            expected.insert("endpoint_id".into(), json!(id));
                            grant.endpoint_id(id)
                        }
                    };
                }
                if incoming {
                    expected.insert("incoming".into(), json!({ "allow": true }));
                }
                if let Some(outgoing) = outgoing {
                    expected.insert("outgoing".into(), outgoing);
                }
                token = token.grant(grant);
                ("voice", Value::Object(expected))
            }
            GrantInput::Playback(members) => {
                let members = object(members);
                token = token.grant(PlaybackGrant::new(members.clone()));
                ("player", Value::Object(members))
            }
        };
        match claim.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => claim.push((key, value)),
        }
    }
    let mut grants = Map::new();
    if let Some(identity) = &input.identity {
        grants.insert("identity".into(), json!(identity));
    }
    grants.extend(claim.into_iter().map(|(k, v)| (k.to_owned(), v)));
    Some((token, Value::Object(grants)))
}

/// A grant of optional string members, each holding the last value set.
fn strings(members: &[&str], calls: &[(u8, String)]) -> Value {
    let mut object = Map::new();
    for (which, value) in calls {
        object.insert(members[usize::from(*which) % members.len()].to_owned(), json!(value));
    }
    Value::Object(object)
}

/// `(nbf, exp)` by the rules `to_jwt_at` documents, or the error they give, checked in the
/// documented order.
fn expected_claims(input: &Input) -> Result<(Option<u64>, u64), AccessTokenError> {
    if input.account_sid.is_empty() {
        return Err(AccessTokenError::EmptyAccountSid);
    }
    if input.api_key_sid.is_empty() {
        return Err(AccessTokenError::EmptyApiKeySid);
    }
    if input.secret.is_empty() {
        return Err(AccessTokenError::EmptyApiKeySecret);
    }
    if input.region.as_deref() == Some("") {
        return Err(AccessTokenError::EmptyRegion);
    }
    let now = input.now;
    let exp = match input.valid_until {
        Some(time) => time
            .seconds()
            .ok_or(AccessTokenError::BeforeEpoch { what: "valid_until" })?,
        None => {
            let ttl = input.ttl.map_or(3600, |t| t.as_secs());
            now.checked_add(ttl).ok_or(AccessTokenError::TimeOverflow)?
        }
    };
    if exp <= now {
        return Err(AccessTokenError::Expired { expires_at: exp, now });
    }
    let nbf = match input.not_before {
        NotBefore::IssuedAt => Some(now),
        NotBefore::At(time) => Some(
            time.seconds()
                .ok_or(AccessTokenError::BeforeEpoch { what: "not_before" })?,
        ),
        NotBefore::Omitted => None,
    };
    if let Some(nbf) = nbf.filter(|&nbf| nbf >= exp) {
        return Err(AccessTokenError::NeverValid {
            not_before: nbf,
            expires_at: exp,
        });
    }
    Ok((nbf, exp))
}

fn check_jwt(input: &Input, jwt: &str, nbf: Option<u64>, exp: u64, grants: Value) {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, claims, signature] = parts[..] else {
        panic!("not three parts: {jwt}");
    };
    let decode = |part: &str| -> Vec<u8> {
        assert!(
            part.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "not unpadded base64url: {part}"
        );
        URL_SAFE_NO_PAD.decode(part).unwrap_or_else(|e| panic!("{part}: {e}"))
    };
    let header_json: Value = serde_json::from_slice(&decode(header)).expect("the header is JSON");
    let mut expected_header = json!({ "alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1" });
    if let Some(region) = &input.region {
        expected_header["twr"] = json!(region);
    }
    assert_eq!(header_json, expected_header);

    let claims_json: Value = serde_json::from_slice(&decode(claims)).expect("the claims are JSON");
    let mut expected_claims = json!({
        "jti": format!("{}-{}", input.api_key_sid, input.now),
        "iss": input.api_key_sid,
        "sub": input.account_sid,
        "exp": exp,
        "grants": grants,
    });
    if let Some(nbf) = nbf {
        expected_claims["nbf"] = json!(nbf);
    }
    assert_eq!(claims_json, expected_claims);

    let mut mac = Hmac::<Sha256>::new_from_slice(input.secret.as_bytes()).expect("HMAC takes any key");
    mac.update(header.as_bytes());
    mac.update(b".");
    mac.update(claims.as_bytes());
    mac.verify_slice(&decode(signature))
        .expect("the signature verifies with the secret");
}
