"""The ``calcidx`` command: thin wrappers over library functions.

Exit codes: 0 success, 1 bad input (one clear line on stderr), 2 internal error.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from calcidx.errors import CalcidxError, InputError, KnowledgeError

__all__ = ["app", "main"]

app = typer.Typer(
    name="calcidx",
    help="Cited, explainable assessment of calcinosis cutis. Supports clinicians; never replaces their judgement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
knowledge_app = typer.Typer(help="Inspect and validate the knowledge bundle.", no_args_is_help=True)
schema_app = typer.Typer(help="Print published JSON Schemas.", no_args_is_help=True)
app.add_typer(knowledge_app, name="knowledge")
app.add_typer(schema_app, name="schema")


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _read_input(path: str) -> tuple[str, str, list[str]]:
    """(text, format, warnings) of PATH or '-' (stdin). JSON stays JSON; reports go through readers."""
    if path == "-":
        data = sys.stdin.buffer.read()
        stripped = data.lstrip()
        if stripped.startswith(b"{"):
            return data.decode("utf-8", errors="replace"), "json", []
        from calcidx.extract.readers import read_bytes

        result = read_bytes(data, name="<stdin>")
        return result.text, result.format, list(result.warnings)
    file = Path(path)
    if not file.exists():
        raise InputError(f"{path}: no such file")
    if file.is_dir():
        raise InputError(f"{path}: is a folder; give a file (Case JSON, text, PDF, HTML or XML) or '-'")
    if file.suffix.lower() == ".json":
        return file.read_text(encoding="utf-8", errors="replace"), "json", []
    from calcidx.extract.readers import read_path

    result = read_path(file)
    return result.text, result.format, list(result.warnings)


@app.command()
def assess(
    path: Annotated[str, typer.Argument(help="Case JSON, text, Markdown, PDF, HTML or PubMed XML; '-' for stdin")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text, json or markdown")] = ReportFormat.text,
) -> None:
    """Assess a case (or every patient of a case report) and print the report."""
    from calcidx.assess.api import assess as run_assess
    from calcidx.case.io import check_case, load_json_input
    from calcidx.case.model import Case, Document
    from calcidx.knowledge.loader import load_bundle

    text, fmt, warnings = _read_input(path)
    bundle = load_bundle()
    target: Case | Document
    if fmt == "json":
        target = load_json_input(text, path)
        cases = [target] if isinstance(target, Case) else target.cases
        for index, case in enumerate(cases):
            check_case(case, bundle, where=path if isinstance(target, Case) else f"{path}: cases[{index}]")
    else:
        from calcidx.extract.pipeline import extract

        document = extract(text)
        document.document.format = fmt
        document.warnings.extend(warnings)
        target = document
    doc = run_assess(target, bundle=bundle)
    if format is ReportFormat.json:
        typer.echo(json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False))
    elif format is ReportFormat.markdown:
        from calcidx.render.report import markdown_report

        typer.echo(markdown_report(doc), nl=False)
    else:
        from calcidx.render.report import print_report

        print_report(doc)


@schema_app.command("case")
def schema_case() -> None:
    """Print the JSON Schema of a Case."""
    from calcidx.case.model import Case

    typer.echo(json.dumps(Case.model_json_schema(), indent=2))


@schema_app.command("assessment")
def schema_assessment() -> None:
    """Print the JSON Schema of an AssessedDocument."""
    from calcidx.assess.model import AssessedDocument

    typer.echo(json.dumps(AssessedDocument.model_json_schema(), indent=2))


@knowledge_app.command("validate")
def knowledge_validate() -> None:
    """Check the knowledge bundle: schema, references, cross-references, HPO ids, unique ids."""
    from calcidx.knowledge.validate import validate_bundle

    report = validate_bundle()
    if not report.ok:
        for problem in report.problems:
            typer.echo(f"problem: {problem}", err=True)
        raise typer.Exit(code=1)
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    typer.echo(f"knowledge {report.bundle_version} valid against HPO {report.hpo_release}: {counts}")


@knowledge_app.command("info")
def knowledge_info() -> None:
    """Print the bundle's name, version and HPO release."""
    from calcidx.knowledge.loader import load_bundle

    info = load_bundle().info
    typer.echo(
        f"{info.name} {info.version} (released {info.released}); HPO {info.hpo_release} via hpo3 {info.hpo3_version}"
    )


def _register_commands() -> None:
    """Commands owned by other modules (extract, eval, monograph, serve)."""
    from calcidx.cli import eval_cmd, extract_cmd, monograph_cmd, serve_cmd

    for module in (extract_cmd, eval_cmd, monograph_cmd, serve_cmd):
        module.register(app)


def main() -> None:
    """Entry point: run the app, turning errors into one line and an exit code."""
    _register_commands()
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except KnowledgeError as exc:
        typer.echo(f"knowledge error: {exc}", err=True)
        sys.exit(2)
    except CalcidxError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except Exception as exc:
        # Usage errors (bad option values, missing arguments) come from the click that typer
        # vendors; they carry format_message() and an exit code.
        format_message = getattr(exc, "format_message", None)
        if callable(format_message) and hasattr(exc, "exit_code"):
            typer.echo(f"error: {format_message()}", err=True)
            sys.exit(1)
        if os.environ.get("CALCIDX_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
