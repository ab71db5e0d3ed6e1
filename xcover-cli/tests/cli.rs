//! The command line: exit codes, messages that point into the spec, and `check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xcover-codegen"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

fn workspace_file(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `generate` on a spec written from `yaml` into a fresh directory; returns the output
/// and the directory it was told to write to.
fn generate_spec(name: &str, yaml: &str) -> (Output, PathBuf) {
    let dir = scratch(name);
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, yaml).unwrap();
    let out = dir.join("out");
    let output = cli(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    (output, out)
}

/// What a run wrote to stderr.
fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The spec [`generate_spec`] wrote, beside the output directory it gave.
fn spec_of(out: &Path) -> PathBuf {
    out.parent().unwrap().join("spec.yaml")
}

#[test]
fn a_malformed_spec_exits_2_with_a_json_pointer() {
    let (output, out) = generate_spec(
        "malformed",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 7\n",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: #/paths/~1a/get/responses (line 6, column 18): invalid type: integer `7`, expected struct Responses\n",
            spec_of(&out).display()
        )
    );
    assert!(!out.exists(), "nothing is written for a bad spec");
}

#[test]
fn a_dangling_reference_exits_2_naming_where_it_is() {
    let (output, out) = generate_spec(
        "dangling",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {$ref: '#/components/schemas/Missing'}\n",
    );
    assert_eq!(output.status.code(), Some(2));
    // Found after loading, on the parsed document, and placed in the text all the same.
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: #/components/schemas/A/properties/b (line 9, column 12): `$ref` `#/components/schemas/Missing` names no component\n",
            spec_of(&out).display()
        )
    );
}

