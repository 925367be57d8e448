"""Evaluation of a plan against its reports (include/danvan/evaluate.h).

:func:`evaluate` gives an :class:`Evaluation`: five tables of typed rows ("duty-status",
"slot", "quota-status", "quota-result", "score"; also reachable as "duties", "slots",
"quotas", "results", "scores") and exports to XML, CSV, text, HTML and XLSX. An evaluation
keeps its dataset alive. Reports can also be given one at a time (:meth:`Evaluation.begin`,
:meth:`Evaluation.add_report`, :meth:`Evaluation.finish`), from any dataset.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import math
import os
import time as _time
from ctypes import byref, c_char_p, c_double, c_int32, c_int64, c_size_t, c_void_p
from typing import (TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple,
                    Union, overload)

from . import _lib
from . import values as _values
from .errors import ENOTFOUND, FieldTypeError, InvalidArgumentError, check

if TYPE_CHECKING:
    from .dataset import Dataset, Entity

C = _lib.C

# Tables (evaluate.h); the numbers are frozen by the C library.
EVAL_ALL = 0
TABLES: Dict[str, int] = {"duties": 1, "slots": 2, "quotas": 3, "results": 4, "scores": 5}
# Column types
COLUMN_STRING, COLUMN_INT, COLUMN_DECIMAL, COLUMN_RATIO, COLUMN_DATE, COLUMN_DATETIME, \
    COLUMN_BOOL = 1, 2, 3, 4, 5, 6, 7
# Report tallies
TALLIES: Dict[str, int] = {"seen": 0, "counted": 1, "other-plan": 2, "not-final": 3,
                           "future": 4, "repeated": 5, "matched": 6, "credited": 7,
                           "out-of-scope": 8, "untimed": 9}
_STATUS_COLUMN = "status"

AsOf = Union[_dt.datetime, _dt.date, str, int, None]
PathLike = Union[str, "os.PathLike[str]"]


def _as_of(value: AsOf) -> int:
    """Seconds since the epoch: now for None; a date means its start in Vietnam time."""
    if value is None:
        return int(_time.time())
    if isinstance(value, bool):
        raise FieldTypeError("as_of is a date-time, not a bool")
    if isinstance(value, int):
        return value
    if isinstance(value, _dt.datetime) or isinstance(value, str):
        return _values.datetime_to_c(value)
    if isinstance(value, _dt.date):
        return _values.datetime_to_c(_dt.datetime(value.year, value.month, value.day,
                                                  tzinfo=_values.VIETNAM_TZ))
    raise FieldTypeError(f"as_of is a date-time, not {type(value).__name__}")


def table_code(table: Union[str, int]) -> int:
    """The number of a table given by name ("duty-status" or "duties") or number."""
    if isinstance(table, int) and not isinstance(table, bool):
        if table in TABLES.values():
            return table
    elif isinstance(table, str):
        if table in TABLES:
            return TABLES[table]
        for code in TABLES.values():
            if _lib.decode(C.danvan_evaluation_table_name(code)) == table:
                return code
    raise InvalidArgumentError(f"{table!r} is not a table of an evaluation "
                               f"({', '.join(TABLES)})")


class _Options:
    def __init__(self, deadline_inclusive: Optional[bool], locality_credit: Optional[bool],
                 score_weights: Optional[Tuple[int, int]]) -> None:
        self.ptr: Optional[int] = None
        if deadline_inclusive is None and locality_credit is None and score_weights is None:
            return
        out = c_void_p()
        check(C.danvan_evaluate_options_new(byref(out)))
        self.ptr = out.value
        try:
            if deadline_inclusive is not None:
                check(C.danvan_evaluate_options_set_deadline_inclusive(
                    self.ptr, 1 if deadline_inclusive else 0))
            if locality_credit is not None:
                check(C.danvan_evaluate_options_set_locality_credit(
                    self.ptr, 1 if locality_credit else 0))
            if score_weights is not None:
                q, t = score_weights
                check(C.danvan_evaluate_options_set_score_weights(self.ptr, int(q), int(t)))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        ptr, self.ptr = self.ptr, None
        if ptr:
            C.danvan_evaluate_options_free(ptr)


class Table(Sequence[Dict[str, Any]]):
    """One table of a finished evaluation: rows as dicts keyed by column name."""

    def __init__(self, ev: "Evaluation", code: int) -> None:
        self._ev = ev
        self.code = code
        self.name: str = _lib.decode(C.danvan_evaluation_table_name(code)) or str(code)
        cols = []
        for i in range(int(C.danvan_evaluation_column_count(code))):
            col = C.danvan_evaluation_column(code, i)
            cols.append((_lib.decode(C.danvan_evaluation_column_name(col)) or str(col), col,
                         C.danvan_evaluation_column_type(code, col)))
        self._cols = cols
        self._rows: Optional[List[Dict[str, Any]]] = None

    @property
    def columns(self) -> List[str]:
        """Column names in output order ("duty", "org", "on-time" …)."""
        return [name for name, _, _ in self._cols]

    def __len__(self) -> int:
        return int(C.danvan_evaluation_row_count(self._ev._handle(), self.code))

    def _col(self, name: str) -> Tuple[str, int, int]:
        for c in self._cols:
            if c[0] == name:
                return c
        raise InvalidArgumentError(f"the {self.name} table has no column '{name}'")

    def column(self, name: str) -> List[Any]:
        """A whole column, converted as in rows."""
        return self._read_column(*self._col(name))

    def _read_column(self, name: str, col: int, ctype: int) -> List[Any]:
        ev = self._ev._handle()
        n = int(C.danvan_evaluation_row_count(ev, self.code))
        if n == 0:
            return []
        if ctype == COLUMN_STRING:
            buf = (c_char_p * n)()
            check(C.danvan_evaluation_fill_string(buf, n, ev, self.code, col, 0))
            return [_lib.decode(v) for v in buf]
        if ctype == COLUMN_RATIO:
            dbuf = (c_double * n)()
            check(C.danvan_evaluation_fill_double(dbuf, n, ev, self.code, col, 0))
            return [None if math.isnan(v) else float(v) for v in dbuf]
        if ctype == COLUMN_DECIMAL:
            out: List[Any] = []
            coef, scale = c_int64(), c_int32()
            for row in range(n):
                rc = C.danvan_evaluation_get_decimal(byref(coef), byref(scale), ev, self.code,
                                                     col, row)
                if rc == ENOTFOUND:
                    out.append(None)
                    continue
                check(rc)
                out.append(_values.decimal_from_c(coef.value, scale.value))
            return out
        ibuf = (c_int64 * n)()
        check(C.danvan_evaluation_fill_int64(ibuf, n, ev, self.code, col, 0))
        values: List[Any] = list(ibuf)
        probe = c_int64()
        for row, v in enumerate(values):
            if v == 0 and C.danvan_evaluation_get_int(byref(probe), ev, self.code, col,
                                                      row) == ENOTFOUND:
                values[row] = None
        convert = {
            COLUMN_DATE: _values.date_from_c,
            COLUMN_DATETIME: _values.datetime_from_c,
            COLUMN_BOOL: bool,
        }.get(ctype)
        if name == _STATUS_COLUMN:
            return [None if v is None else _lib.decode(C.danvan_slot_status_name(v)) or str(v)
                    for v in values]
        if convert is None:
            return values
        return [None if v is None else convert(v) for v in values]

    @property
    def rows(self) -> List[Dict[str, Any]]:
        """Every row as a dict (read once, then kept)."""
        if self._rows is None:
            columns = [(c[0], self._read_column(*c)) for c in self._cols]
            n = len(columns[0][1]) if columns else 0
            self._rows = [{name: vals[i] for name, vals in columns} for i in range(n)]
        return self._rows

    @overload
    def __getitem__(self, i: int) -> Dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> List[Dict[str, Any]]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union[Dict[str, Any], List[Dict[str, Any]]]:
        return self.rows[i]

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self.rows)

    def format(self, column: str, row: int) -> Optional[str]:
        """One cell as the XML output writes it ("0.9333", "true", "on-time")."""
        _, col, _ = self._col(column)
        out = c_void_p()
        check(C.danvan_evaluation_format(byref(out), self._ev._handle(), self.code, col, row))
        return _lib.take_string(out)

    def to_csv(self) -> str:
        return self._ev.to_csv(self.code)

    def __repr__(self) -> str:
        return f"<danvan evaluation table {self.name!r}: {len(self)} rows>"


class Evaluation:
    """The result of evaluating one plan as of a moment.

    Use it as a context manager or call :meth:`close` to free it early; it holds a reference
    to its dataset (the C dataset lives as long as the evaluation).
    """

    def __init__(self) -> None:
        raise TypeError("use danvan.evaluate() or Evaluation.begin() to make an Evaluation")

    @classmethod
    def _adopt(cls, ptr: int, dataset: "Dataset", finished: bool) -> "Evaluation":
        self = cls.__new__(cls)
        self._ptr: Optional[int] = ptr
        self._dataset = dataset
        self._finished = finished
        self._tables: Dict[int, Table] = {}
        return self

    @classmethod
    def begin(cls, dataset: "Dataset", plan_id: Optional[str] = None, as_of: AsOf = None, *,
              deadline_inclusive: Optional[bool] = None, locality_credit: Optional[bool] = None,
              score_weights: Optional[Tuple[int, int]] = None) -> "Evaluation":
        """Start an evaluation that receives reports with add_report()/add_reports(); call
        finish() before reading results."""
        fn = _lib.require("danvan_evaluation_begin", "danvan.Evaluation.begin()")
        return cls._adopt(_run(fn, dataset, plan_id, as_of, deadline_inclusive,
                               locality_credit, score_weights), dataset, False)

    def add_report(self, report: "Entity") -> None:
        """Give one report (of any dataset) to an open evaluation; what it needs is copied."""
        from .dataset import Entity

        if not isinstance(report, Entity):
            raise FieldTypeError("add_report() takes a report entity")
        check(C.danvan_evaluation_add_report(self._handle(), report._p()))

    def add_reports(self, reports: "Dataset") -> None:
        """Give every top-level report of a dataset to an open evaluation."""
        check(C.danvan_evaluation_add_reports(self._handle(), reports._handle()))

    def add_report_file(self, path: "PathLike", **options: Any) -> None:
        """Read an XML file of reports and give each report to an open evaluation; the file is
        not kept. ``options`` are the XML reading options of :func:`danvan.Dataset.load`."""
        from .xml import _options, _path

        fn = _lib.require("danvan_evaluation_add_report_file", "Evaluation.add_report_file()")
        with _options("Evaluation.add_report_file()", **options) as opts:
            check(fn(self._handle(), _path(path), opts))

    def finish(self) -> "Evaluation":
        """Close an open evaluation and compute its tables."""
        check(C.danvan_evaluation_finish(self._handle()))
        self._finished = True
        return self

    # ---- lifetime ---------------------------------------------------------------------------
    def _handle(self) -> int:
        if self._ptr is None:
            from .errors import ClosedError

            raise ClosedError("the evaluation is closed")
        return self._ptr

    def close(self) -> None:
        ptr, self._ptr = self._ptr, None
        if ptr:
            C.danvan_evaluation_free(ptr)

    def __enter__(self) -> "Evaluation":
        self._handle()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("an Evaluation cannot be pickled or copied")

    # ---- results ----------------------------------------------------------------------------
    @property
    def dataset(self) -> "Dataset":
        return self._dataset

    @property
    def plan_id(self) -> str:
        return _lib.decode(C.danvan_evaluation_plan_id(self._handle())) or ""

    @property
    def as_of(self) -> _dt.datetime:
        return _values.datetime_from_c(C.danvan_evaluation_as_of(self._handle()))

    def tally(self, which: str) -> int:
        """How many reports fell into a tally: seen, counted, other-plan, not-final, future,
        repeated, matched, credited, out-of-scope, untimed."""
        if which not in TALLIES:
            raise InvalidArgumentError(f"{which!r} is not a tally ({', '.join(TALLIES)})")
        out = c_int64()
        check(C.danvan_evaluation_tally(byref(out), self._handle(), TALLIES[which]))
        return out.value

    @property
    def tallies(self) -> Dict[str, int]:
        return {name: self.tally(name) for name in TALLIES}

    def label(self, id: str) -> Optional[str]:
        """The name of an organisation, or title of a duty or quota, named in the results."""
        return _lib.decode(C.danvan_evaluation_label(self._handle(), _lib.encode(id, "id")))

    def table(self, name: Union[str, int]) -> Table:
        """A table by name ("duty-status" or "duties", "slot"/"slots", "quota-status"/"quotas",
        "quota-result"/"results", "score"/"scores")."""
        self._handle()
        code = table_code(name)
        if code not in self._tables:
            self._tables[code] = Table(self, code)
        return self._tables[code]

    @property
    def tables(self) -> Dict[str, Table]:
        """Every table by its C name."""
        return {t.name: t for t in (self.table(c) for c in TABLES.values())}

    @property
    def rows(self) -> Dict[str, List[Dict[str, Any]]]:
        """Every table's rows, by table name ("duty-status": [{"duty": …, "org": …}, …])."""
        return {name: t.rows for name, t in self.tables.items()}

    # ---- exports ----------------------------------------------------------------------------
    def _text(self, fn_name: str, *extra: Any) -> str:
        out, n = c_void_p(), c_size_t()
        check(getattr(C, fn_name)(byref(out), byref(n), self._handle(), *extra))
        try:
            return ctypes.string_at(out.value, n.value).decode("utf-8") if out.value else ""
        finally:
            C.danvan_free(out.value)

    def to_xml(self) -> str:
        """The `evaluation` section as XML (FORMAT.md)."""
        return self._text("danvan_evaluation_to_xml")

    def to_csv(self, table: Union[str, int, None] = None) -> str:
        """One table as CSV, or every table in one with a `section` column (table=None)."""
        return self._text("danvan_evaluation_to_csv",
                          EVAL_ALL if table is None else table_code(table))

    def to_text(self) -> str:
        """A plain-text report."""
        return self._text("danvan_evaluation_to_text")

    def to_html(self) -> str:
        """A standalone HTML report."""
        return self._text("danvan_evaluation_to_html")

    def to_xlsx(self, path: PathLike) -> None:
        """Write a spreadsheet with one sheet per table."""
        raw = os.fsencode(path)
        if b"\0" in raw:
            raise InvalidArgumentError("a path contains a NUL character")
        check(C.danvan_evaluation_to_xlsx(self._handle(), raw))

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<danvan.Evaluation (closed)>"
        return f"<danvan.Evaluation of {self.plan_id!r} as of {self.as_of.isoformat()}>"


