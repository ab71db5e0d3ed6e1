//! The document's `servers`: the base URLs the SDK can be pointed at.

use serde_json::Value;

use crate::classify;
use crate::context::{change, Diff, Site};
use crate::document::str_field;
use crate::model::{ChangeKind, Element, Scope};
use crate::pointer::Pointers;
use crate::schemas::diff_doc;
use crate::usage::Usage;

/// Compares servers by URL; a server whose URL changed but whose description did not is one
/// changed server rather than a removal and an addition.
pub(crate) fn diff_servers(diff: &mut Diff) {
    let no_servers = Vec::new();
    let old_servers = diff.old.root()["servers"].as_array().unwrap_or(&no_servers);
    let new_servers = diff.new.root()["servers"].as_array().unwrap_or(&no_servers);
    let url = |server: &Value| str_field(server, "url").unwrap_or_default().to_owned();
    let description = |server: &Value| str_field(server, "description").map(str::to_owned);

    let mut new_paired = vec![false; new_servers.len()];
    let mut old_unpaired = Vec::new();
    for (old_index, old_server) in old_servers.iter().enumerate() {
        match new_servers.iter().position(|s| url(s) == url(old_server)) {
            Some(new_index) => {
                new_paired[new_index] = true;
                diff_server(
                    diff,
                    old_server,
                    old_index,
                    &new_servers[new_index],
                    new_index,
                );
            }
            None => old_unpaired.push(old_index),
        }
    }
    for old_index in old_unpaired {
        let old_server = &old_servers[old_index];
        let same_description = new_servers.iter().enumerate().position(|(i, s)| {
            !new_paired[i] && description(s).is_some() && description(s) == description(old_server)
        });
        match same_description {
            Some(new_index) => {
                new_paired[new_index] = true;
                diff_server(
                    diff,
                    old_server,
                    old_index,
                    &new_servers[new_index],
                    new_index,
                );
            }
            None => diff.record(
                change(
                    Scope::Servers,
                    ChangeKind::Removed,
                    Element::Server,
                    "server".to_owned(),
                    classify::SERVER_REMOVED,
                )
                .values(Some(url(old_server)), None)
                .at(&format!("/servers/{old_index}"), ""),
            ),
        }
    }
    for (new_index, new_server) in new_servers.iter().enumerate() {
        if !new_paired[new_index] {
            diff.record(
                change(
                    Scope::Servers,
                    ChangeKind::Added,
                    Element::Server,
                    "server".to_owned(),
                    classify::SERVER_ADDED,
                )
                .values(None, Some(url(new_server)))
                .at("", &format!("/servers/{new_index}")),
            );
        }
    }
}

/// Compares two paired servers: URL, variables and description.
fn diff_server(diff: &mut Diff, old: &Value, old_index: usize, new: &Value, new_index: usize) {
    let site = Site {
        scope: Scope::Servers,
        usage: Usage::BOTH,
        context: format!("server `{}`", str_field(new, "url").unwrap_or_default()),
        field: String::new(),
        pointers: Pointers {
            old: format!("/servers/{old_index}"),
            new: format!("/servers/{new_index}"),
        },
    };
    for keyword in ["url", "variables"] {
        let (old_value, new_value) = (old.get(keyword), new.get(keyword));
        if old_value != new_value {
            let pointers = site.pointers.join(keyword);
            diff.record(
                site.change(
                    ChangeKind::Changed,
                    Element::Server,
                    classify::SERVER_CHANGED,
                )
                .location(format!("{keyword} of {}", site.context))
                .values(
                    old_value.map(crate::document::display_value),
                    new_value.map(crate::document::display_value),
                )
                .at(&pointers.old, &pointers.new),
            );
        }
    }
    diff_doc(diff, old, new, "description", Element::Server, &site);
}
