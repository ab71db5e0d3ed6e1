//! References JSON Schema 2020-12 adds: through `$id` and `$anchor`, and into `$defs`. A
//! reference is rewritten into a local `#/components/schemas/…` one; `$defs` are hoisted into
//! `components/schemas` under stable names (`Owner_name`).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::{pointer_from, Ctx};
use crate::diagnostics::{Pointer, SpecError};

/// Keys whose values are data, not schemas or OpenAPI objects: never looked into.
pub(in crate::load) fn is_data(key: &str) -> bool {
    key.starts_with("x-") || matches!(key, "example" | "examples" | "default" | "enum" | "const")
}

/// A schema resource: its `$id` and the pointer of the schema that has it.
type Resource = (String, String);

/// What one pass over the document finds.
#[derive(Default)]
struct Found {
    /// `$id` → the pointer of its schema.
    ids: HashMap<String, String>,
    /// (the `$id` of the enclosing resource, or "", `$anchor`) → the pointer of its schema.
    anchors: HashMap<(String, String), String>,
    /// Each `$ref` that is not a plain `#/…` one, or is relative to an enclosing `$id`: the
    /// pointer of the object holding it, the reference, and the enclosing `$id`.
    refs: Vec<(String, String, Option<Resource>)>,
    /// The objects that have `$defs`, in document order.
    defs: Vec<String>,
}

/// Resolves `$id`/`$anchor` references and hoists `$defs`.
pub(super) fn resolve(ctx: &mut Ctx<'_>, document: &mut Value) -> Result<(), SpecError> {
    let mut found = Found::default();
    find(document, &mut String::new(), None, &mut found);
    if found.refs.is_empty() && found.defs.is_empty() {
        return Ok(());
    }
    let snapshot = (!found.refs.is_empty()).then(|| document.clone());
    for (holder, reference, resource) in &found.refs {
        let Some(snapshot) = &snapshot else { break };
        let Some(target) = target_of(reference, resource.as_ref(), &found) else {
            continue;
        };
        let Some(object) = document.pointer_mut(holder).and_then(Value::as_object_mut) else {
            continue;
        };
        if is_component_schema(&target) || target.contains("/$defs/") {
            object.insert("$ref".to_string(), Value::String(format!("#{target}")));
            continue;
        }
        // Not a component: a copy of it, with the reference's own keywords.
        let Some(Value::Object(copy)) = snapshot.pointer(&target).cloned() else {
            continue;
        };
        object.shift_remove("$ref");
        for (key, value) in copy {
            object.entry(key).or_insert(value);
        }
        ctx.moved(&pointer_from(&target), &pointer_from(holder));
    }
    hoist_defs(ctx, document, &found.defs)
}

/// Whether a pointer names a component schema itself.
fn is_component_schema(pointer: &str) -> bool {
    pointer
        .strip_prefix("/components/schemas/")
        .is_some_and(|name| !name.contains('/'))
}

/// The pointer a `$ref` names through `$id` and `$anchor`; `None` when it names none.
fn target_of(reference: &str, resource: Option<&Resource>, found: &Found) -> Option<String> {
    let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let (id, root) = if base.is_empty() {
        let (id, pointer) = resource?;
        (id.clone(), pointer.clone())
    } else {
        match found.ids.get(base) {
            Some(pointer) => (base.to_string(), pointer.clone()),
            None => {
                let suffix = format!("/{}", base.trim_start_matches("./"));
                let mut matching = found.ids.iter().filter(|(id, _)| id.ends_with(&suffix));
                match (matching.next(), matching.next()) {
                    (Some((id, pointer)), None) => (id.clone(), pointer.clone()),
                    _ => return None,
                }
            }
        }
    };
    if fragment.is_empty() {
        Some(root)
    } else if fragment.starts_with('/') {
        Some(format!("{root}{fragment}"))
    } else {
        found.anchors.get(&(id, fragment.to_string())).cloned()
    }
}

