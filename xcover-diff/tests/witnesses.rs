//! The diff's verdicts proved against the compiler. Each folder of `tests/cases` holds a pair
//! of documents (`old.yaml`, `new.yaml`), the diff's report (`report.md`) and a witness
//! (`witness.rs`): a partner's module written against the SDK of OLD, using what the change
//! touches. The witness must compile against OLD; against NEW it must fail to compile, as a
//! dependency and as an in-crate module, exactly when the rebuild verdict of that mode says
//! breaking. Its `deployed()` runs OLD's client against a fake NEW server: a call failing, or a
//! request NEW's spec rejects, must happen exactly when the deployed verdict says breaking.
//!
//! `UPDATE_REPORTS=1 cargo test -p xcover-diff --test witnesses` rewrites the reports and
//! the table of results, `tests/cases/RESULTS.md`.

mod support {
    pub mod corpus;
}
mod witness {
    pub mod build;
    pub mod deployed;
    pub mod spec;
}

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use support::corpus;
use witness::build::{self, Build, Mode};
use witness::deployed::{self, Run};
use xcover_codegen::{Generated, Settings};

/// What the diff says of a case.
struct Verdicts {
    rebuild_dependency: bool,
    rebuild_in_crate: bool,
    deployed: bool,
    markdown: String,
}

/// The one place that asks the diff: the rest of the test reads `Verdicts`.
fn verdicts(old: &str, new: &str) -> Verdicts {
    let report = xcover_diff::diff(&corpus::spec(old), &corpus::spec(new), None);
    Verdicts {
        rebuild_dependency: report.breaks_rebuild(xcover_diff::Mode::Dependency),
        rebuild_in_crate: report.breaks_rebuild(xcover_diff::Mode::InCrate),
        deployed: report.breaks_deployed(),
        markdown: report.to_markdown(),
    }
}

impl Verdicts {
    fn rebuild(&self, mode: Mode) -> bool {
        match mode {
            Mode::Dependency => self.rebuild_dependency,
            Mode::InCrate => self.rebuild_in_crate,
        }
    }
}

/// A case folder, read and generated.
struct Case {
    name: String,
    dir: PathBuf,
    new_text: String,
    old: Generated,
    new: Generated,
    verdicts: Verdicts,
}

fn cases() -> Vec<Case> {
    corpus::pairs()
        .into_iter()
        .map(|pair| {
            let name = pair.name;
            let dir = corpus::dir(&name);
            assert!(dir.join("witness.rs").exists(), "{name} has no witness.rs");
            let generate = |text: &str, side: &str| {
                xcover_codegen::generate_from_str(text, &Settings::default())
                    .unwrap_or_else(|error| panic!("{name}/{side}.yaml: {error}"))
            };
            Case {
                old: generate(&pair.old, "old"),
                new: generate(&pair.new, "new"),
                verdicts: verdicts(&pair.old, &pair.new),
                name,
                dir,
                new_text: pair.new,
            }
        })
        .collect()
}

fn yes_no(breaks: bool) -> &'static str {
    if breaks {
        "breaks"
    } else {
        "ok"
    }
}

