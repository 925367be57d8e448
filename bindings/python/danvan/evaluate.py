"""Evaluation of a plan against its reports (include/danvan/evaluate.h).

Waiting for the evaluation layer: until its C functions are bound, :func:`evaluate` raises
:class:`~danvan.errors.FeatureUnavailableError` (a ``NotImplementedError``).
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Any, List, Optional, Union

from . import _lib

if TYPE_CHECKING:
    from .dataset import Dataset


class Evaluation:
    """The result of evaluating one plan as of a date-time: rows and exports.

    Holds a reference to its dataset, so the dataset outlives the result.
    """

    def __init__(self) -> None:
        raise TypeError("use danvan.evaluate() to make an Evaluation")

    @property
    def rows(self) -> List[Any]:
        raise _lib.unavailable("danvan_evaluation_row_count", "Evaluation.rows")

    def to_xml(self) -> str:
        raise _lib.unavailable("danvan_evaluation_to_xml", "Evaluation.to_xml()")

    def to_csv(self) -> str:
        raise _lib.unavailable("danvan_evaluation_to_csv", "Evaluation.to_csv()")

    def to_xlsx(self, path: Union[str, "os.PathLike[str]"]) -> None:
        raise _lib.unavailable("danvan_evaluation_to_xlsx", "Evaluation.to_xlsx()")

    def to_html(self) -> str:
        raise _lib.unavailable("danvan_evaluation_to_html", "Evaluation.to_html()")


def evaluate(dataset: "Dataset", plan_id: str,
             as_of: Optional[Union[_dt.datetime, _dt.date, str]] = None,
             **options: Any) -> Evaluation:
    """Evaluate the plan `plan_id` of `dataset` against its reports as of `as_of`."""
    raise _lib.unavailable("danvan_evaluate", "danvan.evaluate()")
