//! Spec descriptions as doc comments that rustdoc and clippy accept: code fences marked as
//! text (never doctests), no indented code blocks, list continuations indented, bare URLs
//! and brackets escaped.

use std::borrow::Cow;

use syn::Attribute;

use super::syntax::{path_attr, string_attr};

/// The doc comments of one emitted part, handed to `format` beside its syntax trees.
///
/// An attribute holds only a mark, [`DOC_MARK`] and a number; `format` puts the lines in
/// place of the mark once the code is printed. Carried through syn and prettyplease, each
/// character of a description cost more than a token of code: a fifth of the time of
/// generating a well-documented spec.
///
/// The same marks carry the text of the calls to the runtime's macros ([`DocLines::verbatim`]),
/// which prettyplease would print token by token (`Vec < String >`).
#[derive(Debug, Default)]
pub struct DocLines {
    docs: Vec<Vec<String>>,
}

/// Follows [`DOC_MARK`] in the mark of verbatim lines.
pub const VERBATIM_MARK: char = 'v';

impl DocLines {
    /// The doc comment of a description; nothing when there is none.
    pub fn attr(&mut self, doc: Option<&str>) -> Option<Attribute> {
        self.attr_with(doc, Vec::new())
    }

    /// The doc comment of a description, followed by `lines` as they are (an example, whose
    /// code fence must stay a doctest); nothing when there is neither.
    pub fn attr_with(&mut self, doc: Option<&str>, lines: Vec<String>) -> Option<Attribute> {
        let mut all = doc.map(sanitize).unwrap_or_default();
        all.extend(lines);
        if all.is_empty() {
            return None;
        }
        self.docs.push(all);
        Some(string_attr(
            "doc",
            &format!("{DOC_MARK}{}", self.docs.len() - 1),
        ))
    }

    /// The attribute that puts `lines` as they are in place of the item holding it: an
    /// empty macro call, printed on one line.
    pub fn verbatim(&mut self, lines: Vec<String>) -> Attribute {
        self.docs.push(lines);
        string_attr(
            "doc",
            &format!("{DOC_MARK}{VERBATIM_MARK}{}", self.docs.len() - 1),
        )
    }

    /// The lines of the doc comment or verbatim text numbered `number` in its mark.
    pub fn get(&self, number: usize) -> Option<&[String]> {
        self.docs.get(number).map(Vec::as_slice)
    }
}

/// Starts the text of a doc attribute written by [`DocLines::attr`]; never part of a
/// description, since [`sanitize`] turns control characters into spaces.
pub const DOC_MARK: char = '\0';

/// The name of the attribute that tells `format` to put a blank line before the item holding
/// it, in place of the attribute's line. No generated code has an attribute of that name, and
/// a spec's text never becomes one.
pub const BLANK_LINE_MARK: &str = "xcover_codegen_blank_line";

/// The attribute that tells `format` to put a blank line before the item holding it: a bare
/// name is cheaper to build and to print than a doc comment.
pub fn blank_line_attr() -> Attribute {
    path_attr(BLANK_LINE_MARK)
}

/// A value shown in code style on one doc line (an enum value, a parameter name, a path),
/// with the leading space `///` comments have. Line breaks become spaces: a lone carriage
/// return is not allowed in a doc comment.
pub fn code_line(prefix: &str, text: &str, suffix: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '`' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    format!(" {prefix}`{text}`{suffix}")
}

/// One line of text (already on one line, as a [`SpecLine`](crate::ir::spec_text::SpecLine)
/// is) escaped for a doc comment, without the leading space.
pub fn doc_line(text: &str) -> String {
    escape(text.trim())
}

/// The lines of a doc comment, each with the leading space `///` comments have.
pub fn sanitize(doc: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    let mut list_indent: Option<usize> = None;
    let doc = without_control_characters(doc);
    for raw in doc.trim().lines() {
        let line = if raw.contains('\t') {
            Cow::Owned(raw.replace('\t', "    "))
        } else {
            Cow::Borrowed(raw)
        };
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            lines.push(if in_fence {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(line.trim_end().to_string());
            continue;
        }
        if trimmed.is_empty() {
            list_indent = None;
            lines.push(String::new());
            continue;
        }
        let text = escape(trimmed);
        if let Some(marker) = list_marker(trimmed) {
            list_indent = Some(marker);
            lines.push(text);
        } else if let Some(indent) = list_indent {
            lines.push(format!("{}{text}", " ".repeat(indent)));
        } else {
            lines.push(text);
        }
    }
    if in_fence {
        lines.push("```".to_string());
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// The description with line breaks as `\n` (a lone carriage return ends a line too, and is
/// not allowed inside a doc comment) and any other control character but a tab as a space.
fn without_control_characters(doc: &str) -> Cow<'_, str> {
    if !doc.contains(|c: char| c.is_control() && c != '\n' && c != '\t') {
        return Cow::Borrowed(doc);
    }
    doc.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// The width of a list item's marker (`- `, `* `, `1. `), if the line is one.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Escapes what rustdoc would read as links or HTML, keeping `[text](url)` links.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    // Straight to the next character that may start something to escape or keep.
    while let Some(next) = rest.find(['h', '`', '[', ']', '<', '>']) {
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        if let Some(url_len) = bare_url_len(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        if rest.starts_with('`') {
            // Inline code is shown as written: nothing in it is escaped.
            if let Some(end) = rest[1..].find('`') {
                out.push_str(&rest[..end + 2]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        let c = rest.chars().next().expect("rest is not empty");
        match c {
            '[' if !is_link(rest) => out.push_str("\\["),
            ']' if !rest[1..].starts_with('(') => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
        if c == ']' && rest.starts_with('(') {
            if let Some(end) = rest.find(')') {
                out.push_str(&rest[..=end]);
                rest = &rest[end + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` (starting at `[`) is a `[label](target)` link.
fn is_link(text: &str) -> bool {
    text.find(']')
        .is_some_and(|end| text[end + 1..].starts_with('(') && text[end + 1..].contains(')'))
}

/// The length of a bare `http(s)://` URL at the start of `text`.
fn bare_url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':']);
    Some(url.len())
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn code_fences_become_text_and_lists_keep_their_continuations() {
        let doc = "Intro [beta] see https://example.com.\n\n```python\nprint(1)\n```\n- item\ncontinued\n\n    indented <b>";
        assert_eq!(
            sanitize(doc),
            vec![
                " Intro \\[beta\\] see <https://example.com>.",
                "",
                " ```text",
                " print(1)",
                " ```",
                " - item",
                "   continued",
                "",
                " indented &lt;b&gt;",
            ]
        );
    }

    #[test]
    fn control_characters_become_spaces_so_no_line_holds_the_doc_mark() {
        let lines = sanitize("a\u{0}b\r\nc\rd\u{7}e\tf");
        assert_eq!(lines, vec![" a b", " c", " d e    f"]);
        assert!(lines.iter().all(|line| !line.contains(super::DOC_MARK)));
    }

    #[test]
    fn markdown_links_are_kept() {
        assert_eq!(
            sanitize("See [the guide](https://x.y/z)."),
            vec![" See [the guide](https://x.y/z)."]
        );
    }
}
