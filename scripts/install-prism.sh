#!/usr/bin/env bash
# Install the pinned Prism mock server (@stoplight/prism-cli) and js-yaml into
# <repo>/.tools/prism, for the Prism end-to-end tests (tests/src/prism.rs).
#
# The versions are pinned by scripts/prism/package.json and
# scripts/prism/package-lock.json; `npm ci` installs exactly what the lock file
# says (integrity-checked). Needs Node >= 18.20.1 (we use 20) and npm, and
# only the npm registry. Idempotent: if the installed tree was made from the
# current lock file and the prism binary is present, it does nothing.
#
# Usage: bash scripts/install-prism.sh [--force]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/scripts/prism"
DEST="$ROOT/.tools/prism"
BIN="$DEST/node_modules/.bin/prism"
STAMP="$DEST/.install-stamp"

force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-prism: '$tool' not found on PATH (need Node >= 18.20.1 and npm)" >&2
    exit 1
  fi
done

pkg_version() { node -p 'require(process.argv[1]).version' "$1"; }

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
  echo "install-prism: Node $(node --version) is too old (need >= 18.20.1)" >&2
  exit 1
fi

# The stamp identifies the inputs (package.json + lock file) and the Node major
# version the tree was installed with.
want_stamp="$(cat "$SRC/package.json" "$SRC/package-lock.json" | sha256sum | cut -d' ' -f1) node$node_major"

if [ "$force" -eq 0 ] && [ -x "$BIN" ] && [ -f "$STAMP" ] \
   && [ "$(cat "$STAMP")" = "$want_stamp" ] \
   && [ -f "$DEST/node_modules/js-yaml/package.json" ]; then
  echo "install-prism: prism $(pkg_version "$DEST/node_modules/@stoplight/prism-cli/package.json") already installed in $DEST"
  exit 0
fi

echo "install-prism: installing into $DEST"
mkdir -p "$DEST"
rm -f "$STAMP"
cp "$SRC/package.json" "$SRC/package-lock.json" "$DEST/"

# npm ci removes any existing node_modules first, so a half-finished earlier
# install is cleaned up too. Retry once on a transient network failure.
npm_ci() {
  npm ci --prefix "$DEST" --no-audit --no-fund --ignore-scripts --loglevel=error
}
if ! npm_ci; then
  echo "install-prism: npm ci failed, retrying once in 5 s" >&2
  sleep 5
  npm_ci
fi

version="$("$BIN" --version)"
expected="$(node -p 'require(process.argv[1]).dependencies["@stoplight/prism-cli"]' "$SRC/package.json")"
if [ "$version" != "$expected" ]; then
  echo "install-prism: installed prism reports version '$version', expected '$expected'" >&2
  exit 1
fi
echo "$want_stamp" > "$STAMP"
echo "install-prism: installed prism $version and js-yaml $(pkg_version "$DEST/node_modules/js-yaml/package.json") in $DEST"
