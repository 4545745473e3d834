//! What every generated request builder has in common, written once as a macro: sending
//! (`send`, `send_with_metadata`, `IntoFuture`), the parameter setters (`SetParams`) and, for
//! lists, paging (`page_size`, `limit`, `stream`). A builder provides `client: Client`,
//! `params: Params` and `fn request(&mut self) -> Result<Request, Error>` (which moves the
//! parameters into the request).

/// Implements sending for a generated request builder:
///
/// - `impl_send!(FetchMessage => Message)`: the response body decodes into `Message`;
/// - `impl_send!(DeleteMessage => ())`: a success has no body;
/// - `impl_send!(ListMessages => Page<Message>, records: "messages", max_page_size: 1000)`:
///   pages whose records are under `"messages"`, plus the paging setters and `stream`.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_send {
    ($builder:ident => () $(,)?) => {
        impl $builder {
            /// Sends the request.
            #[inline]
            pub fn send(mut self) -> $crate::ResponseFuture<()> {
                let request = self.request();
                self.client.execute_empty(request)
            }

            $crate::impl_send!(@with_metadata ());
        }

        $crate::impl_send!(@into_future $builder => ());
    };
    ($builder:ident => Page<$model:ty>, records: $records:literal, max_page_size: $max:literal $(,)?) => {
        impl $builder {
            #[doc = concat!(
                " Records per page (`PageSize`), capped at ", stringify!($max),
                ". Only a request-size hint: use [`Self::limit`] to cap how many records a stream yields."
            )]
            #[inline]
            pub fn page_size(mut self, page_size: u32) -> Self {
                self.params.page_size = Some(page_size);
                self
            }

            /// Asks for the page with this number (`Page`, counted from 0), as Twilio's helpers
            /// do; with [`Self::page_token`] for pages after the first.
            #[inline]
            pub fn page_number(self, page: u32) -> Self {
                $crate::__private::SetParams::set(self, $crate::__private::In::Query, "Page", i64::from(page))
            }

            /// The `PageToken` of the page to fetch, as found in a next-page link.
            #[inline]
            pub fn page_token(self, token: impl Into<String>) -> Self {
                $crate::__private::SetParams::set(self, $crate::__private::In::Query, "PageToken", token.into())
            }

            /// Fetches the page at `url`, a next-page link kept from earlier
            /// ([`Page::next_page_url`](crate::Page::next_page_url)), to resume a listing. The link
            /// must lead to this product's host (or the configured base URL), like every link
            /// the client follows; the builder's parameters are not sent (the link has them).
            #[inline]
            pub fn page_at(mut self, url: impl Into<String>) -> $crate::ResponseFuture<$crate::Page<$model>> {
                let request = self.request();
                self.client.page_at(request, $records, url.into())
            }

            /// Stops a [`stream`](Self::stream) after this many records; also the default page size.
            #[inline]
            pub fn limit(mut self, limit: usize) -> Self {
                self.params.limit = Some(limit);
                self
            }

            /// Every record across pages, following Twilio's next-page links lazily.
            #[inline]
            pub fn stream(mut self) -> $crate::RecordStream<$model> {
                let limit = self.params.limit;
                let request = self.request();
                self.client.stream_records(request, $records, limit)
            }

            /// Fetches the first page.
            #[inline]
            pub fn send(mut self) -> $crate::ResponseFuture<$crate::Page<$model>> {
                let request = self.request();
                self.client.first_page(request, $records)
            }
        }

        $crate::impl_send!(@into_future $builder => $crate::Page<$model>);
    };
    ($builder:ident => $model:ty $(,)?) => {
        impl $builder {
            /// Sends the request.
            #[inline]
            pub fn send(mut self) -> $crate::ResponseFuture<$model> {
                let request = self.request();
                self.client.execute(request)
            }

            $crate::impl_send!(@with_metadata $model);
        }

        $crate::impl_send!(@into_future $builder => $model);
    };
    (@with_metadata $output:ty) => {
        /// Sends the request; the body comes with the status, headers and `Twilio-Request-Id`.
        #[inline]
        pub fn send_with_metadata(mut self) -> $crate::ResponseFuture<$crate::Response<$output>> {
            let request = self.request();
            self.client.execute_with_metadata(request)
        }
    };
    (@into_future $builder:ident => $output:ty) => {
        impl $crate::__private::SetParams for $builder {
            #[inline]
            fn params(&mut self) -> &mut $crate::__private::Params {
                &mut self.params
            }
        }

        impl ::std::future::IntoFuture for $builder {
            type Output = ::std::result::Result<$output, $crate::Error>;
            type IntoFuture = $crate::ResponseFuture<$output>;

            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    };
}
