"""Read the kind table of libdanvan (lib/core/kinds.c) into Python.

The XSD generator (gen-danvan-xsd.py) and the canonical-form checker (check-canonical.py)
both use this module, so that neither repeats the table by hand: the C table stays the one
place where elements, attributes and their order are defined.

Python 3 standard library only.
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_KINDS_C = os.path.join(HERE, "..", "lib", "core", "kinds.c")


class Field:
    """One field of a kind: an attribute or the text of the element, or of a group child."""

    def __init__(self, field, type_, elem, attr, target=None, enum=None, partial=False):
        self.field = field      # e.g. "ID"
        self.type = type_       # e.g. "STRING", "ENUM"
        self.elem = elem        # None: on the element itself; else the group element name
        self.attr = attr        # attribute name, or None for text content
        self.target = target    # REF/REFS target kind, e.g. "LOCALITY", "ANY"
        self.enum = enum        # name of the enum list, e.g. "E_ROLE"
        self.partial = partial  # DATE: partial dates allowed

    def __repr__(self):
        where = self.elem + "/" if self.elem else ""
        return "<%s%s %s>" % (where, self.attr or "#text", self.type)


class Slot:
    def __init__(self, kind, elem, wrapper, rank):
        self.kind = kind        # child kind name, or None for a group element
        self.elem = elem
        self.wrapper = wrapper
        self.rank = rank

    def __repr__(self):
        return "<slot %s %s r%d>" % (self.elem, self.kind or "group", self.rank)


class Kind:
    def __init__(self, kind, name, fields, slots):
        self.kind = kind        # e.g. "PLAN"
        self.name = name        # element name, e.g. "plan"
        self.fields = fields
        self.slots = slots

    def attrs(self):
        """Attributes of the element itself, in canonical order."""
        return [f for f in self.fields if f.elem is None and f.attr is not None]

    def text_field(self):
        for f in self.fields:
            if f.elem is None and f.attr is None:
                return f
        return None

    def group_fields(self, elem):
        return [f for f in self.fields if f.elem == elem]


def _strip_comments(src):
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    return re.sub(r"//[^\n]*", "", src)


def _args(s):
    """Split a macro argument list at top-level commas."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def _str(tok):
    tok = tok.strip()
    if tok == "NULL":
        return None
    m = re.fullmatch(r'"(.*)"', tok)
    if not m:
        raise ValueError("not a string literal: %r" % tok)
    return m.group(1)


def _macro_calls(body):
    """Yield (name, args) for each NAME(...) or bare NAME in an initialiser list."""
    i, n = 0, len(body)
    while i < n:
        m = re.compile(r"\s*,?\s*([A-Z]+)\s*").match(body, i)
        if not m or not m.group(1):
            # skip literal {…} entries (the empty dataset field list)
            j = body.find("}", i)
            if j < 0:
                break
            i = j + 1
            continue
        name = m.group(1)
        i = m.end()
        if i < n and body[i] == "(":
            depth, j = 0, i
            while j < n:
                if body[j] == "(":
                    depth += 1
                elif body[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            yield name, _args(body[i + 1:j])
            i = j + 1
        else:
            yield name, []


def load(path=DEFAULT_KINDS_C):
    src = _strip_comments(open(path, encoding="utf-8").read())

    enums = {}
    for m in re.finditer(r"static const char \*const (E_\w+)\[\]\s*=\s*\{(.*?)\};", src, re.S):
        enums[m.group(1)] = [w for w in re.findall(r'"([^"]*)"', m.group(2))]

    fields = {}
    for m in re.finditer(r"static const dvi_field_desc (f_\w+)\[\]\s*=\s*\{(.*?)\};", src, re.S):
        name, body = m.group(1), m.group(2)
        lst = []
        for mac, a in _macro_calls(body):
            if mac == "A":
                lst.append(Field(a[0], a[1], None, _str(a[2])))
            elif mac == "AR":
                lst.append(Field(a[0], a[1], None, _str(a[2]), target=a[3]))
            elif mac == "AE":
                lst.append(Field(a[0], "ENUM", None, _str(a[1]), enum=a[2]))
            elif mac == "AP":
                lst.append(Field(a[0], "DATE", None, _str(a[1]), partial=True))
            elif mac == "TX":
                lst.append(Field(a[0], a[1], None, None))
            elif mac == "G":
                lst.append(Field(a[0], a[1], _str(a[2]), _str(a[3])))
            elif mac == "GR":
                lst.append(Field(a[0], a[1], _str(a[2]), _str(a[3]), target=a[4]))
            elif mac == "LINES":
                lst.append(Field("LINES", "STRING", None, "lines"))
            else:
                raise ValueError("unknown field macro %s in %s" % (mac, name))
        fields[name] = lst

    slots = {}
    for m in re.finditer(r"static const dvi_slot_desc (s_\w+)\[\]\s*=\s*\{(.*?)\};", src, re.S):
        name, body = m.group(1), m.group(2)
        lst = []
        for mac, a in _macro_calls(body):
            if mac == "S":
                lst.append(Slot(a[0], _str(a[1]), None, int(a[2])))
            elif mac == "SW":
                lst.append(Slot(a[0], _str(a[1]), _str(a[2]), int(a[3])))
            elif mac == "SG":
                lst.append(Slot(None, _str(a[0]), None, int(a[1])))
            else:
                raise ValueError("unknown slot macro %s in %s" % (mac, name))
        slots[name] = lst

    kinds = {}
    m = re.search(r"dvi_kind_desc dvi_kinds\[[^\]]*\]\s*=\s*\{(.*?)\n\};", src, re.S)
    body = m.group(1)
    for km in re.finditer(r"\{K\((\w+)\),\s*\"(\w+)\",\s*(f_\w+),\s*\d+,\s*(s_\w+)", body):
        kinds[km.group(1)] = Kind(km.group(1), km.group(2), fields[km.group(3)], slots[km.group(4)])
    for km in re.finditer(r"\bKD\((\w+),\s*\"([\w-]+)\",\s*(f_\w+),\s*(s_\w+)\)", body):
        kinds[km.group(1)] = Kind(km.group(1), km.group(2), fields[km.group(3)], slots[km.group(4)])
    for km in re.finditer(r"\bKDN\((\w+),\s*\"([\w-]+)\",\s*(f_\w+)\)", body):
        kinds[km.group(1)] = Kind(km.group(1), km.group(2), fields[km.group(3)], [])
    return kinds, enums


def element_kinds(kinds):
    """Map (parent kind, child element name) -> child Kind, and group element names."""
    out = {}
    for k in kinds.values():
        for s in k.slots:
            if s.kind:
                out[(k.kind, s.elem)] = kinds[s.kind]
    return out


if __name__ == "__main__":
    ks, es = load()
    for k in ks.values():
        print(k.kind, k.name, [f.attr or "#text" for f in k.fields], k.slots)
    print(es)
