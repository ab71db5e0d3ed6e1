//! Cycles between types: recursive structs get a `Box`, recursive aliases become newtypes,
//! and aliases that only name each other fall back to `serde_json::Value`.

use super::types::{Holding, Scalar, Through, TypeId, TypeKind, TypeRef};
use super::typespace::TypeSpace;
use crate::diagnostics::Fallback;

/// Makes every cycle of types representable in Rust.
pub fn break_cycles(space: &mut TypeSpace, fallbacks: &mut Vec<Fallback>) {
    alias_cycles_to_newtypes(space);
    let components = strongly_connected(space, Through::Inline);
    // Whether each component is made of aliases alone (a type made an alias below stays one).
    let mut all_aliases = vec![true; space.len()];
    for index in 0..space.len() {
        if !matches!(
            space.get(TypeId(index)).kind,
            TypeKind::Alias(_) | TypeKind::Newtype(_)
        ) {
            all_aliases[components[index]] = false;
        }
    }
    for index in 0..space.len() {
        let id = TypeId(index);
        let own = components[index];
        let same_cycle = |target: TypeId| components[target.0] == own;
        let entry = space.get(id);
        let only_aliases = match &entry.kind {
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => {
                let mut targets = Vec::new();
                mentions(ty, Through::Inline, &mut targets);
                targets.iter().any(|target| same_cycle(*target)) && all_aliases[own]
            }
            _ => false,
        };
        let entry = space.get_mut(id);
        if only_aliases {
            fallbacks.push(Fallback {
                pointer: entry.pointer.clone(),
                message: "schema only refers to itself: serde_json::Value".to_string(),
            });
            entry.kind = TypeKind::Alias(TypeRef::Scalar(Scalar::Json));
            continue;
        }
        match &mut entry.kind {
            TypeKind::Struct(structure) => {
                for field in &mut structure.fields {
                    box_direct(&mut field.ty, &same_cycle);
                }
            }
            TypeKind::Union(union) => {
                for variant in &mut union.variants {
                    box_direct(&mut variant.ty, &same_cycle);
                }
            }
            TypeKind::Newtype(ty) => box_direct(ty, &same_cycle),
            _ => {}
        }
    }
}

/// An alias that names itself, even through a `Vec`, is not valid Rust: make it a newtype.
fn alias_cycles_to_newtypes(space: &mut TypeSpace) {
    let components = strongly_connected(space, Through::Everything);
    let in_alias_cycle: Vec<TypeId> = space
        .iter()
        .filter(|(id, entry)| {
            let TypeKind::Alias(ty) = &entry.kind else {
                return false;
            };
            let mut targets = Vec::new();
            mentions(ty, Through::Everything, &mut targets);
            targets.iter().any(|target| {
                components[target.0] == components[id.0]
                    && matches!(space.get(*target).kind, TypeKind::Alias(_))
            })
        })
        .map(|(id, _)| id)
        .collect();
    for id in in_alias_cycle {
        let entry = space.get_mut(id);
        if let TypeKind::Alias(ty) = &entry.kind {
            entry.kind = TypeKind::Newtype(ty.clone());
        }
    }
}

fn box_direct(ty: &mut TypeRef, same_cycle: &impl Fn(TypeId) -> bool) {
    match ty {
        TypeRef::Named(id) if same_cycle(*id) => {
            *ty = TypeRef::Boxed(Box::new(TypeRef::Named(*id)));
        }
        TypeRef::Option(inner) => box_direct(inner, same_cycle),
        _ => {}
    }
}

fn mentions(ty: &TypeRef, through: Through, into: &mut Vec<TypeId>) {
    into.extend(ty.named(through));
}

fn successors(space: &TypeSpace, id: TypeId, through: Through) -> Vec<TypeId> {
    let mut targets = Vec::new();
    space.get(id).kind.for_each_part(|ty, holding| {
        // Map values are held behind the map's own allocation.
        if holding == Holding::AsIs || through == Through::Everything {
            mentions(ty, through, &mut targets);
        }
    });
    targets
}

/// Tarjan's algorithm, iterative: the strongly connected component of every type.
/// A type outside any cycle is alone in its component, unless it refers to itself.
fn strongly_connected(space: &TypeSpace, through: Through) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = space.len();
    let graph: Vec<Vec<TypeId>> = (0..count)
        .map(|i| successors(space, TypeId(i), through))
        .collect();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut child)) = work.last_mut() {
            if *child == 0 && index[node] == UNVISITED {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(target) = graph[node].get(*child).map(|t| t.0) {
                *child += 1;
                if index[target] == UNVISITED {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}
