//! The deployed check: one runner crate calls every case's `witness::deployed` with OLD's
//! client against a fake NEW server, and the requests it sent are checked against NEW's spec.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use super::build::{cargo, repository, root, write};
use super::spec;

/// A case the runner runs: its name, its witness, OLD's include file and NEW's document.
pub struct Run<'a> {
    pub case: &'a str,
    pub witness: &'a Path,
    pub old_include: String,
    pub new: &'a Value,
}

/// What the runner found of one case.
#[derive(Debug, Clone)]
pub struct Found {
    /// `deployed()`'s error.
    pub error: Option<String>,
    /// Why requests are invalid under NEW.
    pub invalid_requests: Vec<String>,
}

impl Found {
    pub fn breaks(&self) -> bool {
        self.error.is_some() || !self.invalid_requests.is_empty()
    }
}

/// The runner's folder, relative to the workspace root.
pub const MEMBER: &str = "runner";

/// The runner's package name.
pub const PACKAGE: &str = "witness-runner";

/// Writes the runner crate and the routes of every case.
pub fn write_runner(runs: &[Run]) {
    let dir = root().join(MEMBER);
    let runtime = repository().join("xcover-runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"witness-runner\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nxcover-runtime = {{ path = \"{}\" }}\nasync-trait = \"0.1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n",
            runtime.display()
        ),
    );
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/witness/fake_server.rs");
    let mut main = format!(
        "#![allow(warnings)]\n#[path = \"{}\"]\nmod fake_server;\n\n",
        fake.display()
    );
    let mut calls = String::new();
    let mut routes = serde_json::Map::new();
    for run in runs {
        let include = dir.join("src/old").join(format!("{}.rs", run.case));
        write(&include, &run.old_include);
        main.push_str(&format!(
            "mod {case} {{\n    pub mod sdk {{\n        include!(\"{include}\");\n    }}\n    #[path = \"{witness}\"]\n    pub mod witness;\n}}\n",
            case = run.case,
            include = include.display(),
            witness = run.witness.display(),
        ));
        // A witness that sets credentials does it on the builder: `configure(builder)`.
        let witness_text = std::fs::read_to_string(run.witness).expect("the witness");
        let builder = format!(
            "{}::sdk::Client::builder(\"http://fake.invalid\")",
            run.case
        );
        let builder = if witness_text.contains("pub fn configure(") {
            format!("{}::witness::configure({builder})", run.case)
        } else {
            builder
        };
        calls.push_str(&format!(
            "    {{\n        let fake = fake_server::Fake::new(&routes, \"{case}\");\n        let client = {builder}.with(fake.clone()).build().expect(\"client\");\n        let result = std::panic::AssertUnwindSafe({case}::witness::deployed(&client)).catch_unwind().await.unwrap_or_else(|_| Err(\"panicked\".to_owned()));\n        fake.report(\"{case}\", result);\n    }}\n",
            case = run.case,
        ));
        routes.insert(run.case.to_owned(), routes_of(run.new));
    }
    main.push_str(&format!(
        "\n#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {{\n    use xcover_runtime::futures_util::FutureExt;\n    let routes = fake_server::load(&std::env::args().nth(1).expect(\"routes file\"));\n{calls}}}\n"
    ));
    write(&dir.join("src/main.rs"), &main);
    write(
        &dir.join("routes.json"),
        &serde_json::to_string_pretty(&Value::Object(routes)).expect("JSON"),
    );
}

/// What the fake answers to each operation of NEW.
fn routes_of(new: &Value) -> Value {
    let routes: Vec<Value> = spec::operations(new)
        .into_iter()
        .map(|operation| {
            let answer = spec::answer(new, operation.operation);
            json!({
                "method": operation.method,
                "template": operation.template,
                "status": answer.status,
                "content_type": answer.content_type,
                "body": answer.body,
            })
        })
        .collect();
    Value::Array(routes)
}

/// Runs the runner; what it found of each case, its requests checked against NEW.
pub fn run(runs: &[Run]) -> BTreeMap<String, Found> {
    let output = cargo()
        .args(["run", "-q", "-p", PACKAGE, "--"])
        .arg(root().join(MEMBER).join("routes.json"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut found = BTreeMap::new();
    for line in stdout.lines().filter(|line| line.starts_with("{\"case\"")) {
        let line: Value = serde_json::from_str(line).expect("the runner's JSON");
        let case = line["case"].as_str().expect("a case").to_owned();
        let new = runs
            .iter()
            .find(|run| run.case == case)
            .expect("a case that ran")
            .new;
        let invalid_requests = line["requests"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|request| problems(new, request))
            .collect();
        found.insert(
            case,
            Found {
                error: line["error"].as_str().map(str::to_owned),
                invalid_requests,
            },
        );
    }
    assert!(
        found.len() == runs.len(),
        "the runner reported {} of {} cases:\n{}",
        found.len(),
        runs.len(),
        String::from_utf8_lossy(&output.stderr)
    );
    found
}

/// Why NEW would reject `request` (as the runner recorded it): nothing when it is valid.
pub fn problems(new: &Value, request: &Value) -> Vec<String> {
    let method = request["method"].as_str().unwrap_or("");
    let path = request["path"].as_str().unwrap_or("");
    let Some(spec::Route {
        operation,
        path_values,
        ..
    }) = spec::route(new, method, path)
    else {
        return vec![format!("{method} {path}: no operation")];
    };
    let at = format!("{method} {}", operation.template);
    let mut problems = Vec::new();
    let query: Vec<(&str, &str)> = request["query"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair.get(0)?.as_str()?, pair.get(1)?.as_str()?)))
        .collect();
    let header = |name: &str| {
        request["headers"]
            .as_object()
            .and_then(|headers| {
                headers
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(name))
            })
            .and_then(|(_, value)| value.as_str())
    };

    // Parameters: the operation's, over the path item's of the same name and place.
    let mut parameters: BTreeMap<(String, String), &Value> = BTreeMap::new();
    for list in [
        operation.path_item.get("parameters"),
        operation.operation.get("parameters"),
    ] {
        for parameter in list.and_then(Value::as_array).into_iter().flatten() {
            let parameter = spec::resolve(new, parameter);
            let name = parameter["name"].as_str().unwrap_or("").to_owned();
            let place = parameter["in"].as_str().unwrap_or("").to_owned();
            parameters.insert((place, name), parameter);
        }
    }
    for ((place, name), parameter) in &parameters {
        let values: Vec<String> = match place.as_str() {
            "path" => path_values
                .iter()
                .filter(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .collect(),
            "query" => query
                .iter()
                .filter(|(key, _)| key == name)
                .map(|(_, value)| value.to_string())
                .collect(),
            "header" => header(name).map(str::to_owned).into_iter().collect(),
            _ => continue,
        };
        let required = parameter["required"].as_bool().unwrap_or(false);
        if values.is_empty() {
            if required {
                problems.push(format!("{at}: required {place} parameter `{name}` missing"));
            }
            continue;
        }
        let Some(schema) = parameter.get("schema") else {
            continue;
        };
        let instance = parameter_value(new, schema, &values);
        if let Err(error) = spec::check(new, schema, &instance) {
            problems.push(format!(
                "{at}: {place} parameter `{name}` = {instance}: {error}"
            ));
        }
    }

    // The body.
    let body = request["body"].as_str();
    if let Some(request_body) = operation.operation.get("requestBody") {
        let request_body = spec::resolve(new, request_body);
        let content_type = header("content-type")
            .map(|value| value.split(';').next().unwrap_or("").trim().to_owned());
        match (body, content_type) {
            (None, _) => {
                if request_body["required"].as_bool().unwrap_or(false) {
                    problems.push(format!("{at}: required body missing"));
                }
            }
            (Some(_), None) => problems.push(format!("{at}: a body without a content type")),
            (Some(body), Some(content_type)) => match request_body["content"].get(&content_type) {
                None => problems.push(format!("{at}: body of type {content_type} not accepted")),
                Some(media) if spec::is_json(&content_type) => {
                    match serde_json::from_str::<Value>(body) {
                        Err(error) => problems.push(format!("{at}: body not JSON: {error}")),
                        Ok(instance) => {
                            if let Some(schema) = media.get("schema") {
                                if let Err(error) = spec::check(new, schema, &instance) {
                                    problems.push(format!("{at}: body {instance}: {error}"));
                                }
                            }
                        }
                    }
                }
                Some(_) => {}
            },
        }
    } else if body.is_some_and(|body| !body.is_empty()) {
        problems.push(format!("{at}: a body where NEW takes none"));
    }

    // Credentials: one of the requirements NEW lists, each scheme of it sent.
    let requirements = operation
        .operation
        .get("security")
        .or_else(|| new.get("security"))
        .and_then(Value::as_array);
    if let Some(requirements) = requirements.filter(|list| !list.is_empty()) {
        let sent = |scheme: &str| {
            let Some(scheme) = new.pointer(&format!("/components/securitySchemes/{scheme}")) else {
                return false;
            };
            let scheme = spec::resolve(new, scheme);
            let name = scheme["name"].as_str().unwrap_or("");
            match (scheme["type"].as_str(), scheme["in"].as_str()) {
                (Some("apiKey"), Some("query")) => query.iter().any(|(key, _)| *key == name),
                (Some("apiKey"), Some("cookie")) => {
                    header("cookie").is_some_and(|cookie| cookie.contains(&format!("{name}=")))
                }
                (Some("apiKey"), _) => header(name).is_some(),
                (Some("http"), _) => {
                    let prefix = match scheme["scheme"].as_str() {
                        Some(kind) if kind.eq_ignore_ascii_case("basic") => "basic ",
                        _ => "bearer ",
                    };
                    header("authorization")
                        .is_some_and(|value| value.to_ascii_lowercase().starts_with(prefix))
                }
                _ => header("authorization").is_some(),
            }
        };
        let satisfied = requirements.iter().any(|requirement| {
            requirement
                .as_object()
                .is_some_and(|schemes| schemes.keys().all(|scheme| sent(scheme)))
        });
        if !satisfied {
            problems.push(format!("{at}: no credentials NEW's security accepts"));
        }
    }
    problems
}

/// A parameter's text values as the JSON its schema describes.
fn parameter_value(document: &Value, schema: &Value, values: &[String]) -> Value {
    let schema = spec::resolve(document, schema);
    let scalar = |schema: &Value, text: &str| -> Value {
        let schema = spec::resolve(document, schema);
        match schema["type"].as_str() {
            Some("integer") | Some("number") => serde_json::from_str::<serde_json::Number>(text)
                .map(Value::Number)
                .unwrap_or_else(|_| json!(text)),
            Some("boolean") => match text {
                "true" => json!(true),
                "false" => json!(false),
                _ => json!(text),
            },
            _ => json!(text),
        }
    };
    if schema["type"] == "array" {
        let items = schema.get("items").cloned().unwrap_or(json!({}));
        Value::Array(
            values
                .iter()
                .flat_map(|value| value.split(','))
                .map(|text| scalar(&items, text))
                .collect(),
        )
    } else {
        scalar(schema, &values[0])
    }
}
