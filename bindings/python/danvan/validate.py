"""Validation: the rule catalogue over a dataset (include/danvan/validate.h).

Findings are not errors: :func:`validate` returns a :class:`Diagnostics` sequence (possibly
empty) of :class:`Diagnostic` items, each with a stable rule id, a severity, a location and a
message in Vietnamese ("vi") or English ("en"). Errors are raised only when the rules could
not run at all.
"""
from __future__ import annotations

import os
from ctypes import byref, c_char_p, c_void_p
from dataclasses import dataclass
from typing import (TYPE_CHECKING, Any, Iterable, Iterator, List, Mapping, Optional,
                    Sequence, Union, overload)

from . import _lib
from . import values as _values
from .errors import InvalidArgumentError, check

if TYPE_CHECKING:
    from .dataset import Dataset

C = _lib.C

#: Severities; the numbers match the Language Server Protocol's and never change.
SEVERITY_ERROR = 1
SEVERITY_WARNING = 2
SEVERITY_INFO = 3
_SEVERITY_WORDS = {SEVERITY_ERROR: "error", SEVERITY_WARNING: "warning", SEVERITY_INFO: "info"}

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a stable rule id, a severity and where it was found."""

    rule: str       #: "ref", "dup-id", "period-order" …
    severity: str   #: "error", "warning" or "info"
    message: str    #: in the language of the run
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""  #: path to the element ("" for the whole file)

    @property
    def level(self) -> int:
        """The severity as a number: SEVERITY_ERROR (1), _WARNING (2) or _INFO (3)."""
        return {v: k for k, v in _SEVERITY_WORDS.items()}.get(self.severity, 0)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        return f"{where}{self.severity}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class Rule:
    """A rule of the catalogue."""

    id: str
    severity: str
    summary: str


class Diagnostics(Sequence[Diagnostic]):
    """The findings of one validation run, sorted by file, line, column and rule.

    ``len()`` is the number kept (at most ``max_findings``); ``total`` counts every finding
    the rules made. The list copies its strings: it does not depend on the dataset.
    """

    def __init__(self, ptr: int) -> None:
        self._ptr: Optional[int] = ptr
        n = int(C.danvan_diagnostics_count(ptr))
        items = []
        for i in range(n):
            items.append(Diagnostic(
                rule=_lib.decode(C.danvan_diagnostics_rule(ptr, i)) or "",
                severity=_SEVERITY_WORDS.get(C.danvan_diagnostics_severity(ptr, i), "?"),
                message=_lib.decode(C.danvan_diagnostics_message(ptr, i)) or "",
                file=_lib.decode(C.danvan_diagnostics_file(ptr, i)) or "",
                line=int(C.danvan_diagnostics_line(ptr, i)),
                column=int(C.danvan_diagnostics_column(ptr, i)),
                path=_lib.decode(C.danvan_diagnostics_path(ptr, i)) or ""))
        self._items = items
        self.total: int = int(C.danvan_diagnostics_total(ptr))
        self.errors: int = int(C.danvan_diagnostics_severity_total(ptr, SEVERITY_ERROR))
        self.warnings: int = int(C.danvan_diagnostics_severity_total(ptr, SEVERITY_WARNING))
        self.infos: int = int(C.danvan_diagnostics_severity_total(ptr, SEVERITY_INFO))
        self.language: str = _lib.decode(C.danvan_diagnostics_language(ptr)) or ""

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> Diagnostic: ...

    @overload
    def __getitem__(self, i: slice) -> List[Diagnostic]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union[Diagnostic, List[Diagnostic]]:
        return self._items[i]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    @property
    def ok(self) -> bool:
        """No finding of severity error."""
        return self.errors == 0

    def rules(self) -> List[str]:
        return [d.rule for d in self._items]

    def to_xml(self) -> str:
        """The findings as a `validation` element of the format's namespace."""
        if self._ptr is None:
            raise InvalidArgumentError("the diagnostics list was closed")
        out = c_void_p()
        check(C.danvan_diagnostics_to_xml(byref(out), self._ptr))
        return _lib.take_string(out) or ""

    def close(self) -> None:
        ptr, self._ptr = self._ptr, None
        if ptr:
            C.danvan_diagnostics_free(ptr)

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self) -> str:
        return (f"<danvan.Diagnostics {len(self)} of {self.total}: {self.errors} errors, "
                f"{self.warnings} warnings, {self.infos} infos>")


def _lang(lang: Optional[str]) -> Optional[bytes]:
    return None if lang is None else _lib.encode(lang, "language")


