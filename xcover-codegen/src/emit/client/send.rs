//! A request builder's `send()`: the URL, query, headers and body, then the response by status.

use proc_macro2::{Ident, Literal, TokenStream, TokenTree};
use syn::{Expr, ImplItem, Pat, Stmt};

use super::super::rust_types::{ident, TypeWriter};
use super::super::syntax::{
    assign, awaited, binding, borrow, borrow_mut, call_path, closure, equals, generic_type,
    if_expr, if_let, integer, let_stmt, local, macro_call, match_arm, match_expr, member, method,
    mut_binding, path, path_expr, public, question, return_expr, semi, string, string_attr,
    struct_pattern, tail, var, variant_pattern, wild_pattern, word, Function, SelfArg,
};
use super::status::status_arms;
use crate::ir::operations::{BodyKind, Operation, ResponseBody, StatusMatch};

pub(super) fn send_method(
    operation: &Operation,
    writer: TypeWriter<'_>,
    positional: &[Ident],
    optional: &[Ident],
) -> ImplItem {
    let output = generic_type(
        &["Result"],
        [
            generic_type(&["Response"], [writer.ty(&operation.success)]),
            generic_type(&["Error"], [writer.ty(&operation.failure)]),
        ],
    );
    let fields = [word("client"), word("options")]
        .into_iter()
        .chain(positional.iter().cloned())
        .chain(optional.iter().cloned());
    let mut body = vec![let_stmt(
        struct_pattern(path(&["Self"]), fields),
        local("self"),
    )];

    let (format_string, segments) = path_format(operation);
    let path_arg = if segments.is_empty() {
        string(&format_string)
    } else {
        body.extend(segments);
        let format_args = TokenStream::from(TokenTree::Literal(Literal::string(&format_string)));
        body.push(let_stmt(
            binding(word("path")),
            macro_call("format", format_args),
        ));
        borrow(local("path"))
    };
    let mut steps = query_steps(operation);
    steps.extend(header_steps(operation));
    steps.extend(body_steps(operation));
    let request = if steps.is_empty() {
        binding(word("request"))
    } else {
        mut_binding(word("request"))
    };
    let verb = path_expr(path(&["reqwest", "Method", operation.method.as_str()]));
    body.push(let_stmt(
        request,
        method(local("client"), "request", [verb, path_arg]),
    ));
    body.extend(steps);
    body.extend(response_steps(operation, writer));
    Function {
        attrs: vec![string_attr("doc", " Sends the request.")],
        vis: public(),
        is_async: true,
        name: word("send"),
        receiver: SelfArg::Value,
        inputs: Vec::new(),
        output: Some(output),
        body,
    }
    .into_impl_item()
}

/// `request = value;`.
fn set_request(value: Expr) -> Stmt {
    semi(assign(local("request"), value))
}

/// The query string: each parameter pushed in order (`None` adds nothing), then set.
fn query_steps(operation: &Operation) -> Vec<Stmt> {
    if operation.query.is_empty() {
        return Vec::new();
    }
    let push = |wire: &str, value: Expr| {
        semi(question(call_path(
            &["runtime", "push_query"],
            [borrow_mut(local("query")), string(wire), borrow(value)],
        )))
    };
    let capacity = integer(operation.query.len() as u64);
    let mut steps = vec![let_stmt(
        mut_binding(word("query")),
        call_path(&["Vec", "with_capacity"], [capacity]),
    )];
    for param in &operation.query {
        steps.push(push(&param.wire, var(ident(&param.name))));
    }
    steps.push(set_request(method(
        local("request"),
        "query",
        [borrow(local("query"))],
    )));
    steps
}

/// The header parameters: a generated idempotency key when none is given, a required value,
/// or an optional one.
fn header_steps(operation: &Operation) -> Vec<Stmt> {
    let mut steps = Vec::new();
    for (index, param) in operation.headers.iter().enumerate() {
        let field = var(ident(&param.name));
        let wire = param.wire.as_str();
        let set_header = |value: Expr| {
            let value = call_path(&["runtime", "header_value"], [string(wire), value]);
            set_request(method(
                local("request"),
                "header",
                [string(wire), question(value)],
            ))
        };
        let generated = operation
            .idempotency
            .as_ref()
            .is_some_and(|idempotency| idempotency.header == index && idempotency.generate);
        if generated {
            let new_key = method(call_path(&["uuid", "Uuid", "new_v4"], []), "to_string", []);
            steps.push(let_stmt(
                binding(word("key")),
                method(field, "unwrap_or_else", [closure([], new_key)]),
            ));
            steps.push(set_header(borrow(local("key"))));
        } else if operation.takes_argument(param) {
            steps.push(set_header(borrow(field)));
        } else {
            steps.push(if_let(
                some_pattern("value"),
                borrow(field),
                vec![set_header(local("value"))],
            ));
        }
    }
    steps
}

