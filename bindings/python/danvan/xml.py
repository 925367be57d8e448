"""Reading and writing the XML format (include/danvan/xml.h).

Waiting for the XML layer: until its C functions are bound, every function here raises
:class:`~danvan.errors.FeatureUnavailableError` (a ``NotImplementedError``).
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Union

from . import _lib

if TYPE_CHECKING:
    from .dataset import Dataset

PathLike = Union[str, "os.PathLike[str]"]


def load(path: PathLike, **options: Any) -> "Dataset":
    """Load a dataset from an XML file."""
    raise _lib.unavailable("danvan_dataset_load", "danvan.Dataset.load()")


def loads(data: Union[bytes, str], name: str = "<memory>", **options: Any) -> "Dataset":
    """Load a dataset from XML held in memory."""
    raise _lib.unavailable("danvan_dataset_load_memory", "danvan.Dataset.loads()")


def merge(dataset: "Dataset", path: PathLike, **options: Any) -> None:
    """Merge an XML file (e.g. reports) into a dataset."""
    raise _lib.unavailable("danvan_dataset_merge", "danvan.Dataset.merge()")


def save(dataset: "Dataset", path: PathLike, **options: Any) -> None:
    """Write a dataset as canonical XML."""
    raise _lib.unavailable("danvan_dataset_save", "danvan.Dataset.save()")


def to_xml(dataset: "Dataset", **options: Any) -> str:
    """A dataset as canonical XML text."""
    raise _lib.unavailable("danvan_dataset_to_xml", "danvan.Dataset.to_xml()")
