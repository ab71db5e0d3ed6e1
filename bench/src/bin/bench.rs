//! Runs every benchmark side by side and prints one table of medians and ratios (Markdown),
//! as recorded in BENCHMARKS.md. Run through `scripts/bench.sh` from the repository root.
//!
//! 1. criterion: generation (xcover-codegen, progenitor, parse alone) and run time
//!    (deserializing a quote package, signing a request);
//! 2. peak memory (max RSS) of `xcover-codegen generate` on the largest public spec, and of
//!    both generators on nexus;
//! 3. compile time of the crate each generator writes for nexus, crate only (dependencies
//!    built first), debug and release, the median of `--runs` builds.
//!
//! What generating at build time costs a partner is `scripts/cold-build.sh`.
//!
//! Options: `--runs N` (compile runs, default 3), `--skip-criterion`, `--skip-compile`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use xcover_bench::{parse_only, repo_root, xcover_generate};

struct Options {
    runs: usize,
    criterion: bool,
    compile: bool,
}

fn main() {
    let mut options = Options {
        runs: 3,
        criterion: true,
        compile: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                options.runs = args
                    .next()
                    .and_then(|runs| runs.parse().ok())
                    .expect("--runs takes a number")
            }
            "--skip-criterion" => options.criterion = false,
            "--skip-compile" => options.compile = false,
            other => panic!("unknown option {other}"),
        }
    }
    let root = repo_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("bench/target"));
    let mut rows = Vec::new();

    if options.criterion {
        run(Command::new(cargo()).current_dir(root.join("bench")).args([
            "bench",
            "--bench",
            "generation",
            "--bench",
            "runtime",
        ]));
        let median = |id: &str| criterion_median(&target.join("criterion").join(id));
        let ms = |ns: f64| format!("{:.1} ms", ns / 1e6);
        let us = |ns: f64| format!("{:.2} µs", ns / 1e3);
        let ours = median("nexus/xcover-codegen");
        let theirs = median("nexus/progenitor");
        rows.push(row(
            "generation, nexus (437 KB): xcover-codegen vs progenitor 0.15.1",
            ms(ours),
            ms(theirs),
            ours / theirs,
            "≤ 0.5",
        ));
        // The goal of at most 3× the parse is set for the XCover and OpenAI specs; nexus, whose
        // JSON serde_json parses several times faster than YAML, is shown for comparison.
        for (group, label, goal) in [
            ("nexus", "generation, nexus vs parsing it", ""),
            (
                "xcover-2-152-1",
                "generation, XCover 2.152.1 (112 KB) vs parsing it",
                "≤ 3",
            ),
            ("openai", "generation, OpenAI (1.2 MB) vs parsing it", "≤ 3"),
        ] {
            let ours = median(&format!("{group}/xcover-codegen"));
            let parse = median(&format!("{group}/parse"));
            rows.push(row(label, ms(ours), ms(parse), ours / parse, goal));
        }
        // Criterion measures each side for seconds on end, so a busy spell of the machine can
        // land on one side only; here every run parses, then generates, and the ratio is the
        // median of the runs' own ratios.
        for (text, runs, label) in [
            (
                xcover_bench::xcover_spec(),
                60,
                "generation, XCover 2.152.1 vs parsing it, paired runs",
            ),
            (
                xcover_bench::public_spec("openai__openapi.yaml"),
                15,
                "generation, OpenAI vs parsing it, paired runs",
            ),
        ] {
            let (generate, parse, ratio) = paired(&text, runs);
            rows.push(row(label, ms(generate), ms(parse), ratio, "≤ 3"));
        }
        let typed = median("quote-package/QuotePackage");
        let value = median("quote-package/serde_json-Value");
        rows.push(row(
            "deserialize a quote package (1.9 KB): QuotePackage vs serde_json::Value",
            us(typed),
            us(value),
            typed / value,
            "",
        ));
        let signing = median("signing/authorization");
        rows.push(row(
            "sign one request",
            us(signing),
            "".into(),
            f64::NAN,
            "",
        ));
    }

    // Release binaries of both generators.
    run(Command::new(cargo())
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .args([
            "build",
            "--release",
            "-p",
            "xcover-cli",
            "--bin",
            "xcover-codegen",
        ]));
    run(Command::new(cargo()).current_dir(root.join("bench")).args([
        "build",
        "--release",
        "--bin",
        "progenitor-generate",
    ]));
    let xcover = root.join("target/release/xcover-codegen");
    let progenitor = target.join("release/progenitor-generate");
    let specs = root.join("../shared/specs");
    let nexus = specs.join("oxide__nexus.json");
    let largest = largest_file(&specs);
    let crates = root.join("target/bench-crates");
    let _ = std::fs::remove_dir_all(&crates);

    let xcover_generate = |spec: &Path, name: &str| {
        let mut command = Command::new(&xcover);
        command.arg("generate").arg("--spec").arg(spec);
        command
            .arg("--out")
            .arg(crates.join(name))
            .args(["--crate", name])
            .arg("--runtime-path")
            .arg(root.join("xcover-runtime"));
        command
    };
    let peak_largest = peak_memory_kib(&mut xcover_generate(&largest, "largest"));
    rows.push(row(
        &format!(
            "peak memory, `xcover-codegen generate` on the largest spec ({})",
            largest.file_name().unwrap().to_string_lossy()
        ),
        mib(peak_largest),
        "".into(),
        f64::NAN,
        "",
    ));
    let ours = peak_memory_kib(&mut xcover_generate(&nexus, "xcover-nexus"));
    std::fs::create_dir_all(crates.join("progenitor-nexus/src")).unwrap();
    let theirs = peak_memory_kib(
        Command::new(&progenitor)
            .arg(&nexus)
            .arg(crates.join("progenitor-nexus/src/lib.rs")),
    );
    rows.push(row(
        "peak memory, generating nexus: xcover-codegen vs progenitor",
        mib(ours),
        mib(theirs),
        ours / theirs,
        "",
    ));

    if options.compile {
        std::fs::write(
            crates.join("progenitor-nexus/Cargo.toml"),
            PROGENITOR_CRATE_MANIFEST,
        )
        .unwrap();
        std::fs::write(
            crates.join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = [\"xcover-nexus\", \"progenitor-nexus\"]\n",
        )
        .unwrap();
        let crates_target = crates.join("target");
        let build = |release: bool, package: &str| {
            let mut command = Command::new(cargo());
            // Incremental compilation would reuse the last build of an unchanged crate: each
            // timed build compiles the crate from scratch.
            command
                .current_dir(&crates)
                .env("CARGO_TARGET_DIR", &crates_target)
                .env("CARGO_INCREMENTAL", "0")
                .args(["build", "--quiet"]);
            if release {
                command.arg("--release");
            }
            command.args(["-p", package]);
            command
        };
        let mut compile_times: Vec<(&str, &str, f64)> = Vec::new();
        for release in [false, true] {
            for package in ["xcover-nexus", "progenitor-nexus"] {
                // Dependencies first (with this package's features alone, as in the timed
                // builds), so that the runs below build the crate alone.
                run(&mut build(release, package));
                let times: Vec<f64> = (0..options.runs)
                    .map(|_| {
                        touch(&crates.join(package).join("src/lib.rs"));
                        let started = Instant::now();
                        run(&mut build(release, package));
                        started.elapsed().as_secs_f64()
                    })
                    .collect();
                eprintln!("{package} {release}: {times:?}");
                let profile = if release { "release" } else { "debug" };
                compile_times.push((package, profile, median_of(times)));
            }
        }
        let compile = |profile: &str, package: &str| {
            compile_times
                .iter()
                .find(|(p, pr, _)| *p == package && *pr == profile)
                .map(|(_, _, secs)| *secs)
                .expect("measured above")
        };
        for profile in ["debug", "release"] {
            let ours = compile(profile, "xcover-nexus");
            let theirs = compile(profile, "progenitor-nexus");
            rows.push(row(
                &format!("compile the generated nexus crate, {profile} (crate only)"),
                format!("{ours:.1} s"),
                format!("{theirs:.1} s"),
                ours / theirs,
                if profile == "release" { "≤ 0.5" } else { "" },
            ));
            let lines = |package: &str| line_count(&crates.join(package).join("src"));
            if profile == "debug" {
                rows.push(row(
                    "lines of the generated nexus crate",
                    lines("xcover-nexus").to_string(),
                    lines("progenitor-nexus").to_string(),
                    lines("xcover-nexus") as f64 / lines("progenitor-nexus") as f64,
                    "",
                ));
            }
        }
    }

    println!("| measurement | xcover | baseline | ratio | goal |\n|---|---|---|---|---|");
    for (label, values) in &rows {
        println!("| {label} | {values} |");
    }
}

