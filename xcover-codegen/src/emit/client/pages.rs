//! A paged operation's `pages()` and `items()`: streams that fetch each page with the same
//! client once the one before has been read.

use quote::quote;
use syn::ImplItem;

use super::super::rust_types::{ident, TypeWriter};
use crate::ir::operations::Operation;
use crate::ir::pagination::{NextPage, Pagination};

/// `pages()` and `items()` of a paged operation's builder, from one runtime macro call.
pub(super) fn page_methods(
    operation: &Operation,
    pagination: &Pagination,
    writer: TypeWriter<'_>,
) -> ImplItem {
    let page = writer.ty(&operation.success);
    let failure = writer.ty(&operation.failure);
    let item = writer.ty(&pagination.item);
    let items = ident(&pagination.items);
    let next = match &pagination.next {
        NextPage::Link(field) => {
            let field = ident(field);
            quote!(link #field)
        }
        NextPage::Token { field, param } => {
            let (field, param) = (ident(field), ident(param));
            quote!(token #field => #param)
        }
        NextPage::Offset(param) => {
            let param = ident(param);
            quote!(offset #param)
        }
    };
    syn::parse_quote!(runtime::paged!('a, #page, #failure, #item, #items; #next);)
}
