//! Stage 4, emit: the IR as Rust syntax trees, one module at a time, each in parts that can be
//! emitted independently (so that formatting can emit and print them on several threads).

pub mod client;
pub mod docs;
pub mod manifest;
pub mod rust_types;
pub(crate) mod syntax;
pub mod types;

use std::ops::Range;

use proc_macro2::TokenStream;
use syn::Item;

use crate::ir::Ir;

/// The shared runtime every generated client uses, copied verbatim.
pub const RUNTIME: &str = include_str!("../../templates/runtime.rs");

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
            kind: ModuleKind::Types(types::DefaultNames::of(ir)),
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
    Types(types::DefaultNames),
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
            ModuleKind::Types(_) => self.ir.types.len(),
            ModuleKind::Client => self.ir.operations.len(),
        }
    }

    /// A rough measure of the code of one entry, with a type as 1: an operation's request
    /// builder has about four times the code of a type.
    pub fn entry_weight(&self) -> usize {
        match &self.kind {
            ModuleKind::Types(_) => 1,
            ModuleKind::Client => 4,
        }
    }

    /// A rough measure of the code of the head, as [`Module::entry_weight`]: the client's
    /// head is `Client` and `ClientBuilder` (about eight types' worth) and a short method per
    /// operation.
    pub fn head_weight(&self) -> usize {
        match &self.kind {
            ModuleKind::Types(_) => 0,
            ModuleKind::Client => 8 + self.entries() / 2,
        }
    }

    /// Whether the entries are the items of a nested module ([`Part::Shell`]).
    pub fn nested(&self) -> bool {
        matches!(self.kind, ModuleKind::Client)
    }

    /// The items of one part, most built as syn trees (see `emit/syntax/`); the rest is quoted and
    /// parsed.
    pub fn part(&self, part: Part) -> syn::Result<Vec<Item>> {
        let ir = self.ir;
        match (&self.kind, part) {
            (ModuleKind::Types(_), Part::Head) => parse_items(types::emit_types_head(ir)),
            (ModuleKind::Types(defaults), Part::Entries(range)) => {
                types::emit_type_items(ir, defaults, range)
            }
            (ModuleKind::Types(defaults), Part::Tail) => {
                parse_items(types::emit_defaults_module(ir, defaults))
            }
            (ModuleKind::Client, Part::Head) => client::emit_client_head(ir),
            (ModuleKind::Client, Part::Shell) => parse_items(client::emit_builder_module_shell()),
            (ModuleKind::Client, Part::InnerHead) => parse_items(client::emit_builder_imports(ir)),
            (ModuleKind::Client, Part::Entries(range)) => Ok(client::emit_builders(ir, range)),
            _ => Ok(Vec::new()),
        }
    }

    /// Whether the nested module of the entries is opened: it is when it has any.
    pub fn opened(&self) -> bool {
        self.nested() && self.entries() > 0
    }

    /// The whole module at once, its parts put together, for checking that printing the parts
    /// apart gives the same text.
    #[cfg(test)]
    pub fn items(&self) -> syn::Result<Vec<Item>> {
        let mut items = self.part(Part::Head)?;
        let mut entries = self.part(Part::InnerHead)?;
        entries.extend(self.part(Part::Entries(0..self.entries()))?);
        if self.nested() {
            let mut shell = self.part(Part::Shell)?;
            if let Some(Item::Mod(module)) = shell.last_mut() {
                module.content = Some((Default::default(), entries));
            }
            items.extend(shell);
        } else {
            items.extend(entries);
        }
        items.extend(self.part(Part::Tail)?);
        Ok(items)
    }
}
