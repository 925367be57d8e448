#!/usr/bin/env python3
"""Check that libdanvan XML files are in the canonical form of format v1.

    python3 tools/check-canonical.py examples/data/*.xml

The script re-serialises each file from the kind table (lib/core/kinds.c, read through
danvan_kinds.py) and compares the result with the file, byte for byte, after removing XML
comments (the example files carry comments; the library does not keep them). The rules
written out (docs/format.md, "Canonical form"):

- the declaration <?xml version="1.0" encoding="UTF-8"?>, then the root, "\n" line ends,
  a final "\n", no trailing spaces, no tabs;
- one element per line, indented by two spaces per level; an element with text and no
  child elements on one line; an element with neither written <name .../>;
- attributes in the order of the kind table, foreign attributes after them in document
  order; double quotes; & < > " and tab, LF, CR escaped in attribute values, & < > and CR
  in text;
- children in slot order (slots of equal rank in document order), foreign elements last;
- sections in the order metrics, localities, people, organisations (each in its wrapper),
  plan*, report*, then evaluation*.

Exit status 0 when every file is canonical; otherwise a unified diff per file and 1.
Python 3 standard library only.
"""
import difflib
import io
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import danvan_kinds  # noqa: E402

NS = "urn:danvan:1"
Q = "{%s}" % NS

# evaluation vocabulary (FORMAT.md), not in the kind table
EVAL_ATTRS = {
    "evaluation": ["plan", "as-of"],
    "duty-status": ["duty", "org", "due", "on-time", "early", "late", "missing", "pending",
                    "completeness", "timeliness"],
    "quota-status": ["quota", "org", "achieved", "met"],
    "quota-result": ["quota", "units", "met-units", "coverage", "met"],
    "score": ["org", "value", "rank"],
}


