"""The structured findings form: its fields (from the knowledge bundle) and its answers -> a ``Case``.

Each problem is one message tied to the field it concerns, so the page can show it beside the
field and in a summary at the top.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from calcidx.case.model import Case, Finding, Lab, Lesion, Medication, Patient
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["LAB_ROWS", "ConceptGroup", "ConceptSection", "FormResult", "concept_groups", "parse_form"]

#: Lab rows on the form.
LAB_ROWS = 6
_MAX_FIELD = 2_000


@dataclass(frozen=True)
class ConceptOption:
    id: str
    label: str


@dataclass(frozen=True)
class ConceptGroup:
    """A fieldset of findings that can be marked present or absent."""

    key: str
    title: str
    options: list[ConceptOption]


@dataclass(frozen=True)
class ConceptSection:
    """A collapsible part of the form: conditions, exposures, or signs and results."""

    title: str
    groups: list[ConceptGroup]

    @property
    def size(self) -> int:
        return sum(len(group.options) for group in self.groups)

    @property
    def ids(self) -> list[str]:
        return [option.id for group in self.groups for option in group.options]


@dataclass
class FormResult:
    """The case built from the answers, or the problems (field name -> message)."""

    case: Case | None
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


def _title(key: str) -> str:
    return key.replace("_", " ").capitalize()


def concept_groups(bundle: KnowledgeBundle) -> list[ConceptSection]:
    """The findings the form offers: four sections, each grouped by category."""
    parts: list[tuple[str, dict[str, list[ConceptOption]]]] = [
        ("Associated conditions", {}),
        ("Exposures, medications and procedures", {}),
        ("Lesions, signs, symptoms, imaging and histology", {}),
        ("For treatment safety: heart, liver, allergies, devices", {}),
    ]
    for condition in bundle.conditions.values():
        parts[0][1].setdefault(condition.category, []).append(ConceptOption(condition.id, condition.label))
    for exposure in bundle.exposures.values():
        parts[1][1].setdefault(exposure.kind, []).append(ConceptOption(exposure.id, exposure.label))
    for feature in bundle.features.values():
        parts[2][1].setdefault(feature.category, []).append(ConceptOption(feature.id, feature.label))
    for safety in bundle.safety_conditions.values():
        parts[3][1].setdefault("conditions_that_withhold_a_treatment", []).append(
            ConceptOption(safety.id, safety.label)
        )
    sections: list[ConceptSection] = []
    for index, (title, groups) in enumerate(parts):
        sections.append(
            ConceptSection(
                title=title,
                groups=[
                    ConceptGroup(
                        key=f"s{index}-{key}",
                        title=_title(key),
                        options=sorted(options, key=lambda o: o.label.lower()),
                    )
                    for key, options in sorted(groups.items())
                ],
            )
        )
    return sections


def _number(text: str, name: str, what: str, errors: dict[str, str], low: float, high: float) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        errors[name] = f"{what}: {text!r} is not a number"
        return None
    if not low <= value <= high:
        errors[name] = f"{what}: {value:g} is outside {low:g} to {high:g}"
        return None
    return value


def _female_status(
    values: Mapping[str, str], name: str, what: str, sex: str | None, errors: dict[str, str]
) -> bool | None:
    """A yes / no / not recorded answer about pregnancy or breastfeeding (never yes for a man)."""
    text = values.get(name, "").strip()
    answer = {"yes": True, "no": False, "": None}.get(text)
    if text not in ("yes", "no", ""):
        errors[name] = f"{what}: choose yes, no or not recorded"
    if answer and sex == "male":
        errors[name] = f"{what}: cannot be yes when sex is male"
    return answer


def parse_form(answers: Mapping[str, str], bundle: KnowledgeBundle) -> FormResult:
    """Turn the form's answers into a ``Case``, or say what is wrong with each field."""
    errors: dict[str, str] = {}
    values = {key: value[:_MAX_FIELD] for key, value in answers.items()}
    for key, value in answers.items():
        if len(value) > _MAX_FIELD:
            errors[key] = f"{key}: at most {_MAX_FIELD:,} characters"

    age = _number(values.get("age", ""), "age", "Age", errors, 0, 130)
    sex = values.get("sex", "").strip() or None
    if sex not in (None, "female", "male"):
        errors["sex"] = "Sex: choose female, male or not stated"
        sex = None
    pregnant = _female_status(values, "pregnant", "Pregnancy", sex, errors)
    lactating = _female_status(values, "lactating", "Breastfeeding", sex, errors)

    sites = [s.strip() for s in values.get("sites", "").replace(";", ",").split(",") if s.strip()]
    if any(len(site) > 80 for site in sites):
        errors["sites"] = "Sites: each site at most 80 characters, separated by commas"

    findings: list[Finding] = []
    exposures: list[Finding] = []
    for key, value in values.items():
        if not key.startswith("f:") or not value:
            continue
        concept = key[2:]
        if value not in ("present", "absent"):
            errors[key] = f"{concept}: choose present, absent or not recorded"
            continue
        if concept in bundle.exposures:
            exposures.append(Finding(concept=concept, assertion=value))
        elif bundle.concept(concept) is not None:
            findings.append(Finding(concept=concept, assertion=value))
        else:
            errors[key] = f"{concept!r} is not a finding this form knows"

    labs: list[Lab] = []
    for row in range(LAB_ROWS):
        analyte_id = values.get(f"lab{row}_analyte", "").strip()
        value_text = values.get(f"lab{row}_value", "").strip()
        unit = values.get(f"lab{row}_unit", "").strip()
        if not analyte_id and not value_text and not unit:
            continue
        name = f"lab{row}_value"
        analyte = bundle.analytes.get(analyte_id)
        if analyte is None:
            errors[f"lab{row}_analyte"] = f"Lab {row + 1}: choose the test"
            continue
        number = _number(value_text, name, f"Lab {row + 1} ({analyte.label})", errors, 0, 1e7)
        if number is None:
            errors.setdefault(name, f"Lab {row + 1} ({analyte.label}): enter the value")
            continue
        allowed = [u.symbol for u in analyte.units]
        if allowed and unit not in allowed:
            errors[f"lab{row}_unit"] = f"Lab {row + 1} ({analyte.label}): choose a unit: {', '.join(allowed)}"
            continue
        labs.append(Lab(analyte=analyte.id, name=analyte.label, value=number, unit=unit or None))

    # named as written: the assessment gives each the drug its name is ("warfarin 5 mg daily")
    medications = [Medication(name=line.strip()) for line in values.get("medications", "").splitlines() if line.strip()]
    if len(medications) > 50:
        errors["medications"] = "Medications: at most 50 lines"

    if not errors and not (age is not None or sex or sites or findings or exposures or labs or medications):
        errors["age"] = "Enter at least one thing about the patient: age, a site, a finding, a lab or a medication"
    if errors:
        return FormResult(case=None, errors=errors, values=values)
    case = Case(
        patient=Patient(age_years=age, sex=sex, pregnant=pregnant, lactating=lactating),
        lesions=[Lesion(site=site) for site in sites],
        findings=findings,
        exposures=exposures,
        labs=labs,
        medications=medications,
    )
    return FormResult(case=case, values=values)
