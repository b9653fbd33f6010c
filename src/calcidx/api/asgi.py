"""The ASGI entry point uvicorn imports in each worker: settings read from the environment.

Use ``calcidx serve``, or any ASGI server: ``uvicorn calcidx.api.asgi:app``. The application's
log (``calcidx.api``: one line per request with ids, sizes and timings) goes to stderr at the level
``CALCIDX_LOG_LEVEL`` (default INFO; ``calcidx serve --log-level`` sets it for its workers). It has
its own handler: the CLI sends the root logger to a null handler, which silenced it in a
single-process ``calcidx serve``.
"""

from __future__ import annotations

import logging
import os
import sys

from calcidx.api.app import create_app

_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


def _configure_log() -> None:
    log = logging.getLogger("calcidx.api")
    level = os.environ.get("CALCIDX_LOG_LEVEL", "INFO").upper()
    log.setLevel(level if level in _LEVELS else "INFO")
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        log.addHandler(handler)
        log.propagate = False


_configure_log()
app = create_app()
