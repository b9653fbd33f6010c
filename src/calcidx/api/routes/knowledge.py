"""Knowledge endpoints: the bundle's stamp and counts, subtypes, references, and the monograph."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from calcidx.api.deps import EngineDep

__all__ = ["router"]

router = APIRouter(tags=["knowledge"])


class KnowledgeInfo(BaseModel):
    name: str
    version: str
    released: str
    hpo_release: str
    counts: dict[str, int]


class SubtypeOut(BaseModel):
    id: str
    label: str
    definition: str
    refs: list[str]


class ReferenceOut(BaseModel):
    id: str
    citation: str
    url: str | None
    doi: str | None
    pmid: str | None
    reliability: str


@router.get("/knowledge", response_model=KnowledgeInfo, summary="The knowledge bundle: version, HPO release, counts")
def knowledge(engine: EngineDep) -> KnowledgeInfo:
    b = engine.bundle
    counts = {
        "subtypes": len(b.subtypes),
        "subforms": len(b.subforms),
        "conditions": len(b.conditions),
        "exposures": len(b.exposures),
        "features": len(b.features),
        "analytes": len(b.analytes),
        "workup": len(b.workup),
        "lookalikes": len(b.lookalikes),
        "treatments": len(b.treatments),
        "references": len(b.references),
    }
    return KnowledgeInfo(
        name=b.info.name,
        version=b.info.version,
        released=str(b.info.released),
        hpo_release=b.info.hpo_release,
        counts=counts,
    )


@router.get("/knowledge/subtypes", response_model=list[SubtypeOut], summary="The etiologic subtypes")
def subtypes(engine: EngineDep) -> list[SubtypeOut]:
    return [
        SubtypeOut(id=s.id, label=s.label, definition=s.definition, refs=list(s.refs))
        for s in engine.bundle.subtypes.values()
    ]


@router.get(
    "/knowledge/references/{ref_id}",
    response_model=ReferenceOut,
    summary="One reference by its key",
    responses={404: {"description": "no such reference"}},
)
def reference(ref_id: str, engine: EngineDep) -> ReferenceOut:
    ref = engine.bundle.references.get(ref_id)
    if ref is None:
        raise HTTPException(status_code=404, detail=f"no reference {ref_id!r}; see /references for the list")
    return ReferenceOut(
        id=ref.id, citation=ref.citation, url=ref.url, doi=ref.doi, pmid=ref.pmid, reliability=ref.reliability
    )


@router.get(
    "/monograph",
    response_class=PlainTextResponse,
    summary="The cited disease monograph as Markdown (or one subtype's page)",
    responses={200: {"content": {"text/markdown": {}}}, 422: {"description": "unknown subtype"}},
)
def monograph(
    engine: EngineDep,
    subtype: str | None = Query(default=None, max_length=40, description="a subtype id, e.g. dystrophic"),
    format: Literal["md"] = Query(default="md", description="md (Markdown)"),
) -> PlainTextResponse:
    from calcidx.render.monograph import render_monograph

    if subtype is not None and subtype not in engine.bundle.subtypes:
        allowed = ", ".join(engine.bundle.subtypes)
        raise HTTPException(status_code=422, detail=f"subtype {subtype!r} is not a subtype; use one of: {allowed}")
    text = render_monograph(engine.bundle, fmt="md", subtype=subtype)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
