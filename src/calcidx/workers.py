"""Running the service in worker processes: a process pool or a Dask cluster, same code path.

Workers never receive a pickled runtime (a spaCy pipeline does not survive that): they receive
the small ``RuntimeSpec`` and build their own runtime from it once, in the pool's initializer or
in the Dask worker plugin. Tasks take and return plain bytes and JSON strings.

Example::

    with process_pool(RuntimeSpec(), workers=4) as pool:
        outputs = list(pool.map(assess_bytes, inputs))
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from calcidx.runtime import RuntimeSpec, get_runtime, init_worker

__all__ = ["assess_bytes", "extract_bytes", "init_worker", "process_pool", "runtime_plugin"]


def assess_bytes(data: bytes, filename: str | None = None, media_type: str | None = None) -> str:
    """Assess one input with this process's runtime; the ``AssessedDocument`` as JSON."""
    from calcidx.service import assess_input

    return assess_input(data, media_type, filename=filename, runtime=get_runtime()).model_dump_json()


def extract_bytes(data: bytes, filename: str | None = None, media_type: str | None = None) -> str:
    """Extract one input with this process's runtime; the ``Document`` as JSON."""
    from calcidx.service import extract_input

    return extract_input(data, media_type, filename=filename, runtime=get_runtime()).model_dump_json()


def process_pool(spec: RuntimeSpec, *, workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` fresh processes (spawned), each building its runtime from ``spec``."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(spec,),
    )


def runtime_plugin(spec: RuntimeSpec) -> Any:
    """A Dask ``WorkerPlugin`` that builds each worker's runtime from ``spec`` when it starts
    (``client.register_plugin(runtime_plugin(spec))``; needs ``calcidx[cluster]``)."""
    from calcidx.cluster import RuntimePlugin

    return RuntimePlugin(spec)
