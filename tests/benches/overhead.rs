//! Client-side CPU cost of one request: the generated client versus a hand-written reqwest call
//! sending the same request, measured in one run against the same local server.
//!
//! `cargo bench -p twilio-e2e --bench overhead` (also run by `cargo xtask bench`).
//!
//! The server runs in a child process (this binary with `--serve`), so the CPU time read from
//! `/proc/thread-self/schedstat` is the client's alone: both clients run on one current-thread
//! runtime, on this thread. Wall time is reported too, but CPU time is the number to compare.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REQUESTS: usize = 3000;
const ROUNDS: usize = 5;
const SID: &str = "AC0123456789abcdef0123456789abcdef";
const TOKEN: &str = "bench-token";
const BODY: &str = r#"{"account_sid": "AC0123456789abcdef0123456789abcdef", "api_version": "2010-04-01", "body": "Hello", "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": "Thu, 24 Aug 2023 05:01:45 +0000", "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api", "error_code": null, "error_message": null, "from": "+15017122661", "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "SM0123456789abcdef0123456789abcdef", "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/SM0123456789abcdef0123456789abcdef/Media.json"}, "to": "+15558675310", "uri": "/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/SM0123456789abcdef0123456789abcdef.json"}"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        serve(args[i + 1].parse().expect("port"));
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return; // `cargo test` asks benches to list their tests
    }
    let port = free_port();
    let mut server = Command::new(&args[0])
        .args(["--serve", &port.to_string()])
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    wait_for(port);
    let base = format!("http://127.0.0.1:{port}");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // `OVERHEAD_ONLY=twilio:N` (or `reqwest:N`) sends N requests with one client and exits: for
    // instruction counts under `valgrind --tool=callgrind`, where the difference between two
    // values of N is the cost of that many requests, start-up excluded.
    if let Ok(only) = std::env::var("OVERHEAD_ONLY") {
        let (which, count) = only.split_once(':').expect("OVERHEAD_ONLY=twilio:N or reqwest:N");
        let count: usize = count.parse().expect("a request count");
        runtime.block_on(only_one(&base, which, count));
        server.kill().ok();
        server.wait().ok();
        return;
    }
    let results = runtime.block_on(measure(&base));
    // The same client on each tokio runtime flavor, counting the CPU of every thread of this
    // process (a multi-thread runtime hands work between its workers).
    let current = runtime.block_on(flavor_round(&base));
    drop(runtime);
    let multi = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(flavor_round(&base));
    server.kill().ok();
    server.wait().ok();
    let (ours, raw) = results;
    println!("requests per round: {REQUESTS}, rounds: {ROUNDS} (median round reported)");
    println!(
        "twilio client:       {:>7.1} µs CPU/request, {:>7.1} µs wall/request",
        ours.0, ours.1
    );
    println!(
        "hand-written reqwest:{:>7.1} µs CPU/request, {:>7.1} µs wall/request",
        raw.0, raw.1
    );
    println!("ratio (twilio / reqwest), CPU: {:.2}", ours.0 / raw.0);
    println!(
        "twilio client, process CPU/request: current_thread {:.1} µs, multi_thread ({} workers) {:.1} µs, ratio {:.2}",
        current,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        multi,
        multi / current
    );
}

/// Median process CPU per request (µs) of the generated client, on the runtime it runs on.
async fn flavor_round(base: &str) -> f64 {
    let (client, _, _) = clients(base);
    for _ in 0..200 {
        ours(&client).await;
    }
    let mut rounds = Vec::new();
    for _ in 0..ROUNDS {
        let cpu = process_cpu_ns();
        for _ in 0..REQUESTS {
            ours(&client).await;
        }
        rounds.push((process_cpu_ns() - cpu) as f64 / 1000.0 / REQUESTS as f64);
    }
    rounds.sort_by(f64::total_cmp);
    rounds[rounds.len() / 2]
}

/// CPU time of every thread of this process in nanoseconds (Linux).
fn process_cpu_ns() -> u64 {
    let tasks = std::fs::read_dir("/proc/self/task").expect("Linux /proc");
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|text| text.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum()
}

async fn only_one(base: &str, which: &str, count: usize) {
    let (client, http, url) = clients(base);
    for _ in 0..count {
        match which {
            "twilio" => ours(&client).await,
            "reqwest" => raw(&http, &url).await,
            other => panic!("unknown client {other}"),
        }
    }
}

fn clients(base: &str) -> (twilio::Client, reqwest::Client, String) {
    let client = twilio::Client::builder(SID, TOKEN).base_url(base).build();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    (client, http, format!("{base}/2010-04-01/Accounts/{SID}/Messages.json"))
}

/// One Messages create through the generated client.
async fn ours(client: &twilio::Client) {
    let message = client
        .api()
        .v2010()
        .messages()
        .create("+15558675310")
        .from("+15017122661")
        .body("Hello")
        .status_callback("https://example.com/status")
        .await
        .unwrap();
    assert!(message.sid.is_some());
}

/// The same request written by hand with reqwest, decoded into the same type.
async fn raw(http: &reqwest::Client, url: &str) {
    let response = http
        .post(url)
        .basic_auth(SID, Some(TOKEN))
        .header("User-Agent", "hand-written")
        .header("Accept", "application/json")
        .header("Accept-Charset", "utf-8")
        .form(&[
            ("To", "+15558675310"),
            ("From", "+15017122661"),
            ("Body", "Hello"),
            ("StatusCallback", "https://example.com/status"),
        ])
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let bytes = response.bytes().await.unwrap();
    let message: twilio::api::v2010::Message = serde_json::from_slice(&bytes).unwrap();
    assert!(message.sid.is_some());
}

async fn measure(base: &str) -> ((f64, f64), (f64, f64)) {
    let (client, http, url) = clients(base);
    let twilio_call = || ours(&client);
    let reqwest_call = || raw(&http, &url);
    // Warm up both connection pools.
    for _ in 0..200 {
        twilio_call().await;
        reqwest_call().await;
    }
    let mut ours_rounds = Vec::new();
    let mut raw_rounds = Vec::new();
    for _ in 0..ROUNDS {
        ours_rounds.push(round(twilio_call).await);
        raw_rounds.push(round(reqwest_call).await);
    }
    (median(ours_rounds), median(raw_rounds))
}

async fn round<F, Fut>(mut f: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let cpu = thread_cpu_ns();
    let wall = Instant::now();
    for _ in 0..REQUESTS {
        f().await;
    }
    let cpu_us = (thread_cpu_ns() - cpu) as f64 / 1000.0 / REQUESTS as f64;
    (cpu_us, wall.elapsed().as_secs_f64() * 1e6 / REQUESTS as f64)
}

fn median(mut rounds: Vec<(f64, f64)>) -> (f64, f64) {
    rounds.sort_by(|a, b| a.0.total_cmp(&b.0));
    rounds[rounds.len() / 2]
}

/// CPU time of the current thread in nanoseconds (Linux).
fn thread_cpu_ns() -> u64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux /proc");
    text.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("schedstat format")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for(port: u16) {
    for _ in 0..500 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("bench server did not start");
}

/// A minimal keep-alive HTTP/1.1 server answering every request with the same message.
fn serve(port: u16) {
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let _ = stream.set_nodelay(true);
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut writer = stream;
            let response = format!(
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                BODY.len(),
                BODY
            );
            loop {
                let mut length = 0usize;
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() || writer.write_all(response.as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
}
