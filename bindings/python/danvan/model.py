"""The kinds of entity and their fields (include/danvan/model.h), read from the library.

Nothing about the model is written out in Python: the kinds, their fields, field types,
enum words and child kinds all come from the loaded library's table, so a field added to
the C table shows up here (and as an attribute of the entity classes) without a change to
the binding.
"""
from __future__ import annotations

import keyword
from ctypes import byref, c_int32
from dataclasses import dataclass, field
from typing import Dict, Iterator, Mapping, Optional, Tuple, Union

from . import _lib
from .errors import NotFoundError, check

C = _lib.C

# Field types (model.h); the numbers are frozen by the C library.
TYPE_STRING = 1
TYPE_ID = 2
TYPE_REF = 3
TYPE_REFS = 4
TYPE_TOKENS = 5
TYPE_ENUM = 6
TYPE_DATE = 7
TYPE_DATETIME = 8
TYPE_TIME = 9
TYPE_DECIMAL = 10
TYPE_INT = 11
TYPE_BOOL = 12

TYPE_NAMES = {TYPE_STRING: "string", TYPE_ID: "id", TYPE_REF: "ref", TYPE_REFS: "refs",
              TYPE_TOKENS: "tokens", TYPE_ENUM: "enum", TYPE_DATE: "date",
              TYPE_DATETIME: "datetime", TYPE_TIME: "time", TYPE_DECIMAL: "decimal",
              TYPE_INT: "int", TYPE_BOOL: "bool"}

#: The Python type a field of each type reads as (for documentation and type hints).
PYTHON_TYPES = {TYPE_STRING: "str", TYPE_ID: "str", TYPE_REF: "str", TYPE_REFS: "tuple[str, ...]",
                TYPE_TOKENS: "tuple[str, ...]", TYPE_ENUM: "str",
                TYPE_DATE: "datetime.date | PartialDate", TYPE_DATETIME: "datetime.datetime",
                TYPE_TIME: "datetime.time", TYPE_DECIMAL: "decimal.Decimal", TYPE_INT: "int",
                TYPE_BOOL: "bool"}

KIND_ANY = 0
KIND_DATASET = 1  # the root entity, named "danvan"
KIND_SELECTOR_NAME = "selector"

#: Element names a selector is written under, accepted wherever a kind name is.
KIND_ALIASES = {"scope": KIND_SELECTOR_NAME, "reporters": KIND_SELECTOR_NAME}

_LIMIT = 4096  # bound on table walks, should a table ever lack its terminator


@dataclass(frozen=True)
class FieldInfo:
    """One field of one kind."""

    code: int
    name: str          #: the format's name ("window-start")
    attr: str          #: the Python attribute name ("window_start")
    type: int          #: a TYPE_* constant
    partial: bool      #: a date field that accepts "YYYY-MM"
    target: Optional[str]  #: for references: the kind name they point to, "any" for several
    enum: Tuple[str, ...]  #: the allowed words of an enum field

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.type, str(self.type))

    @property
    def python_type(self) -> str:
        return PYTHON_TYPES.get(self.type, "str")


@dataclass(frozen=True)
class KindInfo:
    """One kind of entity: its fields and the kinds of children it may hold."""

    code: int
    name: str
    fields: Tuple[FieldInfo, ...]
    children: Tuple[str, ...]
    by_name: Mapping[str, FieldInfo] = field(repr=False, compare=False)

    @property
    def has_id(self) -> bool:
        return "id" in self.by_name

    def field(self, name: str) -> FieldInfo:
        """The field of that name (format name, or Python attribute name)."""
        info = self.by_name.get(name)
        if info is None:
            from .errors import UnknownFieldError

            raise UnknownFieldError(f"a {self.name} has no field '{name}'")
        return info


def attr_name(name: str) -> str:
    """The Python attribute for a format name: '-' becomes '_', keywords get a '_'."""
    attr = name.replace("-", "_")
    return attr + "_" if keyword.iskeyword(attr) else attr


def _s(raw: Optional[bytes]) -> Optional[str]:
    return _lib.decode(raw)