#[test]
fn witnesses_agree_with_the_verdicts() {
    let started = Instant::now();
    let cases = cases();
    let mut disagreements = Vec::new();

    // The reports.
    let update = std::env::var_os("UPDATE_REPORTS").is_some_and(|value| value == "1");
    for case in &cases {
        let path = case.dir.join("report.md");
        if update {
            build::write(&path, &case.verdicts.markdown);
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(committed) if committed == case.verdicts.markdown => {}
            Ok(_) => disagreements.push(format!(
                "{}: report.md differs from the diff's report (UPDATE_REPORTS=1 rewrites it)",
                case.name
            )),
            Err(_) => disagreements.push(format!(
                "{}: no report.md (UPDATE_REPORTS=1 writes it)",
                case.name
            )),
        }
    }

    // Rebuild: every witness against OLD and NEW, in both modes, in one cargo run.
    let witnesses: Vec<PathBuf> = cases
        .iter()
        .map(|case| case.dir.join("witness.rs"))
        .collect();
    let builds: Vec<Build> = cases
        .iter()
        .zip(&witnesses)
        .map(|(case, witness)| Build {
            case: &case.name,
            witness,
            old: &case.old,
            new: &case.new,
        })
        .collect();
    let news: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| witness::spec::parse(&case.new_text))
        .collect();
    let all_runs: Vec<Run> = cases
        .iter()
        .zip(&witnesses)
        .zip(&news)
        .map(|((case, witness), new)| Run {
            case: &case.name,
            witness,
            old_include: case.old.include_file(),
            new,
        })
        .collect();
    // The runner must exist to be a member; it is built later, of the witnesses that compile.
    deployed::write_runner(&all_runs);
    let outcomes = build::check_all(&builds, (deployed::MEMBER, deployed::PACKAGE));
    let old_compiles = |case: &str| {
        Mode::ALL
            .iter()
            .all(|mode| outcomes[&(case.to_owned(), mode.name(), "old")].compiled)
    };

    // Deployed: the cases whose witness compiles against OLD.
    let runs: Vec<Run> = all_runs
        .into_iter()
        .filter(|run| old_compiles(run.case))
        .collect();
    deployed::write_runner(&runs);
    let found = deployed::run(&runs);

    // The verdicts against what the compiler and the runner found.
    let mut table = String::from(TABLE_HEADER);
    for case in &cases {
        let name = &case.name;
        for mode in Mode::ALL {
            let old = &outcomes[&(name.clone(), mode.name(), "old")];
            if !old.compiled {
                disagreements.push(format!(
                    "{name} ({}): the witness does not compile against OLD:\n{}",
                    mode.name(),
                    first_errors(&old.errors)
                ));
            }
        }
        let new_breaks = |mode: Mode| !outcomes[&(name.clone(), mode.name(), "new")].compiled;
        for mode in Mode::ALL {
            let breaks = new_breaks(mode);
            if old_compiles(name) && breaks != case.verdicts.rebuild(mode) {
                disagreements.push(format!(
                    "{name} (rebuild, {}): the verdict says {}, the compiler {}:\n{}",
                    mode.name(),
                    yes_no(case.verdicts.rebuild(mode)),
                    yes_no(breaks),
                    first_errors(&outcomes[&(name.clone(), mode.name(), "new")].errors)
                ));
            }
        }
        let deployed = found.get(name);
        if let Some(found) = deployed {
            if found.breaks() != case.verdicts.deployed {
                disagreements.push(format!(
                    "{name} (deployed): the verdict says {}, the runner {}: {}{}",
                    yes_no(case.verdicts.deployed),
                    yes_no(found.breaks()),
                    found
                        .error
                        .as_deref()
                        .map(|error| format!("deployed() failed: {error}; "))
                        .unwrap_or_default(),
                    found.invalid_requests.join("; ")
                ));
            }
        }
        // What the compiler says of NEW, when the witness is right about OLD.
        let compiler = |mode: Mode| {
            if outcomes[&(name.clone(), mode.name(), "old")].compiled {
                yes_no(new_breaks(mode))
            } else {
                "witness fails on OLD"
            }
        };
        let _ = writeln!(
            table,
            "| {name} | {} | {} | {} | {}/{}/{} |",
            compiler(Mode::Dependency),
            compiler(Mode::InCrate),
            deployed.map_or("not run", |found| yes_no(found.breaks())),
            yes_no(case.verdicts.rebuild_dependency),
            yes_no(case.verdicts.rebuild_in_crate),
            yes_no(case.verdicts.deployed),
        );
    }
    // The table, committed beside the cases: what the compiler and the runner found, and what
    // the diff says.
    let results = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/RESULTS.md");
    if update {
        build::write(&results, &table);
    } else if fs::read_to_string(&results).ok().as_deref() != Some(table.as_str()) {
        disagreements.push(
            "tests/cases/RESULTS.md differs from this run's table (UPDATE_REPORTS=1 rewrites it)"
                .to_owned(),
        );
    }
    println!("{table}");
    println!("{} cases in {:?}", cases.len(), started.elapsed());
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n\n{}",
        disagreements.len(),
        disagreements.join("\n\n")
    );
}

