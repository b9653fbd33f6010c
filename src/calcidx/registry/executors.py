"""Where documents are processed: this process, local worker processes, or a Dask cluster.

Every backend runs the same ``worker.process`` on the same ``Item`` and hands back ``Result``s to
the caller, the one writer. Documents travel in small chunks (``Backend.chunk`` per task,
``worker.process_batch``): one task, one pickled message each way and one wake-up of the writer
per chunk rather than per document, which keeps the writer's share of the cores small. Local
workers and Dask workers build the pipeline once, before their first document (a pool
initializer; a Dask worker plugin).
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Collection
from typing import Any, Protocol

from calcidx.errors import InputError
from calcidx.registry.pipeline import init_worker
from calcidx.registry.sources import Item
from calcidx.registry.worker import process_batch

__all__ = ["CHUNK", "Backend", "DaskBackend", "InlineBackend", "LocalBackend", "make_backend"]

#: Documents per task for worker processes: about a tenth of a second of work for typical reports,
#: so the per-task cost (pickling, pipes, futures) is spread thin and results still flow steadily.
CHUNK = 8


class Backend(Protocol):
    """Submit documents; wait for some to finish."""

    name: str
    slots: int
    #: Tasks submitted and not yet collected, at most (keeps memory flat and results flowing).
    queue: int
    #: Documents per task, at most.
    chunk: int

    def submit(self, items: list[Item]) -> Any:
        """Start processing ``items``; returns a future whose ``.result()`` is their ``Result``s, in order."""

    def wait(self, futures: Collection[Any], timeout: float) -> tuple[set[Any], set[Any]]:
        """(done, not done) after at most ``timeout`` seconds or the first completion."""

    def close(self) -> None:
        """Stop the workers (pending work is cancelled)."""


class InlineBackend:
    """Process in this process, one document at a time (``--workers 0``: debugging, small runs)."""

    name = "inline"
    slots = 1
    queue = 1
    chunk = 1

    def __init__(self) -> None:
        init_worker()

    def submit(self, items: list[Item]) -> cf.Future[Any]:
        future: cf.Future[Any] = cf.Future()
        future.set_result(process_batch(items))
        return future

    def wait(self, futures: Collection[Any], timeout: float) -> tuple[set[Any], set[Any]]:
        return set(futures), set()

    def close(self) -> None:
        return None


class LocalBackend:
    """Worker processes on this machine (``ProcessPoolExecutor``; each builds the pipeline once)."""

    name = "local"

    def __init__(self, workers: int, chunk: int = CHUNK) -> None:
        self.slots = workers
        # two chunks per worker: one running, one waiting in the pool's queue
        self.queue = workers * 2
        self.chunk = chunk
        # spawn: workers start clean, never inheriting the writer's open database connections or threads.
        self.pool = cf.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker
        )

    def submit(self, items: list[Item]) -> cf.Future[Any]:
        return self.pool.submit(process_batch, items)

    def wait(self, futures: Collection[Any], timeout: float) -> tuple[set[Any], set[Any]]:
        done, pending = cf.wait(futures, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return set(done), set(pending)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _dask_plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class BuildPipeline(WorkerPlugin):
        """Build the pipeline once on each Dask worker, before its first document."""

        name = "calcidx-pipeline"

        def setup(self, worker: Any) -> None:
            init_worker()

    return BuildPipeline()


class DaskBackend:
    """A Dask cluster (``--scheduler tcp://HOST:PORT``, or a ``distributed.Client`` given by a caller)."""

    name = "dask"

    def __init__(self, scheduler: str | Any) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise InputError("--scheduler needs Dask: pip install 'calcidx[cluster]' (dask[distributed])") from exc

        self.client: Any
        if isinstance(scheduler, str):
            try:
                self.client = Client(scheduler, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise InputError(f"--scheduler {scheduler!r}: cannot reach the Dask scheduler ({exc})") from exc
            self._own = True
        else:
            self.client = scheduler
            self._own = False
        self.client.register_plugin(_dask_plugin())
        threads = self.client.nthreads()
        self.slots = max(1, sum(threads.values()))
        self.queue = self.slots * 2
        self.chunk = CHUNK

    def submit(self, items: list[Item]) -> Any:
        return self.client.submit(process_batch, items, pure=False)

    def wait(self, futures: Collection[Any], timeout: float) -> tuple[set[Any], set[Any]]:
        from distributed import wait

        try:
            done, pending = wait(list(futures), timeout=timeout, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        except TimeoutError:
            return set(), set(futures)
        return set(done), set(pending)

    def close(self) -> None:
        if self._own:
            self.client.close()


def make_backend(workers: int, scheduler: str | Any | None) -> Backend:
    """The backend for ``--workers N`` (0: this process) or ``--scheduler`` (a Dask cluster)."""
    if scheduler is not None:
        return DaskBackend(scheduler)
    if workers < 0:
        raise InputError(f"--workers {workers}: give 0 (this process) or a positive number of worker processes")
    if workers == 0:
        return InlineBackend()
    return LocalBackend(workers)
