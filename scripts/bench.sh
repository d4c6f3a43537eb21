#!/usr/bin/env bash
# Benchmark partreg against the bare walk-read-parse baseline (benches/walk_parse.rs).
#
# usage: scripts/bench.sh [--quick] [--part2] [N ...]      (default sizes: 1000 10000)
#
# For each size N it generates (once, cached) a register with
# shared/bench/gen-register.py, then runs in ONE hyperfine invocation, all on
# the same files and through the same shell:
#   baseline              walk_parse DIR/register
#   partreg check         cd DIR && partreg check [--format json]
#   partreg review        cd DIR && partreg review --year 2026   (if partreg has it)
#   partreg appointments  cd DIR && partreg appointments --meeting 2027-05-20  (if it has it)
#   partreg programme     cd DIR && partreg programme                       (if it has it)
# and reports each mean as a ratio to the baseline measured in the same run,
# plus peak memory (max RSS, one run under /usr/bin/time). It ends with a
# Markdown table for docs/performance.md. See docs/performance.md.
#
# --part2 generates the registers with `gen-register.py N DIR --part2` (the
# keys of the format's Part 2 too: lead officers, places, roles, reporting
# dates), cached apart from the Part 1 ones.
#
# Environment:
#   PARTREG_SHARED        the shared/ folder        (default: <repo>/../shared)
#   PARTREG_BENCH_DIR     register cache            (default: <repo>/target/bench-registers)
#   PARTREG_RESULTS_DIR   hyperfine JSON and table  (default: <repo>/target/bench-results)
#   PARTREG_REVIEW_YEAR   year for `review --year`  (default: 2026)
#   PARTREG_BENCH_AS_OF   YYYY-MM-DD passed as --as-of to check, appointments and
#                         programme (default: unset, i.e. today; set it to keep the
#                         warnings, and so the work, fixed)
#   PARTREG_BENCH_MEETING the Annual Council for `appointments --meeting`
#                         (default: 2027-05-20; the generated partreg.toml has no
#                         [calendar] to take it from)
#   BENCH_WARMUP, BENCH_RUNS   override the warm-up and measured run counts
#
# Exit status: 0 when every measured command exited 0 and the baseline read
# every generated file without error; 1 when a figure is suspect (it is still
# printed, under a loud warning); 2 on bad usage or a failed build or setup.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "bench.sh: $*" >&2; exit 2; }
loud() {
    printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! WARNING: %s\n' "$@" >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
}

# ---------------------------------------------------------------- arguments
quick=0 part2=0
sizes=()
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --part2) part2=1 ;;
        -h | --help) usage; exit 0 ;;
        *[!0-9]* | '' | 0) die "not a register size: '$arg' (try --help)" ;;
        *) sizes+=("$arg") ;;
    esac
done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
if [[ $quick -eq 1 ]]; then
    warmup=${BENCH_WARMUP:-1} runs=${BENCH_RUNS:-3}
else
    warmup=${BENCH_WARMUP:-2} runs=${BENCH_RUNS:-10}
fi

# ------------------------------------------------------------ where we are
script_dir=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
root=$(git -C "$script_dir" rev-parse --show-toplevel 2>/dev/null || (cd "$script_dir/.." && pwd))
cd "$root"
shared=${PARTREG_SHARED:-$root/../shared}
generator=$shared/bench/gen-register.py
cache=${PARTREG_BENCH_DIR:-$root/target/bench-registers}
results=${PARTREG_RESULTS_DIR:-$root/target/bench-results}
review_year=${PARTREG_REVIEW_YEAR:-2026}
meeting=${PARTREG_BENCH_MEETING:-2027-05-20}
gen_flags=() kind="Part 1 keys only"
if [[ $part2 -eq 1 ]]; then
    # Kept apart: a Part 2 register of N entries is not the Part 1 one.
    cache=$cache/part2 gen_flags=(--part2) kind="Part 1 and Part 2 keys (--part2)"
fi

# ------------------------------------------------------------ prerequisites
command -v python3 >/dev/null || die "python3 is needed (it runs the register generator)"
[[ -f $generator ]] || die "no generator at $generator (set PARTREG_SHARED to the shared/ folder)"

