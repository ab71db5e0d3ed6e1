#!/usr/bin/env bash
# Which spec changes break code written against the previous SDK? For every pair of documents
#   - tests/semver/specs: base.yaml and each changed copy,
#   - spec/: each XCover version and the next (numerically: 2.16.0 → 2.77.4 → …; the 3.1 form
#     of the newest is left out), generated with `--client-param partner_id`,
#   - xcover-diff/tests/cases: each case's old.yaml and new.yaml,
# generates both crates with the CLI, then
#   1. runs cargo-semver-checks on the pair (installing version 0.51.0 when missing: about
#      30 minutes to build, so this script is for maintainers, never CI), and
#   2. for tests/semver/specs pairs, compiles tests/semver/partner, written against the base
#      crate, against the changed one: cargo-semver-checks compares no types, the compiler does
#      (the cases' witnesses do the same in `cargo test -p xcover-diff --test witnesses`);
#   3. records the bump `xcover-codegen diff` asks for, which must never be below what the
#      other two find.
# Writes the table to tests/semver/RESULTS.md.
#
# Usage: scripts/semver-checks.sh [WORK_DIR]
#   ONLY=REGEX  runs the pairs whose name (`specs/enum-value`, `spec/2.138.1-2.152.1`,
#               `cases/operation_removed`) matches the extended regex, and writes the table to
#               WORK_DIR/RESULTS.md instead.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# Outside the repository: a crate inside it would belong to its workspace.
work="${1:-${TMPDIR:-/tmp}/xcover-semver-pairs}"
only="${ONLY:-}"
version="0.51.0"

# --- The CLI: the only part that knows its package, its options and its output. ---
build_cli() {
    cargo build -q --manifest-path "$root/Cargo.toml" -p xcover-cli --bin xcover-codegen
    codegen="${CARGO_TARGET_DIR:-$root/target}/debug/xcover-codegen"
}

generate() { # spec, out, extra generate options…
    local spec="$1" out="$2"
    shift 2
    "$codegen" generate --spec "$spec" --out "$out" --crate sdk \
        --runtime-path "$root/xcover-runtime" "$@" 2> /dev/null
}

diff_bump() { # old spec, new spec, diff options…: the bump the diff asks for (major, minor, patch)
    local old="$1" new="$2"
    shift 2
    "$codegen" diff "$old" "$new" --format json "$@" | sed -nE 's/^  "bump": "([a-z]+)",$/\1/p'
}
# ---

if ! cargo semver-checks --version 2>/dev/null | grep -q "$version"; then
    cargo install cargo-semver-checks --version "$version" --locked
fi
build_cli

rm -rf "$work"
mkdir -p "$work"
# One target directory for every crate: the SDKs' dependencies are built once.
export CARGO_TARGET_DIR="$work/target"

# The pairs: name, old spec, new spec, whether the partner program applies, generate options.
pairs=()
add_pair() { # name old new partner options
    if [ -z "$only" ] || [[ "$1" =~ $only ]]; then
        pairs+=("$1|$2|$3|$4|$5")
    fi
}
specs="$root/tests/semver/specs"
for spec in "$specs"/*.yaml; do
    change="$(basename "$spec" .yaml)"
    [ "$change" = base ] && continue
    add_pair "specs/$change" "$specs/base.yaml" "$spec" yes ""
done
previous=""
while read -r spec; do
    if [ -n "$previous" ]; then
        from="$(basename "$previous" .yaml)"
        to="$(basename "$spec" .yaml)"
        add_pair "spec/${from#xcover-}-${to#xcover-}" "$previous" "$spec" no "--client-param partner_id"
    fi
    previous="$spec"
done < <(find "$root/spec" -maxdepth 1 -name 'xcover-*.yaml' ! -name '*.openapi31.yaml' | sort -V)
for case in "$root"/xcover-diff/tests/cases/*/; do
    name="$(basename "$case")"
    add_pair "cases/$name" "$case/old.yaml" "$case/new.yaml" no ""
