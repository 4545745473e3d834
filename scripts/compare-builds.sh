#!/usr/bin/env bash
# Compares the build time of the generated crate in two trees, alternating them in one run so
# that both see the same machine load (BENCHMARKS.md reads these as ratios).
#
#   bash scripts/compare-builds.sh <tree A> <tree B> <features> [runs]
#
# e.g. `git worktree add /tmp/before HEAD~1` then
# `bash scripts/compare-builds.sh /tmp/before . api-v2010 3`. Each build is a clean build of
# twilio-rust (dependencies built once, shared in target/bench), as a dependency
# (CARGO_INCREMENTAL=0) and as the workspace builds it (incremental), timed by /usr/bin/time.
set -euo pipefail
[ $# -ge 3 ] || { sed -n 2,10p "$0"; exit 2; }
a=$(cd "$1" && pwd); b=$(cd "$2" && pwd); features=$3; runs=${4:-3}
export CARGO_TARGET_DIR="$(cd "$(dirname "$0")/.." && pwd)/target/bench"
for _ in $(seq 1 "$runs"); do
  for tree in "$a" "$b"; do
    for incremental in 0 1; do
      (cd "$tree" && cargo clean -q -p twilio-rust)
      /usr/bin/time -f "$tree $features incremental=$incremental: %e s wall, %M KB peak" \
        env -C "$tree" CARGO_INCREMENTAL=$incremental \
        cargo build -q -p twilio-rust --no-default-features --features "$features"
    done
  done
done
