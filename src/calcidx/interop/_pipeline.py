"""The one place where interop reaches the pipeline (assess, the knowledge bundle, the stamp).

Everything else in ``calcidx.interop`` calls these functions, so moving onto the runtime service
(``calcidx.service``) is a change here only.
"""

from __future__ import annotations

from calcidx.assess.api import assess
from calcidx.assess.model import AssessedCase, AssessedDocument, KnowledgeStamp
from calcidx.case.model import Case, Document
from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["assessed_cases", "assessed_document", "knowledge_bundle", "pipeline_stamp"]


def knowledge_bundle() -> KnowledgeBundle:
    """The shipped knowledge bundle."""
    return load_bundle()


def assessed_document(x: Case | Document | AssessedCase | AssessedDocument) -> AssessedDocument:
    """``x`` assessed (assessed inputs are returned as they are, never re-assessed)."""
    if isinstance(x, AssessedDocument):
        return x
    if isinstance(x, AssessedCase):
        return AssessedDocument(cases=[x], knowledge=x.assessment.knowledge)
    return assess(x, bundle=knowledge_bundle())


def assessed_cases(x: Case | Document | AssessedCase | AssessedDocument) -> list[AssessedCase]:
    """Every assessed case of ``x``."""
    return list(assessed_document(x).cases)


def pipeline_stamp(stamp: KnowledgeStamp) -> str:
    """One line naming what produced an output: CalciDx, knowledge bundle and HPO release."""
    return f"calcidx {stamp.calcidx_version}; knowledge {stamp.bundle} {stamp.bundle_version}; HPO {stamp.hpo_release}"
