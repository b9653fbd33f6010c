"""The Dask worker plugin (imported only when Dask is used: ``pip install calcidx[cluster]``)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from calcidx.runtime import RuntimeSpec, init_worker

__all__ = ["RuntimePlugin"]


class RuntimePlugin(WorkerPlugin):
    """Builds the worker's runtime from the spec when the worker starts (before any task)."""

    name = "calcidx-runtime"

    def __init__(self, spec: RuntimeSpec) -> None:
        self.spec = spec

    def setup(self, worker: Any) -> None:
        """Build this worker process's runtime."""
        init_worker(self.spec)
