#!/bin/sh
# The ABI gate of the shared C library (abi/README.md).
#
#   scripts/abi.sh check BUILD_DIR    compare BUILD_DIR's librehabplan with the committed baseline
#                                     abi/<SONAME>.abi; exit 1 on any change to a function or type
#                                     the baseline has (added functions are fine)
#   scripts/abi.sh update BUILD_DIR   rewrite the baseline from BUILD_DIR: the ONE deliberate way to
#                                     change it (after a release that added functions, or with a
#                                     SONAME bump after a deliberate break); BUILD_DIR must be a
#                                     RelWithDebInfo, shared, unsanitized build
#
# Only the public header counts: the headers the install rules install (rehabplan.h, version.h)
# are given to abidw/abidiff as the headers directory, so C++ core types never enter the ABI,
# and rehabplan_context stays opaque. Needs abigail-tools (abidw, abidiff) and cmake.
# Exit status: 0 no change, 1 ABI change (check) or refused update, 2 usage or tool error,
# 77 skipped (not x86_64: the baseline is of the x86_64 build).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
CMAKE=${CMAKE:-cmake}
suppressions=$root/abi/rehabplan.abignore

die() { echo "abi.sh: $*" >&2; exit 2; }
usage() { sed -n '3,10s/^# \{0,1\}//p' "$0" >&2; exit 2; }

[ $# -eq 2 ] || usage
command=$1
build=$2
case $command in check | update) ;; *) usage ;; esac
[ -d "$build" ] || die "no build directory $build"
build=$(cd "$build" && pwd)

for tool in abidw abidiff readelf "$CMAKE"; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (scripts/deps.sh installs abigail-tools)"
done
if [ "$(uname -m)" != x86_64 ]; then
    echo "abi.sh: SKIP: the baseline describes the x86_64 build; this machine is $(uname -m)"
    exit 77
fi

# The library by its link name; the baseline by the library's SONAME (librehabplan.so.1 ->
# abi/librehabplan.so.1.abi), so a SONAME bump needs a new baseline.
lib=$build/librehabplan.so
[ -e "$lib" ] || die "no $lib: build the shared library first (scripts/build.sh $build)"
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
[ -n "$soname" ] || die "$lib has no SONAME"
lib=$build/$soname
baseline=$root/abi/$soname.abi
readelf -S "$lib" | grep -q '\.debug_info' ||
    die "$lib has no debug information: abidiff would see symbols only; build with -DCMAKE_BUILD_TYPE=RelWithDebInfo"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rehabplan-abi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The public headers, exactly as installed.
"$CMAKE" --install "$build" --component development --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log" >&2; die "cmake --install $build --component development failed"; }
headers=$tmp/prefix/include/rehabplan
[ -f "$headers/rehabplan.h" ] || die "the install rules installed no rehabplan/rehabplan.h"

# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change (a removed function, for one).
compare() {  # compare BASELINE LIB REPORT [extra abidiff options]
    old=$1 new=$2 report=$3
    shift 3
    set +e
    abidiff --exported-interfaces-only --drop-private-types --hd2 "$headers" --fail-no-debug-info \
        --suppressions "$suppressions" --no-show-locs "$@" "$old" "$new" >"$report" 2>&1
    rc=$?
    set -e
    if [ $((rc & 3)) -ne 0 ]; then
        cat "$report" >&2
        die "abidiff failed (exit $rc)"
    fi
    return $((rc & 12))
}

symbols() {  # the functions a baseline or library exports, one a line
    case $1 in
    *.abi) sed -n "s/.*<elf-symbol name='\([^']*\)'.*is-defined='yes'.*/\1/p" "$1" ;;
    *) nm -D --defined-only "$1" | awk '{ print $NF }' ;;
    esac | LC_ALL=C sort
}

case $command in
check)
    if [ ! -f "$baseline" ]; then
        echo "abi.sh: FAIL: no baseline $baseline for $soname." >&2
        echo "A new SONAME means a deliberate ABI break: create its baseline with scripts/abi.sh update $build" >&2
        exit 1
    fi
    if compare "$baseline" "$lib" "$tmp/report" --no-added-syms; then
        symbols "$baseline" >"$tmp/old"
        symbols "$lib" >"$tmp/new"
        added=$(LC_ALL=C comm -13 "$tmp/old" "$tmp/new" | tr '\n' ' ')
        echo "abi.sh: ok: $soname keeps the ABI of ${baseline#"$root"/} ($(wc -l <"$tmp/old") functions)"
        if [ -n "$added" ]; then
            echo "abi.sh: added since the baseline (allowed): $added"
            echo "abi.sh: record them with scripts/abi.sh update when they are released, so that removing them is caught"
        fi
        exit 0
    fi
    cat "$tmp/report"
    cat >&2 <<EOF
abi.sh: FAIL: the ABI of $soname differs from ${baseline#"$root"/} (report above).
Within one SONAME, functions and status codes may only be added: restore the declaration, or
add a new function beside the old one. A deliberate break needs a SONAME bump
(REHABPLAN_ABI_VERSION and the major version in CMakeLists.txt) and a new baseline
(scripts/abi.sh update BUILD_DIR); see abi/README.md.
EOF
    exit 1
    ;;
update)
    cache=$build/CMakeCache.txt
    value() { sed -n "s/^$1:[A-Z]*=//p" "$cache"; }
    [ -f "$cache" ] || die "no $cache"
    [ "$(value CMAKE_BUILD_TYPE)" = RelWithDebInfo ] ||
        die "the baseline is made from the released build: $build is '$(value CMAKE_BUILD_TYPE)', want RelWithDebInfo (scripts/build.sh)"
    for option in REHABPLAN_SANITIZE REHABPLAN_TSAN; do
        case $(value $option) in ON | on | TRUE | true | 1 | YES | yes) die "$build is built with $option" ;; esac
    done
    if [ -f "$baseline" ]; then
        if compare "$baseline" "$lib" "$tmp/report"; then
            echo "abi.sh: no change to the baseline's functions and types"
        else
            echo "abi.sh: the new baseline differs from the old one:"
            cat "$tmp/report"
        fi
    fi
    mkdir -p "$root/abi"
    # Locations, paths of the checkout and build, and DT_NEEDED are left out, so the baseline
    # is the same from any checkout; hashed type ids keep its diffs small.
    abidw --headers-dir "$headers" --exported-interfaces-only --drop-private-types --drop-undefined-syms \
        --no-corpus-path --no-comp-dir-path --short-locs --no-show-locs --no-elf-needed --type-id-style hash \
        --out-file "$tmp/new.abi" "$lib" || die "abidw failed"
    grep -q "soname='$soname'" "$tmp/new.abi" || die "abidw wrote no corpus for $soname"
    if grep -qF -e "$root" -e "$build" "$tmp/new.abi"; then die "the baseline would contain a path of this machine"; fi
    mv "$tmp/new.abi" "$baseline"
    echo "abi.sh: wrote ${baseline#"$root"/} from $lib ($(symbols "$baseline" | wc -l) functions)."
    echo "abi.sh: review it (git diff abi/) and commit it with the change that needs it."
    ;;
esac
