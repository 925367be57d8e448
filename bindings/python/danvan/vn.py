"""Vietnamese text helpers and value parsers (include/danvan/vn.h).

Each ``parse_*`` function reads a value written the Vietnamese way at the *start* of the
text ("3,6 tỷ đồng", "ngày 22 tháng 6 năm 2021", "trước 12h", "đợt II/2020", "01-KH/BCĐ")
and returns a named tuple whose ``consumed`` field says how many characters (not bytes) it
read, so ``text[result.consumed:]`` is the rest. Text that does not start with such a value
raises :class:`~danvan.ParseError`.

The text importer, which reads whole documents, is :mod:`danvan.importer`
(:func:`danvan.import_text`).
"""
from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_int32, c_int64, c_size_t, c_uint32, c_void_p
from decimal import Decimal
from typing import Any, Callable, NamedTuple, Optional, Union

from . import _lib
from . import values as _values
from .errors import ENOTFOUND, check

C = _lib.C

#: DANVAN_VN_NUM_* flags: how a number was written.
NUM_LEADING_ZERO = 0x01
NUM_GROUPED = 0x02
NUM_MIXED_GROUPS = 0x04
NUM_DOT_DECIMAL = 0x08
NUM_COMMA_THREE = 0x10

_BOUNDS = {1: "exact", 2: "at-least", 3: "more-than", 4: "at-most", 5: "less-than",
           6: "range", 7: "about", 8: "fraction"}
_PHASES = {1: "round", 2: "quarter", 3: "semester"}
_STYLES = {1: "state", 2: "party", 3: "union"}


class Number(NamedTuple):
    value: Decimal
    flags: int
    consumed: int


class Money(NamedTuple):
    dong: int        #: the amount in whole đồng
    unit_exp: int    #: power of ten of the multiplier as written (9 for "tỷ", 0 for "đồng")
    flags: int
    consumed: int


class Quantity(NamedTuple):
    bound: str                  #: exact, at-least, more-than, at-most, less-than, range, about, fraction
    min: Optional[Decimal]
    max: Optional[Decimal]
    total: Optional[Decimal]    #: the whole of a fraction ("8/8 ấp")
    unit: str                   #: the unit word ("" when none)
    second: Optional[Decimal]   #: second quantity of "9 tuyến đường/8.900m"
    second_unit: str
    flags: int
    consumed: int


class DateRange(NamedTuple):
    start: Union[_dt.date, _values.PartialDate]
    end: Union[_dt.date, _values.PartialDate]
    consumed: int


class Parsed(NamedTuple):
    value: Any
    consumed: int


class TimeRange(NamedTuple):
    start: _dt.time
    end: _dt.time
    consumed: int


class Deadline(NamedTuple):
    inclusive: bool   #: "đến 15h" (True) or "trước 12h" (False)
    date: Optional[Union[_dt.date, _values.PartialDate]]
    time: Optional[_dt.time]
    consumed: int


class Phase(NamedTuple):
    kind: str              #: round (đợt), quarter (quý) or semester (học kỳ)
    number: int
    year: Optional[int]
    consumed: int


class DocNumber(NamedTuple):
    number: str
    type: str
    issuer: str
    symbol: str
    text: str
    year: Optional[int]
    style: Optional[str]   #: state, party or union
    consumed: int


def _chars(raw: bytes, nbytes: int) -> int:
    return len(raw[:nbytes].decode("utf-8", errors="ignore"))


def _text_fn(symbol: str, feature: str, text: str) -> str:
    fn = _lib.require(symbol, feature)
    out = c_void_p()
    check(fn(byref(out), _lib.encode(text)))
    return _lib.take_string(out) or ""


def normalize(text: str) -> str:
    """NFC, every Unicode space a plain space, Ð/ð as Đ/đ."""
    return _text_fn("danvan_text_normalize", "danvan.vn.normalize()", text)


def match_key(text: str) -> str:
    """A key for matching names written in different ways."""
    return _text_fn("danvan_text_match_key", "danvan.vn.match_key()", text)


