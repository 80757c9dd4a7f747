#!/bin/sh
# package.install: rehabplan installs, and the installed package can be consumed.
#
# Run by ctest (tests/package/CMakeLists.txt sets the environment):
#   REHABPLAN_SOURCE_DIR  the source tree          REHABPLAN_BINARY_DIR  the tested build tree
#   REHABPLAN_LIBDIR      CMAKE_INSTALL_LIBDIR      REHABPLAN_CONFIG      $<CONFIG> (may be empty)
#   REHABPLAN_DATADIR     CMAKE_INSTALL_DATADIR
#   REHABPLAN_CLI         the CLI, if it is built   CMAKE, CMAKE_GENERATOR, CMAKE_MAKE_PROGRAM, CC, CXX
#   REHABPLAN_DEPS_PREFIX_PATH  the build's CMAKE_PREFIX_PATH (where Boost and nlohmann_json are)
# By hand: REHABPLAN_KEEP_TMP=1 keeps the temporary directory.
#
# 1. Shared: `cmake --install <build tree> --prefix P` installs the library the rest of the
#    suite has just tested (no second build: quick, and it is the very binary that is
#    checked); the file list, SONAME, symlinks and exported symbols are checked, the examples
#    built with find_package and with pkg-config and run; the installed CLI prints the
#    examples' plan; every JSON Schema and FHIR definition is installed and parses; the
#    components cli and schemas install just their files; version requests 2, the next
#    minor and 1.0.
# 2. add_subdirectory(<source tree>) from a C project builds and links rehabplan::rehabplan.
# 3. Static: a fresh configure with -DBUILD_SHARED_LIBS=OFF (REHABPLAN_SHARED follows it)
#    -DCMAKE_INSTALL_PREFIX=S (the static library does not exist in the tested tree), install,
#    the C example linked with find_package and with pkg-config --static.
# Steps 2 and 3 build the library from source without optimisation, to keep them quick.
# Every check runs even after a failure; the test fails if any did.
set -u

