//! The newest XCover document in OpenAPI 3.1 form (`spec/xcover-<v>.openapi31.yaml`, made by
//! `spec/generate.py`) generates byte for byte the code of its 3.0 form, with the same
//! fallbacks, and `diff` between the two reports nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use xcover_codegen::{generate_from_str, Settings};

const VERSION: &str = "2.152.1";

fn spec(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate is inside the workspace")
        .join("spec")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    (path, text)
}

fn settings() -> Settings {
    Settings {
        client_params: vec!["partner_id".to_string()],
        ..Settings::default()
    }
}

#[test]
fn the_31_form_is_a_31_document() {
    let (_, text) = spec(&format!("xcover-{VERSION}.openapi31.yaml"));
    assert!(text.contains("\nopenapi: 3.1.0\n"));
    assert!(!text.contains("nullable"), "the 3.1 form has no `nullable`");
    assert!(!text.contains("x-webhooks"), "the 3.1 form has `webhooks`");
    assert!(text.contains("\nwebhooks:\n"));
    assert!(text.contains("const: "));
    assert!(text.contains("- 'null'"), "type lists with null");
}

#[test]
fn the_31_form_generates_the_code_of_the_30_one() {
    let (_, text30) = spec(&format!("xcover-{VERSION}.yaml"));
    let (_, text31) = spec(&format!("xcover-{VERSION}.openapi31.yaml"));
    let from30 = generate_from_str(&text30, &settings()).expect("3.0 generates");
    let from31 = generate_from_str(&text31, &settings()).expect("3.1 generates");
    for ((name, code30), (_, code31)) in
        from30.module_files().into_iter().zip(from31.module_files())
    {
        assert!(
            code30 == code31,
            "{name} differs between the 3.0 and 3.1 forms"
        );
    }
    assert_eq!(from30.summary.fallbacks, from31.summary.fallbacks);
    assert_eq!(from30.summary.types, from31.summary.types);
    assert_eq!(from30.summary.operations, from31.summary.operations);
}

#[test]
fn a_changed_31_form_would_be_noticed() {
    // The comparison above can fail: a 3.1 document that differs in meaning differs in code.
    let (_, text30) = spec(&format!("xcover-{VERSION}.yaml"));
    let (_, text31) = spec(&format!("xcover-{VERSION}.openapi31.yaml"));
    let changed = text31.replacen("- 'null'", "- 'integer'", 1);
    assert_ne!(changed, text31);
    let from30 = generate_from_str(&text30, &settings()).expect("3.0 generates");
    let changed = generate_from_str(&changed, &settings()).expect("still generates");
    assert_ne!(from30.types, changed.types);
}

#[test]
fn diff_between_the_two_forms_reports_nothing() {
    let (path30, _) = spec(&format!("xcover-{VERSION}.yaml"));
    let (path31, _) = spec(&format!("xcover-{VERSION}.openapi31.yaml"));
    let output = Command::new(env!("CARGO_BIN_EXE_xcover-codegen"))
        .arg("diff")
        .arg(&path30)
        .arg(&path31)
        .args(["--format", "json", "--fail-on", "any"])
        .output()
        .expect("the CLI runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let changes = report
        .get("changes")
        .and_then(serde_json::Value::as_array)
        .unwrap_or_else(|| panic!("a list of changes: {stdout}"));
    assert!(changes.is_empty(), "{stdout}");
}

#[test]
fn diff_from_an_older_30_document_is_the_same_to_either_form() {
    let (older, _) = spec("xcover-2.138.1.yaml");
    let diff_to = |name: String| {
        let (newer, _) = spec(&name);
        let output = Command::new(env!("CARGO_BIN_EXE_xcover-codegen"))
            .arg("diff")
            .arg(&older)
            .arg(&newer)
            .args(["--format", "json"])
            .output()
            .expect("the CLI runs");
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let to30 = diff_to(format!("xcover-{VERSION}.yaml"));
    assert!(to30.contains("CurrencyEnum"), "{to30}");
    assert_eq!(to30, diff_to(format!("xcover-{VERSION}.openapi31.yaml")));
}

/// Loading the 3.1 form costs at most 1.2× loading the 3.0 one: paired runs, the two loads
/// back to back in alternating order, and the median of each pair's ratio, so that a busy
/// spell of a shared machine falls on both sides. A timing, so run on demand, in release:
/// `cargo test --release -p xcover-cli --test openapi31_xcover -- --ignored --nocapture`.
#[test]
#[ignore = "a timing: run in release, on demand (BENCHMARKS.md)"]
fn loading_the_31_form_costs_at_most_1_2_times_the_30_one() {
    use std::time::Instant;
    let (_, text30) = spec(&format!("xcover-{VERSION}.yaml"));
    let (_, text31) = spec(&format!("xcover-{VERSION}.openapi31.yaml"));
    let time = |text: &str| {
        let started = Instant::now();
        let loaded = xcover_codegen::load::load_document(text).expect("loads");
        let elapsed = started.elapsed().as_secs_f64();
        std::hint::black_box(loaded);
        elapsed
    };
    for _ in 0..5 {
        time(&text30);
        time(&text31);
    }
    let rounds = 61;
    let (mut ratios, mut times30, mut times31) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (t30, t31) = if round % 2 == 0 {
            let t30 = time(&text30);
            (t30, time(&text31))
        } else {
            let t31 = time(&text31);
            (time(&text30), t31)
        };
        ratios.push(t31 / t30);
        times30.push(t30);
        times31.push(t31);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let (ratio, t30, t31) = (
        median(&mut ratios),
        median(&mut times30),
        median(&mut times31),
    );
    println!(
        "load XCover {VERSION}: 3.0 {:.2} ms, 3.1 {:.2} ms, median paired ratio {ratio:.3} ({rounds} pairs)",
        t30 * 1e3,
        t31 * 1e3
    );
    assert!(
        ratio <= 1.2,
        "loading the 3.1 form costs {ratio:.3}× the 3.0 one"
    );
}
