"""The text of an uploaded report, for the page: read once, so highlights point into what is shown.

The page then hands this text (not the file) to the service, so the evidence offsets of the
assessment refer to exactly the text displayed beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from calcidx.errors import InputError

__all__ = ["UploadText", "read_upload_text"]


@dataclass(frozen=True)
class UploadText:
    text: str
    format: str
    warnings: list[str]


def read_upload_text(data: bytes, *, name: str) -> UploadText:
    """Read an uploaded .txt, .md, .pdf, .html or PubMed/PMC .xml file into text.

    Raises:
        InputError: a JSON file (a Case, not a report), or a file the readers refuse.
    """
    from calcidx.extract.readers import read_bytes
    from calcidx.service.formats import detect_format

    fmt = detect_format(data, None, name)
    if fmt == "json":
        raise InputError(f"{name}: a JSON file is a Case, not a report; use the JSON API or the findings form")
    result = read_bytes(data, name=name, format=fmt)
    return UploadText(text=result.text, format=result.format, warnings=list(result.warnings))
