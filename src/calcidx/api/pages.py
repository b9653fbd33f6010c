"""Server-rendered pages: paste or upload a report, the findings form, the monograph, the references.

Every page works without JavaScript. Forms carry a signed anti-forgery token. Bad input re-shows the
form with one clear message (status 422); nothing a person types is ever logged.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData, UploadFile

from calcidx.api.budget import OverBudget
from calcidx.api.csrf import check_form_token, make_form_token
from calcidx.api.deps import BudgetDep, EngineDep, SettingsDep
from calcidx.api.engine import Engine, Loaded, TooLarge
from calcidx.api.findings_form import LAB_ROWS, concept_groups, parse_form
from calcidx.api.view import ASSERTION_TEXT, KIND_TEXT, case_views, highlight_segments, label_of
from calcidx.assess.model import AssessedDocument
from calcidx.errors import InputError
from calcidx.render.age import age_label

__all__ = ["router", "templates"]

router = APIRouter(include_in_schema=False)


def _templates() -> Jinja2Templates:
    from pathlib import Path

    found = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
    found.env.filters["sentence"] = _sentence
    found.env.filters["knowledge_label"] = _knowledge_label
    found.env.filters["age"] = age_label
    return found


def _knowledge_label(key: str) -> str:
    """A person's label for a knowledge id ("sodium_thiosulfate" is "Sodium thiosulfate")."""
    from calcidx.knowledge.loader import load_bundle

    return label_of(load_bundle(), key)


def _sentence(title: str) -> str:
    """A heading used as the start of a sentence: ends with one full stop (or its own ? or !)."""
    title = title.strip()
    return title if title.endswith((".", "?", "!", ":")) else f"{title}."


templates = _templates()


