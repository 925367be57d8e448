"""Errors (include/danvan/error.h, the status codes of common.h).

Every failing C call becomes a :class:`Error` subclass chosen by its status code and
carrying what the library recorded for the calling thread: code, message, file, line, column
and byte offset. The subclasses also derive from the closest built-in exception, so
``except ValueError`` catches a bad date and ``except LookupError`` an unknown id.
"""
from __future__ import annotations

from typing import Dict, Optional, Type

from . import _lib

C = _lib.C

# Status codes (common.h). The numbers are frozen by the C library.
OK = 0
DONE = 1
EINVAL = -1
ENOMEM = -2
EIO = -3
EPARSE = -4
EINVALID = -5
ENOTFOUND = -6
ELIMIT = -7
EUNSUPPORTED = -8
EEXISTS = -9
ETYPE = -10

_NAMES = {OK: "DANVAN_OK", DONE: "DANVAN_DONE", EINVAL: "DANVAN_EINVAL",
          ENOMEM: "DANVAN_ENOMEM", EIO: "DANVAN_EIO", EPARSE: "DANVAN_EPARSE",
          EINVALID: "DANVAN_EINVALID", ENOTFOUND: "DANVAN_ENOTFOUND",
          ELIMIT: "DANVAN_ELIMIT", EUNSUPPORTED: "DANVAN_EUNSUPPORTED",
          EEXISTS: "DANVAN_EEXISTS", ETYPE: "DANVAN_ETYPE"}


def status_name(code: int) -> str:
    """The symbolic name of a status code, such as "DANVAN_EINVAL"."""
    if C.has("danvan_status_name"):
        return _lib.decode(C.danvan_status_name(code)) or "DANVAN_UNKNOWN"
    return _NAMES.get(code, "DANVAN_UNKNOWN")


class Error(Exception):
    """An error reported by libdanvan (or by the binding on its behalf).

    Attributes: ``code`` (negative status), ``status`` (its name), ``message``, ``file``
    ("" when the error has no location), ``line`` and ``column`` (0 when unknown) and
    ``offset`` (-1 when unknown).
    """

    default_code = EINVAL

    def __init__(self, message: str, code: Optional[int] = None, file: str = "",
                 line: int = 0, column: int = 0, offset: int = -1) -> None:
        super().__init__(message)
        self.code: int = self.default_code if code is None else code
        self.message: str = message
        self.file: str = file
        self.line: int = line
        self.column: int = column
        self.offset: int = offset

    @property
    def status(self) -> str:
        return status_name(self.code)

    def __str__(self) -> str:
        where = ""
        if self.file and self.line:
            where = f"{self.file}:{self.line}:{self.column}: "
        elif self.file:
            where = f"{self.file}: "
        return f"{where}{self.message} [{self.status}]"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code})"

    def __reduce__(self):  # picklable despite the extra constructor arguments
        return (type(self), (self.message, self.code, self.file, self.line, self.column,
                             self.offset))


class InvalidArgumentError(Error, ValueError):
    """DANVAN_EINVAL: an argument or value is invalid (unknown field, bad value, NULL)."""
    default_code = EINVAL


class OutOfMemoryError(Error, MemoryError):
    """DANVAN_ENOMEM."""
    default_code = ENOMEM


class InputOutputError(Error, OSError):
    """DANVAN_EIO: a file could not be read or written."""
    default_code = EIO


class ParseError(Error, ValueError):
    """DANVAN_EPARSE: input is not well-formed (XML syntax, a value that does not parse)."""
    default_code = EPARSE


class FormatError(Error, ValueError):
    """DANVAN_EINVALID: input is well-formed but breaks the format (schema)."""
    default_code = EINVALID


class NotFoundError(Error, LookupError):
    """DANVAN_ENOTFOUND: nothing has that id or name."""
    default_code = ENOTFOUND


class LimitError(Error):
    """DANVAN_ELIMIT: a limit was exceeded (depth, size, a number that does not fit)."""
    default_code = ELIMIT


class UnsupportedError(Error):
    """DANVAN_EUNSUPPORTED: the operation or input kind is not supported."""
    default_code = EUNSUPPORTED


class ExistsError(Error):
    """DANVAN_EEXISTS: something with that id or name already exists."""
    default_code = EEXISTS


class FieldTypeError(Error, TypeError):
    """DANVAN_ETYPE: the field exists but holds another type of value (or a Python value
    of the wrong type was given for it)."""
    default_code = ETYPE


class UnknownFieldError(InvalidArgumentError, AttributeError):
    """DANVAN_EINVAL: the entity's kind has no field of that name."""


class ClosedError(InvalidArgumentError):
    """DANVAN_EINVAL: the dataset was closed, or the entity was removed from it."""


class FeatureUnavailableError(UnsupportedError, NotImplementedError):
    """The loaded libdanvan (or this binding) lacks the C function a feature needs."""


_BY_CODE: Dict[int, Type[Error]] = {
    EINVAL: InvalidArgumentError, ENOMEM: OutOfMemoryError, EIO: InputOutputError,
    EPARSE: ParseError, EINVALID: FormatError, ENOTFOUND: NotFoundError, ELIMIT: LimitError,
    EUNSUPPORTED: UnsupportedError, EEXISTS: ExistsError, ETYPE: FieldTypeError,
}


def error_class(code: int) -> Type[Error]:
    """The Error subclass for a status code."""
    return _BY_CODE.get(code, Error)


def last_error(code: Optional[int] = None, cls: Optional[Type[Error]] = None) -> Error:
    """The last error of the calling thread as an exception (not raised).

    `code` is the status the failing call returned; it wins over the recorded code.
    """
    recorded = C.danvan_error_code()
    if code is None:
        code = recorded
    message = _lib.decode(C.danvan_error_message()) or status_name(code)
    file = _lib.decode(C.danvan_error_file()) or ""
    line = int(C.danvan_error_line())
    column = int(C.danvan_error_column())
    offset = int(C.danvan_error_offset())
    if recorded != code:  # the record belongs to an older failure: keep only the code
        message, file, line, column, offset = status_name(code), "", 0, 0, -1
    return (cls or error_class(code))(message, code, file, line, column, offset)


def check(status: int, cls: Optional[Type[Error]] = None) -> int:
    """Return a non-negative status; raise the thread's last error for a negative one."""
    if status < 0:
        raise last_error(status, cls)
    return status


def clear() -> None:
    """Forget the last error of this thread (danvan_error_clear)."""
    C.danvan_error_clear()
