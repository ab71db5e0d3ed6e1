//! Stage 5, format: token streams → source text (prettyplease), with the generated-file header.

use proc_macro2::TokenStream;

use crate::diagnostics::{Pointer, SpecError};
use crate::emit::{Module, Part};

/// Formats a module as Rust source, headed by a comment naming its origin.
///
/// Parsing tokens into a `syn::File` is most of the cost of generation, so the module is
/// emitted and printed in parts (its head, chunks of its entries, its tail) on as many threads
/// as there are cores. prettyplease prints each item on its own, so the text is the same as
/// from one `unparse` of the whole module; the entries of a nested module are printed inside a
/// `mod` of the same depth, so that lines wrap at the same width.
pub fn format_module(module: Module<'_>, header: &str) -> Result<String, SpecError> {
    let entries = module.entries();
    let chunks = (0..entries)
        .step_by(CHUNK_ENTRIES)
        .map(|start| Part::Entries(start..(start + CHUNK_ENTRIES).min(entries)));
    let opened = module.nested() && entries > 0;
    let mut jobs = vec![(Part::Head, 0)];
    if module.nested() {
        jobs.push((Part::Shell, 0));
    }
    if opened {
        jobs.push((Part::InnerHead, 1));
        jobs.extend(chunks.map(|part| (part, 1)));
    } else {
        jobs.extend(chunks.map(|part| (part, 0)));
    }
    jobs.push((Part::Tail, 0));

    let printed = print_all(&module, &jobs)?;
    let mut source = String::with_capacity(printed.iter().map(String::len).sum::<usize>() + 8);
    for ((part, _), text) in jobs.iter().zip(&printed) {
        match part {
            Part::Shell if opened => {
                // `pub mod builder {}`, opened for the items printed after it.
                let shell = text.trim_end();
                source.push_str(shell.strip_suffix("{}").unwrap_or(shell));
                source.push_str("{\n");
            }
            Part::Tail if opened => {
                source.push_str("}\n");
                source.push_str(text);
            }
            _ => source.push_str(text),
        }
    }
    Ok(format!("{header}\n\n{}", space_items(&source)))
}

/// How many entries (types, operations) a part holds: threads take the next part as they
/// finish one, so many small parts balance the load.
const CHUNK_ENTRIES: usize = 16;

/// The stack of a printing thread. syn and prettyplease recurse once per level of a type
/// (`Vec<Vec<…>>`), which documents nest up to `load::MAX_DEPTH` deep: an unoptimised build
/// needs more than the 2 MiB a thread gets by default. Only what is used is ever committed.
const PRINT_STACK_BYTES: usize = 64 << 20;

/// Emits and prints every part, on as many threads as there are cores, keeping their order.
fn print_all(module: &Module<'_>, jobs: &[(Part, usize)]) -> Result<Vec<String>, SpecError> {
    let print = |(part, depth): &(Part, usize)| print_tokens(module.part(part.clone()), *depth);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, SpecError>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            std::thread::Builder::new()
                .name("xcover-codegen-format".to_string())
                .stack_size(PRINT_STACK_BYTES)
                .spawn_scoped(scope, || loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else {
                        break;
                    };
                    let printed = print(job);
                    *results[index].lock().expect("no thread panics holding it") = Some(printed);
                })
                .map_err(|error| {
                    SpecError::new(
                        &Pointer::root(),
                        format!("cannot start a formatting thread: {error}"),
                    )
                })?;
        }
        Ok::<(), SpecError>(())
    })?;
    results
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .expect("no thread panics holding it")
                .expect("every part was printed")
        })
        .collect()
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
        let modules = crate::emit::emit(&ir);
        for module in [modules.types, modules.client] {
            let whole = print_whole(module.tokens(), "// header");
            let chunked = format_module(module, "// header").expect("formats");
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
