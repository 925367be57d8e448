#!/bin/sh
# Round trip of every example file through the library: import -> export (E1) -> import ->
# export (E2). E2 must equal E1 byte for byte, E1 must equal the file as written (the example
# files are kept canonical; their comments are dropped on import), and the schema must accept
# E1. Usage: run.sh DANVAN_TOOL SOURCE_DIR
set -eu
tool=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
for f in "$src"/examples/data/*.xml "$src"/tests/data/xml/full.xml; do
  name=$(basename "$f")
  "$tool" fmt "$f" -o "$tmp/$name.1"
  "$tool" fmt "$tmp/$name.1" -o "$tmp/$name.2"
  cmp "$tmp/$name.1" "$tmp/$name.2" || { echo "FAIL: second export differs: $name"; exit 1; }
  python3 - "$f" "$tmp/$name.1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"(?m)^[ ]*<!--.*?-->[ ]*\n", "", text, flags=re.S)
text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
out = open(sys.argv[2], encoding="utf-8").read()
if text != out:
    import difflib
    sys.stdout.writelines(list(difflib.unified_diff(text.splitlines(True), out.splitlines(True),
                                                    "as written", "exported", n=1))[:40])
    sys.exit("FAIL: the first export is not the file as written: " + sys.argv[1])
PY
  xmllint --noout --schema "$src/schema/danvan-1.xsd" "$tmp/$name.1" 2>"$tmp/err" || {
    cat "$tmp/err"; echo "FAIL: schema rejects the export of $name"; exit 1; }
  n=$((n + 1))
done
echo "$n passed, 0 failed"