: "${REHABPLAN_SOURCE_DIR:?}" "${REHABPLAN_BINARY_DIR:?}"
CMAKE=${CMAKE:-cmake}
LIBDIR=${REHABPLAN_LIBDIR:-lib}
DATADIR=${REHABPLAN_DATADIR:-share}
CONFIG=${REHABPLAN_CONFIG:-}
CLI=${REHABPLAN_CLI:-}
GENERATOR=${CMAKE_GENERATOR:-}
CC=${CC:-cc}
CXX=${CXX:-c++}
# The version being packaged, from the top-level CMakeLists.txt: librehabplan.so.$VERSION.
VERSION=$(sed -n 's/^project(rehabplan VERSION \([0-9][0-9.]*\).*/\1/p' "$REHABPLAN_SOURCE_DIR/CMakeLists.txt")
MAJOR=${VERSION%%.*}
MINOR=${VERSION#*.}; MINOR=${MINOR%%.*}
NEXT_MINOR=$MAJOR.$((MINOR + 1))
JOBS=${REHABPLAN_JOBS:-2}
SRC=$REHABPLAN_SOURCE_DIR
PATIENT=$SRC/examples/patient-stroke.json
START=2026-11-23

case $LIBDIR in
/*) echo "SKIP: CMAKE_INSTALL_LIBDIR is absolute ($LIBDIR); cmake --install --prefix cannot relocate it"; exit 77 ;;
esac
case $DATADIR in
/*) echo "SKIP: CMAKE_INSTALL_DATADIR is absolute ($DATADIR); cmake --install --prefix cannot relocate it"; exit 77 ;;
esac

T=$(mktemp -d "${TMPDIR:-/tmp}/rehabplan-package.XXXXXX") || exit 1
if [ "${REHABPLAN_KEEP_TMP:-0}" = 1 ]; then echo "keeping $T"; else trap 'rm -rf "$T"' EXIT; fi
P=$T/shared   # prefix of the shared install
S=$T/static   # prefix of the static install
failures=0
t0=$(date +%s)

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
step() { echo "== $* ($(($(date +%s) - t0)) s)"; }

# run LOG CMD...: runs CMD with its output in $T/LOG; on failure shows the end of it.
run() {
    log=$T/$1.log
    shift
    if "$@" >"$log" 2>&1; then return 0; fi
    echo "---- $* (end of $log)"
    tail -n 12 "$log" | cut -c 1-300
    echo "----"
    return 1
}

# configure LOG SOURCE BUILD [cmake args]: a fresh consumer build tree with this build's tools.
configure() {
    log=$1 src=$2 dir=$3
    shift 3
    set -- -S "$src" -B "$dir" -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF "$@"
    if [ -n "$GENERATOR" ]; then set -- -G "$GENERATOR" "$@"; fi
    if [ -n "${CMAKE_MAKE_PROGRAM:-}" ]; then set -- -DCMAKE_MAKE_PROGRAM="$CMAKE_MAKE_PROGRAM" "$@"; fi
    run "$log" "$CMAKE" "$@"
}

build() { run "$1" "$CMAKE" --build "$2" --parallel "$JOBS" ${3:+--target "$3"}; }

# same_dir A B: both name the same existing directory.
same_dir() { [ -d "$1" ] && [ -d "$2" ] && [ "$(cd "$1" && pwd -P)" = "$(cd "$2" && pwd -P)" ]; }

# A plan document for PATIENT from START, 12 weeks. (The byte comparison with the CLI and
# between the builds is the strong check; this one catches a run that printed something else.)
is_plan() {
    /usr/bin/python3 - "$1" "$START" <<'EOF'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
assert plan["schema_version"] == 1, plan.get("schema_version")
assert plan["start_date"] == sys.argv[2], plan["start_date"]
assert plan["weeks"] == 12, plan["weeks"]
assert len(plan["sessions"]) > 0, "no sessions"
assert all(sys.argv[2] <= s["date"] for s in plan["sessions"]), "a session before the start date"
EOF
}

# check_run NAME BINARY: BINARY makes the reference plan, refuses the refused patient with its
# findings (exit 1) and reports bad input with the library's message (exit 3).
REF=$T/reference.json
check_run() {
    name=$1 bin=$2
    if [ ! -x "$bin" ]; then fail "$name: no binary $bin"; return; fi
    if ! run "$name.run" "$bin" "$PATIENT" "$START" "$T/$name.json"; then
        fail "$name: plan for $PATIENT from $START"
        return
    fi
    if [ ! -f "$REF" ]; then
        if is_plan "$T/$name.json"; then cp "$T/$name.json" "$REF"; ok "$name: writes a 12-week plan"
        else fail "$name: its output is not a 12-week plan from $START"; return; fi
    elif cmp -s "$T/$name.json" "$REF"; then ok "$name: same plan, byte for byte"
    else fail "$name: a different plan than the first build's (diff $T/$name.json $REF)"; fi

    "$bin" "$SRC/tests/package/data/patient-refused.json" "$START" >"$T/$name.refused.out" 2>"$T/$name.refused.err"
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q '"rule": "safety.contraindication"' "$T/$name.refused.err" &&
        grep -q 'unstable_angina' "$T/$name.refused.err" && [ ! -s "$T/$name.refused.out" ]; then
        ok "$name: a refused plan exits 1 with the findings"
    else
        fail "$name: refused patient: exit $rc (want 1), findings on stderr, nothing on stdout"
        cat "$T/$name.refused.err"
    fi

    "$bin" "$SRC/tests/data/corpus/patient-age-1e300.json" "$START" >/dev/null 2>"$T/$name.bad.err"
    rc=$?
    if [ "$rc" -eq 3 ] && grep -q 'schema error: patient: /age: expected an integer 12-110' "$T/$name.bad.err"; then
        ok "$name: bad input exits 3 with the library's message"
    else
        fail "$name: bad patient: exit $rc (want 3) and the errmsg"
        cat "$T/$name.bad.err"
    fi
}

# has_files PREFIX FILE...: exactly these files and symlinks are installed under PREFIX.
has_files() {
    prefix=$1
    shift
    printf '%s\n' "$@" | LC_ALL=C sort >"$T/files.want"
    (cd "$prefix" && find . \( -type f -o -type l \) | sed 's|^\./||' | LC_ALL=C sort) >"$T/files.got"
    if cmp -s "$T/files.want" "$T/files.got"; then ok "installed files under $prefix"
    else fail "installed files under $prefix (- wanted, + installed):"; diff "$T/files.want" "$T/files.got"; fi
}

# data_files DATADIR: the files the schemas component installs, relative to the prefix: every
# JSON Schema of schema/ and every FHIR definition of schema/fhir/ (names without spaces).
data_files() {
    for f in "$SRC"/schema/*.json; do printf '%s\n' "$1/rehabplan/schema/${f##*/}"; done
    for f in "$SRC"/schema/fhir/*.json; do printf '%s\n' "$1/rehabplan/fhir/${f##*/}"; done
}

