"""Settings of the web application, read from the environment (``CALCIDX_*``) and validated at start-up.

Never built at import time: ``calcidx serve`` and ``create_app`` build them, so a bad value is one
clear line when the server starts, not a traceback on the first request.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_SECRET", "Settings"]

#: The placeholder secret. Accepted only when ``environment`` is ``development``.
DEFAULT_SECRET = "change-me-development-only"


class Settings(BaseSettings):
    """Everything the web application can be configured with.

    Attributes:
        environment: ``development`` allows the default secret and an open JSON API.
        secret_key: signs the anti-forgery tokens of the web forms.
        api_token: bearer token the JSON API's write (POST) endpoints require. Required outside
            development; in development an unset token leaves them open.
        max_body_bytes: largest request body accepted (413 above it).
        max_text_chars: largest report text assessed (413 above it).
        assess_timeout_s: CPU budget of one assessment (503 when exceeded).
        queue_timeout_s: how long a request may wait for the assessment worker (503 after).
        result_cache_size: assessments kept in memory by input hash (0 turns the cache off).
        cors_origins: origins allowed by CORS; empty (the default) means CORS is off.
        database_url: the case registry to show (``/series`` and ``/api/v1/registry``), the same
            ``CALCIDX_DATABASE_URL`` the ``calcidx ingest`` and ``series`` commands use; unset, the
            registry's pages and endpoints are not mounted.
        worker_healthcheck_s: with ``--workers`` above 1, how long a worker may take to answer the
            supervisor's health check before it is replaced. A worker builds and warms the runtime
            (spaCy, HPO) before it serves, which takes more than uvicorn's default of 5 s on a busy
            machine: the supervisor then killed every worker while it was still starting.
    """

    model_config = SettingsConfigDict(env_prefix="CALCIDX_", extra="ignore", frozen=True)

    environment: Literal["development", "production", "test"] = "development"
    secret_key: SecretStr = SecretStr(DEFAULT_SECRET)
    api_token: SecretStr | None = None
    max_body_bytes: int = Field(default=10_000_000, ge=1_000, le=100_000_000)
    max_text_chars: int = Field(default=200_000, ge=100, le=5_000_000)
    assess_timeout_s: float = Field(default=20.0, gt=0, le=600)
    queue_timeout_s: float = Field(default=30.0, gt=0, le=600)
    result_cache_size: int = Field(default=256, ge=0, le=100_000)
    cors_origins: list[str] = []
    database_url: str | None = None
    worker_healthcheck_s: int = Field(default=120, ge=5, le=3600)

    @model_validator(mode="after")
    def _no_default_secret_outside_development(self) -> Settings:
        if self.environment != "development":
            secret = self.secret_key.get_secret_value()
            if secret == DEFAULT_SECRET or len(secret) < 16:
                raise ValueError(
                    "CALCIDX_SECRET_KEY must be set to a random value of at least 16 characters outside "
                    f"development (environment is {self.environment!r}); make one with "
                    "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
                )
            if self.api_token is None or len(self.api_token.get_secret_value()) < 16:
                raise ValueError(
                    "CALCIDX_API_TOKEN must be set (at least 16 characters) outside development; "
                    "the JSON API's POST endpoints require it"
                )
        if "*" in self.cors_origins:
            raise ValueError("CALCIDX_CORS_ORIGINS may not contain '*'; list the origins allowed")
        return self
