"""Assessment reports: a terminal report (Rich) a clinician scans in 30 seconds, and Markdown."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from calcidx.assess.model import AssessedCase, AssessedDocument, Assessment
from calcidx.knowledge.loader import load_bundle

__all__ = ["markdown_report", "print_report", "text_report"]

_COLOURS = {"confirmed": "green", "probable": "yellow", "possible": "red"}


def _who(case: AssessedCase) -> str:
    patient = case.patient
    age = f"{patient.age_years:g} y" if patient.age_years is not None else (patient.age_text or "age unknown")
    return f"Patient {case.patient_index}: {age}, {patient.sex or 'sex unknown'}"


def _headline(a: Assessment) -> str:
    head = a.subtype.label
    if a.subtype.certainty:
        head += f" ({a.subtype.certainty})"
    if a.subform:
        head += f", {a.subform.label}"
    return head


_CONCORDANCE = {
    "agrees": "agree",
    "differs": "DIFFER",
    "findings_undecided": "the findings alone do not decide",
    "no_subtype": "the statement names no subtype",
}


def _side_by_side(a: Assessment) -> str | None:
    """ "Stated: ... | Pathway: ... (agree)": the source's diagnosis next to the pathway's call."""
    stated = a.stated
    if stated is None:
        return None
    named: str = stated.subtype or "no subtype"
    if stated.subform:
        named += f", {stated.subform}"
    where = f", {stated.where}" if stated.where else ""
    pathway = stated.pathway_subtype or a.subtype.code
    agreement = _CONCORDANCE[stated.concordance]
    return f"Stated by the source: {named} ({stated.text!r}{where}) | Pathway: {pathway} ({agreement})"


def _roles(a: Assessment) -> str | None:
    if not a.condition_roles:
        return None
    return "Conditions: " + "; ".join(f"{r.label} ({r.role.replace('_', ' ')})" for r in a.condition_roles)


def _cited_refs(a: Assessment) -> list[str]:
    refs: list[str] = []
    for step in a.rationale:
        if step.fired:
            refs.extend(step.refs)
    for test in a.missing_workup:
        refs.extend(test.refs)
    for item in a.differential:
        refs.extend(item.refs)
    for option in a.treatments:
        refs.extend(option.refs)
    return list(dict.fromkeys(refs))


def _reference_lines(refs: Iterable[str]) -> list[str]:
    references = load_bundle().references
    return [f"[{ref}] {references[ref].citation}" if ref in references else f"[{ref}]" for ref in refs]


def _section(parts: list[RenderableType], title: str) -> None:
    parts.append(Text(""))
    parts.append(Text(title, style="bold underline"))


def _case_renderable(case: AssessedCase) -> RenderableType:
    a = case.assessment
    colour = _COLOURS.get(a.subtype.certainty or "", "white")
    parts: list[RenderableType] = [Text(_headline(a), style=f"bold {colour}")]
    side = _side_by_side(a)
    if side:
        parts.append(Text(side, style="cyan"))
    if a.associated_conditions:
        parts.append(Text(f"Associated: {', '.join(a.associated_conditions)}"))
    roles = _roles(a)
    if roles:
        parts.append(Text(roles))
    if a.suggested_causes:
        parts.append(Text(f"Lab pattern suggests: {'; '.join(a.suggested_causes)}"))
    if a.alternatives:
        parts.append(Text(f"Also considered: {', '.join(a.alternatives)}", style="dim"))
    for warning in a.warnings:
        parts.append(Text(f"! {warning.message}", style="bold red"))
    for dis in a.disagreements:
        parts.append(
            Text(f"Sources disagree on {dis.topic}: {' / '.join(dis.views)} [{', '.join(dis.refs)}]", style="magenta")
        )

    _section(parts, "Why")
    for number, step in enumerate((s for s in a.rationale if s.fired), start=1):
        line = Text(f"{number}. ")
        line.append(step.conclusion)
        line.append(f"  [{', '.join(step.refs)}]", style="dim")
        line.append(f"  {step.rule}", style="cyan")
        parts.append(line)

    if a.derived_labs:
        _section(parts, "Derived labs")
        for d in a.derived_labs:
            value = f"{d.value:g} {d.unit or ''}" if d.value is not None else "n/a"
            line = Text(f"- {d.label}: {value} ({d.interpretation}); {d.method}")
            if d.caveat:
                line.append(f". {d.caveat}", style="yellow")
            parts.append(line)

    if a.missing_workup:
        _section(parts, "Missing work-up")
        for test in a.missing_workup:
            line = Text(f"- {test.label}", style="bold")
            if test.loinc:
                line.append(f" (LOINC {', '.join(test.loinc)})", style="dim")
            line.append(f": {test.reason}", style="")
            parts.append(line)

    if a.differential or a.treatments or a.withheld_treatments:
        from calcidx.render import sections

        if a.differential:
            parts.append(sections.differential_text(a))
        if a.treatments or a.withheld_treatments:
            parts.append(sections.treatments_text(a))
    return Panel(Group(*parts), title=_who(case), title_align="left")


def _footer(doc: AssessedDocument) -> RenderableType:
    k = doc.knowledge
    refs: list[str] = []
    for case in doc.cases:
        refs.extend(_cited_refs(case.assessment))
    lines = [
        f"Knowledge {k.bundle} {k.bundle_version}; HPO {k.hpo_release}; CalciDx {k.calcidx_version}",
        *_reference_lines(dict.fromkeys(refs)),
        "",
        doc.cases[0].assessment.disclaimer if doc.cases else "",
    ]
    return Text("\n".join(lines), style="dim")


def print_report(doc: AssessedDocument, console: Console | None = None) -> None:
    """Print the terminal report of every case in the document."""
    out = console or Console()
    out.print(Text(f"CalciDx assessment: {doc.document.kind}, {len(doc.cases)} case(s)", style="bold"))
    for warning in doc.warnings:
        out.print(Text(f"! {warning}", style="red"))
    if not doc.cases:
        out.print("No patient is described in this document.")
    for case in doc.cases:
        out.print(_case_renderable(case))
    out.print(_footer(doc))


def text_report(doc: AssessedDocument, width: int = 110) -> str:
    """The terminal report as plain text (for files and tests)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    print_report(doc, console)
    return console.export_text()


