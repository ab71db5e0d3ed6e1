#!/usr/bin/env bash
# Runs every benchmark side by side and prints one Markdown table of medians and ratios:
# generation time against progenitor and against parsing alone (criterion), peak memory,
# compile time of the generated nexus crates, and the SDK's run time.
#
#   scripts/bench.sh                  # everything (about 15 minutes on 2 cores, first run longer)
#   scripts/bench.sh --skip-compile   # criterion and peak memory only
#   scripts/bench.sh --runs 5         # compile timings: median of 5 builds instead of 3
#
# The benchmarks are a Cargo workspace of their own (bench/), so progenitor and criterion are
# never built by the project's own `cargo test --workspace`. They read the public specs from
# ../shared/specs/ beside the repository. BENCHMARKS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../bench"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --quiet --bin bench
exec "$CARGO_TARGET_DIR/release/bench" "$@"
