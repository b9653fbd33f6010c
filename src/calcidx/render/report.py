"""Assessment reports: a terminal report (Rich) a clinician scans in 30 seconds, and Markdown.

Citations: every section prints the keys of the sources it rests on, and the reference list at
the end holds exactly the keys that appear in the printed body (collected from the printed text
itself, so a key quoted inside a lab's method text is listed too, and a source the reader never
sees cited is not).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from calcidx.assess.citations import evidence_refs, keys_in_text
from calcidx.assess.model import AssessedCase, AssessedDocument, Assessment, ConditionRole
from calcidx.knowledge.loader import load_bundle
from calcidx.render.sections import patient_label, reported_treatments

__all__ = ["markdown_report", "print_report", "printed_keys", "text_report"]

_COLOURS = {"confirmed": "green", "probable": "yellow", "possible": "red"}


def _who(case: AssessedCase) -> str:
    return f"Patient {case.patient_index}: {patient_label(case.patient)}"


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
    return "Conditions: " + "; ".join(f"{r.label} ({_role(r)})" for r in a.condition_roles)


def _role(role: ConditionRole) -> str:
    """ "cause", "comorbidity", or "possible cause of calciphylaxis": what it may cause is named."""
    text = role.role.replace("_", " ")
    return f"{text} of {role.possible_cause_of}" if role.possible_cause_of else text


def _associated(a: Assessment) -> str | None:
    """ "Associated: systemic sclerosis": the conditions by their labels (when no roles are given)."""
    if not a.associated_conditions:
        return None
    bundle = load_bundle()
    labels = []
    for key in a.associated_conditions:
        concept = bundle.concept(key)
        labels.append(concept.label if concept is not None else key.replace("_", " "))
    return "Associated: " + ", ".join(labels)


def _cite(refs: list[str]) -> str:
    """ " [A, B]": the evidence among ``refs`` (code sources such as ontology files are never
    printed as evidence for a clinical statement), or nothing."""
    shown = evidence_refs(refs, load_bundle())
    return f" [{', '.join(shown)}]" if shown else ""


def printed_keys(texts: Iterable[str]) -> list[str]:
    """Reference keys cited in the printed texts, in order of first appearance."""
    known = load_bundle().references
    return list(dict.fromkeys(key for text in texts for key in keys_in_text(text, known)))


def _reference_lines(refs: Iterable[str]) -> list[str]:
    references = load_bundle().references
    lines = []
    for ref in refs:
        entry = references[ref]
        tag = " (secondary source)" if entry.supports == "secondary" else ""
        lines.append(f"[{ref}] {entry.citation}{tag}")
    return lines


def _plain(renderable: RenderableType) -> Iterator[str]:
    """The plain text of the Text objects inside a renderable (before any wrapping)."""
    if isinstance(renderable, Text):
        yield renderable.plain
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            yield from _plain(part)
    elif isinstance(renderable, Panel):
        yield from _plain(renderable.renderable)


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
    roles = _roles(a) or _associated(a)
    if roles:
        parts.append(Text(roles))
    if a.suggested_causes:
        parts.append(Text(f"Lab pattern suggests: {'; '.join(a.suggested_causes)}"))
    if a.alternatives:
        parts.append(
            Text(
                f"Also considered: {'; '.join(f'{alt.code} ({alt.certainty}): {alt.why}' for alt in a.alternatives)}",
                style="dim",
            )
        )
    for warning in a.warnings:
        parts.append(Text(f"! {warning.message}", style="bold red"))
    for dis in a.disagreements:
        parts.append(
            Text(f"Sources disagree on {dis.topic}: {' / '.join(dis.views)}{_cite(dis.refs)}", style="magenta")
        )

    _section(parts, "Why")
    for number, step in enumerate((s for s in a.rationale if s.fired), start=1):
        line = Text(f"{number}. ")
        line.append(step.conclusion)
        line.append(f" {_cite(step.refs)}", style="dim")
        line.append(f"  {step.rule}", style="cyan")
        parts.append(line)

    if a.derived_labs:
        _section(parts, "Derived labs")
        for d in a.derived_labs:
            line = Text(f"- {d.summary}")
            if d.caveat:
                line.append(f". {d.caveat}", style="yellow")
            line.append(_cite(d.refs), style="dim")
            parts.append(line)

    if a.missing_workup:
        _section(parts, "Missing work-up")
        # one line per reason ("first-line panel for every patient: ..."), the tests it asks for
        # after it; the LOINC codes are in the JSON and the Markdown table
        from calcidx.render.sections import workup_groups

        for group in workup_groups(a):
            line = Text(f"- {group.reason[:1].upper()}{group.reason[1:]}: ")
            line.append("; ".join(group.tests), style="bold")
            cite = _cite(group.refs)
            if cite:
                line.append(f"\n {cite}", style="dim")  # its own line: a group cites many sources
            parts.append(line)

    given = reported_treatments(case)
    if given:
        _section(parts, "Treatments the text describes")
        parts.append(Text("; ".join(given)))

    if a.actions:
        _section(parts, "Actions on current medication")
        for action in a.actions:
            line = Text(f"- {action.label}: ", style="bold")
            line.append(action.action, style="")
            line.append(_cite(action.refs), style="dim")
            for caution in action.cautions:
                line.append(f"\n  Caution: {caution}", style="yellow")
            parts.append(line)

    if a.differential or a.treatments or a.withheld_treatments:
        from calcidx.render import sections

        if a.differential:
            parts.append(sections.differential_text(a))
        if a.treatments or a.withheld_treatments:
            parts.append(sections.treatments_text(a))
    return Panel(Group(*parts), title=_who(case), title_align="left")


def _footer(doc: AssessedDocument, refs: list[str]) -> RenderableType:
    k = doc.knowledge
    lines = [f"Knowledge {k.bundle} {k.bundle_version}; HPO {k.hpo_release}; CalciDx {k.calcidx_version}"]
    if refs:
        lines += ["References (every source cited above, and only those):", *_reference_lines(refs)]
    lines += ["", doc.cases[0].assessment.disclaimer if doc.cases else ""]
    return Text("\n".join(lines), style="dim")


def _heading(doc: AssessedDocument) -> str:
    """What was assessed: "case report, 1 case", "case series, 3 cases", or only the count for a
    record that is no document of a known kind (a Case JSON, a FHIR record, a form)."""
    count = len(doc.cases)
    cases = f"{count} case" if count == 1 else f"{count} cases"
    kind = doc.document.kind
    return cases if kind == "other" else f"{kind.replace('_', ' ')}, {cases}"


def print_report(doc: AssessedDocument, console: Console | None = None) -> None:
    """Print the terminal report of every case, then the references the report cites."""
    out = console or Console()
    out.print(Text(f"CalciDx assessment: {_heading(doc)}", style="bold"))
    for warning in doc.warnings:
        out.print(Text(f"! {warning}", style="red"))
    if not doc.cases:
        out.print("No patient is described in this document.")
    panels = [_case_renderable(case) for case in doc.cases]
    for panel in panels:
        out.print(panel)
    refs = printed_keys(text for panel in panels for text in _plain(panel))
    out.print(_footer(doc, refs))


def text_report(doc: AssessedDocument, width: int = 110) -> str:
    """The terminal report as plain text (for files and tests)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    print_report(doc, console)
    return console.export_text()


