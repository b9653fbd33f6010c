"""The one door from the web application to the library: ``calcidx.service`` with one ``Runtime``.

Every route reads its input into a ``Loaded`` (sizes checked, nothing parsed yet) and runs
``Engine.assess`` / ``Engine.extract`` on the worker thread; the service does all reading and
format dispatch. The runtime is built once in the app's lifespan and handed out by
``deps.EngineDep``. The only reading done here is for the page: an uploaded file's text is read
once so that the highlighted evidence points into exactly the text shown.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from calcidx.errors import InputError

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.case.model import Case, Document
    from calcidx.knowledge.schema import KnowledgeBundle
    from calcidx.runtime import Runtime

__all__ = ["Engine", "Loaded", "Mode", "TooLarge", "UnsupportedMedia", "warm_runtime"]

Mode = Literal["auto", "note", "article"]

#: A short report assessed at start-up so that the first request pays no one-off cost.
_WARM_UP = (
    "A 52-year-old woman with limited systemic sclerosis had firm white nodules on the fingertips. "
    "Serum calcium 2.3 mmol/L and phosphate 1.1 mmol/L were normal. She denied vitamin D supplements."
)


class TooLarge(InputError):
    """The input is above a size limit (the API answers 413)."""


class UnsupportedMedia(InputError):
    """The media type is not one this endpoint reads (the API answers 415)."""


@dataclass
class Loaded:
    """An input ready for the service: the original bytes and how to read them.

    ``text`` is set for a report given as text (pasted, uploaded or in a JSON wrapper): evidence
    offsets point into it.
    """

    data: bytes
    media_type: str | None
    filename: str | None = None
    text: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Bytes of input; for logs, never the input itself."""
        return len(self.data)

    @property
    def format(self) -> str:
        """The media type without parameters, or how the file was named (for logs)."""
        return self.media_type or "file"


_Key = tuple[str, str | None, str | None, str]


@dataclass
class _Entry:
    """A cached assessment: the document the pages render and/or the JSON the API sends.

    The API caches the JSON only: one ``bytes`` object the garbage collector never walks, where a
    cached ``AssessedDocument`` is about 900 tracked objects and a full cache of them made every
    full collection walk a few hundred thousand more.
    """

    doc: AssessedDocument | None = None
    json: bytes | None = None


def _normalise(text: str) -> str:
    # Browsers send form text with CRLF line ends, and a pasted text may start with a byte-order
    # mark: evidence offsets must point into the text shown.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


