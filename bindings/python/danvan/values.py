"""Exact decimals, dates, date-times and times of day (include/danvan/values.h).

Python types used for the model's values:

=============  ===========================================================================
C type         Python
=============  ===========================================================================
decimal        :class:`decimal.Decimal` (exact; floats are refused)
date           :class:`datetime.date`, or :class:`PartialDate` for "2024-12"
date-time      aware :class:`datetime.datetime` in Vietnam time (:data:`VIETNAM_TZ`, UTC+7);
               a naive datetime given to the library is read as Vietnam time
time of day    :class:`datetime.time` with whole minutes; 24:00 (end of day) is
               :data:`END_OF_DAY` (``datetime.time.max``)
=============  ===========================================================================

The parse and format helpers call the C library, so they accept and produce exactly the
notation of the format (and raise the library's errors).
"""
from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_int32, c_int64, c_void_p
from decimal import Decimal
from typing import NamedTuple, Optional, Tuple, Union

from . import _lib
from .errors import FieldTypeError, InvalidArgumentError, check

C = _lib.C

#: Vietnam time: UTC+07:00 all year, no daylight saving.
VIETNAM_TZ = _dt.timezone(_dt.timedelta(hours=7))
#: How the library's time of day 24:00 (1440 minutes, end of the day) reads in Python.
END_OF_DAY = _dt.time.max
#: The largest scale a decimal may have (digits after the point).
DECIMAL_MAX_SCALE = 18

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_SECOND = _dt.timedelta(seconds=1)


class PartialDate(NamedTuple):
    """A date with year and month only ("2024-12"), as on a document whose day is blank."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


DateLike = Union[_dt.date, PartialDate, str]
NumberLike = Union[Decimal, int, str]


# ---- conversions between Python values and the C integers ---------------------------------
def date_to_c(value: DateLike) -> int:
    """yyyymmdd for a date, PartialDate (day 00) or text "YYYY-MM-DD" / "YYYY-MM"."""
    if isinstance(value, str):
        out = c_int32()
        check(C.danvan_date_parse(byref(out), _lib.encode(value, "date")))
        return out.value
    if isinstance(value, _dt.datetime):
        raise FieldTypeError("a date is needed, not a datetime (use .date())")
    if isinstance(value, _dt.date):
        return value.year * 10000 + value.month * 100 + value.day
    if isinstance(value, PartialDate):
        if not (1 <= value.year <= 9999 and 1 <= value.month <= 12):
            raise InvalidArgumentError(f"{value.year}-{value.month} is not a valid month")
        return value.year * 10000 + value.month * 100
    raise FieldTypeError(f"a date is needed, not {type(value).__name__}")


def date_from_c(value: int) -> Union[_dt.date, PartialDate]:
    """A date (or PartialDate when the day is 00) from yyyymmdd."""
    y, md = divmod(int(value), 10000)
    m, d = divmod(md, 100)
    return PartialDate(y, m) if d == 0 else _dt.date(y, m, d)


def datetime_to_c(value: Union[_dt.datetime, str]) -> int:
    """Seconds since the epoch; a naive datetime is Vietnam time; microseconds are dropped."""
    if isinstance(value, str):
        out = c_int64()
        check(C.danvan_datetime_parse(byref(out), _lib.encode(value, "date-time")))
        return out.value
    if not isinstance(value, _dt.datetime):
        raise FieldTypeError(f"a datetime is needed, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=VIETNAM_TZ)
    return (value.replace(microsecond=0) - _EPOCH) // _SECOND


def datetime_from_c(value: int) -> _dt.datetime:
    """An aware datetime in Vietnam time from seconds since the epoch."""
    return (_EPOCH + _dt.timedelta(seconds=int(value))).astimezone(VIETNAM_TZ)


def time_to_c(value: Union[_dt.time, str]) -> int:
    """Minutes after midnight; END_OF_DAY (time.max) is 1440."""
    if isinstance(value, str):
        out = c_int32()
        check(C.danvan_time_parse(byref(out), _lib.encode(value, "time")))
        return out.value
    if not isinstance(value, _dt.time):
        raise FieldTypeError(f"a time is needed, not {type(value).__name__}")
    if value.replace(tzinfo=None) == END_OF_DAY:
        return 1440
    if value.second or value.microsecond:
        raise InvalidArgumentError(f"{value} is not a whole minute")
    return value.hour * 60 + value.minute


def time_from_c(value: int) -> _dt.time:
    """A time from minutes after midnight (1440 reads as END_OF_DAY)."""
    value = int(value)
    if value >= 1440:
        return END_OF_DAY
    return _dt.time(value // 60, value % 60)


def decimal_text(value: NumberLike) -> str:
    """The format's notation of a decimal ("3600000000", "0.3333"); floats are refused."""
    if isinstance(value, bool) or isinstance(value, float):
        raise FieldTypeError(
            f"a decimal is needed (Decimal, int or str), not {type(value).__name__}: "
            "binary floating point is not exact")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidArgumentError(f"{value} is not a finite decimal")
        return format(value, "f")
    if isinstance(value, str):
        return value
    raise FieldTypeError(f"a decimal is needed, not {type(value).__name__}")


