#!/bin/sh
# Batches of the current build against a baseline revision (default: the 1.3.0 release), built
# and measured in the same run:
#   - BM_Batch (bench/bench_batch.cpp: run_batch() on the benchmark's ten-line mix) at N lines
#     on 1 and 2 worker threads, for both builds: lines/s, the ratio current/baseline at
#     1 thread (goal >= 3) and the 2-thread speed-up of the current build (goal >= 1.85);
#   - an M-line batch (default 100,000) through each build's CLI (`rehabplan batch - --threads 2
#     --output /dev/null`), fed through a pipe by a generator that writes the same ten-line mix
#     M/10 times (the 4-week plans made by that build's own `rehabplan generate`): wall seconds
#     and peak memory (max RSS, GNU time -v); and M/10 lines through the current CLI, to show
#     that memory does not grow with the lines (streamed).
#
#   bench/batch_vs_baseline.sh BUILD_DIR [--baseline REV] [--lines N] [--repetitions R] [--cli-lines M]
#
# BUILD_DIR: a build with -DREHABPLAN_BUILD_BENCH=ON, best Release (scripts/build.sh build-bench
# -DREHABPLAN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release). REV is exported with git archive into
# a temporary directory and built there (Release, benchmarks on, -DREHABPLAN_WERROR=OFF, only
# rehabplan_bench and the CLI; ccache is used when installed; JOBS, default 2, parallel jobs).
# N is one of BM_Batch's sizes: 1000, 10000 (default) or 100000. With R repetitions (default 1)
# the two builds take turns and the median lines/s is reported. Takes 5-10 minutes at 1.3.0's speed (about 1,000 lines/s a
# thread), longer for a slower build.
set -eu
cd "$(dirname "$0")/.."

# The 1.3.0 release: the last commit at version 1.3.0, before "C API 1.4.0" (7caaf5a).
release_1_3_0=44a5af468b1b1ac8467bd5b30754f7fe4c01e0d4
usage() { echo "usage: $0 BUILD_DIR [--baseline REV] [--lines N] [--repetitions R] [--cli-lines M]" >&2; exit 2; }
fail() { echo "$0: $*" >&2; exit 1; }
[ $# -ge 1 ] || usage
build=$1; shift
rev=$release_1_3_0
lines=10000
reps=1
mem_lines=100000
while [ $# -gt 0 ]; do
  case $1 in
    --baseline) [ $# -ge 2 ] || usage; rev=$2; shift ;;
    --lines) [ $# -ge 2 ] || usage; lines=$2; shift ;;
    --repetitions) [ $# -ge 2 ] || usage; reps=$2; shift ;;
    --cli-lines) [ $# -ge 2 ] || usage; mem_lines=$2; shift ;;
    *) usage ;;
  esac
  shift
done
case $lines in ''|*[!0-9]*) fail "--lines needs a whole number, got '$lines'" ;; esac
case $reps in ''|*[!0-9]*|0) fail "--repetitions needs a positive whole number, got '$reps'" ;; esac
case $mem_lines in ''|*[!0-9]*) fail "--cli-lines needs a whole number, got '$mem_lines'" ;; esac
[ "$mem_lines" -ge 100 ] && [ $((mem_lines % 100)) -eq 0 ] || fail "--cli-lines must be a multiple of 100"
jobs=${JOBS:-2}
mem_threads=2

py=/usr/bin/python3
bench=$build/bench/rehabplan_bench
cli=$build/rehabplan
for f in "$bench" "$cli"; do
  [ -x "$f" ] || fail "$f is missing; build with: scripts/build.sh $build -DREHABPLAN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release"
done
[ -x "$py" ] || fail "$py is missing (apt install python3)"
for t in git cmake ninja tar; do
  command -v "$t" >/dev/null 2>&1 || fail "$t is missing (scripts/deps.sh installs the build tools)"
done
/usr/bin/time -v true >/dev/null 2>&1 || fail "GNU time (/usr/bin/time -v) is missing: apt install time"
commit=$(git rev-parse --verify --quiet "$rev^{commit}") || fail "no commit '$rev' in $(pwd) (a shallow clone? git fetch --unshallow)"