#[test]
fn check_passes_on_fresh_output_and_fails_on_stale_output() {
    let dir = scratch("check");
    let out = dir.join("sdk");
    let spec = workspace_file("spec/xcover-2.152.1.yaml");
    let args = |command: &'static str| {
        vec![
            command,
            "--spec",
            &spec,
            "--out",
            out.to_str().unwrap(),
            "--client-param",
            "partner_id",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    let run = |command| {
        let args = args(command);
        cli(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let generated = run("generate");
    assert!(generated.status.success());
    assert_eq!(
        stderr(&generated),
        "generated 22 operations and 111 types; 0 fallbacks\n"
    );
    let fresh = run("check");
    assert_eq!(fresh.status.code(), Some(0));
    assert_eq!(stderr(&fresh), format!("up to date: {}\n", out.display()));
    std::fs::write(out.join("types.rs"), "// edited by hand\n").unwrap();
    let stale = run("check");
    assert_eq!(stale.status.code(), Some(1));
    assert_eq!(
        stderr(&stale),
        format!(
            "stale (run `xcover-codegen generate` with the same arguments):\n  {}\n",
            out.join("types.rs").display()
        )
    );
}

#[test]
fn diff_exits_1_only_when_the_verdict_asked_for_breaks() {
    let old = workspace_file("spec/xcover-2.138.1.yaml");
    let new = workspace_file("spec/xcover-2.152.1.yaml");
    let report = cli(&["diff", &old, &new]);
    assert_eq!(report.status.code(), Some(0));
    // One line of the report: the whole report is `xcover-diff`'s to test.
    let stdout = String::from_utf8_lossy(&report.stdout);
    assert!(
        stdout.contains("Renamed type `Currency` → `CurrencyEnum`"),
        "{stdout}"
    );
    assert_eq!(
        cli(&["diff", &old, &new, "--fail-on", "rebuild"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        cli(&["diff", &new, &new, "--fail-on", "rebuild"])
            .status
            .code(),
        Some(0)
    );
    // 2.152.1 adds a pattern to `partner_id`: nothing stops compiling, but the old SDK's
    // requests may be refused.
    let bound = ["--client-param", "partner_id"];
    let exit = |extra: &[&str]| {
        let args: Vec<&str> = ["diff", old.as_str(), new.as_str()]
            .into_iter()
            .chain(bound)
            .chain(extra.iter().copied())
            .collect();
        cli(&args).status.code()
    };
    assert_eq!(exit(&["--fail-on", "deployed"]), Some(1));
    assert_eq!(
        exit(&["--fail-on", "rebuild", "--mode", "in-crate"]),
        Some(1)
    );
    assert_eq!(exit(&["--fail-on", "sometimes"]), Some(2));
    let versioned = cli(&["diff", &old, &new, "--sdk-version", "0.1.0"]);
    assert!(
        String::from_utf8_lossy(&versioned.stdout)
            .contains("SDK version: **0.1.0 → 0.2.0 (major)**."),
        "{}",
        String::from_utf8_lossy(&versioned.stdout)
    );
    let json = cli(&["diff", &old, &new, "--format", "json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON output");
    assert!(parsed.is_object());
}

#[test]
fn diff_refuses_a_spec_that_generate_refuses() {
    let dir = scratch("cli-diff-dangling");
    let good = dir.join("good.yaml");
    let bad = dir.join("bad.yaml");
    let document = |schema: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Pets, version: 1.0.0}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\ncomponents:\n  schemas:\n    Pet: {{type: object}}\n"
        )
    };
    std::fs::write(&good, document("Pet")).unwrap();
    std::fs::write(&bad, document("Pett")).unwrap();
    let output = cli(&["diff", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("bad.yaml: #/paths/~1pets/get/responses/200/content/application~1json/schema (line 12, column"),
        "{stderr}"
    );
}

#[test]
fn help_documents_every_command() {
    let help = String::from_utf8_lossy(&cli(&["--help"]).stdout).into_owned();
    for command in ["generate", "check", "diff"] {
        assert!(help.contains(command), "{help}");
    }
}

/// A spec whose cookie parameter is a fallback (skipped, with a note).
const WITH_A_FALLBACK: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n        - {name: c, in: cookie, schema: {type: string}}\n      responses:\n        '204': {description: none}\n";

#[test]
fn deny_fallbacks_exits_2_listing_them_and_writes_nothing() {
    let dir = scratch("deny_fallbacks");
    let spec = dir.join("spec.yaml");
    std::fs::write(&spec, WITH_A_FALLBACK).unwrap();
    let out = dir.join("out");
    let run = |command: &str, deny: bool| {
        let mut args = vec![
            command,
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        if deny {
            args.push("--deny-fallbacks");
        }
        cli(&args)
    };
    for command in ["generate", "check"] {
        let denied = run(command, true);
        assert_eq!(denied.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&denied),
            format!(
                "error: {}: 1 fallback(s) to a looser type or a skipped construct, refused by --deny-fallbacks:\n  fallback #/paths/~1a/get/parameters/0: cookie parameters are not supported: skipped\n",
                spec.display()
            ),
            "{command}"
        );
        assert!(!out.exists(), "{command} wrote files");
    }
    // Without the flag the same spec generates, and is then up to date.
    assert_eq!(run("generate", false).status.code(), Some(0));
    assert_eq!(run("check", false).status.code(), Some(0));
    assert_eq!(run("check", true).status.code(), Some(2));
}

#[test]
fn a_spec_without_fallbacks_passes_deny_fallbacks() {
    let (_, out) = generate_spec(
        "no_fallbacks",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
    );
    let spec = spec_of(&out);
    let output = cli(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--deny-fallbacks",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(out.join("types.rs").exists());
}

#[test]
fn a_key_given_twice_exits_2_at_the_second() {
    let (output, out) = generate_spec(
        "duplicate_key",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n",
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: #/paths (line 4, column 1): the key `paths` is given twice in this mapping (a key may appear once)\n",
            spec_of(&out).display()
        )
    );
    assert!(!out.exists());
}

#[test]
fn a_document_in_several_files_generates_and_its_errors_name_the_file() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../xcover-codegen/tests/fixtures/multi-file/api.yaml");
    let out = scratch("cli-multi-file").join("out");
    let output = cli(&[
        "generate",
        "--spec",
        fixture.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let types = std::fs::read_to_string(out.join("types.rs")).unwrap();
    assert!(types.contains("pub struct Pet"), "{types}");
    // An error in the other file names it, with the line and column there.
    let dir = scratch("cli-multi-file-error");
    std::fs::write(
        dir.join("common.yaml"),
        "Thing:\n  type: object\n  properties:\n    a: {$ref: '#/Missing'}\n",
    )
    .unwrap();
    let spec = dir.join("spec.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Thing: {$ref: 'common.yaml#/Thing'}\n",
    )
    .unwrap();
    let output = cli(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("common.yaml#/Thing/properties/a/$ref (line 4, column 15)"),
        "{message}"
    );
}

#[test]
fn diff_of_31_documents_points_into_them_as_written() {
    let dir = scratch("cli-diff-31");
    let spec = |property: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths:\n  /thing:\n    get:\n      operationId: getThing\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Thing'}}\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        inner: {{$ref: '#/components/schemas/Thing/$defs/Inner'}}\n      $defs:\n        Inner:\n          type: object\n          properties:\n            {property}: {{type: string}}\n"
        )
    };
    std::fs::write(dir.join("old.yaml"), spec("a")).unwrap();
    std::fs::write(dir.join("new.yaml"), spec("b")).unwrap();
    let output = cli(&[
        "diff",
        dir.join("old.yaml").to_str().unwrap(),
        dir.join("new.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8(output.stdout).unwrap();
    // `Inner` is hoisted to components/schemas/Thing_Inner in the 3.0 form the diff compares.
    assert!(
        report.contains(r#""old_pointer": "/components/schemas/Thing/$defs/Inner/properties/a""#),
        "{report}"
    );
    assert!(
        report.contains(r#""new_pointer": "/components/schemas/Thing/$defs/Inner/properties/b""#),
        "{report}"
    );
}
