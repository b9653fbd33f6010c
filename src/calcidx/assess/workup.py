"""Missing work-up: each test not done that would confirm or change the conclusion, and why.

Which tests matter when comes from ``workup.yaml`` (``when`` tags); this module only decides
which tags apply to a case and which tests are already in the record.
"""

from __future__ import annotations

from collections import Counter

from calcidx.assess.facts import CaseFacts
from calcidx.assess.model import MissingTest
from calcidx.assess.pathway import PathwayResult
from calcidx.knowledge.schema import KnowledgeBundle, WorkupItem

__all__ = ["missing_workup"]


def _contexts(result: PathwayResult, facts: CaseFacts, bundle: KnowledgeBundle) -> dict[str, str]:
    """The ``when`` tags that apply, each with the sentence that says why."""
    subtype = result.subtype
    if subtype == "not_calcinosis":
        return {}
    why: dict[str, str] = {
        "every_patient": "first-line panel for every patient: it decides whether the calcinosis is metastatic",
    }
    has_ctd = any(
        bundle.conditions[c].category == "connective_tissue_disease" for c in facts.present if c in bundle.conditions
    )
    if subtype in ("idiopathic", "undetermined") or (subtype == "dystrophic" and not has_ctd):
        why["ctd_suspected"] = (
            "idiopathic stays probable until connective tissue disease is excluded"
            if subtype == "idiopathic"
            else "connective tissue disease is the commonest cause of dystrophic calcinosis"
        )
    if subtype in ("metastatic", "undetermined") or any(facts.labs.get(a) == "high" for a in ("calcium", "phosphate")):
        why["metabolic"] = "finds the cause of the calcium/phosphate abnormality"
    if result.considered("calciphylaxis") and not any(
        "calciphylaxis_histology" in bundle.features[c].role for c in facts.present if c in bundle.features
    ):
        why["calciphylaxis"] = (
            "confirms calciphylaxis and finds its risk factors"
            if subtype == "calciphylaxis"
            else "calciphylaxis is among the alternatives: a biopsy confirms or excludes it"
        )
    if result.subform in ("tumoral_calcinosis", "hftc"):
        why["tumoral"] = "tells hyperphosphataemic familial tumoral calcinosis from other tumoral calcinosis"
    if not any("calcinosis_confirmation" in bundle.features[c].role for c in facts.present if c in bundle.features):
        why["imaging"] = "shows the calcification and its extent"
        if result.certainty != "confirmed" or subtype == "undetermined":
            why["histology"] = "confirms calcium deposits and excludes mimics when the subtype is unclear"
    return why


def _lookalike_tests(facts: CaseFacts, bundle: KnowledgeBundle) -> dict[str, str]:
    """Tests that tell apart a look-alike whose features this case shows: test id -> look-alike."""
    out: dict[str, str] = {}
    for look in bundle.lookalikes.values():
        if set(look.features_for) & facts.present:
            for test_id in look.workup:
                out.setdefault(test_id, look.label)
    return out


def _done(item: WorkupItem, measured: set[str], shared: set[str]) -> bool:
    """A test counts as done when its first analyte, or one no other test lists, has a result.

    (``hftc_tests`` lists phosphate too: a phosphate result alone does not make it done.)
    """
    if not item.analytes:
        return False
    return item.analytes[0] in measured or any(a in measured and a not in shared for a in item.analytes)


def _observed(item: WorkupItem, facts: CaseFacts) -> bool:
    if "imaging" in item.when and facts.case.imaging:
        return True
    return "histology" in item.when and bool(facts.case.histology)


def missing_workup(result: PathwayResult, facts: CaseFacts, bundle: KnowledgeBundle) -> list[MissingTest]:
    """Tests not in the record that would confirm or change this case's conclusion."""
    why = _contexts(result, facts, bundle)
    if result.subtype != "not_calcinosis":
        for test_id, label in _lookalike_tests(facts, bundle).items():
            why.setdefault(f"lookalike:{test_id}", f"features of {label} are present: this test tells it apart")
    counts = Counter(a for item in bundle.workup.values() for a in item.analytes)
    shared = {a for a, n in counts.items() if n > 1}
    measured = {lab.analyte for lab in facts.case.labs}
    # idiopathic is confirmed only with the whole CTD panel: a single negative ANA leaves it asked for
    idiopathic_rule = bundle.rules.get("subtype.idiopathic.pattern")
    panel_id = idiopathic_rule.text("ctd_panel_workup") if idiopathic_rule else None
    panel_open = result.subtype == "idiopathic" and result.certainty != "confirmed"
    out: list[MissingTest] = []
    for item in bundle.workup.values():
        tags: list[str] = [tag for tag in item.when if tag in why and tag != "lookalike"]
        if f"lookalike:{item.id}" in why:
            tags.append(f"lookalike:{item.id}")
        done = _done(item, measured, shared)
        if done and panel_open and item.id == panel_id:
            done = not set(item.analytes) - measured
        if not tags or done or _observed(item, facts):
            continue
        if set(item.skip_if_present) & facts.present or (result.subform in item.skip_for_subforms):
            continue  # not useful for this patient (renal function on dialysis, CTD serology for SCN)
        loinc = list(item.loinc)
        for analyte_id in item.analytes:
            for code in bundle.analytes[analyte_id].loinc:
                if code not in loinc:
                    loinc.append(code)
        reason = why[tags[0]]
        if item.repeat_reason and set(item.repeat_after) & facts.present:
            reason = item.repeat_reason
        out.append(
            MissingTest(
                id=item.id,
                label=item.label,
                loinc=loinc,
                question=item.question,
                reason=reason,
                context=tags[0].split(":")[0],
                refs=list(item.refs),
            )
        )
    return out
