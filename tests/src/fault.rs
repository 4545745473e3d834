//! A fault-injecting HTTP/1.1 server on raw tokio TCP, for the soak test (`tests/tests/soak.rs`).
//!
//! wiremock always answers in full; this server can also reset a connection, close it before or
//! in the middle of an answer, trickle bytes, or never answer. It serves three API v2010 Message
//! operations, each request naming the *logical call* it belongs to:
//!
//! - create (`POST …/Messages.json`): the form's `Body` is `soak-<call>`;
//! - fetch (`GET …/Messages/{Sid}.json`): the Sid is `SM` and the call number in 32 hex digits;
//! - list (`GET …/Messages.json?To=…`): `To` is `+1555<call>`; page 0 links to page 1, the last.
//!
//! The fault of a request is a function of the seed, the call, the page and how many times that
//! page of that call has arrived ([`fault_for`]): a run is reproducible whatever the interleaving
//! of concurrent requests, and the driver can predict each call's outcome from the retry policy.
//!
//! The server also enforces the one rule about POSTs ([`Stats::double_posts`]): a create may
//! arrive again only after every earlier arrival was refused with 429, which Twilio sends
//! before acting. Any other arrival (answered, failed with 5xx, cut off, reset after the request
//! was read, or left to time out) may have sent the SMS, so it must be the last.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::{account_path, bodies, ACCOUNT_SID};

/// A stalled answer never lasts longer than this, in case a client never gives up.
const MAX_STALL: Duration = Duration::from_secs(10);
/// Requests are small; a larger one is a bug in the client or the parser.
const MAX_REQUEST: usize = 256 * 1024;

/// What the server does with one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fault {
    /// The realistic success answer (201 for a create, 200 otherwise).
    Ok,
    /// The success answer after a delay, its body trickled in pieces; well within the timeout.
    SlowOk,
    /// No answer at all until the client gives up.
    StallHeaders,
    /// Headers and a few bytes of the body, then one byte now and then until the client gives up.
    StallBody,
    /// The request is read, then the connection is reset (RST).
    Reset,
    /// The request is read, then the connection is closed (FIN) without an answer.
    Close,
    /// `Content-Length` promises the whole body, half of it is sent, then the connection closes.
    Truncated,
    /// 200 with a proxy's HTML login page.
    Html,
    /// 200 `application/json` whose JSON stops in the middle.
    MalformedJson,
    /// 429 with Twilio's JSON error body (20429), no `Retry-After`.
    TooMany,
    /// 429 with `Retry-After: 0`.
    TooManyAfter0,
    /// 429 with `Retry-After: 1`, above the soak's retry cap.
    TooManyAfter1,
    /// 429 with a `Retry-After` beyond `Duration`'s range.
    TooManyAfterHuge,
    /// 500 with an HTML body.
    ServerError,
    /// 500 with `Retry-After: 1` (500 is never retried, whatever the header says).
    ServerErrorAfter,
    /// 503 with a plain-text body.
    Unavailable,
    /// 503 with `Retry-After: 0.1`.
    UnavailableAfter,
    /// Twilio's JSON error body: 400 (21211) for a create, 404 (20404) for a fetch or a list.
    TwilioError,
}

/// Every fault with its weight in the schedule, out of 100.
pub const SCHEDULE: [(Fault, u64); 18] = [
    (Fault::Ok, 40),
    (Fault::SlowOk, 6),
    (Fault::StallHeaders, 2),
    (Fault::StallBody, 2),
    (Fault::Reset, 4),
    (Fault::Close, 4),
    (Fault::Truncated, 4),
    (Fault::Html, 4),
    (Fault::MalformedJson, 4),
    (Fault::TooMany, 4),
    (Fault::TooManyAfter0, 3),
    (Fault::TooManyAfter1, 2),
    (Fault::TooManyAfterHuge, 1),
    (Fault::ServerError, 4),
    (Fault::ServerErrorAfter, 2),
    (Fault::Unavailable, 4),
    (Fault::UnavailableAfter, 4),
    (Fault::TwilioError, 6),
];

/// The operation a call number stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    Create,
    Fetch,
    List,
}

impl Op {
    /// Two creates, two fetches and one list in every five calls.
    pub fn of(call: u64) -> Op {
        match call % 5 {
            0 | 1 => Op::Create,
            2 | 3 => Op::Fetch,
            _ => Op::List,
        }
    }

    pub fn is_post(self) -> bool {
        self == Op::Create
    }
}

