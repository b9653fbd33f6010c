"""The one service every door calls (CLI, web, CDS Hooks, registry, evaluation).

``load_input`` is the single input-format dispatcher (Case JSON, text, PDF, HTML, PubMed/PMC XML;
more JSON formats through ``calcidx.service.formats.JSON_FORMATS``). ``assess_input`` and
``extract_input`` read and then assess or extract; ``extract_many`` batches texts over
``nlp.pipe``. Every output carries its document id (sha256 of the original bytes) and the
``pipeline_stamp``. Inputs are bounded by ``read_source`` and the settings' limits.
"""

from __future__ import annotations

from calcidx.assess.options import AssessOptions
from calcidx.errors import InputError
from calcidx.service.core import (
    LoadedInput,
    Mode,
    assess_document,
    assess_input,
    assess_object,
    document_id,
    extract_input,
    extract_many,
    load_input,
    pipeline_stamp,
)
from calcidx.service.formats import JSON_FORMATS, JsonFormat, register_json_format
from calcidx.service.front import Source, parse_json, read_source

__all__ = [
    "JSON_FORMATS",
    "AssessOptions",
    "InputError",
    "JsonFormat",
    "LoadedInput",
    "Mode",
    "Source",
    "assess_document",
    "assess_input",
    "assess_object",
    "document_id",
    "extract_input",
    "extract_many",
    "load_input",
    "parse_json",
    "pipeline_stamp",
    "read_source",
    "register_json_format",
]
