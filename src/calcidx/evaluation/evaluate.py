"""Score extraction and assessment against hand-made gold files.

Gold format (``NAME.gold.json`` next to ``NAME.txt``/``.pdf``/``.html``/``.xml``): see
``corpus/README.md``. Fields scored: document kind, number of cases, age, sex, the final subtype
(``assessment.subtype``), the authors' stated subtype (``assessment.stated``), the pathway's own
call from the findings (without the stated fallback), their concordance (stated and pathway agree,
where both name a subtype), the sub-form (``assessment.subform``, where the gold one is a sub-form
the knowledge names), associated condition, lab interpretations, the treatments given (each gold
treatment that names a therapy of the knowledge) and the lesion sites (each gold site that names a
body site of the reader, counted under the name a case series uses). A subtype in the gold ``subtype_accept`` list
counts as right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calcidx.case.model import Case, Document
from calcidx.errors import InputError
from calcidx.extract.component_scores import ComponentScorer
from calcidx.extract.vocabulary import Table, Vocabulary, default_vocabulary

__all__ = ["FIELDS", "EvalReport", "Miss", "evaluate_dir", "render_report"]

FIELDS = (
    "kind",
    "cases",
    "age",
    "sex",
    "subtype",
    "stated_subtype",
    "pathway_subtype",
    "concordance",
    "subform",
    "associated_condition",
    "lab_interpretation",
    "treatments",
    "sites",
)
_ASSESSED = ("subtype", "stated_subtype", "pathway_subtype", "concordance")
_KIND_MAP = {"disease_summary": "other"}


@dataclass
class Miss:
    """One disagreement with the gold file."""

    document: str
    patient: int | None
    field: str
    gold: str
    got: str


@dataclass
class EvalReport:
    """Counts per field and the misses."""

    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[Miss] = field(default_factory=list)
    documents: int = 0
    failed: int = 0
    subtype_source: str = "n/a"
    #: zone and assertion scores of the reader (``calcidx.extract.component_scores``)
    components: ComponentScorer | None = None

    def score(self, name: str, ok: bool, miss: Miss | None = None) -> None:
        """Count one comparison of field ``name``."""
        self.total[name] += 1
        if ok:
            self.correct[name] += 1
        elif miss is not None:
            self.misses.append(miss)

    def accuracy(self, name: str) -> float | None:
        """Share of correct comparisons for ``name`` (None when nothing was compared)."""
        return self.correct[name] / self.total[name] if self.total[name] else None


def _assessor() -> Callable[[Document], Any]:
    from calcidx.service import assess_document

    return assess_document


def _age_ok(gold: float | None, got: float | None) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    if gold < 2:
        return abs(gold - got) <= 0.05
    return round(gold) == round(got)


def _names(vocab: Vocabulary, table: str, item_id: str) -> list[str]:
    return [n for n in vocab.names_of(table, item_id) if len(n) > 2]  # type: ignore[arg-type]


def pathway_call(assessment: Any) -> str:
    """The pathway's own call from the findings: ``undetermined`` where it adopted the stated subtype."""
    stated = assessment.stated
    if stated is None or stated.concordance == "no_subtype":
        return str(assessment.subtype.code)
    if stated.concordance == "findings_undecided":
        return "undetermined"
    return str(stated.pathway_subtype)


def _accepted(gold_case: dict[str, Any]) -> set[str]:
    accepted = {str(gold_case.get("subtype"))}
    accepted.update(str(s) for s in gold_case.get("subtype_accept", []) or [])
    return accepted


def _condition_ids(case: Case, assessed: Any, vocab: Vocabulary, *, causes_only: bool = False) -> list[str]:
    """The conditions reported for a case with any role (only conditions that are causes if asked:
    a gold file with no associated condition may still name the exposure, e.g. an infusion)."""
    if assessed is not None:
        roles = [
            r.id
            for r in assessed.assessment.condition_roles
            if not causes_only or (r.role == "cause" and r.kind == "condition")
        ]
        return list(dict.fromkeys([*assessed.assessment.associated_conditions, *roles]))
    ids = []
    for finding in case.findings:
        item = vocab.get("condition", finding.concept)
        if finding.assertion == "present" and item is not None:
            ids.append(finding.concept)
    return list(dict.fromkeys(ids))