# The current build's source tree and build type, from its CMake cache.
cache=$build/CMakeCache.txt
[ -f "$cache" ] || fail "$cache is missing: is $build a CMake build directory?"
cur_src=$(sed -n 's/^rehabplan_SOURCE_DIR:STATIC=//p' "$cache")
[ -n "$cur_src" ] || cur_src=$(pwd)
cur_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
base_src=$tmp/src
base_build=$tmp/build
mkdir "$base_src"
git archive "$commit" | tar -x -C "$base_src"
base_version=$(sed -n 's/^project(rehabplan VERSION \([0-9.]*\).*/\1/p' "$base_src/CMakeLists.txt")
cur_version=$(sed -n 's/^project(rehabplan VERSION \([0-9.]*\).*/\1/p' "$cur_src/CMakeLists.txt")
[ -f "$base_src/bench/bench_batch.cpp" ] || fail "$rev has no bench/bench_batch.cpp (BM_Batch)"

# BM_Batch's line mix in each tree: line_mix() of bench_batch.cpp and the files it reads.
mix() {  # mix SOURCE_DIR: the text the ten lines are made from
  sed -n '/line_mix() {/,/return mix;/p' "$1/bench/bench_batch.cpp"
  cat "$1/bench/bench_inputs.hpp" "$1/examples/patient-stroke.json"
}
mix "$base_src" >"$tmp/mix.base"
mix "$cur_src" >"$tmp/mix.cur"
if cmp -s "$tmp/mix.base" "$tmp/mix.cur"; then
  mix_note="the same ten-line mix in both (line_mix(), bench_inputs.hpp, examples/patient-stroke.json)"
else
  mix_note="DIFFERS between the two trees, the lines/s are not comparable (diff below)"
fi

filter="^BM_Batch/lines:$lines/threads:[12]/"
has_batch() {  # has_batch BENCH: fails unless BENCH has BM_Batch at N lines on 1 and 2 threads
  "$1" --benchmark_list_tests=true --benchmark_filter="$filter" >"$tmp/list" 2>&1 || { cat "$tmp/list" >&2; exit 1; }
  [ "$(wc -l <"$tmp/list")" -eq 2 ] || fail "$1 has no BM_Batch at --lines $lines on 1 and 2 threads (sizes: 1000, 10000, 100000)"
}
has_batch "$bench"

echo "baseline: building $rev ($commit, version $base_version) in $base_build" >&2
launcher=""
if command -v ccache >/dev/null 2>&1; then
  launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache"
  export CCACHE_BASEDIR="$tmp" CCACHE_NOHASHDIR=1
fi
# shellcheck disable=SC2086
cmake -S "$base_src" -B "$base_build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DREHABPLAN_BUILD_BENCH=ON \
  -DREHABPLAN_WERROR=OFF -DREHABPLAN_BUILD_TESTS=OFF $launcher >"$tmp/base-build.log" 2>&1 &&
  nice cmake --build "$base_build" -j "$jobs" --target rehabplan_bench rehabplan_cli >>"$tmp/base-build.log" 2>&1 ||
  { tail -30 "$tmp/base-build.log" >&2; fail "building $rev failed (the log's end is above)"; }
base_bench=$base_build/bench/rehabplan_bench
base_cli=$base_build/rehabplan

has_batch "$base_bench"

r=1
while [ "$r" -le "$reps" ]; do
  for which in base cur; do
    if [ "$which" = base ]; then b=$base_bench; else b=$bench; fi
    echo "BM_Batch/lines:$lines, $which, repetition $r of $reps" >&2
    "$b" --benchmark_filter="$filter" --benchmark_format=json >"$tmp/gb.$which.$r.json" 2>"$tmp/gb.err" ||
      { cat "$tmp/gb.err" >&2; fail "$b failed"; }
  done
  r=$((r + 1))
done

# The generator: the ten lines of bench_batch.cpp's line_mix(), made the same way (patient i:
# id P-100i, age 45 + 4i; six 12-week requests, one as FHIR, two 4-week plans of patient 7 to
# validate, one age of 1e300), repeated COUNT times to standard output.
cat >"$tmp/mix.py" <<'EOF'
import json, sys

patient_path, plan4_path, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(patient_path, encoding="utf-8") as f:
    patient = json.load(f)
dump = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)  # nlohmann's dump()


def p(i):
    return dict(patient, id=f"P-{1000 + i}", age=45 + 4 * i)


if plan4_path == "-":  # only patient 7, for the CLI to generate its 4-week plan
    sys.stdout.write(dump(p(7)))
    sys.exit(0)
