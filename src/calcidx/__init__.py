"""CalciDx: cited, explainable assessment of calcinosis cutis.

Public surface::

    from calcidx import extract, assess
    from calcidx import Case, Document, AssessedDocument, AssessOptions

``extract(text) -> Document`` reads a case report or note; ``assess(x) -> AssessedDocument`` takes a
``Case``, a ``Document`` or a text. Files, bytes and other formats go through ``calcidx.service``.
Heavy parts (spaCy, the HPO) load on first use, once per process (``calcidx.runtime``).

``calcidx.extract`` and ``calcidx.assess`` are the subpackages (``calcidx.assess.api`` etc. resolve
as usual) and are also callable: calling either runs the function of ``calcidx.public`` with that name.
So the package is never shadowed by the function, and ``from calcidx import assess; assess(case)``
keeps working.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "AssessOptions",
    "AssessedDocument",
    "CalcidxError",
    "Case",
    "Document",
    "InputError",
    "KnowledgeError",
    "LoadedInput",
    "PipelineStamp",
    "Runtime",
    "RuntimeSpec",
    "__version__",
    "assess",
    "extract",
]

from calcidx.errors import CalcidxError, InputError, KnowledgeError

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.assess.options import AssessOptions
    from calcidx.case.model import Case, Document, PipelineStamp
    from calcidx.public import assess, extract
    from calcidx.runtime import Runtime, RuntimeSpec
    from calcidx.service.core import LoadedInput
else:

    class _CallablePackage(types.ModuleType):
        """A subpackage that can also be called: ``calcidx.assess(x)`` runs ``calcidx.public.assess``."""

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            from calcidx import public

            return getattr(public, self.__name__.rsplit(".", 1)[1])(*args, **kwargs)

    import calcidx.assess as assess
    import calcidx.extract as extract

    assess.__class__ = _CallablePackage
    extract.__class__ = _CallablePackage

    _LAZY = {
        "AssessedDocument": "calcidx.assess.model",
        "AssessOptions": "calcidx.assess.options",
        "Case": "calcidx.case.model",
        "Document": "calcidx.case.model",
        "PipelineStamp": "calcidx.case.model",
        "Runtime": "calcidx.runtime",
        "RuntimeSpec": "calcidx.runtime",
        "LoadedInput": "calcidx.service.core",
    }

    def __getattr__(name: str) -> Any:
        if name in _LAZY:
            return getattr(importlib.import_module(_LAZY[name]), name)
        raise AttributeError(f"module 'calcidx' has no attribute {name!r}")
