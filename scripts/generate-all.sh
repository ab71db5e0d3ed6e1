#!/usr/bin/env bash
# Generates every spec the project tests against into one folder per spec, so that two
# versions of the generator can be compared byte for byte:
#
#   scripts/generate-all.sh /tmp/before     # on the old commit
#   scripts/generate-all.sh /tmp/after      # on the new one
#   diff -r /tmp/before /tmp/after
#
# The specs: the five XCover documents (with `partner_id` bound, as the SDK is generated), the
# public ones in ../shared/specs/ beside the repository, and the two fixtures of constructs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/generate-all.sh OUT_DIR}"
cargo build --quiet --release -p xcover-cli
generator=target/release/xcover-codegen
rm -rf "$out"
mkdir -p "$out"
for spec in spec/xcover-*.yaml; do
    "$generator" generate --spec "$spec" --out "$out/$(basename "$spec")" --client-param partner_id 2>/dev/null
done
for spec in ../shared/specs/*.y*ml ../shared/specs/*.json xcover-codegen/tests/robustness/tricky.yaml tests/fixtures/codegen-features.yaml; do
    "$generator" generate --spec "$spec" --out "$out/$(basename "$spec")" 2>/dev/null
done
echo "generated into $out: $(find "$out" -name '*.rs' | wc -l) files"
