"""CalciDx: cited, explainable assessment of calcinosis cutis.

Public surface::

    from calcidx import extract, assess

``extract(text) -> Document`` reads a case report or note; ``assess(x) -> AssessedDocument`` takes a
``Case``, a ``Document`` or a text. Heavy parts (spaCy, the HPO) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CalcidxError", "InputError", "KnowledgeError", "__version__", "assess", "extract"]

# The subpackages ``calcidx.assess`` and ``calcidx.extract`` share their names with the public
# functions below. Importing them first (their __init__ is empty, so this is cheap) binds the
# package attributes now; the functions defined afterwards then keep the names for good, and later
# imports of their submodules do not rebind them.
import calcidx.assess as _assess_package  # noqa: F401
import calcidx.extract as _extract_package  # noqa: F401
from calcidx.errors import CalcidxError, InputError, KnowledgeError

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.case.model import Case, Document


def extract(text: str) -> Document:
    """Read a case report or clinical note into a ``Document`` of one ``Case`` per patient."""
    from calcidx.extract.pipeline import extract as _extract

    return _extract(text)


def assess(x: Case | Document | str, **options: Any) -> AssessedDocument:
    """Assess a ``Case``, every case of a ``Document``, or a text (extracted first)."""
    from calcidx.assess.api import assess as _assess

    return _assess(x, **options)
