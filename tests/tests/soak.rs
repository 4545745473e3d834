//! Fault-injection soak: one `Client` shared by many tasks sending Message creates, fetches and
//! two-page list streams to [`FaultServer`], which answers each request with a fault from a
//! seeded schedule (slow, stalled, reset, closed, truncated, HTML, broken JSON, 429/500/503 with
//! and without `Retry-After`, Twilio error bodies).
//!
//! Checked: nothing panics anywhere in the process; every call ends in `Ok` or a typed
//! `twilio::Error` (API, decode, transport), exactly the one the retry policy predicts from the
//! schedule, after exactly the predicted number of sends (a call that times out unexpectedly on a
//! loaded machine is tolerated and counted); `Retry-After` is waited for, up to the cap; no create
//! is sent again after an arrival the server may have acted on (see `twilio_e2e::fault`); RSS
//! grows little between the middle and the end of the run; open connections and file
//! descriptors stay bounded by the concurrency.
//!
//! Short by default, for CI. `cargo xtask soak` runs it long, in release, through these
//! environment variables: `TWILIO_SOAK_REQUESTS` (logical calls, default 3,000),
//! `TWILIO_SOAK_CONCURRENCY` (tasks, default 64), `TWILIO_SOAK_SEED` (default 10).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use twilio::{Client, Error, RetryPolicy, TransportErrorKind};
use twilio_e2e::fault::{
    create_body, list_to, message_sid, predict, Arrival, FaultServer, Op, Outcome, Prediction, Stats,
};
use twilio_e2e::support::{ACCOUNT_SID, AUTH_TOKEN};

/// Well above the slowest answer the schedule means to succeed (about 150 ms), well below the
/// stalls, which last until the client gives up.
const TIMEOUT: Duration = Duration::from_millis(750);
const POLICY: RetryPolicy = RetryPolicy {
    max_retries: 3,
    base: Duration::from_millis(20),
    cap: Duration::from_millis(300),
};
/// Connections beyond one per task: the pool dials a new connection while a busy one may
/// still come free, and a connection the client dropped closes on the server a moment later.
const CONNECTION_SLACK: usize = 16;
const MAX_RSS_GROWTH_KB: u64 = 32 * 1024;
/// Calls allowed to time out although their schedule says they answer in time (the machine
/// may be busy with builds).
const UNEXPECTED_TIMEOUT_SHARE: f64 = 0.02;

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
        Err(_) => default,
    }
}

/// `VmRSS` of this process, in KiB.
fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

/// What one call did, from the client's side.
struct Actual {
    /// `Err` when the error was not one the soak expects (untyped, or missing its details).
    outcome: Result<Outcome, String>,
    /// Records a list stream yielded before it ended.
    records: usize,
}

/// The outcome of a call and, for each page sent, how many times it is sent.
struct Expected {
    outcome: Outcome,
    records: usize,
    attempts: Vec<u32>,
}

fn expected(seed: u64, call: u64) -> Expected {
    let first = predict(seed, call, 0, POLICY.max_retries);
    if Op::of(call) != Op::List || first.outcome != Outcome::Ok {
        return Expected {
            outcome: first.outcome,
            records: 0,
            attempts: vec![first.attempts],
        };
    }
    let Prediction { outcome, attempts } = predict(seed, call, 1, POLICY.max_retries);
    Expected {
        records: if outcome == Outcome::Ok { 3 } else { 2 },
        outcome,
        attempts: vec![first.attempts, attempts],
    }
}

fn classify(error: &Error) -> Result<Outcome, String> {
    match error {
        Error::Api(e) if e.request_id.is_some() && !e.body.is_empty() => Ok(Outcome::Api {
            status: e.status,
            code: e.code,
        }),
        // The raw body must come along: it is all there is to diagnose a proxy page.
        Error::Decode(e)
            if (200..300).contains(&e.status) && (e.body.contains("<html>") || e.body.starts_with('{')) =>
        {
            Ok(Outcome::Decode)
        }
        Error::Transport(e) if e.kind() == TransportErrorKind::Timeout => Ok(Outcome::Timeout),
        Error::Transport(_) => Ok(Outcome::Transport),
        other => Err(format!("{other:?}")),
    }
}

