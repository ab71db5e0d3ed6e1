//! The case pairs of `tests/cases/<name>/`: `old.yaml` and `new.yaml`, one pair per kind of
//! change (`tests/cases/README.md`).

use std::path::{Path, PathBuf};

use xcover_diff::Spec;

/// One case folder's documents.
pub struct Pair {
    pub name: String,
    pub old: String,
    pub new: String,
}

/// The folder of the case called `name`.
pub fn dir(name: &str) -> PathBuf {
    root().join(name)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Every case, by name.
pub fn pairs() -> Vec<Pair> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root())
        .expect("tests/cases")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let read = |file: &str| {
                std::fs::read_to_string(self::dir(&name).join(file))
                    .unwrap_or_else(|error| panic!("{name}/{file}: {error}"))
            };
            Pair {
                old: read("old.yaml"),
                new: read("new.yaml"),
                name,
            }
        })
        .collect()
}

/// A document loaded and checked as `diff` does it.
pub fn spec(text: &str) -> Spec {
    Spec::parse(text, &Default::default()).unwrap_or_else(|error| panic!("{error}\n{text}"))
}
