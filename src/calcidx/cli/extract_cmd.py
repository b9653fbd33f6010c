"""``calcidx extract PATH|-``: a report (text, PDF, HTML, PubMed/PMC XML) -> structured cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from calcidx.errors import InputError
from calcidx.render.age import age_label

if TYPE_CHECKING:
    from calcidx.case.model import Document
    from calcidx.service import Mode

__all__ = ["FORMATS", "extract_command", "extract_path", "register", "render_text"]

FORMATS = ("json", "text")
MODES = ("auto", "note", "article")


def extract_path(path: str, *, mode: Mode = "auto") -> Document:
    """Read PATH (or '-') through the service's bounded front door and extract its cases."""
    from calcidx.cli.main import runtime_for
    from calcidx.service import extract_input, read_source
    from calcidx.settings import load_settings

    settings = load_settings()
    source = read_source(path, limit=settings.max_input_bytes)
    return extract_input(source.data, filename=source.name, mode=mode, runtime=runtime_for(settings))


def render_text(document: Document) -> str:
    """A short human-readable summary of an extracted document."""
    info = document.document
    lines = [f"{info.kind}  ({info.characters:,} characters, {len(document.cases)} patient(s))"]
    if info.title:
        lines.append(f"title: {info.title}")
    for case in document.cases:
        patient = case.patient
        age = age_label(patient.age_years, patient.age_text, unknown="age ?")
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
    paths: Annotated[
        list[str], typer.Argument(help="report files (.txt .md .pdf .html .xml), folders, or '-' for stdin")
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="json (a Document) or text")] = "json",
    mode: Annotated[str, typer.Option("--mode", help="auto, note (one patient) or article")] = "auto",
) -> None:
    """Read case reports into structured cases, every fact with its evidence (many inputs: JSON Lines)."""
    from calcidx.cli.inputs import expand_paths
    from calcidx.cli.output import echo, progress, to_json

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"--format {format!r} is not allowed; use one of: {', '.join(FORMATS)}")
    if mode not in MODES:
        raise InputError(f"--mode {mode!r} is not allowed; use one of: {', '.join(MODES)}")
    files = expand_paths(paths)
    many = len(files) > 1
    failed = 0
    for path in progress(files, label="extracting"):
        try:
            document = extract_path(path, mode=mode)  # type: ignore[arg-type]
        except InputError as exc:
            if not many:
                raise
            failed += 1
            typer.echo(f"error: {exc}", err=True)
            continue
        if fmt == "json":
            echo(to_json(document, indent=None if many else 1))
        else:
            echo(render_text(document), newline=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to ``app``."""
    app.command("extract")(extract_command)
