//! List operations: one page at a time, or a stream of records across pages.
//!
//! `limit` caps the number of records the stream yields; `page_size` only says how many Twilio
//! returns per request. The stream follows the next-page link Twilio gives (for the one API that
//! numbers its pages instead, the same request with the next `Page`), stops when there is none,
//! and stops with an error if a link would leave the host the first page came from or repeats
//! itself.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use super::client::{Client, ResponseFuture};
use super::error::{DecodeError, Error};
use super::request::{Paging, Product, Request};

/// One page of records.
#[derive(Clone)]
pub struct Page<T> {
    /// The records on this page.
    pub records: Vec<T>,
    /// Page number as reported by Twilio (0-based), when reported.
    pub page: Option<u64>,
    /// Page size as reported by Twilio, when reported.
    pub page_size: Option<u64>,
    /// Where this page came from, to recognise links that lead back to it.
    url: String,
    next: Next,
    context: PageContext,
}

/// The next-page link of a page, once checked.
#[derive(Clone, Debug)]
enum Next {
    None,
    Url(String),
    /// A link to a host the credentials must not go to; reported when it would be followed,
    /// so that the records of the page carrying it are not lost.
    Refused(String),
}

#[derive(Clone)]
struct PageContext {
    client: Client,
    product: &'static Product,
    operation: &'static str,
    /// The media type next pages are asked for, as the first page was.
    accept: &'static str,
    paging: Paging,
    records_key: &'static str,
}

impl<T> fmt::Debug for Page<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("records", &self.records.len())
            .field("page", &self.page)
            .field("next", &self.next)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> Page<T> {
    /// The absolute URL of the next page, if there is one.
    pub fn next_page_url(&self) -> Option<&str> {
        match &self.next {
            Next::Url(url) => Some(url),
            _ => None,
        }
    }

    /// Fetches the next page, or `None` after the last one.
    pub async fn next_page(&self) -> Result<Option<Page<T>>, Error> {
        match &self.next {
            Next::None => Ok(None),
            Next::Url(url) if *url == self.url => Ok(None),
            Next::Url(url) => fetch_page(self.context.clone(), url.clone()).await.map(Some),
            Next::Refused(link) => Err(refused(&self.context, link)),
        }
    }
}

impl Client {
    /// What list builders call for `.send()`: the first page.
    #[inline]
    pub(crate) fn first_page<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
        records_key: &'static str,
    ) -> ResponseFuture<Page<T>> {
        first_page(self, request, records_key)
    }

    /// What list builders call for `.page_at(url)`: the page a stored link names.
    #[inline]
    pub(crate) fn page_at<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
        records_key: &'static str,
        url: String,
    ) -> ResponseFuture<Page<T>> {
        let client = self.clone();
        Box::pin(async move {
            let context = PageContext {
                client: client.clone(),
                product: request.product,
                operation: request.operation,
                accept: request.accept,
                paging: request.paging,
                records_key,
            };
            match client.resolve_link(request.product, &url) {
                Some(resolved) => fetch_page(context, resolved).await,
                None => Err(refused(&context, &url)),
            }
        })
    }

    /// What list builders call for `.stream()`.
    #[inline]
    pub(crate) fn stream_records<T: DeserializeOwned + Send + 'static>(
        &self,
        request: Request,
        records_key: &'static str,
        limit: Option<usize>,
    ) -> RecordStream<T> {
        stream(self, request, records_key, limit)
    }
}

/// Starts a list operation: fetches its first page.
fn first_page<T: DeserializeOwned + Send + 'static>(
    client: &Client,
    request: Request,
    records_key: &'static str,
) -> ResponseFuture<Page<T>> {
    let client = client.clone();
    Box::pin(async move {
        let context = PageContext {
            client: client.clone(),
            product: request.product,
            operation: request.operation,
            accept: request.accept,
            paging: request.paging,
            records_key,
        };
        let url = client.url_of(&request);
        let response = client.send(request).await?;
        decode_page(context, url, &response.body, response.status)
    })
}

/// Streams records across pages, stopping after `limit` records.
fn stream<T: DeserializeOwned + Send + 'static>(
    client: &Client,
    request: Request,
    records_key: &'static str,
    limit: Option<usize>,
) -> RecordStream<T> {
    RecordStream {
        buffered: VecDeque::new(),
        pending: Some(first_page(client, request, records_key)),
        deferred: None,
        remaining: limit,
        visited: HashSet::new(),
        done: limit == Some(0),
    }
}

fn fetch_page<T: DeserializeOwned + Send + 'static>(context: PageContext, url: String) -> ResponseFuture<Page<T>> {
    Box::pin(async move {
        let response = context
            .client
            .send_page_link(context.product, context.operation, context.accept, url.clone())
            .await?;
        decode_page(context, url, &response.body, response.status)
    })
}

fn decode_page<T: DeserializeOwned>(
    context: PageContext,
    url: String,
    body: &[u8],
    status: u16,
) -> Result<Page<T>, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope = EnvelopeSeed::<T> {
        key: context.records_key,
        marker: PhantomData,
    }
    .deserialize(&mut deserializer)
    .and_then(|e| deserializer.end().map(|_| e))
    .map_err(|source| {
        Error::Decode(Box::new(DecodeError {
            status,
            body: String::from_utf8_lossy(body).into_owned(),
            source,
        }))
    })?;
    let link = match context.paging {
        Paging::V2010 => envelope.next_page_uri,
        Paging::Meta => envelope.meta.as_ref().and_then(|m| m.next_page_url.clone()),
        Paging::Pages => match (envelope.has_next, envelope.current_page) {
            (Some(true), Some(current)) => Some(with_page_number(&url, current.saturating_add(1))),
            _ => None,
        },
    };
    let next = match link.filter(|l| !l.is_empty()) {
        None => Next::None,
        Some(link) => match context.client.resolve_link(context.product, &link) {
            Some(resolved) => Next::Url(resolved),
            None => Next::Refused(link),
        },
    };
    let (page, page_size) = match envelope.meta {
        Some(meta) => (meta.page, meta.page_size),
        None => (
            envelope.page.or(envelope.current_page),
            envelope.page_size.or(envelope.per_page),
        ),
    };
    Ok(Page {
        records: envelope.records,
        page,
        page_size,
        url,
        next,
        context,
    })
}

