//! Spec text that the output repeats outside doc comments (the title and version in file
//! headers and in a generated crate's `Cargo.toml`), made safe once, where it enters the IR.
//!
//! A spec is input, never code: a newline in `info.version` must not end a `//!` line and
//! start Rust code, a carriage return must not reach a doc comment, and a quote must not end a
//! TOML string and start configuration.

use std::fmt;

/// One line of spec text: every control character (line breaks included) and Unicode line or
/// paragraph separator is a space, and surrounding whitespace is gone. Safe inside a `//` or
/// `//!` comment as it is; [`SpecLine::toml_string`] quotes it for a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecLine(String);

impl SpecLine {
    /// The one-line form of `text`.
    pub fn new(text: &str) -> Self {
        let line: String = text
            .chars()
            .map(|c| {
                if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        SpecLine(line.trim().to_string())
    }

    /// The line as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The line as a TOML basic string, quotes included (TOML 1.0 §String: `"` and `\` are
    /// escaped; the control characters it forbids are already spaces).
    pub fn toml_string(&self) -> String {
        let mut quoted = String::with_capacity(self.0.len() + 2);
        quoted.push('"');
        for c in self.0.chars() {
            if matches!(c, '"' | '\\') {
                quoted.push('\\');
            }
            quoted.push(c);
        }
        quoted.push('"');
        quoted
    }
}

impl fmt::Display for SpecLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::SpecLine;

    #[test]
    fn line_breaks_and_control_characters_become_spaces() {
        let line = SpecLine::new(" 1.0\npub fn evil() {}\r\u{0}x\u{2028}y\u{85}z ");
        assert_eq!(line.as_str(), "1.0 pub fn evil() {}  x y z");
    }

    #[test]
    fn a_toml_string_escapes_quotes_and_backslashes() {
        let line = SpecLine::new("x\"\nbuild = \"evil.rs\" # \\");
        assert_eq!(line.toml_string(), r#""x\" build = \"evil.rs\" # \\""#);
    }
}
