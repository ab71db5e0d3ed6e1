//! Builders of syn trees for the code that every type and operation repeats.
//!
//! Emitting that code as tokens and parsing them back with syn was most of the cost of
//! generation (a setter's five tokens of statements cost syn more than its whole tree costs to
//! build), so the emitters build these trees directly and prettyplease prints them as it would
//! print the parsed tokens. Code written once per module is still quoted and parsed.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{
    AngleBracketedGenericArguments, Arm, AttrStyle, Attribute, BinOp, Block, Expr, ExprLit, Field,
    FieldPat, FieldValue, Fields, FieldsNamed, FnArg, GenericArgument, Generics, ImplItem,
    ImplItemFn, Item, ItemImpl, ItemStruct, Lifetime, LifetimeParam, Lit, LitInt, LitStr, Local,
    LocalInit, Macro, MacroDelimiter, Member, Meta, MetaList, MetaNameValue, Pat, PatIdent,
    PatStruct, PatTupleStruct, PatType, Path, PathArguments, PathSegment, Receiver, ReturnType,
    Signature, Stmt, TraitBound, TraitBoundModifier, Type, TypeImplTrait, TypeParamBound, TypePath,
    TypeReference, VisRestricted, Visibility,
};

/// A name the generator writes itself (`request`, `self`, `Some`): never a keyword in need of
/// `r#`, unlike names from the spec ([`ident`](super::rust_types::ident)).
pub fn word(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, Span::call_site())
}

/// A path of the generator's own names: `runtime::push_query`.
pub fn path(segments: &[&str]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|segment| PathSegment::from(word(segment)))
            .collect(),
    }
}

/// A path with `segment` appended.
pub fn join(mut path: Path, segment: proc_macro2::Ident) -> Path {
    path.segments.push(PathSegment::from(segment));
    path
}