def _page(request: Request, name: str, settings: SettingsDep, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("form_token", make_form_token(settings.secret_key.get_secret_value()))
    context.setdefault("registry", bool(settings.database_url))  # the nav links the series page
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _stamp(engine: Engine) -> dict[str, str]:
    return engine.stamp()


# ----------------------------------------------------------------------------------- paste / upload
@router.get("/", response_class=HTMLResponse)
def index(request: Request, settings: SettingsDep, engine: EngineDep) -> HTMLResponse:
    return _page(request, "index.html", settings, stamp=_stamp(engine), text="", max_chars=settings.max_text_chars)


async def _read_form(request: Request, settings: SettingsDep) -> FormData:
    try:
        return await request.form(max_files=1, max_fields=400, max_part_size=settings.max_body_bytes)
    except Exception as exc:  # a malformed form is the client's error, whatever the parser raises
        raise InputError(f"the form could not be read ({type(exc).__name__}); send it again from the page") from exc


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _forged(form: FormData, settings: SettingsDep) -> bool:
    return not check_form_token(settings.secret_key.get_secret_value(), _field(form, "form_token"))


def _expired(request: Request, settings: SettingsDep, engine: Engine) -> HTMLResponse:
    return _page(
        request,
        "index.html",
        settings,
        status_code=403,
        stamp=_stamp(engine),
        text="",
        max_chars=settings.max_text_chars,
        error="This form has expired or did not come from this site. Paste the report again and press Assess.",
    )


@router.post("/report", response_class=HTMLResponse)
async def report(request: Request, settings: SettingsDep, engine: EngineDep, budget: BudgetDep) -> HTMLResponse:
    text = ""
    try:
        form = await _read_form(request, settings)
        if _forged(form, settings):
            return _expired(request, settings, engine)
        text = _field(form, "text")
        upload = form.get("file")
        loaded: Loaded
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read()
            loaded = engine.load_file(data, filename=upload.filename)
        else:
            loaded = engine.load_text(text, where="Report text")
        doc: AssessedDocument = await budget.run(lambda: engine.assess(loaded))
    except (InputError, OverBudget) as exc:
        status = 413 if isinstance(exc, TooLarge) else 503 if isinstance(exc, OverBudget) else 422
        message = exc.message if isinstance(exc, OverBudget) else str(exc)
        return _page(
            request,
            "index.html",
            settings,
            status_code=status,
            stamp=_stamp(engine),
            text=text[: settings.max_text_chars],
            max_chars=settings.max_text_chars,
            error=message,
        )
    assert loaded.text is not None
    view = "print" if _field(form, "view") == "print" else "screen"
    return _report_page(request, settings, engine, doc, loaded.text, view=view)


def _report_page(
    request: Request,
    settings: SettingsDep,
    engine: Engine,
    doc: AssessedDocument,
    text: str | None,
    *,
    view: str = "screen",
) -> HTMLResponse:
    bundle = engine.bundle
    segments = highlight_segments(text, doc, bundle) if text is not None else []
    kinds_seen = sorted({s.mark.kind for s in segments if s.mark}, key=list(KIND_TEXT).index)
    return _page(
        request,
        "report.html",
        settings,
        doc=doc,
        text=text,
        segments=segments,
        cases=case_views(doc, bundle),
        references=bundle.references,
        kinds_seen=[(kind, KIND_TEXT[kind]) for kind in kinds_seen],
        assertions=ASSERTION_TEXT,
        stamp=_stamp(engine),
        view=view,
    )


# ----------------------------------------------------------------------------------- findings form
def _form_context(engine: Engine) -> dict[str, Any]:
    bundle = engine.bundle
    analytes = sorted(bundle.analytes.values(), key=lambda a: a.label.lower())
    units = sorted({u.symbol for a in analytes for u in a.units})
    return {
        "groups": concept_groups(bundle),
        "analytes": analytes,
        "units": units,
        "lab_rows": range(LAB_ROWS),
        "stamp": _stamp(engine),
    }


@router.get("/form", response_class=HTMLResponse)
def findings_form(request: Request, settings: SettingsDep, engine: EngineDep) -> HTMLResponse:
    return _page(request, "form.html", settings, values={}, errors={}, **_form_context(engine))


@router.post("/form", response_class=HTMLResponse)
async def findings_form_post(
    request: Request, settings: SettingsDep, engine: EngineDep, budget: BudgetDep
) -> HTMLResponse:
    try:
        form = await _read_form(request, settings)
    except InputError as exc:
        return _page(request, "form.html", settings, 422, values={}, errors={"age": str(exc)}, **_form_context(engine))
    answers = {key: value for key, value in form.multi_items() if isinstance(value, str)}
    if _forged(form, settings):
        errors = {"age": "This form has expired or did not come from this site; check the answers and send again"}
        return _page(request, "form.html", settings, 403, values=answers, errors=errors, **_form_context(engine))
    result = parse_form(answers, engine.bundle)
    if result.case is None:
        return _page(
            request, "form.html", settings, 422, values=result.values, errors=result.errors, **_form_context(engine)
        )
    case = result.case
    try:
        doc = await budget.run(lambda: engine.assess_case(case))
    except (InputError, OverBudget) as exc:
        message = exc.message if isinstance(exc, OverBudget) else str(exc)
        errors = {"age": message}
        return _page(request, "form.html", settings, 422, values=result.values, errors=errors, **_form_context(engine))
    return _report_page(request, settings, engine, doc, None)


# ----------------------------------------------------------------------------------- monograph
@router.get("/monograph", response_class=HTMLResponse)
@router.get("/monograph/{subtype}", response_class=HTMLResponse)
def monograph(request: Request, settings: SettingsDep, engine: EngineDep, subtype: str | None = None) -> HTMLResponse:
    from calcidx.render.monograph import build_monograph

    bundle = engine.bundle
    if subtype is not None and subtype not in bundle.subtypes:
        return _page(
            request,
            "error.html",
            settings,
            404,
            title="No such subtype",
            message=f"There is no subtype {subtype!r}. Choose one below.",
            subtypes=list(bundle.subtypes.values()),
            stamp=_stamp(engine),
        )
    mono = build_monograph(bundle, subtype=subtype)
    return _page(
        request,
        "monograph.html",
        settings,
        mono=mono,
        bundle=bundle,
        subtypes=list(bundle.subtypes.values()),
        current=subtype,
        stamp=_stamp(engine),
    )


@router.get("/references", response_class=HTMLResponse)
def references(request: Request, settings: SettingsDep, engine: EngineDep) -> HTMLResponse:
    refs = sorted(engine.bundle.references.values(), key=lambda r: r.id.lower())
    return _page(request, "references.html", settings, refs=refs, stamp=_stamp(engine))
