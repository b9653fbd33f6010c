"""``calcidx export --to fhir|phenopacket INPUT [--out FILE]``: any input ``assess`` takes, assessed
and written as a FHIR R4 Bundle or a GA4GH Phenopacket v2 (a JSON list when it holds several
patients)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from calcidx.errors import InputError

__all__ = ["ExportFormat", "export_command", "register"]


class ExportFormat(StrEnum):
    fhir = "fhir"
    phenopacket = "phenopacket"


def export_command(
    path: Annotated[
        str, typer.Argument(help="Case JSON, FHIR Bundle, Phenopacket, text, PDF, HTML or XML; '-' = stdin")
    ],
    to: Annotated[ExportFormat, typer.Option("--to", help="fhir (R4 Bundle) or phenopacket (GA4GH v2)")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="write here instead of standard output")] = None,
) -> None:
    """Assess INPUT and export it as a FHIR R4 Bundle or a GA4GH Phenopacket v2."""
    import calcidx.interop as interop
    from calcidx.service import assess_input, read_source
    from calcidx.settings import load_settings

    settings = load_settings()
    source = read_source(path, limit=settings.max_input_bytes)
    document = assess_input(source.data, filename=source.name)
    if not document.cases:
        raise InputError(f"{path}: no patient found to export")
    payload: Any
    if to is ExportFormat.fhir:
        payload = interop.to_fhir_bundle(document)
    else:
        packets = interop.to_phenopackets(document)
        payload = packets[0] if len(packets) == 1 else packets
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    if out is None:
        typer.echo(text)
        return
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot be written ({exc.strerror})") from exc
    typer.echo(f"wrote {to.value} export of {len(document.cases)} patient(s) to {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app`` (and let ``assess`` read FHIR Bundles and Phenopackets)."""
    import calcidx.interop  # noqa: F401 - registers the FHIR Bundle and Phenopacket input formats

    app.command("export")(export_command)
