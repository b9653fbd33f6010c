"""Safety walk: every treatment, in its own scope, for a pregnant, a lactating, a child, a neonate,
a CKD stage 4 and a dialysis patient. An option the data excludes is never offered; an offered
medicine carries the cited pregnancy or lactation caution; a child never sees an adult dose.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from calcidx.assess.facts import build_facts
from calcidx.assess.treatment import caution_applies, select_treatments
from calcidx.case.model import Case
from calcidx.knowledge.loader import data_dir, load_bundle_from
from calcidx.knowledge.schema import KnowledgeBundle, Treatment
from calcidx.knowledge.validate import MEDICINE_KINDS, validate_bundle

#: (name, patient, extra findings, medications, eGFR)
POPULATIONS: list[tuple[str, dict[str, Any], list[str], list[str], float | None]] = [
    ("pregnant", {"age_years": 31, "sex": "female", "pregnant": True, "lactating": False}, [], [], None),
    ("lactating", {"age_years": 33, "sex": "female", "pregnant": False, "lactating": True}, [], [], None),
    ("child", {"age_years": 6, "sex": "male"}, [], [], None),
    ("neonate", {"age_years": 0.02, "sex": "female"}, [], ["iv_calcium"], None),
    ("ckd4", {"age_years": 64, "sex": "male"}, ["chronic_kidney_disease"], [], 20.0),
    ("dialysis", {"age_years": 58, "sex": "female", "pregnant": False, "lactating": False}, ["dialysis"], [], None),
]


def _scope(treatment: Treatment, bundle: KnowledgeBundle) -> tuple[str, str | None]:
    subform = treatment.subforms[0] if treatment.subforms else None
    if treatment.subtypes:
        return treatment.subtypes[0], subform
    if subform is not None:
        return bundle.subforms[subform].subtypes[0], subform
    return "dystrophic", None


def _case(patient: dict[str, Any], findings: list[str], meds: list[str], egfr: float | None, t: Treatment) -> Case:
    labs: list[dict[str, Any]] = []
    for item in t.requires.labs_any:
        analyte, _, interpretation = item.partition(":")
        labs.append({"analyte": analyte, "interpretation": interpretation})
    if egfr is not None:
        labs.append({"analyte": "egfr", "value": egfr, "unit": "mL/min/1.73 m2"})
    return Case.model_validate(
        {
            "patient": patient,
            "findings": [{"concept": c} for c in [*findings, *t.conditions]],
            "medications": [{"name": m, "concept": m} for m in meds],
            "labs": labs,
        }
    )


def unguarded(bundle: KnowledgeBundle) -> list[str]:
    """Every way an option reaches a patient of ``POPULATIONS`` unguarded (empty: all safe)."""
    out: list[str] = []
    for treatment in bundle.treatments.values():
        subtype, subform = _scope(treatment, bundle)
        for name, patient, findings, meds, egfr in POPULATIONS:
            case = _case(patient, findings, meds, egfr, treatment)
            facts = build_facts(case, bundle)
            conditions = [*findings, *treatment.conditions]
            offered, withheld = select_treatments(
                facts, bundle, subtype=subtype, subform=subform, conditions=conditions
            )
            options = {o.id: o for o in [*offered, *withheld]}
            if treatment.id not in options:
                out.append(f"{treatment.id}: not reached in its own scope ({subtype}, {subform})")
                continue
            option = options[treatment.id]
            if not option.recommended:
                if option.dose is not None or not option.withheld_reasons:
                    out.append(f"{treatment.id} ({name}): withheld without a reason, or with a dose")
                continue
            context = set(conditions) | facts.present
            for caution_id in treatment.cautions:
                caution = bundle.cautions[caution_id]
                applies = caution_applies(caution, facts, context)
                if applies is True and caution.effect in ("contraindicated", "withhold"):
                    out.append(f"{treatment.id} ({name}): offered although {caution_id} excludes it")
                if applies is True and caution.text not in option.cautions:
                    out.append(f"{treatment.id} ({name}): {caution_id} applies but is not shown")
            if treatment.kind in MEDICINE_KINDS:
                for population, field in (("pregnant", "pregnant"), ("lactating", "lactating")):
                    if name != population:
                        continue
                    texts = [
                        bundle.cautions[c].text
                        for c in treatment.cautions
                        if getattr(bundle.cautions[c].when, field) is True
                    ]
                    if not any(text in option.cautions for text in texts):
                        out.append(f"{treatment.id} ({name}): offered with no {field} caution")
            too_young = facts.age is not None and facts.age < (treatment.dose_age_min or 0)
            if treatment.dose and too_young and option.dose is not None:
                out.append(f"{treatment.id} ({name}): adult dose shown to a child")
    return out


def test_no_option_reaches_these_patients_unguarded(bundle: KnowledgeBundle) -> None:
    assert unguarded(bundle) == []


def test_the_walk_catches_a_missing_lactation_caution(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data_dir(), folder)
    path = folder / "treatments.yaml"
    data = yaml.safe_load(path.read_text())
    mino = next(t for t in data["treatments"] if t["id"] == "minocycline")
    mino["cautions"].remove("minocycline_lactation")
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    found = unguarded(load_bundle_from(folder))
    assert "minocycline (lactating): offered with no lactating caution" in found
    problems = validate_bundle(folder, check_hpo=False).problems
    assert any("treatments:minocycline" in p and "lactating" in p for p in problems), problems


def _ssc_woman(*, lactating: bool) -> Case:
    return Case.model_validate(
        {
            "patient": {"age_years": 34, "sex": "female", "pregnant": False, "lactating": lactating},
            "lesions": [{"site": "right index finger", "laterality": "right"}],
            "findings": [{"concept": "systemic_sclerosis"}],
        }
    )


def test_lactating_woman_with_ssc_is_not_offered_minocycline(bundle: KnowledgeBundle) -> None:
    facts = build_facts(_ssc_woman(lactating=True), bundle)
    offered, withheld = select_treatments(
        facts, bundle, subtype="dystrophic", subform=None, conditions=["systemic_sclerosis"]
    )
    assert "minocycline" not in {o.id for o in offered}
    held = next(o for o in withheld if o.id == "minocycline")
    assert any("Breastfeeding" in r for r in held.withheld_reasons)
    assert {"SPS-TETRACYCLINES-LACTATION", "LACTMED-MINOCYCLINE"} <= set(held.refs)
    # every medicine still offered to her says what it means for breastfeeding
    for option in offered:
        treatment = bundle.treatments[option.id]
        if treatment.kind in MEDICINE_KINDS:
            assert any("reastfeed" in c for c in option.cautions), option.id


def test_the_same_woman_not_breastfeeding_may_be_offered_minocycline(bundle: KnowledgeBundle) -> None:
    facts = build_facts(_ssc_woman(lactating=False), bundle)
    offered, _ = select_treatments(facts, bundle, subtype="dystrophic", subform=None, conditions=["systemic_sclerosis"])
    mino = next(o for o in offered if o.id == "minocycline")
    assert not any("Breastfeeding" in c for c in mino.cautions)


def test_a_condition_that_has_ended_makes_no_option_apply(bundle: KnowledgeBundle) -> None:
    """'Off dialysis since the transplant': more frequent dialysis is no option for this patient."""
    from calcidx.case.model import Finding

    def offered(assertion: str) -> set[str]:
        case = Case(
            patient={"age_years": 55, "sex": "male"},
            findings=[Finding(concept="dialysis", assertion=assertion), Finding(concept="kidney_transplant")],
        )
        facts = build_facts(case, bundle)
        return {
            o.id
            for o in select_treatments(facts, bundle, subtype="calciphylaxis", subform=None, conditions=["dialysis"])[0]
        }

    assert "dialysis_intensification_calciphylaxis" in offered("present")
    assert "dialysis_intensification_calciphylaxis" not in offered("historical")


SURGERY_IN_PREGNANCY = "obstetric consultation before this operation"
HYPERBARIC_IN_PREGNANCY = "effects of hyperbaric oxygen on the fetus are uncertain"


def _procedure_cautions(bundle: KnowledgeBundle, *, pregnant: bool) -> dict[str, list[str]]:
    """The cautions on each procedure offered to a woman of 30 with uraemic calciphylaxis or SSc."""
    out: dict[str, list[str]] = {}
    scopes = (("calciphylaxis", "dialysis"), ("dystrophic", "systemic_sclerosis"), ("idiopathic", None))
    for subtype, condition in scopes:
        case = Case.model_validate(
            {
                "patient": {"age_years": 30, "sex": "female", "pregnant": pregnant, "lactating": False},
                "findings": [{"concept": condition}] if condition else [],
                "labs": [{"analyte": "pth", "interpretation": "high"}],
            }
        )
        conditions = [condition] if condition else []
        facts = build_facts(case, bundle)
        offered, _ = select_treatments(facts, bundle, subtype=subtype, subform=None, conditions=conditions)
        out.update({o.id: o.cautions for o in offered if bundle.treatments[o.id].kind == "procedure"})
    return out


def test_operations_and_hyperbaric_oxygen_in_pregnancy_carry_their_caution(bundle: KnowledgeBundle) -> None:
    """Parathyroidectomy, excision and hyperbaric oxygen were offered in pregnancy with no word of it."""
    cautions = _procedure_cautions(bundle, pregnant=True)
    for operation in ("parathyroidectomy_calciphylaxis", "surgical_excision", "excision_idiopathic"):
        assert any(SURGERY_IN_PREGNANCY in c for c in cautions[operation]), operation
    assert any(HYPERBARIC_IN_PREGNANCY in c for c in cautions["hyperbaric_oxygen_calciphylaxis"])
    # a caution, not a withholding: needed surgery is never denied in pregnancy
    assert not any(SURGERY_IN_PREGNANCY in c for c in cautions["dialysis_intensification_calciphylaxis"])


def test_the_same_procedures_without_pregnancy_carry_no_pregnancy_caution(bundle: KnowledgeBundle) -> None:
    cautions = _procedure_cautions(bundle, pregnant=False)
    assert {"parathyroidectomy_calciphylaxis", "surgical_excision", "hyperbaric_oxygen_calciphylaxis"} <= set(cautions)
    shown = [c for texts in cautions.values() for c in texts]
    assert not any(SURGERY_IN_PREGNANCY in c or HYPERBARIC_IN_PREGNANCY in c for c in shown)
