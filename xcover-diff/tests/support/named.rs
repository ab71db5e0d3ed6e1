//! A case of the corpus by name, and its diff. Needs `support::corpus`.

use xcover_diff::Report;

use super::corpus::{pairs, spec, Pair};

/// The case called `name`.
pub fn pair(name: &str) -> Pair {
    pairs()
        .into_iter()
        .find(|pair| pair.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// OLD → NEW of a case.
pub fn forward(name: &str) -> Report {
    let pair = pair(name);
    xcover_diff::diff(&spec(&pair.old), &spec(&pair.new), None)
}