done

rows=()
for pair in "${pairs[@]}"; do
    IFS='|' read -r name old new partner options <<< "$pair"
    dir="$work/${name//\//__}"
    log="$dir.semver.log"
    # shellcheck disable=SC2086 # options is a list of words
    generate "$old" "$dir/old" $options
    # shellcheck disable=SC2086
    generate "$new" "$dir/new" $options

    if cargo semver-checks --baseline-root "$dir/old" \
        --manifest-path "$dir/new/Cargo.toml" > "$log" 2>&1; then
        :
    fi
    summary="$(grep -E '^ *Summary' "$log" | sed -E 's/^ *Summary +//' | tail -n 1 || true)"
    [ -n "$summary" ] || summary="did not run: see $(basename "$log")"
    # Every lint that fired, with its level ("--- failure name: …" / "--- warning name: …").
    lints="$(grep -E '^--- (failure|warning) ' "$log" | sed -E 's/^--- ([a-z]+) ([a-z_]+):.*/\1 `\2`/' | paste -sd ',' - | sed 's/,/, /g' || true)"
    [ -n "$lints" ] || lints="none"

    compiles="—"
    if [ "$partner" = yes ]; then
        program="$dir/partner"
        mkdir -p "$program"
        cp -r "$root/tests/semver/partner/src" "$program/"
        sed "s|@SDK@|$dir/new|" "$root/tests/semver/partner/Cargo.toml.in" > "$program/Cargo.toml"
        if cargo check -q --manifest-path "$program/Cargo.toml" > "$dir.partner.log" 2>&1; then
            compiles="yes"
        else
            compiles="**no** (see $(basename "$dir").partner.log)"
        fi
    fi
    # shellcheck disable=SC2086
    bump="$(diff_bump "$old" "$new" $options)"
    # The diff's bump must never be below what cargo-semver-checks requires.
    case "$summary" in
        *"new major version"*) floor=major ;;
        *"new minor version"*) floor=minor ;;
        *) floor=patch ;;
    esac
    rank() { case "$1" in major) echo 2 ;; minor) echo 1 ;; *) echo 0 ;; esac; }
    if [ "$(rank "$bump")" -ge "$(rank "$floor")" ]; then at_least="yes"; else at_least="**no**"; fi
    rows+=("| $name | $summary | $lints | $compiles | $bump | $at_least |")
    echo "$name: $summary; lints: $lints; partner compiles: $compiles; diff: $bump; at least: $at_least" >&2
done

results="$root/tests/semver/RESULTS.md"
[ -z "$only" ] || results="$work/RESULTS.md"
{
    echo "# Spec changes and what they break"
    echo
    echo "Made by \`scripts/semver-checks.sh\` (cargo-semver-checks $version). Each row generates"
    echo "the SDK crate of both documents of a pair with \`xcover-codegen generate --crate sdk\`"
    echo "(the XCover versions in \`spec/\` with \`--client-param partner_id\`), runs"
    echo "\`cargo semver-checks --baseline-root OLD --manifest-path NEW/Cargo.toml\`, and reads"
    echo "the bump \`xcover-codegen diff OLD NEW\` asks for. The pairs: \`specs/<change>\` is"
    echo "\`specs/base.yaml\` and \`specs/<change>.yaml\`, whose partner program (written against"
    echo "the base SDK) is compiled against the changed one; \`spec/A-B\` is two consecutive XCover"
    echo "versions; \`cases/<name>\` is \`xcover-diff/tests/cases/<name>\`, whose witness"
    echo "\`cargo test -p xcover-diff --test witnesses\` compiles. The last column says whether"
    echo "the diff's bump is at least what cargo-semver-checks requires: it compares no types,"
    echo "so it is a floor the diff must never fall below."
    echo
    echo "| pair | cargo-semver-checks | lints that fired | partner program compiles | diff's bump | diff ≥ cargo-semver-checks |"
    echo "| --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
} > "$results"
echo "wrote $results" >&2
