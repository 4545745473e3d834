#!/usr/bin/env bash
# Copies official Twilio OpenAPI files into tests/oai/ and rewrites the checksum list in
# tests/oai/SOURCE.md. Usage: bash scripts/vendor-oai.sh <twilio-oai>/spec/yaml/twilio_x_v1.yaml …
# (with no arguments it only rewrites the list).
set -euo pipefail
cd "$(dirname "$0")/.."
for file in "$@"; do
    cp "$file" tests/oai/
done
list=$(cd tests/oai && for f in twilio_*.yaml; do
    echo "  - \`$f\` (sha256 \`$(sha256sum "$f" | cut -d' ' -f1)\`)"
done)
# Replace the lines between "byte-for-byte unmodified:" and the LICENSE entry.
awk -v list="$list" '
    /byte-for-byte unmodified:/ { print; print list; skipping = 1; next }
    skipping && /`LICENSE`/ { skipping = 0 }
    !skipping { print }
' tests/oai/SOURCE.md > tests/oai/SOURCE.md.new
mv tests/oai/SOURCE.md.new tests/oai/SOURCE.md