/// progenitor's generated code needs these: progenitor-client's own dependencies (reqwest
/// 0.13), and what the nexus output names (base64, rand, regress, chrono, uuid). No TLS
/// backend: crate-only compile time does not depend on it.
const PROGENITOR_CRATE_MANIFEST: &str = r#"[package]
name = "progenitor-nexus"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
base64 = "0.22"
bytes = "1"
chrono = { version = "0.4", default-features = false, features = ["serde", "std"] }
futures = "0.3"
progenitor-client = "=0.15.1"
rand = "0.9"
regress = "0.10"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream", "form"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_urlencoded = "0.7"
uuid = { version = "1", features = ["serde", "v4"] }
"#;

/// A table row: the label, and the cells after it.
type Row = (String, String);

/// Median times (ns) of generating from `text` and of parsing it, and the median of the
/// ratios of each run, in which one parse and one generation run back to back, in turn first.
fn paired(text: &str, runs: usize) -> (f64, f64, f64) {
    let time = |work: &dyn Fn()| {
        let start = Instant::now();
        work();
        start.elapsed().as_secs_f64() * 1e9
    };
    let parse = || time(&|| drop(std::hint::black_box(parse_only(text))));
    let generate = || {
        time(&|| {
            std::hint::black_box(xcover_generate(text));
        })
    };
    // One of each first, so that neither side pays for a cold start.
    parse();
    generate();
    let (mut generated, mut parsed, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        let (parse_time, generate_time) = if run % 2 == 0 {
            (parse(), generate())
        } else {
            let generate_time = generate();
            (parse(), generate_time)
        };
        parsed.push(parse_time);
        generated.push(generate_time);
        ratios.push(generate_time / parse_time);
    }
    (median_of(generated), median_of(parsed), median_of(ratios))
}

