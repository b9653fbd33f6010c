"""``Settings``: every knob of a CalciDx process, from ``CALCIDX_*`` environment variables,
validated at start-up (the CLI and the web app call ``load_settings`` first; never at import).
"""

from __future__ import annotations

import threading
from pathlib import Path

import platformdirs
from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from calcidx.errors import InputError

__all__ = ["Settings", "current_settings", "load_settings"]


class Settings(BaseSettings):
    """Process settings (environment variables ``CALCIDX_<FIELD>``, e.g. ``CALCIDX_MAX_INPUT_BYTES``).

    Attributes:
        cache_dir: where derived files may be written (none are needed to run).
        data_dir: where user data (the registry's SQLite file) lives.
        max_input_bytes: the largest input read from a file, stdin or a request body.
        max_json_depth: the deepest JSON nesting accepted.
        skip_inherited_differential: leave the HPO-ranked inherited syndromes out by default.
        knowledge_dir: a folder of knowledge data files replacing the shipped bundle.
    """

    model_config = SettingsConfigDict(env_prefix="CALCIDX_", extra="ignore", frozen=True)

    cache_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_cache_dir("calcidx")))
    data_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir("calcidx")))
    max_input_bytes: int = Field(default=50_000_000, ge=1_000, le=2_000_000_000)
    max_json_depth: int = Field(default=64, ge=8, le=1_000)
    skip_inherited_differential: bool = False
    knowledge_dir: Path | None = None


_LOCK = threading.Lock()
_SETTINGS: Settings | None = None


def load_settings() -> Settings:
    """Read and validate the settings from the environment (once; later calls return the same).

    Raises:
        InputError: a ``CALCIDX_*`` variable holds a bad value (named, with what is allowed).
    """
    global _SETTINGS
    with _LOCK:
        if _SETTINGS is None:
            try:
                _SETTINGS = Settings()
            except ValidationError as exc:
                first = exc.errors()[0]
                name = "CALCIDX_" + ".".join(str(p) for p in first["loc"]).upper()
                raise InputError(f"{name}: {first['msg']} (got {first.get('input')!r})") from None
        return _SETTINGS


def current_settings() -> Settings:
    """The validated settings (loads them on first use)."""
    return _SETTINGS if _SETTINGS is not None else load_settings()