def esc_attr(v):
    return (v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


def esc_text(v):
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


class Writer:
    def __init__(self, kinds, prefixes):
        self.kinds = kinds
        self.prefixes = prefixes  # namespace uri -> prefix, for foreign names
        self.out = io.StringIO()
        self.byname = {k.name: k for k in kinds.values()}
        self.byname["scope"] = kinds["SELECTOR"]
        self.byname["reporters"] = kinds["SELECTOR"]

    def qname(self, tag):
        if tag.startswith(Q):
            return tag[len(Q):], None
        if tag.startswith("{"):
            uri, local = tag[1:].split("}", 1)
            if uri == "http://www.w3.org/XML/1998/namespace":
                return "xml:" + local, None
            p = self.prefixes.get(uri)
            if p is None:
                raise ValueError("no prefix known for namespace %s" % uri)
            return "%s:%s" % (p, local), (p, uri)
        return tag, None

    def attrs(self, el, order, decl=None, foreign_el=False):
        """Attribute text: namespace declaration of a foreign element, the known attributes
        in table order, then the others (foreign) in document order."""
        parts = []
        if decl:
            parts.append('xmlns:%s="%s"' % decl)
        for a in order:
            if a in el.attrib:
                parts.append('%s="%s"' % (a, esc_attr(el.attrib[a])))
        for a in el.attrib:
            if a in order:
                continue
            if not a.startswith("{") and not foreign_el:
                raise ValueError("unknown attribute %r on <%s>" % (a, self.qname(el.tag)[0]))
            n, d = self.qname(a)
            if d and d != decl:
                parts.append('xmlns:%s="%s"' % d)
            parts.append('%s="%s"' % (n, esc_attr(el.attrib[a])))
        return "".join(" " + p for p in parts)

    def line(self, depth, s):
        self.out.write("  " * depth + s + "\n")

    def foreign(self, el, depth):
        name, decl = self.qname(el.tag)
        a = self.attrs(el, [], decl, foreign_el=True)
        kids = list(el)
        text = el.text or ""
        if not kids and not text:
            self.line(depth, "<%s%s/>" % (name, a))
        elif not kids:
            self.line(depth, "<%s%s>%s</%s>" % (name, a, esc_text(text), name))
        else:
            self.line(depth, "<%s%s>" % (name, a))
            for k in kids:
                self.foreign(k, depth + 1)
            self.line(depth, "</%s>" % name)

    def element(self, el, kind, depth, parent_kind=None):
        name = el.tag[len(Q):]
        order = [f.attr for f in kind.attrs()]
        extra = ""
        if kind.kind == "DATASET":
            order = ["version"]
            extra = ' xmlns="%s"' % NS
        a = extra + self.attrs(el, order)
        kids = list(el)
        text_field = kind.text_field()
        if text_field is not None and not kind.slots:
            if kids:
                raise ValueError("<%s> holds elements but is a text element" % name)
            text = el.text or ""
            if text:
                self.line(depth, "<%s%s>%s</%s>" % (name, a, esc_text(text), name))
            else:
                self.line(depth, "<%s%s/>" % (name, a))
            return
        if el.text and el.text.strip():
            raise ValueError("text inside <%s>" % name)
        ordered = self.order(el, kind)
        if not ordered:
            self.line(depth, "<%s%s/>" % (name, a))
            return
        self.line(depth, "<%s%s>" % (name, a))
        for child, ck in ordered:
            if ck == "foreign":
                self.foreign(child, depth + 1)
            elif ck == "group":
                self.group(child, kind, depth + 1)
            elif ck == "wrapper":
                self.wrapper(child, depth + 1)
            elif ck == "eval":
                self.evaluation(child, depth + 1)
            else:
                self.element(child, ck, depth + 1, kind)
        self.line(depth, "</%s>" % name)

    def order(self, el, kind):
        rank = {}
        for s in kind.slots:
            rank[s.wrapper or s.elem] = (s.rank, s)
        known, foreign = [], []
        for i, child in enumerate(el):
            if not isinstance(child.tag, str):
                continue
            if not child.tag.startswith(Q):
                foreign.append((child, "foreign"))
                continue
            cname = child.tag[len(Q):]
            if kind.kind == "DATASET" and cname == "evaluation":
                known.append(((99, i), child, "eval"))
                continue
            if cname not in rank:
                raise ValueError("<%s> not allowed in <%s>" % (cname, kind.name))
            r, s = rank[cname]
            if s.wrapper:
                known.append(((r, i), child, "wrapper"))
            elif s.kind is None:
                known.append(((r, i), child, "group"))
            else:
                known.append(((r, i), child, self.kinds[s.kind]))
        known.sort(key=lambda t: t[0])
        return [(c, k) for _, c, k in known] + foreign

    def group(self, el, kind, depth):
        name = el.tag[len(Q):]
        fs = kind.group_fields(name)
        order = [f.attr for f in fs if f.attr]
        a = self.attrs(el, order)
        if list(el):
            raise ValueError("<%s> holds elements" % name)
        text = el.text or ""
        if text:
            self.line(depth, "<%s%s>%s</%s>" % (name, a, esc_text(text), name))
        else:
            self.line(depth, "<%s%s/>" % (name, a))

    def wrapper(self, el, depth):
        name = el.tag[len(Q):]
        if el.attrib:
            raise ValueError("attributes on <%s>" % name)
        kids = [c for c in el if isinstance(c.tag, str)]
        if not kids:
            self.line(depth, "<%s/>" % name)
            return
        self.line(depth, "<%s>" % name)
        for c in kids:
            self.element(c, self.byname[c.tag[len(Q):]], depth + 1)
        self.line(depth, "</%s>" % name)

    def evaluation(self, el, depth):
        name = el.tag[len(Q):]
        a = self.attrs(el, EVAL_ATTRS[name])
        kids = [c for c in el if isinstance(c.tag, str)]
        if not kids:
            self.line(depth, "<%s%s/>" % (name, a))
            return
        self.line(depth, "<%s%s>" % (name, a))
        for c in kids:
            if c.tag.startswith(Q):
                self.evaluation(c, depth + 1)
            else:
                self.foreign(c, depth + 1)
        self.line(depth, "</%s>" % name)


def canonical(path, kinds):
    prefixes = {}
    for ev, (p, uri) in ET.iterparse(path, events=("start-ns",)):
        if uri != NS:
            prefixes[uri] = p
    root = ET.parse(path).getroot()
    if root.tag != Q + "danvan":
        raise ValueError("root is not {urn:danvan:1}danvan")
    w = Writer(kinds, prefixes)
    w.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    w.element(root, kinds["DATASET"], 0)
    return w.out.getvalue()


def strip_comments(text):
    # a comment on lines of its own goes with its lines; one inside a line goes alone
    text = re.sub(r"(?m)^[ ]*<!--.*?-->[ ]*\n", "", text, flags=re.S)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def main(argv):
    kinds, _ = danvan_kinds.load()
    bad = 0
    for path in argv[1:]:
        raw = open(path, "rb").read()
        problems = []
        if b"\r" in raw:
            problems.append("CR line ends")
        if b"\t" in raw:
            problems.append("tab characters")
        text = raw.decode("utf-8")
        for i, ln in enumerate(text.split("\n"), 1):
            if ln != ln.rstrip(" "):
                problems.append("trailing spaces on line %d" % i)
        if not text.endswith("\n"):
            problems.append("no final newline")
        try:
            want = canonical(path, kinds)
        except (ValueError, ET.ParseError) as e:
            problems.append(str(e))
            want = None
        have = strip_comments(text)
        if want is not None and want != have:
            diff = difflib.unified_diff(have.splitlines(True), want.splitlines(True),
                                        path + " (as written, comments removed)", "canonical", n=1)
            problems.append("not canonical:\n" + "".join(list(diff)[:80]))
        if problems:
            bad += 1
            print("%s:" % path)
            for p in problems:
                print("  " + p)
        else:
            print("%s: canonical" % path)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
