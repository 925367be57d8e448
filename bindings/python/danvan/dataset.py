"""Datasets and entities (include/danvan/dataset.h).

Memory rules the binding keeps:

* An :class:`Entity` holds a strong reference to its :class:`Dataset`, so the C dataset
  outlives every entity object, whatever order the garbage collector frees them in.
* ``Dataset.close()`` (or leaving a ``with`` block) frees the C dataset at once; any later use
  of the dataset or of its entities raises :class:`~danvan.errors.ClosedError`, never a crash.
* ``Entity.remove()`` marks the Python objects of the removed entity and of its descendants
  as removed; using them raises ClosedError.
* There is one Python object per C entity (``ds.find("x") is ds.find("x")``).
* Entity classes (``Plan``, ``Task`` …) and their field attributes are generated from the
  library's kind table when the module is imported.

Threads: ctypes releases the GIL during C calls, so several threads may work at once on
*different* datasets. One dataset may be read by several threads at once, but changing it
(or closing it) needs exclusive access, as in C.
"""
from __future__ import annotations

import datetime as _dt
import os
import weakref
from ctypes import byref, c_char_p, c_int32, c_int64, c_void_p
from decimal import Decimal
from typing import (Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple,
                    Type, Union, overload)

from . import _lib
from . import model as _model
from . import values as _values
from .errors import (ClosedError, ExistsError, FieldTypeError, InvalidArgumentError,
                     NotFoundError, UnknownFieldError, check, ENOTFOUND)
from .model import FieldInfo, KindInfo

C = _lib.C

KindLike = Union[str, int, KindInfo, Type["Entity"]]
FieldValue = Union[None, str, Tuple[str, ...], bool, int, Decimal, _dt.date, _dt.datetime,
                   _dt.time, _values.PartialDate]

_TEXT_TYPES = (_model.TYPE_STRING, _model.TYPE_ID, _model.TYPE_REF, _model.TYPE_ENUM)
_LIST_TYPES = (_model.TYPE_REFS, _model.TYPE_TOKENS)
_WHEN_TYPES = (_model.TYPE_DATE, _model.TYPE_DATETIME, _model.TYPE_TIME)


def _closed() -> ClosedError:
    return ClosedError("the dataset is closed")


