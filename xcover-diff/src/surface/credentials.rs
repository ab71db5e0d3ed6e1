//! The client builder's credential settings, one per security scheme the SDK applies itself.

use xcover_codegen::ir::security::{Credential, CredentialKind, KeyLocation};

use crate::model::{Change, ChangeKind, Element, Scope};
use crate::pairing::{pair, Pass};
use crate::pairs::Context;
use crate::pointer::join;
use crate::record::change;
use crate::rules;

/// Compares the settings, paired by scheme name, then by how the credential is sent.
pub(crate) fn compare(context: &Context, changes: &mut Vec<Change>) {
    let (old, new) = (&context.old.ir.credentials, &context.new.ir.credentials);
    let pairs = pair(
        old.len(),
        new.len(),
        &[
            Pass {
                old: &|i| Some(old[i].scheme.clone()),
                new: &|i| Some(new[i].scheme.clone()),
            },
            Pass {
                old: &|i| Some(describe(&old[i].kind)),
                new: &|i| Some(describe(&new[i].kind)),
            },
        ],
    );
    let pointer = |credential: &Credential| join("/components/securitySchemes", &credential.scheme);
    let location = |credential: &Credential| format!("`ClientBuilder::{}`", credential.setter);
    let shown =
        |credential: &Credential| format!("{} ({})", credential.setter, describe(&credential.kind));
    for &index in &pairs.removed {
        let credential = &old[index];
        changes.push(
            change(
                &Scope::Security,
                ChangeKind::Removed,
                Element::Credential,
                location(credential),
                rules::CREDENTIAL_REMOVED,
            )
            .values(Some(shown(credential)), None)
            .at(&pointer(credential), ""),
        );
    }
    for &(old_index, new_index) in &pairs.both {
        let (old_credential, new_credential) = (&old[old_index], &new[new_index]);
        let (kind, verdicts) = if old_credential.kind.arguments() != new_credential.kind.arguments()
        {
            (ChangeKind::Retyped, rules::CREDENTIAL_RETYPED)
        } else if old_credential.setter != new_credential.setter {
            (ChangeKind::Renamed, rules::CREDENTIAL_RENAMED)
        } else if old_credential.kind != new_credential.kind {
            let in_use = context.new.json.requires_scheme(&new_credential.scheme);
            (ChangeKind::Changed, rules::credential_moved(in_use))
        } else {
            continue;
        };
        changes.push(
            change(
                &Scope::Security,
                kind,
                Element::Credential,
                location(old_credential),
                verdicts,
            )
            .values(Some(shown(old_credential)), Some(shown(new_credential)))
            .at(&pointer(old_credential), &pointer(new_credential)),
        );
    }
    for &index in &pairs.added {
        let credential = &new[index];
        changes.push(
            change(
                &Scope::Security,
                ChangeKind::Added,
                Element::Credential,
                location(credential),
                rules::CREDENTIAL_ADDED,
            )
            .values(None, Some(shown(credential)))
            .at("", &pointer(credential)),
        );
    }
}

/// How a credential is sent: `API key in header X-Api-Key`, `HTTP bearer`.
fn describe(kind: &CredentialKind) -> String {
    match kind {
        CredentialKind::ApiKey { location, name } => {
            let place = match location {
                KeyLocation::Header => "header",
                KeyLocation::Query => "query",
                KeyLocation::Cookie => "cookie",
            };
            format!("API key in {place} {name}")
        }
        CredentialKind::Bearer => "HTTP bearer".to_owned(),
        CredentialKind::Basic => "HTTP basic".to_owned(),
    }
}
