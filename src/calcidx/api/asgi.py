"""The ASGI entry point uvicorn imports in each worker: settings read from the environment.

Use ``calcidx serve``, or any ASGI server: ``uvicorn calcidx.api.asgi:app``.
"""

from __future__ import annotations

import logging

from calcidx.api.app import create_app

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

app = create_app()
