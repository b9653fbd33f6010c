"""Ingestion: many documents in, one provenance-linked record per document out.

The main process streams the inputs (``sources``), pre-filters container articles, skips what the
registry already holds, hands the rest to a backend (local processes or a Dask cluster) a few
documents per task (a partial chunk goes at once when a worker would otherwise wait), and is
the one writer: results are stored in batches, one transaction each (``store``). Running again
with the same input adds nothing; ``reprocess=True`` re-reads documents stored under another
pipeline stamp and keeps the old extraction as history. After a crash, the next run stores what
is missing and nothing twice.
"""

from __future__ import annotations

import gzip
import os
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from calcidx.registry import models as m
from calcidx.registry.database import Registry
from calcidx.registry.executors import Backend, make_backend
from calcidx.registry.pipeline import pipeline_stamp
from calcidx.registry.prefilter import default_prefilter
from calcidx.registry.sources import Broken, Item, Skip, expand_paths, iter_documents
from calcidx.registry.store import known_state, store_batch
from calcidx.registry.worker import Result

__all__ = ["RunSummary", "count_documents", "ingest"]

#: Results stored per transaction, and the longest a result waits for its batch (seconds).
BATCH_SIZE = 64
BATCH_SECONDS = 2.0


@dataclass
class RunSummary:
    """What one ingestion run did."""

    run_id: int
    stamp: str
    backend: str
    workers: int
    seen: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped_examples: list[str] = field(default_factory=list)
    duplicates: int = 0

    @property
    def processed(self) -> int:
        """Documents read by a worker in this run (stored or failed)."""
        return self.stored + self.failed

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "run_id": self.run_id,
            "stamp": self.stamp,
            "backend": self.backend,
            "workers": self.workers,
            "seen": self.seen,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": self.failed,
            "duplicates_flagged": self.duplicates,
            "seconds": round(self.seconds, 3),
            "failures": [{"location": loc, "reason": reason} for loc, reason in self.failures],
        }


def count_documents(paths: Sequence[Path]) -> int:
    """How many documents ``paths`` hold (articles of XML sets, lines of JSONL): for the progress bar."""
    total = 0
    for path in paths:
        name = path.name.lower().removesuffix(".gz")
        if not name.endswith((".xml", ".nxml", ".jsonl")):
            total += 1
            continue
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        count = 0
        tail = b""
        try:
            with opener(path, "rb") as handle:
                while chunk := handle.read(1 << 20):
                    block = tail + chunk
                    if name.endswith(".jsonl"):
                        count += chunk.count(b"\n")
                    else:
                        count += block.count(b"<PubmedArticle>") + block.count(b"<article ") + block.count(b"<article>")
                        tail = block[-16:]
                        count -= tail.count(b"<PubmedArticle>") + tail.count(b"<article ") + tail.count(b"<article>")
                if not name.endswith(".jsonl"):
                    count += tail.count(b"<PubmedArticle>") + tail.count(b"<article ") + tail.count(b"<article>")
        except (OSError, EOFError):
            count = 1
        total += max(count, 1)
    return total


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _close_stale_runs(registry: Registry) -> None:
    """Runs left 'running' by a process of this host that no longer exists were interrupted."""
    host = socket.gethostname()
    with registry.session() as session:
        for run in session.scalars(select(m.IngestionRun).where(m.IngestionRun.status == "running")):
            if run.host == host and run.pid is not None and not _pid_alive(run.pid):
                run.status = "interrupted"


