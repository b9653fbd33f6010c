"""What a worker does with one document: read, pre-filter, extract, assess; never raises.

Runs in a local worker process (``ProcessPoolExecutor``) or on a Dask worker: the same function.
The result is plain data (picklable): the document's metadata and its cases already flattened
into table rows with their JSON encoded (``rows``), so the one writer in the main process only
inserts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from calcidx.errors import CalcidxError
from calcidx.registry.rows import CaseRows, case_rows
from calcidx.registry.sources import Item

__all__ = ["Result", "process", "process_batch"]


@dataclass(slots=True)
class Result:
    """The outcome of one document.

    Attributes:
        status: ``ok`` (``cases`` holds the rows of each assessed case), ``failed`` (``error``
            says why) or ``skipped`` (the pre-filter found no cutaneous-calcification term).
    """

    id: str
    location: str
    status: str
    stamp: str
    error: str | None = None
    cases: list[CaseRows] = field(default_factory=list)
    kind: str | None = None
    knowledge: str | None = None
    minhash: list[int] | None = None
    minhash_scheme: int | None = None
    characters: int = 0
    format: str | None = None
    title: str | None = None
    pmid: str | None = None
    doi: str | None = None
    year: int | None = None
    warnings: list[str] = field(default_factory=list)


def process(item: Item) -> Result:
    """Read, pre-filter (files), extract and assess one document; failures become a failed result."""
    from calcidx.registry import pipeline
    from calcidx.registry.minhash import SCHEME, signature
    from calcidx.registry.prefilter import default_prefilter

    base = Result(
        item.id,
        item.location,
        "failed",
        pipeline.pipeline_stamp(),
        pmid=item.pmid,
        doi=item.doi,
        title=item.title,
        year=item.year,
    )
    try:
        read = pipeline.read(item.data, name=item.location, suffix=item.suffix)
        base.characters = len(read.text)
        base.format = read.format
        base.title = base.title or read.title
        base.pmid = base.pmid or read.pmid
        base.doi = base.doi or read.doi
        if not item.checked and not default_prefilter()(read.text):
            base.status = "skipped"
            base.error = "no cutaneous-calcification term"
            return base
        assessed = pipeline.analyse(item.data, read, name=item.location, suffix=item.suffix)
        if assessed.pipeline is not None and pipeline.stamp_text(assessed.pipeline) != base.stamp:
            base.error = (
                f"the worker's pipeline {pipeline.stamp_text(assessed.pipeline)} is not the writer's {base.stamp}"
            )
            return base
        info = assessed.document
        base.title = base.title or info.title
        base.doi = base.doi or info.doi
        base.pmid = base.pmid or info.pmid
        base.kind = info.kind
        knowledge = assessed.knowledge
        base.knowledge = f"{knowledge.bundle}@{knowledge.bundle_version}"
        base.cases = [case_rows(item.id, case) for case in assessed.cases]
        base.minhash = signature(read.text)
        base.minhash_scheme = SCHEME
        base.warnings = list(assessed.warnings)
        base.status = "ok"
    except CalcidxError as exc:
        base.error = str(exc)
    except Exception as exc:  # one bad document never stops the run: record it and go on
        base.error = f"internal error: {type(exc).__name__}: {exc}"
    return base


def process_batch(items: Sequence[Item]) -> list[Result]:
    """``process`` each of ``items`` in turn: one task, one round trip, for a few documents."""
    return [process(item) for item in items]
