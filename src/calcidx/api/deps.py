"""FastAPI dependencies: the settings, the engine and the budget built in the lifespan, and the API token.

They are ``async def`` on purpose: FastAPI runs a plain ``def`` dependency on its thread pool,
and four thread hops per request cost more CPU than everything else on the path of a cached
answer. None of them blocks.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from calcidx.api.budget import Budget
from calcidx.api.engine import Engine
from calcidx.api.settings import Settings

__all__ = ["BudgetDep", "EngineDep", "SettingsDep", "TokenDep", "check_token", "write_access"]


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    """The engine built (and warmed) once in the lifespan."""
    engine: Engine = request.app.state.engine
    return engine


async def get_budget(request: Request) -> Budget:
    """The CPU budget every library call runs under."""
    budget: Budget = request.app.state.budget
    return budget


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
BudgetDep = Annotated[Budget, Depends(get_budget)]


def check_token(request: Request) -> None:
    """Reject a write (POST) to the JSON API without ``Authorization: Bearer <CALCIDX_API_TOKEN>``.

    In development with no token configured the API is open (the settings refuse that elsewhere).

    Raises:
        HTTPException: 401 when the token is missing or wrong.
    """
    settings: Settings = request.app.state.settings
    if settings.api_token is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    expected = settings.api_token.get_secret_value()
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="this endpoint needs the header 'Authorization: Bearer <token>' with the server's API token",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def require_token(request: Request) -> None:
    """``check_token`` as a dependency, for write routes off the hot path."""
    check_token(request)


TokenDep = Depends(require_token)


def write_access(request: Request) -> tuple[Engine, Budget]:
    """The engine and the budget for a write route, once its token is checked (``check_token``).

    The hot routes (``/assess``, ``/extract``) call this instead of declaring dependencies:
    FastAPI's dependency resolution was half the CPU of a cached answer.
    """
    check_token(request)
    state = request.app.state
    return state.engine, state.budget
