"""``calcidx extract PATH|-``: a report (text, PDF, HTML, PubMed/PMC XML) -> structured cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from calcidx.errors import InputError

if TYPE_CHECKING:
    from calcidx.case.model import Document
    from calcidx.extract.readers import ReadResult

__all__ = ["FORMATS", "extract_command", "read_input", "register", "render_text"]

FORMATS = ("json", "text")


def read_input(path: str) -> ReadResult:
    """Read PATH (or stdin for '-') with the report readers."""
    from calcidx.extract.readers import read_path, read_stdin

    return read_stdin() if path == "-" else read_path(Path(path))


def extract_path(path: str, mode: str = "auto") -> Document:
    """Read PATH (or '-') and extract its cases, carrying the reader's metadata and warnings."""
    from calcidx.extract.pipeline import extract

    result = read_input(path)
    document = extract(result.text, source=result.source, format=result.format, title=result.title, mode=mode)
    info = document.document.model_copy(
        update={
            "doi": result.doi or document.document.doi,
            "pmid": result.pmid or document.document.pmid,
        }
    )
    return document.model_copy(update={"document": info, "warnings": [*result.warnings, *document.warnings]})


def render_text(document: Document) -> str:
    """A short human-readable summary of an extracted document."""
    info = document.document
    lines = [f"{info.kind}  ({info.characters:,} characters, {len(document.cases)} patient(s))"]
    if info.title:
        lines.append(f"title: {info.title}")
    for case in document.cases:
        patient = case.patient
        age = f"{patient.age_years:g} y" if patient.age_years is not None else (patient.age_text or "age ?")
        lines.append(f"\npatient {case.patient_index}: {age}, {patient.sex or 'sex ?'}")
        if case.diagnosis_as_written:
            stated = ", ".join(x for x in (case.stated_subtype, case.stated_subform) if x)
            lines.append(f"  diagnosis as written: {case.diagnosis_as_written}" + (f"  [{stated}]" if stated else ""))
        for lesion in case.lesions:
            morph = f" ({', '.join(lesion.morphology)})" if lesion.morphology else ""
            lines.append(f"  lesion: {lesion.site}{morph}")
        for finding in [*case.findings, *case.exposures]:
            trigger = f'  <- "{finding.trigger}"' if finding.trigger else ""
            lines.append(f"  {finding.assertion:<12} {finding.concept}{trigger}")
        for lab in case.labs:
            value = f" {lab.comparator or ''}{lab.value:g} {lab.unit or ''}".rstrip() if lab.value is not None else ""
            lines.append(f"  lab: {lab.analyte}{value} -> {lab.interpretation or '?'}")
        for obs in [*case.imaging, *case.histology]:
            concepts = f" [{', '.join(obs.concepts)}]" if obs.concepts else ""
            lines.append(f"  {obs.modality}: {obs.text[:100]}{concepts}")
        for treatment in case.treatments:
            lines.append(f"  treatment ({treatment.status}): {treatment.name}")
        if case.outcome:
            lines.append(f"  outcome: {case.outcome[:120]}")
    for warning in document.warnings:
        lines.append(f"warning: {warning}")
    if document.knowledge:
        k = document.knowledge
        lines.append(f"\nknowledge {k.bundle} {k.bundle_version}; HPO {k.hpo_release}")
    return "\n".join(lines) + "\n"


def extract_command(
    path: Annotated[str, typer.Argument(help="report file (.txt .md .pdf .html .xml) or '-' for stdin")],
    format: Annotated[str, typer.Option("--format", "-f", help="json (a Document) or text")] = "json",
    mode: Annotated[
        str,
        typer.Option(
            "--mode",
            help="article (a published report: find its patients), note (a clinical note or form: one "
            "patient), or auto (decide from the text)",
        ),
    ] = "auto",
) -> None:
    """Read a case report into structured cases, every fact with its evidence."""
    from calcidx.extract.pipeline import MODES

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"--format {format!r} is not allowed; use one of: {', '.join(FORMATS)}")
    if mode.strip().lower() not in MODES:
        raise InputError(f"--mode {mode!r} is not allowed; use one of: {', '.join(MODES)}")
    document = extract_path(path, mode.strip().lower())
    if fmt == "json":
        typer.echo(json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=1))
    else:
        typer.echo(render_text(document), nl=False)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to ``app``."""
    app.command("extract")(extract_command)