def _read_kind(code: int, name: str) -> KindInfo:
    fields = []
    by_name: Dict[str, FieldInfo] = {}
    for i in range(min(int(C.danvan_kind_field_count(code)), _LIMIT)):
        f = C.danvan_kind_field(code, i)
        if not f:
            break
        fname = _s(C.danvan_field_name(f)) or f"field-{f}"
        ftype = C.danvan_kind_field_type(code, f)
        target: Optional[str] = None
        if ftype in (TYPE_REF, TYPE_REFS):
            t = C.danvan_kind_field_target(code, f)
            target = "any" if t == KIND_ANY else (_s(C.danvan_kind_name(t)) if t > 0 else None)
        words = []
        if ftype == TYPE_ENUM:
            for j in range(_LIMIT):
                w = C.danvan_kind_field_enum(code, f, j)
                if w is None:
                    break
                words.append(w.decode("utf-8"))
        info = FieldInfo(code=f, name=fname, attr=attr_name(fname), type=ftype,
                         partial=bool(C.danvan_kind_field_is_partial_date(code, f)),
                         target=target, enum=tuple(words))
        fields.append(info)
        by_name[fname] = info
        by_name.setdefault(info.attr, info)
    children = []
    for i in range(min(int(C.danvan_kind_child_kind_count(code)), _LIMIT)):
        k = C.danvan_kind_child_kind(code, i)
        if k:
            children.append(_s(C.danvan_kind_name(k)) or str(k))
    return KindInfo(code=code, name=name, fields=tuple(fields), children=tuple(children),
                    by_name=by_name)


_KINDS: Dict[str, KindInfo] = {}
_BY_CODE: Dict[int, KindInfo] = {}
_FIELDS: Dict[str, int] = {}


def _load() -> None:
    for code in range(1, _LIMIT):
        raw = C.danvan_kind_name(code)
        if raw is None:
            break
        info = _read_kind(code, raw.decode("utf-8"))
        _KINDS[info.name] = info
        _BY_CODE[code] = info
    for code in range(1, _LIMIT):
        raw = C.danvan_field_name(code)
        if raw is None:
            break
        _FIELDS[raw.decode("utf-8")] = code


def kinds() -> Mapping[str, KindInfo]:
    """Every kind of the loaded library, by name, in code order."""
    if not _KINDS:
        _load()
    return _KINDS


def kind_info(kind: Union[str, int, KindInfo]) -> KindInfo:
    """The KindInfo of a kind given by name ("task", or "scope"/"reporters"), code or info."""
    if isinstance(kind, KindInfo):
        return kind
    table = kinds()
    if isinstance(kind, bool) or not isinstance(kind, (str, int)):
        from .errors import FieldTypeError

        raise FieldTypeError(f"a kind is a name or a code, not {type(kind).__name__}")
    if isinstance(kind, int):
        info = _BY_CODE.get(kind)
        if info is None:
            raise NotFoundError(f"{kind} is not a kind")
        return info
    info = table.get(KIND_ALIASES.get(kind, kind))
    if info is None:
        # ask the library, so the message and code are its own
        out = c_int32()
        check(C.danvan_kind_lookup(byref(out), _lib.encode(kind, "kind")))
        info = _BY_CODE[out.value]
    return info


def kind_by_code(code: int) -> KindInfo:
    """The KindInfo for a kind code."""
    if not _BY_CODE:
        kinds()
    return _BY_CODE[code]


def field_code(name: str) -> int:
    """The code of a field by format name ("window-start") or attribute name; NotFoundError
    otherwise."""
    if not _FIELDS:
        kinds()
    code = _FIELDS.get(name) or _FIELDS.get(name.rstrip("_").replace("_", "-"))
    if code is None:
        out = c_int32()
        check(C.danvan_field_lookup(byref(out), _lib.encode(name, "field name")))
        return out.value
    return code


def field_names() -> Iterator[str]:
    """Every field name of the loaded library."""
    if not _FIELDS:
        kinds()
    return iter(_FIELDS)
