"""The one place where interop reaches the pipeline: the runtime's knowledge bundle, the service's
assessment and its pipeline stamp. Everything else in ``calcidx.interop`` calls these functions.
"""

from __future__ import annotations

from calcidx.assess.model import AssessedCase, AssessedDocument
from calcidx.case.model import Case, Document, PipelineStamp
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["assessed_cases", "assessed_document", "knowledge_bundle", "pipeline_stamp", "stamp_text"]


def knowledge_bundle() -> KnowledgeBundle:
    """The knowledge bundle of the process runtime."""
    from calcidx.runtime import get_runtime

    return get_runtime().bundle


def assessed_document(x: Case | Document | AssessedCase | AssessedDocument) -> AssessedDocument:
    """``x`` assessed by the service (assessed inputs are returned as they are, never re-assessed).

    Raises:
        InputError: a lab with an unknown analyte or unit (the service's checks).
    """
    if isinstance(x, AssessedDocument):
        return x
    if isinstance(x, AssessedCase):
        return AssessedDocument(cases=[x], knowledge=x.assessment.knowledge)
    from calcidx.service import assess_object

    return assess_object(x)


def assessed_cases(x: Case | Document | AssessedCase | AssessedDocument) -> list[AssessedCase]:
    """Every assessed case of ``x``."""
    return list(assessed_document(x).cases)


def pipeline_stamp(document: AssessedDocument) -> PipelineStamp:
    """The stamp of what produced ``document`` (the runtime's when the document carries none)."""
    if document.pipeline is not None:
        return document.pipeline
    from calcidx.service import pipeline_stamp as current

    return current()


def stamp_text(stamp: PipelineStamp) -> str:
    """One line naming what produced an output: CalciDx, extractor rules, knowledge and HPO release."""
    return (
        f"calcidx {stamp.calcidx_version}; extractor rules {stamp.extractor_rules}; "
        f"knowledge {stamp.knowledge}; HPO {stamp.hpo_release}"
    )
