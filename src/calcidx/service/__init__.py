"""The one service every door calls (CLI, web, CDS Hooks, registry, evaluation).

``load_input`` is the single input-format dispatcher (Case JSON, text, PDF, HTML, PubMed/PMC XML;
more JSON formats through ``calcidx.service.formats.JSON_FORMATS``). ``assess_input`` and
``extract_input`` read and then assess or extract; ``extract_many`` batches texts over
``nlp.pipe``. Every output carries its document id (sha256 of the original bytes) and the
``pipeline_stamp``. Inputs are bounded by ``read_source`` and the settings' limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from calcidx.assess.model import AssessedDocument
from calcidx.assess.options import AssessOptions
from calcidx.errors import InputError
from calcidx.service.core import (
    LoadedInput,
    Mode,
    assess_document,
    assess_input,
    assess_object,
    assess_read,
    document_id,
    extract_input,
    extract_many,
    load_input,
    pipeline_stamp,
    read_text,
)
from calcidx.service.formats import JSON_FORMATS, JsonFormat, register_json_format
from calcidx.service.front import Source, parse_json, read_source

if TYPE_CHECKING:
    from calcidx.extract.readers import ReadResult

__all__ = [
    "JSON_FORMATS",
    "AssessOptions",
    "AssessedDocument",
    "InputError",
    "JsonFormat",
    "LoadedInput",
    "Mode",
    "ReadResult",
    "Source",
    "assess_document",
    "assess_input",
    "assess_object",
    "assess_read",
    "document_id",
    "extract_input",
    "extract_many",
    "load_input",
    "parse_json",
    "pipeline_stamp",
    "read_source",
    "read_text",
    "register_json_format",
]


def __getattr__(name: str) -> Any:
    # The readers load with the first report, not with the service (a Case JSON never needs them).
    if name == "ReadResult":
        from calcidx.extract.readers import ReadResult

        return ReadResult
    raise AttributeError(f"module 'calcidx.service' has no attribute {name!r}")