# Installs a Debian package, running `apt-get update` once only if needed.
apt_install() {
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    command -v apt-get >/dev/null || die "$1 is missing and there is no apt-get: install $1 by hand"
    echo "bench.sh: installing $1 (Debian package)" >&2
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$1" >&2 ||
        { "${sudo[@]}" apt-get update -qq >&2 &&
            DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$1" >&2; } ||
        die "could not install $1"
}
command -v hyperfine >/dev/null || apt_install hyperfine
[[ -x /usr/bin/time ]] || apt_install time # GNU time, for peak memory (%M)

# ------------------------------------------------------------------- build
# Prints the executable of the artifact named $1 of kind $2 from cargo's JSON messages.
artifact() {
    python3 -c '
import json, sys
name, kind = sys.argv[1], sys.argv[2]
found = None
for line in sys.stdin:
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    t = msg.get("target", {})
    if (msg.get("reason") == "compiler-artifact" and t.get("name") == name
            and kind in t.get("kind", []) and msg.get("executable")):
        found = msg["executable"]
if not found:
    sys.exit("bench.sh: cargo built no %s executable named %s" % (kind, name))
print(found)' "$1" "$2"
}
echo "bench.sh: building release binaries" >&2
partreg=$(cargo build --release --message-format=json-render-diagnostics | artifact partreg bin) ||
    die "cargo build --release failed"
baseline=$(cargo bench --no-run --bench walk_parse --message-format=json-render-diagnostics |
    artifact walk_parse bench) || die "building the walk_parse baseline failed"

# What this partreg can do: `check` and `review --year` are detected from their help.
has_check=0 has_review=0 check_args=(check)
if help=$("$partreg" check --help 2>&1) && grep -qi 'check' <<<"$help"; then
    has_check=1
    if grep -q -- '--format' <<<"$help" && grep -qi 'json' <<<"$help"; then
        check_args=(check --format json)
    fi
    if [[ -n ${PARTREG_BENCH_AS_OF:-} ]]; then
        grep -q -- '--as-of' <<<"$help" || die "partreg check has no --as-of (PARTREG_BENCH_AS_OF is set)"
        check_args+=(--as-of "$PARTREG_BENCH_AS_OF")
    fi
fi
if help=$("$partreg" review --help 2>&1) && grep -q -- '--year' <<<"$help"; then
    has_review=1
fi
# Format Part 2's reports, each with the flags of its main job: the list of
# outside bodies for the Annual Council meeting, and the reporting programme.
as_of=()
[[ -z ${PARTREG_BENCH_AS_OF:-} ]] || as_of=(--as-of "$PARTREG_BENCH_AS_OF")
extra_names=() extra_args=()
if help=$("$partreg" appointments --help 2>&1) && grep -q -- '--meeting' <<<"$help"; then
    extra_names+=("partreg appointments") extra_args+=("appointments --meeting $meeting ${as_of[*]}")
fi
if help=$("$partreg" programme --help 2>&1) && grep -qi 'programme' <<<"$help"; then
    extra_names+=("partreg programme") extra_args+=("programme ${as_of[*]}")
fi
if [[ $has_check -eq 0 ]]; then
    loud "$partreg has no 'check' subcommand yet: measuring the baseline ONLY." \
        "There will be no partreg figures and no ratios."
fi

# --------------------------------------------------------------- registers
# A register is regenerated when missing or when the generator has changed
# since it was made; it is written to a temporary folder and renamed, so an
# interrupted generation never leaves a half register behind.
gen_sum=$(sha256sum "$generator" | cut -d' ' -f1)
register_dir() {
    local n=$1 dir=$cache/$1
    if [[ ! -d $dir || $(cat "$dir.generator-sha256" 2>/dev/null) != "$gen_sum" ]]; then
        echo "bench.sh: generating a register of $n entries in $dir" >&2
        rm -rf "$dir" "$dir.tmp"
        mkdir -p "$cache"
        python3 "$generator" "$n" "$dir.tmp" "${gen_flags[@]}" >&2
        mv "$dir.tmp" "$dir"
        echo "$gen_sum" >"$dir.generator-sha256"
    fi
    echo "$dir"
}

# ------------------------------------------------------------------ measure
mkdir -p "$results"
records=$results/records.tsv # size, name, json file, peak KiB, exit status
: >"$records"
suspect=0

# Runs one command once, in $dir, under /usr/bin/time; sets $peak (KiB) and $status.
once() {
    local out=$1; shift
    local tfile
    tfile=$(mktemp)
    set +e
    (cd "$dir" && /usr/bin/time -f '%M' -o "$tfile" "$@" >"$out" 2>/dev/null)
    status=$?
    set -e
    peak=$(tail -n 1 "$tfile")
    rm -f "$tfile"
}

for n in "${sizes[@]}"; do
    dir=$(register_dir "$n")
    qdir=$(printf '%q' "$dir")
    names=() cmds=() peaks=() statuses=()

    # Baseline: one checked run first, for peak memory and to see it read everything.
    once "$results/baseline-$n.out" "$baseline" register
    summary=$(cat "$results/baseline-$n.out")
    if [[ $status -ne 0 || $summary != "files=$n errors=0" ]]; then
        loud "baseline on $dir/register: exit $status, '$summary' (expected 'files=$n errors=0')"
        suspect=1
    fi
    names+=(baseline) peaks+=("$peak") statuses+=("$status")
    cmds+=("cd $qdir && $(printf '%q' "$baseline") register >/dev/null")

    if [[ $has_check -eq 1 ]]; then
        once /dev/null "$partreg" "${check_args[@]}"
        if [[ $status -ne 0 ]]; then
            loud "'partreg ${check_args[*]}' exited $status on the generated register in $dir:" \
                "it must check clean (exit 0). Its figures below are SUSPECT." \
                "See: (cd $qdir && $partreg check)"
            suspect=1
        fi
        names+=("partreg ${check_args[*]}") peaks+=("$peak") statuses+=("$status")
        cmds+=("cd $qdir && $(printf '%q' "$partreg") ${check_args[*]} >/dev/null")
    fi
    if [[ $has_review -eq 1 ]]; then
        once /dev/null "$partreg" review --year "$review_year"
        if [[ $status -ne 0 ]]; then
            loud "'partreg review --year $review_year' exited $status in $dir: its figures are SUSPECT."
            suspect=1
        fi
        names+=("partreg review --year $review_year") peaks+=("$peak") statuses+=("$status")
        cmds+=("cd $qdir && $(printf '%q' "$partreg") review --year $review_year >/dev/null")
    fi
    for i in "${!extra_args[@]}"; do
        read -ra args <<<"${extra_args[$i]}"
        once /dev/null "$partreg" "${args[@]}"
        if [[ $status -ne 0 ]]; then
            loud "'partreg ${args[*]}' exited $status in $dir: its figures are SUSPECT."
            suspect=1
        fi
        names+=("partreg ${args[*]}") peaks+=("$peak") statuses+=("$status")
        cmds+=("cd $qdir && $(printf '%q' "$partreg") ${args[*]} >/dev/null")
    done

    hf=(hyperfine --warmup "$warmup" --runs "$runs" --export-json "$results/hyperfine-$n.json")
    # Non-zero exits were reported above; -i keeps hyperfine from aborting on them.
    [[ $suspect -eq 0 ]] || hf+=(-i)
    for i in "${!cmds[@]}"; do hf+=(-n "${names[$i]} ($n)" "${cmds[$i]}"); done
    echo "bench.sh: measuring $n entries ($warmup warm-up, $runs runs each)" >&2
    "${hf[@]}"
    for i in "${!cmds[@]}"; do
        printf '%s\t%s\t%s\t%s\t%s\n' "$n" "${names[$i]}" "$results/hyperfine-$n.json" \
            "${peaks[$i]}" "${statuses[$i]}" >>"$records"
    done
done

# ------------------------------------------------------------------- report
commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)
[[ -z $(git status --porcelain --untracked-files=no 2>/dev/null) ]] || commit="$commit (uncommitted changes)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
python3 - "$records" "$results/results.md" "$warmup" "$runs" "$commit" "$(nproc) cores, ${cpu:-unknown CPU}" \
    "$(hyperfine --version)" "$kind" "$(uptime | sed 's/.*load average: //')" <<'PY'
