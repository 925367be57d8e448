"""Vietnamese value parsers and the text importer (include/danvan/vn.h).

Waiting for the text layer: until its C functions are bound, :func:`import_text` raises
:class:`~danvan.errors.FeatureUnavailableError` (a ``NotImplementedError``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from . import _lib

if TYPE_CHECKING:
    from .dataset import Dataset


def import_text(text: Union[str, bytes], name: str = "<text>", **options: Any) -> "Dataset":
    """Build a dataset (a plan) from the text of a real document."""
    raise _lib.unavailable("danvan_import_text", "danvan.import_text()")
