//! Every generated response model and every page of records (both envelopes: v2010's
//! `next_page_uri` and `meta.next_page_url`), on arbitrary bodies and on mutations of Twilio's
//! example responses (`cargo xtask fuzz` seeds the corpus from `tests/oai/`).
//!
//! Input: a little-endian `u16` selector (which model, see `NAMES`), then the body. The body is
//! decoded by the client itself, through `Outcome::fetch` (what `send` calls) with a transport that
//! answers it with 200. Never a panic; a failure is `Error::Decode` carrying the body as received;
//! a next-page link the client would follow stays on the product's host.

#![no_main]

use std::cell::RefCell;
use std::task::{Context, Poll, Waker};

use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use twilio::__private::{Method, Operation, Paging, Params, Product, Request};
use twilio::runtime::transport::{HttpRequest, HttpResponse, Transport, TransportFuture};
use twilio::{Client, Error, Outcome, Page, ResponseFuture};

include!(concat!(env!("OUT_DIR"), "/response_models.rs"));

fuzz_target!(|data: &[u8]| {
    let (selector, body) = match data {
        [a, b, body @ ..] => (u16::from_le_bytes([*a, *b]), body),
        _ => (0, data),
    };
    BODY.with(|b| b.replace(body.to_vec()));
    decode(selector, body);
});

thread_local! {
    /// What the transport answers.
    static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    // With an access token too: some products authenticate with one.
    static CLIENT: Client = Client::builder("AC00000000000000000000000000000000", "fuzz-token")
        .access_token("fuzz-access-token")
        .transport(Replay)
        .build();
}

/// Answers every request with 200 and the fuzzer's body.
struct Replay;

impl Transport for Replay {
    fn send(&self, _request: HttpRequest) -> TransportFuture {
        let body = BODY.with(|b| b.borrow().clone());
        Box::pin(async move { Ok(HttpResponse::new(200, Vec::new(), body)) })
    }
}

/// A single-object response (fetch, create, update, actions).
fn model<T: Outcome>(name: &str, operation: &'static Operation, body: &[u8]) {
    let result = CLIENT.with(|c| ready(T::fetch(c, request(operation), operation)));
    if let Err(error) = result {
        check_error(name, &error, body);
    }
}

/// A list operation's first page (`operation` says where its records are).
fn page<T: DeserializeOwned + Send + 'static>(name: &str, operation: &'static Operation, body: &[u8]) {
    let result = CLIENT.with(|c| ready(Page::<T>::fetch(c, request(operation), operation)));
    match result {
        Ok(page) => {
            if let Some(next) = page.next_page_url() {
                let origin = format!("https://{}", operation.product.host);
                let rest = next.strip_prefix(&origin);
                assert!(
                    rest.is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#'])),
                    "{name}: the client would follow a link off {origin}: {next:?}"
                );
            }
        }
        Err(error) => check_error(name, &error, body),
    }
}

fn request(operation: &'static Operation) -> Request {
    Request::new(operation, &[], &mut Params::default())
}

/// A success body that does not fit is a decode error that keeps the body for the caller.
fn check_error(name: &str, error: &Error, body: &[u8]) {
    match error {
        Error::Decode(decode) => {
            assert_eq!(decode.status, 200, "{name}: {error}");
            assert_eq!(
                decode.body.as_bytes(),
                String::from_utf8_lossy(body).as_bytes(),
                "{name}: the decode error does not carry the body"
            );
        }
        other => panic!("{name}: a body that does not fit is not a decode error: {other:?}"),
    }
}

/// The future's output: with a transport that answers at once, nothing ever waits.
fn ready<T>(mut future: ResponseFuture<T>) -> Result<T, Error> {
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(result) => result,
        Poll::Pending => panic!("the replay transport answered, yet the request is pending"),
    }
}