import json, math, sys

records, out, warmup, runs, commit, machine, hf_version, kind, load = sys.argv[1:]
rows = []
for line in open(records):
    size, name, jfile, peak, status = line.rstrip("\n").split("\t")
    res = {r["command"]: r for r in json.load(open(jfile))["results"]}[f"{name} ({size})"]
    rows.append(dict(size=int(size), name=name, mean=res["mean"], sd=res["stddev"] or 0.0,
                     peak=int(peak) / 1024 if peak.isdigit() else None, status=int(status)))

def ratio(a, b):
    """a/b with its uncertainty, propagating both standard deviations."""
    r = a["mean"] / b["mean"]
    return r, r * math.hypot(a["sd"] / a["mean"], b["sd"] / b["mean"])

def find(size, prefix):
    return next((r for r in rows if r["size"] == size and r["name"].startswith(prefix)), None)

table = ["| Register size | Command | Mean ± σ (ms) | Ratio to baseline | Peak memory (MiB) |",
         "|---:|---|---:|---:|---:|"]
notes = []
for r in rows:
    base = find(r["size"], "baseline")
    if r is base:
        rat = "1 (baseline)"
    else:
        rat = "%.2f ± %.2f" % ratio(r, base)
    peak = "%.1f" % r["peak"] if r["peak"] is not None else "?"
    flag = "" if r["status"] == 0 else f" ⚠ exit {r['status']}"
    table.append(f"| {r['size']:,} | `{r['name']}`{flag} | {r['mean']*1e3:.1f} ± {r['sd']*1e3:.1f} "
                 f"| {rat} | {peak} |")