async fn run_call(client: &Client, call: u64) -> Actual {
    let messages = client.api().v2010().messages();
    let done = |result: Result<(), Error>, records| Actual {
        outcome: result.map_or_else(|e| classify(&e), |()| Ok(Outcome::Ok)),
        records,
    };
    match Op::of(call) {
        Op::Create => {
            let result = messages
                .create("+15558675310")
                .from("+15017122661")
                .body(create_body(call))
                .await;
            let result = result.map(|m| {
                assert_eq!(m.sid.as_deref(), Some(message_sid(call).as_str()), "create {call}");
            });
            done(result, 0)
        }
        Op::Fetch => {
            let result = messages.fetch(message_sid(call)).await.map(|m| {
                assert_eq!(m.sid.as_deref(), Some(message_sid(call).as_str()), "fetch {call}");
            });
            done(result, 0)
        }
        Op::List => {
            let mut stream = messages.list().to(list_to(call)).page_size(2).stream();
            let mut records = 0;
            while let Some(item) = stream.next().await {
                match item {
                    Ok(_) => records += 1,
                    Err(e) => return done(Err(e), records),
                }
            }
            done(Ok(()), records)
        }
    }
}

#[derive(Default)]
struct Tally {
    calls: u64,
    outcomes: BTreeMap<(Op, Outcome), u64>,
    untyped: Vec<String>,
    mismatches: u64,
    mismatch_examples: Vec<String>,
    unexpected_timeouts: u64,
    retry_after_violations: Vec<String>,
    /// Shortest and longest wait after each `Retry-After` value that was retried.
    retry_after_waits: BTreeMap<&'static str, (Duration, Duration)>,
    requests: u64,
    records: u64,
}

impl Tally {
    fn record(&mut self, seed: u64, call: u64, actual: Actual, arrivals: &[Arrival]) {
        self.calls += 1;
        self.requests += arrivals.len() as u64;
        self.records += actual.records as u64;
        let op = Op::of(call);
        let outcome = match actual.outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                if self.untyped.len() < 10 {
                    self.untyped
                        .push(format!("call {call}: {}", &error[..error.len().min(300)]));
                }
                return;
            }
        };
        *self.outcomes.entry((op, outcome.clone())).or_default() += 1;

        for (i, pair) in arrivals.windows(2).enumerate() {
            let (before, after) = (pair[0], pair[1]);
            let Some(value) = before.fault.retry_after().filter(|_| before.page == after.page) else {
                continue;
            };
            let asked = value.parse::<f64>().map_or(POLICY.cap, |s| {
                Duration::try_from_secs_f64(s).map_or(POLICY.cap, |d| d.min(POLICY.cap))
            });
            let waited = after.at - before.at;
            if waited + Duration::from_millis(1) < asked {
                self.retry_after_violations.push(format!(
                    "call {call}, arrival {i}: Retry-After {value} ({asked:?} with the cap), sent again after {waited:?}"
                ));
            }
            let range = self.retry_after_waits.entry(value).or_insert((waited, waited));
            range.0 = range.0.min(waited);
            range.1 = range.1.max(waited);
        }

        let expected = expected(seed, call);
        if outcome == Outcome::Timeout && expected.outcome != Outcome::Timeout {
            self.unexpected_timeouts += 1;
            return;
        }
        let attempts: Vec<u32> = (0..expected.attempts.len() as u32)
            .map(|page| arrivals.iter().filter(|a| a.page == page).count() as u32)
            .collect();
        let pages_sent = arrivals.iter().map(|a| a.page + 1).max().unwrap_or(0) as usize;
        if outcome != expected.outcome
            || actual.records != expected.records
            || attempts != expected.attempts
            || pages_sent != expected.attempts.len()
        {
            self.mismatches += 1;
            if self.mismatch_examples.len() < 10 {
                let faults: Vec<_> = arrivals.iter().map(|a| (a.page, a.fault)).collect();
                self.mismatch_examples.push(format!(
                    "call {call} ({op:?}): got {outcome} with {} records after {faults:?}; expected {} with {} \
                     records after {:?} sends per page",
                    actual.records, expected.outcome, expected.records, expected.attempts
                ));
            }
        }
    }
}