fn refused(context: &PageContext, link: &str) -> Error {
    Error::InvalidRequest(format!(
        "refusing to follow a next-page link to another host: {link} (expected {})",
        context.client.origin(context.product)
    ))
}

struct Envelope<T> {
    records: Vec<T>,
    next_page_uri: Option<String>,
    meta: Option<Meta>,
    page: Option<u64>,
    page_size: Option<u64>,
    has_next: Option<bool>,
    current_page: Option<u64>,
    per_page: Option<u64>,
}

/// `url` asking for page `number`: its `Page` parameter replaced, or added.
fn with_page_number(url: &str, number: u64) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("Page"))
        .collect();
    let page = format!("Page={number}");
    pairs.push(&page);
    format!("{base}?{}", pairs.join("&"))
}

#[derive(Deserialize)]
struct Meta {
    #[serde(default)]
    next_page_url: Option<String>,
    #[serde(default)]
    page: Option<u64>,
    #[serde(default)]
    page_size: Option<u64>,
}

/// Reads a page in one pass, picking the record array by its key and skipping everything else.
struct EnvelopeSeed<T> {
    key: &'static str,
    marker: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for EnvelopeSeed<T> {
    type Value = Envelope<T>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Envelope<T>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EnvelopeSeed<T> {
    type Value = Envelope<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a page object with a `{}` array", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope<T>, A::Error> {
        let mut records = None;
        let mut envelope = Envelope {
            records: Vec::new(),
            next_page_uri: None,
            meta: None,
            page: None,
            page_size: None,
            has_next: None,
            current_page: None,
            per_page: None,
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                k if k == self.key => records = Some(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default()),
                "next_page_uri" => envelope.next_page_uri = map.next_value()?,
                "meta" => envelope.meta = map.next_value()?,
                "page" => envelope.page = map.next_value()?,
                "page_size" => envelope.page_size = map.next_value()?,
                "has_next" => envelope.has_next = map.next_value()?,
                "current_page" => envelope.current_page = map.next_value()?,
                "per_page" => envelope.per_page = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        envelope.records =
            records.ok_or_else(|| serde::de::Error::custom(format!("page has no `{}` array", self.key)))?;
        Ok(envelope)
    }
}

/// Records across pages, as a [`Stream`]. Nothing is requested until it is polled.
#[must_use = "streams do nothing unless polled"]
pub struct RecordStream<T> {
    buffered: VecDeque<T>,
    pending: Option<ResponseFuture<Page<T>>>,
    remaining: Option<usize>,
    /// Every page URL requested so far: a link back to any of them ends the stream.
    visited: HashSet<String>,
    /// An error to yield once the buffered records are out.
    deferred: Option<Error>,
    done: bool,
}

impl<T> Unpin for RecordStream<T> {}

impl<T: DeserializeOwned + Send + 'static> Stream for RecordStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if this.remaining == Some(0) {
                this.done = true;
                this.pending = None;
                return Poll::Ready(None);
            }
            if let Some(record) = this.buffered.pop_front() {
                if let Some(n) = this.remaining.as_mut() {
                    *n -= 1;
                }
                return Poll::Ready(Some(Ok(record)));
            }
            if this.done {
                return Poll::Ready(this.deferred.take().map(Err));
            }
            let Some(pending) = this.pending.as_mut() else {
                this.done = true;
                return Poll::Ready(None);
            };
            let page = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Err(e)) => {
                    this.done = true;
                    this.pending = None;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(Ok(page)) => page,
            };
            this.pending = None;
            let Page {
                records,
                url,
                next,
                context,
                ..
            } = page;
            this.visited.insert(url);
            this.buffered.extend(records);
            match next {
                Next::None => this.done = true,
                // A server that links back to a page already read would make us loop forever.
                Next::Url(url) if this.visited.contains(&url) => this.done = true,
                Next::Url(url) => this.pending = Some(fetch_page(context, url)),
                Next::Refused(link) => {
                    this.deferred = Some(refused(&context, &link));
                    this.done = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_page_number;

    #[test]
    fn the_next_numbered_page_is_the_same_request_one_page_further() {
        let first = "https://numbers.twilio.com/v2/ShortCodes/Applications?IsoCountry=US&PageSize=2";
        let second = with_page_number(first, 1);
        assert_eq!(second, format!("{first}&Page=1"));
        assert_eq!(
            with_page_number(&second, 2),
            "https://numbers.twilio.com/v2/ShortCodes/Applications?IsoCountry=US&PageSize=2&Page=2"
        );
        assert_eq!(with_page_number("https://h/v2/X", 3), "https://h/v2/X?Page=3");
        // A parameter that merely starts with `Page` is kept.
        assert_eq!(
            with_page_number("https://h/v2/X?PageSize=5&Page=0", 1),
            "https://h/v2/X?PageSize=5&Page=1"
        );
    }
}