/// The `Body` of the message a create call sends.
pub fn create_body(call: u64) -> String {
    format!("soak-{call}")
}

/// The Sid a fetch call asks for.
pub fn message_sid(call: u64) -> String {
    format!("SM{call:032x}")
}

/// The `To` filter of a list call.
pub fn list_to(call: u64) -> String {
    format!("+1555{call:07}")
}

/// How a call (or one page of a list) ends, as the client reports it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Ok,
    Api {
        status: u16,
        code: Option<i64>,
    },
    /// A success status whose body did not decode.
    Decode,
    /// A transport timeout.
    Timeout,
    /// Any other transport failure (reset, closed, cut-off body).
    Transport,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Api {
                status,
                code: Some(code),
            } => write!(f, "api {status} ({code})"),
            Outcome::Api { status, code: None } => write!(f, "api {status}"),
            Outcome::Decode => f.write_str("decode"),
            Outcome::Timeout => f.write_str("transport: timeout"),
            Outcome::Transport => f.write_str("transport: other"),
        }
    }
}

impl Fault {
    /// Its index in [`SCHEDULE`].
    pub fn index(self) -> usize {
        SCHEDULE
            .iter()
            .position(|(f, _)| *f == self)
            .expect("every fault is scheduled")
    }

    /// The `Retry-After` header sent with it.
    pub fn retry_after(self) -> Option<&'static str> {
        match self {
            Fault::TooManyAfter0 => Some("0"),
            Fault::TooManyAfter1 | Fault::ServerErrorAfter => Some("1"),
            Fault::TooManyAfterHuge => Some("99999999999999999999"),
            Fault::UnavailableAfter => Some("0.1"),
            _ => None,
        }
    }

    /// Whether the server refused the request before acting on it: Twilio's 429.
    pub fn is_refusal(self) -> bool {
        matches!(
            self,
            Fault::TooMany | Fault::TooManyAfter0 | Fault::TooManyAfter1 | Fault::TooManyAfterHuge
        )
    }

    /// Whether `RetryPolicy` documents a retry after it: 429 for every method; 503 and
    /// connection failures (not timeouts) only for GET.
    pub fn is_retried(self, op: Op) -> bool {
        self.is_refusal()
            || (!op.is_post()
                && matches!(
                    self,
                    Fault::Unavailable | Fault::UnavailableAfter | Fault::Reset | Fault::Close | Fault::Truncated
                ))
    }

    /// How the client reports it when it is the last attempt.
    pub fn outcome(self, op: Op) -> Outcome {
        match self {
            Fault::Ok | Fault::SlowOk => Outcome::Ok,
            Fault::StallHeaders | Fault::StallBody => Outcome::Timeout,
            Fault::Reset | Fault::Close | Fault::Truncated => Outcome::Transport,
            Fault::Html | Fault::MalformedJson => Outcome::Decode,
            Fault::TooMany | Fault::TooManyAfter0 | Fault::TooManyAfter1 | Fault::TooManyAfterHuge => Outcome::Api {
                status: 429,
                code: Some(20429),
            },
            Fault::ServerError | Fault::ServerErrorAfter => Outcome::Api {
                status: 500,
                code: None,
            },
            Fault::Unavailable | Fault::UnavailableAfter => Outcome::Api {
                status: 503,
                code: None,
            },
            Fault::TwilioError if op.is_post() => Outcome::Api {
                status: 400,
                code: Some(21211),
            },
            Fault::TwilioError => Outcome::Api {
                status: 404,
                code: Some(20404),
            },
        }
    }
}

/// The fault for attempt `attempt` (from 1) of page `page` of call `call`.
pub fn fault_for(seed: u64, call: u64, page: u32, attempt: u32) -> Fault {
    let mut pick = schedule_hash(seed, call, page, attempt) % 100;
    for (fault, weight) in SCHEDULE {
        if pick < weight {
            return fault;
        }
        pick -= weight;
    }
    unreachable!("the weights add up to 100")
}

fn schedule_hash(seed: u64, call: u64, page: u32, attempt: u32) -> u64 {
    mix(seed ^ mix(call) ^ mix((u64::from(page) << 32) | u64::from(attempt)).rotate_left(17))
}

/// splitmix64's finaliser: neighbouring inputs give unrelated outputs.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What [`predict`] expects of one page: its outcome and how many times it is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prediction {
    pub outcome: Outcome,
    pub attempts: u32,
}

