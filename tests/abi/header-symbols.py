#!/usr/bin/env python3
"""Print, sorted and one per line, the names declared with DANVAN_API in public headers.

Usage: header-symbols.py DIR_OR_HEADER...

Comments, string literals and preprocessor lines are skipped, so a declaration may span
several lines and a comment may mention DANVAN_API freely. Used by update-symbols.sh (which
rewrites symbols.txt) and by the abi.headers test (which compares it with symbols.txt).
"""
import os
import re
import sys


def strip(text):
    """Remove comments and preprocessor directives; keep string literals as empty strings."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == '#':
            # a directive runs to the end of the line, continued by backslash-newline
            while i < n and text[i] != '\n':
                if text[i] == '\\' and i + 1 < n and text[i + 1] == '\n':
                    i += 1
                elif text[i] == '/' and text.startswith('/*', i):
                    end = text.find('*/', i + 2)
                    i = n if end < 0 else end + 1
                i += 1
            continue
        if text.startswith('/*', i):
            end = text.find('*/', i + 2)
            chunk = text[i:n if end < 0 else end + 2]
            out.append('\n' * chunk.count('\n') or ' ')
            i = n if end < 0 else end + 2
            continue
        if text.startswith('//', i):
            while i < n and text[i] != '\n':
                i += 1
            continue
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
            at_line_start = False
            continue
        out.append(c)
        if c == '\n':
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        i += 1
    return ''.join(out)


DECL = re.compile(r'\bDANVAN_API\b([^;(]*)([;(])')
IDENT_AT_END = re.compile(r'([A-Za-z_][A-Za-z0-9_]*)\s*(\[[^\]]*\]\s*)*$')


def symbols(path):
    with open(path, encoding='utf-8') as f:
        code = strip(f.read())
    found = []
    for m in DECL.finditer(code):
        head = m.group(1)
        ident = IDENT_AT_END.search(head)
        if not ident:
            sys.exit('%s: cannot read the name in "DANVAN_API%s%s"' % (path, head, m.group(2)))
        found.append(ident.group(1))
    return found


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    files = []
    for arg in argv[1:]:
        if os.path.isdir(arg):
            files += [os.path.join(arg, f) for f in os.listdir(arg) if f.endswith('.h')]
        else:
            files.append(arg)
    names = set()
    for path in sorted(files):
        names.update(symbols(path))
    for name in sorted(names):
        print(name)


if __name__ == '__main__':
    main(sys.argv)
