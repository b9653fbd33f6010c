"""The registry's one door to the service and the runtime.

Everything the registry needs from the rest of CalciDx passes through this module, on to
``calcidx.service`` and ``calcidx.runtime``: the document id (sha256 of the original bytes), the
pipeline stamp (code version, extractor rules hash, knowledge version, HPO release), building the
runtime once per worker from its picklable spec, reading a document's text (what the pre-filter and
duplicate detection look at) and assessing that reading.
"""

from __future__ import annotations

import functools
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcidx.case.model import PipelineStamp
    from calcidx.runtime import RuntimeSpec
    from calcidx.service import AssessedDocument, ReadResult

__all__ = ["analyse", "document_id", "init_worker", "pipeline_stamp", "read", "stamp_text"]

#: Text-like suffixes whose bytes are read as text whatever they start with.
_TEXT_SUFFIXES = (".txt", ".md")


def document_id(data: bytes) -> str:
    """The registry key of a document: sha256 (hex) of its original bytes.

    The same value as ``calcidx.service.document_id`` (a test checks it), computed here so that the
    writer, which streams and hashes millions of articles, never imports the reading pipeline.
    """
    return hashlib.sha256(data).hexdigest()


def stamp_text(stamp: PipelineStamp) -> str:
    """A ``PipelineStamp`` as the one string the registry stores and compares."""
    return f"calcidx-{stamp.calcidx_version}+rules.{stamp.extractor_rules}+{stamp.knowledge}+hpo.{stamp.hpo_release}"


@functools.cache
def pipeline_stamp() -> str:
    """The stamp a runtime built here would carry, without building it (the writer needs no spaCy).

    It is computed exactly as ``Runtime.build`` computes it; each worker's result is checked
    against it (``worker.process``).
    """
    from calcidx.runtime import expected_stamp

    return stamp_text(expected_stamp())


def init_worker(spec: RuntimeSpec | None = None) -> None:
    """Build this process's runtime once, before its first document (pool initializer, Dask plugin)."""
    from calcidx.runtime import RuntimeSpec
    from calcidx.runtime import init_worker as runtime_init_worker

    runtime_init_worker(spec or RuntimeSpec())


def _media_type(suffix: str) -> str | None:
    return "text/plain" if suffix in _TEXT_SUFFIXES else None


def read(data: bytes, *, name: str, suffix: str) -> ReadResult:
    """The text of one document, read by the format the service decides.

    Raises:
        InputError: the document cannot be read (empty, binary, no text layer, bad markup).
    """
    from calcidx.service import read_text

    return read_text(data, _media_type(suffix), filename=name if name.endswith(suffix) else f"{name}{suffix}")


def analyse(data: bytes, read: ReadResult, *, name: str, suffix: str) -> AssessedDocument:
    """Extract and assess one document whose text ``read`` already holds, through the service (its
    id and stamp on the result): the bytes are not read a second time.

    Raises:
        InputError: the document is empty or too large, or is a JSON document rather than a report.
    """
    from calcidx.errors import InputError
    from calcidx.service import assess_read

    filename = name if name.endswith(suffix) else f"{name}{suffix}"
    assessed = assess_read(data, read, filename=filename)
    if assessed.document.format in (None, "case", "document"):
        raise InputError(f"{name}: a JSON case or document, not a report to ingest")
    return assessed