/// The request body, attached as its media type requires.
fn body_steps(operation: &Operation) -> Vec<Stmt> {
    let Some(body) = &operation.body else {
        return Vec::new();
    };
    let attach = match &body.kind {
        BodyKind::Json(_) => method(local("request"), "json", [borrow(local("body"))]),
        BodyKind::Form(_) => method(local("request"), "form", [borrow(local("body"))]),
        BodyKind::Multipart => method(local("request"), "multipart", [local("body")]),
        BodyKind::Binary => {
            let content_type = path_expr(path(&["reqwest", "header", "CONTENT_TYPE"]));
            let typed = method(
                local("request"),
                "header",
                [content_type, string(&body.media_type)],
            );
            method(typed, "body", [local("body")])
        }
    };
    if body.required {
        vec![set_request(attach)]
    } else {
        vec![if_let(
            some_pattern("body"),
            local("body"),
            vec![set_request(attach)],
        )]
    }
}

/// Sending, taking a replayed response as the success where the operation allows it, and the
/// `match` on the status.
fn response_steps(operation: &Operation, writer: TypeWriter<'_>) -> Vec<Stmt> {
    let identity = path_expr(path(&["Self", "OPERATION"]));
    let sent = question(awaited(call_path(
        &["runtime", "send"],
        [local("request"), local("options"), identity],
    )));
    let replay = operation
        .idempotency
        .as_ref()
        .and_then(|idempotency| idempotency.replay_status)
        .filter(|_| replayable(operation));
    let mut steps = Vec::new();
    match replay {
        Some(status) => {
            steps.push(let_stmt(mut_binding(word("raw")), sent));
            let replayed = match_expr(
                method(local("raw"), "replay", []),
                vec![
                    match_arm(
                        variant_pattern("Ok", "response"),
                        None,
                        return_expr(call_path(&["Ok"], [local("response")])),
                    ),
                    match_arm(
                        variant_pattern("Err", "original"),
                        None,
                        assign(local("raw"), local("original")),
                    ),
                ],
            );
            let is_replay = equals(method(local("raw"), "status", []), integer(status));
            steps.push(tail(if_expr(is_replay, vec![tail(replayed)])));
        }
        None => steps.push(let_stmt(binding(word("raw")), sent)),
    }
    let mut arms = status_arms(operation, writer);
    let has_default = operation
        .arms
        .iter()
        .any(|arm| arm.status == StatusMatch::DefaultFailure);
    if !has_default {
        let unexpected = call_path(&["Err"], [method(local("raw"), "unexpected", [])]);
        arms.push(match_arm(wild_pattern(), None, unexpected));
    }
    steps.push(tail(match_expr(method(local("raw"), "status", []), arms)));
    steps
}

/// `Some(name)`.
fn some_pattern(name: &str) -> Pat {
    variant_pattern("Some", name)
}

/// A replayed response can be taken as the success when the success is one JSON or empty body.
fn replayable(operation: &Operation) -> bool {
    let mut success = operation.arms.iter().filter(|arm| arm.success);
    success.clone().all(|arm| arm.variant.is_none())
        && success.any(|arm| matches!(arm.body, ResponseBody::Json(_) | ResponseBody::Empty))
}

/// The path as a `format!` string with inline arguments, and the statements that
/// percent-encode each path parameter into the local the IR named for it.
fn path_format(operation: &Operation) -> (String, Vec<Stmt>) {
    let mut format_string = String::with_capacity(operation.path.len());
    let mut segments = Vec::new();
    let mut rest = operation.path.as_str();
    let mut params = operation.path_params.iter();
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        format_string.push_str(&escape_braces(&rest[..start]));
        if let Some(param) = params.next() {
            let variable = &param.segment;
            let source = ident(&param.name);
            let value = if param.bound {
                member(local("client"), source)
            } else {
                var(source)
            };
            // Raw identifiers cannot be inline format arguments; `{name}_segment` is never a
            // keyword.
            format_string.push_str(&format!("{{{variable}}}"));
            segments.push(let_stmt(
                binding(word(variable)),
                question(call_path(&["runtime", "path_segment"], [borrow(value)])),
            ));
        }
        rest = &rest[start + length + 1..];
    }
    format_string.push_str(&escape_braces(rest));
    if segments.is_empty() {
        format_string = operation.path.clone();
    }
    (format_string, segments)
}

fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
