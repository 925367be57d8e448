"""The signature table of the binding against the public headers.

Every public header that declares functions must be bound (or listed in NOT_BOUND with a
reason), and every function of a bound header must be in danvan._lib.SIGNATURES (the
project's rule: every public function has a Python binding call), with the right header,
number of arguments and ctypes types for its C types. So a new header cannot be left out
of the binding silently.
"""
import ctypes
import os
import re
import unittest

import support
from danvan import _lib

# DANVAN_INCLUDE_DIR checks the table against the headers of another tree (a branch whose
# header has not landed here yet).
INCLUDE = os.environ.get("DANVAN_INCLUDE_DIR") or os.path.join(support.SOURCE_DIR, "include",
                                                                "danvan")
PROTO = re.compile(r"DANVAN_API\s+([^;(]*?)\b(danvan_\w+)\s*\(([^)]*)\)\s*;", re.S)

# Public headers that declare functions but that the binding leaves out on purpose:
# header -> the reason. Headers with no function at all (danvan.h, which only includes the
# others, and version.h.in, macros only) need no entry.
NOT_BOUND = {}

INTS = {"int32_t": ctypes.c_int32, "int64_t": ctypes.c_int64, "uint32_t": ctypes.c_uint32,
        "size_t": ctypes.c_size_t, "uint64_t": ctypes.c_uint64, "int": ctypes.c_int,
        "double": ctypes.c_double}


def header_names():
    """file name -> header name of the public headers (version.h.in is version.h)."""
    return {f: f[:-3] if f.endswith(".h.in") else f
            for f in sorted(os.listdir(INCLUDE)) if f.endswith((".h", ".h.in"))}


def header_text(file_name):
    """A header without its comments."""
    with open(os.path.join(INCLUDE, file_name), encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def api_markers(file_name):
    """How many times a header uses DANVAN_API outside comments and preprocessor lines: one
    per declared function."""
    lines = header_text(file_name).splitlines()
    return sum(len(re.findall(r"\bDANVAN_API\b", line)) for line in lines
               if not line.lstrip().startswith("#"))


def declarations():
    """name -> (header, return type, [parameter types]) from the public headers."""
    out = {}
    for file_name, header in header_names().items():
        text = header_text(file_name)
        for ret, name, params in PROTO.findall(text):
            params = " ".join(params.split())
            types = []
            if params not in ("", "void"):
                for p in params.split(","):
                    p = p.strip()
                    # drop the parameter name: the last identifier not part of the type
                    m = re.match(r"(.*?[\s*])(\w+)$", p)
                    types.append(" ".join((m.group(1) if m else p).replace("*", " * ").split()))
            out[name] = (header, " ".join(ret.replace("*", " * ").split()), types)
    return out


def compatible(ctype_text, ct):
    t = ctype_text.replace("const ", "").strip()
    if t == "void":
        return ct is None
    if t in INTS:
        return ct is INTS[t]
    stars = t.count("*")
    if t == "char *":  # an input string
        return ct is ctypes.c_char_p
    if stars == 1 and t[:-1].strip() in INTS:  # an integer out-parameter
        return ct is ctypes.POINTER(INTS[t[:-1].strip()])
    if stars == 1:  # a handle or a buffer
        return ct in (ctypes.c_void_p,) or (isinstance(ct, type) and issubclass(ct, ctypes._Pointer))
    if stars == 2:  # an out-parameter for a pointer
        if t == "char * *" and "const" in ctype_text:
            return ct is ctypes.POINTER(ctypes.c_char_p)
        return ct is ctypes.POINTER(ctypes.c_void_p)
    return False


class SignatureTableTest(unittest.TestCase):
    def setUp(self):
        self.decls = declarations()
        self.assertGreater(len(self.decls), 50)

    def test_every_function_of_a_bound_header_is_bound(self):
        bound_headers = {h for (_, _, h) in _lib.SIGNATURES.values()}
        missing = sorted(n for n, (h, _, _) in self.decls.items()
                         if h in bound_headers and n not in _lib.SIGNATURES)
        self.assertEqual(missing, [], "add these to danvan/_lib.py SIGNATURES")

    def test_every_public_header_is_bound(self):
        declaring = {h for (h, _, _) in self.decls.values()}
        bound = {h for (_, _, h) in _lib.SIGNATURES.values()}
        unbound = sorted(declaring - bound - set(NOT_BOUND))
        self.assertEqual(unbound, [], "public headers with no Python binding: bind them "
                         "(danvan/_lib.py SIGNATURES and a module), or list them in "
                         "test_abi.NOT_BOUND with the reason")
        self.assertIn("import.h", declaring)  # the check sees the newest header

    def test_not_bound_list_is_current(self):
        names = set(header_names().values())
        bound = {h for (_, _, h) in _lib.SIGNATURES.values()}
        for header, reason in NOT_BOUND.items():
            with self.subTest(header=header):
                self.assertIn(header, names, "no such public header: drop it from NOT_BOUND")
                self.assertNotIn(header, bound, "it is bound now: drop it from NOT_BOUND")
                self.assertTrue(reason.strip())

    def test_every_declaration_is_parsed(self):
        # a prototype the pattern misses would escape the checks above
        per_header = {}
        for h, _, _ in self.decls.values():
            per_header[h] = per_header.get(h, 0) + 1
        for file_name, header in header_names().items():
            with self.subTest(header=file_name):
                self.assertEqual(per_header.get(header, 0), api_markers(file_name),
                                 "a DANVAN_API declaration the binding's checks do not parse")

    def test_signatures_match_the_headers(self):
        present = set(header_names().values())
        for name, (restype, argtypes, header) in _lib.SIGNATURES.items():
            if header not in present:
                continue  # bound ahead of its header landing in this tree
            with self.subTest(function=name):
                self.assertIn(name, self.decls, "declared in no public header")
                h, ret, params = self.decls[name]
                self.assertEqual(header, h)
                self.assertEqual(len(argtypes), len(params), params)
                ret_ok = (restype is ctypes.c_char_p if ret.replace("const ", "") == "char *"
                          else compatible(ret, restype))
                self.assertTrue(ret_ok, f"return {ret} vs {restype}")
                for c_type, ct in zip(params, argtypes):
                    if c_type.replace("const ", "") == "char *":
                        ok = ct is ctypes.c_char_p
                    else:
                        ok = compatible(c_type, ct)
                    self.assertTrue(ok, f"parameter {c_type} vs {ct}")

    def test_pending_names_are_not_bound(self):
        self.assertFalse(set(_lib.PENDING) & set(_lib.SIGNATURES))


if __name__ == "__main__":
    unittest.main()
