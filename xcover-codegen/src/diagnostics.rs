//! Errors and notes that point into the spec with a JSON pointer.

use std::fmt;

/// A JSON pointer (RFC 6901) into the spec document, e.g. `/paths/~1pets/get`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    /// The document root.
    pub fn root() -> Self {
        Pointer(String::new())
    }

    /// This pointer extended by one reference token.
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        // Pointers are made for every schema and parameter: one allocation each.
        let token = token.as_ref();
        let mut pointer = String::with_capacity(self.0.len() + token.len() + 1);
        pointer.push_str(&self.0);
        pointer.push('/');
        for c in token.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c => pointer.push(c),
            }
        }
        Pointer(pointer)
    }

    /// The pointer a local `$ref` (`#/components/schemas/X`) names.
    pub fn from_ref(reference: &str) -> Option<Self> {
        reference
            .strip_prefix('#')
            .map(|pointer| Pointer(pointer.to_string()))
    }

    /// The pointer as text; the root is `""`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("#")
        } else {
            write!(f, "#{}", self.0)
        }
    }
}

/// A spec that cannot be turned into code, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct SpecError {
    /// Where in the document.
    pub pointer: Pointer,
    /// What is wrong there.
    pub message: String,
}

impl SpecError {
    /// An error at `pointer`.
    pub fn new(pointer: &Pointer, message: impl Into<String>) -> Self {
        SpecError {
            pointer: pointer.clone(),
            message: message.into(),
        }
    }
}

/// A place where the generator fell back to a looser type or skipped a construct, with the
/// reason. The output stays correct; it is less precise there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fallback {
    /// Where in the document.
    pub pointer: Pointer,
    /// What was done and why.
    pub message: String,
}

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}