class _Options:
    def __init__(self, feature: str, lang: Optional[str], max_findings: Optional[int],
                 as_of: Optional[_values.DateLike], schema: Optional[bool],
                 rules: Optional[Mapping[str, bool]]) -> None:
        out = c_void_p()
        check(_lib.require("danvan_validate_options_new", feature)(byref(out)))
        self.ptr = out.value
        try:
            check(C.danvan_validate_options_set_language(self.ptr, _lang(lang)))
            if max_findings is not None:
                if max_findings < 0:
                    raise InvalidArgumentError("max_findings must be >= 0 (0: no cap)")
                check(C.danvan_validate_options_set_max_findings(self.ptr, max_findings))
            if as_of is not None:
                check(C.danvan_validate_options_set_as_of(self.ptr, _values.date_to_c(as_of)))
            if schema is not None:
                check(C.danvan_validate_options_set_schema(self.ptr, 1 if schema else 0))
            for rule, enabled in (rules or {}).items():
                check(C.danvan_validate_options_set_rule(self.ptr, _lib.encode(rule, "rule"),
                                                         1 if enabled else 0))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        ptr, self.ptr = self.ptr, None
        if ptr:
            C.danvan_validate_options_free(ptr)


def validate(dataset: "Dataset", lang: Optional[str] = "vi", *,
             max_findings: Optional[int] = None, as_of: Optional[_values.DateLike] = None,
             rules: Optional[Mapping[str, bool]] = None, **options: Any) -> Diagnostics:
    """Run the rules over a dataset.

    lang: "vi", "en", or None for the environment's language. max_findings: cap on the
    findings kept (default 1000, 0 for no cap). as_of: check validity of units at this date.
    rules: {"rule-id": False} to skip rules.
    """
    fn = _lib.require("danvan_validate", "danvan.Dataset.validate()")
    if options:
        raise InvalidArgumentError(f"unknown validation option(s): {', '.join(sorted(options))}")
    opts = _Options("danvan.Dataset.validate()", lang, max_findings, as_of, None, rules)
    try:
        out = c_void_p()
        check(fn(byref(out), dataset._handle(), opts.ptr))
    finally:
        opts.close()
    return Diagnostics(out.value)


def validate_file(paths: Union[PathLike, Iterable[PathLike]], lang: Optional[str] = "vi", *,
                  max_findings: Optional[int] = None, as_of: Optional[_values.DateLike] = None,
                  schema: bool = True, rules: Optional[Mapping[str, bool]] = None) -> Diagnostics:
    """Load one file (or several, merged into one dataset) and validate it: schema pass, then
    the rules. A file that does not parse gives one finding of rule "xml"."""
    feature = "danvan.validate_file()"
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    raw = [os.fsencode(p) for p in paths]  # type: ignore[union-attr]
    if not raw:
        raise InvalidArgumentError("validate_file() needs at least one file")
    if any(b"\0" in p for p in raw):
        raise InvalidArgumentError("a path contains a NUL character")
    fn = _lib.require("danvan_validate_files" if len(raw) > 1 else "danvan_validate_file", feature)
    opts = _Options(feature, lang, max_findings, as_of, schema, rules)
    try:
        out = c_void_p()
        if len(raw) == 1:
            check(fn(byref(out), raw[0], opts.ptr))
        else:
            arr = (c_char_p * len(raw))(*raw)
            check(fn(byref(out), arr, len(raw), opts.ptr))
    finally:
        opts.close()
    return Diagnostics(out.value)


def rules(lang: Optional[str] = "vi") -> List[Rule]:
    """The rule catalogue, in the order of docs/rules.md."""
    count = _lib.require("danvan_rule_count", "danvan.rules()")
    out = []
    for i in range(int(count())):
        out.append(Rule(id=_lib.decode(C.danvan_rule_id(i)) or "",
                        severity=_SEVERITY_WORDS.get(C.danvan_rule_severity(i), "?"),
                        summary=_lib.decode(C.danvan_rule_summary(i, _lang(lang))) or ""))
    return out


def severity_name(severity: Union[int, str], lang: Optional[str] = "vi") -> str:
    """The word for a severity in a language ("error" → "lỗi" in Vietnamese)."""
    fn = _lib.require("danvan_severity_name", "danvan.severity_name()")
    if isinstance(severity, str):
        codes = {v: k for k, v in _SEVERITY_WORDS.items()}
        if severity not in codes:
            raise InvalidArgumentError(f"'{severity}' is not a severity")
        severity = codes[severity]
    name = fn(severity, _lang(lang))
    if name is None:
        raise InvalidArgumentError(f"no word for severity {severity} in language {lang!r}")
    return name.decode("utf-8")