def markdown_report(doc: AssessedDocument) -> str:
    """The assessment as Markdown, with the same content as the terminal report."""
    lines = [f"# CalciDx assessment ({_heading(doc)})", ""]
    for warning in doc.warnings:
        lines.append(f"> **Warning:** {warning}")
    for case in doc.cases:
        a = case.assessment
        lines += [f"## {_who(case)}", "", f"**{_headline(a)}**", ""]
        side = _side_by_side(a)
        if side:
            lines.append(f"- {side}")
        roles = _roles(a) or _associated(a)
        if roles:
            lines.append(f"- {roles}")
        if a.suggested_causes:
            lines.append(f"- Lab pattern suggests: {'; '.join(a.suggested_causes)}")
        if a.alternatives:
            considered = "; ".join(f"{alt.code} ({alt.certainty}): {alt.why}" for alt in a.alternatives)
            lines.append(f"- Also considered: {considered}")
        for problem in a.warnings:
            lines.append(f"- **Warning** ({problem.code}): {problem.message}")
        for dis in a.disagreements:
            lines.append(f"- Sources disagree on {dis.topic}: {' / '.join(dis.views)}{_cite(dis.refs)}")
        lines += ["", "### Reasoning", "", "| rule | conclusion | sources |", "|---|---|---|"]
        for step in a.rationale:
            if step.fired:
                lines.append(f"| `{step.rule}` | {step.conclusion} |{_cite(step.refs)} |")
        if a.derived_labs:
            lines += ["", "### Derived labs", ""]
            for d in a.derived_labs:
                lines.append(f"- {d.summary}" + (f". {d.caveat}" if d.caveat else "") + _cite(d.refs))
        if a.missing_workup:
            lines += ["", "### Missing work-up", "", "| test | LOINC | question it answers | why now | sources |"]
            lines.append("|---|---|---|---|---|")
            for test in a.missing_workup:
                lines.append(
                    f"| {test.label} | {', '.join(test.loinc) or '-'} | {test.question} | {test.reason}"
                    f" |{_cite(test.refs)} |"
                )
        given = reported_treatments(case)
        if given:
            lines += ["", "### Treatments the text describes", "", *[f"- {t}" for t in given]]
        if a.actions:
            lines += ["", "### Actions on current medication", ""]
            for action in a.actions:
                lines.append(f"- **{action.label}**: {action.action}{_cite(action.refs)}")
                lines += [f"  - Caution: {caution}" for caution in action.cautions]
        if a.differential or a.treatments or a.withheld_treatments:
            from calcidx.render import sections

            if a.differential:
                lines += ["", sections.differential_markdown(a)]
            if a.treatments or a.withheld_treatments:
                lines += ["", sections.treatments_markdown(a)]
        lines.append("")
    refs = printed_keys(lines)
    k = doc.knowledge
    lines += ["## References", ""]
    lines += [f"- {line}" for line in _reference_lines(refs)] or ["No source is cited above."]
    lines.append("")
    lines.append(f"_Knowledge {k.bundle} {k.bundle_version}; HPO {k.hpo_release}; CalciDx {k.calcidx_version}._")
    if doc.cases:
        lines += ["", f"_{doc.cases[0].assessment.disclaimer}_"]
    return "\n".join(lines) + "\n"
