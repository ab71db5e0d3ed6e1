//! The library entry point for build scripts and tools: spec path in, files out.

use std::path::{Path, PathBuf};

use crate::{load, Fallback, Settings, SpecError, Summary};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// No spec was given.
    #[error("no spec given: call `Generator::spec(path)`")]
    NoSpec,
    /// The spec cannot be turned into code.
    #[error("{path}: {error}")]
    Spec {
        /// The spec file.
        path: PathBuf,
        /// What is wrong, and where.
        error: SpecError,
    },
    /// Generation fell back to looser types or skipped constructs, and
    /// [`Generator::deny_fallbacks`] refuses that; nothing was written.
    #[error("{path}: {}", fallback_list(.fallbacks))]
    Fallbacks {
        /// The spec file.
        path: PathBuf,
        /// Each place, and what was done there.
        fallbacks: Vec<Fallback>,
    },
    /// Writing the output failed.
    #[error("cannot write {path}: {error}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
}

/// Generates an SDK module from a spec file; made for `build.rs`.
#[derive(Debug, Clone, Default)]
pub struct Generator {
    spec: Option<PathBuf>,
    settings: Settings,
    deny_fallbacks: bool,
}

impl Generator {
    /// A generator with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The OpenAPI document to read (YAML or JSON).
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.spec = Some(path.into());
        self
    }

    /// Binds a path parameter once per client (see [`Settings::client_params`]).
    pub fn client_param(mut self, name: impl Into<String>) -> Self {
        self.settings.client_params.push(name.into());
        self
    }

    /// With `true`, any fallback (a looser type such as `serde_json::Value`, or a skipped
    /// construct; see [`Summary::fallbacks`]) fails generation with
    /// [`GenerateError::Fallbacks`] listing them, and nothing is written.
    pub fn deny_fallbacks(mut self, deny: bool) -> Self {
        self.deny_fallbacks = deny;
        self
    }

    /// Generates the one file a crate includes (see [`Generated::include_file`]) at `path`,
    /// writing it only when it changed, and tells Cargo to rerun when the spec changes.
    ///
    /// [`Generated::include_file`]: crate::Generated::include_file
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<Summary, GenerateError> {
        let spec = self.spec.as_ref().ok_or(GenerateError::NoSpec)?;
        println!("cargo:rerun-if-changed={}", spec.display());
        let spec_error = |error| GenerateError::Spec {
            path: spec.clone(),
            error,
        };
        let text = load::read_path(spec).map_err(spec_error)?;
        let loaded = load::load_document_at(&text, spec).map_err(spec_error)?;
        let generated = loaded
            .generate(&self.settings)
            .map_err(|error| spec_error(error.locate_in(&text)))?;
        if self.deny_fallbacks && !generated.summary.fallbacks.is_empty() {
            return Err(GenerateError::Fallbacks {
                path: spec.clone(),
                fallbacks: generated.summary.fallbacks,
            });
        }
        let path = path.as_ref();
        let write_error = |path: &Path| {
            let path = path.to_path_buf();
            move |error| GenerateError::Write { path, error }
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_error(parent))?;
        }
        write_if_changed(path, &generated.include_file()).map_err(write_error(path))?;
        Ok(generated.summary)
    }

    /// Everything a build script does, in one call: generates `OUT_DIR/<file_name>`, tells
    /// Cargo to rerun when the spec changes, and prints each fallback as a warning. On an error
    /// it never panics: it prints the reason (the spec file, the JSON pointer, the line and
    /// column) and exits with status 1, which fails the build with that message.
    pub fn build_script(&self, file_name: &str) {
        let Some(out_dir) = std::env::var_os("OUT_DIR") else {
            eprintln!("error: OUT_DIR is not set: call `build_script` from a build script");
            std::process::exit(1);
        };
        match self.write_to(Path::new(&out_dir).join(file_name)) {
            Ok(summary) => {
                let spec = self.spec.as_deref().unwrap_or(Path::new(""));
                for fallback in &summary.fallbacks {
                    println!("cargo:warning={}: fallback {fallback}", spec.display());
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        }
    }
}

/// The fallbacks a generation refused, one a line.
fn fallback_list(fallbacks: &[Fallback]) -> String {
    let mut list = format!(
        "{} fallback(s) to a looser type or a skipped construct, refused by deny-fallbacks:",
        fallbacks.len()
    );
    for fallback in fallbacks {
        list.push_str(&format!("\n  fallback {fallback}"));
    }
    list
}

/// Writes only when the contents differ, so unchanged output keeps its timestamp and
/// dependants are not rebuilt.
pub(crate) fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<()> {
    match std::fs::read_to_string(path) {
        Ok(existing) if existing == contents => Ok(()),
        _ => std::fs::write(path, contents),
    }
}
