//! Stage 5, format: syntax trees → source text (prettyplease), with the generated-file header.

use crate::diagnostics::{Pointer, SpecError};
use crate::emit::docs::{DocLines, BLANK_LINE_MARK, DOC_MARK, VERBATIM_MARK};
use crate::emit::{Module, Part};

/// Formats modules as Rust source, each headed by a comment naming its origin.
///
/// Emitting and printing are most of the cost of generation, so every module is emitted and
/// printed in parts (its head, chunks of its entries, its tail), and the parts of
/// all modules share one queue served by as many threads as there are cores, the largest
/// parts first. prettyplease prints each item on its own, so the text is the same as from one
/// `unparse` of the whole module; the entries of a nested module are printed inside a `mod` of
/// the same depth, so that lines wrap at the same width.
pub fn format_modules<const N: usize>(
    modules: &[Module<'_>; N],
    header: &str,
) -> Result<[String; N], SpecError> {
    format_in_parts(modules, header, PART_WEIGHT)
}

/// [`format_modules`], with parts of entries holding about `part_weight` of code each.
fn format_in_parts<const N: usize>(
    modules: &[Module<'_>; N],
    header: &str,
    part_weight: usize,
) -> Result<[String; N], SpecError> {
    let jobs: Vec<Job> = modules
        .iter()
        .enumerate()
        .flat_map(|(index, module)| module_jobs(index, module, part_weight))
        .collect();
    let printed = print_all(modules, &jobs)?;
    let mut sources: [String; N] = std::array::from_fn(|module| {
        let length: usize = jobs
            .iter()
            .zip(&printed)
            .filter(|(job, _)| job.module == module)
            .map(|(_, text)| text.len() + 1)
            .sum();
        let mut source = String::with_capacity(header.len() + 2 + length);
        source.push_str(header);
        source.push_str("\n\n");
        source
    });
    // Whether the block being written (the module, or the opened nested one) has items yet:
    // a part that follows items of its block is set off by a blank line.
    let mut block_has_items = vec![[false; 2]; N];
    for (job, text) in jobs.iter().zip(&printed) {
        let opened = modules[job.module].opened();
        let source = &mut sources[job.module];
        let has_items = &mut block_has_items[job.module];
        match job.part {
            Part::Shell if opened => {
                // `pub mod builder {}`, opened for the items printed after it.
                let shell = text.trim_end();
                append(
                    source,
                    shell.strip_suffix("{}").unwrap_or(shell),
                    &mut has_items[0],
                );
                source.push_str("{\n");
            }
            Part::Tail if opened => {
                source.push_str("}\n");
                append(source, text, &mut has_items[0]);
            }
            _ => append(source, text, &mut has_items[job.depth]),
        }
    }
    Ok(sources)
}

/// One part of one module to emit and print, `depth` modules deep, with a rough measure of
/// its code (see [`Module::entry_weight`]) to start the largest parts first.
struct Job {
    module: usize,
    part: Part,
    depth: usize,
    weight: usize,
}

/// The parts of a module, in the order of its text.
fn module_jobs(index: usize, module: &Module<'_>, part_weight: usize) -> Vec<Job> {
    let entries = module.entries();
    let per_part = (part_weight / module.entry_weight()).max(1);
    let opened = module.opened();
    let job = |part: Part, depth: usize, weight: usize| Job {
        module: index,
        part,
        depth,
        weight,
    };
    let mut jobs = vec![job(Part::Head, 0, module.head_weight())];
    if module.nested() {
        jobs.push(job(Part::Shell, 0, 0));
    }
    if opened {
        jobs.push(job(Part::InnerHead, 1, 0));
    }
    let depth = usize::from(opened);
    jobs.extend((0..entries).step_by(per_part).map(|start| {
        let range = start..(start + per_part).min(entries);
        let weight = range.len() * module.entry_weight();
        job(Part::Entries(range), depth, weight)
    }));
    jobs.push(job(Part::Tail, 0, 0));
    jobs
}

/// How much code one part of entries holds: threads take the next part as they finish one,
/// so many small parts balance the load, and each part costs a little on its own.
const PART_WEIGHT: usize = 16;

/// The stack of a printing thread. syn and prettyplease recurse once per level of a type
/// (`Vec<Vec<…>>`), which documents nest up to `load::MAX_DEPTH` deep: an unoptimised build
/// needs more than the 2 MiB a thread gets by default. Only what is used is ever committed.
const PRINT_STACK_BYTES: usize = 64 << 20;

/// Emits and prints every part, on as many threads as there are cores, the heaviest first;
/// the texts come back in the order of `jobs`.
fn print_all(modules: &[Module<'_>], jobs: &[Job]) -> Result<Vec<String>, SpecError> {
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(jobs[index].weight));
    let print = |job: &Job| {
        let emitted = modules[job.module]
            .part(job.part.clone())
            .map_err(|error| internal_error(&error.to_string()))?;
        Ok(print_items(emitted.items, &emitted.docs, job.depth))
    };
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
                    let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&index) = order.get(taken) else {
                        break;
                    };
                    let printed = print(&jobs[index]);
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

/// Prints items as prettyplease would inside `depth` nested modules, with the doc comments and
/// blank lines their attributes mark.
fn print_items(mut items: Vec<syn::Item>, docs: &DocLines, depth: usize) -> String {
    for _ in 0..depth {
        items = vec![syn::Item::Mod(syn::ItemMod {
            attrs: Vec::new(),
            vis: syn::Visibility::Inherited,
            unsafety: None,
            mod_token: Default::default(),
            ident: crate::emit::syntax::word("nested"),
            content: Some((Default::default(), items)),
            semi: None,
        })];
    }
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    };
    let printed = prettyplease::unparse(&file);
    // Without the `mod nested {` lines before the items and the `}` lines after them.
    let lines: Vec<&str> = printed.lines().collect();
    let inner = lines
        .get(depth..lines.len().saturating_sub(depth))
        .unwrap_or_default();
    expand_marks(inner, docs)
}

/// The printed lines, each line that is a mark replaced: a doc comment's (`///` followed by
/// [`DOC_MARK`] and a number) by the lines of that doc comment, a verbatim text's (the same,
/// with [`VERBATIM_MARK`] before the number) and the line after it by that text, a blank
/// line's (`#[`[`BLANK_LINE_MARK`]`]`) by an empty line.
fn expand_marks(lines: &[&str], docs: &DocLines) -> String {
    let mut out = String::with_capacity(lines.iter().map(|line| line.len() + 2).sum());
    let mut lines = lines.iter();
    while let Some(line) = lines.next() {
        let body = line.trim_start();
        let Some(mark) = body
            .strip_prefix("///")
            .and_then(|rest| rest.strip_prefix(DOC_MARK))
        else {
            if body
                .strip_prefix("#[")
                .and_then(|rest| rest.strip_suffix(']'))
                == Some(BLANK_LINE_MARK)
            {
                out.push('\n');
            } else {
                out.push_str(line);
                out.push('\n');
            }
            continue;
        };
        let indent = &line[..line.len() - body.len()];
        if let Some(number) = mark.strip_prefix(VERBATIM_MARK) {
            // The lines replace the empty macro call that follows the mark.
            lines.next();
            let text = number.parse().ok().and_then(|number| docs.get(number));
            for text_line in text.unwrap_or_default() {
                if !text_line.is_empty() {
                    out.push_str(indent);
                    out.push_str(text_line);
                }
                out.push('\n');
            }
        } else {
            let doc = mark.parse().ok().and_then(|number| docs.get(number));
            for doc_line in doc.unwrap_or_default() {
                out.push_str(indent);
                out.push_str("///");
                out.push_str(doc_line);
                out.push('\n');
            }
        }
    }
    out
}

fn internal_error(error: &str) -> SpecError {
    SpecError::new(
        &Pointer::root(),
        format!("internal error: generated code does not parse ({error}); please report this spec"),
    )
}

/// Appends a part's printed text to its block, after a blank line when the block already has
/// items.
fn append(source: &mut String, text: &str, block_has_items: &mut bool) {
    if text.is_empty() {
        return;
    }
    if *block_has_items {
        source.push('\n');
    }
    source.push_str(text);
    *block_has_items = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_chunked_equals_whole(spec: &std::path::Path) {
        let document = crate::load::load_path(spec).expect("loads");
        let ir = crate::ir::build(&document, &crate::Settings::default()).expect("builds");
        let modules = crate::emit::emit(&ir);
        for module in [modules.types, modules.client] {
            let modules = [module];
            let [whole] = format_in_parts(&modules, "// header", usize::MAX).expect("formats");
            let [chunked] = format_modules(&modules, "// header").expect("formats");
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
