"""Writing results: JSON without bare NaN/Infinity, and a progress bar for many inputs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TypeVar

from pydantic import BaseModel

__all__ = ["echo", "progress", "to_json"]

T = TypeVar("T")


def to_json(model: BaseModel, *, indent: int | None = 2) -> str:
    """``model`` as JSON; a non-finite float is written as null (JSON has no NaN or Infinity)."""
    return model.model_dump_json(indent=indent)


def echo(text: str, *, newline: bool = True) -> None:
    """Write to stdout (a closed pipe is handled once, in ``main``)."""
    sys.stdout.write(text + ("\n" if newline else ""))


def progress(items: list[T], *, label: str) -> Iterator[T]:
    """Iterate ``items`` with a Rich progress bar on stderr when there are several and stderr is a
    terminal (never in pipes or logs, where it would be noise)."""
    if len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=len(items))
        for item in items:
            yield item
            bar.advance(task)
