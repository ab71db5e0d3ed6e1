//! Comparison of schemas: component schemas by name (through renames), and any two schemas
//! found at the same place in OLD and NEW, down through properties, items and variants.
//!
//! References are compared by name only: what changed inside the referenced schema is
//! reported once, under that schema, rather than at every place that uses it.

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::{display_value, flag, schema_ref_name, str_field};
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::{join, Pointers};
use crate::rust_type::{is_nullable, unwrap_wrapper, RustType};
use crate::usage::Usage;

/// Keywords that validate without changing the generated type.
const CONSTRAINT_KEYWORDS: &[&str] = &[
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "default",
    "readOnly",
    "writeOnly",
];

/// Compares `components/schemas`: removed, added and renamed types, then each pair's contents.
pub(crate) fn diff_component_schemas(diff: &mut Diff) {
    let (old_doc, new_doc) = (diff.old, diff.new);
    let old_schemas = old_doc.components("schemas");
    let new_schemas = new_doc.components("schemas");
    for (old_name, old_schema) in old_schemas {
        let new_name = diff.schema_renames.to_new(old_name);
        let pointers = Pointers {
            old: format!("/components/schemas/{}", crate::pointer::escape(old_name)),
            new: format!("/components/schemas/{}", crate::pointer::escape(&new_name)),
        };
        let scope = Scope::Schema {
            name: new_name.clone(),
        };
        let Some(new_schema) = new_schemas.get(&new_name) else {
            diff.record(
                change(
                    scope,
                    ChangeKind::Removed,
                    Element::Schema,
                    String::new(),
                    classify::SCHEMA_REMOVED,
                )
                .values(Some(old_name.to_upper_camel_case()), None)
                .at(&pointers.old, &pointers.new),
            );
            continue;
        };
        if new_name != *old_name {
            diff.record(
                change(
                    scope.clone(),
                    ChangeKind::Renamed,
                    Element::Schema,
                    String::new(),
                    classify::SCHEMA_RENAMED,
                )
                .values(
                    Some(old_name.to_upper_camel_case()),
                    Some(new_name.to_upper_camel_case()),
                )
                .at(&pointers.old, &pointers.new),
            );
        }
        let site = Site {
            scope,
            usage: diff.schema_usage(old_name, &new_name),
            context: String::new(),
            field: String::new(),
            pointers,
        };
        diff_schema(diff, old_schema, new_schema, &site);
    }
    for new_name in new_schemas.keys() {
        if old_schemas.contains_key(new_name) || diff.schema_renames.is_renamed_to(new_name) {
            continue;
        }
        let pointer = format!("/components/schemas/{}", crate::pointer::escape(new_name));
        diff.record(
            change(
                Scope::Schema {
                    name: new_name.clone(),
                },
                ChangeKind::Added,
                Element::Schema,
                String::new(),
                classify::SCHEMA_ADDED,
            )
            .values(None, Some(new_name.to_upper_camel_case()))
            .at(&pointer, &pointer),
        );
    }
}

/// Compares two schemas at the same site, including whether they accept `null`.
pub(crate) fn diff_schema(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    diff_annotations(diff, old, new, site);
    let (old_nullable, new_nullable) = (is_nullable(old), is_nullable(new));
    if old_nullable != new_nullable {
        let kind = if new_nullable {
            ChangeKind::MadeNullable
        } else {
            ChangeKind::MadeNonNullable
        };
        diff.record(site.change(kind, Element::Schema, classify::NULLABILITY_CHANGED));
    }
    diff_shape(diff, old, new, site);
}

/// Compares descriptions and deprecation.
fn diff_annotations(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    diff_doc(diff, old, new, "description", Element::Schema, site);
    diff_deprecation(diff, old, new, Element::Schema, site);
}

/// Compares the `deprecated` flag of two nodes.
pub(crate) fn diff_deprecation(
    diff: &mut Diff,
    old: &Value,
    new: &Value,
    element: Element,
    site: &Site,
) {
    let (old_deprecated, new_deprecated) = (flag(old, "deprecated"), flag(new, "deprecated"));
    if old_deprecated != new_deprecated {
        let kind = if new_deprecated {
            ChangeKind::Deprecated
        } else {
            ChangeKind::Undeprecated
        };
        diff.record(site.change(kind, element, classify::DEPRECATION_CHANGED));
    }
}

