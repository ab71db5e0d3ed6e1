//! Generated types: their names and kinds, struct fields, enum and union variants, aliases.

use xcover_codegen::ir::types::{
    Field, FieldForm, FieldRole, StringEnum, StructType, TypeEntry, TypeId, TypeKind, TypeRef,
    Union,
};

use crate::compat::Flow;
use crate::json::Json;
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::pair_by;
use crate::pairs::{kind_name, type_scope, Context, Travel};
use crate::pointer::join;
use crate::record::change;
use crate::rules::{self, Verdicts};

/// Compares every generated type: added, removed, and each pair.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    let (old, new) = (&context.old.ir.types, &context.new.ir.types);
    for &index in &context.types.removed {
        let entry = old.get(TypeId(index));
        changes.push(
            change(
                &type_scope(entry),
                ChangeKind::Removed,
                Element::Type,
                "",
                rules::TYPE_REMOVED,
            )
            .values(Some(entry.name.clone()), None)
            .at(entry.pointer.as_str(), ""),
        );
    }
    for &(old_index, new_index) in &context.types.both {
        let (old_id, new_id) = (TypeId(old_index), TypeId(new_index));
        let travel = context.travel(old_id, new_id);
        let first = changes.len();
        compare_pair(context, (old_id, new_id), travel, changes);
        if !travel.sent && !travel.received {
            for change in &mut changes[first..] {
                change.deployed = rules::not_carried();
            }
        }
    }
    for &index in &context.types.added {
        let entry = new.get(TypeId(index));
        changes.push(
            change(
                &type_scope(entry),
                ChangeKind::Added,
                Element::Type,
                "",
                rules::TYPE_ADDED,
            )
            .values(None, Some(entry.name.clone()))
            .at("", entry.pointer.as_str()),
        );
    }
}

/// One paired type: both entries and where its changes go.
struct TypePair<'a> {
    ids: (TypeId, TypeId),
    old: &'a TypeEntry,
    new: &'a TypeEntry,
    scope: Scope,
    travel: Travel,
}

impl TypePair<'_> {
    /// Records a change to the type, at its pointers.
    fn record(
        &self,
        changes: &mut Vec<Change>,
        kind: ChangeKind,
        element: Element,
        location: impl Into<String>,
        verdicts: Verdicts,
        (old, new): (Option<String>, Option<String>),
    ) {
        changes.push(
            change(&self.scope, kind, element, location, verdicts)
                .values(old, new)
                .at(self.old.pointer.as_str(), self.new.pointer.as_str()),
        );
    }
}

