"""``calcidx monograph``: the cited disease page, generated from the knowledge base."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from calcidx.errors import InputError

__all__ = ["FORMATS", "monograph", "register"]

FORMATS: tuple[Literal["md", "html"], ...] = ("md", "html")


def monograph(
    format: Annotated[str, typer.Option("--format", "-f", help="md (Markdown) or html (standalone page)")] = "md",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write to FILE instead of stdout")] = None,
    subtype: Annotated[str | None, typer.Option("--subtype", help="one subtype's page, e.g. dystrophic")] = None,
) -> None:
    """Print the disease monograph: every sentence cites the numbered reference list."""
    from calcidx.knowledge.loader import load_bundle
    from calcidx.render.monograph import render_monograph

    bundle = load_bundle()
    fmt = format.strip().lower()
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise InputError(f"--format {format!r} is not allowed; use one of: {', '.join(FORMATS)}")
    if subtype is not None and subtype not in bundle.subtypes:
        allowed = ", ".join(bundle.subtypes)
        raise InputError(f"--subtype {subtype!r} is not a subtype; use one of: {allowed}")
    text = render_monograph(bundle, fmt="html" if fmt == "html" else "md", subtype=subtype)
    if out is None:
        typer.echo(text, nl=False)
        return
    if out.is_dir():
        raise InputError(f"--out {str(out)!r} is a folder; give a file name")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--out {str(out)!r}: cannot write ({exc.strerror})") from exc
    typer.echo(f"wrote {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add the ``monograph`` command to ``app``."""
    app.command("monograph")(monograph)
