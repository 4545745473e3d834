//! Access tokens for Twilio's client SDKs (feature `access-token`).
//!
//! Twilio's client SDKs (Voice, Video, Conversations/Chat, Sync, TaskRouter, Live) run in a
//! browser or a mobile app, so they cannot hold your credentials. Instead, your server mints a
//! short-lived access token, a JWT that names an identity and lists what it may do (its
//! *grants*), and the app hands that token to the SDK.
//!
//! A token is signed (HS256) with the secret of an **API key** (`SK…`), never with the account's
//! auth token. Create API keys in the Console or with the REST API, and keep the secret on the
//! server.
//!
//! ```
//! use std::time::Duration;
//! use twilio::access_token::{AccessToken, VideoGrant, VoiceGrant};
//!
//! let jwt = AccessToken::new("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "secret")
//!     .identity("alice")
//!     .ttl(Duration::from_secs(15 * 60))
//!     .grant(VideoGrant::new().room("daily-standup"))
//!     .grant(VoiceGrant::new().incoming_allow(true).outgoing_application("APxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))
//!     .to_jwt()?;
//! assert_eq!(jwt.split('.').count(), 3);
//! # Ok::<(), twilio::access_token::AccessTokenError>(())
//! ```
//!
//! # What a token contains
//!
//! - header: `alg` `HS256`, `typ` `JWT`, `cty` `twilio-fpa;v=1`, and `twr` (the Twilio region)
//!   when [`AccessToken::region`] was called;
//! - claims: `jti` (`<API key SID>-<issued at>`), `iss` (the API key SID), `sub` (the account
//!   SID), `nbf`, `exp`, and `grants`: an object holding `identity` plus one member per grant,
//!   keyed by the grant's [`Grant::key`].
//!
//! Times are whole Unix seconds. [`AccessToken::to_jwt_at`] takes the current time as an
//! argument, which makes the output byte-for-byte reproducible (HS256 uses no random nonce).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::Sha256;

/// How long a token stays valid when neither [`AccessToken::ttl`] nor
/// [`AccessToken::valid_until`] is called: one hour.
pub const DEFAULT_TTL: Duration = Duration::from_secs(3600);

/// The `cty` header Twilio expects on access tokens.
const CONTENT_TYPE: &str = "twilio-fpa;v=1";

/// A builder for one access token.
///
/// Build it with [`AccessToken::new`] and the setters, then call [`to_jwt`](Self::to_jwt). The
/// builder can be cloned and reused; every call to `to_jwt` reads the clock again.
///
/// Its `Debug` output never shows the API key secret.
#[derive(Clone)]
pub struct AccessToken {
    account_sid: String,
    api_key_sid: String,
    api_key_secret: String,
    identity: Option<String>,
    ttl: Duration,
    valid_until: Option<SystemTime>,
    not_before: NotBefore,
    region: Option<String>,
    grants: Vec<Grant>,
}

/// Where the `nbf` claim comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NotBefore {
    /// The time of issue (the default).
    IssuedAt,
    /// A fixed time.
    At(SystemTime),
    /// No `nbf` claim.
    Omitted,
}

impl AccessToken {
    /// Starts a token for the account `account_sid` (`AC…`), signed with the API key
    /// `api_key_sid` (`SK…`) and its secret.
    ///
    /// The arguments are checked when the token is built: empty values make
    /// [`to_jwt`](Self::to_jwt) fail. Their format (the `AC`/`SK` prefixes) is not checked.
    pub fn new(
        account_sid: impl Into<String>,
        api_key_sid: impl Into<String>,
        api_key_secret: impl Into<String>,
    ) -> Self {
        AccessToken {
            account_sid: account_sid.into(),
            api_key_sid: api_key_sid.into(),
            api_key_secret: api_key_secret.into(),
            identity: None,
            ttl: DEFAULT_TTL,
            valid_until: None,
            not_before: NotBefore::IssuedAt,
            region: None,
            grants: Vec::new(),
        }
    }

    /// The identity the SDK acts as (a user name, for instance), written as `grants.identity`.
    /// Without it, the token has no `identity` member.
    pub fn identity(mut self, identity: impl Into<String>) -> Self {
        self.identity = Some(identity.into());
        self
    }