def decimal_to_c(value: NumberLike) -> Tuple[int, int]:
    """(coefficient, scale) of a decimal, checked by the library (fits 64 bits, scale <= 18)."""
    coef, scale = c_int64(), c_int32()
    check(C.danvan_decimal_parse(byref(coef), byref(scale),
                                 _lib.encode(decimal_text(value), "decimal")))
    return coef.value, scale.value


def decimal_from_c(coef: int, scale: int) -> Decimal:
    """The exact Decimal coefficient × 10^-scale."""
    return Decimal(f"{int(coef)}E-{int(scale)}") if scale else Decimal(int(coef))


# ---- public helpers over values.h -----------------------------------------------------------
def parse_decimal(text: str) -> Decimal:
    """Parse "-12.50"-style text (no grouping, no exponent) into an exact Decimal."""
    coef, scale = c_int64(), c_int32()
    check(C.danvan_decimal_parse(byref(coef), byref(scale), _lib.encode(text, "decimal")))
    return decimal_from_c(coef.value, scale.value)


def format_decimal(value: NumberLike) -> str:
    """The format's notation, trailing zeros removed ("3.50" -> "3.5")."""
    coef, scale = decimal_to_c(value)
    out = c_void_p()
    check(C.danvan_decimal_format(byref(out), coef, scale))
    return _lib.take_string(out) or ""


def decimal_add(a: NumberLike, b: NumberLike) -> Decimal:
    """a + b exactly, as the library adds (LimitError when the sum does not fit)."""
    ac, asc = decimal_to_c(a)
    bc, bsc = decimal_to_c(b)
    coef, scale = c_int64(), c_int32()
    check(C.danvan_decimal_add(byref(coef), byref(scale), ac, asc, bc, bsc))
    return decimal_from_c(coef.value, scale.value)


def decimal_mul(a: NumberLike, b: NumberLike) -> Decimal:
    """a × b exactly, as the library multiplies (LimitError when it does not fit)."""
    ac, asc = decimal_to_c(a)
    bc, bsc = decimal_to_c(b)
    coef, scale = c_int64(), c_int32()
    check(C.danvan_decimal_mul(byref(coef), byref(scale), ac, asc, bc, bsc))
    return decimal_from_c(coef.value, scale.value)


def decimal_compare(a: NumberLike, b: NumberLike) -> int:
    """-1, 0 or 1 as a is less than, equal to or greater than b (2.50 equals 2.5)."""
    ac, asc = decimal_to_c(a)
    bc, bsc = decimal_to_c(b)
    out = c_int32()
    check(C.danvan_decimal_compare(byref(out), ac, asc, bc, bsc))
    return out.value


