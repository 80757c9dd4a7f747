#!/bin/sh
# Installs the Debian packages rehabplan needs to build, test, benchmark and print plans
# (chromium turns the HTML plan into a PDF; poppler-utils and the calendar parsers check them;
# python3-dask and python3-distributed run the cluster example), then the FHIR validators the
# FHIR export is tested with, from the npm registry (tests/fhir, pinned by its lock file).
# Idempotent and quick when everything is there: apt-get runs only for missing packages, npm
# only when tests/fhir/node_modules does not match the lock file.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="
  build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev libsimdjson-dev libboost-date-time-dev libboost-program-options-dev
  doctest-dev libbenchmark-dev
  python3 python3-jsonschema python3-pytest python3-pip
  clang libclang-rt-14-dev abigail-tools
  chromium poppler-utils fonts-dejavu-core fonts-liberation
  python3-icalendar libical-dev
  python3-dask python3-distributed
  time valgrind
"

# Node.js and npm come with the machine (Node 20); Debian's are the fallback.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  echo "rehabplan: installing Debian packages:$missing" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# The FHIR R4 validators (tests/fhir/README.md): npm ci installs exactly the lock file's
# versions; the copy of the lock file in node_modules says which install is there.
if ! cmp -s tests/fhir/package-lock.json tests/fhir/node_modules/.rehabplan-lock 2>/dev/null; then
  echo "rehabplan: installing the FHIR validators (npm ci in tests/fhir)" >&2
  npm ci --prefix tests/fhir --no-audit --no-fund --loglevel=error >&2
  cp tests/fhir/package-lock.json tests/fhir/node_modules/.rehabplan-lock
fi