/// Compares one documentation keyword (`summary`, `description`) of two nodes.
pub(crate) fn diff_doc(
    diff: &mut Diff,
    old: &Value,
    new: &Value,
    keyword: &str,
    element: Element,
    site: &Site,
) {
    let (old_text, new_text) = (str_field(old, keyword), str_field(new, keyword));
    if old_text == new_text {
        return;
    }
    diff.record(
        site.change(ChangeKind::DocChanged, element, classify::DOC_CHANGED)
            .location(prefixed(keyword, &site.location()))
            .values(old_text.map(str::to_owned), new_text.map(str::to_owned))
            .at(
                &keyword_pointer(old, &site.pointers.old, keyword),
                &keyword_pointer(new, &site.pointers.new, keyword),
            ),
    );
}

/// The pointer to `keyword` in `node` when it is there, else to the node.
fn keyword_pointer(node: &Value, pointer: &str, keyword: &str) -> String {
    if node.get(keyword).is_some() {
        join(pointer, keyword)
    } else {
        pointer.to_owned()
    }
}

/// Compares what two schemas generate: their Rust type, then members, enum values and
/// constraints. Nullability is left to the caller, which knows whether it is a field.
fn diff_shape(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let (old, old_pointer) = unwrap_wrapper(old, &site.pointers.old);
    let (new, new_pointer) = unwrap_wrapper(new, &site.pointers.new);
    let site = site.at(Pointers {
        old: old_pointer,
        new: new_pointer,
    });
    let new_type = Diff::own_type(new);
    if diff.old_type_renamed(old) != new_type {
        diff.record(
            site.change(ChangeKind::Retyped, Element::Schema, classify::RETYPED)
                .values(
                    Some(Diff::own_type(old).to_string()),
                    Some(new_type.to_string()),
                ),
        );
        return;
    }
    match new_type {
        RustType::Named(_) => return,
        RustType::Vec(_) => {
            let items = site.element("[]", site.pointers.join("items"));
            diff_schema(diff, &old["items"], &new["items"], &items);
        }
        RustType::Map(_) => {
            let values = site.element("{}", site.pointers.join("additionalProperties"));
            diff_schema(
                diff,
                &old["additionalProperties"],
                &new["additionalProperties"],
                &values,
            );
        }
        RustType::InlineStruct => {
            diff_properties(diff, old, new, &site);
            diff_members(diff, old, new, "allOf", &site);
        }
        RustType::InlineUnion => {
            diff_members(diff, old, new, "oneOf", &site);
            diff_members(diff, old, new, "anyOf", &site);
        }
        _ => {}
    }
    diff_discriminator(diff, old, new, &site);
    diff_enum_values(diff, old, new, &site);
    diff_constraints(diff, old, new, &site);
}

/// The Rust type of a field, `Option`-wrapped when it may be absent or null.
fn field_type(schema: &Value, required: bool) -> String {
    let rust_type = Diff::own_type(schema);
    if required && !is_nullable(schema) {
        rust_type.to_string()
    } else {
        format!("Option<{rust_type}>")
    }
}