fn compare_pair(
    context: &Context,
    ids: (TypeId, TypeId),
    travel: Travel,
    changes: &mut Vec<Change>,
) {
    let (old, new) = (
        context.old.ir.types.get(ids.0),
        context.new.ir.types.get(ids.1),
    );
    let pair = TypePair {
        ids,
        old,
        new,
        scope: type_scope(new),
        travel,
    };
    if old.name != new.name {
        pair.record(
            changes,
            ChangeKind::Renamed,
            Element::Type,
            "",
            rules::TYPE_RENAMED,
            (Some(old.name.clone()), Some(new.name.clone())),
        );
    }
    if old.doc != new.doc {
        pair.record(
            changes,
            ChangeKind::DocChanged,
            Element::Type,
            "",
            rules::DOC_CHANGED,
            (old.doc.clone(), new.doc.clone()),
        );
    }
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(old_struct), TypeKind::Struct(new_struct)) => {
            compare_structs(context, &pair, old_struct, new_struct, changes)
        }
        (TypeKind::StringEnum(old_enum), TypeKind::StringEnum(new_enum)) => {
            compare_string_enums(&pair, old_enum, new_enum, changes)
        }
        (TypeKind::Union(old_union), TypeKind::Union(new_union)) => {
            compare_unions(context, &pair, old_union, new_union, changes)
        }
        (TypeKind::Alias(old_target), TypeKind::Alias(new_target))
        | (TypeKind::Newtype(old_target), TypeKind::Newtype(new_target)) => {
            if !context.same_type(old_target, new_target) {
                let compatible = fits_both_ways(context, travel, old_target, new_target);
                pair.record(
                    changes,
                    ChangeKind::Retyped,
                    Element::Type,
                    "",
                    rules::target_retyped(compatible),
                    (
                        Some(context.old_text(old_target)),
                        Some(context.new_text(new_target)),
                    ),
                );
            }
        }
        (TypeKind::ResponseEnum(old_variants), TypeKind::ResponseEnum(new_variants)) => {
            let pairs = pair_by(old_variants, new_variants, |variant| variant.name.clone());
            let text = |ty: &Option<TypeRef>, render: &dyn Fn(&TypeRef) -> String| {
                ty.as_ref().map_or_else(|| "no body".to_owned(), render)
            };
            for &index in &pairs.removed {
                let variant = &old_variants[index];
                pair.record(
                    changes,
                    ChangeKind::Removed,
                    Element::Variant,
                    format!("variant `{}`", variant.name),
                    rules::variant_removed(false),
                    (Some(text(&variant.ty, &|ty| context.old_text(ty))), None),
                );
            }
            for &(old_index, new_index) in &pairs.both {
                let (old_variant, new_variant) =
                    (&old_variants[old_index], &new_variants[new_index]);
                let same = match (&old_variant.ty, &new_variant.ty) {
                    (Some(old_ty), Some(new_ty)) => context.same_type(old_ty, new_ty),
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    let decodes = match (&old_variant.ty, &new_variant.ty) {
                        (Some(old_ty), Some(new_ty)) => {
                            context.fits(Flow::Received, old_ty, new_ty)
                        }
                        _ => false,
                    };
                    pair.record(
                        changes,
                        ChangeKind::Retyped,
                        Element::Variant,
                        format!("variant `{}`", new_variant.name),
                        rules::variant_retyped(decodes),
                        (
                            Some(text(&old_variant.ty, &|ty| context.old_text(ty))),
                            Some(text(&new_variant.ty, &|ty| context.new_text(ty))),
                        ),
                    );
                }
            }
            for &index in &pairs.added {
                let variant = &new_variants[index];
                pair.record(
                    changes,
                    ChangeKind::Added,
                    Element::Variant,
                    format!("variant `{}`", variant.name),
                    rules::variant_added(true),
                    (None, Some(text(&variant.ty, &|ty| context.new_text(ty)))),
                );
            }
        }
        (old_kind, new_kind) => pair.record(
            changes,
            ChangeKind::Retyped,
            Element::Type,
            "",
            rules::type_rekinded(fits_both_ways(
                context,
                travel,
                &TypeRef::Named(pair.ids.0),
                &TypeRef::Named(pair.ids.1),
            )),
            (
                Some(kind_name(old_kind).to_owned()),
                Some(kind_name(new_kind).to_owned()),
            ),
        ),
    }
}

/// Whether values still travel between the old SDK and the new API in every way the type does.
fn fits_both_ways(context: &Context, travel: Travel, old: &TypeRef, new: &TypeRef) -> bool {
    (!travel.received || context.fits(Flow::Received, old, new))
        && (!travel.sent || context.fits(Flow::Sent, old, new))
}

/// Whether a field is a constructor argument (a union tag the constructor sets is not).
fn is_argument(structure: &StructType, index: usize) -> bool {
    structure.fields[index].role() == FieldRole::Required
        && structure.construction.tag.as_ref().map(|(tag, _)| *tag) != Some(index)
}

