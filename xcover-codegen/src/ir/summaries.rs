//! A summary for every generated type the spec leaves undocumented, written from where the
//! type comes from, so that every public item of the SDK has a rustdoc summary.

use super::typespace::TypeSpace;

/// Documents each type without a description: a component schema by its name, any other by
/// where it is in the spec. (Operations' aliases are documented where they are defined.)
pub fn fill(types: &mut TypeSpace) {
    let components: Vec<(String, super::types::TypeId)> = types
        .components()
        .map(|(name, id)| (name.to_string(), id))
        .collect();
    for (name, id) in components {
        let entry = types.get_mut(id);
        if entry.doc.is_none() {
            entry.doc = Some(format!("The `{name}` schema of the API."));
        }
    }
    for index in 0..types.len() {
        let entry = types.get_mut(super::types::TypeId(index));
        if entry.doc.is_none() {
            entry.doc = Some(format!("The schema at `{}` in the spec.", entry.pointer));
        }
    }
}
