"""``calcidx ingest PATH...``: many case reports into the registry, in parallel, resumable."""

from __future__ import annotations

import json
import os
from typing import Annotated, Any

import typer

from calcidx.errors import InputError

__all__ = ["ingest_command", "register"]


def _progress_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="files, folders or globs: .txt .pdf .html .xml(.gz) .jsonl")],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="worker processes (default: CPU count; 0: this process)")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="a Dask scheduler, tcp://HOST:PORT (instead of local workers)")
    ] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="re-read documents stored under another pipeline stamp (keeps history)")
    ] = False,
    database: Annotated[
        str | None, typer.Option("--database", help="registry URL (default: CALCIDX_DATABASE_URL or the user file)")
    ] = None,
    output: Annotated[str, typer.Option("--format", "-f", help="summary as text or json")] = "text",
    batch_size: Annotated[int, typer.Option("--batch-size", help="documents stored per transaction")] = 64,
) -> None:
    """Read, assess and store every case report under PATH... (idempotent; safe to interrupt and rerun)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from calcidx.registry.database import open_registry, redact
    from calcidx.registry.ingest import RunSummary, ingest

    if output not in ("text", "json"):
        raise InputError(f"--format {output!r} is not allowed; use text or json")
    if batch_size < 1:
        raise InputError(f"--batch-size {batch_size}: give a positive number of documents per transaction")
    count = (os.cpu_count() or 1) if workers is None else workers
    registry = open_registry(database)
    console = _progress_console()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("stored {task.fields[stored]} skipped {task.fields[skipped]} failed {task.fields[failed]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    task = progress.add_task("ingest", total=None, rate="-", stored=0, skipped=0, failed=0)

    def on_progress(done: int, total: int | None, summary: RunSummary) -> None:
        elapsed = progress.tasks[0].elapsed or 0.0
        rate = f"{done / elapsed:,.0f}" if elapsed > 0 else "-"
        progress.update(
            task,
            completed=done,
            total=total,
            rate=rate,
            stored=summary.stored,
            skipped=summary.skipped,
            failed=summary.failed,
        )

    try:
        with progress:
            summary = ingest(
                paths,
                registry,
                workers=count,
                scheduler=scheduler,
                reprocess=reprocess,
                batch_size=batch_size,
                on_progress=on_progress,
            )
    finally:
        registry.close()
    if output == "json":
        typer.echo(json.dumps({**summary.as_dict(), "database": redact(registry.url)}, indent=1))
        return
    rate = summary.processed / summary.seconds if summary.seconds else 0.0
    typer.echo(
        f"run {summary.run_id} ({summary.backend}, {summary.workers} worker(s), stamp {summary.stamp}) "
        f"into {redact(registry.url)}"
    )
    typer.echo(
        f"  seen {summary.seen:,}  stored {summary.stored:,}  unchanged {summary.unchanged:,}  "
        f"skipped by pre-filter {summary.skipped:,}  failed {summary.failed:,}  "
        f"duplicates flagged {summary.duplicates:,}"
    )
    typer.echo(f"  {summary.seconds:.1f} s, {rate:,.1f} documents read per second")
    for location in summary.skipped_examples[:5]:
        typer.echo(f"  skipped: {location}")
    if summary.skipped > 5:
        typer.echo("  (every skipped article: calcidx series --list skipped)")
    for location, reason in summary.failures[:10]:
        typer.echo(f"  failed: {location}: {reason}")
    if summary.failed > 10:
        typer.echo("  (every failure: calcidx series --list failed)")


def register(app: typer.Typer) -> None:
    """Add ``ingest`` to ``app``."""
    app.command("ingest")(ingest_command)