/// One pass: `$id`s, `$anchor`s, the references to resolve, and where `$defs` are.
fn find(value: &Value, pointer: &mut String, resource: Option<&Resource>, found: &mut Found) {
    match value {
        Value::Object(map) => {
            let own;
            let mut resource = resource;
            if let Some(Value::String(id)) = map.get("$id") {
                found.ids.insert(id.clone(), pointer.clone());
                own = (id.clone(), pointer.clone());
                resource = Some(&own);
            }
            if let Some(Value::String(anchor)) = map.get("$anchor") {
                let base = resource.map(|(id, _)| id.clone()).unwrap_or_default();
                found
                    .anchors
                    .insert((base, anchor.clone()), pointer.clone());
            }
            if let Some(Value::String(reference)) = map.get("$ref") {
                let plain = reference.starts_with("#/")
                    && !(reference.starts_with("#/$defs/") && resource.is_some());
                if !plain && !looks_like_file(reference) {
                    found
                        .refs
                        .push((pointer.clone(), reference.clone(), resource.cloned()));
                }
            }
            if map.get("$defs").is_some_and(Value::is_object) {
                found.defs.push(pointer.clone());
            }
            for (key, child) in map {
                if is_data(key) {
                    continue;
                }
                let length = pointer.len();
                push_token(pointer, key);
                find(child, pointer, resource, found);
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                find(item, pointer, resource, found);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// Whether a reference names another file (`common.yaml#/…`), not a schema of this one.
pub(in crate::load) fn looks_like_file(reference: &str) -> bool {
    let base = reference.split('#').next().unwrap_or_default();
    [".yaml", ".yml", ".json"]
        .iter()
        .any(|extension| base.ends_with(extension))
        && !base.contains("://")
}

/// Appends a reference token, escaped, to a pointer's text.
pub(in crate::load) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Moves every `$defs` entry to `components/schemas/<Owner>_<name>`, innermost first, and
/// rewrites every reference into a `$defs` to name its new place.
fn hoist_defs(ctx: &mut Ctx<'_>, document: &mut Value, owners: &[String]) -> Result<(), SpecError> {
    if owners.is_empty() {
        return Ok(());
    }
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut hoisted: Vec<(String, Value, String)> = Vec::new();
    let mut taken: Vec<String> = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    // Deeper owners first: their pointers stay valid while their ancestors are untouched.
    for owner in owners.iter().rev() {
        let Some(object) = document.pointer_mut(owner).and_then(Value::as_object_mut) else {
            continue;
        };
        let owner_name = owner_name(owner, object);
        let Some(Value::Object(defs)) = object.shift_remove("$defs") else {
            continue;
        };
        for (name, definition) in defs {
            let mut new_name = sanitize(&format!("{owner_name}_{name}"));
            let stem = new_name.clone();
            let mut counter = 2;
            while taken.contains(&new_name) {
                new_name = format!("{stem}{counter}");
                counter += 1;
            }
            taken.push(new_name.clone());
            let mut from = owner.clone();
            push_token(&mut from, "$defs");
            push_token(&mut from, &name);
            renamed.insert(from.clone(), new_name.clone());
            hoisted.push((new_name, definition, from));
        }
    }
    let Some(root) = document.as_object_mut() else {
        return Ok(());
    };
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(components) = components.as_object_mut() else {
        return Err(ctx.error(
            &Pointer::root().join("components"),
            "`components` must be an object",
        ));
    };
    let schemas = components
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(schemas) = schemas.as_object_mut() else {
        return Err(ctx.error(
            &Pointer::root().join("components").join("schemas"),
            "`components/schemas` must be an object",
        ));
    };
    // In document order.
    for (name, definition, from) in hoisted.into_iter().rev() {
        let to = Pointer::root()
            .join("components")
            .join("schemas")
            .join(&name);
        ctx.moved(&pointer_from(&from), &to);
        schemas.insert(name, definition);
    }
    rewrite_refs(document, &renamed);
    Ok(())
}

/// A name for the owner of `$defs`: its component name, the last segment of its `$id`, or
/// `Defs`.
fn owner_name(pointer: &str, object: &Map<String, Value>) -> String {
    if let Some(name) = pointer.strip_prefix("/components/schemas/") {
        if !name.contains('/') {
            return name.replace("~1", "/").replace("~0", "~");
        }
    }
    if let Some(Value::String(id)) = object.get("$id") {
        let last = id.trim_end_matches('/').rsplit('/').next().unwrap_or(id);
        let last = last.split('.').next().unwrap_or(last);
        if !last.is_empty() {
            return last.to_string();
        }
    }
    "Defs".to_string()
}

/// A component name OpenAPI allows: `[A-Za-z0-9._-]`.
pub(in crate::load) fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Every `$ref` (and discriminator mapping) into a hoisted `$defs` entry, or below one, names
/// its new place.
fn rewrite_refs(value: &mut Value, renamed: &HashMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                rename(reference, renamed);
            }
            if let Some(Value::Object(mapping)) = map
                .get_mut("discriminator")
                .and_then(|discriminator| discriminator.get_mut("mapping"))
            {
                for target in mapping.values_mut() {
                    if let Value::String(target) = target {
                        rename(target, renamed);
                    }
                }
            }
            for (key, child) in map.iter_mut() {
                if !is_data(key) {
                    rewrite_refs(child, renamed);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite_refs(item, renamed);
            }
        }
        _ => {}
    }
}

/// `#/…/$defs/x/rest` → `#/components/schemas/Owner_x/rest`.
fn rename(reference: &mut String, renamed: &HashMap<String, String>) {
    let Some(pointer) = reference.strip_prefix('#') else {
        return;
    };
    if !pointer.contains("/$defs/") {
        return;
    }
    let mut end = pointer.len();
    loop {
        if let Some(name) = renamed.get(&pointer[..end]) {
            let mut new = String::from("#/components/schemas");
            push_token(&mut new, name);
            new.push_str(&pointer[end..]);
            *reference = new;
            return;
        }
        match pointer[..end].rfind('/') {
            Some(slash) => end = slash,
            None => return,
        }
    }
}
