#!/usr/bin/env bash
# The whole test suite, as CI runs it: generated code freshness, formatting, lints, docs,
# unit/snapshot/end-to-end tests, and conformance against Twilio's official OpenAPI files
# through Prism (installed into .tools/ by scripts/install-prism.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "installing Prism (pinned, into .tools/prism)"
bash scripts/install-prism.sh

step "cargo xtask codegen --check"
cargo xtask codegen --check

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, all features, -D warnings)"
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "cargo doc (generated crate, -D warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc -p twilio-rust --all-features --no-deps --quiet

step "tests (unit, snapshot, end-to-end, Prism conformance)"
TWILIO_REQUIRE_PRISM=1 cargo test --workspace --all-features --no-fail-fast

step "generated crate with default features only, and each product feature on its own"
cargo check -p twilio-rust --quiet
for feature in $(sed -n '/# @generated features begin/,/# @generated features end/p' generated/Cargo.toml \
    | grep -o '^[a-z0-9-]* = \[\]' | cut -d' ' -f1); do
  cargo check -p twilio-rust --quiet --no-default-features --features "$feature"
done

echo
echo "all checks passed"
