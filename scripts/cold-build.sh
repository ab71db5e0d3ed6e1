#!/usr/bin/env bash
# What generating the client at build time costs a partner, measured as one meets it: the
# README's two partner crates (examples/partner-build-time, generating in build.rs, and
# examples/partner-dependency, depending on xcover-generated), each built cold (an empty target
# directory, debug), alternating, RUNS times (default 3). Prints every time, each crate's median
# and the difference; BENCHMARKS.md records them. About 3 minutes a build on 2 cores.
#
#   scripts/cold-build.sh [RUNS] [WORK_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
# Outside the repository: a crate inside it would belong to its workspace.
work="${2:-${TMPDIR:-/tmp}/xcover-cold-build}"
partners=(partner-build-time partner-dependency)

rm -rf "$work"
mkdir -p "$work"
for partner in "${partners[@]}"; do
    mkdir -p "$work/$partner/src"
    for file in Cargo.toml build.rs src/main.rs; do
        [ -f "$root/examples/$partner/$file" ] || continue
        # Their paths into the repository, from where they are copied to.
        sed "s|\.\./\.\./|$root/|g" "$root/examples/$partner/$file" > "$work/$partner/$file"
    done
done
printf '[workspace]\nresolver = "2"\nmembers = ["partner-build-time", "partner-dependency"]\n' \
    > "$work/Cargo.toml"
# The project's lock file: both build the dependency versions the SDK is built with.
cp "$root/Cargo.lock" "$work/Cargo.lock"

declare -A times
for run in $(seq "$runs"); do
    for partner in "${partners[@]}"; do
        target="$work/target-$partner"
        rm -rf "$target"
        start=$(date +%s.%N)
        (cd "$work" && CARGO_TARGET_DIR="$target" cargo build --quiet -p "$partner")
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        times[$partner]="${times[$partner]:-} $seconds"
        printf '%s run %s: %.1f s\n' "$partner" "$run" "$seconds"
    done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
build_time=$(echo "${times[partner-build-time]}" | median)
dependency=$(echo "${times[partner-dependency]}" | median)
printf 'median: build-time %.1f s, dependency %.1f s, difference %.1f s\n' \
    "$build_time" "$dependency" "$(echo "$build_time - $dependency" | bc)"