with open(plan4_path, encoding="utf-8") as f:
    plan4 = json.load(f)
request = {"schema_version": 1, "start_date": "2026-11-23", "weeks": 12, "programme": "standard", "language": "en"}
lines = [dump({"id": i, "patient": p(i), "request": request}) for i in range(6)]
lines.append(dump({"id": 6, "patient": p(6), "request": request, "format": "fhir"}))
lines += [dump({"id": i, "patient": p(i), "plan": plan4}) for i in (7, 8)]
lines.append(dump({"id": 9, "patient": dict(p(9), age=1e300), "request": request}))
block = ("\n".join(lines) + "\n").encode("utf-8")
out = sys.stdout.buffer
try:
    for _ in range(count):
        out.write(block)
    out.flush()
except BrokenPipeError:
    sys.exit(1)
EOF
# Each build generates its own 4-week plan for the two validate lines, as line_mix() does.
plan4() {  # plan4 NAME CLI SOURCE_DIR
  "$py" "$tmp/mix.py" "$3/examples/patient-stroke.json" - 0 >"$tmp/patient7.$1.json"
  "$2" generate --patient "$tmp/patient7.$1.json" --start 2026-11-23 --weeks 4 --programme standard --lang en \
    --format json --output "$tmp/plan4.$1.json" 2>"$tmp/plan4.$1.err" ||
    { cat "$tmp/plan4.$1.err" >&2; fail "$2 generate of the 4-week plan failed"; }
}
plan4 base "$base_cli" "$base_src"
plan4 cur "$cli" "$cur_src"