class Engine:
    """The runtime and the limits every route shares.

    Args:
        max_text_chars: largest report text accepted (``TooLarge`` above it).
        runtime: the runtime to use; the process-wide one (built now if needed) when None.
    """

    def __init__(self, *, max_text_chars: int, cache_size: int = 0, runtime: Runtime | None = None) -> None:
        from calcidx.runtime import get_runtime

        self.max_text_chars = max_text_chars
        self.runtime: Runtime = runtime or get_runtime()
        self.bundle: KnowledgeBundle = self.runtime.bundle
        # The runtime is immutable, so the same bytes read the same way give the same assessment:
        # an EHR re-sending a record, or the printable view of a page, is answered from memory.
        self._cache: OrderedDict[_Key, _Entry] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    def warm(self) -> None:
        """Run one assessment (HPO index, differential, treatments) before the first request."""
        warm_runtime(self.runtime)

    def stamp(self) -> dict[str, str]:
        """What produces the outputs: CalciDx version, extractor rules, knowledge bundle, HPO release."""
        s = self.runtime.stamp
        return {
            "calcidx": s.calcidx_version,
            "extractor_rules": s.extractor_rules,
            "knowledge": s.knowledge,
            "hpo": s.hpo_release,
            "pipeline": f"calcidx {s.calcidx_version}; rules {s.extractor_rules}; {s.knowledge}; HPO {s.hpo_release}",
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
        text = self.check_text(text, where)
        return Loaded(data=text.encode("utf-8"), media_type="text/plain", text=text)

    def load_file(self, data: bytes, *, filename: str) -> Loaded:
        """An uploaded report (.txt, .md, .pdf, .html, PubMed/PMC .xml), read once for display."""
        from pathlib import PurePath

        from calcidx.api.upload_text import read_upload_text

        name = PurePath(filename).name or "upload"
        result = read_upload_text(data, name=name)
        text = self.check_text(result.text, name)
        return Loaded(
            data=text.encode("utf-8"), media_type="text/plain", filename=name, text=text, warnings=result.warnings
        )

    def load_upload(self, data: bytes, *, filename: str) -> Loaded:
        """An uploaded file for the JSON API: the service recognises its format (content, then name)."""
        from pathlib import PurePath

        if not data.strip():
            raise InputError(f"{PurePath(filename).name or 'upload'}: the file is empty")
        return Loaded(data=data, media_type=None, filename=PurePath(filename).name or "upload")

    def load_body(self, data: bytes, media_type: str) -> Loaded:
        """A request body of the JSON API; the service reads it by its media type.

        A JSON object ``{"text": "..."}`` is a report given as JSON and is read as text.

        Raises:
            UnsupportedMedia: a media type the service does not read.
            TooLarge: a text above ``max_text_chars``.
            InputError: the body is not valid for its media type.
        """
        from calcidx.service.formats import MEDIA_TYPES

        if media_type not in MEDIA_TYPES:
            allowed = ", ".join(sorted(MEDIA_TYPES))
            raise UnsupportedMedia(f"media type {media_type or '(none)'!r} is not read here; allowed: {allowed}")
        if MEDIA_TYPES[media_type] == "text":
            return self.load_text(_decode(data), where="body")
        if media_type == "application/json":
            wrapped = _text_wrapper(data)
            if wrapped is not None:
                return self.load_text(wrapped, where="body: text")
        return Loaded(data=data, media_type=media_type)

    # ------------------------------------------------------------------------------ running
    def assess(self, loaded: Loaded, *, mode: Mode = "auto") -> AssessedDocument:
        """Read and assess a loaded input (every case in it); the same input is answered from memory."""
        key = self._key(loaded, mode)
        entry = self._cached(key)
        if entry is not None and entry.doc is not None:
            return entry.doc
        doc = self._assess(loaded, mode)
        self._remember(key, _Entry(doc=doc, json=entry.json if entry is not None else None))
        return doc

    def assess_json(self, loaded: Loaded, *, mode: Mode = "auto") -> bytes:
        """``assess`` as JSON bytes, serialised once; the cache keeps the bytes, not the document."""
        key = self._key(loaded, mode)
        entry = self._cached(key)
        if entry is not None and entry.json is not None:
            return entry.json
        doc = entry.doc if entry is not None and entry.doc is not None else self._assess(loaded, mode)
        content = doc.model_dump_json().encode()
        self._remember(key, _Entry(doc=entry.doc if entry is not None else None, json=content))
        return content

    def cached_json(self, loaded: Loaded, *, mode: Mode = "auto") -> bytes | None:
        """The JSON of an input assessed before, without touching the worker thread; None otherwise."""
        entry = self._cached(self._key(loaded, mode))
        return entry.json if entry is not None else None

    def _assess(self, loaded: Loaded, mode: Mode) -> AssessedDocument:
        from calcidx.service import assess_input

        doc = assess_input(loaded.data, loaded.media_type, filename=loaded.filename, mode=mode, runtime=self.runtime)
        if loaded.warnings:
            doc = doc.model_copy(update={"warnings": [*loaded.warnings, *doc.warnings]})
        return doc

    @staticmethod
    def _key(loaded: Loaded, mode: str) -> _Key:
        from calcidx.service import document_id

        return (document_id(loaded.data), loaded.media_type, loaded.filename, mode)

    def _cached(self, key: _Key) -> _Entry | None:
        if not self._cache_size:
            return None
        with self._cache_lock:
            entry = self._cache.get(key)
            if entry is not None:
                self._cache.move_to_end(key)
            return entry

    def _remember(self, key: _Key, entry: _Entry) -> None:
        if not self._cache_size:
            return
        with self._cache_lock:
            self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def extract(self, loaded: Loaded, *, mode: Mode = "auto") -> Document:
        """Read a loaded input into a ``Document``."""
        from calcidx.service import extract_input

        doc = extract_input(loaded.data, loaded.media_type, filename=loaded.filename, mode=mode, runtime=self.runtime)
        if loaded.warnings:
            doc = doc.model_copy(update={"warnings": [*loaded.warnings, *doc.warnings]})
        return doc

    def assess_case(self, case: Case) -> AssessedDocument:
        """Assess a case typed into the findings form (checked like a Case JSON)."""
        from calcidx.service import assess_object

        return assess_object(case, runtime=self.runtime)


def warm_runtime(runtime: Runtime | None = None) -> None:
    """Build the runtime (the process-wide one when None) and run one assessment with it."""
    from calcidx.runtime import get_runtime
    from calcidx.service import assess_input

    assess_input(_WARM_UP, "text/plain", runtime=runtime or get_runtime())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"body: not valid UTF-8 (first bad byte at offset {exc.start}); send UTF-8 text") from exc


def _text_wrapper(data: bytes) -> str | None:
    """The text of a ``{"text": "..."}`` body; None for any other JSON (the service reads it)."""
    from calcidx.service import parse_json

    if b'"text"' not in data:
        return None
    raw: Any = parse_json(data, "body")
    if not (isinstance(raw, dict) and set(raw) == {"text"}):
        return None
    if not isinstance(raw["text"], str):
        raise InputError(f"body: text: expected a string, got {type(raw['text']).__name__}")
    return str(raw["text"])
