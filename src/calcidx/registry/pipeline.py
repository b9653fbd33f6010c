"""The registry's one door to the reading and assessing pipeline.

Everything the registry needs from the rest of CalciDx passes through this module: the document id
(sha256 of the original bytes), the pipeline stamp, building the pipeline once per worker, and
turning one document's bytes into an assessed document. When the service layer
(``calcidx.service`` / ``calcidx.runtime``) lands, only this module changes.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from typing import TYPE_CHECKING

from calcidx import __version__

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.extract.readers import ReadResult

__all__ = ["analyse", "document_id", "init_worker", "pipeline_stamp", "read"]


def document_id(data: bytes) -> str:
    """The registry key of a document: sha256 (hex) of its original bytes."""
    return hashlib.sha256(data).hexdigest()


@functools.cache
def pipeline_stamp() -> str:
    """A short stamp naming what produced a result: calcidx version + hash of every rule/knowledge file.

    Any change to an extractor rule file or a knowledge data file gives a new stamp; documents
    stored under another stamp are re-read by ``calcidx ingest --reprocess``.
    """
    digest = hashlib.sha256()
    for package in ("calcidx.extract", "calcidx.knowledge"):
        folder = resources.files(package) / "data"
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"calcidx-{__version__}+{digest.hexdigest()[:12]}"


def init_worker() -> None:
    """Build the pipeline once in this process (a pool initializer): bundle, spaCy pipeline, HPO."""
    from calcidx.assess.api import assess
    from calcidx.extract.pipeline import extract

    warm = (
        "Case report\n\nA 40-year-old woman had firm nodules on the fingers with calcinosis cutis. "
        "Serum calcium was 2.4 mmol/L."
    )
    assess(extract(warm))
    pipeline_stamp()


def read(data: bytes, *, name: str, suffix: str) -> ReadResult:
    """Read one document's original bytes into text with the project's readers.

    Args:
        data: the document's bytes (a text, PDF, HTML or XML file, or one PubMed article).
        name: where it came from, for messages and provenance.
        suffix: the file suffix that names its format (``.txt``, ``.pdf``, ``.html``, ``.xml``).

    Raises:
        InputError: the document cannot be read (empty, binary, no text layer, bad markup).
    """
    from calcidx.extract.readers import read_bytes

    return read_bytes(data, name=name, suffix=suffix)


def analyse(result: ReadResult) -> AssessedDocument:
    """Extract and assess a document already read (its reader metadata carried into provenance)."""
    from calcidx.assess.api import assess
    from calcidx.extract.pipeline import extract

    document = extract(result.text, source=result.source, format=result.format, title=result.title)
    info = document.document.model_copy(
        update={"doi": result.doi or document.document.doi, "pmid": result.pmid or document.document.pmid}
    )
    document = document.model_copy(update={"document": info, "warnings": [*result.warnings, *document.warnings]})
    return assess(document)
