#!/usr/bin/env bash
# Peak memory of `partreg check` on hostile files with very many faults on
# one line (the memory attack of issue 11; see docs/reliability.md).
#
# usage: scripts/bench-attack.sh
#
# It builds the release binary and, in a temporary project, checks:
#   partners     a 600 KB line `partners = [1,1,1,…]`: 300,000 wrong-type faults
#   priorities   a 140 KB line of 20,000 priority codes partreg.toml does not list
# each once under `/usr/bin/time -v`, and prints its maximum resident set
# size, wall time and the capped count message. Exit status: 0 when every
# case exits 1 (the file has problems) within LIMIT_MIB (default 256) of
# memory; 1 when one does not; 2 when it cannot run.
set -euo pipefail
die() { echo "bench-attack.sh: $*" >&2; exit 2; }

limit_mib=${LIMIT_MIB:-256}
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$script_dir/.." && pwd)
[[ -x /usr/bin/time ]] || die "GNU time is needed at /usr/bin/time (apt-get install time)"
command -v python3 >/dev/null || die "python3 is needed (it writes the hostile files)"

echo "bench-attack.sh: building the release binary" >&2
(cd "$root" && cargo build --release --quiet) || die "cargo build --release failed"
partreg=$root/target/release/partreg

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/register"
printf 'council = "Bench District Council"\n\n[priorities]\nP1 = "Growth"\nP2 = "Communities"\n' >"$work/partreg.toml"

# Writes register/$1.toml: a complete entry (as in tests/it/support.rs) whose
# one-line list $2 holds $3 items of $4 (`#` in $4 becomes the item's number).
hostile() {
    python3 - "$work/register/$1.toml" "$2" "$3" "$4" <<'PY'
import re, sys
path, key, count, item = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
entry = """# A test partnership.
name = "Test Waste Partnership"
lead_partner = "Norfolk County Council"
partners = ["Norfolk County Council", "South Norfolk Council"]
status = "active"
function = "To plan and deliver household waste services jointly."
objectives = ["Raise recycling rates", "Cut contamination"]
kind = "operational"
statutory = false
governance = "formal-legal"
role = "influence"
meeting_frequency = "quarterly"
priorities = ["P1", "P2"]
staff_hours_per_month = 6
budget_contribution_gbp = 12000
budgeted = true
budget_source = "Waste services revenue budget"
exit_impact = "Short-term disruption to recycling contracts."
value_summary = "Shared contracts and better prices."
information_sharing = "Minutes go to the portfolio holder."
comments = "Keep under review."
started = 2015-04-01
documents = ["https://example.org/terms.pdf"]

[[representatives]]
name = "Cllr Ann Brown"
level = "member"
position = "Board member"
appointed = 2023-05-25
term_ends = 2027-05-01

[risk]
failure_impact = "medium"
priority_impact = "medium"
reputation = "low"
administration = "medium"
overall = "medium"

[value]
corporate_plan = "high"
cost_reduction = "medium"
external_funding = "low"
reputation = "medium"
service_delivery = "high"
overall = "medium"

[reporting]
frequency = "quarterly"
responsible = "Head of Waste"
reports_to = "portfolio-holder"

[approval]
by = "cmt"
date = 2015-03-01
portfolio_holder = "Cllr Pat Jones"

[[reviews]]
year = 2026
date = 2026-06-15
reviewer = "CI&P Team"
outcome = "continue"
notes = "Performing well."
"""
items = ",".join(item.replace("#", str(i)) for i in range(count))
entry, found = re.subn(r"(?m)^%s = \[.*\]$" % key, lambda _: f"{key} = [{items}]", entry)
assert found == 1, key
open(path, "w").write(entry)
PY
}

failed=0
measure() {
    local name=$1 tfile
    tfile=$(mktemp)
    set +e
    (cd "$work" && /usr/bin/time -v -o "$tfile" "$partreg" check --as-of 2026-11-30 >/dev/null 2>"$work/$name.err")
    local status=$?
    set -e
    local kib wall note
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tfile")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tfile")
    note=$(grep -o '[0-9,]* more findings like this under `[^`]*`' "$work/$name.err" | head -n 1 || true)
    rm -f "$tfile"
    printf '%-11s %7s bytes  exit %s  peak %6.1f MiB  wall %s  %s\n' "$name" \
        "$(stat -c %s "$work/register/$name.toml")" "$status" "$(awk "BEGIN { print $kib / 1024 }")" "$wall" "$note"
    if [[ $status -ne 1 || $kib -gt $((limit_mib * 1024)) ]]; then
        echo "bench-attack.sh: $name: expected exit 1 within $limit_mib MiB" >&2
        failed=1
    fi
    rm -f "$work/register/$name.toml"
}

hostile partners partners 300000 1
measure partners
hostile priorities priorities 20000 '"X#"'
measure priorities
exit $failed
