#!/usr/bin/env python3
"""Import the text of real plans or reports (copied out of Word, PDF files or web pages) into
one dataset, print what the importer found, then the summary of summary.py.

    python3 examples/python/import_text.py ../shared/seeds/002_xa-tan-phong-2024-dot2.txt
    python3 examples/python/import_text.py --quiet plan.txt report.txt
    python3 examples/python/import_text.py --xml out.xml plan.txt

--quiet leaves out the "info" findings (website text around the document, text that was kept
but gave no fact); warnings are always printed. --xml writes the dataset as XML (needs the
XML layer).

Run from a build tree with:
    DANVAN_LIBRARY=build/libdanvan.so.0 PYTHONPATH=bindings/python \\
        python3 examples/python/import_text.py FILE...
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List

import danvan

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summary import summarise  # noqa: E402  (the sibling example)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(prog="import_text", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="text files holding a plan or report")
    parser.add_argument("--quiet", action="store_true", help="print warnings only")
    parser.add_argument("--xml", metavar="OUT", help="write the dataset as XML to OUT")
    args = parser.parse_args(argv[1:])

    with danvan.Dataset() as ds:
        for path in args.files:
            try:
                res = danvan.import_file(path, dataset=ds)
            except NotImplementedError as exc:  # a libdanvan without the importer
                print(f"import_text: {exc}", file=sys.stderr)
                return 2
            except danvan.Error as exc:
                print(f"import_text: {exc}", file=sys.stderr)
                return 1
            findings = res.findings
            warnings = [f for f in findings if f.severity == "warning"]
            print(f"{path}: {res.entity.kind} {res.entity.id}, {len(findings)} findings "
                  f"({len(warnings)} warnings)")
            for f in findings:
                if f.severity == "warning" or not args.quiet:
                    print(f"  {os.path.basename(path)}:{f}")
        print()
        summarise(ds)
        if args.xml:
            try:
                ds.save(args.xml)
            except (NotImplementedError, danvan.Error) as exc:
                print(f"import_text: {exc}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
