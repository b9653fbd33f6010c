"""``calcidx series``: statistics, plots and exports of the case registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from calcidx.errors import InputError

__all__ = ["register", "series_command"]

FORMATS = ("table", "json", "csv", "parquet", "phenopackets")
LISTS = ("skipped", "failed", "duplicates", "runs")
#: the service's concordance labels, in words
_CONCORDANCE = {
    "agrees": "agree",
    "differs": "differ",
    "findings_undecided": "the findings alone do not decide",
    "no_subtype": "no subtype stated",
}


def _print_tables(stats: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from calcidx.registry.series import display_name
    from calcidx.render.age import age_label

    console = Console()

    def counts(title: str, data: dict[str, Any], label: str, *, ids: bool = True) -> None:
        table = Table(title=title, title_justify="left")
        table.add_column(label)
        table.add_column("cases", justify="right")
        for key, value in data.items():
            table.add_row(display_name(str(key)) if ids else str(key), str(value))
        if not data:
            table.add_row("(none)", "0")
        console.print(table)

    console.print(
        f"[bold]{stats['cases']} cases[/] from {stats['documents']} documents "
        f"({stats['duplicates_left_out']} duplicate cases left out)"
    )
    counts("Subtype (pathway)", stats["by_subtype"], "subtype")
    counts("Sub-form", stats["by_subform"], "sub-form")
    age = stats["age"]
    if age.get("known"):
        console.print(
            f"Age: median {age_label(age['median'])} (IQR {age_label(age['q1'])} to {age_label(age['q3'])}, "
            f"range {age_label(age['min'])} to {age_label(age['max'])}); {age['known']} stated, "
            f"{age['unknown']} not stated; by band: "
            + ", ".join(f"{band} years {n}" for band, n in age["bands"].items())
        )
    else:
        console.print("Age: not stated in any case")
    counts("Sex", stats["sex"], "sex", ids=False)
    counts("Body sites (left, right and both counted together)", stats["body_sites"], "site", ids=False)
    counts("Associated conditions", stats["associated_conditions"], "condition")
    treatments = Table(title="Treatments and reported outcomes", title_justify="left")
    treatments.add_column("treatment")
    treatments.add_column("cases", justify="right")
    treatments.add_column("outcomes")
    for name, row in stats["treatments"].items():
        treatments.add_row(
            display_name(name), str(row["cases"]), ", ".join(f"{k} {v}" for k, v in row["outcomes"].items())
        )
    console.print(treatments)
    conc = stats["concordance"]
    if conc["with_stated_diagnosis"]:
        console.print(
            f"Authors' diagnosis vs pathway: {conc['with_stated_diagnosis']} cases state a subtype; "
            f"agree {conc['agree']} ({conc['agreement']:.0%}), disagree {conc['disagree']}, "
            f"pathway undetermined {conc['pathway_undetermined']}"
        )
        if conc["service_labels"]:
            console.print(
                "Concordance as the service labels it: "
                + ", ".join(f"{_CONCORDANCE.get(k, k)} {v}" for k, v in conc["service_labels"].items())
            )
        columns = sorted({c for row in conc["matrix"].values() for c in row})
        matrix = Table(
            title="Concordance (rows: authors' subtype; columns: pathway)",
            title_justify="left",
            caption="; ".join(f"{display_name(c)[:5]} = {display_name(c)}" for c in columns),
            caption_justify="left",
        )
        matrix.add_column("stated")
        for column in columns:
            matrix.add_column(display_name(column)[:5], justify="right")
        for stated, row in conc["matrix"].items():
            matrix.add_row(display_name(stated), *(str(row.get(c, 0)) for c in columns))
        console.print(matrix)
    else:
        console.print("Authors' diagnosis vs pathway: no case states a subtype")


def _print_list(registry: Any, which: str) -> None:
    from sqlalchemy import select

    from calcidx.registry import models as m

    with registry.session() as session:
        if which == "skipped":
            for row in session.scalars(select(m.SkippedArticle).order_by(m.SkippedArticle.location)):
                typer.echo(f"{row.location}\t{row.pmid or ''}\t{row.title or ''}\t{row.reason}")
        elif which == "failed":
            query = (
                select(m.Extraction, m.Document)
                .join(m.Document, m.Document.id == m.Extraction.document_id)
                .where(m.Extraction.current, m.Extraction.status == "failed")
                .order_by(m.Document.source)
            )
            for extraction, document in session.execute(query):
                typer.echo(f"{document.source}\t{extraction.error}")
        elif which == "duplicates":
            duplicates = (
                select(m.Case, m.Document)
                .join(m.Document, m.Document.id == m.Case.document_id)
                .where(m.Case.duplicate_of.is_not(None))
                .order_by(m.Case.id)
            )
            for case, document in session.execute(duplicates):
                typer.echo(
                    f"case {case.id} ({document.source}) duplicates case {case.duplicate_of}: {case.duplicate_reason}"
                )
        else:
            for run in session.scalars(select(m.IngestionRun).order_by(m.IngestionRun.id)):
                typer.echo(
                    f"run {run.id}\t{run.status}\t{run.started_at:%Y-%m-%d %H:%M}\tstamp {run.stamp}\tseen {run.seen}"
                    f"\tstored {run.stored}\tunchanged {run.unchanged}\tskipped {run.skipped}\tfailed {run.failed}"
                )


def series_command(
    format: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, parquet or phenopackets")] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="file for csv/json (stdout if absent) or parquet; phenopackets: a folder (one JSON per case) "
            "or a .jsonl file (stdout if absent)",
        ),
    ] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="write PNG charts into this folder")] = None,
    subtype: Annotated[str | None, typer.Option(help="only this pathway subtype (e.g. dystrophic)")] = None,
    subform: Annotated[str | None, typer.Option(help="only this sub-form id (e.g. scrotal_calcinosis)")] = None,
    age_min: Annotated[float | None, typer.Option("--age-min", help="youngest age in years")] = None,
    age_max: Annotated[float | None, typer.Option("--age-max", help="oldest age in years")] = None,
    sex: Annotated[str | None, typer.Option(help="female or male")] = None,
    year_min: Annotated[int | None, typer.Option("--year-min", help="earliest publication year")] = None,
    year_max: Annotated[int | None, typer.Option("--year-max", help="latest publication year")] = None,
    condition: Annotated[str | None, typer.Option(help="only cases with this associated condition id")] = None,
    include_duplicates: Annotated[
        bool, typer.Option("--include-duplicates", help="keep cases flagged as duplicates")
    ] = False,
    list_: Annotated[
        str | None, typer.Option("--list", help="print skipped, failed, duplicates or runs instead")
    ] = None,
    database: Annotated[
        str | None, typer.Option("--database", help="registry URL (default: CALCIDX_DATABASE_URL or the user file)")
    ] = None,
) -> None:
    """Case-series statistics of the registry, with plots and CSV/Parquet/Phenopacket export."""
    from calcidx.registry.database import open_registry
    from calcidx.registry.series import Filters, load_cases, series_stats

    fmt = format.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"--format {format!r} is not allowed; use one of: {', '.join(FORMATS)}")
    if fmt == "parquet" and output is None:
        raise InputError("--format parquet needs --output FILE.parquet")
    if list_ is not None and list_ not in LISTS:
        raise InputError(f"--list {list_!r} is not allowed; use one of: {', '.join(LISTS)}")
    filters = Filters(
        subtype=subtype,
        subform=subform,
        age_min=age_min,
        age_max=age_max,
        sex=sex,
        year_min=year_min,
        year_max=year_max,
        condition=condition,
        include_duplicates=include_duplicates,
    )
    filters.check()
    registry = open_registry(database)
    try:
        if list_ is not None:
            _print_list(registry, list_)
            return
        cases, left_out = load_cases(registry, filters)
        if fmt == "phenopackets":
            _write_phenopackets(registry, cases, output)
            return
    finally:
        registry.close()
    stats = series_stats(cases, left_out)
    if plot is not None:
        from calcidx.registry.plots import write_plots

        active = ", ".join(f"{k}={v}" for k, v in vars(filters).items() if v not in (None, False))
        for path in write_plots(cases, plot, subtitle=active):
            typer.echo(f"wrote {path}", err=True)
    if fmt == "table":
        _print_tables(stats)
    elif fmt == "json":
        text = json.dumps(stats, indent=1, ensure_ascii=False)
        _emit(text, output)
    elif fmt == "csv":
        from calcidx.registry.export import to_csv

        _emit(to_csv(cases), output)
    else:
        from calcidx.registry.export import write_parquet

        assert output is not None
        write_parquet(cases, output)
        typer.echo(f"wrote {len(cases)} cases to {output}", err=True)


def _write_phenopackets(registry: Any, cases: list[Any], output: Path | None) -> None:
    from calcidx.registry.export import write_phenopackets

    export = write_phenopackets(registry, cases, output)
    for case_id, reason in export.failures[:20]:
        typer.echo(f"case {case_id}: not exported ({reason})", err=True)
    if len(export.failures) > 20:
        typer.echo(f"... and {len(export.failures) - 20} more cases not exported", err=True)
    where = "stdout" if output is None else str(output)
    typer.echo(f"wrote {export.written} Phenopackets to {where}; {len(export.failures)} cases not exported", err=True)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``series`` to ``app``."""
    app.command("series")(series_command)
