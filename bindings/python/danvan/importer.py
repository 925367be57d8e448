"""The text importer: the text of a real plan or report into a dataset (include/danvan/import.h).

Most plans ("Kế hoạch") and reports ("Báo cáo") exist only as text copied out of Word, PDF
files or web pages. :func:`import_text` and :func:`import_file` read such text and build the
model in a :class:`~danvan.Dataset`: one plan (or, for a "BÁO CÁO" document, one report) with
its header, basis, period, sections, quotas, tasks, totals, duties, recipients and
signatures, plus the organisations, localities, people and metrics it names.

The outcome is an :class:`ImportResult`: the dataset, the new plan or report (``.entity``)
and the importer's findings (text it could not place, website chrome around the document,
values that did not parse, bytes that were not UTF-8), each an :class:`ImportFinding` with
its source line. Findings are not errors. Errors (no document in the text, an unreadable
file, a bad option) raise :class:`~danvan.Error` subclasses.

(The module is called ``importer`` because ``import`` is a Python keyword.)
"""
from __future__ import annotations

import os
from ctypes import byref, c_void_p
from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional, Union

from . import _lib
from .errors import FieldTypeError, InvalidArgumentError, check, last_error

if TYPE_CHECKING:
    from .dataset import Dataset, Entity

C = _lib.C

#: Severities of import findings (import.h); the numbers are frozen by the C library.
IMPORT_INFO = 3  # DANVAN_SEVERITY_INFO, as in validation
IMPORT_WARNING = 2  # DANVAN_SEVERITY_WARNING
_SEVERITY_WORDS = {IMPORT_INFO: "info", IMPORT_WARNING: "warning"}

TextLike = Union[str, bytes, bytearray, memoryview]
PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


class ImportFinding(NamedTuple):
    """One finding of an import. Findings come in line order."""

    line: int       #: the source line, from 1
    severity: str   #: "info" (text not placed, or outside the document) or "warning"
    rule: str       #: "chrome", "unplaced", "header", "value" or "encoding"
    message: str    #: in English, quoting the text concerned

    def __str__(self) -> str:
        return f"{self.line}: {self.severity}: {self.message} [{self.rule}]"


class ImportResult:
    """The outcome of an import: ``dataset``, ``entity`` (the new plan or report) and
    ``findings`` (a list of :class:`ImportFinding`).

    The result holds its dataset, so the dataset (and the entity) stay usable for as long as
    the result is alive, whatever other references are dropped. The findings are copied out
    of the library: they never depend on the dataset.

    ``close()``, or the end of a ``with`` block, closes the dataset **when the import created
    it** (no ``dataset=`` was given), like ``with danvan.Dataset() as ds:``. A dataset the
    caller passed in is left open: it belongs to the caller. Closing twice does nothing.
    """

    __slots__ = ("_dataset", "_entity", "_findings", "_owns_dataset")

    def __init__(self, dataset: "Dataset", entity: "Entity", findings: List[ImportFinding],
                 owns_dataset: bool) -> None:
        self._dataset = dataset
        self._entity = entity
        self._findings = findings
        self._owns_dataset = owns_dataset

    @property
    def dataset(self) -> "Dataset":
        """The dataset the document was imported into."""
        return self._dataset

    @property
    def entity(self) -> "Entity":
        """The plan (a danvan.Plan) or report (a danvan.Report) the import created."""
        return self._entity

    @property
    def findings(self) -> List[ImportFinding]:
        """The findings, in line order (a new list on each access)."""
        return list(self._findings)

    @property
    def owns_dataset(self) -> bool:
        """Whether the import created the dataset (then close() closes it)."""
        return self._owns_dataset

    @property
    def closed(self) -> bool:
        """Whether the dataset is closed."""
        return self._dataset.closed

    def close(self) -> None:
        """Close the dataset if the import created it; otherwise do nothing."""
        if self._owns_dataset:
            self._dataset.close()

    def __enter__(self) -> "ImportResult":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a danvan.ImportResult cannot be pickled or copied")

    def __repr__(self) -> str:
        warnings = sum(1 for f in self._findings if f.severity == "warning")
        return (f"<danvan.ImportResult {self._entity!r}: {len(self._findings)} findings "
                f"({warnings} warnings)>")


class _Options:
    """A C danvan_import_options, or None (ptr) when every option keeps its default."""

    def __init__(self, feature: str, id: Optional[str], report_chrome: Optional[bool]) -> None:
        self.ptr: Optional[int] = None
        if id is None and report_chrome is None:
            return
        if report_chrome is not None and not isinstance(report_chrome, bool):
            raise FieldTypeError(f"report_chrome is a bool, not {type(report_chrome).__name__}")
        out = c_void_p()
        check(_lib.require("danvan_import_options_new", feature)(byref(out)))
        self.ptr = out.value
        try:
            if id is not None:
                check(C.danvan_import_options_set_id(self.ptr, _lib.encode(id, "id")))
            if report_chrome is not None:
                check(C.danvan_import_options_set_report_chrome(self.ptr,
                                                                1 if report_chrome else 0))
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        ptr, self.ptr = self.ptr, None
        if ptr:
            C.danvan_import_options_free(ptr)


