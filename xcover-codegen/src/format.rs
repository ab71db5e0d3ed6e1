//! Stage 5, format: token streams → source text (prettyplease), with the generated-file header.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::diagnostics::{Pointer, SpecError};

/// Formats a module's tokens as Rust source, headed by a comment naming its origin.
///
/// Parsing the tokens into a `syn::File` is most of the cost of generation, so the items are
/// parsed and printed in chunks, on as many threads as there are cores. prettyplease prints
/// each item on its own, so the text is the same as from one `unparse` of the whole module; a
/// `mod` is opened up and its items chunked too, each chunk printed inside a `mod` of the same
/// depth so that lines wrap at the same width.
pub fn format_module(tokens: TokenStream, header: &str) -> Result<String, SpecError> {
    let mut jobs = Vec::new();
    let mut layout = Vec::new();
    for item in split_items(tokens) {
        match open_module(&item) {
            Some((shell, content)) => {
                layout.push(Piece::Opened(jobs.len()));
                jobs.push(Job {
                    items: vec![shell],
                    depth: 0,
                });
                let first = jobs.len();
                for chunk in chunks(split_items(content)) {
                    jobs.push(Job {
                        items: chunk,
                        depth: 1,
                    });
                }
                layout.push(Piece::Inner(first..jobs.len()));
            }
            None => {
                if !matches!(layout.last(), Some(Piece::Top(_))) {
                    layout.push(Piece::Top(Vec::new()));
                }
                if let Some(Piece::Top(items)) = layout.last_mut() {
                    items.push(item);
                }
            }
        }
    }
    // Top-level runs of items become chunks too.
    let mut pieces = Vec::with_capacity(layout.len());
    for piece in layout {
        match piece {
            Piece::Top(items) => {
                let first = jobs.len();
                for chunk in chunks(items) {
                    jobs.push(Job {
                        items: chunk,
                        depth: 0,
                    });
                }
                pieces.push(Piece::Inner(first..jobs.len()));
            }
            other => pieces.push(other),
        }
    }
    let printed = print_all(jobs)?;
    let mut source = String::with_capacity(printed.iter().map(String::len).sum());
    for piece in pieces {
        match piece {
            Piece::Opened(job) => {
                // `pub mod name {}` followed by the module's items.
                let shell = printed[job].trim_end();
                source.push_str(shell.strip_suffix("{}").unwrap_or(shell));
                source.push_str("{\n");
            }
            Piece::Inner(range) => {
                let opened = range.start > 0
                    && printed
                        .get(range.start - 1)
                        .is_some_and(|p| p.trim_end().ends_with("{}"));
                for text in &printed[range.clone()] {
                    source.push_str(text);
                }
                if opened {
                    source.push_str("}\n");
                }
            }
            Piece::Top(_) => unreachable!("top-level runs were turned into chunks"),
        }
    }
    Ok(format!("{header}\n\n{}", space_items(&source)))
}

/// Where a part of the module's text comes from.
enum Piece {
    /// Consecutive top-level items (before they are chunked).
    Top(Vec<Vec<TokenTree>>),
    /// The printed shell of an opened module (`pub mod name {}`), by job.
    Opened(usize),
    /// Printed chunks, by job.
    Inner(std::ops::Range<usize>),
}

/// Items to print, nested `depth` modules deep.
struct Job {
    items: Vec<Vec<TokenTree>>,
    depth: usize,
}

/// How many items a chunk holds.
const CHUNK_ITEMS: usize = 16;

/// Splits tokens into items: each ends with `;` or a `{…}` group (and a `;` right after it).
fn split_items(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            _ => false,
        };
        current.push(token);
        if ends {
            if let Some(TokenTree::Punct(punct)) = tokens.peek() {
                if punct.as_char() == ';' {
                    current.extend(tokens.next());
                }
            }
            items.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        items.push(current);
    }
    items
}

/// A `mod name { … }` item: the item with an empty body, and the body.
fn open_module(item: &[TokenTree]) -> Option<(Vec<TokenTree>, TokenStream)> {
    let (TokenTree::Group(body), head) = item.split_last()? else {
        return None;
    };
    let is_module = head
        .iter()
        .any(|token| matches!(token, TokenTree::Ident(ident) if ident == "mod"));
    if !is_module || body.delimiter() != Delimiter::Brace || body.stream().is_empty() {
        return None;
    }
    let mut shell = head.to_vec();
    shell.push(TokenTree::Group(proc_macro2::Group::new(
        Delimiter::Brace,
        TokenStream::new(),
    )));
    Some((shell, body.stream()))
}

/// Consecutive items grouped into chunks of [`CHUNK_ITEMS`]: items differ in size, but
/// threads take the next chunk as they finish one, so many small chunks balance the load.
fn chunks(items: Vec<Vec<TokenTree>>) -> Vec<Vec<Vec<TokenTree>>> {
    let mut chunks = Vec::with_capacity(items.len() / CHUNK_ITEMS + 1);
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        chunks.push(items.by_ref().take(CHUNK_ITEMS).collect());
    }
    chunks
}

