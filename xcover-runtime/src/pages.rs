//! Pagination: a list operation's pages as a stream, each fetched by the same client (signed,
//! retried) once the one before has been read.

use futures_util::stream::{self, BoxStream, StreamExt};

use crate::{Error, Response};

/// Every page of a list, from the request's own on; the stream ends after the last page or
/// the first error.
pub type Pages<'a, T, E> = BoxStream<'a, Result<Response<T>, Error<E>>>;

/// Every item of every page of a list; the stream ends after the last item or the first error.
pub type Items<'a, T, E> = BoxStream<'a, Result<T, Error<E>>>;

/// The pages from `first` on: `send` fetches one, and `next` turns the request and the page
/// it got into the request for the page after, or `None` at the end.
#[doc(hidden)]
pub fn pages<'a, B, T, E, Fut>(
    first: B,
    send: fn(B) -> Fut,
    next: fn(B, &T) -> Option<B>,
) -> Pages<'a, T, E>
where
    B: Clone + Send + 'a,
    T: Send + 'a,
    E: Send + 'a,
    Fut: std::future::Future<Output = Result<Response<T>, Error<E>>> + Send + 'a,
{
    stream::unfold(Some(first), move |request| async move {
        let request = request?;
        let page = send(request.clone()).await;
        let following = match &page {
            Ok(page) => next(request, page.body()),
            Err(_) => None,
        };
        Some((page, following))
    })
    .boxed()
}

/// The items of every page, taken out of each page by `items`.
#[doc(hidden)]
pub fn items<'a, T, I, E>(pages: Pages<'a, T, E>, items: fn(T) -> Vec<I>) -> Items<'a, I, E>
where
    T: Send + 'a,
    I: Send + 'a,
    E: Send + 'a,
{
    pages
        .flat_map(move |page| {
            let items: Vec<Result<I, Error<E>>> = match page {
                Ok(page) => items(page.into_inner()).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
        .boxed()
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