def _text(text: Any) -> bytes:
    """The bytes handed to the library. A str is encoded as UTF-8. Lone surrogates are not
    refused: those of errors="surrogateescape" become their original bytes again, others their
    UTF-8-like form, and the library replaces either by U+FFFD with an "encoding" finding, as
    it does for any bytes that are not UTF-8."""
    if isinstance(text, str):
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            try:
                return text.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise FieldTypeError(f"the text to import must be str or bytes, not {type(text).__name__}")


def _path(path: Any) -> bytes:
    if not isinstance(path, (str, bytes, os.PathLike)):
        raise FieldTypeError(f"the path must be str, bytes or os.PathLike, not "
                             f"{type(path).__name__}")
    raw = os.fsencode(path)
    if not raw:
        raise InvalidArgumentError("the path is empty")
    if b"\0" in raw:
        raise InvalidArgumentError("a path contains a NUL character")
    return raw


def _name(name: Any) -> Optional[bytes]:
    if name is None:
        return None
    if isinstance(name, os.PathLike):
        name = os.fsdecode(name)
    return _lib.encode(name, "name")


def _findings(res: int) -> List[ImportFinding]:
    out = []
    for i in range(int(C.danvan_import_result_count(res))):
        severity = int(C.danvan_import_result_severity(res, i))
        out.append(ImportFinding(
            line=int(C.danvan_import_result_line(res, i)),
            severity=_SEVERITY_WORDS.get(severity, str(severity)),
            rule=_lib.decode(C.danvan_import_result_rule(res, i)) or "",
            message=_lib.decode(C.danvan_import_result_message(res, i)) or ""))
    return out


def _run(feature: str, symbol: str, dataset: Optional["Dataset"], id: Optional[str],
         report_chrome: Optional[bool], *args: Any) -> ImportResult:
    """Call danvan_import_text_result / _file_result with `args` after (out, ds) and before
    the options, and wrap the outcome."""
    from .dataset import Dataset

    fn = _lib.require(symbol, feature)
    if dataset is not None and not isinstance(dataset, Dataset):
        raise FieldTypeError(f"dataset must be a danvan.Dataset, not {type(dataset).__name__}")
    opts = _Options(feature, id, report_chrome)
    owns = dataset is None
    try:
        ds = Dataset() if dataset is None else dataset
        try:
            out = c_void_p()
            rc = fn(byref(out), ds._handle(), *args, opts.ptr)
            error = last_error(rc) if rc < 0 else None  # read the record before other calls
            res = out.value
            findings: List[ImportFinding] = []
            entity_ptr: Optional[int] = None
            if res:  # also set after a partial import that ran out of memory
                try:
                    findings = _findings(res)
                    entity_ptr = C.danvan_import_result_entity(res)
                finally:
                    C.danvan_import_result_free(res)
            if error is not None:
                raise error
            entity = ds._wrap(entity_ptr)
            if entity is None:  # the library promises an entity on success
                raise InvalidArgumentError(f"{feature}: the import gave no plan or report")
            return ImportResult(ds, entity, findings, owns)
        except BaseException:
            if owns:
                ds.close()
            raise
    finally:
        opts.close()


def import_text(text: TextLike, *, dataset: Optional["Dataset"] = None,
                name: Optional[Union[str, "os.PathLike[str]"]] = None, id: Optional[str] = None,
                report_chrome: Optional[bool] = None) -> ImportResult:
    """Import the text of a plan or report.

    text: the document, as str (any normalisation form: NFC and NFD give the same dataset)
        or as UTF-8 bytes. Bytes that are not UTF-8 are replaced by U+FFFD and reported as an
        "encoding" warning, not raised. Markdown and HTML leftovers, CRLF line ends, no-break
        spaces, website text around the document and flattened two-column headers are fine.
    dataset: the dataset to import into; a new one when None (then the result owns it).
    name: the name of the input, used as the entities' file ("<memory>" when None).
    id: the id of the new plan or report (an XML NCName); by default it is made from the
        document (its symbol, phase and year, such as "bcd-tan-phong-2024-2").
    report_chrome: False to drop text before and after the document silently instead of
        reporting each line as a "chrome" finding (the default, True).

    Raises ParseError when the text holds no document, LimitError beyond 64 MiB,
    InvalidArgumentError for a bad id, FieldTypeError for a text that is not str or bytes,
    ClosedError for a closed dataset, FeatureUnavailableError when the loaded libdanvan has
    no importer.
    """
    raw = _text(text)
    return _run("danvan.import_text()", "danvan_import_text_result", dataset, id, report_chrome,
                raw, len(raw), _name(name))


def import_file(path: PathLike, *, dataset: Optional["Dataset"] = None, id: Optional[str] = None,
                report_chrome: Optional[bool] = None) -> ImportResult:
    """Import a text file holding a plan or report; see :func:`import_text`.

    The path is the entities' file name. Raises InputOutputError (an OSError) when the file
    cannot be read, and otherwise what import_text() raises.
    """
    return _run("danvan.import_file()", "danvan_import_file_result", dataset, id, report_chrome,
                _path(path))


__all__ = ["import_text", "import_file", "ImportResult", "ImportFinding", "IMPORT_INFO",
           "IMPORT_WARNING"]