/// The start of `tests/cases/RESULTS.md`: what it is and the command that makes it.
const TABLE_HEADER: &str = "# The diff's verdicts against the compiler and a running old SDK

Made by `UPDATE_REPORTS=1 cargo test -p xcover-diff --test witnesses` (without
`UPDATE_REPORTS`, the test fails when this table is not what it finds). For each case of
`tests/cases`, the witness written against the SDK of OLD is compiled against the SDK of NEW
as a dependency and as an in-crate module (*breaks*: it no longer compiles), and the old SDK
runs the witness's calls against a fake server answering as NEW (*breaks*: a call fails, or
NEW rejects a request it sends). The last column is the diff's three verdicts; the test
fails when any differs from the three before it.

| case | rebuild, dependency | rebuild, in-crate | deployed | diff (dependency/in-crate/deployed) |
| --- | --- | --- | --- | --- |
";

/// The first compiler errors, enough to see why.
fn first_errors(errors: &[String]) -> String {
    if errors.is_empty() {
        return "(no error message: a dependency failed?)".to_owned();
    }
    errors
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The request checks themselves: each request NEW would reject is caught, and a valid one
/// passes.
#[test]
fn request_checks_catch_what_new_rejects() {
    use serde_json::{json, Value};
    let new = witness::spec::parse(
        r#"
openapi: 3.0.3
info: {title: Check, version: 1.0.0}
security: [{ApiKey: []}]
paths:
  /quotes/{id}:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, pattern: '^Q[0-9]+$'}}
        - {name: limit, in: query, required: true, schema: {type: integer, maximum: 10}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Quote'}
      responses:
        '200': {description: ok}
components:
  securitySchemes:
    ApiKey: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Quote:
      type: object
      required: [note]
      properties:
        note: {type: string, nullable: true, maxLength: 5}
"#,
    );
    let headers = json!({"x-api-key": "key", "content-type": "application/json"});
    let request = |method: &str, path: &str, limit: &str, headers: &Value, body: Option<&str>| {
        json!({
            "method": method,
            "path": path,
            "query": [["limit", limit]],
            "headers": headers,
            "body": body,
        })
    };
    let valid = request(
        "POST",
        "/quotes/Q1",
        "3",
        &headers,
        Some(r#"{"note":null}"#),
    );
    assert_eq!(deployed::problems(&new, &valid), Vec::<String>::new());
    let no_key = json!({"content-type": "application/json"});
    for (why, invalid) in [
        (
            "no operation",
            request("GET", "/quotes/Q1", "3", &headers, None),
        ),
        (
            "path pattern",
            request("POST", "/quotes/X1", "3", &headers, Some("{\"note\":null}")),
        ),
        (
            "maximum",
            request(
                "POST",
                "/quotes/Q1",
                "11",
                &headers,
                Some("{\"note\":null}"),
            ),
        ),
        (
            "type",
            request(
                "POST",
                "/quotes/Q1",
                "ten",
                &headers,
                Some("{\"note\":null}"),
            ),
        ),
        (
            "credentials",
            request("POST", "/quotes/Q1", "3", &no_key, Some("{\"note\":null}")),
        ),
        (
            "maxLength",
            request(
                "POST",
                "/quotes/Q1",
                "3",
                &headers,
                Some("{\"note\":\"long note\"}"),
            ),
        ),
        (
            "required property",
            request("POST", "/quotes/Q1", "3", &headers, Some("{}")),
        ),
        (
            "required body",
            request("POST", "/quotes/Q1", "3", &headers, None),
        ),
    ] {
        assert!(
            !deployed::problems(&new, &invalid).is_empty(),
            "{why}: {invalid}"
        );
    }
    let mut without_limit = valid.clone();
    without_limit["query"] = json!([]);
    assert!(!deployed::problems(&new, &without_limit).is_empty());
}
