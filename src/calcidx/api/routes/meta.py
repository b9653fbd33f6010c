"""``/api/v1/health`` and ``/api/v1/version``."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from calcidx.api.deps import EngineDep

__all__ = ["router"]

router = APIRouter(tags=["meta"])


class Health(BaseModel):
    status: str


class Version(BaseModel):
    calcidx: str
    extractor_rules: str
    knowledge: str
    hpo: str
    pipeline: str


@router.get("/health", response_model=Health, summary="Liveness: the runtime is built and warm")
async def health(engine: EngineDep) -> Health:
    return Health(status="ok")


@router.get("/version", response_model=Version, summary="Versions and the pipeline stamp")
async def version(engine: EngineDep) -> Version:
    return Version(**engine.stamp())
