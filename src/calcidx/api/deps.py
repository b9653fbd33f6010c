"""FastAPI dependencies: the settings, the engine and the budget built in the lifespan, and the API token."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from calcidx.api.budget import Budget
from calcidx.api.engine import Engine
from calcidx.api.settings import Settings

__all__ = ["BudgetDep", "EngineDep", "SettingsDep", "TokenDep"]


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    """The engine built (and warmed) once in the lifespan."""
    engine: Engine = request.app.state.engine
    return engine


def get_budget(request: Request) -> Budget:
    """The CPU budget every library call runs under."""
    budget: Budget = request.app.state.budget
    return budget


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
BudgetDep = Annotated[Budget, Depends(get_budget)]


def require_token(request: Request, settings: SettingsDep) -> None:
    """Reject a write (POST) to the JSON API without ``Authorization: Bearer <CALCIDX_API_TOKEN>``.

    In development with no token configured the API is open (the settings refuse that elsewhere).
    """
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


TokenDep = Depends(require_token)
