#!/bin/sh
# The same 12-week generate + validate (stroke patient of examples/patient-stroke.json, standard
# programme, from 2026-11-23) through the C++ API, the C API and the Python binding, with the
# time per call of each and the ratios C/C++ and Python/C; and parse + serialise of that plan's
# JSON with the library (BM_ParseSerialise/weeks:12: parse_plan() + to_json()) next to CPython's
# json.dumps(json.loads()) of the same bytes. Ends with a markdown table of the goals of issue 21.
#
#   bench/compare_apis.sh BUILD_DIR [--callgrind] [--repetitions N]
#
# BUILD_DIR must be configured with -DREHABPLAN_BUILD_BENCH=ON, best as a Release build
# (scripts/build.sh build-bench -DREHABPLAN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release).
# The measurements run in N rounds (default 5): each round runs Google Benchmark for C++, then
# for C, then bench/bench_python.py for Python (binding and json module, timeit-style: enough
# calls for 0.2 s), one repetition each. Times are the medians over the rounds; each ratio is
# the median of the rounds' ratios, so the two sides of a ratio are always measured a few
# seconds apart: on a shared machine the speed drifts by a third within minutes, and a ratio
# of one side's five runs to the other's, minutes later, moved with it. The goals are judged on
# the CPU column, which is steadier than the real one when other jobs share the cores.
# --callgrind also counts the instructions per call of the C++ and C-API generate+validate,
# of parse+serialise and of CPython's loads+dumps with valgrind (a minute or two); those
# counts repeat exactly.
set -eu
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 BUILD_DIR [--callgrind] [--repetitions N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
build=$1; shift
callgrind=no
reps=5
while [ $# -gt 0 ]; do
  case $1 in
    --callgrind) callgrind=yes ;;
    --repetitions) [ $# -ge 2 ] || usage; reps=$2; shift ;;
    *) usage ;;
  esac
  shift
done
case $reps in ''|*[!0-9]*|0) echo "$0: --repetitions needs a positive whole number, got '$reps'" >&2; exit 2 ;; esac

py=/usr/bin/python3
cpp_bench=$build/bench/rehabplan_bench
c_bench=$build/bench/rehabplan_bench_c_api
driver=$build/bench/rehabplan_callgrind_driver
lib=$build/librehabplan.so.1
for f in "$cpp_bench" "$c_bench" "$driver" "$lib"; do
  if [ ! -e "$f" ]; then
    echo "$0: $f is missing; build with: scripts/build.sh $build -DREHABPLAN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release" >&2
    exit 1
  fi
done
[ -x "$py" ] || { echo "$0: $py is missing (apt install python3)" >&2; exit 1; }
if [ "$callgrind" = yes ] && ! command -v valgrind >/dev/null 2>&1; then
  echo "$0: --callgrind needs valgrind (apt install valgrind)" >&2; exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

gbench() {  # gbench EXECUTABLE FILTER OUT.json: one repetition
  "$1" --benchmark_filter="$2" --benchmark_format=json >"$3" 2>"$3.err" || { cat "$3.err" >&2; exit 1; }
}

# The 12-week plan's JSON exactly as BM_ParseSerialise parses it, for CPython's json.
"$driver" plan >"$tmp/plan12.json" || { echo "$0: $driver plan failed" >&2; exit 1; }

abslib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
round=1
while [ "$round" -le "$reps" ]; do
  echo "round $round of $reps: C++ API ($cpp_bench), C API ($c_bench), Python (bench/bench_python.py)" >&2
  gbench "$cpp_bench" '^BM_(GenerateValidate|ParseSerialise)/weeks:12$' "$tmp/cpp.$round.json"
  gbench "$c_bench" '^BM_CApiGenerateValidate/weeks:12$' "$tmp/c.$round.json"
  REHABPLAN_LIBRARY=$abslib "$py" bench/bench_python.py --json --repetitions 1 \
    --plan-file "$tmp/plan12.json" >"$tmp/py.$round.json"
  round=$((round + 1))
done

if [ "$callgrind" = yes ]; then
  # Instructions per call = (Ir of 1+K calls - Ir of 1 call) / K: start-up, exit and the first
  # call's one-time work cancel out.
  cat >"$tmp/pyjson.py" <<'EOF'
import json, sys
data = open(sys.argv[1], "rb").read()
for _ in range(int(sys.argv[2])):
    json.dumps(json.loads(data))
EOF
  for what in cpp c parse pyjson; do
    for n in 1 6; do
      echo "callgrind: $what x $n" >&2
      if [ "$what" = pyjson ]; then
        set -- "$py" "$tmp/pyjson.py" "$tmp/plan12.json" "$n"
      else
        set -- "$driver" "$what" "$n"
      fi
      valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.$what.$n" "$@" \
        2>"$tmp/cg.$what.$n.err" || { cat "$tmp/cg.$what.$n.err" >&2; exit 1; }
      sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$tmp/cg.$what.$n.err" >"$tmp/ir.$what.$n"
    done
  done
fi

"$py" - "$tmp" "$callgrind" "$reps" <<'EOF'
import json, os, statistics, sys

tmp, callgrind, reps = sys.argv[1], sys.argv[2] == "yes", int(sys.argv[3])
UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def gbench(path, name):  # (real, CPU) seconds of the round's one repetition
    with open(path) as f:
        runs = [b for b in json.load(f)["benchmarks"] if b.get("run_name") == name and b.get("run_type") == "iteration"]
    if len(runs) != 1:
        sys.exit(f"compare_apis: expected one result for {name} in {path}, got {len(runs)}")
    return tuple(runs[0][k] * UNIT[runs[0]["time_unit"]] for k in ("real_time", "cpu_time"))