def ingest(
    paths: Sequence[str],
    registry: Registry,
    *,
    workers: int = 1,
    scheduler: str | Any | None = None,
    reprocess: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int, int | None, RunSummary], None] | None = None,
) -> RunSummary:
    """Ingest every document under ``paths`` into ``registry``.

    Args:
        paths: files, folders (searched recursively) and glob patterns.
        registry: the open registry (the one writer).
        workers: local worker processes (0: in this process); ignored with ``scheduler``.
        scheduler: a Dask scheduler address (``tcp://HOST:PORT``) or a ``distributed.Client``.
        reprocess: re-read documents stored under another pipeline stamp (history is kept).
        batch_size: results per transaction.
        on_progress: called as ``(done, total, summary)`` after each result (total may be None).

    Returns:
        The run's counts, failures (location, reason) and a few skipped examples.

    Raises:
        InputError: a path does not exist or holds nothing ingestible; the scheduler is unreachable.
    """
    files = expand_paths(paths)
    stamp = pipeline_stamp()
    prefilter = default_prefilter()
    _close_stale_runs(registry)
    with registry.session() as session:
        run = m.IngestionRun(
            stamp=stamp,
            inputs=[str(p) for p in paths],
            workers=workers,
            scheduler=scheduler if isinstance(scheduler, str) else (None if scheduler is None else "client"),
            reprocess=reprocess,
            host=socket.gethostname(),
            pid=os.getpid(),
        )
        session.add(run)
        session.flush()
        run_id = run.id
        current, known_skips = known_state(session)
    total = count_documents(files)
    backend: Backend = make_backend(workers, scheduler)
    summary = RunSummary(run_id=run_id, stamp=stamp, backend=backend.name, workers=backend.slots)
    started = time.perf_counter()
    results: list[Result | Broken] = []
    skips: list[Skip] = []
    pending: set[Any] = set()
    submitted: set[str] = set()
    chunk: list[Item] = []  # documents for the next task
    last_flush = time.monotonic()
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, total, summary)

    def flush() -> None:
        nonlocal last_flush
        if not results and not skips:
            return
        with registry.session() as session:
            counts = store_batch(session, results, skips, run_id=run_id, stamp=stamp)
            row = session.get_one(m.IngestionRun, run_id)
            row.seen = summary.seen
            row.stored += counts["stored"]
            row.failed += counts["failed"]
            row.skipped += counts["skipped"]
            row.unchanged = summary.unchanged + counts["unchanged"]
        summary.stored += counts["stored"]
        summary.failed += counts["failed"]
        summary.skipped += counts["skipped"]
        summary.unchanged += counts["unchanged"]
        for result in results:
            reason = result.reason if isinstance(result, Broken) else result.error
            if (isinstance(result, Broken) or result.status == "failed") and len(summary.failures) < 50:
                summary.failures.append((result.location, reason or "unknown"))
            if isinstance(result, Result) and result.status == "skipped" and len(summary.skipped_examples) < 20:
                summary.skipped_examples.append(result.location)
        for skip in skips:
            if len(summary.skipped_examples) < 20:
                summary.skipped_examples.append(skip.location)
        results.clear()
        skips.clear()
        last_flush = time.monotonic()

    def take(finished: set[Any]) -> None:
        for future in finished:
            for result in future.result():
                results.append(result)
                tick()
        if len(results) + len(skips) >= batch_size or time.monotonic() - last_flush > BATCH_SECONDS:
            flush()

    def collect(timeout: float) -> None:
        nonlocal pending
        finished, pending = backend.wait(pending, timeout)
        take(finished)

    def harvest() -> int:
        """Take the results of finished tasks without waiting; how many tasks are still running."""
        finished = {future for future in pending if future.done()}
        if finished:
            pending.difference_update(finished)
            take(finished)
        return len(pending)

    def dispatch() -> None:
        nonlocal chunk
        if chunk:
            pending.add(backend.submit(chunk))
            chunk = []

    max_pending = max(1, backend.queue)
    try:
        for entry in iter_documents(files, prefilter.check):
            summary.seen += 1
            if isinstance(entry, Skip):
                if entry.id in known_skips:
                    summary.skipped += 1
                else:
                    known_skips.add(entry.id)
                    skips.append(entry)
                tick()
            elif entry.id in known_skips and not reprocess:
                summary.skipped += 1
                tick()
            elif entry.id in submitted or current.get(entry.id) == stamp or (entry.id in current and not reprocess):
                summary.unchanged += 1
                tick()
            elif isinstance(entry, Broken):
                submitted.add(entry.id)
                results.append(entry)
                tick()
            else:
                assert isinstance(entry, Item)
                submitted.add(entry.id)
                chunk.append(entry)
                # a full chunk goes; so does a partial one when a worker would otherwise idle
                if len(chunk) >= backend.chunk or harvest() < backend.slots:
                    dispatch()
            while len(pending) >= max_pending:
                collect(0.5)
            if len(results) + len(skips) >= batch_size or time.monotonic() - last_flush > BATCH_SECONDS:
                flush()
        dispatch()
        while pending:
            collect(0.5)
        flush()
    except BaseException:
        with registry.session() as session:
            session.get_one(m.IngestionRun, run_id).status = "interrupted"
        raise
    finally:
        backend.close()
    from calcidx.registry.duplicates import mark_duplicates

    summary.duplicates = mark_duplicates(registry)
    summary.seconds = time.perf_counter() - started
    with registry.session() as session:
        row = session.get_one(m.IngestionRun, run_id)
        row.status = "completed"
        row.finished_at = datetime.now(UTC)
        row.seen = summary.seen
        row.unchanged = summary.unchanged
        row.skipped = summary.skipped
    return summary
