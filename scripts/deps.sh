#!/bin/sh
# Installs the Debian packages rehabplan needs to build, test, benchmark and print plans
# (chromium turns the HTML plan into a PDF; poppler-utils and the calendar parsers check them).
# Idempotent and quick when everything is there: apt-get runs only for missing packages.
set -eu

PACKAGES="
  build-essential cmake ninja-build pkg-config
  nlohmann-json3-dev libboost-date-time-dev libboost-program-options-dev
  doctest-dev libbenchmark-dev
  python3 python3-jsonschema python3-pytest python3-pip
  clang libclang-rt-14-dev abigail-tools
  chromium poppler-utils fonts-dejavu-core fonts-liberation
  python3-icalendar libical-dev
"

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