def _lab_for(name: str, case: Case, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """(analyte id, interpretation) of the case's lab matching the gold lab ``name``."""
    gold = " ".join(name.lower().split())
    inside: tuple[int, str] | None = None
    around: tuple[int, str] | None = None
    for analyte in vocab.ids("analyte"):
        for term in _names(vocab, "analyte", analyte):
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", gold):
                if inside is None or len(term) > inside[0]:
                    inside = (len(term), analyte)
            elif gold in term and (around is None or len(term) < around[0]):
                around = (len(term), analyte)
    best = inside or around
    if best is None:
        return None, None
    analyte = best[1]
    found = [lab.interpretation for lab in case.labs if lab.analyte == analyte and lab.interpretation]
    return analyte, (found[0] if found else None)


def _source_file(gold_path: Path) -> Path | None:
    stem = gold_path.name[: -len(".gold.json")]
    for suffix in (".txt", ".md", ".pdf", ".html", ".htm", ".xml"):
        candidate = gold_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def evaluate_dir(folder: Path, *, vocabulary: Vocabulary | None = None, use_assess: bool = True) -> EvalReport:
    """Read every document of ``folder`` that has a gold file (through the service, as any input) and score it.

    Args:
        folder: NAME.txt/.pdf/.html/.xml files, each with NAME.gold.json beside it.
        vocabulary: the names used to match gold conditions and labs to knowledge ids.
        use_assess: also assess the cases and score the subtype fields.

    Raises:
        InputError: the folder does not exist or holds no ``*.gold.json`` with a source file.
    """
    from calcidx.service import load_input

    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; give a folder of NAME.txt + NAME.gold.json files")
    golds = sorted(folder.glob("*.gold.json"))
    pairs = [(g, s) for g in golds if (s := _source_file(g)) is not None]
    if not pairs:
        raise InputError(f"{folder}: no NAME.gold.json with a NAME.txt/.pdf/.html/.xml beside it")
    vocab = vocabulary or default_vocabulary()
    assess = _assessor() if use_assess else None
    report = EvalReport(subtype_source="calcidx.assess" if assess else "n/a", components=ComponentScorer(vocab))
    for gold_path, source in pairs:
        name = source.name
        # One bad file is a reported miss; it never stops or spoils the rest of the run.
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            document = load_input(source.read_bytes(), filename=str(source)).as_document()
        except (OSError, json.JSONDecodeError, InputError) as exc:
            report.misses.append(Miss(name, None, "document", "readable", f"error: {exc}"))
            report.failed += 1
            continue
        report.documents += 1
        assessed_cases: list[Any] = []
        if assess is not None and document.cases:
            try:
                assessed_cases = list(assess(document).cases)
            except Exception as exc:  # an assess failure is a result to report, not a crash of the eval
                report.misses.append(Miss(name, None, "subtype", "assess()", f"error: {exc}"))
                assessed_cases = []
        gold_kind = _KIND_MAP.get(gold.get("kind", ""), gold.get("kind", ""))
        report.score(
            "kind", gold_kind == document.document.kind, Miss(name, None, "kind", gold_kind, document.document.kind)
        )
        gold_cases = gold.get("cases", [])
        report.score(
            "cases",
            len(gold_cases) == len(document.cases),
            Miss(name, None, "cases", str(len(gold_cases)), str(len(document.cases))),
        )
        for index, gold_case in enumerate(gold_cases):
            number = gold_case.get("patient_index", index + 1)
            case = document.cases[index] if index < len(document.cases) else None
            if report.components is not None:
                report.components.score(name, gold_case, case)
            assessed = assessed_cases[index] if index < len(assessed_cases) else None
            got_age = case.patient.age_years if case else None
            report.score(
                "age",
                _age_ok(gold_case.get("age_years"), got_age),
                Miss(name, number, "age", str(gold_case.get("age_years")), str(got_age)),
            )
            got_sex = case.patient.sex if case else None
            report.score(
                "sex",
                gold_case.get("sex") == got_sex,
                Miss(name, number, "sex", str(gold_case.get("sex")), str(got_sex)),
            )
            if assess is not None:
                _score_subtypes(report, name, number, gold_case, assessed)
            _score_subform(report, name, number, gold_case, case, assessed, vocab)
            _score_treatments(report, name, number, gold_case, case, vocab)
            _score_sites(report, name, number, gold_case, case)
            ids = _condition_ids(case, assessed, vocab) if case else []
            gold_condition = gold_case.get("associated_condition")
            if gold_condition is None:
                ok = not (_condition_ids(case, assessed, vocab, causes_only=True) if case else [])
            else:
                text = str(gold_condition).lower()
                ok = any(
                    term in text
                    for item in ids
                    for table in ("condition", "exposure")
                    for term in _names(vocab, table, item)
                )
            report.score(
                "associated_condition",
                ok,
                Miss(name, number, "associated_condition", str(gold_condition), ", ".join(ids) or "-"),
            )
            for lab in gold_case.get("labs", []):
                wanted = lab.get("interpretation")
                if not wanted:
                    continue
                analyte, got = _lab_for(str(lab.get("name", "")), case, vocab) if case else (None, None)
                report.score(
                    "lab_interpretation",
                    got == wanted,
                    Miss(
                        name, number, "lab_interpretation", f"{lab.get('name')}: {wanted}", f"{analyte or '?'}: {got}"
                    ),
                )
    return report


def _score_subtypes(report: EvalReport, name: str, number: int, gold_case: dict[str, Any], assessed: Any) -> None:
    """The final subtype, the stated one, the pathway's own call, and whether the last two agree."""
    accepted = _accepted(gold_case)
    gold = str(gold_case.get("subtype"))
    a = assessed.assessment if assessed is not None else None
    code = a.subtype.code if a is not None else None
    report.score("subtype", code in accepted, Miss(name, number, "subtype", gold, str(code)))
    stated = a.stated.subtype if a is not None and a.stated is not None else None
    report.score("stated_subtype", stated in accepted, Miss(name, number, "stated_subtype", gold, str(stated)))
    own = pathway_call(a) if a is not None else None
    report.score("pathway_subtype", own in accepted, Miss(name, number, "pathway_subtype", gold, str(own)))
    if stated is not None and own not in (None, "undetermined"):
        report.score(
            "concordance",
            stated == own,
            Miss(name, number, "concordance", f"stated {stated}", f"pathway {own}"),
        )


def _gold_subforms(text: str, vocab: Vocabulary) -> set[str]:
    """The knowledge's sub-forms a gold sub-form names ("uremic tumoral calcinosis": tumoral
    calcinosis); empty for what is no sub-form of the knowledge ("gouty tophi", "mixed mechanism")."""
    return _named_items(text, vocab, "subform")


def _says(gold: str, term: str) -> bool:
    """Whether ``term`` stands in ``gold`` (lower case, single-spaced) as whole words."""
    return re.search(rf"(?<![\w-]){re.escape(term.lower())}(?![\w-])", gold) is not None


def _named_items(text: str, vocab: Vocabulary, table: Table) -> set[str]:
    """The items of ``table`` whose names occur in ``text`` (a gold label), as whole words."""
    gold = " ".join(text.lower().split())
    return {item for item in vocab.ids(table) if any(_says(gold, term) for term in _names(vocab, table, item))}


def _score_treatments(
    report: EvalReport, name: str, number: int, gold_case: dict[str, Any], case: Case | None, vocab: Vocabulary
) -> None:
    """Each gold treatment that names a therapy of the knowledge, found among the case's treatments."""
    got = {t.concept for t in case.treatments} if case is not None else set()
    for item in gold_case.get("treatments") or []:
        wanted = _named_items(str(item), vocab, "treatment")
        if wanted:
            shown = ", ".join(sorted(c for c in got if c)) or "-"
            report.score("treatments", bool(wanted & got), Miss(name, number, "treatments", str(item), shown))


def _gold_sites(text: str) -> set[str]:
    """The body sites a gold site names, as a case series counts them ("both ankles and heels": ankle,
    heel); empty where it names none ("along the venous pathway")."""
    from calcidx.extract.rules import load_rules
    from calcidx.extract.site_names import series_site

    gold = " ".join(text.lower().split())
    return {series_site(site) for site in load_rules().sites if _says(gold, site)}


def _score_sites(report: EvalReport, name: str, number: int, gold_case: dict[str, Any], case: Case | None) -> None:
    """Each gold lesion site that names a body site of the reader, found among the case's lesion sites."""
    from calcidx.extract.site_names import series_sites

    got = series_sites([lesion.site for lesion in case.lesions if lesion.site]) if case is not None else set()
    for item in gold_case.get("sites") or []:
        wanted = _gold_sites(str(item))
        if wanted:
            shown = ", ".join(sorted(got)) or "-"
            report.score("sites", bool(wanted & got), Miss(name, number, "sites", str(item), shown))


def _score_subform(
    report: EvalReport,
    name: str,
    number: int,
    gold_case: dict[str, Any],
    case: Case | None,
    assessed: Any,
    vocab: Vocabulary,
) -> None:
    """The case's sub-form (the assessment's; the stated one when not assessed), where the gold one
    is a sub-form the knowledge names."""
    wanted = _gold_subforms(str(gold_case.get("subform") or ""), vocab)
    if not wanted:
        return
    if assessed is not None:
        found = assessed.assessment.subform
        got = found.code if found is not None else None
    else:
        got = case.stated_subform if case is not None else None
    report.score("subform", got in wanted, Miss(name, number, "subform", str(gold_case.get("subform")), str(got)))


def render_report(report: EvalReport, *, show_misses: bool = True) -> list[Any]:
    """Rich renderables: the per-field accuracy table and, optionally, the misses."""
    from rich.table import Table

    failed = f", {report.failed} unreadable" if report.failed else ""
    from calcidx.knowledge.loader import load_bundle

    info = load_bundle().info
    table = Table(
        title=f"calcidx eval: {report.documents} documents{failed}",
        caption=(
            "subtype: the final call; stated_subtype: the authors' diagnosis; pathway_subtype: the "
            "findings alone; concordance: stated = pathway where both name one\n"
            f"knowledge {info.name} {info.version}; HPO {info.hpo_release}"
        ),
    )
    table.add_column("field")
    table.add_column("correct", justify="right")
    table.add_column("total", justify="right")
    table.add_column("accuracy", justify="right")
    for name in FIELDS:
        if name in _ASSESSED and report.subtype_source == "n/a":
            table.add_row(name, "-", "-", "n/a")
            continue
        accuracy = report.accuracy(name)
        table.add_row(
            name, str(report.correct[name]), str(report.total[name]), "-" if accuracy is None else f"{accuracy:.0%}"
        )
    if report.components is not None:
        for component, correct, total, accuracy in report.components.rows():
            table.add_row(
                f"reader: {component}", str(correct), str(total), "-" if accuracy is None else f"{accuracy:.0%}"
            )
    out: list[Any] = [table]
    if show_misses and report.misses:
        misses = Table(title="misses")
        for column in ("document", "patient", "field", "gold", "got"):
            misses.add_column(column, overflow="fold")
        for miss in report.misses:
            misses.add_row(miss.document, str(miss.patient or ""), miss.field, miss.gold, miss.got)
        out.append(misses)
    return out
