"""The ``calcidx`` command: thin wrappers over library functions.

Exit codes: 0 success, 1 bad input (one clear line on stderr), 2 internal error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from calcidx.cli.inputs import expand_paths
from calcidx.cli.output import echo, progress, to_json
from calcidx.errors import CalcidxError, InputError, KnowledgeError
from calcidx.settings import Settings, load_settings

if TYPE_CHECKING:
    from calcidx.assess.model import AssessedDocument
    from calcidx.runtime import Runtime

__all__ = ["COMMAND_MODULES", "app", "main"]

#: Modules that add commands, each with ``register(app)``: one line per module.
COMMAND_MODULES: tuple[str, ...] = (
    "calcidx.cli.extract_cmd",
    "calcidx.cli.eval_cmd",
    "calcidx.cli.monograph_cmd",
    "calcidx.cli.serve_cmd",
    "calcidx.cli.ingest_cmd",
    "calcidx.cli.series_cmd",
    "calcidx.cli.export_cmd",
)

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


class ModeOption(StrEnum):
    auto = "auto"
    note = "note"
    article = "article"


def _version(value: bool) -> None:
    if value:
        from calcidx import __version__

        echo(f"calcidx {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Cited, explainable assessment of calcinosis cutis. Supports clinicians; never replaces their judgement."""


def _render(doc: AssessedDocument, fmt: ReportFormat, *, many: bool) -> None:
    if fmt is ReportFormat.json:
        # one document per line (JSON Lines) when several inputs were given
        echo(to_json(doc, indent=None if many else 2))
    elif fmt is ReportFormat.markdown:
        from calcidx.render.report import markdown_report

        echo(markdown_report(doc), newline=False)
    else:
        from calcidx.render.report import print_report

        print_report(doc)


def runtime_for(settings: Settings) -> Runtime:
    """The process runtime, built from the validated settings."""
    from calcidx.runtime import RuntimeSpec, get_runtime

    # A one-shot command builds the extractor only when a report (not a Case JSON) arrives.
    return get_runtime(RuntimeSpec(knowledge_dir=settings.knowledge_dir, eager=False))


@app.command()
def assess(
    paths: Annotated[
        list[str],
        typer.Argument(help="Case JSON, text, Markdown, PDF, HTML or PubMed XML files, folders, or '-' for stdin"),
    ],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="text, json or markdown")] = ReportFormat.text,
    mode: Annotated[
        ModeOption, typer.Option("--mode", help="note: the text is one patient; article/auto: find the patients")
    ] = ModeOption.auto,
    skip_inherited: Annotated[
        bool | None, typer.Option("--skip-inherited/--with-inherited", help="leave HPO-ranked syndromes out")
    ] = None,
) -> None:
    """Assess cases (or every patient of a case report) and print the reports; one runtime for all inputs."""
    from calcidx.service import AssessOptions, assess_input, read_source

    settings = load_settings()
    files = expand_paths(paths)
    runtime = runtime_for(settings)
    skip = settings.skip_inherited_differential if skip_inherited is None else skip_inherited
    options = AssessOptions(skip_inherited_differential=skip)
    many = len(files) > 1
    failed = 0
    for path in progress(files, label="assessing"):
        try:
            source = read_source(path, limit=settings.max_input_bytes)
            doc = assess_input(source.data, filename=source.name, mode=mode.value, options=options, runtime=runtime)
        except InputError as exc:
            if not many:
                raise
            failed += 1
            typer.echo(f"error: {exc}", err=True)
            continue
        _render(doc, format, many=many)
    if failed:
        raise typer.Exit(1)


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
    from calcidx.assess.inherited import check_index_file
    from calcidx.knowledge.loader import load_bundle
    from calcidx.knowledge.validate import validate_bundle

    report = validate_bundle()
    problems = [*report.problems, *(check_index_file(load_bundle()) if report.ok else [])]
    if problems:
        for problem in problems:
            typer.echo(f"problem: {problem}", err=True)
        raise typer.Exit(code=1)
    counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    typer.echo(
        f"knowledge {report.bundle_version} valid against HPO {report.hpo_release}: {counts}; "
        "shipped HPO candidate index matches"
    )
    for note in report.notes:
        typer.echo(f"note: {note}")


@knowledge_app.command("info")
def knowledge_info() -> None:
    """Print the bundle's name, version and HPO release."""
    from calcidx.knowledge.loader import load_bundle

    info = load_bundle().info
    typer.echo(
        f"{info.name} {info.version} (released {info.released}); HPO {info.hpo_release} via hpo3 {info.hpo3_version}"
    )


def _register_commands() -> None:
    """Add the commands of ``COMMAND_MODULES``."""
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app)


def _route_warnings_to_log() -> None:
    """Third-party warnings (pypdf's, Python ``warnings``) go to a log, never to stderr, which
    holds at most the one line that says what went wrong. ``CALCIDX_LOG_DIR`` names the folder of
    ``calcidx.log``; without it they are dropped."""
    logging.captureWarnings(True)
    root = logging.getLogger()
    root.setLevel(logging.WARNING)
    handler: logging.Handler = logging.NullHandler()
    folder = os.environ.get("CALCIDX_LOG_DIR")
    if folder:
        try:
            os.makedirs(folder, exist_ok=True)
            handler = logging.FileHandler(os.path.join(folder, "calcidx.log"), encoding="utf-8")
        except OSError:
            pass
    root.handlers[:] = [handler]


def _quiet_broken_pipe() -> None:
    """The reader of stdout went away (``| head``): stop quietly, without a second error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    sys.exit(0)


def main() -> None:
    """Entry point: run the app, turning errors into one line and an exit code."""
    _route_warnings_to_log()
    _register_commands()
    try:
        load_settings()  # validated at start-up: a bad CALCIDX_* variable is one line, exit 1
        code = app(standalone_mode=False)
        sys.stdout.flush()
        sys.exit(code if isinstance(code, int) else 0)
    except BrokenPipeError:
        _quiet_broken_pipe()
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
        # Running a group without arguments prints its help (no "error:" line).
        if type(exc).__name__ == "NoArgsIsHelpError":
            ctx = getattr(exc, "ctx", None)
            echo(ctx.get_help() if ctx is not None else "")
            sys.exit(0)
        # Usage errors (bad option values, missing arguments) come from click; they carry
        # format_message() and an exit code.
        format_message = getattr(exc, "format_message", None)
        if callable(format_message) and hasattr(exc, "exit_code"):
            message = " ".join(str(format_message()).split())
            typer.echo(f"error: {message or 'bad arguments; see calcidx --help'}", err=True)
            sys.exit(1)
        if os.environ.get("CALCIDX_DEBUG"):
            raise
        typer.echo(f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}", err=True)
        sys.exit(2)
