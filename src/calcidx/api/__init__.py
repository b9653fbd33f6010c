"""The web application: JSON API under ``/api/v1``, server-rendered pages, static CSS.

Build it with ``create_app(settings)``; serve it with ``calcidx serve``.
"""

from __future__ import annotations

from calcidx.api.app import create_app
from calcidx.api.settings import Settings

__all__ = ["Settings", "create_app"]
