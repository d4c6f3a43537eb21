#!/bin/sh
# The pre-commit hook's entry (.pre-commit-hooks.yaml): check the register.
#
# pre-commit's own `language: rust` runs `cargo install` without --locked
# (pre-commit issue 3162), so partreg would be built with whatever
# dependency versions are newest that day. This script uses the partreg
# already installed on the PATH, or else builds this checkout of partreg
# once with the exact versions in Cargo.lock, into pre-commit's own copy of
# the repository, and uses that.
set -eu

if command -v partreg >/dev/null 2>&1; then
    exec partreg check "$@"
fi

here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/target/pre-commit/bin/partreg"
if [ ! -x "$bin" ]; then
    echo "partreg is not installed: building it once (cargo install --locked)..." >&2
    cargo install --quiet --locked --path "$here" --root "$here/target/pre-commit"
fi
exec "$bin" check "$@"
