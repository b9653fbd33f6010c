"""``calcidx serve``: the web application and JSON API under uvicorn."""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from calcidx.errors import InputError

__all__ = ["register", "serve"]


def serve(
    host: Annotated[str, typer.Option("--host", help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="worker processes", min=1, max=64)] = 1,
    log_level: Annotated[str, typer.Option("--log-level", help="critical, error, warning, info or debug")] = "info",
) -> None:
    """Serve the web pages and the JSON API (settings from CALCIDX_* environment variables)."""
    import uvicorn
    from pydantic import ValidationError

    from calcidx.api.settings import Settings
    from calcidx.api.supervisor import reuse_port_supported, run_workers
    from calcidx.case.io import describe_validation_error
    from calcidx.settings import load_settings

    if log_level not in ("critical", "error", "warning", "info", "debug"):
        raise InputError(f"--log-level {log_level!r} is not allowed; use critical, error, warning, info or debug")
    try:
        settings = Settings()  # validated here, once, so a bad setting is one line before any worker starts
        load_settings()
    except ValidationError as exc:
        raise InputError(describe_validation_error(exc, "settings")) from exc
    os.environ["CALCIDX_LOG_LEVEL"] = log_level.upper()  # the app's own log, in every worker
    typer.echo(f"CalciDx on http://{host}:{port}/ ({workers} worker(s)); Ctrl-C stops", err=True)
    options: dict[str, Any] = {
        "app": "calcidx.api.asgi:app",
        "host": host,
        "port": port,
        "log_level": log_level,
        "access_log": False,  # the app logs ids, sizes and timings only
        "server_header": False,
        "proxy_headers": False,
    }
    if workers > 1 and reuse_port_supported():
        # one socket per worker: uvicorn's shared socket let one worker take every keep-alive connection
        status = run_workers(options, workers)
        if status:
            raise typer.Exit(status)
        return
    uvicorn.run(**options, workers=workers, timeout_worker_healthcheck=settings.worker_healthcheck_s)


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve)
