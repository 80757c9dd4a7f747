#!/bin/sh
# Builds the libFuzzer harnesses in build-fuzz (clang, ASan + UBSan + libFuzzer, static
# librehabplan) and fuzzes each for SECONDS on a COPY of its seed corpus fuzz/corpus/<target>/;
# the committed corpus is never written. Fails if any harness finds a crash, a leak, undefined
# behaviour or a C API contract violation; the crashing input is kept in
# build-fuzz/crashes/<target>/.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 10; 0 only replays
#                                            the seed corpus); TARGET among patient request
#                                            plan rules generate render log batch exercises
#                                            (default all)
# Environment:
#   FUZZ_JOBS=N      harnesses run at the same time (default 1)
#   FUZZ_KEEP=DIR    keep each run's grown corpus and log in DIR/<target>/ (for -merge=1, see
#                    fuzz/README.md) instead of a temporary directory
#   FUZZ_ARGS="..."  extra libFuzzer flags (e.g. "-max_len=65536")
#
# The whole default run (8 targets x 10 s) takes about two minutes once built; see fuzz/README.md.
set -eu
cd "$(dirname "$0")/.."

seconds=10
if [ $# -gt 0 ]; then
    seconds="$1"
    shift
fi
case "$seconds" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2 ;; esac
all="patient request plan rules generate render log batch exercises"
targets="${*:-$all}"
for t in $targets; do
    case " $all " in *" $t "*) ;; *) echo "fuzz.sh: unknown target '$t' (one of: $all)" >&2; exit 2 ;; esac
done
jobs="${FUZZ_JOBS:-1}"
dir=build-fuzz

# Configure once (the cache keeps the options); afterwards only the quick up-to-date check.
if [ ! -f "$dir/build.ninja" ]; then
    echo "== configure $dir (clang, libFuzzer + ASan + UBSan, static librehabplan)"
    CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DREHABPLAN_BUILD_FUZZERS=ON -DREHABPLAN_SHARED=OFF -DREHABPLAN_BUILD_TESTS=OFF \
        -DREHABPLAN_BUILD_CLI=OFF -DREHABPLAN_INSTALL=OFF >/dev/null
fi
cmake --build "$dir" --target fuzzers -j "$(nproc)"
for t in $targets; do
    [ -x "$dir/fuzz/fuzz_$t" ] || { echo "fuzz.sh: $dir/fuzz/fuzz_$t was not built" >&2; exit 1; }
done

if [ -n "${FUZZ_KEEP:-}" ]; then
    work="$FUZZ_KEEP"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/rehabplan-fuzz.XXXXXX")"
    trap 'rm -rf "$work"' EXIT INT TERM
fi

# Leaks are errors (LeakSanitizer); UBSan already aborts on the first report.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {  # target -> status file $work/$t/status
    t="$1"
    rm -rf "$work/$t"
    mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
    cp fuzz/corpus/"$t"/* "$work/$t/corpus/"
    if [ "$seconds" -eq 0 ]; then
        limit="-runs=0"  # run every seed once, no fuzzing
    else
        limit="-max_total_time=$seconds"
    fi
    # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
    if nice "$dir/fuzz/fuzz_$t" "$limit" -timeout=60 -dict=fuzz/json.dict \
        -artifact_prefix="$work/$t/artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} \
        "$work/$t/corpus" >"$work/$t/log" 2>&1; then
        echo ok >"$work/$t/status"
    else
        echo failed >"$work/$t/status"
    fi
}

summary() {  # target -> one line: runs, coverage, corpus
    t="$1"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t/log" | tail -n 1)
    last=$(grep -a -E '^#[0-9]+.*cov: ' "$work/$t/log" | tail -n 1)
    cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
    printf '%-9s %-6s runs=%s cov=%s ft=%s corpus=%s\n' "$t" "$(cat "$work/$t/status")" \
        "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
}

if [ "$seconds" -eq 0 ]; then
    echo "== replaying the seed corpora ($jobs at a time): $targets"
else
    echo "== fuzzing ${seconds}s per target ($jobs at a time): $targets"
fi
set -- $targets
while [ $# -gt 0 ]; do
    pids=""
    i=0
    while [ $# -gt 0 ] && [ "$i" -lt "$jobs" ]; do
        run_one "$1" &
        pids="$pids $!"
        i=$((i + 1))
        shift
    done
    for p in $pids; do wait "$p"; done
done

failed=""
for t in $targets; do
    summary "$t"
    if [ "$(cat "$work/$t/status")" != ok ]; then
        failed="$failed $t"
        mkdir -p "$dir/crashes/$t"
        cp "$work/$t/artifacts/"* "$dir/crashes/$t/" 2>/dev/null || true
        cp "$work/$t/log" "$dir/crashes/$t/log"
        echo "---- $t: last lines of the log ($dir/crashes/$t/log)"
        grep -a -v -E '^#[0-9]+ ' "$work/$t/log" | tail -n 40
        for a in "$dir/crashes/$t/"*; do
            [ "$(basename "$a")" = log ] && continue
            echo "---- reproduce: $dir/fuzz/fuzz_$t $a"
        done
    fi
done
if [ -n "${FUZZ_KEEP:-}" ]; then echo "grown corpora and logs: $work/<target>/"; fi
if [ -n "$failed" ]; then
    echo "FUZZING FAILED:$failed"
    exit 1
fi
echo "fuzzing passed: $targets"