def _run(fn: Any, dataset: "Dataset", plan_id: Optional[str], as_of: AsOf,
         deadline_inclusive: Optional[bool], locality_credit: Optional[bool],
         score_weights: Optional[Tuple[int, int]]) -> int:
    moment = _as_of(as_of)
    opts = _Options(deadline_inclusive, locality_credit, score_weights)
    try:
        out = c_void_p()
        check(fn(byref(out), dataset._handle(),
                 None if plan_id is None else _lib.encode(plan_id, "plan id"), moment, opts.ptr))
    finally:
        opts.close()
    assert out.value
    return out.value


def evaluate(dataset: "Dataset", plan_id: Optional[str] = None, as_of: AsOf = None, *,
             deadline_inclusive: Optional[bool] = None, locality_credit: Optional[bool] = None,
             score_weights: Optional[Tuple[int, int]] = None) -> Evaluation:
    """Evaluate the plan `plan_id` (None: the dataset's only plan) against every report of
    the dataset, as of a moment (datetime, "YYYY-MM-DDThh:mm…", a date meaning its start in
    Vietnam time, epoch seconds, or None for now)."""
    fn = _lib.require("danvan_evaluate", "danvan.evaluate()")
    return Evaluation._adopt(_run(fn, dataset, plan_id, as_of, deadline_inclusive,
                                  locality_credit, score_weights), dataset, True)