    /// How long the token stays valid after it is issued; [`DEFAULT_TTL`] (one hour) unless set.
    /// Fractions of a second are dropped. Ignored when [`valid_until`](Self::valid_until) is set.
    pub fn ttl(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// An absolute expiry time, which takes precedence over [`ttl`](Self::ttl).
    ///
    /// Takes a [`SystemTime`] or anything that converts into one, such as a
    /// [`chrono::DateTime`]. Fractions of a second are dropped.
    pub fn valid_until(mut self, expires_at: impl Into<SystemTime>) -> Self {
        self.valid_until = Some(expires_at.into());
        self
    }

    /// The time before which the token must be rejected (`nbf`). By default it is the time of
    /// issue. Fractions of a second are dropped.
    pub fn not_before(mut self, not_before: impl Into<SystemTime>) -> Self {
        self.not_before = NotBefore::At(not_before.into());
        self
    }

    /// Leaves the `nbf` claim out, so the token is valid from any time until it expires.
    pub fn without_not_before(mut self) -> Self {
        self.not_before = NotBefore::Omitted;
        self
    }

    /// The Twilio region the token is meant for (for example `au1` or `ie1`), sent as the `twr`
    /// header. Without it, no `twr` header is written.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Adds a grant. A token holds at most one grant of each kind: a grant replaces an earlier
    /// grant of the same kind, keeping its position.
    pub fn grant(mut self, grant: impl Into<Grant>) -> Self {
        let grant = grant.into();
        match self.grants.iter_mut().find(|g| g.key() == grant.key()) {
            Some(slot) => *slot = grant,
            None => self.grants.push(grant),
        }
        self
    }

    /// Builds and signs the token, issued now (by the system clock).
    ///
    /// # Errors
    ///
    /// See [`to_jwt_at`](Self::to_jwt_at); also fails if the system clock reads a time before
    /// the Unix epoch.
    pub fn to_jwt(&self) -> Result<String, AccessTokenError> {
        let now = unix_seconds(SystemTime::now(), "the system clock")?;
        self.to_jwt_at(now)
    }

    /// Builds and signs the token as if issued at `now` (Unix seconds). The result depends only
    /// on the builder and `now`, which makes it suitable for tests.
    ///
    /// # Errors
    ///
    /// Fails, rather than producing a token Twilio would refuse, when:
    /// - the account SID, the API key SID, the API key secret or the region is empty;
    /// - the token would already be expired at `now` (a zero `ttl`, or a `valid_until` that is
    ///   not after `now`);
    /// - `nbf` is not before `exp`, so the token is never valid;
    /// - a time is before the Unix epoch, or `now + ttl` does not fit in a `u64`.
    pub fn to_jwt_at(&self, now: u64) -> Result<String, AccessTokenError> {
        if self.account_sid.is_empty() {
            return Err(AccessTokenError::EmptyAccountSid);
        }
        if self.api_key_sid.is_empty() {
            return Err(AccessTokenError::EmptyApiKeySid);
        }
        if self.api_key_secret.is_empty() {
            return Err(AccessTokenError::EmptyApiKeySecret);
        }
        if self.region.as_deref() == Some("") {
            return Err(AccessTokenError::EmptyRegion);
        }

        let expires_at = match self.valid_until {
            Some(time) => unix_seconds(time, "valid_until")?,
            None => now
                .checked_add(self.ttl.as_secs())
                .ok_or(AccessTokenError::TimeOverflow)?,
        };
        if expires_at <= now {
            return Err(AccessTokenError::Expired { expires_at, now });
        }
        let not_before = match self.not_before {
            NotBefore::IssuedAt => Some(now),
            NotBefore::At(time) => Some(unix_seconds(time, "not_before")?),
            NotBefore::Omitted => None,
        };
        if let Some(not_before) = not_before.filter(|&nbf| nbf >= expires_at) {
            return Err(AccessTokenError::NeverValid { not_before, expires_at });
        }

        let header = Header {
            alg: "HS256",
            typ: "JWT",
            cty: CONTENT_TYPE,
            twr: self.region.as_deref(),
        };
        let claims = Claims {
            jti: format!("{}-{}", self.api_key_sid, now),
            iss: &self.api_key_sid,
            sub: &self.account_sid,
            nbf: not_before,
            exp: expires_at,
            grants: GrantsClaim {
                identity: self.identity.as_deref(),
                grants: &self.grants,
            },
        };

        let mut jwt = String::new();
        URL_SAFE_NO_PAD.encode_string(to_json(&header), &mut jwt);
        jwt.push('.');
        URL_SAFE_NO_PAD.encode_string(to_json(&claims), &mut jwt);
        let signature = hmac_sha256(self.api_key_secret.as_bytes(), jwt.as_bytes());
        jwt.push('.');
        URL_SAFE_NO_PAD.encode_string(signature, &mut jwt);
        Ok(jwt)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("account_sid", &self.account_sid)
            .field("api_key_sid", &self.api_key_sid)
            .field("api_key_secret", &format_args!("<redacted>"))
            .field("identity", &self.identity)
            .field("ttl", &self.ttl)
            .field("valid_until", &self.valid_until)
            .field("not_before", &self.not_before)
            .field("region", &self.region)
            .field("grants", &self.grants)
            .finish()
    }
}

/// Why an [`AccessToken`] could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AccessTokenError {
    /// The account SID is empty.
    EmptyAccountSid,
    /// The API key SID is empty.
    EmptyApiKeySid,
    /// The API key secret is empty.
    EmptyApiKeySecret,
    /// [`AccessToken::region`] was given an empty string.
    EmptyRegion,
    /// The token would be expired as soon as it is issued.
    Expired {
        /// The `exp` claim, in Unix seconds.
        expires_at: u64,
        /// The time of issue, in Unix seconds.
        now: u64,
    },
    /// The `nbf` claim is not before the `exp` claim, so no time exists at which the token is
    /// valid.
    NeverValid {
        /// The `nbf` claim, in Unix seconds.
        not_before: u64,
        /// The `exp` claim, in Unix seconds.
        expires_at: u64,
    },
    /// A time is before the Unix epoch.
    BeforeEpoch {
        /// Which time: `valid_until`, `not_before` or `the system clock`.
        what: &'static str,
    },
    /// The time of issue plus the ttl does not fit in a `u64` number of seconds.
    TimeOverflow,
}

impl fmt::Display for AccessTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccessTokenError::EmptyAccountSid => f.write_str("access token: the account SID is empty"),
            AccessTokenError::EmptyApiKeySid => f.write_str("access token: the API key SID is empty"),
            AccessTokenError::EmptyApiKeySecret => f.write_str("access token: the API key secret is empty"),
            AccessTokenError::EmptyRegion => f.write_str("access token: the region is empty"),
            AccessTokenError::Expired { expires_at, now } => write!(
                f,
                "access token would be expired when issued: exp {expires_at} is not after the time of issue {now}"
            ),
            AccessTokenError::NeverValid { not_before, expires_at } => write!(
                f,
                "access token would never be valid: nbf {not_before} is not before exp {expires_at}"
            ),
            AccessTokenError::BeforeEpoch { what } => {
                write!(f, "access token: {what} is before the Unix epoch")
            }
            AccessTokenError::TimeOverflow => {
                f.write_str("access token: the time of issue plus the ttl overflows a u64 of seconds")
            }
        }
    }
}

