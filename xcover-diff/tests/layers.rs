//! `xcover-diff/src` is layered: no module imports, directly or through others, a module that
//! imports it. Each module's imports are read from its `crate::…` and `super::…` paths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module (`surface::types`) and the source text of its file.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("src/") {
            let path = entry.expect("an entry").path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let name = if prefix.is_empty() {
                stem.clone()
            } else {
                format!("{prefix}::{stem}")
            };
            if path.is_dir() {
                walk(&path, &name, out);
            } else if stem == "mod" {
                out.insert(prefix.to_owned(), std::fs::read_to_string(&path).unwrap());
            } else if stem != "lib" {
                out.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut out,
    );
    out
}

/// The modules a path names (`crate::pairs::Context` names `pairs`): its longest prefix that
/// is a module, for each path in a `{…}` list.
fn named(path: &str, modules: &BTreeSet<&str>, out: &mut BTreeSet<String>) {
    if let Some((head, list)) = path.split_once('{') {
        for item in list.trim_end_matches('}').split(',') {
            named(&format!("{head}{}", item.trim()), modules, out);
        }
        return;
    }
    let parts: Vec<&str> = path.split("::").filter(|part| !part.is_empty()).collect();
    if let Some(module) = (1..=parts.len())
        .rev()
        .map(|length| parts[..length].join("::"))
        .find(|candidate| modules.contains(candidate.as_str()))
    {
        out.insert(module);
    }
}

/// The path at the start of `text`: `pairs::Context`, or `model::{Change, Scope}` with its
/// braces.
fn path_at(text: &str) -> &str {
    let mut end = 0;
    for (index, c) in text.char_indices() {
        match c {
            '{' => return &text[..index + text[index..].find('}').map_or(1, |close| close + 1)],
            c if c.is_alphanumeric() || c == '_' || c == ':' => end = index + c.len_utf8(),
            _ => break,
        }
    }
    &text[..end]
}

/// What each module imports.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let sources = modules();
    let names: BTreeSet<&str> = sources.keys().map(String::as_str).collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &sources {
        let parent = module.rsplit_once("::").map_or("", |(parent, _)| parent);
        let mut found = BTreeSet::new();
        for (keyword, base) in [("crate::", ""), ("super::", parent)] {
            for (start, _) in text.match_indices(keyword) {
                let path = path_at(&text[start + keyword.len()..]);
                let path = if base.is_empty() {
                    path.to_owned()
                } else {
                    format!("{base}::{path}")
                };
                named(&path, &names, &mut found);
            }
        }
        found.remove(module);
        graph.insert(module.clone(), found);
    }
    graph
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let graph = imports();
    assert!(graph.contains_key("surface::types") && graph["surface::types"].contains("pairs"));
    for start in graph.keys() {
        // Everything `start` reaches; it must not reach itself.
        let mut seen = BTreeSet::new();
        let mut pending: Vec<&String> = graph[start].iter().collect();
        while let Some(module) = pending.pop() {
            assert_ne!(module, start, "{start} imports itself through {seen:?}");
            if seen.insert(module.clone()) {
                pending.extend(graph.get(module).into_iter().flatten());
            }
        }
    }
}
