//! The 2019 recordings of XCover's staging API, `tests/fixtures/recordings-2019/`. Needs
//! `support::repo`.

use std::path::PathBuf;

use super::repo::root;

/// The recording files, by name; the SDK's `sample-*.json` request bodies beside them are not
/// recordings.
pub fn recording_files() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/recordings-2019");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .filter(|path| {
            !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("sample-")
        })
        .collect();
    files.sort();
    files
}

/// Whether `path` is an instance of the OpenAPI path `template`: each `{parameter}` segment
/// stands for one non-empty segment.
pub fn matches_template(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| {
            if t.starts_with('{') && t.ends_with('}') {
                !p.is_empty()
            } else {
                t == p
            }
        })
}
