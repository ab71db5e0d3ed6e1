//! Stage 4, emit: the IR as Rust syntax trees, one module at a time, each in parts that can be
//! emitted independently (so that formatting can emit and print them on several threads).

mod client;
pub(crate) mod docs;
mod examples;
pub(crate) mod manifest;
pub(crate) mod rust_types;
pub(crate) mod syntax;
mod types;

use std::ops::Range;

use proc_macro2::TokenStream;
use syn::Item;

use crate::ir::Ir;
use docs::{blank_line_attr, DocLines};

/// The generated `runtime` module: the runtime crate every generated client shares, through
/// which the other modules reach the crates they are written against.
pub const RUNTIME: &str = "pub use xcover_runtime::*;\n";

/// The crates generated code is written against, each imported from the runtime crate's
/// re-exports (so that the crate holding the code depends on `xcover-runtime` alone).
const RUNTIME_CRATES: &str =
    "bytes, chrono, http, reqwest, reqwest_middleware, rust_decimal, serde, serde_json, uuid";

/// `use <runtime>::{<every crate>};` for a module that reaches the runtime at `runtime`.
pub fn runtime_crates(runtime: &str) -> TokenStream {
    let path: TokenStream = runtime.parse().expect("a path");
    let crates: TokenStream = RUNTIME_CRATES.parse().expect("a list of names");
    quote::quote! {
        #[allow(unused_imports)]
        use #path::{#crates};
    }
}

/// The generated modules.
pub struct EmittedModules<'a> {
    /// Models.
    pub types: Module<'a>,
    /// Client and request builders.
    pub client: Module<'a>,
}

/// Emits every module of the IR.
pub fn emit(ir: &Ir) -> EmittedModules<'_> {
    EmittedModules {
        types: Module {
            ir,
            kind: ModuleKind::Types,
        },
        client: Module {
            ir,
            kind: ModuleKind::Client,
        },
    }
}

/// The items of quoted code.
fn parse_items(tokens: TokenStream) -> syn::Result<Vec<Item>> {
    Ok(syn::parse2::<syn::File>(tokens)?.items)
}

/// One generated module: a head, one item (or a few) per entry (a type, an operation), and a
/// tail. In the client the entries are the items of a nested module (`builder`).
pub struct Module<'a> {
    ir: &'a Ir,
    kind: ModuleKind,
}

enum ModuleKind {
    Types,
    Client,
}

/// A part of a module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The items before the entries.
    Head,
    /// The nested module holding the entries, with an empty body.
    Shell,
    /// The items of the nested module before the entries.
    InnerHead,
    /// The items of these entries.
    Entries(Range<usize>),
    /// The items after the entries.
    Tail,
}

impl Module<'_> {
    /// How many entries the module has.
    pub fn entries(&self) -> usize {
        match &self.kind {
            ModuleKind::Types => self.ir.types.len(),
            ModuleKind::Client => self.ir.operations.len(),
        }
    }

    /// A rough measure of the code of one entry, with a type as 1: an operation's request
    /// builder has about four times the code of a type.
    pub fn entry_weight(&self) -> usize {
        match &self.kind {
            ModuleKind::Types => 1,
            ModuleKind::Client => 4,
        }
    }

    /// A rough measure of the code of the head, as [`Module::entry_weight`]: the client's
    /// head is `Client` and `ClientBuilder` (about eight types' worth) and a short method per
    /// operation.
    pub fn head_weight(&self) -> usize {
        match &self.kind {
            ModuleKind::Types => 0,
            ModuleKind::Client => 8 + self.entries() / 2,
        }
    }

    /// Whether the entries are the items of a nested module ([`Part::Shell`]).
    pub fn nested(&self) -> bool {
        matches!(self.kind, ModuleKind::Client)
    }

    /// The items of one part, most built as syn trees (see `emit/syntax/`; the rest is quoted
    /// and parsed), with their doc comments, and every item but the first of each block
    /// marked for a blank line before it.
    pub fn part(&self, part: Part) -> syn::Result<Emitted> {
        let ir = self.ir;
        let mut docs = DocLines::default();
        let mut items = match (&self.kind, part) {
            (ModuleKind::Types, Part::Head) => parse_items(types::emit_types_head(ir))?,
            (ModuleKind::Types, Part::Entries(range)) => {
                types::emit_type_items(ir, range, &mut docs)?
            }
            (ModuleKind::Types, Part::Tail) => parse_items(types::emit_defaults_module(ir))?,
            (ModuleKind::Client, Part::Head) => client::emit_client_head(ir, &mut docs)?,
            (ModuleKind::Client, Part::Shell) => parse_items(client::emit_builder_module_shell())?,
            (ModuleKind::Client, Part::InnerHead) => parse_items(client::emit_builder_imports(ir))?,
            (ModuleKind::Client, Part::Entries(range)) => {
                client::emit_builders(ir, range, &mut docs)
            }
            _ => Vec::new(),
        };
        mark_blank_lines(&mut items, &blank_line_attr());
        Ok(Emitted { items, docs })
    }

    /// Whether the nested module of the entries is opened: it is when it has any.
    pub fn opened(&self) -> bool {
        self.nested() && self.entries() > 0
    }
}

/// The syntax trees of one part of a module and the doc comments their attributes mark.
pub struct Emitted {
    /// The items, in order.
    pub items: Vec<Item>,
    /// The doc comments the items' attributes mark.
    pub docs: DocLines,
}

/// Marks every item but the first of each block (a module, an impl block) for a blank line
/// before it, where rustfmt'd code has one; consecutive imports stay together.
fn mark_blank_lines(items: &mut [Item], blank_line: &syn::Attribute) {
    let mut previous_is_use = false;
    for (index, item) in items.iter_mut().enumerate() {
        let is_use = matches!(item, Item::Use(_));
        // Imports stay together, as rustfmt groups them.
        let after_another = index > 0 && !(is_use && previous_is_use);
        previous_is_use = is_use;
        match item {
            Item::Impl(block) => {
                for member in block.items.iter_mut().skip(1) {
                    if let Some(attrs) = member_attrs(member) {
                        attrs.insert(0, blank_line.clone());
                    }
                }
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &mut module.content {
                    mark_blank_lines(inner, blank_line);
                }
            }
            _ => {}
        }
        if after_another {
            if let Some(attrs) = item_attrs(item) {
                attrs.insert(0, blank_line.clone());
            }
        }
    }
}

fn item_attrs(item: &mut Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        Item::Const(item) => &mut item.attrs,
        Item::Enum(item) => &mut item.attrs,
        Item::Fn(item) => &mut item.attrs,
        Item::Impl(item) => &mut item.attrs,
        Item::Macro(item) => &mut item.attrs,
        Item::Mod(item) => &mut item.attrs,
        Item::Static(item) => &mut item.attrs,
        Item::Struct(item) => &mut item.attrs,
        Item::Trait(item) => &mut item.attrs,
        Item::Type(item) => &mut item.attrs,
        Item::Use(item) => &mut item.attrs,
        _ => return None,
    })
}

fn member_attrs(member: &mut syn::ImplItem) -> Option<&mut Vec<syn::Attribute>> {
    Some(match member {
        syn::ImplItem::Const(member) => &mut member.attrs,
        syn::ImplItem::Fn(member) => &mut member.attrs,
        syn::ImplItem::Type(member) => &mut member.attrs,
        _ => return None,
    })
}