class Dataset:
    """A dataset: the container of every entity built, loaded or merged into it.

    ``Dataset()`` creates an empty one. Use it as a context manager (``with Dataset() as
    ds:``) or call :meth:`close` to free it at a known time; otherwise it is freed when the
    dataset and all its entities are garbage.
    """

    __slots__ = ("_ptr", "_entities", "__weakref__")

    def __init__(self) -> None:
        self._ptr: Optional[int] = None
        self._entities: "weakref.WeakValueDictionary[int, Entity]" = (
            weakref.WeakValueDictionary())
        out = c_void_p()
        check(C.danvan_dataset_new(byref(out)))
        self._ptr = out.value

    @classmethod
    def _adopt(cls, ptr: int) -> "Dataset":
        """Wrap a C dataset the caller owns (from a loader); the wrapper frees it."""
        self = cls.__new__(cls)
        self._ptr = ptr
        self._entities = weakref.WeakValueDictionary()
        return self

    # ---- lifetime ---------------------------------------------------------------------------
    def close(self) -> None:
        """Free the C dataset now. Later use of it or its entities raises ClosedError.
        Closing twice is allowed."""
        ptr, self._ptr = self._ptr, None
        if ptr:
            C.danvan_dataset_free(ptr)

    @property
    def closed(self) -> bool:
        return self._ptr is None

    def __enter__(self) -> "Dataset":
        self._handle()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the module may be half torn down
            pass

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a danvan.Dataset cannot be pickled or copied (save it as XML)")

    def _handle(self) -> int:
        ptr = self._ptr
        if ptr is None:
            raise _closed()
        return ptr

    def _wrap(self, ptr: Optional[int]) -> Optional["Entity"]:
        """The one Python object of a C entity (None for NULL)."""
        if not ptr:
            return None
        e = self._entities.get(ptr)
        if e is None:
            cls = entity_class(C.danvan_entity_kind(ptr))
            e = cls.__new__(cls)
            object.__setattr__(e, "_ds", self)
            object.__setattr__(e, "_ptr", ptr)
            self._entities[ptr] = e
        return e

    # ---- contents ---------------------------------------------------------------------------
    @property
    def root(self) -> "Entity":
        """The root entity (kind "danvan"); its children are the top-level entities."""
        e = self._wrap(C.danvan_dataset_root(self._handle()))
        assert e is not None
        return e

    def _top(self, kind: str) -> "Children":
        return Children(self.root, _model.kind_info(kind).code)

    @property
    def metrics(self) -> "Children":
        return self._top("metric")

    @property
    def localities(self) -> "Children":
        return self._top("locality")

    @property
    def people(self) -> "Children":
        return self._top("person")

    @property
    def organisations(self) -> "Children":
        return self._top("organisation")

    @property
    def plans(self) -> "Children":
        return self._top("plan")

    @property
    def reports(self) -> "Children":
        return self._top("report")

    @property
    def entity_count(self) -> int:
        """How many entities the dataset holds, at every depth, root excluded."""
        return int(C.danvan_dataset_entity_count(self._handle()))

    def add(self, kind: KindLike, id: Optional[str] = None, /, **fields: Any) -> "Entity":
        """Add a top-level entity (metric, locality, person, organisation, plan, report);
        see Entity.add()."""
        return self.root.add(kind, id, **fields)

    def find(self, id: str) -> Optional["Entity"]:
        """The entity with that id anywhere in the dataset (the first added, when two share
        it), or None."""
        out = c_void_p()
        rc = C.danvan_dataset_find(byref(out), self._handle(), _lib.encode(id, "id"))
        if rc == ENOTFOUND:
            return None
        check(rc)
        return self._wrap(out.value)

    def __getitem__(self, id: str) -> "Entity":
        e = self.find(id)
        if e is None:
            raise NotFoundError(f"no entity has the id '{id}'")
        return e

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self.find(id) is not None

    def walk(self, kind: Optional[KindLike] = None) -> Iterator["Entity"]:
        """Every entity, depth first in document order (root excluded), optionally only
        those of one kind."""
        want = None if kind is None else _model.kind_info(_kind_arg(kind)).code
        stack = [self.root]
        while stack:
            e = stack.pop()
            stack.extend(reversed(list(e.children())))
            if e._kind.code != _model.KIND_DATASET and (want is None or e._kind.code == want):
                yield e

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<danvan.Dataset (closed)>"
        return f"<danvan.Dataset with {self.entity_count} entities>"

    # ---- XML (xml.h) ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"], **options: Any) -> "Dataset":
        """Load a dataset from an XML file. Options: max_depth, max_text, max_input."""
        from . import xml

        return xml.load(path, **options)

    @classmethod
    def load_fd(cls, fd: int, name: Optional[str] = None, **options: Any) -> "Dataset":
        """Load a dataset from an open descriptor (read to its end, left open)."""
        from . import xml

        return xml.load_fd(fd, name, **options)

    @classmethod
    def loads(cls, data: Union[bytes, str], name: Optional[str] = "<memory>",
              **options: Any) -> "Dataset":
        """Load a dataset from XML in memory."""
        from . import xml

        return xml.loads(data, name, **options)

    def merge(self, path: Union[str, "os.PathLike[str]"], **options: Any) -> None:
        """Merge another XML file (e.g. reports) into this dataset; on failure the dataset is
        left as it was."""
        from . import xml

        xml.merge(self, path, **options)

    def merge_fd(self, fd: int, name: Optional[str] = None, **options: Any) -> None:
        """Merge XML read from an open descriptor into this dataset."""
        from . import xml

        xml.merge_fd(self, fd, name, **options)

    def merge_memory(self, data: Union[bytes, str], name: Optional[str] = "<memory>",
                     **options: Any) -> None:
        """Merge XML held in memory into this dataset."""
        from . import xml

        xml.merge_memory(self, data, name, **options)

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the dataset as canonical XML, atomically."""
        from . import xml

        xml.save(self, path)

    def save_fd(self, fd: int) -> None:
        """Write the dataset as canonical XML to an open descriptor."""
        from . import xml

        xml.save_fd(self, fd)

    def to_xml(self) -> str:
        """The dataset as canonical XML text."""
        from . import xml

        return xml.to_xml(self)

    def to_bytes(self) -> bytes:
        """The dataset as a canonical XML document in UTF-8."""
        from . import xml

        return xml.to_bytes(self)

    # ---- validation (validate.h) ---------------------------------------------------------------
    def validate(self, lang: Optional[str] = "vi", **options: Any) -> Any:
        """Check the dataset against the rule catalogue (validate.h): a danvan.Diagnostics
        sequence of findings. Options: max_findings, as_of, rules={"rule-id": False}."""
        from . import validate

        return validate.validate(self, lang=lang, **options)

    # ---- the text importer (import.h) ----------------------------------------------------------
    def import_text(self, text: Union[str, bytes], *, name: Optional[str] = None,
                    id: Optional[str] = None, report_chrome: Optional[bool] = None) -> Any:
        """Import the text of a plan or report into this dataset: a danvan.ImportResult
        (``.entity``, ``.findings``). See danvan.import_text(); closing the result leaves
        this dataset open."""
        from . import importer

        return importer.import_text(text, dataset=self, name=name, id=id,
                                    report_chrome=report_chrome)

    def import_file(self, path: Union[str, "os.PathLike[str]"], *, id: Optional[str] = None,
                    report_chrome: Optional[bool] = None) -> Any:
        """Import a text file holding a plan or report into this dataset: a
        danvan.ImportResult. See danvan.import_file()."""
        from . import importer

        return importer.import_file(path, dataset=self, id=id, report_chrome=report_chrome)


def _kind_arg(kind: KindLike) -> Union[str, int, KindInfo]:
    if isinstance(kind, type) and issubclass(kind, Entity) and kind._kind is not None:
        return kind._kind
    return kind  # type: ignore[return-value]


class Children(Sequence["Entity"]):
    """The live sequence of an entity's children (of one kind, or all of them)."""

    __slots__ = ("_owner", "_kind")

    def __init__(self, owner: "Entity", kind: int = _model.KIND_ANY) -> None:
        self._owner = owner
        self._kind = kind

    def __len__(self) -> int:
        return int(C.danvan_entity_child_count(self._owner._p(), self._kind))

    @overload
    def __getitem__(self, i: int) -> "Entity": ...

    @overload
    def __getitem__(self, i: slice) -> List["Entity"]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union["Entity", List["Entity"]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("child index out of range")
        e = self._owner._ds._wrap(C.danvan_entity_child(self._owner._p(), self._kind, i))
        assert e is not None
        return e

    def __iter__(self) -> Iterator["Entity"]:
        i = 0
        while i < len(self):  # live: reflects additions and removals while iterating
            yield self[i]
            i += 1

    def add(self, id: Optional[str] = None, /, **fields: Any) -> "Entity":
        """Add a child of this sequence's kind."""
        if self._kind == _model.KIND_ANY:
            raise InvalidArgumentError("children(): give a kind to add to")
        return self._owner.add(self._kind, id, **fields)

    def ids(self) -> List[Optional[str]]:
        return [e.id for e in self]

    def __repr__(self) -> str:
        what = "entities" if self._kind == _model.KIND_ANY else _model.kind_by_code(self._kind).name
        try:
            return f"<danvan children: {len(self)} {what} of {self._owner!r}>"
        except ClosedError:
            return f"<danvan children: {what} (closed)>"


class Entity:
    """An entity of a dataset. Subclasses per kind (``Plan``, ``Task`` …) add one attribute
    per field of the kind; ``entity["window-start"]`` reaches any field by its format name.
    """

    __slots__ = ("_ds", "_ptr", "__weakref__")
    _kind: KindInfo = None  # type: ignore[assignment]  # set on each generated subclass
    _attrs: Dict[str, FieldInfo] = {}

    def __init__(self) -> None:
        raise TypeError("entities are created with dataset.add() or entity.add()")

    # ---- handle -----------------------------------------------------------------------------
    def _p(self) -> int:
        ptr = self._ptr
        if ptr is None:
            raise ClosedError(f"this {self._kind.name} was removed from its dataset")
        if self._ds._ptr is None:
            raise _closed()
        return ptr

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a danvan entity cannot be pickled or copied")

    # ---- identity and tree ------------------------------------------------------------------
    @property
    def kind(self) -> str:
        """The kind's name: "plan", "task", "selector" …"""
        return self._kind.name

    @kind.setter
    def kind(self, value: Any) -> None:
        raise UnknownFieldError(
            f"Entity.kind is the kind of entity ('{self._kind.name}') and cannot be set; "
            "the field 'kind' is .kind_ or ['kind']")

    @property
    def kind_info(self) -> KindInfo:
        return self._kind

    @property
    def dataset(self) -> Dataset:
        self._p()
        return self._ds

    @property
    def id(self) -> Optional[str]:
        """The entity's id (None when it has none); assignable on kinds with an id."""
        return _lib.decode(C.danvan_entity_id(self._p()))

    @id.setter
    def id(self, value: Optional[str]) -> None:
        self.set("id", value)

    @property
    def parent(self) -> Optional["Entity"]:
        """The entity this one is a child of (the root for top-level entities; None for the
        root). Not the `parent` field of localities and organisations: that is ``parent_``."""
        return self._ds._wrap(C.danvan_entity_parent(self._p()))

    @parent.setter
    def parent(self, value: Any) -> None:
        raise UnknownFieldError(
            "Entity.parent is the entity this one is a child of and cannot be set; "
            "the field 'parent' is .parent_ or ['parent']")

    @property
    def removed(self) -> bool:
        """Whether the entity was removed (or its dataset closed)."""
        return self._ptr is None or self._ds._ptr is None

    def children(self, kind: Optional[KindLike] = None) -> Children:
        """The children of one kind (name, code or class), or all of them in the order they
        were added; a live sequence."""
        self._p()
        code = _model.KIND_ANY if kind is None else _model.kind_info(_kind_arg(kind)).code
        return Children(self, code)

    def add(self, kind: KindLike, id: Optional[str] = None, /, **fields: Any) -> "Entity":
        """Add a child of a kind this entity's kind allows and return it.

        `kind` is a kind name ("task"), code or class (danvan.Task); "scope" and "reporters"
        name a selector, of which a quota or duty holds one (a second raises ExistsError).
        `fields` are set on the new entity by attribute or format name (``kind="district"``
        sets the field `kind`); if one fails, the entity is removed again and the error
        raised.
        """
        if id is None and "id" in fields:
            id = fields.pop("id")
        p = self._p()
        info = _model.kind_info(_kind_arg(kind))
        if info.name == _model.KIND_SELECTOR_NAME and info.name in self._kind.children:
            if C.danvan_entity_child_count(p, info.code):
                raise ExistsError(f"this {self._kind.name} already has a selector "
                                  f"(a {self._kind.name} has one scope or reporters)")
        out = c_void_p()
        check(C.danvan_entity_add(byref(out), p, info.code,
                                  None if id is None else _lib.encode(id, "id")))
        child = self._ds._wrap(out.value)
        assert child is not None
        try:
            for name, value in fields.items():
                child.set(name, value)
        except BaseException:
            child.remove()
            raise
        return child

    def remove(self) -> None:
        """Remove this entity and its children from the dataset. This object and those of
        the children become unusable (ClosedError)."""
        p = self._p()
        ds = self._ds
        doomed = [(p, self)]
        for addr, w in list(ds._entities.items()):
            if w is self or w._ptr is None:
                continue
            q = C.danvan_entity_parent(addr)
            while q:
                if q == p:
                    doomed.append((addr, w))
                    break
                q = C.danvan_entity_parent(q)
        check(C.danvan_entity_remove(p))
        for addr, w in doomed:
            object.__setattr__(w, "_ptr", None)
            ds._entities.pop(addr, None)

    @property
    def selector(self) -> Optional["Entity"]:
        """The selector of a quota (scope) or duty (reporters), or None."""
        if _model.KIND_SELECTOR_NAME not in self._kind.children:
            return None
        kids = self.children(_model.KIND_SELECTOR_NAME)
        return kids[0] if len(kids) else None

    # ---- location -----------------------------------------------------------------------------
    @property
    def file(self) -> str:
        """The file the entity was read from; "" when built through the API."""
        return _lib.decode(C.danvan_entity_file(self._p())) or ""

    @property
    def line(self) -> int:
        """The line (from 1) it was read from; 0 when built through the API."""
        return int(C.danvan_entity_line(self._p()))

    @property
    def column(self) -> int:
        """The column (from 1) it was read from; 0 when unknown."""
        return int(C.danvan_entity_column(self._p()))

    # ---- fields by name -------------------------------------------------------------------------
    @classmethod
    def _field(cls, name: str) -> FieldInfo:
        info = cls._attrs.get(name)
        if info is None:
            info = cls._kind.by_name.get(name) if cls._kind is not None else None
        if info is None:
            what = cls._kind.name if cls._kind is not None else "entity"
            raise UnknownFieldError(f"a {what} has no field '{name}'")
        return info

    @classmethod
    def field_names(cls) -> Tuple[str, ...]:
        """The format names of this kind's fields, in canonical order."""
        return tuple(f.name for f in cls._kind.fields)

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value by format name or attribute name; `default` when unset."""
        value = self._get(self._field(name))
        return default if value is None else value

    def set(self, name: str, value: Any) -> None:
        """Set a field by format name or attribute name; None unsets it."""
        self._set(self._field(name), value)

    def unset(self, name: str) -> None:
        self._unset(self._field(name))

    def has(self, name: str) -> bool:
        """Whether the field holds a value (an empty string counts)."""
        return bool(C.danvan_entity_has(self._p(), self._field(name).code))

    def format(self, name: str) -> Optional[str]:
        """A field as text in the format's notation, or None when unset."""
        info = self._field(name)
        out = c_void_p()
        check(C.danvan_entity_format(byref(out), self._p(), info.code))
        return _lib.take_string(out)

    def items(self, name: str) -> Tuple[str, ...]:
        """The items of a list field; for a single reference, a 1-tuple (or empty)."""
        info = self._field(name)
        p = self._p()
        n = int(C.danvan_entity_item_count(p, info.code))
        return tuple(_lib.decode(C.danvan_entity_item(p, info.code, i)) or "" for i in range(n))

    def fields(self) -> Dict[str, Any]:
        """The fields that are set, by format name, in canonical order."""
        out = {}
        for info in self._kind.fields:
            value = self._get(info)
            if value is not None:
                out[info.name] = value
        return out

    def __getitem__(self, name: str) -> Any:
        return self._get(self._field(name))

    def __setitem__(self, name: str, value: Any) -> None:
        self._set(self._field(name), value)

    def __delitem__(self, name: str) -> None:
        self._unset(self._field(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.has(name)

    # ---- references and selectors -------------------------------------------------------------
    def resolve(self, name: str, i: int = 0) -> "Entity":
        """The entity the i-th id of a reference field names (NotFoundError when it names
        nothing of the right kind or i is out of range)."""
        info = self._field(name)
        if i < 0:
            raise InvalidArgumentError("item index must not be negative")
        out = c_void_p()
        check(C.danvan_entity_resolve(byref(out), self._p(), info.code, i))
        e = self._ds._wrap(out.value)
        assert e is not None
        return e

    def resolve_all(self, name: str, strict: bool = True) -> List[Optional["Entity"]]:
        """Every id of a reference field resolved; with strict=False a dangling id gives
        None instead of raising NotFoundError."""
        info = self._field(name)
        out: List[Optional[Entity]] = []
        for i in range(int(C.danvan_entity_item_count(self._p(), info.code))):
            try:
                out.append(self.resolve(name, i))
            except NotFoundError:
                if strict:
                    raise
                out.append(None)
        return out

    def resolve_scope(self, date: Optional[_values.DateLike] = None) -> List["Entity"]:
        """The organisations a selector matches (this selector, or the scope of a quota or the
        reporters of a duty), in document order; `date` leaves out organisations not valid
        on that day."""
        p = self._p()
        d = _values.optional_date(date)
        out = c_void_p()
        check(C.danvan_selector_resolve(byref(out), p, d))
        try:
            n = int(C.danvan_entity_list_count(out.value))
            result = []
            for i in range(n):
                e = self._ds._wrap(C.danvan_entity_list_get(out.value, i))
                if e is not None:
                    result.append(e)
            return result
        finally:
            C.danvan_entity_list_free(out.value)

    # ---- typed field access -------------------------------------------------------------------
    def _get(self, info: FieldInfo) -> Any:
        p = self._p()
        code = info.code
        if not C.danvan_entity_has(p, code):
            return None
        t = info.type
        if t in _TEXT_TYPES:
            s = c_char_p()
            check(C.danvan_entity_get_string(byref(s), p, code))
            return _lib.decode(s.value)
        if t in _LIST_TYPES:
            n = int(C.danvan_entity_item_count(p, code))
            return tuple(_lib.decode(C.danvan_entity_item(p, code, i)) or "" for i in range(n))
        if t in _WHEN_TYPES:
            v = c_int64()
            check(C.danvan_entity_get_time(byref(v), p, code))
            if t == _model.TYPE_DATE:
                return _values.date_from_c(v.value)
            if t == _model.TYPE_DATETIME:
                return _values.datetime_from_c(v.value)
            return _values.time_from_c(v.value)
        if t == _model.TYPE_DECIMAL:
            coef, scale = c_int64(), c_int32()
            check(C.danvan_entity_get_decimal(byref(coef), byref(scale), p, code))
            return _values.decimal_from_c(coef.value, scale.value)
        if t in (_model.TYPE_INT, _model.TYPE_BOOL):
            v = c_int64()
            check(C.danvan_entity_get_int(byref(v), p, code))
            return bool(v.value) if t == _model.TYPE_BOOL else int(v.value)
        # a type this binding does not know (a newer library): read it as text
        out = c_void_p()
        check(C.danvan_entity_format(byref(out), p, code))
        return _lib.take_string(out)

    def _set_text(self, p: int, info: FieldInfo, text: str) -> None:
        check(C.danvan_entity_set(p, info.code, _lib.encode(text, info.name)))

    def _set(self, info: FieldInfo, value: Any) -> None:
        p = self._p()
        if value is None:
            check(C.danvan_entity_unset(p, info.code))
            return
        t = info.type
        if isinstance(value, str) and t not in _LIST_TYPES:
            self._set_text(p, info, value)  # the library parses and checks text of any type
        elif t == _model.TYPE_REF and isinstance(value, Entity):
            self._set_text(p, info, _ref_id(value, info))
        elif t in _LIST_TYPES:
            self._set_text(p, info, _list_text(value, info))
        elif t == _model.TYPE_DATE:
            check(C.danvan_entity_set_time(p, info.code, _values.date_to_c(value)))
        elif t == _model.TYPE_DATETIME:
            check(C.danvan_entity_set_time(p, info.code, _values.datetime_to_c(value)))
        elif t == _model.TYPE_TIME:
            check(C.danvan_entity_set_time(p, info.code, _values.time_to_c(value)))
        elif t == _model.TYPE_DECIMAL:
            self._set_text(p, info, _values.decimal_text(value))
        elif t == _model.TYPE_BOOL:
            if not isinstance(value, bool):
                raise FieldTypeError(f"{info.name} of a {self._kind.name} is a bool, not "
                                     f"{type(value).__name__}")
            check(C.danvan_entity_set_int(p, info.code, int(value)))
        elif t == _model.TYPE_INT:
            if isinstance(value, bool) or not isinstance(value, int):
                raise FieldTypeError(f"{info.name} of a {self._kind.name} is an int, not "
                                     f"{type(value).__name__}")
            if not -(1 << 63) <= value < (1 << 63):
                from .errors import LimitError

                raise LimitError(f"{value} does not fit 64 bits")
            check(C.danvan_entity_set_int(p, info.code, value))
        else:
            raise FieldTypeError(f"{info.name} of a {self._kind.name} is {info.type_name} "
                                 f"text, not {type(value).__name__}")

    def _unset(self, info: FieldInfo) -> None:
        check(C.danvan_entity_unset(self._p(), info.code))

    # ---- attribute protocol -------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        # only called when no attribute of that name exists
        if name.startswith("_"):
            raise AttributeError(name)
        what = type(self)._kind.name if type(self)._kind is not None else "entity"
        raise UnknownFieldError(f"a {what} has no field '{name}'")

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(getattr(type(self), name, None), property):
            object.__setattr__(self, name, value)
            return
        what = type(self)._kind.name if type(self)._kind is not None else "entity"
        raise UnknownFieldError(f"a {what} has no field '{name}'")

    def __delattr__(self, name: str) -> None:
        if isinstance(getattr(type(self), name, None), property):
            object.__delattr__(self, name)
            return
        raise UnknownFieldError(f"a {type(self)._kind.name} has no field '{name}'")

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(type(self)._attrs))

    def __repr__(self) -> str:
        name = type(self).__name__
        if self._ptr is None:
            return f"<danvan.{name} (removed)>"
        if self._ds._ptr is None:
            return f"<danvan.{name} (closed)>"
        ident = self.id
        return f"<danvan.{name} {ident!r}>" if ident else f"<danvan.{name}>"


def _ref_id(value: "Entity", info: FieldInfo) -> str:
    ident = value.id
    if not ident:
        raise InvalidArgumentError(f"{info.name}: the {value.kind} given has no id")
    return ident


def _list_text(value: Any, info: FieldInfo) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Entity) or not isinstance(value, Iterable):
        raise FieldTypeError(f"{info.name} is a list: give a sequence of strings")
    words = []
    for item in value:
        if isinstance(item, Entity) and info.type == _model.TYPE_REFS:
            item = _ref_id(item, info)
        if not isinstance(item, str):
            raise FieldTypeError(f"{info.name}: items are str, not {type(item).__name__}")
        if not item or any(c.isspace() for c in item):
            raise InvalidArgumentError(f"{info.name}: item {item!r} is empty or has a space")
        words.append(item)
    return " ".join(words)


# ---- entity classes generated from the kind table ------------------------------------------
_CLASS_NAMES = {"danvan": "DatasetRoot"}
_RESERVED = frozenset(n for n in dir(Entity) if not n.startswith("_"))
_CLASSES: Dict[int, Type[Entity]] = {}


def _class_name(kind: str) -> str:
    return _CLASS_NAMES.get(kind) or "".join(w.capitalize() for w in kind.replace("_", "-").split("-"))


def _field_property(info: FieldInfo) -> property:
    def fget(self: Entity) -> Any:
        return self._get(info)

    def fset(self: Entity, value: Any) -> None:
        self._set(info, value)

    def fdel(self: Entity) -> None:
        self._unset(info)

    fget.__annotations__ = {"return": f"Optional[{info.python_type}]"}
    extra = ""
    if info.enum:
        extra = " One of: " + ", ".join(repr(w) for w in info.enum) + "."
    elif info.target:
        extra = f" Names a {info.target}; see resolve('{info.name}')."
    elif info.partial:
        extra = " May be partial (PartialDate)."
    return property(fget, fset, fdel,
                    f"Field '{info.name}' ({info.type_name}, reads as {info.python_type}).{extra}")


def _make_class(info: KindInfo) -> Type[Entity]:
    ns: Dict[str, Any] = {"__slots__": (), "_kind": info, "__module__": "danvan"}
    attrs: Dict[str, FieldInfo] = {}
    for f in info.fields:
        attrs[f.name] = f
        if f.name == "id":
            continue  # Entity.id covers it
        attr = f.attr
        if attr in _RESERVED:
            attr += "_"  # kind_, parent_ (the field, not the entity's kind or tree parent)
        ns[attr] = _field_property(f)
        attrs[attr] = f
        attrs.setdefault(f.attr, f)
    ns["_attrs"] = attrs
    fields_doc = "\n".join(f"    {f.name}: {f.python_type}" for f in info.fields)
    ns["__doc__"] = f"An entity of kind '{info.name}'.\n\nFields:\n{fields_doc}\n"
    cls = type(_class_name(info.name), (Entity,), ns)
    cls.__qualname__ = cls.__name__
    return cls


def entity_class(kind: Union[int, str]) -> Type[Entity]:
    """The generated class of a kind (by code or name)."""
    info = _model.kind_info(kind)
    cls = _CLASSES.get(info.code)
    if cls is None:
        cls = _CLASSES[info.code] = _make_class(info)
    return cls


def entity_classes() -> Dict[str, Type[Entity]]:
    """Every generated entity class by class name ("Plan", "Task" …)."""
    return {entity_class(k.code).__name__: entity_class(k.code)
            for k in _model.kinds().values()}