impl std::error::Error for AccessTokenError {}

/// A permission carried by an access token, keyed in the `grants` claim by [`Grant::key`].
///
/// Build one of the grant types and pass it to [`AccessToken::grant`]; each converts into a
/// `Grant`. Serializing a `Grant` (with serde) gives its payload, without the key.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Grant {
    /// Conversations / Programmable Chat (`chat`).
    Chat(ChatGrant),
    /// Sync (`data_sync`).
    Sync(SyncGrant),
    /// Programmable Voice (`voice`).
    Voice(VoiceGrant),
    /// Programmable Video (`video`).
    Video(VideoGrant),
    /// TaskRouter (`task_router`).
    TaskRouter(TaskRouterGrant),
    /// Twilio Live playback (`player`).
    Playback(PlaybackGrant),
}

impl Grant {
    /// The grant's member name in the `grants` claim: `chat`, `data_sync`, `voice`, `video`,
    /// `task_router` or `player`.
    pub fn key(&self) -> &'static str {
        match self {
            Grant::Chat(_) => "chat",
            Grant::Sync(_) => "data_sync",
            Grant::Voice(_) => "voice",
            Grant::Video(_) => "video",
            Grant::TaskRouter(_) => "task_router",
            Grant::Playback(_) => "player",
        }
    }
}

impl Serialize for Grant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Grant::Chat(grant) => grant.serialize(serializer),
            Grant::Sync(grant) => grant.serialize(serializer),
            Grant::Voice(grant) => grant.serialize(serializer),
            Grant::Video(grant) => grant.serialize(serializer),
            Grant::TaskRouter(grant) => grant.serialize(serializer),
            Grant::Playback(grant) => grant.serialize(serializer),
        }
    }
}

macro_rules! into_grant {
    ($($ty:ident => $variant:ident),* $(,)?) => {$(
        impl From<$ty> for Grant {
            fn from(grant: $ty) -> Self {
                Grant::$variant(grant)
            }
        }
    )*};
}

into_grant! {
    ChatGrant => Chat,
    SyncGrant => Sync,
    VoiceGrant => Voice,
    VideoGrant => Video,
    TaskRouterGrant => TaskRouter,
    PlaybackGrant => Playback,
}

/// Defines a setter for an optional string member of a grant.
macro_rules! string_setter {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<String>) -> Self {
            self.$name = Some(value.into());
            self
        }
    };
}

/// Access to Conversations or Programmable Chat (key `chat`). Every member is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatGrant {
    service_sid: Option<String>,
    endpoint_id: Option<String>,
    deployment_role_sid: Option<String>,
    push_credential_sid: Option<String>,
}

impl ChatGrant {
    /// A grant with no members, serialized as `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    string_setter! {
        /// The Conversations/Chat service (`IS…`): `service_sid`.
        service_sid
    }
    string_setter! {
        /// An identifier for the device or browser the SDK runs on: `endpoint_id`.
        endpoint_id
    }
    string_setter! {
        /// The role given to the identity (`RL…`): `deployment_role_sid`.
        deployment_role_sid
    }
    string_setter! {
        /// The push notification credential (`CR…`): `push_credential_sid`.
        push_credential_sid
    }
}

impl Serialize for ChatGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(
            serializer,
            &[
                ("service_sid", &self.service_sid),
                ("endpoint_id", &self.endpoint_id),
                ("deployment_role_sid", &self.deployment_role_sid),
                ("push_credential_sid", &self.push_credential_sid),
            ],
        )
    }
}

/// Access to Sync (key `data_sync`). Every member is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncGrant {
    service_sid: Option<String>,
    endpoint_id: Option<String>,
}

impl SyncGrant {
    /// A grant with no members, serialized as `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    string_setter! {
        /// The Sync service (`IS…`): `service_sid`.
        service_sid
    }
    string_setter! {
        /// An identifier for the device or browser the SDK runs on: `endpoint_id`.
        endpoint_id
    }
}

impl Serialize for SyncGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(
            serializer,
            &[("service_sid", &self.service_sid), ("endpoint_id", &self.endpoint_id)],
        )
    }
}

/// Access to Programmable Voice (key `voice`): receiving calls, placing calls through a TwiML
/// application, push notifications. Every member is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VoiceGrant {
    incoming_allow: bool,
    outgoing: Option<Outgoing>,
    push_credential_sid: Option<String>,
    endpoint_id: Option<String>,
}

/// The `outgoing` member of a voice grant.
#[derive(Clone, Debug, PartialEq)]
struct Outgoing {
    application_sid: String,
    params: Map<String, Value>,
}

impl VoiceGrant {
    /// A grant with no members, serialized as `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the identity may receive calls. When `true`, the grant holds
    /// `incoming: {"allow": true}`; when `false` (the default), no `incoming` member.
    pub fn incoming_allow(mut self, allow: bool) -> Self {
        self.incoming_allow = allow;
        self
    }