def strip_markup(text: str) -> str:
    """Remove Markdown and HTML left over from text conversion, and nothing else."""
    return _text_fn("danvan_text_strip_markup", "danvan.vn.strip_markup()", text)


def parse_number(text: str) -> Number:
    """A number written the Vietnamese way ("3.600", "3,6", "10.500 000")."""
    fn = _lib.require("danvan_vn_number_parse_ext", "danvan.vn.parse_number()")
    raw = _lib.encode(text)
    coef, scale, flags, used = c_int64(), c_int32(), c_uint32(), c_size_t()
    check(fn(byref(coef), byref(scale), byref(flags), byref(used), raw))
    return Number(_values.decimal_from_c(coef.value, scale.value), flags.value,
                  _chars(raw, used.value))


def parse_money(text: str) -> Money:
    """An amount of money ("3,6 tỷ đồng", "10.500 000đ") in whole đồng."""
    fn = _lib.require("danvan_vn_money_parse_ext", "danvan.vn.parse_money()")
    raw = _lib.encode(text)
    dong, exp, flags, used = c_int64(), c_int32(), c_uint32(), c_size_t()
    check(fn(byref(dong), byref(exp), byref(flags), byref(used), raw))
    return Money(dong.value, exp.value, flags.value, _chars(raw, used.value))


def _opt_decimal(getter: Callable[..., int], q: int) -> Optional[Decimal]:
    coef, scale = c_int64(), c_int32()
    rc = getter(byref(coef), byref(scale), q)
    if rc == ENOTFOUND:
        return None
    check(rc)
    return _values.decimal_from_c(coef.value, scale.value)


def parse_quantity(text: str) -> Quantity:
    """A quantity with its qualifier and unit ("ít nhất 01 công trình", "300 - 500 suất",
    "8/8 ấp", "9 tuyến đường/8.900m")."""
    fn = _lib.require("danvan_vn_quantity_parse", "danvan.vn.parse_quantity()")
    raw = _lib.encode(text)
    out = c_void_p()
    check(fn(byref(out), raw))
    q = out.value
    try:
        return Quantity(
            bound=_BOUNDS.get(C.danvan_vn_quantity_bound(q), "?"),
            min=_opt_decimal(C.danvan_vn_quantity_min, q),
            max=_opt_decimal(C.danvan_vn_quantity_max, q),
            total=_opt_decimal(C.danvan_vn_quantity_total, q),
            unit=_lib.decode(C.danvan_vn_quantity_unit(q)) or "",
            second=_opt_decimal(C.danvan_vn_quantity_second, q),
            second_unit=_lib.decode(C.danvan_vn_quantity_second_unit(q)) or "",
            flags=int(C.danvan_vn_quantity_flags(q)),
            consumed=_chars(raw, int(C.danvan_vn_quantity_consumed(q))))
    finally:
        C.danvan_vn_quantity_free(q)


def parse_date(text: str) -> Parsed:
    """A date ("ngày 22 tháng 6 năm 2021", "22/6/2021", "tháng 12/2024" → PartialDate)."""
    fn = _lib.require("danvan_vn_date_parse", "danvan.vn.parse_date()")
    raw = _lib.encode(text)
    d, used = c_int32(), c_size_t()
    check(fn(byref(d), byref(used), raw))
    return Parsed(_values.date_from_c(d.value), _chars(raw, used.value))


def parse_date_range(text: str) -> DateRange:
    """A range of dates ("16/12 – 30/12/2020"); the first takes year and month from the
    second when it omits them."""
    fn = _lib.require("danvan_vn_date_range_parse", "danvan.vn.parse_date_range()")
    raw = _lib.encode(text)
    a, b, used = c_int32(), c_int32(), c_size_t()
    check(fn(byref(a), byref(b), byref(used), raw))
    return DateRange(_values.date_from_c(a.value), _values.date_from_c(b.value),
                     _chars(raw, used.value))


