//! Errors and notes that point into the spec with a JSON pointer.

use std::fmt;
use std::sync::Arc;

/// A JSON pointer (RFC 6901) into the spec document, e.g. `/paths/~1pets/get`; for a node of
/// another file of a document in several files, into that file (`common.yaml#/Pet`).
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer {
    /// The other file, relative to the document's directory; `None` for the document itself.
    file: Option<Arc<str>>,
    path: String,
}

impl Pointer {
    /// The document root.
    pub fn root() -> Self {
        Pointer::default()
    }

    /// The file the pointer is into, when not the document's own: its path relative to the
    /// document's directory (`schemas/pet.json`).
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The pointer `path` (`/a/b`, already escaped) into the file `file`.
    pub(crate) fn in_file(file: &Arc<str>, path: &str) -> Self {
        Pointer {
            file: Some(file.clone()),
            path: path.to_string(),
        }
    }

    /// The same place, as if in the document's own file: for finding it in the file's text.
    pub(crate) fn within_file(&self) -> Pointer {
        Pointer {
            file: None,
            path: self.path.clone(),
        }
    }

    /// This pointer followed by `suffix`, reference tokens already escaped (`/c/d`).
    pub(crate) fn extended(&self, suffix: &str) -> Pointer {
        Pointer {
            file: self.file.clone(),
            path: format!("{}{suffix}", self.path),
        }
    }

    /// This pointer extended by one reference token.
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        // Pointers are made for every schema and parameter: one allocation each.
        let token = token.as_ref();
        let mut pointer = String::with_capacity(self.path.len() + token.len() + 1);
        pointer.push_str(&self.path);
        pointer.push('/');
        for c in token.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                c => pointer.push(c),
            }
        }
        Pointer {
            file: self.file.clone(),
            path: pointer,
        }
    }

    /// The pointer a local `$ref` (`#/components/schemas/X`) names.
    pub fn from_ref(reference: &str) -> Option<Self> {
        reference.strip_prefix('#').map(|pointer| Pointer {
            file: None,
            path: pointer.to_string(),
        })
    }

    /// The reference tokens, unescaped (`~1` is `/`, `~0` is `~`); none for the root.
    pub fn tokens(&self) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
        self.path.split('/').skip(1).map(|token| {
            if token.contains('~') {
                token.replace("~1", "/").replace("~0", "~").into()
            } else {
                token.into()
            }
        })
    }

    /// The pointer as text, without its file; the root is `""`.
    pub fn as_str(&self) -> &str {
        &self.path
    }
}

/// `Pointer("/a/b")`, the file first when there is one (`Pointer("common.yaml#/a")`).
impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            None => f.debug_tuple("Pointer").field(&self.path).finish(),
            Some(file) => f
                .debug_tuple("Pointer")
                .field(&format!("{file}#{}", self.path))
                .finish(),
        }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            f.write_str(file)?;
        }
        write!(f, "#{}", self.path)
    }
}

/// A line and column in the spec's text, both counted from 1; the column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters (a leading byte order mark is not counted).
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A spec that cannot be turned into code, and where: `#/pointer (line L, column C): message`,
/// or `#/pointer: message` when the place is not known in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// Where in the document.
    pub pointer: Pointer,
    /// What is wrong there.
    pub message: String,
    /// Where the node the pointer names starts in the text, when it was read from text and the
    /// node is in it.
    pub location: Option<Location>,
}

impl SpecError {
    /// An error at `pointer`, not yet located in the text.
    pub fn new(pointer: &Pointer, message: impl Into<String>) -> Self {
        SpecError {
            pointer: pointer.clone(),
            message: message.into(),
            location: None,
        }
    }

    /// This error with its place in `text`, the document it was found in: the line and column
    /// of the node its pointer names. An error that has a location keeps it, and so does one
    /// in another file of the document (which [`crate::load::Loaded`] locates). Finding the place
    /// parses the text again, so it is for errors only.
    ///
    /// [`load::load_str`](crate::load::load_str) locates its own errors; the later stages work
    /// on the parsed document, so a caller holding the text locates theirs with this, as
    /// [`generate_from_str`](crate::generate_from_str) does.
    pub fn locate_in(mut self, text: &str) -> SpecError {
        if self.location.is_none() {
            self.location = crate::load::locate(text, &self.pointer);
        }
        self
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(location) => write!(f, "{} ({location}): {}", self.pointer, self.message),
            None => write!(f, "{}: {}", self.pointer, self.message),
        }
    }
}

impl std::error::Error for SpecError {}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_located_error_shows_its_line_and_column() {
        let mut error = SpecError::new(&Pointer::root().join("paths").join("/a"), "bad");
        assert_eq!(error.to_string(), "#/paths/~1a: bad");
        error.location = Some(Location { line: 3, column: 5 });
        assert_eq!(error.to_string(), "#/paths/~1a (line 3, column 5): bad");
    }

    #[test]
    fn tokens_are_unescaped() {
        let pointer = Pointer::root().join("a/b").join("c~d").join("0");
        assert_eq!(pointer.tokens().collect::<Vec<_>>(), ["a/b", "c~d", "0"]);
        assert_eq!(Pointer::root().tokens().count(), 0);
    }
}
