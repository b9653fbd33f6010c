"""The same ingestion through local worker processes and a Dask LocalCluster, and a crash mid-run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from sqlalchemy import func, select

from calcidx.registry import models as m
from calcidx.registry.database import Registry, open_registry
from calcidx.registry.ingest import ingest
from tests.registry.synthetic import write_reports


def _per_document(registry: Registry) -> dict[str, tuple[int, int, int]]:
    """document id -> (extractions, cases, labs) of every stored document."""
    with registry.session() as session:
        extractions = dict(
            session.execute(select(m.Extraction.document_id, func.count()).group_by(m.Extraction.document_id)).all()
        )
        cases = dict(session.execute(select(m.Case.document_id, func.count()).group_by(m.Case.document_id)).all())
        labs = dict(
            session.execute(
                select(m.Case.document_id, func.count(m.Lab.id)).join(m.Lab).group_by(m.Case.document_id)
            ).all()
        )
    return {doc: (n, cases.get(doc, 0), labs.get(doc, 0)) for doc, n in extractions.items()}


def test_two_local_worker_processes_store_what_one_process_stores(tmp_path: Path, small_corpus: Path) -> None:
    inline = open_registry(f"sqlite:///{tmp_path / 'inline.sqlite'}")
    pooled = open_registry(f"sqlite:///{tmp_path / 'pooled.sqlite'}")
    try:
        ingest([str(small_corpus)], inline, workers=0)
        summary = ingest([str(small_corpus)], pooled, workers=2, batch_size=2)
        assert summary.backend == "local" and summary.workers == 2
        assert (summary.stored, summary.failed, summary.skipped) == (6, 1, 1)
        assert _per_document(pooled) == _per_document(inline)
    finally:
        inline.close()
        pooled.close()


def test_dask_local_cluster_runs_the_same_code_path(sqlite_registry: Registry, small_corpus: Path) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        summary = ingest([str(small_corpus)], sqlite_registry, scheduler=client)
    assert summary.backend == "dask"
    assert (summary.stored, summary.failed, summary.skipped) == (6, 1, 1)
    with sqlite_registry.session() as session:
        assert session.scalar(select(func.count()).select_from(m.Assessment)) >= 6


def test_kill_9_mid_run_then_resume_stores_every_document_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_reports(corpus, 30, seed=9)
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    open_registry(url).close()
    command = [sys.executable, "-m", "calcidx", "ingest", str(corpus), "--workers", "0", "--batch-size", "2"]
    command += ["--database", url]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and process.poll() is None:
            with closing(sqlite3.connect(tmp_path / "crash.sqlite", timeout=30)) as connection:
                stored = connection.execute("SELECT count(*) FROM extractions").fetchone()[0]
            if stored >= 2:
                break
            time.sleep(0.02)
        assert process.poll() is None, f"the run ended before it could be killed: {process.stderr.read()!r}"  # type: ignore[union-attr]
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 2 <= stored < 30

    registry = open_registry(url)
    try:
        partial = _per_document(registry)
        assert 2 <= len(partial) < 30
        resumed = ingest([str(corpus)], registry, workers=0)
        assert resumed.stored == 30 - len(partial) and resumed.unchanged == len(partial)
        after = _per_document(registry)
        assert len(after) == 30 and all(n == 1 for n, _c, _l in after.values())
        for doc, row in partial.items():
            assert after[doc] == row  # what was stored before the crash was already complete
        with registry.session() as session:
            statuses = list(session.scalars(select(m.IngestionRun.status).order_by(m.IngestionRun.id)))
        assert statuses == ["interrupted", "completed"]
    finally:
        registry.close()
    clean = open_registry(f"sqlite:///{tmp_path / 'clean.sqlite'}")
    try:
        ingest([str(corpus)], clean, workers=0)
        assert _per_document(clean) == after
    finally:
        clean.close()
