//! Documents in several files: each `$ref` to another local file (`common.yaml#/…`,
//! `./schemas/pet.json#/Pet`, a whole `other.yaml`) is resolved at load, relative to the file
//! that holds it, and what it names is bundled into the document: a schema is hoisted into
//! `components/schemas` under a name of its own, anything else is copied in place. The source
//! map records each bundled node's file and pointer, so that the errors and fallbacks there
//! name them; the files' texts are kept to give their lines and columns.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::normalize::{is_data, looks_like_file, push_token, sanitize, SourceMap};
use crate::diagnostics::{Pointer, SpecError};

/// Whether the text may hold a `$ref` that is not `#…`: only then is the document walked for
/// references to other files, so that a document in one file loads as fast as before.
pub(super) fn may_refer_out(text: &str) -> bool {
    memchr::memmem::find_iter(text.as_bytes(), b"$ref").any(|at| {
        // The value may start on the next line (`$ref:` then an indented `"#/…"`).
        let value = text[at + "$ref".len()..]
            .trim_start_matches(|c: char| matches!(c, '"' | '\'' | ':') || c.is_whitespace());
        !value.starts_with('#')
    })
}

/// The other files of a document: each name (relative to the document's directory) and text.
#[derive(Debug, Clone, Default)]
pub(super) struct Files(Vec<(Arc<str>, String)>);

impl Files {
    /// The error with its line and column, when it is in one of these files.
    pub(super) fn locate(&self, mut error: SpecError) -> SpecError {
        let Some(file) = error.pointer.file() else {
            return error;
        };
        if error.location.is_none() {
            if let Some((_, text)) = self.0.iter().find(|(name, _)| &**name == file) {
                error.location = super::locate(text, &error.pointer.within_file());
            }
        }
        error
    }
}

/// What bundling gives besides the rewritten tree.
pub(super) struct Bundled {
    /// Where each bundled node came from.
    pub map: SourceMap,
    pub files: Files,
}

/// Bundles into `document` what it refers to in other files. `dir` is the directory of the
/// document's file: `None` for a document given as text alone, which may refer to no file.
pub(super) fn bundle(document: &mut Value, dir: Option<&Path>) -> Result<Bundled, SpecError> {
    let schemas = document.pointer("/components/schemas");
    let mut bundler = Bundler {
        dir,
        taken: schemas
            .and_then(Value::as_object)
            .map(|schemas| schemas.keys().cloned().collect())
            .unwrap_or_default(),
        ids: HashSet::new(),
        trees: HashMap::new(),
        names: HashMap::new(),
        hoisted: Vec::new(),
        inlining: Vec::new(),
        map: SourceMap::default(),
        files: Files::default(),
    };
    collect_ids(document, &mut bundler.ids);
    if let Err(error) = bundler.walk(document, None, &Pointer::root(), &mut String::new(), false) {
        return Err(bundler.files.locate(error));
    }
    if !bundler.hoisted.is_empty() {
        let Some(schemas) = schemas_of(document) else {
            return Err(SpecError::new(
                &Pointer::root().join("components"),
                "`components` and its `schemas` must be objects",
            ));
        };
        for (name, schema) in bundler.hoisted {
            schemas.insert(name, schema);
        }
    }
    Ok(Bundled {
        map: bundler.map,
        files: bundler.files,
    })
}

/// A node of another file: the file's name and the pointer (as text) into it.
type Target = (Arc<str>, String);

struct Bundler<'d> {
    dir: Option<&'d Path>,
    /// The names in `components/schemas`, the document's and the hoisted ones.
    taken: HashSet<String>,
    /// The document's `$id`s: a reference to one is no URL to fetch.
    ids: HashSet<String>,
    /// Each file read, parsed.
    trees: HashMap<Arc<str>, Value>,
    /// Each hoisted schema's component name.
    names: HashMap<Target, String>,
    /// The hoisted schemas (name, schema), in the order they were first referred to.
    hoisted: Vec<(String, Value)>,
    /// The nodes being copied in place, to refuse a cycle.
    inlining: Vec<Target>,
    map: SourceMap,
    files: Files,
}

