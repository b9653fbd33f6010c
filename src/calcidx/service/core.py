"""The service every door calls: read an input once, extract, assess, identify and stamp."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from calcidx.assess.api import assess as _assess_document
from calcidx.assess.model import AssessedDocument
from calcidx.assess.options import AssessOptions
from calcidx.case.model import Case, Document, DocumentInfo, PipelineStamp
from calcidx.errors import InputError
from calcidx.runtime import Runtime, get_runtime
from calcidx.service.formats import detect_format, json_format_of
from calcidx.service.front import parse_json

if TYPE_CHECKING:
    from calcidx.extract.readers import ReadResult

__all__ = [
    "LoadedInput",
    "Mode",
    "assess_document",
    "assess_input",
    "assess_object",
    "assess_read",
    "document_id",
    "extract_input",
    "extract_many",
    "load_input",
    "pipeline_stamp",
    "read_text",
]

Mode = Literal["auto", "note", "article"]
_MODES = ("auto", "note", "article")


class LoadedInput(BaseModel):
    """An input after reading: its format, its id and either a ``case`` or a ``document``.

    Attributes:
        format: ``case``, ``document`` (or a registered JSON format such as ``fhir_bundle``) for
            JSON; ``text``, ``pdf``, ``html`` or ``xml`` for reports (extracted into ``document``).
        doc_id: sha256 (hex) of the original bytes (a ``str`` is hashed as UTF-8).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str
    doc_id: str
    filename: str | None = None
    mode: Mode = "auto"
    case: Case | None = None
    document: Document | None = None

    @model_validator(mode="after")
    def _one_of(self) -> LoadedInput:
        if (self.case is None) == (self.document is None):
            raise ValueError("a LoadedInput holds exactly one of case and document")
        return self

    def as_document(self) -> Document:
        """The input as a ``Document`` (a single case becomes a one-case document)."""
        if self.document is not None:
            return self.document
        assert self.case is not None
        return Document(
            document=DocumentInfo(kind="other", format=self.format, source=self.filename), cases=[self.case]
        )


