//! The `xcover-codegen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use xcover_codegen::{load, CrateName, Generated, RuntimeDependency, Settings};

/// Generates a Rust SDK from an OpenAPI 3.0 document, checks generated code is current, and
/// reports what changed between two documents.
///
/// Exit codes: 0 success; 1 generated files are stale (`check`) or the diff's verdict chosen
/// by `--fail-on` says it breaks; 2 bad input (the message names the place in the spec
/// with a JSON pointer and its line and column: `spec.yaml: #/paths/~1pets/get/responses/200
/// (line 12, column 11): missing field `description``), fallbacks refused by
/// `--deny-fallbacks`, or an I/O error.
#[derive(Parser)]
#[command(name = "xcover-codegen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the generated code.
    Generate(Output),
    /// Exits 1 when the files on disk differ from what `generate` would write.
    Check(Output),
    /// What changed between two versions of a spec, judged by the SDK generated from each: does
    /// code written against the old SDK compile against the new one (as a dependency, and when
    /// generated into the partner's crate), and does the old SDK keep working against the new
    /// API. Both documents are checked as `generate` checks them.
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The older document.
    old: PathBuf,
    /// The newer document.
    new: PathBuf,
    /// `markdown` (a report, breaking changes first), `json` (for tools) or `changelog` (an
    /// entry for xcover-generated/CHANGELOG.md).
    #[arg(long, default_value_t = xcover_diff::Format::Markdown)]
    format: xcover_diff::Format,
    /// Exit 1 when this verdict says it breaks: `rebuild` (code written against the old SDK
    /// may not compile against the regenerated one, in the `--mode`), `deployed` (the old SDK
    /// may stop working against the new API) or `any`.
    #[arg(long, value_name = "VERDICT")]
    fail_on: Option<xcover_diff::FailOn>,
    /// The generation mode `--fail-on rebuild` judges: `dependency` (the SDK is a crate of its
    /// own) or `in-crate` (build.rs generates it into the partner's crate).
    #[arg(long, default_value_t = xcover_diff::Mode::Dependency)]
    mode: xcover_diff::Mode,
    /// The SDK's current version, to print the next one (`0.1.0 → 0.2.0`).
    #[arg(long, value_name = "VERSION")]
    sdk_version: Option<String>,
    /// A path parameter bound once per client, as given to `generate` (repeatable).
    #[arg(long = "client-param", value_name = "NAME")]
    client_params: Vec<String>,
}

