#!/usr/bin/env bash
# Which spec changes break code written against the previous SDK? For each pair in
# tests/semver/specs (base.yaml and one changed copy), generates both crates with the CLI, then
#   1. runs cargo-semver-checks on the pair (installing version 0.51.0 when missing: about
#      30 minutes to build, so this script is for maintainers, never CI), and
#   2. compiles tests/semver/partner, written against the base crate, against the changed one:
#      cargo-semver-checks compares no types, the compiler does;
#   3. records the bump `xcover-codegen diff` asks for, which must never be below what the
#      other two find.
# Writes the table to tests/semver/RESULTS.md. Usage: scripts/semver-checks.sh [WORK_DIR]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# Outside the repository: a crate inside it would belong to its workspace.
work="${1:-${TMPDIR:-/tmp}/xcover-semver-pairs}"
specs="$root/tests/semver/specs"
results="$root/tests/semver/RESULTS.md"
version="0.51.0"

if ! cargo semver-checks --version 2>/dev/null | grep -q "$version"; then
    cargo install cargo-semver-checks --version "$version" --locked
fi
cargo build -q -p xcover-cli
codegen="$root/target/debug/xcover-codegen"

rm -rf "$work"
mkdir -p "$work"
# One target directory for every crate: the SDKs' dependencies are built once.
export CARGO_TARGET_DIR="$work/target"

generate() { # spec, out
    "$codegen" generate --spec "$1" --out "$2" --crate sdk --runtime-path "$root/xcover-runtime" 2> /dev/null
}

generate "$specs/base.yaml" "$work/base"

rows=()
for spec in "$specs"/*.yaml; do
    change="$(basename "$spec" .yaml)"
    [ "$change" = base ] && continue
    generate "$spec" "$work/$change"

    log="$work/$change.semver.log"
    if cargo semver-checks --baseline-root "$work/base" \
        --manifest-path "$work/$change/Cargo.toml" > "$log" 2>&1; then
        :
    fi
    summary="$(grep -E '^ *Summary' "$log" | sed -E 's/^ *Summary +//' | tail -n 1 || true)"
    [ -n "$summary" ] || summary="did not run: see $change.semver.log"
    # Every lint that fired, with its level ("--- failure name: …" / "--- warning name: …").
    lints="$(grep -E '^--- (failure|warning) ' "$log" | sed -E 's/^--- ([a-z]+) ([a-z_]+):.*/\1 `\2`/' | paste -sd ',' - | sed 's/,/, /g' || true)"
    [ -n "$lints" ] || lints="none"

    partner="$work/partner-$change"
    mkdir -p "$partner"
    cp -r "$root/tests/semver/partner/src" "$partner/"
    sed "s|@SDK@|$work/$change|" "$root/tests/semver/partner/Cargo.toml.in" > "$partner/Cargo.toml"
    if cargo check -q --manifest-path "$partner/Cargo.toml" > "$work/$change.partner.log" 2>&1; then
        compiles="yes"
    else
        compiles="**no** (see $change.partner.log)"
    fi
    verdict="$("$codegen" diff "$specs/base.yaml" "$spec" | sed -nE 's/^SDK version bump: \*\*([a-z]+)\*\*.*/\1/p')"
    rows+=("| $change | $summary | $lints | $compiles | $verdict |")
    echo "$change: $summary; lints: $lints; partner compiles: $compiles; diff: $verdict" >&2
done

{
    echo "# Spec changes that must not break partner code"
    echo
    echo "Made by \`scripts/semver-checks.sh\` (cargo-semver-checks $version): each row"
    echo "generates the SDK from \`specs/base.yaml\` and from \`specs/<change>.yaml\` with"
    echo "\`xcover-codegen generate --crate sdk\`, runs"
    echo "\`cargo semver-checks --baseline-root BASE --manifest-path CHANGED/Cargo.toml\`,"
    echo "compiles \`partner/\` (written against the base SDK) against the changed one, and"
    echo "reads the bump \`xcover-codegen diff specs/base.yaml specs/<change>.yaml\` asks for."
    echo
    echo "| change | cargo-semver-checks | lints that fired | partner program compiles | diff's bump |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
} > "$results"
echo "wrote $results" >&2