memrun() {  # memrun NAME CLI SOURCE_DIR LINES: a batch of LINES lines through the CLI, under GNU time
  echo "CLI batch, $4 lines, $mem_threads threads: $1" >&2
  rc=0
  "$py" "$tmp/mix.py" "$3/examples/patient-stroke.json" "$tmp/plan4.${1%10}.json" $(($4 / 10)) |
    /usr/bin/time -v -o "$tmp/time.$1" "$2" batch - --threads "$mem_threads" --output /dev/null --no-progress \
      2>"$tmp/batch.$1.err" || rc=$?
  # Exit 3: some bad lines, as the mix has one in ten.
  [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$tmp/batch.$1.err" "$tmp/time.$1" >&2; fail "$2 batch exited $rc"; }
}
memrun base "$base_cli" "$base_src" "$mem_lines"
# A tenth of the lines through the current CLI: a streamed batch peaks at the same memory.
memrun cur10 "$cli" "$cur_src" $((mem_lines / 10))
memrun cur "$cli" "$cur_src" "$mem_lines"

export REV="$rev" COMMIT="$commit" BASE_VERSION="$base_version" CUR_VERSION="$cur_version" BUILD="$build" \
  CUR_SRC="$cur_src" CUR_TYPE="$cur_type" MIX_NOTE="$mix_note"
"$py" - "$tmp" "$reps" "$lines" "$mem_lines" "$mem_threads" <<'EOF'
import json, os, re, statistics, sys

tmp, reps, lines, mem_lines, mem_threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
e = os.environ
bv, cv = e["BASE_VERSION"], e["CUR_VERSION"]
print("Batches: current build against the baseline, one run")
print(f"  baseline: {e['REV']} = {e['COMMIT']}, version {bv}, Release, built in this run")
print(f"  current:  {e['BUILD']} (source {e['CUR_SRC']}, version {cv}, {e['CUR_TYPE'] or 'no build type'})")
print(f"  BM_Batch line mix: {e['MIX_NOTE']}")
if e["CUR_TYPE"] != "Release":
    print("  WARNING: the current build is not a Release build: its figures are not comparable")


def rate(which, threads, key="items_per_second"):
    vals = []
    for r in range(1, reps + 1):
        with open(os.path.join(tmp, f"gb.{which}.{r}.json")) as f:
            for b in json.load(f)["benchmarks"]:
                if b["name"].startswith(f"BM_Batch/lines:{lines}/threads:{threads}/"):
                    if b.get("error_occurred"):
                        sys.exit(f"batch_vs_baseline: {which} {b['name']}: {b.get('error_message')}")
                    vals.append(b[key])
    if len(vals) != reps:
        sys.exit(f"batch_vs_baseline: no BM_Batch/lines:{lines}/threads:{threads} result for {which}")
    return statistics.median(vals)


rt = {(w, t): rate(w, t) for w in ("base", "cur") for t in (1, 2)}
print()
print(f"BM_Batch/lines:{lines} (run_batch on the ten-line mix), lines per second (wall clock), "
      f"median of {reps} run(s)")
print(f"{'':24}{'1 thread':>12}{'2 threads':>12}{'2T / 1T':>10}")
for w, label in (("base", f"baseline {bv}"), ("cur", f"current {cv}")):
    print(f"{label:24}{rt[w, 1]:12.0f}{rt[w, 2]:12.0f}{rt[w, 2] / rt[w, 1]:9.2f}x")
print(f"{'current / baseline':24}{rt['cur', 1] / rt['base', 1]:11.2f}x{rt['cur', 2] / rt['base', 2]:11.2f}x")
# The same lines carry more since 1.5 (every strength and balance session names its exercises),
# so the bytes written per second show the document layer's own throughput beside lines/s.
mb = {(w, t): rate(w, t, "out_MB/s") for w in ("base", "cur") for t in (1, 2)}
print(f"output MB/s (records written), 1 thread: baseline {mb['base', 1]:.1f}, current {mb['cur', 1]:.1f} "
      f"({mb['cur', 1] / mb['base', 1]:.2f}x); 2 threads: {mb['base', 2]:.1f}, {mb['cur', 2]:.1f}")


def mem(which):
    with open(os.path.join(tmp, f"time.{which}")) as f:
        t = f.read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    with open(os.path.join(tmp, f"batch.{which}.err")) as f:
        summary = f.read().strip().splitlines()[-1]
    m = re.search(r"(\d+) lines?: (\d+) ok.*?(\d+) bad lines?", summary)
    if not m or int(m.group(3)) * 10 != int(m.group(1)):
        sys.exit(f"batch_vs_baseline: unexpected batch summary for {which} (one bad line in ten expected): {summary}")
    return int(m.group(1)), secs, rss, summary


mm = {w: mem(w) for w in ("base", "cur", "cur10")}
print()
print(f"CLI: the mix piped in from a generator, rehabplan batch - --threads {mem_threads} --output /dev/null")
print(f"{'':24}{'lines':>10}{'wall s':>10}{'lines/s':>10}{'max RSS MiB':>13}")
for w, label in (("base", f"baseline {bv}"), ("cur", f"current {cv}"), ("cur10", f"current {cv}")):
    n, secs, rss, _ = mm[w]
    print(f"{label:24}{n:10}{secs:10.1f}{n / secs:10.0f}{rss / 1024:13.1f}")
for w in ("base", "cur", "cur10"):
    print(f"  {w}: {mm[w][3]}")
# Bounded: ten times the lines may not cost more than 10 % + 8 MiB more memory.
bounded = mm["cur"][2] <= mm["cur10"][2] * 1.1 + 8 * 1024

print()
print("| goal (issue 21) | target | measured | holds |")
print("| --- | --- | --- | --- |")
x = rt["cur", 1] / rt["base", 1]
print(f"| batch lines/s per thread, current / {bv} (1 thread, {lines} lines) | >= 3.0x | {x:.3f}x | "
      f"{'yes' if x >= 3.0 else 'no'} |")
x = mb["cur", 1] / mb["base", 1]
print(f"| (for reference) batch output MB/s per thread, current / {bv} (1 thread) | - | {x:.3f}x | - |")
x = rt["cur", 2] / rt["cur", 1]
print(f"| batch speed-up, 2 threads / 1 thread (current) | >= 1.85x | {x:.3f}x | {'yes' if x >= 1.85 else 'no'} |")
print(f"| peak memory (max RSS), {mem_lines:,}-line CLI batch, current ({bv}: {mm['base'][2] / 1024:.1f} MiB) "
      f"| bounded: <= 1.1x the {mem_lines // 10:,}-line batch's + 8 MiB | {mm['cur'][2] / 1024:.1f} MiB "
      f"({mm['cur10'][2] / 1024:.1f} MiB at {mem_lines // 10:,}) | {'yes' if bounded else 'no'} |")
EOF
if [ "$mix_note" != "${mix_note#DIFFERS}" ]; then
  diff "$tmp/mix.base" "$tmp/mix.cur" || true
fi