/// Compares object properties: struct fields added, removed, made (non-)optional or retyped.
fn diff_properties(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let empty = serde_json::Map::new();
    let old_properties = old
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let new_properties = new
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let is_required = |schema: &Value, name: &str| {
        schema
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|names| names.iter().any(|n| n == name))
    };
    for (name, old_property) in old_properties {
        let field_site = site.property(name, site.pointers.join("properties").join(name));
        let old_required = is_required(old, name);
        let Some(new_property) = new_properties.get(name) else {
            diff.record(
                field_site
                    .change(
                        ChangeKind::Removed,
                        Element::Property,
                        classify::PROPERTY_REMOVED,
                    )
                    .values(Some(field_type(old_property, old_required)), None),
            );
            continue;
        };
        let new_required = is_required(new, name);
        let (old_nullable, new_nullable) = (is_nullable(old_property), is_nullable(new_property));
        let option_changed = (!old_required || old_nullable) != (!new_required || new_nullable);
        if old_required != new_required {
            let kind = if new_required {
                ChangeKind::MadeRequired
            } else {
                ChangeKind::MadeOptional
            };
            let verdict =
                classify::optionality_changed(option_changed, new_required && site.usage.request);
            diff.record(field_site.change(kind, Element::Property, verdict));
        }
        if old_nullable != new_nullable {
            let kind = if new_nullable {
                ChangeKind::MadeNullable
            } else {
                ChangeKind::MadeNonNullable
            };
            let verdict = classify::optionality_changed(option_changed, false);
            diff.record(field_site.change(kind, Element::Property, verdict));
        }
        diff_annotations(diff, old_property, new_property, &field_site);
        diff_shape(diff, old_property, new_property, &field_site);
    }
    for (name, new_property) in new_properties {
        if old_properties.contains_key(name) {
            continue;
        }
        let required = is_required(new, name);
        let pointer = join(&join(&site.pointers.new, "properties"), name);
        let verdict = classify::property_added(required && !is_nullable(new_property), site.usage);
        diff.record(
            site.property(name, Pointers::same(&pointer))
                .change(ChangeKind::Added, Element::Property, verdict)
                .values(None, Some(field_type(new_property, required))),
        );
    }
}

/// How a member of a `oneOf`/`anyOf`/`allOf` is recognised across documents: a reference by
/// its (renamed) target, an inline schema by its position among the inline members.
fn member_keys(members: &[Value], name_of: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut inline = 0;
    members
        .iter()
        .map(|member| match schema_ref_name(member) {
            Some(name) => name_of(&name).to_upper_camel_case(),
            None => {
                inline += 1;
                format!("inline #{inline}")
            }
        })
        .collect()
}

/// Compares the members of a composition keyword.
fn diff_members(diff: &mut Diff, old: &Value, new: &Value, keyword: &str, site: &Site) {
    let no_members = Vec::new();
    let old_members = old
        .get(keyword)
        .and_then(Value::as_array)
        .unwrap_or(&no_members);
    let new_members = new
        .get(keyword)
        .and_then(Value::as_array)
        .unwrap_or(&no_members);
    let renames = &diff.schema_renames;
    let old_keys = member_keys(old_members, &|name| renames.to_new(name));
    let old_display = member_keys(old_members, &|name| name.to_owned());
    let new_keys = member_keys(new_members, &|name| name.to_owned());
    let old_list = join(&site.pointers.old, keyword);
    let new_list = join(&site.pointers.new, keyword);
    for (old_index, key) in old_keys.iter().enumerate() {
        let old_pointer = join(&old_list, &old_index.to_string());
        match new_keys.iter().position(|new_key| new_key == key) {
            Some(new_index) => {
                let pointers = Pointers {
                    old: old_pointer,
                    new: join(&new_list, &new_index.to_string()),
                };
                let member_site = site.at(pointers);
                diff_schema(
                    diff,
                    &old_members[old_index],
                    &new_members[new_index],
                    &member_site,
                );
            }
            None => diff.record(
                site.change(
                    ChangeKind::Removed,
                    Element::Variant,
                    classify::VARIANT_REMOVED,
                )
                .values(Some(old_display[old_index].clone()), None)
                .at(&old_pointer, ""),
            ),
        }
    }
    let verdict = if keyword == "allOf" {
        classify::all_of_part_added(site.usage)
    } else if new.get("discriminator").is_some() {
        classify::TAGGED_VARIANT_ADDED
    } else {
        classify::variant_added(site.usage)
    };
    for (new_index, key) in new_keys.iter().enumerate() {
        if !old_keys.contains(key) {
            diff.record(
                site.change(ChangeKind::Added, Element::Variant, verdict)
                    .values(None, Some(key.clone()))
                    .at("", &join(&new_list, &new_index.to_string())),
            );
        }
    }
}