/// The outcome of page `page` of `call` under `max_retries`, following the documented policy.
pub fn predict(seed: u64, call: u64, page: u32, max_retries: u32) -> Prediction {
    let op = Op::of(call);
    let mut attempt = 1;
    loop {
        let fault = fault_for(seed, call, page, attempt);
        if attempt <= max_retries && fault.is_retried(op) {
            attempt += 1;
            continue;
        }
        return Prediction {
            outcome: fault.outcome(op),
            attempts: attempt,
        };
    }
}

/// One request as the server received it.
#[derive(Clone, Copy, Debug)]
pub struct Arrival {
    pub page: u32,
    pub attempt: u32,
    pub fault: Fault,
    /// When its request was read in full.
    pub at: Instant,
}

/// Counters of a running server.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Connections accepted.
    pub accepted: u64,
    /// Connections open now.
    pub open: usize,
    /// The most connections open at once.
    pub max_open: usize,
    /// Requests read in full.
    pub requests: u64,
    /// Requests by fault, in [`SCHEDULE`] order.
    pub faults: Vec<(Fault, u64)>,
    /// Creates that arrived again after an arrival the server may have acted on.
    pub double_posts: u64,
    /// The first few of them, described.
    pub double_post_examples: Vec<String>,
    /// Requests that were not one of the three operations (answered 404, no fault).
    pub unrecognised: u64,
    /// Connection tasks that panicked.
    pub panics: u64,
    /// Calls with arrivals not yet taken by [`FaultServer::take`].
    pub untaken_calls: usize,
}

#[derive(Default)]
struct Book {
    calls: HashMap<u64, Vec<Arrival>>,
    /// One bit per create call: an arrival of it was not a refusal. A bit set, not a map, so
    /// that what the server keeps grows by a bit per call and RSS measures the client.
    acted: Vec<u64>,
    double_post_examples: Vec<String>,
}

#[derive(Default)]
struct State {
    seed: u64,
    book: Mutex<Book>,
    faults: [AtomicU64; SCHEDULE.len()],
    accepted: AtomicU64,
    open: AtomicUsize,
    max_open: AtomicUsize,
    requests: AtomicU64,
    double_posts: AtomicU64,
    unrecognised: AtomicU64,
    panics: AtomicU64,
}

/// The running server; dropping it stops accepting connections.
pub struct FaultServer {
    address: SocketAddr,
    state: Arc<State>,
    acceptor: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.acceptor.abort();
    }
}

impl FaultServer {
    /// Listens on a free local port.
    pub async fn start(seed: u64) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a local port");
        let address = listener.local_addr().expect("local address");
        let state = Arc::new(State {
            seed,
            ..State::default()
        });
        let acceptor = tokio::spawn(accept_loop(listener, state.clone()));
        FaultServer {
            address,
            state,
            acceptor,
        }
    }

    /// The origin to give `ClientBuilder::base_url`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The arrivals of a finished call, in order, forgotten by the server from now on (the
    /// no-double-POST bit stays).
    pub fn take(&self, call: u64) -> Vec<Arrival> {
        lock(&self.state.book).calls.remove(&call).unwrap_or_default()
    }

    pub fn stats(&self) -> Stats {
        let s = &self.state;
        let book = lock(&s.book);
        Stats {
            accepted: s.accepted.load(Ordering::Relaxed),
            open: s.open.load(Ordering::Relaxed),
            max_open: s.max_open.load(Ordering::Relaxed),
            requests: s.requests.load(Ordering::Relaxed),
            faults: SCHEDULE
                .iter()
                .zip(&s.faults)
                .map(|((fault, _), n)| (*fault, n.load(Ordering::Relaxed)))
                .collect(),
            double_posts: s.double_posts.load(Ordering::Relaxed),
            double_post_examples: book.double_post_examples.clone(),
            unrecognised: s.unrecognised.load(Ordering::Relaxed),
            panics: s.panics.load(Ordering::Relaxed),
            untaken_calls: book.calls.len(),
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

async fn accept_loop(listener: TcpListener, state: Arc<State>) {
    loop {
        match listener.accept().await {
            Ok((socket, _)) => {
                let _ = socket.set_nodelay(true);
                state.accepted.fetch_add(1, Ordering::Relaxed);
                let open = state.open.fetch_add(1, Ordering::SeqCst) + 1;
                state.max_open.fetch_max(open, Ordering::SeqCst);
                let guard = ConnectionGuard(state.clone());
                tokio::spawn(async move {
                    serve(socket, &guard.0).await;
                    drop(guard);
                });
            }
            // Out of file descriptors, say: the client sees refused or slow connects, which is
            // one more fault rather than a reason to stop.
            Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    }
}

/// Counts the connection as closed however its task ends, and notices a panic in it.
struct ConnectionGuard(Arc<State>);

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.panics.fetch_add(1, Ordering::Relaxed);
        }
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

struct Parsed {
    method: String,
    path: String,
    query: String,
    body: Vec<u8>,
}

/// Reads one request; `None` when the client closed the connection or sent garbage.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Parsed> {
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > MAX_REQUEST || read_more(socket, buf).await == 0 {
            return None;
        }
    };
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?;
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (path, query) = (path.to_owned(), query.to_owned());
    let content_length = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .map_or(Some(0), |(_, v)| v.trim().parse::<usize>().ok())?;
    if content_length > MAX_REQUEST {
        return None;
    }
    while buf.len() < head_end + content_length {
        if read_more(socket, buf).await == 0 {
            return None;
        }
    }
    let body = buf[head_end..head_end + content_length].to_vec();
    buf.drain(..head_end + content_length);
    Some(Parsed {
        method,
        path,
        query,
        body,
    })
}

