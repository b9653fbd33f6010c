"""``calcidx eval DIR``: score extraction against NAME.gold.json files, as a table plus the misses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["eval_command", "register"]


def eval_command(
    folder: Annotated[Path, typer.Argument(help="folder of NAME.txt (or .pdf/.html/.xml) + NAME.gold.json")],
    misses: Annotated[bool, typer.Option("--misses/--no-misses", help="list every disagreement")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="print the counts and misses as JSON")] = False,
) -> None:
    """Per-field accuracy (kind, cases, age, sex, subtypes, sub-form, associated condition, labs, treatments)
    against gold files."""
    from rich.console import Console

    from calcidx.evaluation.evaluate import FIELDS, evaluate_dir, render_report

    report = evaluate_dir(folder)
    if as_json:
        payload = {
            "documents": report.documents,
            "unreadable": report.failed,
            "subtype_source": report.subtype_source,
            "fields": {n: {"correct": report.correct[n], "total": report.total[n]} for n in FIELDS},
            "misses": [m.__dict__ for m in report.misses],
        }
        typer.echo(json.dumps(payload, indent=1))
        return
    console = Console()
    for renderable in render_report(report, show_misses=misses):
        console.print(renderable)


def register(app: typer.Typer) -> None:
    """Add ``eval`` to ``app``."""
    app.command("eval")(eval_command)
