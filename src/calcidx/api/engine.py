"""The one door from the web application to the library (the adapter to the service layer).

Every route reads input with ``Engine.load`` and runs ``Engine.assess`` / ``Engine.extract``; no
route holds input or pipeline logic of its own. The engine is built once in the app's lifespan,
warmed before the first request, and handed out by ``deps.EngineDep``. When ``calcidx.service``
and ``calcidx.runtime`` exist, this module is the only one that changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from calcidx.assess.model import AssessedDocument
from calcidx.case.model import Case, Document
from calcidx.errors import InputError
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["Engine", "Loaded", "TooLarge", "UnsupportedMedia"]

Mode = Literal["assess", "extract"]

#: Media types the JSON API reads (the OpenAPI document lists the same).
TEXT_TYPES = ("text/plain", "text/markdown")
JSON_TYPES = ("application/json",)
FHIR_TYPES = ("application/fhir+json",)


class TooLarge(InputError):
    """The input is above a size limit (the API answers 413)."""


class UnsupportedMedia(InputError):
    """The media type is not one this endpoint reads (the API answers 415)."""


@dataclass
class Loaded:
    """An input ready for the library: a report text (offsets point into ``text``) or a case."""

    text: str | None = None
    target: Case | Document | None = None
    format: str = "text"
    warnings: list[str] = field(default_factory=list)
    source: str | None = None

    @property
    def size(self) -> int:
        """Characters of text (0 for a structured case); for logs, never the text itself."""
        return len(self.text) if self.text is not None else 0


def _normalise(text: str) -> str:
    # Browsers send form text with CRLF line ends; evidence offsets must point into the text shown.
    return text.replace("\r\n", "\n").replace("\r", "\n")


class Engine:
    """Loads inputs and runs the library, with the knowledge bundle loaded once.

    Args:
        max_text_chars: largest report text accepted (``TooLarge`` above it).
    """

    def __init__(self, *, max_text_chars: int) -> None:
        from calcidx.knowledge.loader import load_bundle

        self.max_text_chars = max_text_chars
        self.bundle: KnowledgeBundle = load_bundle()

    def warm(self) -> None:
        """Pay every one-off cost (spaCy pipeline, HPO index, unit registry) before the first request."""
        from calcidx.assess.api import assess

        assess(
            "A 52-year-old woman with limited systemic sclerosis had firm white nodules on the fingertips. "
            "Serum calcium 2.3 mmol/L and phosphate 1.1 mmol/L were normal. She denied vitamin D supplements.",
            bundle=self.bundle,
        )

    def stamp(self) -> dict[str, str]:
        """What produced an output: CalciDx version, knowledge bundle and HPO release."""
        from calcidx.assess.api import knowledge_stamp

        stamp = knowledge_stamp(self.bundle)
        return {
            "calcidx": stamp.calcidx_version,
            "knowledge": f"{stamp.bundle} {stamp.bundle_version}",
            "hpo": stamp.hpo_release,
            "pipeline": f"calcidx {stamp.calcidx_version}; {stamp.bundle} {stamp.bundle_version}; "
            f"HPO {stamp.hpo_release}",
        }

    # ------------------------------------------------------------------------------ loading
    def check_text(self, text: str, where: str) -> str:
        """The text with normalised line ends; ``InputError``/``TooLarge`` when empty or too long."""
        text = _normalise(text)
        if not text.strip():
            raise InputError(f"{where}: the text is empty; paste or upload a case report or clinical note")
        if len(text) > self.max_text_chars:
            raise TooLarge(
                f"{where}: {len(text):,} characters is above the limit of {self.max_text_chars:,}; "
                "send one report at a time"
            )
        return text

    def load_text(self, text: str, *, where: str = "text") -> Loaded:
        """A pasted report."""
        return Loaded(text=self.check_text(text, where), format="text")

    def load_file(self, data: bytes, *, filename: str) -> Loaded:
        """An uploaded report (.txt, .md, .pdf, .html, PubMed/PMC .xml)."""
        from pathlib import PurePath

        from calcidx.extract.readers import read_bytes

        result = read_bytes(data, name=PurePath(filename).name or "upload", suffix=PurePath(filename).suffix)
        text = self.check_text(result.text, PurePath(filename).name)
        return Loaded(text=text, format=result.format, warnings=list(result.warnings), source=result.source)

    def load_body(self, data: bytes, media_type: str, *, mode: Mode) -> Loaded:
        """A request body of the JSON API, dispatched on its media type.

        Raises:
            UnsupportedMedia: a media type this endpoint does not read.
            InputError: the body is not valid for its media type.
        """
        if media_type in TEXT_TYPES:
            return self.load_text(_decode(data), where="body")
        if media_type in FHIR_TYPES:
            raise UnsupportedMedia(
                "application/fhir+json: FHIR Bundles are not read by this server yet; "
                "send a Case as application/json or the report as text/plain"
            )
        if media_type in JSON_TYPES:
            return self._load_json(data, mode=mode)
        allowed = ", ".join((*TEXT_TYPES, *JSON_TYPES))
        raise UnsupportedMedia(f"media type {media_type or '(none)'!r} is not read here; allowed: {allowed}")

    def _load_json(self, data: bytes, *, mode: Mode) -> Loaded:
        from calcidx.case.io import check_case, load_json_input

        raw_text = _decode(data)
        try:
            raw: Any = json.loads(raw_text)
        except json.JSONDecodeError as exc:
            raise InputError(f"body: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
        if isinstance(raw, dict) and set(raw) == {"text"}:
            if not isinstance(raw["text"], str):
                raise InputError(f"body: text: expected a string, got {type(raw['text']).__name__}")
            return self.load_text(raw["text"], where="body: text")
        if mode == "extract":
            raise InputError('body: expected {"text": "..."} (a report to extract), not a Case')
        target = load_json_input(raw_text, "body")
        cases = [target] if isinstance(target, Case) else target.cases
        for index, case in enumerate(cases):
            check_case(case, self.bundle, where="body" if isinstance(target, Case) else f"body: cases[{index}]")
        return Loaded(target=target, format="json")

    # ------------------------------------------------------------------------------ running
    def assess(self, loaded: Loaded) -> AssessedDocument:
        """Assess a loaded input (extracting a text first)."""
        from calcidx.assess.api import assess

        if loaded.text is not None:
            document = self.extract(loaded)
            return assess(document, bundle=self.bundle)
        assert loaded.target is not None
        return assess(loaded.target, bundle=self.bundle)

    def extract(self, loaded: Loaded) -> Document:
        """Read a loaded text into a ``Document``."""
        from calcidx.extract.pipeline import extract

        if loaded.text is None:
            raise InputError("extract reads a report text, not a Case")
        document = extract(loaded.text)
        document.document.format = loaded.format
        if loaded.source:
            document.document.source = loaded.source
        document.warnings.extend(loaded.warnings)
        return document

    def assess_case(self, case: Case) -> AssessedDocument:
        """Assess a case typed into the findings form (checked like a Case JSON)."""
        from calcidx.assess.api import assess
        from calcidx.case.io import check_case

        check_case(case, self.bundle, where="form")
        return assess(case, bundle=self.bundle)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"body: not valid UTF-8 (first bad byte at offset {exc.start}); send UTF-8 text") from exc
