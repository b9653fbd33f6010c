"""Differential and treatment sections of an assessment report (Markdown and rich tables).

The lead's report (``render/report.py``) calls these; JSON output is the pydantic dump.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text

from calcidx.assess.model import Assessment, DifferentialItem, TreatmentOption
from calcidx.case.model import Case, Patient
from calcidx.render.age import age_label

__all__ = [
    "FIT_TEXT",
    "WorkupGroup",
    "differential_markdown",
    "differential_text",
    "patient_label",
    "reported_treatments",
    "split_treatments",
    "treatments_markdown",
    "treatments_text",
    "workup_groups",
]

#: What ``Assessment.differential_fit`` means, in words.
FIT_TEXT: dict[str, str] = {
    "good": "an inherited or syndromic cause fits these findings well",
    "weak": "the best inherited or syndromic match is weak: treat it as a lead, not a diagnosis",
    "none": "no inherited or syndromic cause fits these findings well",
}


@dataclass(frozen=True)
class WorkupGroup:
    """Missing tests that share one reason ("first-line panel for every patient: ...")."""

    reason: str
    tests: list[str]
    questions: list[str]
    refs: list[str]


def workup_groups(a: Assessment) -> list[WorkupGroup]:
    """The missing work-up grouped by reason, in first-seen order (one line per reason)."""
    groups: dict[str, WorkupGroup] = {}
    for test in a.missing_workup:
        group = groups.setdefault(test.reason, WorkupGroup(test.reason, [], [], []))
        group.tests.append(test.label)
        group.questions.append(test.question)
        group.refs.extend(r for r in test.refs if r not in group.refs)
    return list(groups.values())


def reported_treatments(case: Case) -> list[str]:
    """The treatments the text says were given, planned or stopped, by label ("Sodium thiosulfate
    (stopped): no response")."""
    from calcidx.knowledge.loader import load_bundle

    bundle = load_bundle()
    return [
        (bundle.label_of(t.concept) if t.concept else t.name)
        + ("" if t.status == "given" else f" ({t.status})")
        + (f": {t.response}" if t.response else "")
        for t in case.treatments
    ]


#: How many recommended options a report puts first.
TOP_TREATMENTS = 3


def split_treatments(a: Assessment, top: int = TOP_TREATMENTS) -> tuple[list[TreatmentOption], list[TreatmentOption]]:
    """(first to consider, other options): the ``top`` recommended first, then the rest in order."""
    recommended = [t for t in a.treatments if t.recommended]
    rest = [t for t in a.treatments if not t.recommended]
    return recommended[:top], recommended[top:] + rest


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _refs(refs: list[str]) -> str:
    return f" [{', '.join(refs)}]" if refs else ""


def _evidence_refs(refs: list[str]) -> list[str]:
    """The refs that are evidence: code sources (ontology files, code lists) are left out."""
    from calcidx.assess.citations import evidence_refs
    from calcidx.knowledge.loader import load_bundle

    return evidence_refs(refs, load_bundle())


def patient_label(patient: Patient, *, unknown_age: str = "age unknown", unknown_sex: str = "sex unknown") -> str:
    """Who a case is about, as its report heads it: age, sex, and pregnancy or breastfeeding (they
    decide which options are offered)."""
    parts = [age_label(patient.age_years, patient.age_text, unknown=unknown_age), patient.sex or unknown_sex]
    if patient.pregnant:
        parts.append("pregnant")
    if patient.lactating:
        parts.append("breastfeeding")
    return ", ".join(parts)


def _codes(item: DifferentialItem) -> str:
    return "; ".join(f"{key.upper()} {', '.join(values)}" for key, values in sorted(item.codes.items()) if values)


def _score(item: DifferentialItem) -> str:
    return "" if item.score is None else f"{item.score:.2f}"


def _split(a: Assessment) -> tuple[list[DifferentialItem], list[DifferentialItem]]:
    looks = sorted((d for d in a.differential if d.kind == "lookalike"), key=lambda d: d.rank)
    others = sorted((d for d in a.differential if d.kind != "lookalike"), key=lambda d: d.rank)
    return looks, others


def _contributions(item: DifferentialItem) -> str:
    parts = [
        f"{c.label} ({c.hpo}, {c.status}) {c.contribution:+.2f}"
        for c in sorted(item.contributions, key=lambda c: -abs(c.contribution))
        if c.contribution
    ]
    return "; ".join(parts)


def differential_markdown(a: Assessment) -> str:
    """The differential as Markdown: look-alikes, then inherited causes with the fit signal."""
    looks, inherited = _split(a)
    out = ["## Differential diagnosis", ""]
    if a.subtype.code == "not_calcinosis" and looks:
        out += [f"**Not calcinosis cutis: the findings point to {looks[0].label}.**", ""]
    out += ["### Look-alikes", ""]
    if looks:
        out += ["| # | Look-alike | For | Against | Test that tells it apart |", "|---|---|---|---|---|"]
        for item in looks:
            cited = _refs(_evidence_refs(item.refs))
            out.append(
                f"| {item.rank} | {_cell(item.label)}{cited} | {_cell('; '.join(item.features_for) or '-')}"
                f" | {_cell('; '.join(item.features_against) or '-')} | {_cell(item.test or '-')} |"
            )
    else:
        out.append("No look-alike has a feature in this case.")
    out += ["", "### Inherited and syndromic causes", ""]
    if a.differential_fit:
        out += [f"Fit: **{a.differential_fit}**: {FIT_TEXT[a.differential_fit]}.", ""]
    if inherited:
        out += ["| # | Disease | Codes | Score | Matching findings | Against |", "|---|---|---|---|---|---|"]
        for item in inherited:
            out.append(
                f"| {item.rank} | {_cell(item.label)} | {_cell(_codes(item))} | {_score(item)}"
                f" | {_cell('; '.join(item.features_for) or '-')} | {_cell('; '.join(item.features_against) or '-')} |"
            )
        details = [(item, _contributions(item)) for item in inherited]
        if any(text for _, text in details):
            out += ["", "Per-finding contributions (HPO similarity; absent findings count against):", ""]
            out += [f"- {item.label}: {text}" for item, text in details if text]
    else:
        out.append("No inherited or syndromic cause to rank from these findings.")
    return "\n".join(out) + "\n"


def _option_line(option: TreatmentOption) -> str:
    parts = [f"**{option.label}** (evidence: {option.evidence_level})"]
    if option.reported:
        parts.append(f"the text reports: {option.reported}")
    if option.applies_because:
        parts.append(f"applies because: {', '.join(option.applies_because)}")
    if option.dose:
        parts.append(f"dose as reported: {option.dose}")
    if option.response:
        parts.append(f"response: {option.response}")
    line = "; ".join(parts) + _refs(_evidence_refs(option.refs))
    for caution in option.cautions:
        line += f"\n  - {caution}"
    return f"- {line}"


def treatments_markdown(a: Assessment) -> str:
    """Treatment options (by evidence) with patient-specific cautions, then withheld ones."""
    out = ["## Treatment options", ""]
    code = a.subtype.code
    if code == "not_calcinosis":
        out.append("Not calcinosis cutis: no calcinosis treatment is listed; treat the condition found.")
    elif code == "undetermined":
        out.append(
            "Subtype undetermined: only cause-finding and supportive options are listed until the work-up "
            "decides the subtype."
        )
    if a.treatments:
        out += ["", *[_option_line(option) for option in a.treatments]]
    elif code not in ("not_calcinosis",):
        out += ["", "No treatment option in the knowledge base applies to this case."]
    if a.withheld_treatments:
        out += ["", "### Withheld for this patient", ""]
        out += [_option_line(option) for option in a.withheld_treatments]
    return "\n".join(out).strip() + "\n"


def _differential_line(item: DifferentialItem) -> Text:
    line = Text(f"{item.rank}. ")
    line.append(item.label, style="bold")
    kind = "look-alike" if item.kind == "lookalike" else item.kind
    score = f", score {item.score:.2f}" if item.kind == "inherited" and item.score is not None else ""
    line.append(f" ({kind}{score})", style="dim")
    if item.features_for:
        line.append(f"; for: {', '.join(item.features_for)}", style="green")
    if item.features_against:
        line.append(f"; against: {', '.join(item.features_against)}", style="red")
    if item.test:
        line.append(f"; tells apart: {item.test}")
    elif item.codes:
        line.append(f"; {_codes(item)}", style="dim")
    line.append(_refs(_evidence_refs(item.refs)), style="dim")
    return line


def differential_text(a: Assessment, *, lookalikes: int = 5, inherited: int = 3) -> Group:
    """The differential as compact lines for the terminal (the JSON has every candidate)."""
    looks, syndromes = _split(a)
    fit = f": {FIT_TEXT[a.differential_fit]}" if a.differential_fit else ""
    lines: list[Text] = [Text(""), Text(f"Differential{fit}", style="bold underline")]
    for items, limit, noun in (
        (looks, lookalikes, "look-alikes"),
        (syndromes, inherited, "inherited or syndromic causes"),
    ):
        lines.extend(_differential_line(item) for item in items[:limit])
        if len(items) > limit:
            # said where they are left out, so the ranks that follow do not seem to skip
            lines.append(Text(f"(+{len(items) - limit} more {noun} in --format json)", style="dim"))
    return Group(*lines)


def treatments_text(a: Assessment) -> Group:
    """Treatment options with this patient's cautions, then what is withheld and why."""
    lines: list[Text] = [Text(""), Text("Treatment options (by evidence)", style="bold underline")]
    if a.subtype.code == "undetermined":
        lines.append(Text("Subtype undetermined: cause-finding and supportive options only.", style="yellow"))
    first, others = split_treatments(a)
    for heading, options in (("First to consider", first), ("Other options", others)):
        if options:
            lines.append(Text(heading, style="bold"))
            lines.extend(_option_lines(options))
    if a.withheld_treatments:
        lines.append(Text("Withheld for this patient", style="bold"))
    for option in a.withheld_treatments:
        reason = "; ".join(option.withheld_reasons) or "; ".join(option.cautions) or "withheld"
        line = Text(f"- {option.label}: {reason}", style="red")
        if option.reported:
            line.append(f"; the text reports: {option.reported}", style="cyan")
        line.append(_refs(_evidence_refs(option.refs)), style="dim")
        lines.append(line)
    return Group(*lines)


def _option_lines(options: list[TreatmentOption]) -> list[Text]:
    lines: list[Text] = []
    for option in options:
        line = Text("- ")
        line.append(option.label, style="bold")
        line.append(f" ({option.evidence_level})", style="dim")
        if option.reported:
            line.append(f"; the text reports: {option.reported}", style="cyan")
        if option.applies_because:
            line.append(f"; applies because: {', '.join(option.applies_because)}")
        if option.dose:
            line.append(f"; dose as reported: {option.dose}")
        if option.response:
            line.append(f"; {option.response}")
        line.append(_refs(_evidence_refs(option.refs)), style="dim")
        lines.append(line)
        for caution in option.cautions:
            lines.append(Text(f"    caution: {caution}", style="yellow"))
    return lines