impl Bundler<'_> {
    /// Resolves the references in `value`, which is in `file` (`None`: the document's own) at
    /// `original`, and at `here` in the bundled document; `schema` says it is (in) a schema.
    fn walk(
        &mut self,
        value: &mut Value,
        file: Option<&Arc<str>>,
        original: &Pointer,
        here: &mut String,
        schema: bool,
    ) -> Result<(), SpecError> {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    let at = original.join("$ref");
                    if let Some(target) = self.target(&reference, file, &at)? {
                        if !schema {
                            return self.inline(map, target, &reference, &at, here);
                        }
                        let name = self.hoist(target, &reference, &at)?;
                        map.insert("$ref".to_string(), Value::String(component(&name)));
                    }
                }
                if schema {
                    self.mapping(map, file, original)?;
                }
                for (key, child) in map.iter_mut() {
                    // `default` is data in a schema, and a response among responses.
                    if is_data(key) && (schema || key != "default") {
                        continue;
                    }
                    let length = here.len();
                    push_token(here, key);
                    let schema = schema || key == "schema" || key == "schemas";
                    self.walk(child, file, &original.join(key), here, schema)?;
                    here.truncate(length);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    let token = index.to_string();
                    let length = here.len();
                    push_token(here, &token);
                    self.walk(item, file, &original.join(&token), here, schema)?;
                    here.truncate(length);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A discriminator's mapping to schemas of other files names their hoisted components.
    fn mapping(
        &mut self,
        map: &mut Map<String, Value>,
        file: Option<&Arc<str>>,
        original: &Pointer,
    ) -> Result<(), SpecError> {
        let Some(Value::Object(mapping)) = map
            .get_mut("discriminator")
            .and_then(|discriminator| discriminator.get_mut("mapping"))
        else {
            return Ok(());
        };
        let at = original.join("discriminator").join("mapping");
        for (key, value) in mapping.iter_mut() {
            let Value::String(reference) = value else {
                continue;
            };
            let reference = reference.clone();
            let at = at.join(key);
            if let Some(target) = self.target(&reference, file, &at)? {
                *value = Value::String(component(&self.hoist(target, &reference, &at)?));
            }
        }
        Ok(())
    }

    /// The node of another file a reference names; `None` for one into the document itself
    /// (or to one of its `$id`s). `at` is the reference's place, for an error.
    fn target(
        &self,
        reference: &str,
        file: Option<&Arc<str>>,
        at: &Pointer,
    ) -> Result<Option<Target>, SpecError> {
        let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if base.is_empty() {
            // `#/…` in another file is into that file.
            return Ok(file.map(|file| (file.clone(), fragment.to_string())));
        }
        if base.starts_with("http://") || base.starts_with("https://") {
            if self.ids.contains(base) {
                return Ok(None);
            }
            return Err(SpecError::new(
                at,
                format!(
                    "`{reference}` is on the web, and xcover-codegen reads no URL: save the file \
                     beside the document and refer to it by its relative path"
                ),
            ));
        }
        if !looks_like_file(reference) {
            return Ok(None);
        }
        if self.dir.is_none() {
            return Err(SpecError::new(
                at,
                format!(
                    "`{reference}` is in another file, which a document given as text alone \
                     cannot find: load the document from its path"
                ),
            ));
        }
        if !(fragment.is_empty() || fragment.starts_with('/')) {
            return Err(SpecError::new(
                at,
                format!("`{reference}`: only a JSON pointer (`#/…`) into another file is followed"),
            ));
        }
        let name = file_name(file.map(|file| &**file), base);
        Ok(Some((name.into(), fragment.to_string())))
    }

    /// The component name of a schema of another file, hoisted (with what it refers to) the
    /// first time it is referred to.
    fn hoist(
        &mut self,
        target: Target,
        reference: &str,
        at: &Pointer,
    ) -> Result<String, SpecError> {
        if let Some(name) = self.names.get(&target) {
            return Ok(name.clone());
        }
        let mut node = self.node(&target, reference, at)?.clone();
        let name = self.name_for(&target);
        self.names.insert(target.clone(), name.clone());
        let original = Pointer::in_file(&target.0, &target.1);
        let mut here = String::from("/components/schemas");
        push_token(&mut here, &name);
        self.map.bundled(&here, original.clone());
        let index = self.hoisted.len();
        self.hoisted.push((name.clone(), Value::Null));
        self.walk(&mut node, Some(&target.0), &original, &mut here, true)?;
        self.hoisted[index].1 = node;
        Ok(name)
    }

    /// Replaces the reference object `map` by a copy of the node it names (its other keys
    /// kept), with the references in it resolved.
    fn inline(
        &mut self,
        map: &mut Map<String, Value>,
        target: Target,
        reference: &str,
        at: &Pointer,
        here: &mut String,
    ) -> Result<(), SpecError> {
        if self.inlining.contains(&target) {
            return Err(SpecError::new(
                at,
                format!("`{reference}` refers back to itself, through other files: a cycle"),
            ));
        }
        let Value::Object(mut node) = self.node(&target, reference, at)?.clone() else {
            return Err(SpecError::new(at, format!("`{reference}` names no object")));
        };
        map.shift_remove("$ref");
        node.extend(std::mem::take(map));
        let original = Pointer::in_file(&target.0, &target.1);
        self.map.bundled(here, original.clone());
        let mut node = Value::Object(node);
        self.inlining.push(target.clone());
        self.walk(&mut node, Some(&target.0), &original, here, false)?;
        self.inlining.pop();
        if let Value::Object(node) = node {
            *map = node;
        }
        Ok(())
    }

    /// The node a target names, its file read and parsed the first time.
    fn node(
        &mut self,
        target: &Target,
        reference: &str,
        at: &Pointer,
    ) -> Result<&Value, SpecError> {
        let (file, fragment) = target;
        if !self.trees.contains_key(file) {
            let tree = self.read(file, at)?;
            self.trees.insert(file.clone(), tree);
        }
        self.trees
            .get(file)
            .and_then(|tree| tree.pointer(fragment))
            .ok_or_else(|| {
                SpecError::new(
                    at,
                    format!("`{reference}` names nothing: `{file}` has no `#{fragment}`"),
                )
            })
    }

    /// Reads and parses another file; its errors name it.
    fn read(&mut self, file: &Arc<str>, at: &Pointer) -> Result<Value, SpecError> {
        let path = self.dir.unwrap_or(Path::new("")).join(&**file);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            SpecError::new(
                at,
                format!("cannot read `{file}`, referred to here: {error}"),
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        self.files.0.push((file.clone(), text));
        let text = &self.files.0[self.files.0.len() - 1].1;
        super::parse_value(text)
            .and_then(|tree| super::check_depth(&tree).map(|()| tree))
            .map_err(|error| {
                self.files.locate(SpecError {
                    pointer: Pointer::in_file(file, error.pointer.as_str()),
                    ..error
                })
            })
    }

    /// A name for a hoisted schema: the last token of its pointer (the file's stem for a whole
    /// file), prefixed with the file's stem when the document has it already.
    fn name_for(&mut self, (file, fragment): &Target) -> String {
        let stem = file.rsplit('/').next().unwrap_or(file);
        let stem = stem.split('.').next().unwrap_or(stem);
        let last = super::normalize::pointer_from(fragment)
            .tokens()
            .last()
            .map(|token| token.into_owned())
            .unwrap_or_else(|| stem.to_string());
        let plain = sanitize(&last);
        let mut name = plain.clone();
        if self.taken.contains(&name) {
            let stemmed = sanitize(&format!("{stem}_{last}"));
            name = stemmed.clone();
            let mut counter = 2;
            while self.taken.contains(&name) {
                name = format!("{stemmed}{counter}");
                counter += 1;
            }
        }
        self.taken.insert(name.clone());
        name
    }
}

/// The local reference to a component schema.
fn component(name: &str) -> String {
    let mut reference = String::from("#/components/schemas");
    push_token(&mut reference, name);
    reference
}

/// The name of the file `base` names from `from` (`None`: the document's own file), relative
/// to the document's directory: `schemas/../common.yaml` is `common.yaml`.
fn file_name(from: Option<&str>, base: &str) -> String {
    let mut parts: Vec<&str> = from
        .map(|from| from.split('/').collect())
        .unwrap_or_default();
    parts.pop();
    for part in base.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The document's `components/schemas`, made when missing; `None` when not objects.
fn schemas_of(document: &mut Value) -> Option<&mut Map<String, Value>> {
    document
        .as_object_mut()?
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()?
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// Every `$id` of the document.
fn collect_ids(value: &Value, ids: &mut HashSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("$id") {
                ids.insert(id.clone());
            }
            for (key, child) in map {
                if !is_data(key) {
                    collect_ids(child, ids);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ids(item, ids)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_reference_not_into_the_document_is_looked_for() {
        assert!(!may_refer_out("a: {$ref: '#/b'}\nc:\n  $ref: \"#/d\"\n"));
        assert!(!may_refer_out("{\"$ref\": \"#/b\"}"));
        // The value on the next line, as OpenAI's spec writes some.
        assert!(!may_refer_out(
            "a:\n  $ref:\n    \"#/components/schemas/B\"\n"
        ));
        assert!(may_refer_out("a: {$ref: 'common.yaml#/b'}\n"));
        assert!(may_refer_out("{\"$ref\": \"pet.json\"}"));
    }

    #[test]
    fn a_file_is_named_from_the_document_directory() {
        assert_eq!(file_name(None, "./common.yaml"), "common.yaml");
        assert_eq!(
            file_name(Some("schemas/pet.json"), "tag.json"),
            "schemas/tag.json"
        );
        assert_eq!(
            file_name(Some("schemas/pet.json"), "../common.yaml"),
            "common.yaml"
        );
        assert_eq!(file_name(None, "../shared/x.yaml"), "../shared/x.yaml");
    }
}
