"""``POST /api/v1/assess`` and ``POST /api/v1/extract``: the body's media type says what it is."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from calcidx.api.deps import write_access
from calcidx.api.engine import Engine, Loaded, Mode
from calcidx.api.security import note_work
from calcidx.assess.model import AssessedDocument
from calcidx.case.model import Document
from calcidx.errors import InputError

__all__ = ["TextInput", "router"]

router = APIRouter(tags=["analysis"])


class TextInput(BaseModel):
    """A report or note as JSON."""

    text: str = Field(min_length=1, description="the report text")


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing or wrong API token"},
    413: {"description": "body or text above the size limit"},
    415: {"description": "media type not read by this endpoint"},
    422: {"description": "the input is not valid: one line says what was wrong and what is allowed"},
    503: {"description": "busy or over the per-request CPU budget"},
}

_ASSESS_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"anyOf": [{"$ref": "#/components/schemas/TextInput"}, {"$ref": "#/components/schemas/Case"}]}
            },
            "text/plain": {"schema": {"type": "string", "minLength": 1}},
            "application/fhir+json": {"schema": {"type": "object", "description": "a FHIR R4 Bundle"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
_EXTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/TextInput"}},
            "text/plain": {"schema": {"type": "string", "minLength": 1}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


_MODE = Query(default="auto", description="note: the text is one patient; article/auto: find the patients")


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


@router.post(
    "/assess",
    summary="Assess a Case, a FHIR Bundle, a report text, or {'text': ...}",
    responses={200: {"model": AssessedDocument, "description": "the assessed document"}, **_ERRORS},
    openapi_extra=_ASSESS_BODY,
)
async def assess(request: Request, mode: Mode = _MODE) -> Response:
    engine, budget = write_access(request)  # the token first, before the body is read
    body = await request.body()
    loaded = engine.load_body(body, _media_type(request))
    started = time.perf_counter()
    # An input assessed before is answered at once; anything else runs under the CPU budget.
    content = engine.cached_json(loaded, mode=mode)
    cpu: list[float] = []
    if content is None:
        content = await budget.run(lambda: engine.assess_json(loaded, mode=mode), cpu=cpu)
    _log_work("assess", request, loaded, started, None, cpu)
    return Response(content=content, media_type="application/json")


@router.post(
    "/extract",
    summary="Read a report (text, {'text': ...} or an uploaded .txt/.md/.pdf/.html/.xml) into a Document",
    responses={200: {"model": Document, "description": "the extracted document"}, **_ERRORS},
    openapi_extra=_EXTRACT_BODY,
)
async def extract(request: Request, mode: Mode = _MODE) -> Response:
    engine, budget = write_access(request)
    media_type = _media_type(request)
    loaded: Loaded
    if media_type == "multipart/form-data":
        loaded = await _upload(request, engine)
    else:
        loaded = engine.load_body(await request.body(), media_type)
    started = time.perf_counter()
    cpu: list[float] = []
    doc = await budget.run(lambda: engine.extract(loaded, mode=mode), cpu=cpu)
    _log_work("extract", request, loaded, started, len(doc.cases), cpu)
    return Response(content=doc.model_dump_json(), media_type="application/json")


async def _upload(request: Request, engine: Engine) -> Loaded:
    from starlette.datastructures import UploadFile

    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception as exc:  # malformed multipart is the client's error, whatever the parser raises
        raise InputError(
            f"body: not a readable multipart form ({type(exc).__name__}); send one file as 'file'"
        ) from exc
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InputError("body: no file in the form field 'file'; send one .txt, .md, .pdf, .html or .xml file")
    data = await upload.read()
    return engine.load_upload(data, filename=upload.filename or "upload")


def _log_work(what: str, request: Request, loaded: Loaded, started: float, cases: int | None, cpu: list[float]) -> None:
    """Sizes, format and timing of the work (never the input) for the request's one log line.

    ``work_cpu_ms`` is the worker thread's CPU for the library call ("cached" when the answer came
    from the result cache); the load benchmark reads it to split a request's CPU.
    """
    note_work(
        request.scope,
        what,
        chars=loaded.size,
        format=loaded.format,
        cases=cases,
        work_ms=f"{(time.perf_counter() - started) * 1000:.1f}",
        work_cpu_ms=f"{sum(cpu) * 1000:.2f}" if cpu else "cached",
    )