def parse_date(text: str) -> Union[_dt.date, PartialDate]:
    """Parse "YYYY-MM-DD" (a date) or "YYYY-MM" (a PartialDate); ParseError otherwise."""
    out = c_int32()
    check(C.danvan_date_parse(byref(out), _lib.encode(text, "date")))
    return date_from_c(out.value)


def format_date(value: DateLike) -> str:
    """"YYYY-MM-DD", or "YYYY-MM" for a PartialDate."""
    out = c_void_p()
    check(C.danvan_date_format(byref(out), date_to_c(value)))
    return _lib.take_string(out) or ""


def date_from_ymd(year: int, month: int, day: int = 0) -> Union[_dt.date, PartialDate]:
    """A date checked by the library (day 0 gives a PartialDate)."""
    out = c_int32()
    check(C.danvan_date_from_ymd(byref(out), year, month, day))
    return date_from_c(out.value)


def date_add_days(value: DateLike, days: int) -> _dt.date:
    """A full date plus a number of days (may be negative)."""
    out = c_int32()
    check(C.danvan_date_add_days(byref(out), date_to_c(value), days))
    result = date_from_c(out.value)
    assert isinstance(result, _dt.date)
    return result


def date_diff_days(a: DateLike, b: DateLike) -> int:
    """The number of days from a to b (b - a); both full dates."""
    out = c_int32()
    check(C.danvan_date_diff_days(byref(out), date_to_c(a), date_to_c(b)))
    return out.value


def date_weekday(value: DateLike) -> int:
    """ISO weekday of a full date: 1 Monday … 7 Sunday."""
    out = c_int32()
    check(C.danvan_date_weekday(byref(out), date_to_c(value)))
    return out.value


def parse_datetime(text: str) -> _dt.datetime:
    """Parse "YYYY-MM-DDThh:mm[:ss](Z|±hh:mm)" (no offset: Vietnam time) into an aware
    datetime in Vietnam time."""
    out = c_int64()
    check(C.danvan_datetime_parse(byref(out), _lib.encode(text, "date-time")))
    return datetime_from_c(out.value)


def format_datetime(value: Union[_dt.datetime, str]) -> str:
    """"YYYY-MM-DDThh:mm:ss+07:00" (Vietnam time)."""
    out = c_void_p()
    check(C.danvan_datetime_format(byref(out), datetime_to_c(value)))
    return _lib.take_string(out) or ""


def datetime_from_parts(date: DateLike, time: Union[_dt.time, str]) -> _dt.datetime:
    """The Vietnam-time date-time of a full date and a time of day (24:00 allowed)."""
    out = c_int64()
    check(C.danvan_datetime_from_parts(byref(out), date_to_c(date), time_to_c(time)))
    return datetime_from_c(out.value)


def datetime_to_parts(value: Union[_dt.datetime, str]) -> Tuple[_dt.date, _dt.time]:
    """The Vietnam-time date and time of day of a date-time."""
    d, m = c_int32(), c_int32()
    check(C.danvan_datetime_to_parts(byref(d), byref(m), datetime_to_c(value)))
    day = date_from_c(d.value)
    assert isinstance(day, _dt.date)
    return day, time_from_c(m.value)


def parse_time(text: str) -> _dt.time:
    """Parse "hh:mm" (00:00 … 23:59, or 24:00 which reads as END_OF_DAY)."""
    out = c_int32()
    check(C.danvan_time_parse(byref(out), _lib.encode(text, "time")))
    return time_from_c(out.value)


def format_time(value: Union[_dt.time, str]) -> str:
    """"hh:mm" (END_OF_DAY formats as "24:00")."""
    out = c_void_p()
    check(C.danvan_time_format(byref(out), time_to_c(value)))
    return _lib.take_string(out) or ""


def optional_date(value: Optional[DateLike]) -> int:
    """yyyymmdd, or 0 for None (the C convention for "no date")."""
    return 0 if value is None else date_to_c(value)
