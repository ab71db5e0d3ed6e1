//! Stage 5, format: token streams → source text (prettyplease), with the generated-file header.

use proc_macro2::TokenStream;

use crate::diagnostics::{Pointer, SpecError};

/// Formats a module's tokens as Rust source, headed by a comment naming its origin.
pub fn format_module(tokens: TokenStream, header: &str) -> Result<String, SpecError> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| {
        SpecError::new(
            &Pointer::root(),
            format!(
                "internal error: generated code does not parse ({error}); please report this spec"
            ),
        )
    })?;
    Ok(format!(
        "{header}\n\n{}",
        space_items(&prettyplease::unparse(&file))
    ))
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
