"""The public functions ``extract`` and ``assess`` (``from calcidx import extract, assess``).

Both go through ``calcidx.service`` with the process-wide runtime, so the library checks input the
same way as the command line and the web app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.assess.options import AssessOptions
    from calcidx.case.model import Case, Document
    from calcidx.runtime import Runtime
    from calcidx.service.core import Mode

__all__ = ["assess", "extract"]


def extract(text: str, *, mode: Mode = "auto", runtime: Runtime | None = None) -> Document:
    """Read a case report or clinical note into a ``Document`` of one ``Case`` per patient.

    Args:
        text: the text (evidence offsets refer to it); read files with ``calcidx.service.load_input``.
        mode: ``note`` reads the whole text as one patient.
        runtime: the runtime to use; the process-wide one when None.

    Raises:
        InputError: not a str, empty, or too long.
    """
    from calcidx.errors import InputError
    from calcidx.service import extract_input

    if not isinstance(text, str):
        raise InputError(f"extract() takes a str, not {type(text).__name__}; read files with calcidx.service")
    return extract_input(text, "text/plain", mode=mode, runtime=runtime)


def assess(
    x: Case | Document | str,
    *,
    options: AssessOptions | None = None,
    runtime: Runtime | None = None,
) -> AssessedDocument:
    """Assess a ``Case``, every case of a ``Document``, or a text (extracted first).

    Raises:
        InputError: a lab with an unknown analyte or unit, an empty text, or ``x`` of another type.
    """
    from calcidx.service import assess_object

    return assess_object(x, options=options, runtime=runtime)
