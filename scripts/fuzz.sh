#!/usr/bin/env bash
# Run partreg's fuzz targets for a given time each.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (default: 600 seconds, every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a compiler that accepts
# nightly flags: a nightly toolchain, or the stable one with RUSTC_BOOTSTRAP=1,
# which this script sets when no nightly is installed. Corpora are kept in
# fuzz/corpus/TARGET; crashes land in fuzz/artifacts/TARGET. Not part of CI.
# See docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(check_bytes rating_edits)
fi
command -v cargo-fuzz >/dev/null || { echo "fuzz.sh: cargo-fuzz is missing: cargo install cargo-fuzz" >&2; exit 2; }
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q nightly; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi
mkdir -p fuzz/corpus/check_bytes
# Seed the byte-level target with real register files.
cp -n register/*.toml register/*/*.toml examples/broken-register/register/*.toml fuzz/corpus/check_bytes/ 2>/dev/null || true
mkdir -p target
for t in "${targets[@]}"; do
    log="target/fuzz-$t.log"
    echo "== fuzzing $t for ${seconds}s (full output in $log)"
    cargo "${toolchain[@]}" fuzz run "$t" -- -max_total_time="$seconds" -print_final_stats=1 2>&1 | tee "$log"
done