# check_data NAME PREFIX DATADIR: every installed schema parses and is a draft 2020-12 JSON
# Schema whose $id names its file, the installed patient schema accepts the example patient,
# and every FHIR definition parses as a CodeSystem or StructureDefinition.
check_data() {
    if run "$1" /usr/bin/python3 - "$2/$3/rehabplan" "$PATIENT" <<'EOF'
import json, pathlib, sys
from jsonschema import Draft202012Validator
root, patient = pathlib.Path(sys.argv[1]), json.load(open(sys.argv[2], encoding="utf-8"))
schemas = sorted((root / "schema").glob("*.json"))
assert schemas, "no schema installed"
for path in schemas:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith("/" + path.name), f"{path.name}: $id {schema['$id']}"
Draft202012Validator(json.loads((root / "schema/patient.schema.json").read_text(encoding="utf-8"))).validate(patient)
definitions = sorted((root / "fhir").glob("*.json"))
assert definitions, "no FHIR definition installed"
for path in definitions:
    kind = json.loads(path.read_text(encoding="utf-8"))["resourceType"]
    assert kind in ("CodeSystem", "StructureDefinition"), f"{path.name}: {kind}"
EOF
    then ok "$1: every installed JSON Schema and FHIR definition parses; the patient schema accepts $(basename "$PATIENT")"
    else fail "$1: the installed schemas or FHIR definitions under $2/$3/rehabplan"; fi
}

# ---------------------------------------------------------------------------------------------
step "1. install the tested build tree into $P"
if ! run install-shared "$CMAKE" --install "$REHABPLAN_BINARY_DIR" --prefix "$P" ${CONFIG:+--config "$CONFIG"}; then
    fail "cmake --install $REHABPLAN_BINARY_DIR --prefix $P"
    exit 1
fi
targets_config=$(cd "$P/$LIBDIR/cmake/rehabplan" 2>/dev/null && ls rehabplanTargets-*.cmake 2>/dev/null | head -n 1)
has_files "$P" include/rehabplan/rehabplan.h include/rehabplan/version.h \
    "$LIBDIR/librehabplan.so" "$LIBDIR/librehabplan.so.1" "$LIBDIR/librehabplan.so.$VERSION" \
    "$LIBDIR/cmake/rehabplan/rehabplanConfig.cmake" "$LIBDIR/cmake/rehabplan/rehabplanConfigVersion.cmake" \
    "$LIBDIR/cmake/rehabplan/rehabplanTargets.cmake" "$LIBDIR/cmake/rehabplan/${targets_config:-rehabplanTargets-CONFIG.cmake}" \
    "$LIBDIR/pkgconfig/rehabplan.pc" ${CLI:+bin/rehabplan} $(data_files "$DATADIR")
if [ -n "$(find "$P" -name '*.hpp')" ]; then fail "C++ core headers are installed: $(find "$P" -name '*.hpp')"
else ok "no C++ core headers installed"; fi

lib=$P/$LIBDIR
if [ "$(readlink "$lib/librehabplan.so")" = librehabplan.so.1 ] &&
    [ "$(readlink "$lib/librehabplan.so.1")" = librehabplan.so.$VERSION ] && [ ! -L "$lib/librehabplan.so.$VERSION" ]; then
    ok "librehabplan.so -> librehabplan.so.1 -> librehabplan.so.$VERSION"
