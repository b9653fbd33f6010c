"""The case registry on the web, read-only: JSON under ``/api/v1/registry`` and the series page.

Mounted only when a registry database is configured (``CALCIDX_DATABASE_URL``); the registry is
opened once in the app's lifespan. Only the registry's public functions are used
(``open_registry``, ``load_cases``, ``series_stats``, ``write_plots``). Filters come as plain query
parameters, so the series page's filter form is an ordinary GET form that works without
JavaScript, and its address can be bookmarked or shared.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import QueryParams

from calcidx.api.deps import BudgetDep, EngineDep, SettingsDep
from calcidx.errors import InputError
from calcidx.registry.database import Registry

if TYPE_CHECKING:
    from calcidx.registry.series import CaseRow, Filters

__all__ = ["PLOTS", "PlotCache", "api_router", "page_router"]

#: The charts ``write_plots`` draws: file stem -> what the chart shows (its alt text).
PLOTS: dict[str, str] = {
    "subtypes": "Bar chart of the number of cases by subtype, as the pathway assigned it.",
    "age_by_subtype": "Histogram of age at report, stacked by subtype.",
    "body_sites": "Bar chart of the twenty body sites most often involved.",
    "treatment_outcomes": "Stacked bars of treatments with the outcomes reported after each.",
}

#: query parameter -> (Filters field, kind)
_FIELDS: dict[str, tuple[str, str]] = {
    "subtype": ("subtype", "text"),
    "subform": ("subform", "text"),
    "sex": ("sex", "text"),
    "condition": ("condition", "text"),
    "age_min": ("age_min", "number"),
    "age_max": ("age_max", "number"),
    "year_min": ("year_min", "integer"),
    "year_max": ("year_max", "integer"),
    "include_duplicates": ("include_duplicates", "flag"),
}
_MAX_LIMIT = 500

api_router = APIRouter(prefix="/registry", tags=["registry"])
page_router = APIRouter(include_in_schema=False)


async def get_registry(request: Request) -> Registry:
    """The registry opened in the lifespan."""
    registry: Registry = request.app.state.registry
    return registry


RegistryDep = Annotated[Registry, Depends(get_registry)]


def parse_filters(params: QueryParams) -> Filters:
    """``Filters`` from query parameters; an empty field (as a GET form sends it) is no filter.

    Raises:
        InputError: a number that is not one, a sex other than female/male, or a range upside down.
    """
    from calcidx.registry.series import SEXES, Filters

    values: dict[str, Any] = {}
    for name, (field, kind) in _FIELDS.items():
        raw = params.get(name, "").strip()
        if not raw:
            continue
        if kind == "flag":
            values[field] = raw.lower() in ("1", "true", "on", "yes")
        elif kind == "text":
            values[field] = raw
        else:
            try:
                values[field] = int(raw) if kind == "integer" else float(raw)
            except ValueError:
                what = "a whole number" if kind == "integer" else "a number"
                raise InputError(f"{name}: {raw!r} is not {what}") from None
    if values.get("sex") not in (None, *SEXES):
        raise InputError(f"sex: {values['sex']!r} is not allowed; use female or male")
    for low, high in (("age_min", "age_max"), ("year_min", "year_max")):
        if low in values and high in values and values[low] > values[high]:
            raise InputError(f"{low} {values[low]:g} is above {high} {values[high]:g}")
    filters = Filters(**values)
    filters.check()
    return filters


def _active(filters: Filters) -> dict[str, Any]:
    return {k: v for k, v in asdict(filters).items() if v not in (None, False)}


def _cases(registry: Registry, filters: Filters) -> tuple[list[CaseRow], int]:
    from calcidx.registry.series import load_cases

    return load_cases(registry, filters)


# ------------------------------------------------------------------------------------------- JSON
_FILTER_QUERY = {
    "parameters": [
        {"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
        for name in _FIELDS
        if name != "include_duplicates"
    ]
    + [{"name": "include_duplicates", "in": "query", "required": False, "schema": {"type": "boolean"}}]
}


@api_router.get("/series", summary="Case-series counts and distributions, filtered", openapi_extra=_FILTER_QUERY)
def series(request: Request, registry: RegistryDep) -> dict[str, Any]:
    from calcidx.registry.series import series_stats

    filters = parse_filters(request.query_params)
    cases, left_out = _cases(registry, filters)
    return {"filters": _active(filters), "stats": series_stats(cases, left_out)}


@api_router.get("/cases", summary="The cases of the series, filtered, a page at a time", openapi_extra=_FILTER_QUERY)
def cases(
    request: Request,
    registry: RegistryDep,
    limit: Annotated[int, Query(ge=1, le=_MAX_LIMIT)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    filters = parse_filters(request.query_params)
    rows, left_out = _cases(registry, filters)
    return {
        "filters": _active(filters),
        "total": len(rows),
        "duplicates_left_out": left_out,
        "offset": offset,
        "limit": limit,
        "cases": [asdict(row) for row in rows[offset : offset + limit]],
    }


@api_router.get("/cases/{case_id}", summary="One case of the registry (duplicates included)")
def one_case(case_id: int, registry: RegistryDep) -> dict[str, Any]:
    from calcidx.registry.series import Filters

    rows, _ = _cases(registry, Filters(include_duplicates=True))
    for row in rows:
        if row.case_id == case_id:
            return asdict(row)
    raise HTTPException(status_code=404, detail=f"no current case {case_id} in the registry")


# ------------------------------------------------------------------------------------------ plots
class PlotCache:
    """PNG charts of recently shown series, keyed by the series' own rows (bounded, LRU).

    The same rows always draw the same charts, so a key made from them is never stale: a new
    ingest changes the rows and so the key.
    """

    def __init__(self, size: int = 16) -> None:
        self._size = size
        self._items: OrderedDict[str, dict[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(cases: list[CaseRow], subtitle: str) -> str:
        """sha256 of the rows and the subtitle drawn on the charts."""
        digest = hashlib.sha256(subtitle.encode())
        for row in cases:
            digest.update(json.dumps(asdict(row), sort_keys=True, default=str).encode())
        return digest.hexdigest()

    def get(self, key: str) -> dict[str, bytes] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, charts: dict[str, bytes]) -> None:
        with self._lock:
            self._items[key] = charts
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def _draw(cases: list[CaseRow], subtitle: str) -> dict[str, bytes]:
    from calcidx.registry.plots import write_plots

    with tempfile.TemporaryDirectory(prefix="calcidx-plots-") as folder:
        return {path.stem: path.read_bytes() for path in write_plots(cases, Path(folder), subtitle=subtitle)}


@page_router.get("/series/plots/{name}.png", response_class=Response)
async def plot(name: str, request: Request, registry: RegistryDep, budget: BudgetDep) -> Response:
    from starlette.concurrency import run_in_threadpool

    if name not in PLOTS:
        raise HTTPException(status_code=404, detail=f"no chart {name!r}; charts: {', '.join(PLOTS)}")
    filters = parse_filters(request.query_params)
    rows, _ = await run_in_threadpool(_cases, registry, filters)
    subtitle = ", ".join(f"{k}={v}" for k, v in _active(filters).items())
    cache: PlotCache = request.app.state.plot_cache
    key = PlotCache.key(rows, subtitle)
    charts = cache.get(key)
    if charts is None:
        # matplotlib is not thread-safe: charts are drawn on the one worker thread, under the budget
        charts = await budget.run(lambda: _draw(rows, subtitle))
        cache.put(key, charts)
    return Response(content=charts[name], media_type="image/png", headers={"cache-control": "private, max-age=60"})


# ------------------------------------------------------------------------------------------- page
@page_router.get("/series", response_class=HTMLResponse)
def series_page(request: Request, settings: SettingsDep, engine: EngineDep, registry: RegistryDep) -> HTMLResponse:
    from calcidx.api.pages import _page as page
    from calcidx.registry.series import SEXES, series_stats

    bundle = engine.bundle
    form = {name: request.query_params.get(name, "") for name in _FIELDS}
    context: dict[str, Any] = {
        "active": "series",
        "stamp": engine.stamp(),
        "form": form,
        "subtypes": list(bundle.subtypes.values()),
        "subforms": list(bundle.subforms.values()),
        "sexes": SEXES,
        "plots": PLOTS,
        "error": None,
        "stats": None,
    }
    try:
        filters = parse_filters(request.query_params)
    except InputError as exc:
        context["error"] = str(exc)
        return page(request, "series.html", settings, status_code=422, **context)
    rows, left_out = _cases(registry, filters)
    context["stats"] = series_stats(rows, left_out)
    context["query"] = request.url.query
    return page(request, "series.html", settings, **context)