/// Prints every job, in parallel, keeping their order.
fn print_all(jobs: Vec<Job>) -> Result<Vec<String>, SpecError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len())
        .max(1);
    if threads == 1 {
        return jobs.into_iter().map(print_job).collect();
    }
    // Token streams are not `Send`: the threads get the jobs as text, and lex it again.
    let sources: Vec<(String, usize)> = jobs
        .into_iter()
        .map(|job| (job_source(&job), job.depth))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, SpecError>>>> = sources
        .iter()
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((source, depth)) = sources.get(index) else {
                    break;
                };
                let printed = source
                    .parse::<TokenStream>()
                    .map_err(|error| internal_error(&error.to_string()))
                    .and_then(|tokens| print_tokens(tokens, *depth));
                *results[index].lock().expect("no thread panics holding it") = Some(printed);
            });
        }
    });
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no thread panics holding it")
                .expect("every job was printed")
        })
        .collect()
}
fn print_job(job: Job) -> Result<String, SpecError> {
    let tokens: TokenStream = job.items.into_iter().flatten().collect();
    print_tokens(tokens, job.depth)
}

fn job_source(job: &Job) -> String {
    job.items
        .iter()
        .flatten()
        .cloned()
        .collect::<TokenStream>()
        .to_string()
}

/// Prints items as prettyplease would inside `depth` nested modules.
fn print_tokens(tokens: TokenStream, depth: usize) -> Result<String, SpecError> {
    let mut tokens = tokens;
    for _ in 0..depth {
        tokens = quote::quote!(mod nested { #tokens });
    }
    let file: syn::File =
        syn::parse2(tokens).map_err(|error| internal_error(&error.to_string()))?;
    let printed = prettyplease::unparse(&file);
    if depth == 0 {
        return Ok(printed);
    }
    // Drop the `mod nested {` lines before the items and the `}` lines after them.
    let lines: Vec<&str> = printed.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    let mut text = String::with_capacity(printed.len());
    for line in inner {
        text.push_str(line);
        text.push('\n');
    }
    Ok(text)
}

fn internal_error(error: &str) -> SpecError {
    SpecError::new(
        &Pointer::root(),
        format!("internal error: generated code does not parse ({error}); please report this spec"),
    )
}

/// prettyplease puts no blank lines between items; add one before each item that follows
/// the end of another at the same depth, as rustfmt'd code has.
fn space_items(source: &str) -> String {
    const ITEM_STARTS: &[&str] = &[
        "///", "#[", "pub ", "pub(", "impl", "fn ", "async fn", "mod ", "struct ", "enum ",
        "type ", "const ",
    ];
    let mut out = String::with_capacity(source.len() + source.len() / 16);
    let mut previous: Option<&str> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if let Some(previous) = previous {
            let previous_trimmed = previous.trim_start();
            let same_depth = previous.len() - previous_trimmed.len() == line.len() - trimmed.len();
            // A doc comment ending in `;` belongs to the item below it.
            let previous_ended = (previous_trimmed == "}" || previous_trimmed.ends_with(';'))
                && !previous_trimmed.starts_with("//");
            let starts_item = ITEM_STARTS.iter().any(|start| trimmed.starts_with(start));
            if same_depth && previous_ended && starts_item {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The module printed whole, as before chunking.
    fn print_whole(tokens: TokenStream, header: &str) -> String {
        let file: syn::File = syn::parse2(tokens).expect("parses");
        format!("{header}\n\n{}", space_items(&prettyplease::unparse(&file)))
    }

    fn assert_chunked_equals_whole(spec: &std::path::Path) {
        let document = crate::load::load_path(spec).expect("loads");
        let ir = crate::ir::build(&document, &crate::Settings::default()).expect("builds");
        for tokens in [crate::emit::emit(&ir).types, crate::emit::emit(&ir).client] {
            let chunked = format_module(tokens.clone(), "// header").expect("formats");
            let whole = print_whole(tokens, "// header");
            if chunked != whole {
                let line = chunked
                    .lines()
                    .zip(whole.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                panic!(
                    "{}: chunked output differs from line {line}:\n{}\n---\n{}",
                    spec.display(),
                    chunked
                        .lines()
                        .skip(line)
                        .take(5)
                        .collect::<Vec<_>>()
                        .join("\n"),
                    whole
                        .lines()
                        .skip(line)
                        .take(5)
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
        }
    }

    #[test]
    fn chunked_printing_gives_the_text_of_whole_printing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        assert_chunked_equals_whole(&root.join("spec/xcover-2.152.1.yaml"));
        if let Ok(extra) = std::env::var("XCOVER_FORMAT_CHECK_SPEC") {
            assert_chunked_equals_whole(std::path::Path::new(&extra));
        }
    }
}