def markdown_report(doc: AssessedDocument) -> str:
    """The assessment as Markdown, with the same content as the terminal report."""
    lines = [f"# CalciDx assessment ({doc.document.kind}, {len(doc.cases)} case(s))", ""]
    for warning in doc.warnings:
        lines.append(f"> **Warning:** {warning}")
    for case in doc.cases:
        a = case.assessment
        lines += [f"## {_who(case)}", "", f"**{_headline(a)}**", ""]
        side = _side_by_side(a)
        if side:
            lines.append(f"- {side}")
        if a.associated_conditions:
            lines.append(f"- Associated conditions: {', '.join(a.associated_conditions)}")
        roles = _roles(a)
        if roles:
            lines.append(f"- {roles}")
        if a.suggested_causes:
            lines.append(f"- Lab pattern suggests: {'; '.join(a.suggested_causes)}")
        if a.alternatives:
            lines.append(f"- Also considered: {', '.join(a.alternatives)}")
        for problem in a.warnings:
            lines.append(f"- **Warning** ({problem.code}): {problem.message}")
        for dis in a.disagreements:
            lines.append(f"- Sources disagree on {dis.topic}: {' / '.join(dis.views)} [{', '.join(dis.refs)}]")
        lines += ["", "### Reasoning", "", "| rule | conclusion | sources |", "|---|---|---|"]
        for step in a.rationale:
            if step.fired:
                lines.append(f"| `{step.rule}` | {step.conclusion} | {', '.join(step.refs)} |")
        if a.derived_labs:
            lines += ["", "### Derived labs", ""]
            for d in a.derived_labs:
                lines.append(
                    f"- {d.label}: {d.value:g} {d.unit or ''} ({d.interpretation}); {d.method}"
                    + (f". {d.caveat}" if d.caveat else "")
                )
        if a.missing_workup:
            lines += ["", "### Missing work-up", "", "| test | LOINC | question it answers | why now |"]
            lines.append("|---|---|---|---|")
            for test in a.missing_workup:
                lines.append(f"| {test.label} | {', '.join(test.loinc) or '-'} | {test.question} | {test.reason} |")
        if a.differential or a.treatments or a.withheld_treatments:
            from calcidx.render import sections

            if a.differential:
                lines += ["", sections.differential_markdown(a)]
            if a.treatments or a.withheld_treatments:
                lines += ["", sections.treatments_markdown(a)]
        lines.append("")
    refs: list[str] = []
    for case in doc.cases:
        refs.extend(_cited_refs(case.assessment))
    k = doc.knowledge
    lines += ["## References", "", *[f"- {line}" for line in _reference_lines(dict.fromkeys(refs))], ""]
    lines.append(f"_Knowledge {k.bundle} {k.bundle_version}; HPO {k.hpo_release}; CalciDx {k.calcidx_version}._")
    if doc.cases:
        lines += ["", f"_{doc.cases[0].assessment.disclaimer}_"]
    return "\n".join(lines) + "\n"
