//! The one request builder every operation shares: [`RequestBuilder<E>`](RequestBuilder), where
//! `E` is the operation's marker type (generated in each version's `operations` module). A
//! marker carries only facts ([`Endpoint`]): the response type and the [`Operation`] the
//! request is built from. Sending, `IntoFuture`, `Clone`, `Debug` and paging are written here
//! once, as generic code that rustc compiles only for the operations a program sends; the
//! generated code adds the setters (`impl CreateMessage { pub fn body(…) }`, where
//! `CreateMessage` is an alias of `RequestBuilder<operations::CreateMessage>`).

use std::fmt;
use std::future::IntoFuture;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::client::{Client, ResponseFuture};
use super::de::Object;
use super::error::Error;
use super::paging::{Page, RecordStream};
use super::params::{Params, SetParams};
use super::request::{In, Operation, Request};
use super::send::Response;

/// What an operation's marker type tells its [`RequestBuilder`]. Implemented by the generated
/// `operations` modules only.
pub trait Endpoint: 'static {
    /// What a successful response decodes into: a model, `()`, or a [`Page`] of models.
    type Output: Outcome;
    /// How the request is built: path, verb, body, paging.
    #[doc(hidden)]
    const OPERATION: &'static Operation;
}

/// A type a response decodes into, and how it is fetched: one object, nothing, or the first
/// page of a list.
pub trait Outcome: Sized + Send + 'static {
    /// Sends `request` and decodes its answer: what [`RequestBuilder::send`] calls.
    #[doc(hidden)]
    fn fetch(client: &Client, request: Request, operation: &'static Operation) -> ResponseFuture<Self>;
}

impl Outcome for () {
    #[inline]
    fn fetch(client: &Client, request: Request, _: &'static Operation) -> ResponseFuture<()> {
        client.execute_empty(request)
    }
}

impl<M: Object + DeserializeOwned + Send + 'static> Outcome for M {
    #[inline]
    fn fetch(client: &Client, request: Request, _: &'static Operation) -> ResponseFuture<M> {
        client.execute(request)
    }
}

impl<M: DeserializeOwned + Send + 'static> Outcome for Page<M> {
    #[inline]
    fn fetch(client: &Client, request: Request, operation: &'static Operation) -> ResponseFuture<Self> {
        client.first_page(request, operation.records)
    }
}

/// A request to one operation, built by a resource method (`client.api().v2010().messages()
/// .create(to)`), completed with setters and sent with `.send()` or `.await`. Each generated
/// builder name (`CreateMessage`, `ListMessages`) is an alias of this type.
#[must_use = "a request does nothing until it is sent with `.send()` or `.await`"]
pub struct RequestBuilder<E> {
    client: Client,
    /// The path parameters, in the path's order.
    path: Vec<String>,
    params: Params,
    endpoint: PhantomData<fn() -> E>,
}

impl<E: Endpoint> RequestBuilder<E> {
    /// A request with the path parameters `path`, in the path's order.
    // Only generated code calls it: unused when no product feature is enabled.
    #[allow(dead_code)]
    #[inline]
    pub(crate) fn new<const N: usize>(client: &Client, path: [String; N]) -> Self {
        RequestBuilder {
            client: client.clone(),
            path: Vec::from(path),
            params: Params::default(),
            endpoint: PhantomData,
        }
    }

    /// Moves the parameters into the request (a builder is sent once).
    fn request(&mut self) -> Request {
        Request::new(E::OPERATION, &self.path, &mut self.params)
    }

    /// Sends the request. For a list, fetches the first page.
    #[inline]
    pub fn send(mut self) -> ResponseFuture<E::Output> {
        let request = self.request();
        E::Output::fetch(&self.client, request, E::OPERATION)
    }
}

impl<E: Endpoint> RequestBuilder<E>
where
    E::Output: DeserializeOwned,
{
    /// Sends the request; the body comes with the status, headers and `Twilio-Request-Id`.
    #[inline]
    pub fn send_with_metadata(mut self) -> ResponseFuture<Response<E::Output>> {
        let request = self.request();
        self.client.execute_with_metadata(request)
    }
}

impl<E, M> RequestBuilder<E>
where
    E: Endpoint<Output = Page<M>>,
    M: DeserializeOwned + Send + 'static,
{
    /// Records per page (`PageSize`), capped at the operation's maximum (its list method says
    /// which). Only a request-size hint: use [`Self::limit`] to cap how many records a stream
    /// yields.
    #[inline]
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.params.page_size = Some(page_size);
        self
    }

    /// Asks for the page with this number (`Page`, counted from 0), as Twilio's helpers do;
    /// with [`Self::page_token`] for pages after the first.
    #[inline]
    pub fn page_number(self, page: u32) -> Self {
        self.set(In::Query, "Page", i64::from(page))
    }

    /// The `PageToken` of the page to fetch, as found in a next-page link.
    #[inline]
    pub fn page_token(self, token: impl Into<String>) -> Self {
        self.set(In::Query, "PageToken", token.into())
    }

    /// Fetches the page at `url`, a next-page link kept from earlier
    /// ([`Page::next_page_url`]), to resume a listing. The link must lead to this product's
    /// host (or the configured base URL), like every link the client follows; the builder's
    /// parameters are not sent (the link has them).
    #[inline]
    pub fn page_at(mut self, url: impl Into<String>) -> ResponseFuture<Page<M>> {
        let request = self.request();
        self.client.page_at(request, E::OPERATION.records, url.into())
    }

    /// Stops a [`stream`](Self::stream) after this many records; also the default page size.
    #[inline]
    pub fn limit(mut self, limit: usize) -> Self {
        self.params.limit = Some(limit);
        self
    }

    /// Every record across pages, following Twilio's next-page links lazily.
    #[inline]
    pub fn stream(mut self) -> RecordStream<M> {
        let limit = self.params.limit;
        let request = self.request();
        self.client.stream_records(request, E::OPERATION.records, limit)
    }
}

impl<E: Endpoint> IntoFuture for RequestBuilder<E> {
    type Output = Result<E::Output, Error>;
    type IntoFuture = ResponseFuture<E::Output>;

    #[inline]
    fn into_future(self) -> Self::IntoFuture {
        self.send()
    }
}

impl<E> SetParams for RequestBuilder<E> {
    #[inline]
    fn params(&mut self) -> &mut Params {
        &mut self.params
    }
}

// Written by hand: a derive would require `E: Clone`, and markers are never values.
impl<E> Clone for RequestBuilder<E> {
    fn clone(&self) -> Self {
        RequestBuilder {
            client: self.client.clone(),
            path: self.path.clone(),
            params: self.params.clone(),
            endpoint: PhantomData,
        }
    }
}

impl<E: Endpoint> fmt::Debug for RequestBuilder<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("operation", &E::OPERATION.name)
            .field("path", &self.path)
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}
