"""Reading and writing the XML format v1 (include/danvan/xml.h).

Loading reads a file, a descriptor or bytes into a new :class:`~danvan.Dataset`; merging
reads one more document into an existing one (a report file into the dataset of its plan;
on failure the dataset is left as it was). Saving writes the canonical form, atomically for
files. Reading options: ``max_depth`` (element depth, default 256), ``max_text`` (bytes of
one text, attribute value or foreign element, default 10 000 000) and ``max_input`` (bytes of
one input, default no limit). Errors carry the file, line and column where they were found.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from ctypes import byref, c_size_t, c_void_p
from typing import TYPE_CHECKING, Any, Iterator, Optional, Union

from . import _lib
from .errors import FieldTypeError, InvalidArgumentError, check

if TYPE_CHECKING:
    from .dataset import Dataset

PathLike = Union[str, "os.PathLike[str]", bytes]
C = _lib.C

_OPTION_SETTERS = {
    "max_depth": "danvan_xml_options_set_max_depth",
    "max_text": "danvan_xml_options_set_max_text",
    "max_input": "danvan_xml_options_set_max_input",
}


def _path(path: PathLike) -> bytes:
    raw = os.fsencode(path)
    if b"\0" in raw:
        raise InvalidArgumentError("a path contains a NUL character")
    return raw


def _name(name: Optional[str]) -> Optional[bytes]:
    return None if name is None else _lib.encode(name, "name")


def _data(data: Union[bytes, bytearray, memoryview, str]) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    raise FieldTypeError(f"XML data must be bytes or str, not {type(data).__name__}")


@contextmanager
def _options(feature: str, **options: Any) -> Iterator[Optional[int]]:
    """A C options object for the call, or None when no option is given."""
    if not options:
        yield None
        return
    unknown = sorted(set(options) - set(_OPTION_SETTERS))
    if unknown:
        raise InvalidArgumentError(f"unknown XML reading option(s): {', '.join(unknown)}")
    out = c_void_p()
    check(_lib.require("danvan_xml_options_new", feature)(byref(out)))
    try:
        for key, value in options.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidArgumentError(f"{key} must be a whole number >= 0")
            check(getattr(C, _OPTION_SETTERS[key])(out.value, value))
        yield out.value
    finally:
        C.danvan_xml_options_free(out.value)


def _adopt(ptr: Optional[int]) -> "Dataset":
    from .dataset import Dataset

    assert ptr
    return Dataset._adopt(ptr)


def load(path: PathLike, **options: Any) -> "Dataset":
    """Load a dataset from an XML file."""
    fn = _lib.require("danvan_dataset_load", "danvan.Dataset.load()")
    out = c_void_p()
    with _options("danvan.Dataset.load()", **options) as opts:
        check(fn(byref(out), _path(path), opts))
    return _adopt(out.value)


def load_fd(fd: int, name: Optional[str] = None, **options: Any) -> "Dataset":
    """Load a dataset from an open descriptor, read to its end and left open."""
    fn = _lib.require("danvan_dataset_load_fd", "danvan.Dataset.load_fd()")
    out = c_void_p()
    with _options("danvan.Dataset.load_fd()", **options) as opts:
        check(fn(byref(out), int(fd), _name(name), opts))
    return _adopt(out.value)


def loads(data: Union[bytes, str], name: Optional[str] = "<memory>", **options: Any) -> "Dataset":
    """Load a dataset from XML held in memory (bytes, or str encoded as UTF-8)."""
    fn = _lib.require("danvan_dataset_load_memory", "danvan.Dataset.loads()")
    raw = _data(data)
    out = c_void_p()
    with _options("danvan.Dataset.loads()", **options) as opts:
        check(fn(byref(out), raw, len(raw), _name(name), opts))
    return _adopt(out.value)


def merge(dataset: "Dataset", path: PathLike, **options: Any) -> None:
    """Merge an XML file (e.g. reports) into a dataset; on failure it is left unchanged."""
    fn = _lib.require("danvan_dataset_merge", "danvan.Dataset.merge()")
    with _options("danvan.Dataset.merge()", **options) as opts:
        check(fn(dataset._handle(), _path(path), opts))


def merge_fd(dataset: "Dataset", fd: int, name: Optional[str] = None, **options: Any) -> None:
    """Merge XML read from an open descriptor into a dataset."""
    fn = _lib.require("danvan_dataset_merge_fd", "danvan.Dataset.merge_fd()")
    with _options("danvan.Dataset.merge_fd()", **options) as opts:
        check(fn(dataset._handle(), int(fd), _name(name), opts))


def merge_memory(dataset: "Dataset", data: Union[bytes, str], name: Optional[str] = "<memory>",
                 **options: Any) -> None:
    """Merge XML held in memory into a dataset."""
    fn = _lib.require("danvan_dataset_merge_memory", "danvan.Dataset.merge_memory()")
    raw = _data(data)
    with _options("danvan.Dataset.merge_memory()", **options) as opts:
        check(fn(dataset._handle(), raw, len(raw), _name(name), opts))


def save(dataset: "Dataset", path: PathLike) -> None:
    """Write a dataset as canonical XML to a file, atomically."""
    fn = _lib.require("danvan_dataset_save", "danvan.Dataset.save()")
    check(fn(dataset._handle(), _path(path)))


def save_fd(dataset: "Dataset", fd: int) -> None:
    """Write a dataset as canonical XML to an open descriptor (left open, not synced)."""
    fn = _lib.require("danvan_dataset_save_fd", "danvan.Dataset.save_fd()")
    check(fn(dataset._handle(), int(fd)))


def to_bytes(dataset: "Dataset") -> bytes:
    """A dataset as a canonical XML document (UTF-8 bytes)."""
    fn = _lib.require("danvan_dataset_to_xml", "danvan.Dataset.to_xml()")
    out, n = c_void_p(), c_size_t()
    check(fn(byref(out), byref(n), dataset._handle()))
    try:
        import ctypes

        return ctypes.string_at(out.value, n.value) if out.value else b""
    finally:
        C.danvan_free(out.value)


def to_xml(dataset: "Dataset") -> str:
    """A dataset as canonical XML text."""
    return to_bytes(dataset).decode("utf-8")


def schema_path() -> str:
    """Where the XSD of format v1 is ($DANVAN_SCHEMA, else the installed file)."""
    fn = _lib.require("danvan_schema_path", "danvan.schema_path()")
    return _lib.decode(fn()) or ""


def schema_text() -> str:
    """The XSD of format v1."""
    fn = _lib.require("danvan_schema_text", "danvan.schema_text()")
    out = c_void_p()
    check(fn(byref(out)))
    return _lib.take_string(out) or ""