#[derive(Args)]
struct Output {
    /// The OpenAPI 3.0 document (YAML or JSON).
    #[arg(long)]
    spec: PathBuf,
    /// The directory to write to: a module (`mod.rs`, `types.rs`, `client.rs`, `runtime.rs`),
    /// or a whole crate with `--crate`.
    #[arg(long)]
    out: PathBuf,
    /// A path parameter bound once per client instead of passed to every call
    /// (repeatable; for XCover: `partner_id`).
    #[arg(long = "client-param", value_name = "NAME")]
    client_params: Vec<String>,
    /// Writes a standalone crate with this name (Cargo.toml and src/) instead of a module; a
    /// name Cargo would refuse is refused here (exit 2).
    #[arg(long = "crate", value_name = "NAME")]
    crate_name: Option<CrateName>,
    /// With `--crate`: the `xcover-runtime` folder of a checkout of this repository, for the
    /// crate's one dependency (`xcover-runtime = { path = "PATH" }`); without it, the crate
    /// depends on the published version.
    #[arg(long, value_name = "PATH", requires = "crate_name")]
    runtime_path: Option<PathBuf>,
    /// The path callers use the generated code by (`xcover_generated`), which the `no_run`
    /// example of each client method names; without it a module gets no examples, and a crate
    /// (`--crate`) names itself.
    #[arg(long, value_name = "PATH", value_parser = rust_path)]
    example_root: Option<String>,
    /// Exit 2, writing nothing, when generation falls back anywhere to a looser type (such as
    /// `serde_json::Value`) or skips a construct; the fallbacks are listed.
    #[arg(long)]
    deny_fallbacks: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(output) => run_generate(&output, false),
        Command::Check(output) => run_generate(&output, true),
        Command::Diff(args) => run_diff(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run_generate(output: &Output, check_only: bool) -> Result<ExitCode, String> {
    let spec = output.spec.display();
    let text = load::read_path(&output.spec).map_err(|error| format!("{spec}: {error}"))?;
    let loaded =
        load::load_document_at(&text, &output.spec).map_err(|error| format!("{spec}: {error}"))?;
    let example_root = output.example_root.clone().or_else(|| {
        output
            .crate_name
            .as_ref()
            .map(|name| name.as_str().replace('-', "_"))
    });
    let settings = Settings {
        client_params: output.client_params.clone(),
        example_root,
    };
    // The later stages see the parsed document only: their errors are placed in the text here
    // (mapped back first, when a 3.1 document was rewritten).
    let generated = loaded
        .generate(&settings)
        .map_err(|error| format!("{spec}: {}", error.locate_in(&text)))?;
    let fallbacks = &generated.summary.fallbacks;
    if output.deny_fallbacks && !fallbacks.is_empty() {
        let mut message = format!(
            "{spec}: {} fallback(s) to a looser type or a skipped construct, refused by --deny-fallbacks:",
            fallbacks.len()
        );
        for fallback in fallbacks {
            message.push_str(&format!("\n  fallback {fallback}"));
        }
        return Err(message);
    }
    let files = files(&generated, output);
    if check_only {
        let stale: Vec<String> = files
            .iter()
            .filter(|(name, contents)| {
                std::fs::read_to_string(output.out.join(name))
                    .ok()
                    .as_deref()
                    != Some(contents.as_str())
            })
            .map(|(name, _)| output.out.join(name).display().to_string())
            .collect();
        if stale.is_empty() {
            eprintln!("up to date: {}", output.out.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("stale (run `xcover-codegen generate` with the same arguments):");
        for path in stale {
            eprintln!("  {path}");
        }
        return Ok(ExitCode::from(1));
    }
    for (name, contents) in &files {
        write(&output.out.join(name), contents)?;
    }
    report(&generated);
    Ok(ExitCode::SUCCESS)
}

fn run_diff(args: &DiffArgs) -> Result<ExitCode, String> {
    let settings = Settings {
        client_params: args.client_params.clone(),
        example_root: None,
    };
    let read = |path: &Path| {
        xcover_diff::Spec::read(path, &settings)
            .map_err(|error| format!("{}: {error}", path.display()))
    };
    let (old, new) = (read(&args.old)?, read(&args.new)?);
    let options = xcover_diff::Options {
        format: args.format,
        fail_on: args.fail_on,
        mode: args.mode,
        sdk_version: args.sdk_version.clone(),
    };
    let outcome = xcover_diff::run(&old, &new, &options);
    print!("{}", outcome.output);
    Ok(outcome.exit_code())
}

fn files(generated: &Generated, output: &Output) -> Vec<(String, String)> {
    let runtime = output
        .runtime_path
        .as_deref()
        .map_or_else(RuntimeDependency::published, RuntimeDependency::path);
    match output.crate_name.as_ref() {
        Some(name) => generated
            .crate_files(name, &runtime)
            .into_iter()
            .map(|(path, contents)| (path.to_string(), contents))
            .collect(),
        None => generated
            .module_files()
            .into_iter()
            .map(|(path, contents)| (path.to_string(), contents.to_string()))
            .collect(),
    }
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    std::fs::write(path, contents)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn report(generated: &Generated) {
    let summary = &generated.summary;
    eprintln!(
        "generated {} operations and {} types; {} fallbacks",
        summary.operations,
        summary.types,
        summary.fallbacks.len()
    );
    for fallback in &summary.fallbacks {
        eprintln!("  fallback {fallback}");
    }
}

/// A Rust path (`xcover_generated`, `my_crate::xcover`): it becomes code in doc examples.
fn rust_path(text: &str) -> Result<String, String> {
    match syn::parse_str::<syn::Path>(text) {
        Ok(path) if path.segments.iter().all(|s| s.arguments.is_none()) => Ok(text.to_string()),
        _ => Err(format!(
            "`{text}` is not a Rust path such as `my_crate::xcover`"
        )),
    }
}
