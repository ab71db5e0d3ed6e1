//! Pairing OLD's items with NEW's: the one way every comparison decides what is the same thing
//! in both documents.

use std::collections::HashMap;
use std::hash::Hash;

/// OLD's and NEW's items, by index: those in both, and those only in one.
#[derive(Debug, Default)]
pub(crate) struct Pairs {
    /// (OLD index, NEW index), in OLD's order.
    pub(crate) both: Vec<(usize, usize)>,
    /// OLD items without a partner, in OLD's order.
    pub(crate) removed: Vec<usize>,
    /// NEW items without a partner, in NEW's order.
    pub(crate) added: Vec<usize>,
}

/// One way of recognising an item in both documents: a key for each OLD item and each NEW item
/// (`None`: this pass can't place it).
pub(crate) struct Pass<'f, K> {
    pub(crate) old: &'f dyn Fn(usize) -> Option<K>,
    pub(crate) new: &'f dyn Fn(usize) -> Option<K>,
}

/// Pairs `old_len` OLD items with `new_len` NEW items, pass after pass: each pass pairs the
/// items still unpaired whose keys are equal, the first unpaired NEW item with a key winning.
pub(crate) fn pair<K: Eq + Hash>(old_len: usize, new_len: usize, passes: &[Pass<'_, K>]) -> Pairs {
    let mut partner_of_old: Vec<Option<usize>> = vec![None; old_len];
    let mut new_taken = vec![false; new_len];
    for pass in passes {
        let mut unpaired_new: HashMap<K, Vec<usize>> = HashMap::new();
        for index in (0..new_len).rev().filter(|&index| !new_taken[index]) {
            if let Some(key) = (pass.new)(index) {
                unpaired_new.entry(key).or_default().push(index);
            }
        }
        for (old_index, partner) in partner_of_old.iter_mut().enumerate() {
            if partner.is_some() {
                continue;
            }
            let Some(key) = (pass.old)(old_index) else {
                continue;
            };
            if let Some(new_index) = unpaired_new.get_mut(&key).and_then(Vec::pop) {
                *partner = Some(new_index);
                new_taken[new_index] = true;
            }
        }
    }
    let mut pairs = Pairs::default();
    for (old_index, partner) in partner_of_old.into_iter().enumerate() {
        match partner {
            Some(new_index) => pairs.both.push((old_index, new_index)),
            None => pairs.removed.push(old_index),
        }
    }
    pairs.added = (0..new_len).filter(|&index| !new_taken[index]).collect();
    pairs
}

/// Pairs two lists by one key.
pub(crate) fn pair_by<T, K: Eq + Hash>(old: &[T], new: &[T], key: impl Fn(&T) -> K) -> Pairs {
    pair(
        old.len(),
        new.len(),
        &[Pass {
            old: &|index| Some(key(&old[index])),
            new: &|index| Some(key(&new[index])),
        }],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_passes_pair_only_what_earlier_ones_left() {
        const OLD: [&str; 3] = ["a:1", "b:2", "c:3"];
        const NEW: [&str; 4] = ["b:2", "z:3", "a:9", "d:4"];
        let name = |items: &'static [&'static str]| move |i: usize| Some(&items[i][..1]);
        let number = |items: &'static [&'static str]| move |i: usize| Some(&items[i][2..]);
        let pairs = pair(
            OLD.len(),
            NEW.len(),
            &[
                Pass {
                    old: &name(&OLD),
                    new: &name(&NEW),
                },
                Pass {
                    old: &number(&OLD),
                    new: &number(&NEW),
                },
            ],
        );
        // a and b by name first; c then pairs with z by number; d is new.
        assert_eq!(pairs.both, [(0, 2), (1, 0), (2, 1)]);
        assert!(pairs.removed.is_empty());
        assert_eq!(pairs.added, [3]);
    }
}