async fn read_more(socket: &mut TcpStream, buf: &mut Vec<u8>) -> usize {
    let mut chunk = [0u8; 4096];
    match socket.read(&mut chunk).await {
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            n
        }
        Err(_) => 0,
    }
}

/// Which call and page a request belongs to.
fn identify(request: &Parsed) -> Option<(Op, u64, u32)> {
    let messages = format!("{}/Messages", account_path(ACCOUNT_SID));
    let rest = request.path.strip_prefix(&messages)?;
    match (request.method.as_str(), rest) {
        ("POST", ".json") => {
            let body = value_of(&request.body, "Body")?;
            Some((Op::Create, body.strip_prefix("soak-")?.parse().ok()?, 0))
        }
        ("GET", ".json") => {
            let to = value_of(request.query.as_bytes(), "To")?;
            let page = value_of(request.query.as_bytes(), "Page").map_or(Some(0), |p| p.parse().ok())?;
            Some((Op::List, to.strip_prefix("+1555")?.parse().ok()?, page))
        }
        ("GET", sid) => {
            let hex = sid.strip_prefix("/SM")?.strip_suffix(".json")?;
            let call = u128::from_str_radix(hex, 16).ok()?;
            Some((Op::Fetch, u64::try_from(call).ok()?, 0))
        }
        _ => None,
    }
}

fn value_of(encoded: &[u8], key: &str) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

impl State {
    /// Books the arrival and picks its fault.
    fn arrive(&self, op: Op, call: u64, page: u32) -> Fault {
        let mut book = lock(&self.book);
        let arrivals = book.calls.entry(call).or_default();
        let attempt = arrivals.iter().filter(|a| a.page == page).count() as u32 + 1;
        let acted_on = arrivals.iter().rev().map(|a| a.fault).find(|f| !f.is_refusal());
        let fault = fault_for(self.seed, call, page, attempt);
        arrivals.push(Arrival {
            page,
            attempt,
            fault,
            at: Instant::now(),
        });
        if op.is_post() {
            let (word, bit) = ((call / 64) as usize, call % 64);
            if book.acted.len() <= word {
                book.acted.resize(word + 1, 0);
            }
            if book.acted[word] & (1 << bit) != 0 {
                self.double_posts.fetch_add(1, Ordering::Relaxed);
                if book.double_post_examples.len() < 10 {
                    // The earlier arrival is gone when the call had already ended.
                    let earlier = acted_on.map_or("a finished call".to_owned(), |f| format!("{f:?}"));
                    book.double_post_examples.push(format!(
                        "create {call} arrived as attempt {attempt} after an arrival answered with {earlier}"
                    ));
                }
            }
            if !fault.is_refusal() {
                book.acted[word] |= 1 << bit;
            }
        }
        self.faults[fault.index()].fetch_add(1, Ordering::Relaxed);
        fault
    }
}

/// Serves requests on one connection until a fault or the client ends it.
async fn serve(mut socket: TcpStream, state: &State) {
    let mut buf = Vec::with_capacity(4096);
    while let Some(request) = read_request(&mut socket, &mut buf).await {
        state.requests.fetch_add(1, Ordering::Relaxed);
        let Some((op, call, page)) = identify(&request) else {
            state.unrecognised.fetch_add(1, Ordering::Relaxed);
            let answer = Answer::json(
                404,
                "Not Found",
                twilio_error(404, 20404, "The requested resource was not found"),
            );
            if socket.write_all(&answer.head(answer.body.len(), None)).await.is_err()
                || socket.write_all(&answer.body).await.is_err()
            {
                return;
            }
            continue;
        };
        let fault = state.arrive(op, call, page);
        let hash = schedule_hash(state.seed, call, page, u32::MAX);
        if !answer(&mut socket, fault, op, call, page, hash).await {
            return;
        }
    }
}