fn compare_structs(
    context: &Context,
    pair: &TypePair,
    old: &StructType,
    new: &StructType,
    changes: &mut Vec<Change>,
) {
    let travel = pair.travel;
    let pairs = pair_by(&old.fields, &new.fields, |field| field.wire.clone());
    let field_pointer = |json: &Json, entry: &TypeEntry, field: &Field| {
        json.property_pointer(entry.pointer.as_str(), &field.wire)
            .unwrap_or_else(|| entry.pointer.as_str().to_owned())
    };
    let location = |field: &Field| format!("field `{}`", field.name);
    for &index in &pairs.removed {
        let field = &old.fields[index];
        let decodes =
            !travel.received || field.form != FieldForm::Bare || field.spec_default.is_some();
        let accepted = !travel.sent || accepts_unknown(context, pair.new);
        changes.push(
            change(
                &pair.scope,
                ChangeKind::Removed,
                Element::Field,
                location(field),
                rules::field_removed(decodes, accepted),
            )
            .values(Some(context.old_text(&field.declared_type())), None)
            .at(&field_pointer(&context.old.json, pair.old, field), ""),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_field, new_field) = (&old.fields[old_index], &new.fields[new_index]);
        let pointers = (
            field_pointer(&context.old.json, pair.old, old_field),
            field_pointer(&context.new.json, pair.new, new_field),
        );
        let at = |change: Change| change.at(&pointers.0, &pointers.1);
        if old_field.name != new_field.name {
            changes.push(at(change(
                &pair.scope,
                ChangeKind::Renamed,
                Element::Field,
                location(old_field),
                rules::FIELD_RENAMED,
            )
            .values(Some(old_field.name.clone()), Some(new_field.name.clone()))));
        }
        let (old_type, new_type) = (old_field.declared_type(), new_field.declared_type());
        let decodes = !travel.received || context.field_fits(Flow::Received, old_field, new_field);
        let accepted = !travel.sent || context.field_fits(Flow::Sent, old_field, new_field);
        let compatible = decodes && accepted;
        let sent_required = travel.sent && new_field.required && !old_field.required;
        if !context.same_type(&old_type, &new_type) {
            changes.push(at(change(
                &pair.scope,
                ChangeKind::Retyped,
                Element::Field,
                location(new_field),
                rules::field_retyped(decodes, accepted),
            )
            .values(
                Some(context.old_text(&old_type)),
                Some(context.new_text(&new_type)),
            )));
        } else {
            let now_argument = is_argument(new, new_index);
            let kind = if new_field.required {
                ChangeKind::MadeRequired
            } else {
                ChangeKind::MadeOptional
            };
            let verdicts = if is_argument(old, old_index) != now_argument {
                Some(rules::field_construction_changed(
                    now_argument,
                    sent_required || !compatible,
                ))
            } else {
                // Same Rust type and place, but the value may now be absent or `null`.
                (!compatible).then_some(rules::FIELD_PRESENCE_CHANGED)
            };
            if let Some(verdicts) = verdicts {
                changes.push(at(change(
                    &pair.scope,
                    kind,
                    Element::Field,
                    location(new_field),
                    verdicts,
                )));
            }
        }
        if old_field.doc != new_field.doc {
            changes.push(at(change(
                &pair.scope,
                ChangeKind::DocChanged,
                Element::Field,
                location(new_field),
                rules::DOC_CHANGED,
            )
            .values(old_field.doc.clone(), new_field.doc.clone())));
        }
    }
    for &index in &pairs.added {
        let field = &new.fields[index];
        let verdicts = rules::field_added(is_argument(new, index), travel.sent && field.required);
        changes.push(
            change(
                &pair.scope,
                ChangeKind::Added,
                Element::Field,
                location(field),
                verdicts,
            )
            .values(None, Some(context.new_text(&field.declared_type())))
            .at("", &field_pointer(&context.new.json, pair.new, field)),
        );
    }
    match (&old.extra, &new.extra) {
        (Some((name, value)), None) => pair.record(
            changes,
            ChangeKind::Removed,
            Element::Field,
            format!("field `{name}`"),
            rules::field_removed(true, true),
            (Some(context.old_text(value)), None),
        ),
        (None, Some((name, value))) => pair.record(
            changes,
            ChangeKind::Added,
            Element::Field,
            format!("field `{name}`"),
            rules::field_added(false, false),
            (None, Some(context.new_text(value))),
        ),
        _ => {}
    }
}

/// Whether NEW's schema for the type takes properties it doesn't list.
fn accepts_unknown(context: &Context, new: &TypeEntry) -> bool {
    context
        .new
        .json
        .at(new.pointer.as_str())
        .and_then(|schema| schema.get("additionalProperties"))
        .and_then(serde_json::Value::as_bool)
        != Some(false)
}

fn compare_string_enums(
    pair: &TypePair,
    old: &StringEnum,
    new: &StringEnum,
    changes: &mut Vec<Change>,
) {
    let pairs = pair_by(&old.variants, &new.variants, |variant| variant.wire.clone());
    let enum_pointer = |entry: &TypeEntry| join(entry.pointer.as_str(), "enum");
    for &index in &pairs.removed {
        let variant = &old.variants[index];
        changes.push(
            change(
                &pair.scope,
                ChangeKind::Removed,
                Element::Variant,
                "",
                rules::variant_removed(pair.travel.sent),
            )
            .values(
                Some(format!("{} (\"{}\")", variant.name, variant.wire)),
                None,
            )
            .at(&join(&enum_pointer(pair.old), &index.to_string()), ""),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_variant, new_variant) = (&old.variants[old_index], &new.variants[new_index]);
        if old_variant.name != new_variant.name {
            changes.push(
                change(
                    &pair.scope,
                    ChangeKind::Renamed,
                    Element::Variant,
                    format!("variant `{}`", old_variant.name),
                    rules::VARIANT_RENAMED,
                )
                .values(
                    Some(old_variant.name.clone()),
                    Some(new_variant.name.clone()),
                )
                .at(
                    &join(&enum_pointer(pair.old), &old_index.to_string()),
                    &join(&enum_pointer(pair.new), &new_index.to_string()),
                ),
            );
        }
    }
    for &index in &pairs.added {
        let variant = &new.variants[index];
        changes.push(
            change(
                &pair.scope,
                ChangeKind::Added,
                Element::Variant,
                "",
                rules::variant_added(true),
            )
            .values(
                None,
                Some(format!("{} (\"{}\")", variant.name, variant.wire)),
            )
            .at("", &join(&enum_pointer(pair.new), &index.to_string())),
        );
    }
}