fn row(label: &str, ours: String, baseline: String, ratio: f64, goal: &str) -> Row {
    let ratio = if ratio.is_nan() {
        String::new()
    } else {
        format!("{ratio:.2}")
    };
    (
        label.to_string(),
        format!("{ours} | {baseline} | {ratio} | {goal}"),
    )
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run(command: &mut Command) {
    let status = command.status().expect("the command starts");
    assert!(status.success(), "{command:?} failed");
}

/// The median of criterion's bootstrap estimates, in nanoseconds.
fn criterion_median(dir: &Path) -> f64 {
    let path = dir.join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let estimates: serde_json::Value = serde_json::from_str(&text).expect("criterion's JSON");
    estimates["median"]["point_estimate"]
        .as_f64()
        .expect("a median")
}

/// Runs the command under GNU time and returns its maximum resident set size in KiB.
fn peak_memory_kib(command: &mut Command) -> f64 {
    let report = std::env::temp_dir().join("xcover-bench-time.txt");
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("%M").arg("-o").arg(&report);
    timed.arg(command.get_program()).args(command.get_args());
    let output = timed.output().expect("/usr/bin/time runs (GNU time)");
    assert!(
        output.status.success(),
        "{timed:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(&report)
        .expect("GNU time wrote its report")
        .trim()
        .parse()
        .expect("max RSS in KiB")
}

fn mib(kib: f64) -> String {
    format!("{:.0} MiB", kib / 1024.0)
}

fn largest_file(dir: &Path) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("the public specs are at ../shared/specs/")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e != "md"))
        .max_by_key(|path| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
        .expect("at least one spec")
}

fn touch(path: &Path) {
    let text = std::fs::read(path).expect("the crate root exists");
    std::fs::write(path, text).expect("the crate root is writable");
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn line_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("the crate has sources")
        .filter_map(Result::ok)
        .map(|entry| {
            std::fs::read_to_string(entry.path())
                .map(|text| text.lines().count())
                .unwrap_or(0)
        })
        .sum()
}
