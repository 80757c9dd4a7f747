#!/bin/sh
# The same 12-week generate + validate (stroke patient of examples/patient-stroke.json, standard
# programme, from 2026-11-23) through the C++ API, the C API and the Python binding, with the
# time per call of each and the ratios C/C++ and Python/C.
#
#   bench/compare_apis.sh BUILD_DIR [--callgrind] [--repetitions N]
#
# BUILD_DIR must be configured with -DREHABPLAN_BUILD_BENCH=ON (scripts/build.sh build-py
# -DREHABPLAN_BUILD_BENCH=ON). Times are medians over N repetitions (default 5): Google
# Benchmark's aggregates for C++ and C, bench/bench_python.py for Python. --callgrind also
# counts the instructions of one C++ and one C-API generate+validate with valgrind (about a
# minute). Run it on a quiet machine: the CPU column is steadier than the real one when
# other jobs share the cores.
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

cpp_bench=$build/bench/rehabplan_bench
c_bench=$build/bench/rehabplan_bench_c_api
driver=$build/bench/rehabplan_callgrind_driver
lib=$build/librehabplan.so.1
for f in "$cpp_bench" "$c_bench" "$lib"; do
  if [ ! -e "$f" ]; then
    echo "$0: $f is missing; build with: scripts/build.sh $build -DREHABPLAN_BUILD_BENCH=ON" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

gbench() {  # gbench EXECUTABLE FILTER OUT.json
  "$1" --benchmark_filter="$2" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_format=json >"$3" 2>"$3.err" || { cat "$3.err" >&2; exit 1; }
}

echo "C++ API: $cpp_bench" >&2
gbench "$cpp_bench" '^BM_(GenerateValidate|ParseSerialise)/weeks:12$' "$tmp/cpp.json"
echo "C API:   $c_bench" >&2
gbench "$c_bench" '^BM_CApiGenerateValidate/weeks:12$' "$tmp/c.json"
echo "Python:  bench/bench_python.py" >&2
abslib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
REHABPLAN_LIBRARY=$abslib /usr/bin/python3 bench/bench_python.py --json --repetitions "$reps" >"$tmp/py.json"

if [ "$callgrind" = yes ]; then
  if ! command -v valgrind >/dev/null 2>&1; then
    echo "$0: --callgrind needs valgrind (apt install valgrind)" >&2; exit 1
  fi
  [ -x "$driver" ] || { echo "$0: $driver is missing" >&2; exit 1; }
  # Instructions per call = (Ir of 1+K calls - Ir of 1 call) / K: start-up, exit and the first
  # call's one-time work cancel out.
  for api in cpp c; do
    for n in 1 6; do
      echo "callgrind: $api x $n" >&2
      valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.$api.$n" "$driver" "$api" "$n" \
        2>"$tmp/cg.$api.$n.err" || { cat "$tmp/cg.$api.$n.err" >&2; exit 1; }
      sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$tmp/cg.$api.$n.err" >"$tmp/ir.$api.$n"
    done
  done
fi

/usr/bin/python3 - "$tmp" "$callgrind" <<'EOF'
import json, os, sys

tmp, callgrind = sys.argv[1], sys.argv[2] == "yes"
UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def gbench(path, name):
    with open(path) as f:
        for b in json.load(f)["benchmarks"]:
            if b.get("run_name") == name and b.get("aggregate_name") == "median":
                u = UNIT[b["time_unit"]]
                return b["real_time"] * u, b["cpu_time"] * u
    sys.exit(f"compare_apis: no median for {name} in {path}")


cpp = gbench(os.path.join(tmp, "cpp.json"), "BM_GenerateValidate/weeks:12")
ps = gbench(os.path.join(tmp, "cpp.json"), "BM_ParseSerialise/weeks:12")
c = gbench(os.path.join(tmp, "c.json"), "BM_CApiGenerateValidate/weeks:12")
with open(os.path.join(tmp, "py.json")) as f:
    pyd = json.load(f)
pr = pyd["results"]["generate_validate"]
py = (pr["real_median_s"], pr["cpu_median_s"])
pj = pyd["results"]["json_only"]
pyjson = (pj["real_median_s"], pj["cpu_median_s"])

ms = lambda s: f"{s * 1e3:9.3f} ms"
print("12-week generate + validate (stroke patient, standard programme), time per call, "
      "median of the repetitions")
print(f"{'':40}{'real':>12}{'CPU':>12}")
print(f"{'C++ API  (BM_GenerateValidate/12)':40}{ms(cpp[0]):>12}{ms(cpp[1]):>12}")
print(f"{'C API    (BM_CApiGenerateValidate/12)':40}{ms(c[0]):>12}{ms(c[1]):>12}")
print(f"{'Python   (bench_python.py)':40}{ms(py[0]):>12}{ms(py[1]):>12}")
print(f"{'ratio C / C++':40}{c[0] / cpp[0]:11.2f}x{c[1] / cpp[1]:11.2f}x")
print(f"{'ratio Python / C':40}{py[0] / c[0]:11.2f}x{py[1] / c[1]:11.2f}x")
print("for reference:")
print(f"{'  C++ parse+serialise of the plan':40}{ms(ps[0]):>12}{ms(ps[1]):>12}   (BM_ParseSerialise/12)")
print(f"{'  Python json loads/dumps':40}{ms(pyjson[0]):>12}{ms(pyjson[1]):>12}   (plan + findings, in Python)")
print(f"  plan: {pyd['meta']['sessions']} sessions; library {pyd['meta']['library']}")
if callgrind:
    ir = {}
    for api in ("cpp", "c"):
        vals = []
        for n in (1, 6):
            with open(os.path.join(tmp, f"ir.{api}.{n}")) as f:
                vals.append(int(f.read().strip()))
        ir[api] = (vals[1] - vals[0]) / 5
    print("callgrind, instructions per generate+validate (after the first call):")
    print(f"  C++ API {ir['cpp']:15,.0f}")
    print(f"  C API   {ir['c']:15,.0f}   ({ir['c'] / ir['cpp']:.2f}x)")
EOF