fn compare_unions(
    context: &Context,
    pair: &TypePair,
    old: &Union,
    new: &Union,
    changes: &mut Vec<Change>,
) {
    let pairs = pair_by(&old.variants, &new.variants, |variant| variant.name.clone());
    for &index in &pairs.removed {
        let variant = &old.variants[index];
        pair.record(
            changes,
            ChangeKind::Removed,
            Element::Variant,
            "",
            rules::variant_removed(pair.travel.sent),
            (
                Some(format!(
                    "{}({})",
                    variant.name,
                    context.old_text(&variant.ty)
                )),
                None,
            ),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_variant, new_variant) = (&old.variants[old_index], &new.variants[new_index]);
        if old_variant.from != new_variant.from {
            let (kind, verdicts, values) = if new_variant.from {
                let conversion = format!("From<{}>", context.new_text(&new_variant.ty));
                (
                    ChangeKind::Added,
                    rules::CONVERSION_ADDED,
                    (None, Some(conversion)),
                )
            } else {
                let conversion = format!("From<{}>", context.old_text(&old_variant.ty));
                (
                    ChangeKind::Removed,
                    rules::CONVERSION_REMOVED,
                    (Some(conversion), None),
                )
            };
            pair.record(changes, kind, Element::Conversion, "", verdicts, values);
        }
        if !context.same_type(&old_variant.ty, &new_variant.ty) {
            let compatible = fits_both_ways(context, pair.travel, &old_variant.ty, &new_variant.ty);
            pair.record(
                changes,
                ChangeKind::Retyped,
                Element::Variant,
                format!("variant `{}`", new_variant.name),
                rules::variant_retyped(compatible),
                (
                    Some(context.old_text(&old_variant.ty)),
                    Some(context.new_text(&new_variant.ty)),
                ),
            );
        }
    }
    // A new tag reached the old SDK's `Unknown` variant (or its fallback) before; an untagged
    // union decodes a new variant's value when one of its old variants takes it.
    let old_absorbs = old.tagging.is_some();
    for &index in &pairs.added {
        let variant = &new.variants[index];
        let decodes = !pair.travel.received
            || old_absorbs
            || old
                .variants
                .iter()
                .any(|old_variant| context.fits(Flow::Received, &old_variant.ty, &variant.ty));
        pair.record(
            changes,
            ChangeKind::Added,
            Element::Variant,
            "",
            rules::variant_added(decodes),
            (
                None,
                Some(format!(
                    "{}({})",
                    variant.name,
                    context.new_text(&variant.ty)
                )),
            ),
        );
    }
    let tags = |union: &Union| {
        union.tagging.as_ref().map(|tagging| {
            let mut tags: Vec<(String, String)> = tagging
                .tags
                .iter()
                .map(|(tag, index)| (tag.clone(), union.variants[*index].name.clone()))
                .collect();
            tags.sort();
            (tagging.property.clone(), tags)
        })
    };
    let (old_tags, new_tags) = (tags(old), tags(new));
    // A removed variant's tag goes with it, reported as the variant.
    let kept = |variant: &String| new.variants.iter().any(|v| v.name == *variant);
    let old_still_read = match (&old_tags, &new_tags) {
        (Some((old_property, old_tags)), Some((new_property, new_tags))) => {
            old_property == new_property
                && old_tags
                    .iter()
                    .filter(|(_, variant)| kept(variant))
                    .all(|tag| new_tags.contains(tag))
        }
        (None, None) => true,
        _ => false,
    };
    if !old_still_read {
        let describe = |tags: &Option<(String, Vec<(String, String)>)>| {
            tags.as_ref().map_or_else(
                || "untagged".to_owned(),
                |(property, tags)| {
                    let tags: Vec<String> = tags
                        .iter()
                        .map(|(tag, variant)| format!("{tag} → {variant}"))
                        .collect();
                    format!("`{property}`: {}", tags.join(", "))
                },
            )
        };
        pair.record(
            changes,
            ChangeKind::Changed,
            Element::Type,
            "tags",
            rules::TAGS_CHANGED,
            (Some(describe(&old_tags)), Some(describe(&new_tags))),
        );
    }
}