    /// Lets the identity place calls, handled by the TwiML application `application_sid`
    /// (`AP…`): `outgoing: {"application_sid": …}`. Replaces any earlier outgoing application and
    /// its parameters.
    pub fn outgoing_application(mut self, application_sid: impl Into<String>) -> Self {
        self.outgoing = Some(Outgoing {
            application_sid: application_sid.into(),
            params: Map::new(),
        });
        self
    }

    /// Like [`outgoing_application`](Self::outgoing_application), and also passes `params` to
    /// the application on every outgoing call: `outgoing: {"application_sid": …, "params": {…}}`.
    /// An empty `params` writes no `params` member.
    ///
    /// ```
    /// # use twilio::access_token::VoiceGrant;
    /// let grant = VoiceGrant::new().outgoing_application_with_params("APxxxx", [("team", "support")]);
    /// ```
    pub fn outgoing_application_with_params<K, V>(
        mut self,
        application_sid: impl Into<String>,
        params: impl IntoIterator<Item = (K, V)>,
    ) -> Self
    where
        K: Into<String>,
        V: Into<Value>,
    {
        self.outgoing = Some(Outgoing {
            application_sid: application_sid.into(),
            params: params.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
        });
        self
    }

    string_setter! {
        /// The push notification credential (`CR…`) for incoming calls on mobile:
        /// `push_credential_sid`.
        push_credential_sid
    }
    string_setter! {
        /// An identifier for the device or browser the SDK runs on: `endpoint_id`.
        endpoint_id
    }
}

impl Serialize for VoiceGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Allow {
            allow: bool,
        }
        #[derive(Serialize)]
        struct OutgoingJson<'a> {
            application_sid: &'a str,
            #[serde(skip_serializing_if = "Map::is_empty")]
            params: &'a Map<String, Value>,
        }

        let mut map = serializer.serialize_map(None)?;
        if self.incoming_allow {
            map.serialize_entry("incoming", &Allow { allow: true })?;
        }
        if let Some(outgoing) = &self.outgoing {
            let outgoing = OutgoingJson {
                application_sid: &outgoing.application_sid,
                params: &outgoing.params,
            };
            map.serialize_entry("outgoing", &outgoing)?;
        }
        if let Some(sid) = &self.push_credential_sid {
            map.serialize_entry("push_credential_sid", sid)?;
        }
        if let Some(id) = &self.endpoint_id {
            map.serialize_entry("endpoint_id", id)?;
        }
        map.end()
    }
}

/// Access to Programmable Video (key `video`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VideoGrant {
    room: Option<String>,
}

impl VideoGrant {
    /// A grant with no members, serialized as `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    string_setter! {
        /// Restricts the token to one room, by name or SID (`RM…`): `room`.
        room
    }
}

impl Serialize for VideoGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(serializer, &[("room", &self.room)])
    }
}

/// Access to TaskRouter (key `task_router`). Every member is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskRouterGrant {
    workspace_sid: Option<String>,
    worker_sid: Option<String>,
    role: Option<String>,
}

impl TaskRouterGrant {
    /// A grant with no members, serialized as `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    string_setter! {
        /// The workspace (`WS…`): `workspace_sid`.
        workspace_sid
    }
    string_setter! {
        /// The worker the identity acts as (`WK…`): `worker_sid`.
        worker_sid
    }
    string_setter! {
        /// The role, such as `worker`: `role`.
        role
    }
}

impl Serialize for TaskRouterGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(
            serializer,
            &[
                ("workspace_sid", &self.workspace_sid),
                ("worker_sid", &self.worker_sid),
                ("role", &self.role),
            ],
        )
    }
}

/// Access to a Twilio Live stream (key `player`).
///
/// The payload is the grant object returned by the Live API for a player streamer (its
/// playback grant), copied into the token unchanged. Its `Debug` output lists only the member
/// names, since the values may carry credentials for the stream.
#[derive(Clone, Default, PartialEq)]
pub struct PlaybackGrant {
    grant: Map<String, Value>,
}

impl PlaybackGrant {
    /// Wraps a grant object obtained from the Live API. An empty object serializes as `{}`.
    pub fn new(grant: Map<String, Value>) -> Self {
        PlaybackGrant { grant }
    }
}

impl From<Map<String, Value>> for PlaybackGrant {
    fn from(grant: Map<String, Value>) -> Self {
        PlaybackGrant::new(grant)
    }
}

impl fmt::Debug for PlaybackGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlaybackGrant")
            .field("members", &self.grant.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Serialize for PlaybackGrant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.grant.serialize(serializer)
    }
}

/// Writes the members that are set, in order, as a JSON object.
fn serialize_members<S: Serializer>(serializer: S, members: &[(&str, &Option<String>)]) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for (name, value) in members {
        if let Some(value) = value {
            map.serialize_entry(name, value)?;
        }
    }
    map.end()
}

/// The JOSE header.
#[derive(Serialize)]
struct Header<'a> {
    alg: &'static str,
    typ: &'static str,
    cty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    twr: Option<&'a str>,
}

/// The claims set.
#[derive(Serialize)]
struct Claims<'a> {
    jti: String,
    iss: &'a str,
    sub: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nbf: Option<u64>,
    exp: u64,
    grants: GrantsClaim<'a>,
}

/// The `grants` claim: `identity`, then each grant under its key, in the order added.
struct GrantsClaim<'a> {
    identity: Option<&'a str>,
    grants: &'a [Grant],
}

impl Serialize for GrantsClaim<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(identity) = self.identity {
            map.serialize_entry("identity", identity)?;
        }
        for grant in self.grants {
            map.serialize_entry(grant.key(), grant)?;
        }
        map.end()
    }
}

