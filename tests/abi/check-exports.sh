#!/usr/bin/env bash
# abi.exports: the dynamic symbols a shared library defines must be exactly the names in
# symbols.txt, and all of them must start with danvan_.
# Usage: check-exports.sh LIBRARY SYMBOLS_TXT [NM]
set -euo pipefail
lib=$1 list=$2 nm=${3:-nm}
export LC_ALL=C

fail=0
if ! LC_ALL=C sort -c -u "$list" 2>/dev/null; then
  echo "FAIL: $list is not sorted and unique (LC_ALL=C sort -u); run tests/abi/update-symbols.sh"
  fail=1
fi

# "nm -D --defined-only" lines: VALUE TYPE NAME[@[@]VERSION]. Type A entries named like
# DANVAN_0 are the version nodes of lib/danvan.map, not symbols.
exported=$("$nm" -D --defined-only "$lib" |
  awk 'NF >= 3 && !($2 == "A" && $3 ~ /^[A-Z][A-Z0-9]*_[0-9][0-9_.]*$/) { sub(/@.*/, "", $3); print $3 }' |
  sort -u)

foreign=$(grep -v '^danvan_' <<<"$exported" || true)
if [ -n "$foreign" ]; then
  echo "FAIL: $lib exports names outside the danvan_ prefix (check lib/danvan.map and"
  echo "      that private helpers are static or dvi_ and hidden):"
  sed 's/^/  /' <<<"$foreign"
  fail=1
fi

extra=$(comm -23 <(grep . <<<"$exported" || true) <(sort -u "$list"))
missing=$(comm -13 <(grep . <<<"$exported" || true) <(sort -u "$list"))
if [ -n "$extra" ]; then
  echo "FAIL: exported by $lib but not in $list (declare them with DANVAN_API in a public"
  echo "      header and run tests/abi/update-symbols.sh, or make them private):"
  sed 's/^/  + /' <<<"$extra"
  fail=1
fi
if [ -n "$missing" ]; then
  echo "FAIL: listed in $list but not exported by $lib (not implemented, not marked"
  echo "      DANVAN_API in the definition's header, or hidden by lib/danvan.map):"
  sed 's/^/  - /' <<<"$missing"
  fail=1
fi
if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "OK: $(grep -c . <<<"$exported") symbols exported, all listed in $(basename "$list")"
