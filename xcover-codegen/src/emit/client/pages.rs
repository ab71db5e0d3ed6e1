//! A paged operation's `pages()` and `items()`: streams that fetch each page with the same
//! client once the one before has been read.

use quote::quote;
use syn::ImplItem;

use super::super::rust_types::{ident, TypeWriter};
use crate::ir::operations::Operation;
use crate::ir::pagination::{NextPage, Pagination};

/// `pages()` and `items()` of a paged operation's builder.
pub(super) fn page_methods(
    operation: &Operation,
    pagination: &Pagination,
    writer: TypeWriter<'_>,
) -> [ImplItem; 2] {
    let page = writer.ty(&operation.success);
    let failure = writer.ty(&operation.failure);
    let item = writer.ty(&pagination.item);
    let items = ident(&pagination.items);
    let (how, next) = match &pagination.next {
        NextPage::Link(field) => {
            let field = ident(field);
            (
                format!(
                    "following each page's `{}` link (on the base URL's origin only)",
                    field
                ),
                quote! {
                    let next = runtime::PageCursor::cursor(&page.#field)?;
                    Some(Self { options: request.options.follow(next), ..request })
                },
            )
        }
        NextPage::Token { field, param } => {
            let (field, param) = (ident(field), ident(param));
            (
                format!("sending each page's `{field}` back as `{param}`"),
                quote! {
                    let token = runtime::PageCursor::cursor(&page.#field)?;
                    Some(Self { #param: Some(token.to_owned()), ..request })
                },
            )
        }
        NextPage::Offset(param) => {
            let param = ident(param);
            (
                format!("advancing `{param}` by the items of each page until one is empty"),
                quote! {
                    let count = runtime::PageList::page_len(&page.#items);
                    Some(Self { #param: Some(runtime::next_offset(request.#param, count)?), ..request })
                },
            )
        }
    };
    let pages_doc = format!(" Every page from this request's on, {how}.");
    let items_doc = format!(" Every item of every page: the `{items}` of [`Self::pages`].");
    [
        syn::parse_quote! {
            #[doc = #pages_doc]
            pub fn pages(self) -> impl runtime::Pages<#page, #failure> + 'a {
                runtime::pages(self, Self::send, |request, page| { #next })
            }
        },
        syn::parse_quote! {
            #[doc = #items_doc]
            pub fn items(self) -> impl runtime::Items<#item, #failure> + 'a {
                runtime::items(self.pages(), |page| runtime::PageList::into_items(page.#items))
            }
        },
    ]
}