/// Serializes the header or the claims. Every value in them is a string, a number, a bool or a
/// JSON value with string keys, which `serde_json` always accepts.
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("access token JSON is always serializable")
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

fn unix_seconds(time: SystemTime, what: &'static str) -> Result<u64, AccessTokenError> {
    time.duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .map_err(|_| AccessTokenError::BeforeEpoch { what })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ACCOUNT_SID: &str = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const KEY_SID: &str = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    const SECRET: &str = "super-secret-api-key-value";
    const NOW: u64 = 1_700_000_000;

    fn token() -> AccessToken {
        AccessToken::new(ACCOUNT_SID, KEY_SID, SECRET)
    }

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// Splits and decodes a JWT without checking the signature.
    fn parts(jwt: &str) -> (Value, Value, Vec<u8>) {
        let segments: Vec<&str> = jwt.split('.').collect();
        assert_eq!(segments.len(), 3, "{jwt}");
        let json = |s: &str| serde_json::from_slice::<Value>(&URL_SAFE_NO_PAD.decode(s).unwrap()).unwrap();
        (
            json(segments[0]),
            json(segments[1]),
            URL_SAFE_NO_PAD.decode(segments[2]).unwrap(),
        )
    }

    fn claims(token: &AccessToken) -> Value {
        parts(&token.to_jwt_at(NOW).unwrap()).1
    }

    fn grants_json(grant: impl Into<Grant>) -> Value {
        claims(&token().grant(grant))["grants"].clone()
    }

    #[test]
    fn header_is_hs256_with_twilio_content_type() {
        let (header, _, _) = parts(&token().to_jwt_at(NOW).unwrap());
        assert_eq!(header, json!({"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1"}));
    }

    #[test]
    fn region_adds_twr_header() {
        let (header, _, _) = parts(&token().region("au1").to_jwt_at(NOW).unwrap());
        assert_eq!(
            header,
            json!({"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1", "twr": "au1"})
        );
    }

    #[test]
    fn default_claims() {
        assert_eq!(
            claims(&token()),
            json!({
                "jti": format!("{KEY_SID}-{NOW}"),
                "iss": KEY_SID,
                "sub": ACCOUNT_SID,
                "nbf": NOW,
                "exp": NOW + 3600,
                "grants": {},
            })
        );
    }

    #[test]
    fn identity_is_inside_grants() {
        let claims = claims(&token().identity("alice").grant(VideoGrant::new()));
        assert_eq!(claims["grants"], json!({"identity": "alice", "video": {}}));
        assert!(claims.get("identity").is_none());
    }

    #[test]
    fn ttl_sets_expiry() {
        let claims = claims(&token().ttl(Duration::from_millis(600_900)));
        assert_eq!(claims["exp"], NOW + 600);
        assert_eq!(claims["nbf"], NOW);
    }

    #[test]
    fn valid_until_overrides_ttl_in_either_order() {
        let until = at(NOW + 90);
        let before = claims(&token().valid_until(until).ttl(Duration::from_secs(10)));
        let after = claims(&token().ttl(Duration::from_secs(10)).valid_until(until));
        assert_eq!(before["exp"], NOW + 90);
        assert_eq!(after["exp"], NOW + 90);
    }

    #[test]
    fn valid_until_accepts_chrono() {
        let until = chrono::DateTime::from_timestamp(NOW as i64 + 120, 0).unwrap();
        assert_eq!(claims(&token().valid_until(until))["exp"], NOW + 120);
    }

    #[test]
    fn not_before_can_be_set_or_left_out() {
        assert_eq!(claims(&token().not_before(at(NOW + 30)))["nbf"], NOW + 30);
        assert_eq!(claims(&token().not_before(at(NOW - 30)))["nbf"], NOW - 30);
        let claims = claims(&token().without_not_before());
        assert!(claims.get("nbf").is_none(), "{claims}");
        assert_eq!(claims["exp"], NOW + 3600);
    }

    #[test]
    fn segments_are_base64url_without_padding() {
        // `?>` repeated encodes to 6-bit groups 62 and 63 at every alignment, which are `-` and
        // `_` in the URL-safe alphabet (`+` and `/` in the standard one).
        let identity = "?>".repeat(8);
        let jwt = token().identity(identity.as_str()).to_jwt_at(NOW).unwrap();
        assert!(
            jwt.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{jwt}"
        );
        let segments: Vec<&str> = jwt.split('.').collect();
        assert!(segments[1].contains('-') && segments[1].contains('_'), "{jwt}");
        // 32 bytes are 43 characters without padding (44 with `=`).
        assert_eq!(segments[2].len(), 43);
        assert_eq!(parts(&jwt).1["grants"]["identity"], identity);
    }

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn signature_covers_header_and_claims() {
        let jwt = token().to_jwt_at(NOW).unwrap();
        let (signing_input, signature) = jwt.rsplit_once('.').unwrap();
        let expected = hmac_sha256(SECRET.as_bytes(), signing_input.as_bytes());
        assert_eq!(URL_SAFE_NO_PAD.decode(signature).unwrap(), expected);
        assert_eq!(token().to_jwt_at(NOW).unwrap(), jwt, "deterministic for a fixed now");
        let other = AccessToken::new(ACCOUNT_SID, KEY_SID, "another secret")
            .to_jwt_at(NOW)
            .unwrap();
        assert_eq!(other.rsplit_once('.').unwrap().0, signing_input);
        assert_ne!(other, jwt);
    }

    /// The exact bytes, computed independently with Python's `json`, `base64` and `hmac`:
    ///
    /// ```text
    /// enc = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    /// header = '{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":"ie1"}'
    /// claims = '{"jti":"SKbb…bb-1700000000","iss":"SKbb…bb","sub":"ACaa…aa","nbf":1700000000,'
    ///          '"exp":1700000600,"grants":{"identity":"alice","video":{"room":"r1"},'
    ///          '"data_sync":{"service_sid":"IS1"}}}'
    /// signing_input = enc(header.encode()) + "." + enc(claims.encode())
    /// signing_input + "." + enc(hmac.new(secret, signing_input.encode(), sha256).digest())
    /// ```
    #[test]
    fn golden_token() {
        let jwt = token()
            .identity("alice")
            .ttl(Duration::from_secs(600))
            .region("ie1")
            .grant(VideoGrant::new().room("r1"))
            .grant(SyncGrant::new().service_sid("IS1"))
            .to_jwt_at(NOW)
            .unwrap();
        assert_eq!(jwt, GOLDEN);
    }

    const GOLDEN: &str = concat!(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImN0eSI6InR3aWxpby1mcGE7dj0xIiwidHdyIjoiaWUxIn0.",
        "eyJqdGkiOiJTS2JiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiYmJiLTE3MDAwMDAwMDAiLCJpc3MiOiJTS2JiYmJiYmJiYmJi",
        "YmJiYmJiYmJiYmJiYmJiYmJiYmJiIiwic3ViIjoiQUNhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYSIsIm5iZiI6MTcw",
        "MDAwMDAwMCwiZXhwIjoxNzAwMDAwNjAwLCJncmFudHMiOnsiaWRlbnRpdHkiOiJhbGljZSIsInZpZGVvIjp7InJvb20iOiJyMSJ9",
        "LCJkYXRhX3N5bmMiOnsic2VydmljZV9zaWQiOiJJUzEifX19",
        ".pwweXgBG2DT2NER-ePQt36RCLKK61kDJmBdDffR_LO8",
    );

    #[test]
    fn chat_grant_json() {
        assert_eq!(grants_json(ChatGrant::new()), json!({"chat": {}}));
        let grant = ChatGrant::new()
            .service_sid("IS1")
            .endpoint_id("app:alice:device")
            .deployment_role_sid("RL1")
            .push_credential_sid("CR1");
        assert_eq!(
            grants_json(grant),
            json!({"chat": {
                "service_sid": "IS1",
                "endpoint_id": "app:alice:device",
                "deployment_role_sid": "RL1",
                "push_credential_sid": "CR1",
            }})
        );
        assert_eq!(
            grants_json(ChatGrant::new().push_credential_sid("CR1")),
            json!({"chat": {"push_credential_sid": "CR1"}})
        );
    }

    #[test]
    fn sync_grant_json() {
        assert_eq!(grants_json(SyncGrant::new()), json!({"data_sync": {}}));
        assert_eq!(
            grants_json(SyncGrant::new().service_sid("IS1").endpoint_id("e1")),
            json!({"data_sync": {"service_sid": "IS1", "endpoint_id": "e1"}})
        );
    }

    #[test]
    fn voice_grant_json() {
        assert_eq!(grants_json(VoiceGrant::new()), json!({"voice": {}}));
        assert_eq!(
            grants_json(VoiceGrant::new().incoming_allow(false)),
            json!({"voice": {}})
        );
        assert_eq!(
            grants_json(VoiceGrant::new().incoming_allow(true)),
            json!({"voice": {"incoming": {"allow": true}}})
        );
        assert_eq!(
            grants_json(VoiceGrant::new().outgoing_application("AP1")),
            json!({"voice": {"outgoing": {"application_sid": "AP1"}}})
        );
        let empty: [(&str, &str); 0] = [];
        assert_eq!(
            grants_json(VoiceGrant::new().outgoing_application_with_params("AP1", empty)),
            json!({"voice": {"outgoing": {"application_sid": "AP1"}}})
        );
        let full = VoiceGrant::new()
            .incoming_allow(true)
            .outgoing_application_with_params("AP1", [("team", json!("support")), ("priority", json!(2))])
            .push_credential_sid("CR1")
            .endpoint_id("e1");
        assert_eq!(
            grants_json(full),
            json!({"voice": {
                "incoming": {"allow": true},
                "outgoing": {"application_sid": "AP1", "params": {"team": "support", "priority": 2}},
                "push_credential_sid": "CR1",
                "endpoint_id": "e1",
            }})
        );
    }

    #[test]
    fn voice_outgoing_application_replaces_params() {
        let grant = VoiceGrant::new()
            .outgoing_application_with_params("AP1", [("a", "b")])
            .outgoing_application("AP2");
        assert_eq!(
            grants_json(grant),
            json!({"voice": {"outgoing": {"application_sid": "AP2"}}})
        );
    }

    #[test]
    fn video_grant_json() {
        assert_eq!(grants_json(VideoGrant::new()), json!({"video": {}}));
        assert_eq!(
            grants_json(VideoGrant::new().room("RM1")),
            json!({"video": {"room": "RM1"}})
        );
    }

    #[test]
    fn task_router_grant_json() {
        assert_eq!(grants_json(TaskRouterGrant::new()), json!({"task_router": {}}));
        assert_eq!(
            grants_json(
                TaskRouterGrant::new()
                    .workspace_sid("WS1")
                    .worker_sid("WK1")
                    .role("worker")
            ),
            json!({"task_router": {"workspace_sid": "WS1", "worker_sid": "WK1", "role": "worker"}})
        );
    }

    #[test]
    fn playback_grant_is_copied_verbatim() {
        assert_eq!(grants_json(PlaybackGrant::default()), json!({"player": {}}));
        let from_live = json!({
            "requestCredentials": null,
            "playbackUrl": "https://example.invalid/stream.m3u8?token=abc",
            "playerStreamerSid": "VJ1",
            "nested": {"list": [1, 2.5, true]},
        });
        let Value::Object(map) = from_live.clone() else {
            unreachable!()
        };
        assert_eq!(grants_json(PlaybackGrant::new(map)), json!({"player": from_live}));
    }

    #[test]
    fn grant_keys() {
        let grants: [Grant; 6] = [
            ChatGrant::new().into(),
            SyncGrant::new().into(),
            VoiceGrant::new().into(),
            VideoGrant::new().into(),
            TaskRouterGrant::new().into(),
            PlaybackGrant::default().into(),
        ];
        let keys: Vec<_> = grants.iter().map(Grant::key).collect();
        assert_eq!(keys, ["chat", "data_sync", "voice", "video", "task_router", "player"]);
        let all = grants.into_iter().fold(token().identity("bob"), AccessToken::grant);
        assert_eq!(
            claims(&all)["grants"],
            json!({
                "identity": "bob", "chat": {}, "data_sync": {}, "voice": {},
                "video": {}, "task_router": {}, "player": {},
            })
        );
    }

    #[test]
    fn later_grant_of_the_same_kind_replaces_the_earlier() {
        let token = token()
            .grant(VideoGrant::new().room("first"))
            .grant(SyncGrant::new())
            .grant(VideoGrant::new().room("second"));
        assert_eq!(
            claims(&token)["grants"],
            json!({"video": {"room": "second"}, "data_sync": {}})
        );
        assert_eq!(token.grants.len(), 2);
        assert_eq!(token.grants[0].key(), "video", "keeps its position");
    }

    #[test]
    fn empty_inputs_are_rejected() {
        let cases = [
            (AccessToken::new("", KEY_SID, SECRET), AccessTokenError::EmptyAccountSid),
            (
                AccessToken::new(ACCOUNT_SID, "", SECRET),
                AccessTokenError::EmptyApiKeySid,
            ),
            (
                AccessToken::new(ACCOUNT_SID, KEY_SID, ""),
                AccessTokenError::EmptyApiKeySecret,
            ),
            (token().region(""), AccessTokenError::EmptyRegion),
        ];
        for (token, error) in cases {
            assert_eq!(token.to_jwt_at(NOW), Err(error.clone()));
            assert_eq!(token.to_jwt().unwrap_err(), error);
        }
    }

    #[test]
    fn tokens_that_could_never_be_used_are_rejected() {
        let expired = AccessTokenError::Expired {
            expires_at: NOW,
            now: NOW,
        };
        assert_eq!(token().ttl(Duration::ZERO).to_jwt_at(NOW), Err(expired.clone()));
        assert_eq!(
            token().ttl(Duration::from_millis(999)).to_jwt_at(NOW),
            Err(expired.clone())
        );
        assert_eq!(token().valid_until(at(NOW)).to_jwt_at(NOW), Err(expired));
        assert_eq!(
            token().valid_until(at(NOW - 1)).to_jwt_at(NOW),
            Err(AccessTokenError::Expired {
                expires_at: NOW - 1,
                now: NOW
            })
        );
        assert_eq!(
            token()
                .ttl(Duration::from_secs(60))
                .not_before(at(NOW + 60))
                .to_jwt_at(NOW),
            Err(AccessTokenError::NeverValid {
                not_before: NOW + 60,
                expires_at: NOW + 60
            })
        );
        assert!(token()
            .ttl(Duration::from_secs(60))
            .not_before(at(NOW + 59))
            .to_jwt_at(NOW)
            .is_ok());
        // Without nbf, only the expiry matters.
        assert!(token()
            .ttl(Duration::from_secs(1))
            .without_not_before()
            .to_jwt_at(NOW)
            .is_ok());
    }

    #[test]
    fn time_errors() {
        let before_epoch = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(
            token().valid_until(before_epoch).to_jwt_at(NOW),
            Err(AccessTokenError::BeforeEpoch { what: "valid_until" })
        );
        assert_eq!(
            token().not_before(before_epoch).to_jwt_at(NOW),
            Err(AccessTokenError::BeforeEpoch { what: "not_before" })
        );
        assert_eq!(
            token().ttl(Duration::from_secs(u64::MAX)).to_jwt_at(NOW),
            Err(AccessTokenError::TimeOverflow)
        );
    }

    #[test]
    fn errors_display() {
        assert_eq!(
            AccessTokenError::EmptyApiKeySid.to_string(),
            "access token: the API key SID is empty"
        );
        let never = AccessTokenError::NeverValid {
            not_before: 5,
            expires_at: 4,
        };
        assert_eq!(
            never.to_string(),
            "access token would never be valid: nbf 5 is not before exp 4"
        );
    }

    #[test]
    fn to_jwt_uses_the_system_clock() {
        let start = unix_seconds(SystemTime::now(), "").unwrap();
        let claims = parts(&token().to_jwt().unwrap()).1;
        let end = unix_seconds(SystemTime::now(), "").unwrap();
        let nbf = claims["nbf"].as_u64().unwrap();
        assert!((start..=end).contains(&nbf), "{start} <= {nbf} <= {end}");
        assert_eq!(claims["exp"].as_u64().unwrap(), nbf + 3600);
        assert_eq!(claims["jti"], format!("{KEY_SID}-{nbf}"));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let token = token().identity("alice").grant(VideoGrant::new().room("r"));
        let debug = format!("{token:?}");
        assert!(!debug.contains(SECRET), "{debug}");
        assert!(debug.contains("api_key_secret: <redacted>"), "{debug}");
        assert!(debug.contains(KEY_SID) && debug.contains(ACCOUNT_SID) && debug.contains("alice"));
        let pretty = format!("{token:#?}");
        assert!(!pretty.contains(SECRET), "{pretty}");
    }

    #[test]
    fn playback_grant_debug_hides_values() {
        let Value::Object(map) = json!({"playbackUrl": "https://example.invalid/?token=hidden"}) else {
            unreachable!()
        };
        let debug = format!("{:?}", token().grant(PlaybackGrant::new(map)));
        assert!(debug.contains("playbackUrl"), "{debug}");
        assert!(!debug.contains("hidden"), "{debug}");
    }

    /// Decoding with `jsonwebtoken`, an independent JWT implementation.
    mod jsonwebtoken_crate {
        use super::*;
        use jsonwebtoken::errors::ErrorKind;
        use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, TokenData, Validation};

        fn validation() -> Validation {
            let mut validation = Validation::new(Algorithm::HS256);
            validation.leeway = 0;
            validation.validate_nbf = true;
            validation.set_required_spec_claims(&["exp", "nbf", "iss", "sub"]);
            validation.set_issuer(&[KEY_SID]);
            validation.sub = Some(ACCOUNT_SID.to_owned());
            validation
        }

        fn verify(jwt: &str, secret: &str) -> jsonwebtoken::errors::Result<TokenData<Value>> {
            decode::<Value>(jwt, &DecodingKey::from_secret(secret.as_bytes()), &validation())
        }

        #[test]
        fn signature_verifies_with_the_secret_and_claims_match() {
            let jwt = token()
                .identity("alice")
                .grant(VoiceGrant::new().incoming_allow(true).outgoing_application("AP1"))
                .grant(ChatGrant::new().service_sid("IS1"))
                .to_jwt()
                .unwrap();
            let data = verify(&jwt, SECRET).unwrap();
            assert_eq!(data.header.alg, Algorithm::HS256);
            assert_eq!(data.header.typ.as_deref(), Some("JWT"));
            assert_eq!(data.header.cty.as_deref(), Some("twilio-fpa;v=1"));
            let claims = data.claims;
            let nbf = claims["nbf"].as_u64().unwrap();
            assert_eq!(claims["exp"].as_u64().unwrap(), nbf + 3600);
            assert_eq!(claims["jti"], format!("{KEY_SID}-{nbf}"));
            assert_eq!(claims["iss"], KEY_SID);
            assert_eq!(claims["sub"], ACCOUNT_SID);
            assert_eq!(
                claims["grants"],
                json!({
                    "identity": "alice",
                    "voice": {"incoming": {"allow": true}, "outgoing": {"application_sid": "AP1"}},
                    "chat": {"service_sid": "IS1"},
                })
            );
        }

        #[test]
        fn wrong_secret_or_tampering_fails() {
            let jwt = token().identity("alice").to_jwt().unwrap();
            let err = verify(&jwt, "not the secret").unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::InvalidSignature);

            // Same header and signature, claims for another identity.
            let forged = token().identity("mallory").to_jwt().unwrap();
            let mut segments: Vec<&str> = jwt.split('.').collect();
            segments[1] = forged.split('.').nth(1).unwrap();
            let err = verify(&segments.join("."), SECRET).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::InvalidSignature);
        }

        #[test]
        fn region_header() {
            let jwt = token().region("au1").to_jwt().unwrap();
            let header = decode_header(&jwt).unwrap();
            assert_eq!(header.cty.as_deref(), Some("twilio-fpa;v=1"));
            assert!(verify(&jwt, SECRET).is_ok());
            // jsonwebtoken 9 drops header members it does not know, so read `twr` directly.
            assert_eq!(parts(&jwt).0["twr"], "au1");
            assert!(parts(&token().to_jwt().unwrap()).0.get("twr").is_none());
        }

        #[test]
        fn expired_token_is_rejected() {
            let now = unix_seconds(SystemTime::now(), "").unwrap();
            let jwt = token().ttl(Duration::from_secs(60)).to_jwt_at(now - 120).unwrap();
            assert_eq!(verify(&jwt, SECRET).unwrap_err().kind(), &ErrorKind::ExpiredSignature);

            let mut lenient = validation();
            lenient.validate_exp = false;
            let data = decode::<Value>(&jwt, &DecodingKey::from_secret(SECRET.as_bytes()), &lenient).unwrap();
            assert_eq!(data.claims["exp"], now - 60);
        }

        #[test]
        fn future_not_before_is_rejected() {
            let now = unix_seconds(SystemTime::now(), "").unwrap();
            let jwt = token().not_before(at(now + 600)).to_jwt_at(now).unwrap();
            assert_eq!(verify(&jwt, SECRET).unwrap_err().kind(), &ErrorKind::ImmatureSignature);
        }

        #[test]
        fn token_without_nbf_verifies_when_nbf_is_optional() {
            let jwt = token().without_not_before().to_jwt().unwrap();
            assert_eq!(
                verify(&jwt, SECRET).unwrap_err().kind(),
                &ErrorKind::MissingRequiredClaim("nbf".into())
            );
            let mut validation = validation();
            validation.set_required_spec_claims(&["exp", "iss", "sub"]);
            let data = decode::<Value>(&jwt, &DecodingKey::from_secret(SECRET.as_bytes()), &validation).unwrap();
            assert!(data.claims.get("nbf").is_none());
        }
    }
}
