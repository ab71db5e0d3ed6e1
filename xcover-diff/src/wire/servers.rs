//! The document's `servers`: the base URLs the SDK can be pointed at. The caller gives the
//! client its base URL, so no change here moves generated code.

use serde_json::Value;

use crate::json::{display_value, str_field};
use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::{pair, Pass};
use crate::pairs::Context;
use crate::pointer::join;
use crate::record::change;
use crate::rules;

/// Compares servers by URL, then by description: a server whose URL changed but whose
/// description did not is one changed server rather than a removal and an addition.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    let no_servers = Vec::new();
    let list = |json: &crate::json::Json| {
        json.root()["servers"]
            .as_array()
            .unwrap_or(&no_servers)
            .clone()
    };
    let (old, new) = (list(&context.old.json), list(&context.new.json));
    let url = |server: &Value| str_field(server, "url").unwrap_or_default().to_owned();
    let description = |server: &Value| str_field(server, "description").map(str::to_owned);
    let pairs = pair(
        old.len(),
        new.len(),
        &[
            Pass {
                old: &|i| Some(url(&old[i])),
                new: &|i| Some(url(&new[i])),
            },
            Pass {
                old: &|i| description(&old[i]),
                new: &|i| description(&new[i]),
            },
        ],
    );
    let pointer = |index: usize| format!("/servers/{index}");
    for &index in &pairs.removed {
        changes.push(
            change(
                &Scope::Servers,
                ChangeKind::Removed,
                Element::Server,
                "server",
                rules::SERVER_CHANGED,
            )
            .values(Some(url(&old[index])), None)
            .at(&pointer(index), ""),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_server, new_server) = (&old[old_index], &new[new_index]);
        for keyword in ["url", "variables", "description"] {
            let (old_value, new_value) = (old_server.get(keyword), new_server.get(keyword));
            if old_value == new_value {
                continue;
            }
            let kind = if keyword == "description" {
                ChangeKind::DocChanged
            } else {
                ChangeKind::Changed
            };
            changes.push(
                change(
                    &Scope::Servers,
                    kind,
                    Element::Server,
                    format!("{keyword} of server `{}`", url(new_server)),
                    rules::SERVER_CHANGED,
                )
                .values(old_value.map(display_value), new_value.map(display_value))
                .at(
                    &join(&pointer(old_index), keyword),
                    &join(&pointer(new_index), keyword),
                ),
            );
        }
    }
    for &index in &pairs.added {
        changes.push(
            change(
                &Scope::Servers,
                ChangeKind::Added,
                Element::Server,
                "server",
                rules::SERVER_CHANGED,
            )
            .values(None, Some(url(&new[index])))
            .at("", &pointer(index)),
        );
    }
}
