#!/usr/bin/env bash
# abi.headers: symbols.txt must list exactly the functions declared with DANVAN_API in the
# public headers.
# Usage: check-headers.sh INCLUDE_DIR SYMBOLS_TXT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
incdir=$1 list=$2
export LC_ALL=C
declared=$(python3 "$here/header-symbols.py" "$incdir")
if diff -u --label "tests/abi/symbols.txt" --label "declared in include/danvan/*.h" \
     "$list" <(printf '%s\n' "$declared"); then
  echo "OK: symbols.txt matches the $(grep -c . <<<"$declared") functions declared with DANVAN_API"
  exit 0
fi
echo
echo "FAIL: tests/abi/symbols.txt differs from the public headers (lines with + are declared"
echo "      but not listed, lines with - are listed but no longer declared)."
echo "      Run tests/abi/update-symbols.sh, check the diff, and commit symbols.txt."
exit 1