# Per round: (real, CPU) of each measurement.
rounds = []
for r in range(1, reps + 1):
    with open(os.path.join(tmp, f"py.{r}.json")) as f:
        pyd = json.load(f)
    res = pyd["results"]
    pair = lambda k: (res[k]["real_median_s"], res[k]["cpu_median_s"])
    rounds.append({
        "cpp": gbench(os.path.join(tmp, f"cpp.{r}.json"), "BM_GenerateValidate/weeks:12"),
        "ps": gbench(os.path.join(tmp, f"cpp.{r}.json"), "BM_ParseSerialise/weeks:12"),
        "c": gbench(os.path.join(tmp, f"c.{r}.json"), "BM_CApiGenerateValidate/weeks:12"),
        "py": pair("generate_validate"), "pytext": pair("generate_validate_json"),
        "pyjson": pair("json_only"), "pyplan": pair("json_plan_file"),
    })
meta = pyd["meta"]
median = lambda k: tuple(statistics.median(r[k][i] for r in rounds) for i in (0, 1))
# A ratio: the median of the rounds' ratios (both sides measured in the same round).
quotient = lambda a, b: tuple(statistics.median(r[a][i] / r[b][i] for r in rounds) for i in (0, 1))
cpp, ps, c, py, pytext, pyjson, pyplan = (median(k) for k in ("cpp", "ps", "c", "py", "pytext", "pyjson", "pyplan"))

ms = lambda s: f"{s * 1e3:9.3f} ms"
row = lambda label, t: print(f"{label:44}{ms(t[0]):>12}{ms(t[1]):>12}")
rrow = lambda label, q: print(f"{label:44}{q[0]:11.2f}x{q[1]:11.2f}x")
spread = lambda a, b: ", ".join(f"{r[a][1] / r[b][1]:.2f}" for r in rounds)
print(f"12-week generate + validate (stroke patient, standard programme), time per call, "
      f"median of {reps} rounds; ratios: median of the rounds' ratios")
print(f"{'':44}{'real':>12}{'CPU':>12}")
row("C++ API  (BM_GenerateValidate/12)", cpp)
row("C API    (BM_CApiGenerateValidate/12)", c)
row("Python, text (generate_json, validate_json)", pytext)
row("Python, dicts (generate, validate)", py)
rrow("ratio C / C++                  (goal <= 2.0)", quotient("c", "cpp"))
rrow("ratio Python text / C          (goal <= 1.2)", quotient("pytext", "c"))
rrow("ratio Python dicts / C", quotient("py", "c"))
print(f"  C / C++ CPU ratio of each round: {spread('c', 'cpp')}")
print()
print(f"parse + serialise of the 12-week plan's JSON ({meta['plan_file_bytes']} bytes, "
      f"{meta['sessions']} sessions), time per call")
row("C++ parse_plan + to_json (BM_ParseSerialise/12)", ps)
row("CPython json.loads + json.dumps, same bytes", pyplan)
rrow("ratio C++ / CPython           (goal <= 0.5)", quotient("ps", "pyplan"))
print(f"  CPython {meta['python']}: json.dumps(json.loads(data)) with default options (C scanner and encoder)")
print("for reference:")
row("  Python json inside the binding call", pyjson)
print("  (json_only of bench_python.py: loads of plan + findings, dumps of plan)")
print(f"library {meta['library']}")

ir = {}
if callgrind:
    for what in ("cpp", "c", "parse", "pyjson"):
        vals = []
        for n in (1, 6):
            with open(os.path.join(tmp, f"ir.{what}.{n}")) as f:
                vals.append(int(f.read().strip()))
        ir[what] = (vals[1] - vals[0]) / 5
    print()
    print("callgrind, instructions per call (after the first call):")
    print(f"  C++ API generate+validate           {ir['cpp']:15,.0f}")
    print(f"  C API   generate+validate           {ir['c']:15,.0f}   ({ir['c'] / ir['cpp']:.2f}x the C++ API)")
    print(f"  C++ parse_plan + to_json            {ir['parse']:15,.0f}   ({ir['parse'] / ir['pyjson']:.2f}x CPython)")
    print(f"  CPython json.loads + json.dumps     {ir['pyjson']:15,.0f}")

print()
print("| goal (issue 21) | target | measured (CPU time) | holds |" + (" callgrind Ir ratio |" if callgrind else ""))
print("| --- | --- | --- | --- |" + (" --- |" if callgrind else ""))


def goal(label, target, measured, cg=None):
    line = f"| {label} | <= {target:.1f}x | {measured:.3f}x | {'yes' if measured <= target else 'no'} |"
    if callgrind:
        line += f" {cg:.2f}x |" if cg is not None else " - |"
    print(line)


goal("C API / C++ API, 12-week generate + validate", 2.0, quotient("c", "cpp")[1], ir.get("c", 0) / ir["cpp"] if ir else None)
goal("C++ parse + serialise / CPython loads + dumps, 12-week plan", 0.5, quotient("ps", "pyplan")[1],
     ir["parse"] / ir["pyjson"] if ir else None)
goal("Python binding / C API, 12-week generate + validate, JSON text in and out (same work)", 1.2,
     quotient("pytext", "c")[1])
# The dict calls add CPython's json.loads of the plan and findings and json.dumps of the plan:
# work the C caller does not do, shown for what a dict user pays, not judged.
print(f"| (for reference) Python dicts / C API: generate() + validate() with json.loads/dumps | - "
      f"| {quotient('py', 'c')[1]:.3f}x | - |" + (" - |" if callgrind else ""))
EOF