sizes = sorted({r["size"] for r in rows})
for size in sizes:
    base, check, review = find(size, "baseline"), find(size, "partreg check"), find(size, "partreg review")
    if check:
        notes.append(f"- {size:,} entries: check / baseline = %.2f ± %.2f" % ratio(check, base)
                     + ("  (target at 10,000 on 2 cores: ≤ 0.8)" if size == 10000 else ""))
        if check["peak"] is not None:
            notes.append(f"- {size:,} entries: check peak memory = {check['peak']:.1f} MiB"
                         + ("  (target at 10,000: ≤ 32 MiB)" if size == 10000 else ""))
    if check and review:
        notes.append(f"- {size:,} entries: review / check = %.2f ± %.2f  (target: ≤ 2)" % ratio(review, check))
        if review["peak"] is not None:
            notes.append(f"- {size:,} entries: review peak memory = {review['peak']:.1f} MiB"
                         + ("  (target at 10,000: ≤ 64 MiB)" if size == 10000 else ""))
    for prefix in ("partreg appointments", "partreg programme"):
        other = find(size, prefix)
        if check and other:
            notes.append(f"- {size:,} entries: {prefix.split()[1]} / check = %.2f ± %.2f  (target: ≤ 2)"
                         % ratio(other, check))
for small, large in zip(sizes, sizes[1:]):
    for prefix in ("baseline", "partreg check", "partreg review", "partreg appointments", "partreg programme"):
        a, b = find(small, prefix), find(large, prefix)
        if a and b:
            target = "  (target for 100,000 / 10,000: ≤ 11)" if (small, large) == (10000, 100000) and prefix == "partreg check" else ""
            notes.append(f"- `{prefix}` {large:,} / {small:,} entries = %.2f ± %.2f "
                         f"(sizes {large / small:.0f}×){target}" % ratio(b, a))

header = [f"Measured with `scripts/bench.sh` ({warmup} warm-up, {runs} runs per command), "
          f"commit {commit}, {machine}, {hf_version}; registers from gen-register.py with {kind}; "
          f"load average at the end {load}.", ""]
text = "\n".join(header + table + ([""] + notes if notes else [])) + "\n"
open(out, "w").write(text)
print("\n## Results (paste into docs/performance.md)\n")
print(text)
PY
echo "bench.sh: hyperfine JSON and this table are in $results" >&2
if [[ $suspect -ne 0 ]]; then
    loud "some commands did not run clean: the figures above are suspect (see the warnings)."
    exit 1
fi