def document_id(data: bytes | str) -> str:
    """sha256 (hex) of the original bytes; a ``str`` is hashed as its UTF-8 encoding."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def pipeline_stamp(runtime: Runtime | None = None) -> PipelineStamp:
    """calcidx version, extractor rules hash, knowledge version and HPO release of ``runtime``."""
    return (runtime or get_runtime()).stamp


def read_text(data: bytes, media_type: str | None = None, *, filename: str | None = None) -> ReadResult:
    """The text of a report (text, PDF, HTML, PubMed/PMC XML) in the format ``load_input`` would decide.

    For callers that need the text before extraction (the registry's pre-filter and duplicate check).

    Raises:
        InputError: the document cannot be read (empty, binary, no text layer, bad markup).
    """
    fmt = detect_format(data, media_type, filename)
    from calcidx.extract.readers import read_bytes

    return read_bytes(data, name=filename or "input", format=fmt)


def _limits() -> tuple[int, int]:
    from calcidx.settings import current_settings

    settings = current_settings()
    return settings.max_input_bytes, settings.max_json_depth


def _stamped_case(case: Case, doc_id: str, index: int) -> Case:
    if case.case_id:
        return case
    return case.model_copy(update={"case_id": f"{doc_id[:16]}-{index}"})


def _stamped(document: Document, doc_id: str, runtime: Runtime) -> Document:
    cases = [_stamped_case(case, doc_id, case.patient_index or i) for i, case in enumerate(document.cases, 1)]
    return document.model_copy(update={"cases": cases, "doc_id": doc_id, "pipeline": runtime.stamp})


def load_input(
    data: bytes | str,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    mode: Mode = "auto",
    runtime: Runtime | None = None,
) -> LoadedInput:
    """Read any input once: decide its format (the only place that does), then parse or extract it.

    Args:
        data: the original bytes (or text) of a Case JSON, a text, PDF, HTML or PubMed/PMC XML report.
        media_type: the declared media type (``application/pdf``, ``text/plain``, ...); when None the
            format is recognised from the content, then from ``filename``'s suffix.
        filename: where the input came from (reported in messages and provenance).
        mode: ``note`` reads a text as one patient; ``article`` and ``auto`` find the patients.
        runtime: the runtime to use; the process-wide one when None.

    Returns:
        The format, the document id and the ``case`` (Case JSON) or ``document`` (anything else).

    Raises:
        InputError: too large, empty, of an unknown media type, malformed, or not a valid Case.
    """
    rt = runtime or get_runtime()
    where = filename or "<input>"
    if mode not in _MODES:
        raise InputError(f"mode {mode!r} is not allowed; use one of: {', '.join(_MODES)}")
    raw = _checked_bytes(data, where)
    _max_bytes, max_depth = _limits()
    doc_id = document_id(raw)
    fmt = detect_format(raw, media_type, filename)
    if fmt == "json":
        parsed = parse_json(raw, where, max_depth=max_depth)
        if not isinstance(parsed, dict):
            raise InputError(f"{where}: expected a JSON object (a Case), got {type(parsed).__name__}")
        json_format = json_format_of(parsed)
        result = json_format.read(parsed, where=where, runtime=rt)
        if isinstance(result, Case):
            case = _stamped_case(result, doc_id, result.patient_index)
            return LoadedInput(format=json_format.name, doc_id=doc_id, filename=filename, mode=mode, case=case)
        # a Document JSON keeps the id of the report it was read from
        own_id = result.doc_id or doc_id
        return LoadedInput(
            format=json_format.name,
            doc_id=own_id,
            filename=filename,
            mode=mode,
            document=_stamped(result, own_id, rt),
        )
    from calcidx.extract.readers import read_bytes

    return _loaded_report(read_bytes(raw, name=where, format=fmt), doc_id, filename, mode, rt)


def _checked_bytes(data: bytes | str, where: str) -> bytes:
    if not isinstance(data, bytes | str):
        raise InputError(f"{where}: give bytes or a str, not {type(data).__name__}")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    max_bytes, _max_depth = _limits()
    if len(raw) > max_bytes:
        raise InputError(f"{where}: {len(raw):,} bytes is above the input limit of {max_bytes:,} bytes")
    if not raw.strip():
        raise InputError(f"{where}: the input is empty; give a Case JSON or a case report (text, PDF, HTML, XML)")
    return raw


def _loaded_report(read: ReadResult, doc_id: str, filename: str | None, mode: Mode, rt: Runtime) -> LoadedInput:
    """A report's text, as read, extracted into a stamped ``Document``."""
    from calcidx.extract.pipeline import extract as _extract

    document = _extract(read.text, nlp=rt.nlp, source=filename, format=read.format, title=read.title, mode=mode)
    info = document.document.model_copy(
        update={
            "doi": read.doi or document.document.doi,
            "pmid": read.pmid or document.document.pmid,
            "source": filename,
        }
    )
    document = document.model_copy(update={"document": info, "warnings": [*read.warnings, *document.warnings]})
    return LoadedInput(
        format=read.format, doc_id=doc_id, filename=filename, mode=mode, document=_stamped(document, doc_id, rt)
    )


def extract_input(
    data: bytes | str,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    mode: Mode = "auto",
    runtime: Runtime | None = None,
) -> Document:
    """``load_input`` as a ``Document`` (a Case JSON becomes a one-case document), id and stamp set."""
    rt = runtime or get_runtime()
    loaded = load_input(data, media_type, filename=filename, mode=mode, runtime=rt)
    document = loaded.as_document()
    return document.model_copy(update={"doc_id": loaded.doc_id, "pipeline": rt.stamp})


def assess_input(
    data: bytes | str,
    media_type: str | None = None,
    *,
    filename: str | None = None,
    mode: Mode = "auto",
    options: AssessOptions | None = None,
    runtime: Runtime | None = None,
) -> AssessedDocument:
    """Read any input (``load_input``) and assess every case in it; id and stamp on the result."""
    rt = runtime or get_runtime()
    loaded = load_input(data, media_type, filename=filename, mode=mode, runtime=rt)
    return _assess_loaded(loaded, options, rt)


def _assess_loaded(loaded: LoadedInput, options: AssessOptions | None, rt: Runtime) -> AssessedDocument:
    document = loaded.as_document().model_copy(update={"doc_id": loaded.doc_id, "pipeline": rt.stamp})
    if options is None:
        from calcidx.settings import current_settings

        options = AssessOptions(skip_inherited_differential=current_settings().skip_inherited_differential)
    return _assess_document(document, bundle=rt.bundle, options=options)


def assess_read(
    data: bytes | str,
    read: ReadResult,
    *,
    filename: str | None = None,
    mode: Mode = "auto",
    options: AssessOptions | None = None,
    runtime: Runtime | None = None,
) -> AssessedDocument:
    """``assess_input`` of a report whose text the caller already has from ``read_text(data, ...)``:
    the same result, without reading the bytes a second time (the registry reads each document
    first for its pre-filter and duplicate signature).

    Args:
        data: the original bytes (they give the document id and are checked against the limits).
        read: what ``read_text`` returned for ``data``.

    Raises:
        InputError: too large, empty, or a mode not allowed.
    """
    rt = runtime or get_runtime()
    where = filename or "<input>"
    if mode not in _MODES:
        raise InputError(f"mode {mode!r} is not allowed; use one of: {', '.join(_MODES)}")
    raw = _checked_bytes(data, where)
    return _assess_loaded(_loaded_report(read, document_id(raw), filename, mode, rt), options, rt)


def assess_document(
    document: Document,
    *,
    options: AssessOptions | None = None,
    runtime: Runtime | None = None,
) -> AssessedDocument:
    """Assess a ``Document`` the service already read (``load_input(...).as_document()``), as is.

    Its ``doc_id`` is kept; the pipeline stamp is set.
    """
    rt = runtime or get_runtime()
    if options is None:
        from calcidx.settings import current_settings

        options = AssessOptions(skip_inherited_differential=current_settings().skip_inherited_differential)
    return _assess_document(document.model_copy(update={"pipeline": rt.stamp}), bundle=rt.bundle, options=options)


def assess_object(
    x: Case | Document | str,
    *,
    options: AssessOptions | None = None,
    runtime: Runtime | None = None,
) -> AssessedDocument:
    """Assess a ``Case``, a ``Document`` or a text, with the same checks as a file input.

    A Case or Document is identified by the sha256 of its canonical JSON; a text by its UTF-8 bytes.

    Raises:
        InputError: a lab with an unknown analyte or unit, or ``x`` of another type.
    """
    rt = runtime or get_runtime()
    if isinstance(x, str):
        return assess_input(x, "text/plain", options=options, runtime=rt)
    if isinstance(x, Case | Document):
        return assess_input(x.model_dump_json(exclude_none=False), "application/json", options=options, runtime=rt)
    raise InputError(f"assess takes a Case, a Document or a text, not {type(x).__name__}")


def extract_many(
    texts: Iterable[str],
    *,
    runtime: Runtime | None = None,
    batch_size: int = 32,
) -> Iterator[Document]:
    """Extract many texts in batches over ``nlp.pipe``; each Document gets its id and the stamp.

    Raises:
        InputError: a text is empty, too long or not a string (the documents before it are yielded).
    """
    from calcidx.extract.pipeline import extract_batch

    rt = runtime or get_runtime()
    if batch_size < 1:
        raise InputError(f"batch_size must be at least 1, not {batch_size}")
    ids: list[str] = []

    def texts_with_ids() -> Iterator[str]:
        for text in texts:
            if not isinstance(text, str):
                raise InputError(f"extract_many takes texts (str), not {type(text).__name__}")
            ids.append(document_id(text))
            yield text

    documents = extract_batch(texts_with_ids(), nlp=rt.nlp, batch_size=batch_size)
    for index, document in enumerate(documents):
        info = document.document.model_copy(update={"format": "text"})
        yield _stamped(document.model_copy(update={"document": info}), ids[index], rt)