else fail "symlinks: librehabplan.so -> $(readlink "$lib/librehabplan.so"), .so.1 -> $(readlink "$lib/librehabplan.so.1")"; fi
soname=$(readelf -d "$lib/librehabplan.so.$VERSION" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
if [ "$soname" = librehabplan.so.1 ]; then ok "SONAME librehabplan.so.1"; else fail "SONAME is '$soname', want librehabplan.so.1"; fi

# Exported: exactly the functions the installed header declares with REHABPLAN_API.
sed -n 's/^REHABPLAN_API[^(]*[ *]\(rehabplan_[A-Za-z0-9_]*\)(.*/\1/p' "$P/include/rehabplan/rehabplan.h" |
    LC_ALL=C sort >"$T/symbols.declared"
nm -D --defined-only "$lib/librehabplan.so.$VERSION" | awk '{ print $NF }' | LC_ALL=C sort >"$T/symbols.exported"
if [ -s "$T/symbols.declared" ] && cmp -s "$T/symbols.declared" "$T/symbols.exported"; then
    ok "exported symbols = the $(wc -l <"$T/symbols.declared") functions of rehabplan.h"
else fail "exported symbols (-) vs REHABPLAN_API in rehabplan.h (+):"; diff "$T/symbols.exported" "$T/symbols.declared"; fi
if grep -v '^rehabplan_' "$T/symbols.exported" >/dev/null; then fail "exported symbols outside rehabplan_*"; fi

# The installed header alone is plain C89 and C++.
printf '#include <rehabplan/rehabplan.h>\nint main(void) { return rehabplan_version_number() > 0 ? 0 : 1; }\n' >"$T/header.c"
if run header-c89 "$CC" -std=c89 -pedantic-errors -Wall -Wextra -Werror -fsyntax-only -I"$P/include" "$T/header.c" &&
    run header-cxx "$CXX" -x c++ -std=c++11 -pedantic-errors -Wall -Wextra -Werror -fsyntax-only -I"$P/include" "$T/header.c"; then
    ok "rehabplan.h compiles alone as C89 and C++11"
else fail "rehabplan.h does not compile alone as C89 and C++11"; fi

step "1a. examples with find_package(rehabplan 1) (CMAKE_PREFIX_PATH=$P)"
for lang in c cpp; do
    if configure "$lang-cmake.configure" "$SRC/examples/$lang" "$T/$lang-cmake" -DCMAKE_PREFIX_PATH="$P" &&
        build "$lang-cmake.build" "$T/$lang-cmake"; then
        found=$(sed -n 's/^rehabplan_DIR:[A-Z]*=//p' "$T/$lang-cmake/CMakeCache.txt")
        if same_dir "$found" "$lib/cmake/rehabplan"; then ok "examples/$lang found the package in $P"
        else fail "examples/$lang used rehabplan_DIR=$found, not $lib/cmake/rehabplan"; fi
        check_run "$lang-cmake" "$T/$lang-cmake/plan_$lang"
    else fail "examples/$lang with find_package"; fi
done

step "1b. the installed CLI ($P/bin/rehabplan), JSON Schemas and FHIR definitions"
# Run from the temporary directory, with nothing of the build tree on a search path.
if [ -n "$CLI" ]; then
    icli=$P/bin/rehabplan
    if (cd "$T" && "$icli" --version) >"$T/icli.version" 2>&1 && grep -q "^rehabplan $VERSION " "$T/icli.version"; then
        ok "bin/rehabplan --version: $(cat "$T/icli.version")"
    else fail "bin/rehabplan --version: $(cat "$T/icli.version")"; fi
    if (cd "$T" && "$icli" generate --patient "$PATIENT" --start "$START" --weeks 12) >"$T/icli.txt" 2>"$T/icli.err" &&
        grep -q "^Your exercise plan" "$T/icli.txt" && grep -q "Stop and call 112 at once" "$T/icli.txt"; then
        ok "bin/rehabplan generate prints a plan for $(basename "$PATIENT")"
    else fail "bin/rehabplan generate: no plan printed for $PATIENT"; cat "$T/icli.err"; fi
    if [ -f "$REF" ]; then
        if (cd "$T" && "$icli" generate --patient "$PATIENT" --start "$START" --weeks 12 --format json) >"$T/cli.json" &&
            cmp -s "$T/cli.json" "$REF"; then
            ok "the examples' plan is the installed CLI's (rehabplan generate --format json), byte for byte"
        else fail "the examples' plan differs from bin/rehabplan generate --format json (diff $T/cli.json $REF)"; fi
    fi
fi
check_data schemas "$P" "$DATADIR"
# The components: cli is bin/rehabplan alone, schemas the schemas and FHIR definitions alone.
if [ -n "$CLI" ]; then
    if run install-cli "$CMAKE" --install "$REHABPLAN_BINARY_DIR" --prefix "$T/component-cli" --component cli \
        ${CONFIG:+--config "$CONFIG"}; then has_files "$T/component-cli" bin/rehabplan
    else fail "cmake --install --component cli"; fi
fi
if run install-schemas "$CMAKE" --install "$REHABPLAN_BINARY_DIR" --prefix "$T/component-schemas" --component schemas \
    ${CONFIG:+--config "$CONFIG"}; then has_files "$T/component-schemas" $(data_files "$DATADIR")
else fail "cmake --install --component schemas"; fi

step "1c. examples with pkg-config (PKG_CONFIG_PATH=$lib/pkgconfig)"
PKG_CONFIG_PATH=$lib/pkgconfig
export PKG_CONFIG_PATH
pc_flags=
pc_prefix=$(pkg-config --variable=prefix rehabplan)
if same_dir "$pc_prefix" "$P" && same_dir "$(pkg-config --variable=libdir rehabplan)" "$lib" &&
    same_dir "$(pkg-config --variable=includedir rehabplan)" "$P/include"; then
    ok "rehabplan.pc points into the prefix it is installed in"
else
    fail "rehabplan.pc installed under $P says prefix=$pc_prefix: after cmake --install --prefix it must point to its own prefix (continuing with pkg-config --define-prefix)"
    pc_flags=--define-prefix
fi
if [ "$(pkg-config --modversion rehabplan)" = "$VERSION" ]; then ok "pkg-config --modversion $VERSION"
else fail "pkg-config --modversion is '$(pkg-config --modversion rehabplan)'"; fi
for lang in c cpp; do
    if run "$lang-pc.build" make -C "$SRC/examples/$lang" OUT="$T/plan_$lang-pc" CC="$CC" CXX="$CXX" \
        PKG_CONFIG_FLAGS="$pc_flags"; then
        LD_LIBRARY_PATH=$lib
        export LD_LIBRARY_PATH
        check_run "$lang-pc" "$T/plan_$lang-pc"
        unset LD_LIBRARY_PATH
    else fail "examples/$lang with pkg-config"; fi
done
unset PKG_CONFIG_PATH

step "1d. find_package(rehabplan VERSION): SameMajorVersion"
for requested in 2 "$NEXT_MINOR" 1.0; do
    configure "version-$requested" "$SRC/tests/package/version" "$T/version-$requested" \
        -DCMAKE_PREFIX_PATH="$P" -DREQUESTED="$requested" >/dev/null
    rc=$?
    out=$T/version-$requested.log
    case $requested in
    1.0)
        if [ $rc -eq 0 ] && grep -q "rehabplan_VERSION=$VERSION rehabplan_ABI_VERSION=1" "$out"; then
            ok "find_package(rehabplan 1.0) finds $VERSION (ABI 1)"
        else fail "find_package(rehabplan 1.0) must succeed with version $VERSION"; cat "$out"; fi ;;
    *)
        if [ $rc -ne 0 ] && grep -qF "version: $VERSION" "$out"; then
            ok "find_package(rehabplan $requested) refuses the installed $VERSION"
        else fail "find_package(rehabplan $requested) must fail because of the version (exit $rc)"; cat "$out"; fi ;;
    esac