/// Answers with `fault`; false when the connection must end.
async fn answer(socket: &mut TcpStream, fault: Fault, op: Op, call: u64, page: u32, hash: u64) -> bool {
    let request_id = format!("RQ{:016x}{:016x}", call, hash);
    let rid = Some(request_id.as_str());
    let full = |answer: Answer| answer.with_retry_after(fault.retry_after());
    match fault {
        Fault::Ok => send(socket, &success(op, call, page), rid).await,
        Fault::SlowOk => {
            let answer = success(op, call, page);
            tokio::time::sleep(Duration::from_millis(20 + hash % 60)).await;
            if socket.write_all(&answer.head(answer.body.len(), rid)).await.is_err() {
                return false;
            }
            for piece in answer.body.chunks(answer.body.len().div_ceil(4)) {
                tokio::time::sleep(Duration::from_millis(10)).await;
                if socket.write_all(piece).await.is_err() {
                    return false;
                }
            }
            true
        }
        Fault::StallHeaders => {
            until_closed(socket, &[]).await;
            false
        }
        Fault::StallBody => {
            let answer = success(op, call, page);
            let mut bytes = answer.head(answer.body.len(), rid);
            bytes.extend_from_slice(&answer.body);
            let head_and_some = bytes.len() - answer.body.len() + 16;
            if socket.write_all(&bytes[..head_and_some]).await.is_err() {
                return false;
            }
            until_closed(socket, &bytes[head_and_some..]).await;
            false
        }
        Fault::Reset => {
            let _ = socket.set_zero_linger();
            false
        }
        Fault::Close => {
            let _ = socket.shutdown().await;
            false
        }
        Fault::Truncated => {
            let answer = success(op, call, page);
            let mut bytes = answer.head(answer.body.len(), rid);
            bytes.extend_from_slice(&answer.body[..answer.body.len() / 2]);
            let _ = socket.write_all(&bytes).await;
            let _ = socket.shutdown().await;
            false
        }
        Fault::Html => {
            send(
                socket,
                &Answer::new(200, "OK", "text/html; charset=utf-8", PROXY_PAGE.into()),
                rid,
            )
            .await
        }
        Fault::MalformedJson => {
            let mut answer = success(op, call, page);
            answer.body.truncate(answer.body.len() * 3 / 5);
            send(socket, &answer, rid).await
        }
        Fault::TooMany | Fault::TooManyAfter0 | Fault::TooManyAfter1 | Fault::TooManyAfterHuge => {
            let body = twilio_error(429, 20429, "Too Many Requests");
            send(socket, &full(Answer::json(429, "Too Many Requests", body)), rid).await
        }
        Fault::ServerError | Fault::ServerErrorAfter => {
            let answer = Answer::new(500, "Internal Server Error", "text/html", SERVER_ERROR_PAGE.into());
            send(socket, &full(answer), rid).await
        }
        Fault::Unavailable | Fault::UnavailableAfter => {
            let answer = Answer::new(
                503,
                "Service Unavailable",
                "text/plain",
                b"Service Unavailable".to_vec(),
            );
            send(socket, &full(answer), rid).await
        }
        Fault::TwilioError if op.is_post() => {
            let body = twilio_error(
                400,
                21211,
                &format!("The 'To' number {} is not a valid phone number.", list_to(call)),
            );
            send(socket, &Answer::json(400, "Bad Request", body), rid).await
        }
        Fault::TwilioError => {
            let body = twilio_error(404, 20404, "The requested resource was not found");
            send(socket, &Answer::json(404, "Not Found", body), rid).await
        }
    }
}

async fn send(socket: &mut TcpStream, answer: &Answer, request_id: Option<&str>) -> bool {
    let mut bytes = answer.head(answer.body.len(), request_id);
    bytes.extend_from_slice(&answer.body);
    socket.write_all(&bytes).await.is_ok()
}

