"""libdanvan for Python: plans and reports of "dân vận" work, through ctypes.

    import danvan
    with danvan.Dataset() as ds:
        plan = ds.add("plan", "tan-phong-2024-2", title="Phối hợp liên ngành …",
                      start="2024-12-10", end="2024-12-24")
        print(plan.start)           # datetime.date(2024, 12, 10)

The shared library is found through the environment variable DANVAN_LIBRARY (a path), then
the system's library search (libdanvan.so.0). Its major version must be 0.
"""
from __future__ import annotations

from . import _lib
from ._lib import EXPECTED_MAJOR
from .errors import (ClosedError, Error, ExistsError, FeatureUnavailableError, FieldTypeError,
                     FormatError, InputOutputError, InvalidArgumentError, LimitError,
                     NotFoundError, OutOfMemoryError, ParseError, UnknownFieldError,
                     UnsupportedError, status_name)
from .values import (END_OF_DAY, VIETNAM_TZ, PartialDate, date_add_days, date_diff_days,
                     date_from_ymd, date_weekday, datetime_from_parts, datetime_to_parts,
                     decimal_add, decimal_compare, decimal_mul, format_date, format_datetime,
                     format_decimal, format_time, parse_date, parse_datetime, parse_decimal,
                     parse_time)
from .model import FieldInfo, KindInfo, kind_info, kinds
from .dataset import Children, Dataset, Entity, entity_class, entity_classes
from .xml import schema_path, schema_text
from .validate import Diagnostic, Diagnostics, Rule, rules, severity_name, validate_file
from .evaluate import Evaluation, evaluate
from . import vn
from . import importer
from .importer import ImportFinding, ImportResult, import_file, import_text

__version__ = "0.1.0"

#: The version of the loaded C library, "MAJOR.MINOR.PATCH".
library_version: str = _lib.version_string()
#: Where the C library was loaded from.
library_path: str = _lib.path()

# One class per kind of the loaded library: danvan.Plan, danvan.Task, danvan.Quota …
globals().update(entity_classes())

__all__ = [
    "EXPECTED_MAJOR", "library_version", "library_path",
    "Error", "InvalidArgumentError", "OutOfMemoryError", "InputOutputError", "ParseError",
    "FormatError", "NotFoundError", "LimitError", "UnsupportedError", "ExistsError",
    "FieldTypeError", "UnknownFieldError", "ClosedError", "FeatureUnavailableError",
    "status_name",
    "VIETNAM_TZ", "END_OF_DAY", "PartialDate", "parse_date", "format_date", "parse_datetime",
    "format_datetime", "parse_time", "format_time", "parse_decimal", "format_decimal",
    "decimal_add", "decimal_mul", "decimal_compare", "date_from_ymd", "date_add_days",
    "date_diff_days", "date_weekday", "datetime_from_parts", "datetime_to_parts",
    "FieldInfo", "KindInfo", "kinds", "kind_info",
    "Dataset", "Entity", "Children", "entity_class", "entity_classes",
    "schema_path", "schema_text", "Diagnostic", "Diagnostics", "Rule", "rules",
    "severity_name", "validate_file", "Evaluation", "evaluate", "vn",
    "import_text", "import_file", "ImportResult", "ImportFinding", "importer",
] + sorted(entity_classes())