done

# ---------------------------------------------------------------------------------------------
step "2. add_subdirectory(<source tree>) from a C project"
if configure subdir.configure "$SRC/tests/package/subdir" "$T/subdir" -DREHABPLAN_SOURCE_DIR="$SRC" \
    ${REHABPLAN_DEPS_PREFIX_PATH:+-DCMAKE_PREFIX_PATH="$REHABPLAN_DEPS_PREFIX_PATH"} &&
    build subdir.build "$T/subdir" plan_c_subdir; then
    ok "a project with add_subdirectory(rehabplan) links rehabplan::rehabplan"
    check_run subdir "$T/subdir/plan_c_subdir"
else fail "add_subdirectory consumer"; fi

# ---------------------------------------------------------------------------------------------
step "3. static library: fresh configure -DBUILD_SHARED_LIBS=OFF, install into $S"
if configure static.configure "$SRC" "$T/static-build" -DBUILD_SHARED_LIBS=OFF -DREHABPLAN_BUILD_TESTS=OFF \
    -DREHABPLAN_BUILD_CLI=OFF -DCMAKE_INSTALL_PREFIX="$S" \
    ${REHABPLAN_DEPS_PREFIX_PATH:+-DCMAKE_PREFIX_PATH="$REHABPLAN_DEPS_PREFIX_PATH"} &&
    build static.build "$T/static-build" && run static.install "$CMAKE" --install "$T/static-build"; then
    if grep -q '^REHABPLAN_SHARED:BOOL=OFF$' "$T/static-build/CMakeCache.txt"; then
        ok "BUILD_SHARED_LIBS=OFF gives REHABPLAN_SHARED=OFF"
    else fail "BUILD_SHARED_LIBS=OFF: REHABPLAN_SHARED is not OFF in the cache"; fi
    slib=$S/$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$T/static-build/CMakeCache.txt")
    sdata=$(sed -n 's/^CMAKE_INSTALL_DATAROOTDIR:PATH=//p' "$T/static-build/CMakeCache.txt")
    sconfig=$(cd "$slib/cmake/rehabplan" 2>/dev/null && ls rehabplanTargets-*.cmake 2>/dev/null | head -n 1)
    srel=${slib#"$S"/}
    has_files "$S" include/rehabplan/rehabplan.h include/rehabplan/version.h "$srel/librehabplan.a" \
        "$srel/cmake/rehabplan/rehabplanConfig.cmake" "$srel/cmake/rehabplan/rehabplanConfigVersion.cmake" \
        "$srel/cmake/rehabplan/rehabplanTargets.cmake" "$srel/cmake/rehabplan/${sconfig:-rehabplanTargets-CONFIG.cmake}" \
        "$srel/pkgconfig/rehabplan.pc" $(data_files "${sdata:-share}")

    # find_package from a C-only project: the C++ runtime must come with the target.
    if configure c-static.configure "$SRC/examples/c" "$T/c-static" -DCMAKE_PREFIX_PATH="$S" &&
        build c-static.build "$T/c-static"; then
        check_run c-static "$T/c-static/plan_c"
    else fail "examples/c (a C project) with find_package and the static library"; fi

    PKG_CONFIG_PATH=$slib/pkgconfig
    export PKG_CONFIG_PATH
    case " $(pkg-config --cflags rehabplan) " in
    *" -DREHABPLAN_STATIC "*) ok "static rehabplan.pc: Cflags has -DREHABPLAN_STATIC" ;;
    *) fail "static rehabplan.pc: Cflags '$(pkg-config --cflags rehabplan)' lacks -DREHABPLAN_STATIC" ;;
    esac
    if run c-static-pc.build make -C "$SRC/examples/c" OUT="$T/plan_c-static-pc" CC="$CC" PKG_CONFIG_FLAGS=--static; then
        check_run c-static-pc "$T/plan_c-static-pc"
    else fail "examples/c with pkg-config --static"; fi
    unset PKG_CONFIG_PATH

    for bin in "$T/c-static/plan_c" "$T/plan_c-static-pc"; do
        [ -x "$bin" ] || continue
        if readelf -d "$bin" | grep -q 'NEEDED.*librehabplan'; then fail "$bin needs librehabplan.so: not linked statically"
        elif nm "$bin" | grep -q ' T rehabplan_generate$'; then ok "$(basename "$bin") has the library linked in"
        else fail "$bin has no rehabplan_generate"; fi
    done
else fail "static build and install"; fi

step "done: $failures failure(s) in $(($(date +%s) - t0)) s"
[ "$failures" -eq 0 ]
