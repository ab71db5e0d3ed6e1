//! Where a JSON pointer's node is in the text of a document: its line and column.
//!
//! Used only to report an error: the text is parsed again, this time into events that carry
//! their positions, and the pointer is followed through them.

use saphyr_parser::{Event, Parser, Span};

use crate::diagnostics::{Location, Pointer};

/// Where the node `pointer` names starts in `text` (YAML or JSON); `None` when the text does
/// not parse or holds no such node, or the pointer is into another file.
pub(crate) fn locate(text: &str, pointer: &Pointer) -> Option<Location> {
    if pointer.file().is_some() {
        return None;
    }
    find(text, pointer, Target::Node)
}

/// Where the last key of `pointer` is given the second time in its mapping.
pub(super) fn locate_repeated_key(text: &str, pointer: &Pointer) -> Option<Location> {
    find(text, pointer, Target::RepeatedKey)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The node the pointer names (for a mapping entry, its value).
    Node,
    /// The second occurrence of the pointer's last key.
    RepeatedKey,
}

fn find(text: &str, pointer: &Pointer, target: Target) -> Option<Location> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let events = Events::parse(text)?;
    let tokens: Vec<_> = pointer.tokens().collect();
    let mut node = events.root()?;
    for (depth, token) in tokens.iter().enumerate() {
        node = events.resolve(node);
        let last = depth + 1 == tokens.len();
        node = match &events.list[node].0 {
            Event::MappingStart(..) if last && target == Target::RepeatedKey => {
                let key = events
                    .entries(node)
                    .filter(|&(key, _)| events.is_key(key, token));
                return key.map(|(key, _)| events.location(key)).nth(1);
            }
            Event::MappingStart(..) => events
                .entries(node)
                .find(|&(key, _)| events.is_key(key, token))
                .map(|(_, value)| value)?,
            Event::SequenceStart(..) => events.items(node).nth(token.parse().ok()?)?,
            _ => return None,
        };
    }
    match target {
        Target::Node => Some(events.location(events.resolve(node))),
        Target::RepeatedKey => None,
    }
}

/// A document's events, in order; a node is the index of its first event.
struct Events<'input> {
    list: Vec<(Event<'input>, Span)>,
    /// Where each anchor's node starts, by anchor id.
    anchors: std::collections::HashMap<usize, usize>,
}

impl<'input> Events<'input> {
    fn parse(text: &'input str) -> Option<Self> {
        let mut list = Vec::new();
        let mut anchors = std::collections::HashMap::new();
        for event in Parser::new_from_str(text) {
            let (event, span) = event.ok()?;
            let anchor = match &event {
                Event::Scalar(_, _, anchor, _)
                | Event::SequenceStart(anchor, _)
                | Event::MappingStart(anchor, _) => *anchor,
                _ => 0,
            };
            if anchor != 0 {
                anchors.insert(anchor, list.len());
            }
            list.push((event, span));
        }
        Some(Events { list, anchors })
    }

    /// The first document's root node.
    fn root(&self) -> Option<usize> {
        let start = self
            .list
            .iter()
            .position(|(event, _)| matches!(event, Event::DocumentStart(_)))?;
        (start + 1 < self.list.len()).then_some(start + 1)
    }

    /// The node an alias stands for; any other node itself.
    fn resolve(&self, node: usize) -> usize {
        match self.list[node].0 {
            Event::Alias(anchor) => self.anchors.get(&anchor).copied().unwrap_or(node),
            _ => node,
        }
    }

    /// The index just after the node starting at `node`.
    fn after(&self, node: usize) -> usize {
        let mut depth = 0usize;
        for (index, (event, _)) in self.list.iter().enumerate().skip(node) {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
                Event::MappingEnd | Event::SequenceEnd => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return index + 1;
            }
        }
        self.list.len()
    }

    /// The child nodes of the collection starting at `node`.
    fn children(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = node + 1;
        std::iter::from_fn(move || {
            let (event, _) = self.list.get(next)?;
            if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
                return None;
            }
            let child = next;
            next = self.after(child);
            Some(child)
        })
    }

    fn items(&self, sequence: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(sequence)
    }

    /// The (key, value) nodes of the mapping starting at `mapping`.
    fn entries(&self, mapping: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut children = self.children(mapping);
        std::iter::from_fn(move || Some((children.next()?, children.next()?)))
    }

    fn is_key(&self, node: usize, token: &str) -> bool {
        matches!(&self.list[self.resolve(node)].0, Event::Scalar(key, ..) if key == token)
    }

    fn location(&self, node: usize) -> Location {
        let start = self.list[node].1.start;
        Location {
            line: start.line(),
            column: start.col() + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(usize, usize)> {
        let pointer = Pointer::from_ref(pointer).expect("a pointer");
        locate(text, &pointer).map(|location| (location.line, location.column))
    }

    #[test]
    fn a_node_is_found_in_block_and_flow_yaml() {
        let text = "a:\n  b: [1, {c: x}]\n  'd/e':\n    f: 2\n";
        assert_eq!(at(text, "#"), Some((1, 1)));
        assert_eq!(at(text, "#/a/b"), Some((2, 6)));
        assert_eq!(at(text, "#/a/b/1/c"), Some((2, 14)));
        assert_eq!(at(text, "#/a/d~1e/f"), Some((4, 8)));
        assert_eq!(at(text, "#/a/d~1e"), Some((4, 5)));
        assert_eq!(at(text, "#/a/missing"), None);
        assert_eq!(at(text, "#/a/b/7"), None);
        assert_eq!(at("a: [unclosed", "#/a"), None);
    }

    #[test]
    fn a_node_is_found_in_json_and_through_aliases() {
        let json = "{\n  \"a\": {\"b\":[true,\n  \"x\"]}\n}";
        assert_eq!(at(json, "#/a/b/1"), Some((3, 3)));
        let aliased = "x: &anchor\n  y: 1\nz: *anchor\n";
        assert_eq!(at(aliased, "#/z/y"), Some((2, 6)));
        // A byte order mark is not a column.
        assert_eq!(at("\u{feff}a: 1\n", "#/a"), Some((1, 4)));
    }

    #[test]
    fn a_repeated_key_is_found_at_its_second_occurrence() {
        let text = "a:\n  k: 1\n  j: 2\n  k: 3\n  k: 4\n";
        let pointer = Pointer::root().join("a").join("k");
        let location = locate_repeated_key(text, &pointer).expect("found");
        assert_eq!((location.line, location.column), (4, 3));
        assert_eq!(
            locate_repeated_key(text, &Pointer::root().join("a").join("j")),
            None
        );
    }
}
