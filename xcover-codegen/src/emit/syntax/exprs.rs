//! Expressions and statements.

use proc_macro2::{Span, TokenStream};
use syn::{
    Arm, BinOp, Expr, ExprLit, FieldValue, Lit, LitInt, LitStr, Local, LocalInit, Macro,
    MacroDelimiter, Member, Pat, Path, ReturnType, Stmt,
};

use super::{block, path, word};

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

/// A variable the generated code itself binds (`request`, `raw`, `self`).
pub fn local(name: &str) -> Expr {
    var(word(name))
}

/// A string literal.
pub fn string(value: &str) -> Expr {
    literal(Lit::Str(LitStr::new(value, Span::call_site())))
}

/// An unsuffixed integer literal.
pub fn integer(value: impl Into<u64>) -> Expr {
    Expr::Lit(integer_literal(value.into()))
}

pub(super) fn integer_literal(value: u64) -> ExprLit {
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

/// `left == right`.
pub fn equals(left: Expr, right: Expr) -> Expr {
    binary(left, BinOp::Eq(Default::default()), right)
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

/// `if let pattern = value { then }`, standing as a statement.
pub fn if_let(pat: Pat, value: Expr, then: Vec<Stmt>) -> Stmt {
    tail(if_expr(let_condition(pat, value), then))
}

/// `expr;`.
pub fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// An expression ending a block, or a block-like expression (`if`, `match`) standing alone.
pub fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}