/// Trickles `rest` a byte at a time until the client closes the connection: the server then
/// lets go of it at once, so that its count of open connections follows the client's.
async fn until_closed(socket: &mut TcpStream, rest: &[u8]) {
    let (mut reader, mut writer) = socket.split();
    let closed = async {
        let mut scratch = [0u8; 256];
        while matches!(reader.read(&mut scratch).await, Ok(n) if n > 0) {}
    };
    let trickle = async {
        for byte in rest.chunks(1) {
            tokio::time::sleep(Duration::from_millis(50)).await;
            if writer.write_all(byte).await.is_err() {
                return;
            }
        }
        std::future::pending::<()>().await
    };
    tokio::select! {
        () = closed => {}
        () = trickle => {}
        () = tokio::time::sleep(MAX_STALL) => {}
    }
}

struct Answer {
    status: u16,
    reason: &'static str,
    content_type: &'static str,
    retry_after: Option<&'static str>,
    body: Vec<u8>,
}

impl Answer {
    fn new(status: u16, reason: &'static str, content_type: &'static str, body: Vec<u8>) -> Answer {
        Answer {
            status,
            reason,
            content_type,
            retry_after: None,
            body,
        }
    }

    fn json(status: u16, reason: &'static str, body: serde_json::Value) -> Answer {
        Answer::new(
            status,
            reason,
            "application/json; charset=utf-8",
            body.to_string().into_bytes(),
        )
    }

    fn with_retry_after(mut self, retry_after: Option<&'static str>) -> Answer {
        self.retry_after = retry_after;
        self
    }

    fn head(&self, content_length: usize, request_id: Option<&str>) -> Vec<u8> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {content_length}\r\n",
            self.status, self.reason, self.content_type
        );
        if let Some(id) = request_id {
            head.push_str(&format!("Twilio-Request-Id: {id}\r\n"));
        }
        if let Some(after) = self.retry_after {
            head.push_str(&format!("Retry-After: {after}\r\n"));
        }
        head.push_str("\r\n");
        head.into_bytes()
    }
}

/// The realistic answer of the operation.
fn success(op: Op, call: u64, page: u32) -> Answer {
    let message = |n: u64, status: &str| bodies::message(ACCOUNT_SID, &message_sid(n), status);
    match op {
        Op::Create => Answer::json(201, "Created", message(call, "queued")),
        Op::Fetch => Answer::json(200, "OK", message(call, "delivered")),
        Op::List => {
            let list_uri = format!("{}/Messages.json", account_path(ACCOUNT_SID));
            let to: String = form_urlencoded::byte_serialize(list_to(call).as_bytes()).collect();
            let next =
                (page == 0).then(|| format!("{list_uri}?To={to}&PageSize=2&Page=1&PageToken=PA{}", message_sid(call)));
            let records = if page == 0 {
                vec![message(call, "delivered"), message(call + 1, "delivered")]
            } else {
                vec![message(call + 2, "delivered")]
            };
            let body = bodies::v2010_page(&list_uri, "messages", records, u64::from(page), 2, next.as_deref());
            Answer::json(200, "OK", body)
        }
    }
}

fn twilio_error(status: u16, code: i64, message: &str) -> serde_json::Value {
    serde_json::json!({
        "code": code,
        "message": message,
        "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
        "status": status
    })
}

const PROXY_PAGE: &str =
    "<!DOCTYPE html>\n<html><head><title>Network login</title></head>\n<body><h1>Sign in to continue</h1>\
<p>Your connection is being redirected by the network proxy.</p>\
<form method=\"post\" action=\"/login\"><input name=\"user\"><input type=\"password\" name=\"pass\"></form>\
</body></html>\n";

const SERVER_ERROR_PAGE: &str =
    "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_is_deterministic_and_uses_every_fault() {
        let mut seen = std::collections::BTreeMap::new();
        for call in 0..20_000 {
            let fault = fault_for(7, call, 0, 1);
            assert_eq!(fault, fault_for(7, call, 0, 1));
            *seen.entry(fault).or_insert(0u64) += 1;
        }
        assert_eq!(seen.len(), SCHEDULE.len(), "{seen:?}");
        // 40 % of 20,000, within a few standard deviations.
        assert!((7_600..8_400).contains(&seen[&Fault::Ok]), "{seen:?}");
    }

    #[test]
    fn a_post_is_predicted_to_be_sent_again_only_after_429() {
        for call in (0..5_000).filter(|c| Op::of(*c).is_post()) {
            let prediction = predict(3, call, 0, 3);
            for attempt in 1..prediction.attempts {
                assert!(fault_for(3, call, 0, attempt).is_refusal());
            }
        }
    }
}
