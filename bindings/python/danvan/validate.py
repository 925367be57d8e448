"""Validation: the rule catalogue over a dataset (include/danvan/validate.h).

Waiting for the validation layer: until its C functions are bound, :func:`validate` raises
:class:`~danvan.errors.FeatureUnavailableError` (a ``NotImplementedError``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List

from . import _lib

if TYPE_CHECKING:
    from .dataset import Dataset


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a stable rule id, a severity and where it was found."""

    rule: str       #: "ref", "dup-id", "period-order" …
    severity: str   #: "error", "warning" or "info"
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""  #: path to the element

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        return f"{where}{self.severity}: {self.message} [{self.rule}]"


def validate(dataset: "Dataset", lang: str = "vi", **options: Any) -> List[Diagnostic]:
    """Check a dataset; returns the findings (an empty list when there are none)."""
    raise _lib.unavailable("danvan_validate", "danvan.Dataset.validate()")