#[derive(Default)]
struct Peaks {
    rss_kb: AtomicU64,
    fds: AtomicUsize,
}

#[tokio::test(flavor = "multi_thread")]
async fn soak_through_one_client_against_a_faulty_server() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));

    let calls = env_number("TWILIO_SOAK_REQUESTS", 3_000);
    let concurrency = env_number("TWILIO_SOAK_CONCURRENCY", 64).max(1) as usize;
    let seed = env_number("TWILIO_SOAK_SEED", 10);

    let server = Arc::new(FaultServer::start(seed).await);
    let client = Client::builder(ACCOUNT_SID, AUTH_TOKEN)
        .base_url(server.url())
        .timeout(TIMEOUT)
        .retry_policy(POLICY)
        .build();
    let rss_start = rss_kb();
    let fds_start = open_fds();

    let peaks = Arc::new(Peaks::default());
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peaks, stop) = (peaks.clone(), stop.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                peaks.rss_kb.fetch_max(rss_kb(), Ordering::Relaxed);
                peaks.fds.fetch_max(open_fds(), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        })
    };

    let next = Arc::new(AtomicU64::new(0));
    let finished = Arc::new(AtomicU64::new(0));
    let middle: Arc<OnceLock<(u64, Stats)>> = Arc::new(OnceLock::new());
    let tally = Arc::new(Mutex::new(Tally::default()));
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, server, next, finished, middle, tally) = (
                client.clone(),
                server.clone(),
                next.clone(),
                finished.clone(),
                middle.clone(),
                tally.clone(),
            );
            tokio::spawn(async move {
                loop {
                    let call = next.fetch_add(1, Ordering::Relaxed);
                    if call >= calls {
                        return;
                    }
                    let actual = run_call(&client, call).await;
                    let arrivals = server.take(call);
                    tally.lock().unwrap().record(seed, call, actual, &arrivals);
                    if finished.fetch_add(1, Ordering::Relaxed) + 1 == calls / 2 {
                        let _ = middle.set((rss_kb(), server.stats()));
                    }
                }
            })
        })
        .collect();

    // Generous: a hang (a retry waiting out an uncapped `Retry-After`, a stall nobody notices)
    // must fail the test rather than block CI.
    let limit = Duration::from_secs(120 + calls / 100);
    let mut join_errors = Vec::new();
    let joined = tokio::time::timeout(limit, async {
        for task in tasks {
            if let Err(e) = task.await {
                join_errors.push(e.to_string());
            }
        }
    })
    .await;
    let elapsed = started.elapsed();
    let rss_end = rss_kb();
    let fds_end = open_fds();
    stop.store(true, Ordering::Relaxed);
    sampler.await.unwrap();
    let stats = server.stats();
    let tally = tally.lock().unwrap();
    let (rss_mid, mid_stats) = middle.get().cloned().unwrap_or((rss_end, stats.clone()));

    let mut report = String::new();
    let mut line = |text: String| {
        report.push_str(&text);
        report.push('\n');
    };
    line(format!(
        "soak: {} calls ({calls} planned) at concurrency {concurrency}, seed {seed}, in {elapsed:.2?}: \
         {} HTTP requests, {:.0} calls/s, {:.0} requests/s",
        tally.calls,
        stats.requests,
        tally.calls as f64 / elapsed.as_secs_f64(),
        stats.requests as f64 / elapsed.as_secs_f64()
    ));
    line(format!(
        "client: timeout {TIMEOUT:?}, retries {} (base {:?}, cap {:?})",
        POLICY.max_retries, POLICY.base, POLICY.cap
    ));
    line("faults injected (requests):".to_owned());
    for (fault, n) in &stats.faults {
        line(format!("  {fault:?}: {n}"));
    }
    line("outcomes (calls):".to_owned());
    for ((op, outcome), n) in &tally.outcomes {
        line(format!("  {op:?} {outcome}: {n}"));
    }
    line(format!("  records streamed by lists: {}", tally.records));
    line(format!(
        "  unexpected timeouts: {}, mismatches with the prediction: {}, untyped errors: {}",
        tally.unexpected_timeouts,
        tally.mismatches,
        tally.untyped.len()
    ));
    for (value, (shortest, longest)) in &tally.retry_after_waits {
        line(format!(
            "  Retry-After {value}: sent again after {shortest:.1?} to {longest:.1?}"
        ));
    }
    line(format!(
        "RSS: start {rss_start} kB, middle {rss_mid} kB, end {rss_end} kB, peak {} kB",
        peaks.rss_kb.load(Ordering::Relaxed)
    ));
    line(format!(
        "connections: {} accepted, at most {} open at once (at the middle {}), {} open at the end",
        stats.accepted, stats.max_open, mid_stats.max_open, stats.open
    ));
    line(format!(
        "file descriptors: start {fds_start}, peak {}, end {fds_end}",
        peaks.fds.load(Ordering::Relaxed)
    ));
    line(format!(
        "double POSTs: {}, panics: {}, join errors: {}",
        stats.double_posts,
        PANICS.load(Ordering::SeqCst),
        join_errors.len()
    ));
    println!("{report}");

    assert!(joined.is_ok(), "the soak did not finish within {limit:?}\n{report}");
    assert!(join_errors.is_empty(), "tasks failed: {join_errors:?}");
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "something panicked");
    assert_eq!(stats.panics, 0, "a server connection task panicked");
    assert_eq!(tally.calls, calls);
    assert!(
        tally.untyped.is_empty(),
        "errors of no expected kind: {:#?}",
        tally.untyped
    );
    assert_eq!(
        stats.double_posts, 0,
        "a create was sent again after the server may have acted on it: {:#?}",
        stats.double_post_examples
    );
    assert_eq!(
        tally.mismatches, 0,
        "calls ended otherwise than the retry policy predicts: {:#?}",
        tally.mismatch_examples
    );
    assert!(
        tally.unexpected_timeouts as f64 <= UNEXPECTED_TIMEOUT_SHARE * calls as f64,
        "{} calls timed out unexpectedly",
        tally.unexpected_timeouts
    );
    assert!(
        tally.retry_after_violations.is_empty(),
        "Retry-After not waited for: {:#?}",
        &tally.retry_after_violations[..tally.retry_after_violations.len().min(10)]
    );
    assert_eq!(stats.unrecognised, 0, "requests the server could not place");
    assert_eq!(
        stats.untaken_calls, 0,
        "requests that arrived after their call had ended"
    );
    assert_eq!(tally.requests, stats.requests);
    assert!(
        rss_end.saturating_sub(rss_mid) < MAX_RSS_GROWTH_KB,
        "RSS grew from {rss_mid} kB to {rss_end} kB in the second half"
    );
    let connection_bound = concurrency + CONNECTION_SLACK;
    assert!(
        stats.max_open <= connection_bound,
        "{} connections open at once, more than {connection_bound}",
        stats.max_open
    );
    // Both ends of every connection live in this process.
    let fd_bound = fds_start + 2 * connection_bound + 16;
    let fds_peak = peaks.fds.load(Ordering::Relaxed);
    assert!(
        fds_peak <= fd_bound,
        "{fds_peak} file descriptors open, more than {fd_bound}"
    );
}
