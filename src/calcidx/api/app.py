"""``create_app(settings)``: the FastAPI application (JSON API under ``/api/v1``, pages, static files).

The engine (knowledge, pipeline) is built once in the lifespan and warmed before the first
request; every route reaches it through ``deps``. Errors never show a traceback: bad input is a
4xx with one line saying what was wrong and what is allowed.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from calcidx import __version__
from calcidx.api.budget import Budget, OverBudget
from calcidx.api.engine import Engine, TooLarge, UnsupportedMedia
from calcidx.api.security import SecurityMiddleware
from calcidx.api.settings import Settings
from calcidx.errors import CalcidxError, InputError

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/api/v1"
log = logging.getLogger("calcidx.api")


def create_app(settings: Settings | None = None, *, warm: bool = True) -> FastAPI:
    """Build the application.

    Args:
        settings: validated settings; None reads them from the environment (``CALCIDX_*``) now.
        warm: run one assessment at start-up so the first request pays no one-off cost.
    """
    from calcidx.settings import load_settings

    settings = settings or Settings()
    load_settings()  # the library's own CALCIDX_* settings, validated now: a bad value is one line at start-up

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = Engine(max_text_chars=settings.max_text_chars, cache_size=settings.result_cache_size)
        if warm:
            engine.warm()
            # The runtime (knowledge, vocabulary, spaCy, HPO index) lives as long as the process:
            # moved out of the collector's generations, a full collection no longer walks its
            # ~150,000 objects, about 10% of the CPU of an assessment under load.
            gc.collect()
            gc.freeze()
        app.state.engine = engine
        app.state.budget = Budget(timeout_s=settings.assess_timeout_s, queue_timeout_s=settings.queue_timeout_s)
        registry = _open_registry(app, settings)
        log.info("ready: %s", engine.stamp()["pipeline"])
        try:
            yield
        finally:
            app.state.budget.close()
            if registry is not None:
                registry.close()

    app = FastAPI(
        title="CalciDx",
        version=__version__,
        description="Cited, explainable assessment of calcinosis cutis. Supports clinicians; never replaces "
        "their judgement.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN; the CSP allows none
        redoc_url=None,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    _add_routes(app)
    _add_error_handlers(app)
    _add_openapi(app)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type"],
        )
    app.add_middleware(SecurityMiddleware, max_body_bytes=settings.max_body_bytes)
    return app


def _add_routes(app: FastAPI) -> None:
    from calcidx.api import pages
    from calcidx.api.routes import analysis, knowledge, meta

    for module in (meta, analysis, knowledge):
        app.include_router(module.router, prefix=API_PREFIX)
    mount_interop(app)
    mount_registry(app)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")


def mount_interop(app: FastAPI) -> None:
    """Mount ``calcidx.interop``: its CDS Hooks router at ``/cds-services``.

    Importing ``calcidx.interop`` also registers its FHIR Bundle and Phenopacket readers with the
    service, so ``POST /api/v1/assess`` with ``application/fhir+json`` reads them.
    """
    import calcidx.interop  # noqa: F401  (registers the FHIR and Phenopacket input formats)
    from calcidx.interop.cds_hooks import create_router

    app.include_router(create_router(monograph_path="/monograph"))


def mount_registry(app: FastAPI) -> None:
    """Mount the registry's read-only routes when a registry database is configured
    (``CALCIDX_DATABASE_URL``): series counts, the cases and one case under ``/api/v1/registry``,
    and the series page with its charts at ``/series``. Without one, nothing is mounted."""
    settings: Settings = app.state.settings
    if not settings.database_url:
        return
    from calcidx.api.registry_web import api_router, page_router

    app.include_router(api_router, prefix=API_PREFIX)
    app.include_router(page_router)


def _open_registry(app: FastAPI, settings: Settings) -> Any:
    """Open the configured registry once (``app.state.registry``) with a small chart cache."""
    if not settings.database_url:
        return None
    from calcidx.api.registry_web import PlotCache
    from calcidx.registry.database import open_registry

    registry = open_registry(settings.database_url)
    app.state.registry = registry
    app.state.plot_cache = PlotCache()
    log.info("registry: %s", registry.dialect)
    return registry


# ------------------------------------------------------------------------------------------ errors
def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi", "/cds-services")) and "text/html" in (
        request.headers.get("accept", "")
    )


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from calcidx.api.pages import templates

        return templates.TemplateResponse(
            request,
            "error.html",
            {"title": f"Error {status}", "message": message, "subtypes": [], "stamp": None},
            status_code=status,
            headers=headers,
        )
    return JSONResponse({"detail": message}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "the request is not valid"
    first = errors[0]
    loc = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "request"
    more = f"; {len(errors) - 1} more problem(s)" if len(errors) > 1 else ""
    return f"{loc}: {first.get('msg', 'not valid')}{more}"


def _add_error_handlers(app: FastAPI) -> None:
    async def input_error(request: Request, exc: Exception) -> Response:
        status = 413 if isinstance(exc, TooLarge) else 415 if isinstance(exc, UnsupportedMedia) else 422
        return _error(request, status, str(exc))

    async def over_budget(request: Request, exc: Exception) -> Response:
        message = exc.message if isinstance(exc, OverBudget) else "busy"
        return _error(request, 503, message, headers={"Retry-After": "30"})

    async def validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 422, _validation_message(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path!r}; the API is under {API_PREFIX} (see /openapi.json)"
        if exc.status_code == 405:
            detail = f"method {request.method} is not allowed on {request.url.path!r}"
        return _error(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def internal(request: Request, exc: Exception) -> Response:
        request_id = request.scope.get("state", {}).get("request_id", "?")
        # Type only: an exception message may quote the patient's text.
        log.error("internal error id=%s type=%s", request_id, type(exc).__name__)
        return _error(request, 500, f"internal error (request {request_id}); the input was not the cause")

    async def calcidx_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, InputError):
            return await input_error(request, exc)
        return await internal(request, exc)

    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(CalcidxError, calcidx_error)
    app.add_exception_handler(OverBudget, over_budget)
    app.add_exception_handler(RequestValidationError, validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, internal)


# ------------------------------------------------------------------------------------------ OpenAPI
def _add_openapi(app: FastAPI) -> None:
    """Add the Case and TextInput schemas the raw-body routes name in their request bodies."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        from calcidx.api.routes.analysis import TextInput
        from calcidx.case.model import Case

        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (Case, TextInput):
            body = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, definition in body.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components[model.__name__] = body
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