/// Compares `discriminator`, reading OLD's mapping through the renames. Tags only added to the
/// mapping keep every old tag decoding as before.
fn diff_discriminator(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let tags =
        |schema: &Value, name_of: &dyn Fn(&str) -> String| -> Option<(String, Vec<String>)> {
            let discriminator = schema.get("discriminator")?;
            let property = str_field(discriminator, "propertyName").unwrap_or_default();
            let mut mapping: Vec<String> = discriminator
                .get("mapping")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(tag, target)| {
                    let target = target.as_str().unwrap_or_default();
                    let name = target.rsplit('/').next().unwrap_or(target);
                    format!("{tag}={}", name_of(name))
                })
                .collect();
            mapping.sort();
            Some((property.to_owned(), mapping))
        };
    let summary = |tags: Option<(String, Vec<String>)>| {
        tags.map(|(property, mapping)| format!("{property} [{}]", mapping.join(", ")))
    };
    let renames = &diff.schema_renames;
    let old_tags = tags(old, &|name| renames.to_new(name));
    let new_tags = tags(new, &|name| name.to_owned());
    if old_tags == new_tags {
        return;
    }
    let verdict = match (&old_tags, &new_tags) {
        (Some((old_property, old_mapping)), Some((new_property, new_mapping)))
            if old_property == new_property
                && old_mapping.iter().all(|tag| new_mapping.contains(tag)) =>
        {
            classify::DISCRIMINATOR_EXTENDED
        }
        _ => classify::DISCRIMINATOR_CHANGED,
    };
    diff.record(
        site.change(ChangeKind::Changed, Element::Schema, verdict)
            .location(prefixed("`discriminator`", &site.location()))
            .values(
                summary(tags(old, &|name| name.to_owned())),
                summary(new_tags),
            )
            .at(
                &keyword_pointer(old, &site.pointers.old, "discriminator"),
                &keyword_pointer(new, &site.pointers.new, "discriminator"),
            ),
    );
}

/// `what of location`, or just `what` at the top of a scope.
fn prefixed(what: &str, location: &str) -> String {
    if location.is_empty() {
        what.to_owned()
    } else {
        format!("{what} of {location}")
    }
}

/// Compares `enum` values: each added or removed value is one change.
fn diff_enum_values(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    let no_values = Vec::new();
    let old_values = old
        .get("enum")
        .and_then(Value::as_array)
        .unwrap_or(&no_values);
    let new_values = new
        .get("enum")
        .and_then(Value::as_array)
        .unwrap_or(&no_values);
    for (index, value) in old_values.iter().enumerate() {
        if !new_values.contains(value) {
            let pointer = join(&join(&site.pointers.old, "enum"), &index.to_string());
            diff.record(
                site.change(
                    ChangeKind::Removed,
                    Element::EnumValue,
                    classify::ENUM_VALUE_REMOVED,
                )
                .values(Some(display_value(value)), None)
                .at(&pointer, ""),
            );
        }
    }
    for (index, value) in new_values.iter().enumerate() {
        if !old_values.contains(value) {
            let pointer = join(&join(&site.pointers.new, "enum"), &index.to_string());
            diff.record(
                site.change(
                    ChangeKind::Added,
                    Element::EnumValue,
                    classify::ENUM_VALUE_ADDED,
                )
                .values(None, Some(display_value(value)))
                .at("", &pointer),
            );
        }
    }
}

/// Compares validation keywords one by one.
fn diff_constraints(diff: &mut Diff, old: &Value, new: &Value, site: &Site) {
    for keyword in CONSTRAINT_KEYWORDS {
        let (old_value, new_value) = (old.get(*keyword), new.get(*keyword));
        if old_value == new_value {
            continue;
        }
        diff.record(
            site.change(
                ChangeKind::ConstraintChanged,
                Element::Schema,
                classify::CONSTRAINT_CHANGED,
            )
            .location(prefixed(&format!("`{keyword}`"), &site.location()))
            .values(old_value.map(display_value), new_value.map(display_value))
            .at(
                &keyword_pointer(old, &site.pointers.old, keyword),
                &keyword_pointer(new, &site.pointers.new, keyword),
            ),
        );
    }
}

/// A site for a schema held by a parameter, body or response, which travels one way.
pub(crate) fn holder_site(scope: Scope, usage: Usage, context: String, pointers: Pointers) -> Site {
    Site {
        scope,
        usage,
        context,
        field: String::new(),
        pointers,
    }
}