/// The type at a path.
pub fn path_type(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// A type at a path of plain segments: `reqwest::multipart::Form`.
pub fn named_type(segments: &[&str]) -> Type {
    path_type(path(segments))
}

/// A generic type: `Option<T>`, `std::collections::BTreeMap<String, T>`.
pub fn generic_type(segments: &[&str], arguments: impl IntoIterator<Item = Type>) -> Type {
    path_type(with_arguments(
        path(segments),
        arguments.into_iter().map(GenericArgument::Type),
    ))
}

/// `path` with generic arguments on its last segment: `builder::GetQuote<'_>`.
pub fn with_arguments(
    mut path: Path,
    arguments: impl IntoIterator<Item = GenericArgument>,
) -> Path {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: arguments.into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// A lifetime: `'a`.
pub fn lifetime(name: &str) -> Lifetime {
    Lifetime::new(name, Span::call_site())
}

/// `impl Trait<Argument>`.
pub fn impl_trait(segments: &[&str], argument: Type) -> Type {
    Type::ImplTrait(TypeImplTrait {
        impl_token: Default::default(),
        bounds: Punctuated::from_iter([TypeParamBound::Trait(TraitBound {
            paren_token: None,
            modifier: TraitBoundModifier::None,
            lifetimes: None,
            path: with_arguments(path(segments), [GenericArgument::Type(argument)]),
        })]),
    })
}

/// `&'lifetime T`.
pub fn reference_type(lifetime: Option<Lifetime>, elem: Type) -> Type {
    Type::Reference(TypeReference {
        and_token: Default::default(),
        lifetime,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `()`.
pub fn unit_type() -> Type {
    Type::Tuple(syn::TypeTuple {
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// `<'a>` on an item.
pub fn lifetime_generics(name: &str) -> Generics {
    Generics {
        lt_token: Some(Default::default()),
        params: Punctuated::from_iter([syn::GenericParam::Lifetime(LifetimeParam::new(lifetime(
            name,
        )))]),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}

/// `pub`.
pub fn public() -> Visibility {
    Visibility::Public(Default::default())
}

/// `pub(super)`.
pub fn public_in_parent() -> Visibility {
    Visibility::Restricted(VisRestricted {
        pub_token: Default::default(),
        paren_token: Default::default(),
        in_token: None,
        path: Box::new(path(&["super"])),
    })
}

/// `#[name(tokens)]`: `derive`, `serde`, `allow`.
pub fn list_attr(name: &str, tokens: TokenStream) -> Attribute {
    outer_attr(Meta::List(MetaList {
        path: path(&[name]),
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[name = "value"]`: `doc`, `must_use`.
pub fn string_attr(name: &str, value: &str) -> Attribute {
    outer_attr(Meta::NameValue(MetaNameValue {
        path: path(&[name]),
        eq_token: Default::default(),
        value: string(value),
    }))
}

/// `#[name]`.
pub fn word_attr(name: &str) -> Attribute {
    outer_attr(Meta::Path(path(&[name])))
}

fn outer_attr(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// A named field: `pub name: Type`.
pub fn field(attrs: Vec<Attribute>, vis: Visibility, name: proc_macro2::Ident, ty: Type) -> Field {
    Field {
        attrs,
        vis,
        mutability: syn::FieldMutability::None,
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// A struct with named fields.
pub fn struct_item(
    attrs: Vec<Attribute>,
    name: proc_macro2::Ident,
    generics: Generics,
    fields: Vec<Field>,
) -> Item {
    Item::Struct(ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: name,
        generics,
        fields: Fields::Named(FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

/// An inherent impl: `impl<generics> SelfType { items }`.
pub fn impl_block(generics: Generics, self_ty: Type, items: Vec<ImplItem>) -> Item {
    Item::Impl(ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: None,
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}

/// How a method takes `self`.
#[derive(Clone, Copy)]
pub enum SelfArg {
    /// No receiver: an associated function.
    None,
    /// `self`.
    Value,
    /// `mut self`.
    MutValue,
    /// `&self`.
    Ref,
}

/// A function or method of an impl block.
pub struct Function {
    /// Its attributes, doc comment first.
    pub attrs: Vec<Attribute>,
    /// Its visibility.
    pub vis: Visibility,
    /// Whether it is `async`.
    pub is_async: bool,
    /// Its name.
    pub name: proc_macro2::Ident,
    /// How it takes `self`.
    pub receiver: SelfArg,
    /// Its other arguments.
    pub inputs: Vec<(proc_macro2::Ident, Type)>,
    /// Its return type, if any.
    pub output: Option<Type>,
    /// Its body.
    pub body: Vec<Stmt>,
}

impl Function {
    /// The function as an impl item.
    pub fn into_impl_item(self) -> ImplItem {
        let receiver = |mutable: bool, reference: bool| {
            let self_type = named_type(&["Self"]);
            FnArg::Receiver(Receiver {
                attrs: Vec::new(),
                reference: reference.then(|| (Default::default(), None)),
                mutability: mutable.then(Default::default),
                self_token: Default::default(),
                colon_token: None,
                ty: Box::new(if reference {
                    reference_type(None, self_type)
                } else {
                    self_type
                }),
            })
        };
        let receiver = match self.receiver {
            SelfArg::None => None,
            SelfArg::Value => Some(receiver(false, false)),
            SelfArg::MutValue => Some(receiver(true, false)),
            SelfArg::Ref => Some(receiver(false, true)),
        };
        let inputs = receiver
            .into_iter()
            .chain(self.inputs.into_iter().map(|(name, ty)| {
                FnArg::Typed(PatType {
                    attrs: Vec::new(),
                    pat: Box::new(binding(name)),
                    colon_token: Default::default(),
                    ty: Box::new(ty),
                })
            }));
        ImplItem::Fn(ImplItemFn {
            attrs: self.attrs,
            vis: self.vis,
            defaultness: None,
            sig: Signature {
                constness: None,
                asyncness: self.is_async.then(Default::default),
                unsafety: None,
                abi: None,
                fn_token: Default::default(),
                ident: self.name,
                generics: Generics::default(),
                paren_token: Default::default(),
                inputs: inputs.collect(),
                variadic: None,
                output: match self.output {
                    Some(ty) => ReturnType::Type(Default::default(), Box::new(ty)),
                    None => ReturnType::Default,
                },
            },
            block: block(self.body),
        })
    }
}

/// `{ statements }`.
pub fn block(stmts: Vec<Stmt>) -> Block {
    Block {
        brace_token: Default::default(),
        stmts,
    }
}

// Patterns.

/// A binding: `name`.
pub fn binding(name: proc_macro2::Ident) -> Pat {
    ident_pattern(name, false)
}

/// A mutable binding: `mut name`.
pub fn mut_binding(name: proc_macro2::Ident) -> Pat {
    ident_pattern(name, true)
}

fn ident_pattern(name: proc_macro2::Ident, mutable: bool) -> Pat {
    Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: name,
        subpat: None,
    })
}

/// `Path { a, b }`, every field bound by its name.
pub fn struct_pattern(path: Path, fields: impl IntoIterator<Item = proc_macro2::Ident>) -> Pat {
    Pat::Struct(PatStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|name| FieldPat {
                attrs: Vec::new(),
                member: Member::Named(name.clone()),
                colon_token: None,
                pat: Box::new(binding(name)),
            })
            .collect(),
        rest: None,
    })
}

/// `Path(a, b)`.
pub fn tuple_struct_pattern(path: Path, elems: impl IntoIterator<Item = Pat>) -> Pat {
    Pat::TupleStruct(PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

// Expressions.

/// The value at a path: `self`, `reqwest::Method::GET`.
pub fn path_expr(path: Path) -> Expr {
    Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// A variable: `name`.
pub fn var(name: proc_macro2::Ident) -> Expr {
    path_expr(Path::from(name))
}

/// A string literal.
pub fn string(value: &str) -> Expr {
    literal(Lit::Str(LitStr::new(value, Span::call_site())))
}

/// An unsuffixed integer literal.
pub fn integer(value: impl Into<u64>) -> Expr {
    Expr::Lit(integer_literal(value.into()))
}

fn integer_literal(value: u64) -> ExprLit {
    ExprLit {
        attrs: Vec::new(),
        lit: Lit::Int(LitInt::from(proc_macro2::Literal::u64_unsuffixed(value))),
    }
}

fn literal(lit: Lit) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `function(args)`.
pub fn call(function: Expr, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(function),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `path(args)`.
pub fn call_path(segments: &[&str], args: impl IntoIterator<Item = Expr>) -> Expr {
    call(path_expr(path(segments)), args)
}

/// `receiver.method(args)`.
pub fn method(receiver: Expr, name: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: word(name),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base.name`.
pub fn member(base: Expr, name: proc_macro2::Ident) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: Member::Named(name),
    })
}

/// `expr?`.
pub fn question(expr: Expr) -> Expr {
    Expr::Try(syn::ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `expr.await`.
pub fn awaited(expr: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `&expr`.
pub fn borrow(expr: Expr) -> Expr {
    reference(expr, false)
}

/// `&mut expr`.
pub fn borrow_mut(expr: Expr) -> Expr {
    reference(expr, true)
}

fn reference(expr: Expr, mutable: bool) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: mutable.then(Default::default),
        expr: Box::new(expr),
    })
}

/// `|inputs| body`.
pub fn closure(inputs: impl IntoIterator<Item = Pat>, body: Expr) -> Expr {
    Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        constness: None,
        movability: None,
        asyncness: None,
        capture: None,
        or1_token: Default::default(),
        inputs: inputs.into_iter().collect(),
        or2_token: Default::default(),
        output: ReturnType::Default,
        body: Box::new(body),
    })
}

/// `()` as a pattern.
pub fn unit_pattern() -> Pat {
    Pat::Tuple(syn::PatTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: Punctuated::new(),
    })
}

/// `name!(tokens)`.
pub fn macro_call(name: &str, tokens: TokenStream) -> Expr {
    Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: path(&[name]),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Paren(Default::default()),
            tokens,
        },
    })
}

/// `left = right`.
pub fn assign(left: Expr, right: Expr) -> Expr {
    Expr::Assign(syn::ExprAssign {
        attrs: Vec::new(),
        left: Box::new(left),
        eq_token: Default::default(),
        right: Box::new(right),
    })
}

/// `left op right`.
pub fn binary(left: Expr, op: BinOp, right: Expr) -> Expr {
    Expr::Binary(syn::ExprBinary {
        attrs: Vec::new(),
        left: Box::new(left),
        op,
        right: Box::new(right),
    })
}

/// `Path { name, other: value }`: a field without a value is written by its name alone.
pub fn struct_expr(
    path: Path,
    fields: impl IntoIterator<Item = (proc_macro2::Ident, Option<Expr>)>,
) -> Expr {
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields: fields
            .into_iter()
            .map(|(name, value)| FieldValue {
                attrs: Vec::new(),
                colon_token: value.is_some().then(Default::default),
                expr: value.unwrap_or_else(|| var(name.clone())),
                member: Member::Named(name),
            })
            .collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `match scrutinee { arms }`.
pub fn match_expr(scrutinee: Expr, arms: Vec<Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(scrutinee),
        brace_token: Default::default(),
        arms,
    })
}

/// `pattern if guard => body,`.
pub fn match_arm(pat: Pat, guard: Option<Expr>, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        guard: guard.map(|guard| (Default::default(), Box::new(guard))),
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `if condition { then }`; the condition may be `let pattern = value` ([`let_condition`]).
pub fn if_expr(condition: Expr, then: Vec<Stmt>) -> Expr {
    Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: Box::new(condition),
        then_branch: block(then),
        else_branch: None,
    })
}

/// `let pattern = value`, as the condition of an `if`.
pub fn let_condition(pat: Pat, value: Expr) -> Expr {
    Expr::Let(syn::ExprLet {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: Box::new(pat),
        eq_token: Default::default(),
        expr: Box::new(value),
    })
}

/// `return value`.
pub fn return_expr(value: Expr) -> Expr {
    Expr::Return(syn::ExprReturn {
        attrs: Vec::new(),
        return_token: Default::default(),
        expr: Some(Box::new(value)),
    })
}

/// An integer literal as a pattern.
pub fn literal_pattern(value: u16) -> Pat {
    Pat::Lit(integer_literal(value.into()))
}

/// `start..=end` as a pattern.
pub fn range_pattern(start: u16, end: u16) -> Pat {
    Pat::Range(syn::PatRange {
        attrs: Vec::new(),
        start: Some(Box::new(integer(start))),
        limits: syn::RangeLimits::Closed(Default::default()),
        end: Some(Box::new(integer(end))),
    })
}

/// `a | b | c`, or the one pattern alone.
pub fn or_pattern(mut cases: Vec<Pat>) -> Pat {
    if cases.len() == 1 {
        return cases.remove(0);
    }
    Pat::Or(syn::PatOr {
        attrs: Vec::new(),
        leading_vert: None,
        cases: cases.into_iter().collect(),
    })
}

/// `_`.
pub fn wild_pattern() -> Pat {
    Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}

// Statements.

/// `let pattern = value;`.
pub fn let_stmt(pat: Pat, value: Expr) -> Stmt {
    Stmt::Local(Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat,
        init: Some(LocalInit {
            eq_token: Default::default(),
            expr: Box::new(value),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// `expr;`.
pub fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// An expression ending a block, or a block-like expression (`if`, `match`) standing alone.
pub fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// A field of a tuple struct or variant: `(Type)`.
pub fn field_unnamed(ty: Type) -> Field {
    Field {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        mutability: syn::FieldMutability::None,
        ident: None,
        colon_token: None,
        ty,
    }
}
