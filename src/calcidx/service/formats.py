"""The one input-format dispatcher: which format a piece of input is, and which reader reads it.

Reports (PDF, HTML, PubMed/PMC XML, text) are read by ``calcidx.extract.readers``. JSON inputs are
told apart by the ``JSON_FORMATS`` table, first match wins: each entry has a ``detect`` test on the
parsed object and a ``reader`` named by import path (so a higher room such as ``calcidx.interop``
adds its format with one entry and is imported only when such an input arrives). To add one::

    JsonFormat("fhir_bundle", is_fhir_bundle, "calcidx.interop.fhir_in:read_bundle"),

where ``read_bundle(raw: dict, *, where: str, runtime: Runtime) -> Case | Document``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from calcidx.case.io import check_case, describe_validation_error
from calcidx.case.model import Case, Document
from calcidx.errors import InputError

if TYPE_CHECKING:
    from calcidx.runtime import Runtime

__all__ = [
    "JSON_FORMATS",
    "MEDIA_TYPES",
    "REPORT_FORMATS",
    "JsonFormat",
    "JsonReader",
    "detect_format",
    "json_format_of",
    "register_json_format",
]

#: Report formats the readers turn into text.
REPORT_FORMATS = ("text", "pdf", "html", "xml")
ALLOWED = "Case JSON, text, Markdown, PDF, HTML, PubMed/PMC XML"

#: Media type (without parameters) -> format.
MEDIA_TYPES: Mapping[str, str] = {
    "application/json": "json",
    "application/fhir+json": "json",
    "application/pdf": "pdf",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "text",
    "text/markdown": "text",
}

_SUFFIXES: Mapping[str, str] = {
    ".json": "json",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "xml",
    ".nxml": "xml",
    ".txt": "text",
    ".md": "text",
    ".text": "text",
}

JsonReader = Callable[..., "Case | Document"]


@dataclass(frozen=True, slots=True)
class JsonFormat:
    """One kind of JSON input: a name, a test on the parsed object, and its reader.

    Attributes:
        name: the format recorded on the output (``case``, ``document``, ``fhir_bundle``, ...).
        detect: True when the parsed top-level object is of this kind.
        reader: ``"module:function"`` (imported on first use) or a callable; it is called as
            ``reader(raw, where=..., runtime=...)`` and returns a ``Case`` or a ``Document``.
    """

    name: str
    detect: Callable[[Mapping[str, Any]], bool]
    reader: str | JsonReader

    def read(self, raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Case | Document:
        """Run the reader (importing it first when named by path)."""
        reader = self.reader
        if isinstance(reader, str):
            module, _, attr = reader.partition(":")
            reader = getattr(importlib.import_module(module), attr)
        result = reader(raw, where=where, runtime=runtime)
        if not isinstance(result, Case | Document):
            raise TypeError(f"JSON reader {self.name!r} returned {type(result).__name__}, not a Case or Document")
        return result


def _validated(model: type[Case] | type[Document], raw: Mapping[str, Any], where: str) -> Case | Document:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, where)) from exc


def read_case(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Case:
    """A Case JSON, checked like a form: known analytes, units that can express them."""
    case = _validated(Case, raw, where)
    assert isinstance(case, Case)
    check_case(case, runtime.bundle, where=where)
    return case


def read_document(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Document:
    """A Document JSON (``calcidx extract`` output), each case checked like a Case JSON."""
    document = _validated(Document, raw, where)
    assert isinstance(document, Document)
    for index, case in enumerate(document.cases):
        check_case(case, runtime.bundle, where=f"{where}: cases[{index}]")
    return document


def _unsupported_fhir(raw: Mapping[str, Any], *, where: str, runtime: Runtime) -> Case:
    raise InputError(
        f"{where}: FHIR resources ({raw.get('resourceType')}) are not read by this installation; give a Case "
        "JSON (see `calcidx schema case`) or a text/PDF/HTML report"
    )


#: First match wins. Interop inserts its FHIR Bundle and Phenopacket entries before "fhir_unsupported".
JSON_FORMATS: list[JsonFormat] = [
    JsonFormat("document", lambda raw: "cases" in raw and "resourceType" not in raw, read_document),
    JsonFormat("fhir_unsupported", lambda raw: "resourceType" in raw, _unsupported_fhir),
    JsonFormat("case", lambda raw: True, read_case),
]


def register_json_format(fmt: JsonFormat) -> None:
    """Add (or replace, by name) a JSON format; it is tried before the built-in ones."""
    JSON_FORMATS[:] = [fmt, *(f for f in JSON_FORMATS if f.name != fmt.name)]


def json_format_of(raw: Mapping[str, Any]) -> JsonFormat:
    """The first entry of ``JSON_FORMATS`` whose ``detect`` accepts ``raw``."""
    for fmt in JSON_FORMATS:
        if fmt.detect(raw):
            return fmt
    raise InputError(f"the JSON object is none of: {', '.join(f.name for f in JSON_FORMATS)}")  # pragma: no cover


# a JSON array opens on a value ("[{", "[1", "[]", '["'); a page copied from the web may open on a
# bracketed banner ("[Skip to Navigation]", "[HTML Abstract]"): that is text, not bad JSON
_JSON_ARRAY_START = re.compile(rb"\[\s*(?:[{\[\]\"\-0-9]|true\b|false\b|null\b)")


def detect_format(data: bytes, media_type: str | None = None, filename: str | None = None) -> str:
    """``json``, ``pdf``, ``html``, ``xml`` or ``text``: the media type if given, else the content,
    else the file name's suffix.

    Raises:
        InputError: an unknown media type.
    """
    if media_type:
        base = media_type.split(";", 1)[0].strip().lower()
        if base not in MEDIA_TYPES:
            raise InputError(f"media type {media_type!r} is not read; allowed: {', '.join(sorted(MEDIA_TYPES))}")
        return MEDIA_TYPES[base]
    suffix = ""
    if filename and "." in filename:
        suffix = "." + filename.rsplit(".", 1)[1].lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{") or (head.startswith(b"[") and _JSON_ARRAY_START.match(head) is not None):
        return "json"
    if head.startswith(b"<?xml") or head.startswith(b"<pubmedarticle") or head.startswith(b"<!doctype article"):
        return "html" if b"<html" in head else "xml"
    if head.startswith((b"<article", b"<pmc-articleset")):
        return "xml"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    found = _SUFFIXES.get(suffix)
    if found == "json":
        return "json"  # a .json file that does not start with { is reported as bad JSON, not read as text
    if found in (None, "text"):
        from calcidx.extract.readers import html_fragment  # here only: a case JSON never loads the reader

        if html_fragment(head):  # a page's fragment pasted or saved as text
            return "html"
    return found or "text"
