//! Pagination: a list operation's pages as a stream, each fetched by the same client (signed,
//! retried) once the one before has been read.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_util::stream::{self, Stream, StreamExt};

use crate::{Error, Response};

/// Every page of a list, from the request's own on: a stream that ends after the last page or
/// the first error. `Unpin`, so `StreamExt::next` works on it as it is.
pub trait Pages<T, E>: Stream<Item = Result<Response<T>, Error<E>>> + Unpin {}

impl<S, T, E> Pages<T, E> for S where S: Stream<Item = Result<Response<T>, Error<E>>> + Unpin {}

/// Every item of every page of a list: a stream that ends after the last item or the first
/// error. `Unpin`, so `StreamExt::next` works on it as it is.
pub trait Items<I, E>: Stream<Item = Result<I, Error<E>>> + Unpin {}

impl<S, I, E> Items<I, E> for S where S: Stream<Item = Result<I, Error<E>>> + Unpin {}

/// The pages from `first` on: `send` fetches one, and `next` turns the request and the page
/// it got into the request for the page after, or `None` at the end.
///
/// Generic all the way down, so that a generated crate compiles no page's fetch until a caller
/// polls the stream: a `BoxStream` here made the crate compile every paged operation's whole
/// `send` future, tripling its build time.
#[doc(hidden)]
pub fn pages<B, T, E, Fut>(
    first: B,
    send: fn(B) -> Fut,
    next: fn(B, &T) -> Option<B>,
) -> Paging<B, T, E, Fut>
where
    B: Clone + Unpin,
    Fut: Future<Output = Result<Response<T>, Error<E>>>,
{
    Paging {
        next: Some(first),
        fetching: None,
        send,
        follow: next,
        page: PhantomData,
    }
}

/// The stream [`pages`] gives: the request for the next page, or the page being fetched.
#[doc(hidden)]
pub struct Paging<B, T, E, Fut> {
    next: Option<B>,
    /// The request being sent, and its fetch (boxed, so that the stream is `Unpin`).
    fetching: Option<(B, Pin<Box<Fut>>)>,
    send: fn(B) -> Fut,
    follow: fn(B, &T) -> Option<B>,
    page: PhantomData<fn() -> (T, E)>,
}

impl<B, T, E, Fut> Stream for Paging<B, T, E, Fut>
where
    B: Clone + Unpin,
    Fut: Future<Output = Result<Response<T>, Error<E>>>,
{
    type Item = Result<Response<T>, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let (_, fetch) = match &mut this.fetching {
            Some(fetching) => fetching,
            None => {
                let Some(request) = this.next.take() else {
                    return Poll::Ready(None);
                };
                let fetch = Box::pin((this.send)(request.clone()));
                this.fetching.insert((request, fetch))
            }
        };
        let page = ready!(fetch.as_mut().poll(cx));
        // The fetch is done whatever came of it; only a page leads to the next.
        if let (Some((request, _)), Ok(page)) = (this.fetching.take(), &page) {
            this.next = (this.follow)(request, page.body());
        }
        Poll::Ready(Some(page))
    }
}

/// The items of every page, taken out of each page by `items`.
#[doc(hidden)]
pub fn items<T, I, E>(pages: impl Pages<T, E>, items: fn(T) -> Vec<I>) -> impl Items<I, E> {
    pages.flat_map(move |page| {
        let items: Vec<Result<I, Error<E>>> = match page {
            Ok(page) => items(page.into_inner()).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(items)
    })
}

/// A page's list of items, however the spec types it: a list, or an optional one.
#[doc(hidden)]
pub trait PageList<T> {
    /// How many items the page has.
    fn page_len(&self) -> usize;
    /// The items.
    fn into_items(self) -> Vec<T>;
}

impl<T> PageList<T> for Vec<T> {
    fn page_len(&self) -> usize {
        self.len()
    }

    fn into_items(self) -> Vec<T> {
        self
    }
}

impl<T> PageList<T> for Option<Vec<T>> {
    fn page_len(&self) -> usize {
        self.as_ref().map_or(0, Vec::len)
    }

    fn into_items(self) -> Vec<T> {
        self.unwrap_or_default()
    }
}

/// A page's link or token for the next page, however the spec types it; empty means none.
#[doc(hidden)]
pub trait PageCursor {
    /// The link or token, when there is a next page.
    fn cursor(&self) -> Option<&str>;
}

impl PageCursor for String {
    fn cursor(&self) -> Option<&str> {
        Some(self.as_str()).filter(|text| !text.is_empty())
    }
}

impl PageCursor for Option<String> {
    fn cursor(&self) -> Option<&str> {
        self.as_ref().and_then(PageCursor::cursor)
    }
}

impl PageCursor for Option<Option<String>> {
    fn cursor(&self) -> Option<&str> {
        self.as_ref().and_then(PageCursor::cursor)
    }
}

/// The offset of the page after one of `count` items at `offset`, or `None` when the page was
/// empty (the end of the list).
#[doc(hidden)]
pub fn next_offset<T>(offset: Option<T>, count: usize) -> Option<T>
where
    T: TryFrom<usize> + std::ops::Add<Output = T> + Default,
{
    if count == 0 {
        return None;
    }
    Some(offset.unwrap_or_default() + T::try_from(count).ok()?)
}
