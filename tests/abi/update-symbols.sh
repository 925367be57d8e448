#!/usr/bin/env bash
# Regenerate tests/abi/symbols.txt from the functions declared with DANVAN_API in
# include/danvan/*.h. Run it after adding a public function, review the diff, commit it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$here/header-symbols.py" "$root/include/danvan" >"$tmp"
if cmp -s "$tmp" "$here/symbols.txt"; then
  echo "tests/abi/symbols.txt is up to date ($(wc -l <"$tmp") symbols)"
else
  diff -u "$here/symbols.txt" "$tmp" || true
  cp "$tmp" "$here/symbols.txt"
  echo "tests/abi/symbols.txt updated ($(wc -l <"$tmp") symbols)"
fi