def parse_time(text: str) -> Parsed:
    """A time of day ("07 giờ 30 phút", "13h30", "12h")."""
    fn = _lib.require("danvan_vn_time_parse", "danvan.vn.parse_time()")
    raw = _lib.encode(text)
    m, used = c_int32(), c_size_t()
    check(fn(byref(m), byref(used), raw))
    return Parsed(_values.time_from_c(m.value), _chars(raw, used.value))


def parse_time_range(text: str) -> TimeRange:
    """A window of time ("từ 13h30 đến 15h00")."""
    fn = _lib.require("danvan_vn_time_range_parse", "danvan.vn.parse_time_range()")
    raw = _lib.encode(text)
    a, b, used = c_int32(), c_int32(), c_size_t()
    check(fn(byref(a), byref(b), byref(used), raw))
    return TimeRange(_values.time_from_c(a.value), _values.time_from_c(b.value),
                     _chars(raw, used.value))


def parse_deadline(text: str) -> Deadline:
    """A deadline: a marker ("trước", "chậm nhất", "đến") then a time, a date or both."""
    fn = _lib.require("danvan_vn_deadline_parse", "danvan.vn.parse_deadline()")
    raw = _lib.encode(text)
    kind, d, m, used = c_int32(), c_int32(), c_int32(), c_size_t()
    check(fn(byref(kind), byref(d), byref(m), byref(used), raw))
    return Deadline(kind.value == 2, _values.date_from_c(d.value) if d.value else None,
                    _values.time_from_c(m.value) if m.value >= 0 else None,
                    _chars(raw, used.value))


def parse_roman(text: str) -> Parsed:
    """A Roman numeral ("XIII" → 13)."""
    fn = _lib.require("danvan_vn_roman_parse", "danvan.vn.parse_roman()")
    raw = _lib.encode(text)
    v, used = c_int32(), c_size_t()
    check(fn(byref(v), byref(used), raw))
    return Parsed(v.value, _chars(raw, used.value))


def parse_phase(text: str) -> Phase:
    """A phase: "đợt II/2020", "đợt 2", "quý III/2021", "học kỳ I"."""
    fn = _lib.require("danvan_vn_phase_parse", "danvan.vn.parse_phase()")
    raw = _lib.encode(text)
    kind, num, year, used = c_int32(), c_int32(), c_int32(), c_size_t()
    check(fn(byref(kind), byref(num), byref(year), byref(used), raw))
    return Phase(_PHASES.get(kind.value, "?"), num.value, year.value or None,
                 _chars(raw, used.value))


def parse_docnum(text: str) -> DocNumber:
    """A document number and symbol ("01-KH/BCĐ", "21/KH-UBND", "Số: 14-KH/TĐTN-TCKT")."""
    fn = _lib.require("danvan_vn_docnum_parse", "danvan.vn.parse_docnum()")
    raw = _lib.encode(text)
    out = c_void_p()
    check(fn(byref(out), raw))
    d = out.value
    try:
        year = int(C.danvan_vn_docnum_year(d))
        return DocNumber(
            number=_lib.decode(C.danvan_vn_docnum_number(d)) or "",
            type=_lib.decode(C.danvan_vn_docnum_type(d)) or "",
            issuer=_lib.decode(C.danvan_vn_docnum_issuer(d)) or "",
            symbol=_lib.decode(C.danvan_vn_docnum_symbol(d)) or "",
            text=_lib.decode(C.danvan_vn_docnum_text(d)) or "",
            year=year or None,
            style=_STYLES.get(C.danvan_vn_docnum_style(d)),
            consumed=_chars(raw, int(C.danvan_vn_docnum_consumed(d))))
    finally:
        C.danvan_vn_docnum_free(d)


__all__ = ["normalize", "match_key", "strip_markup", "parse_number", "parse_money",
           "parse_quantity", "parse_date", "parse_date_range", "parse_time",
           "parse_time_range", "parse_deadline", "parse_roman", "parse_phase", "parse_docnum",
           "Number", "Money", "Quantity", "DateRange", "Parsed", "TimeRange",
           "Deadline", "Phase", "DocNumber"]
