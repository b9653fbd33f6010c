"""``calcidx knowledge validate``: check the bundle like code.

Checks: the schema (unknown keys rejected, done by the loader), ids unique within each file and
across the concept tables, every reference key resolves, every cross-reference resolves, every
HPO id exists and is not obsolete in the release shipped with hpo3, and that release is the one
``bundle.yaml`` records.

Evidence checks (issue 7):

* a code source (``kind: ontology``: ontology file, code list, translation) is never evidence:
  treatments, cautions and medications cite it only in ``code_refs``; every clinical claim
  (treatment, caution, medication action, rule, reference range, plausibility bound) needs at
  least one non-code source in ``refs``;
* evidence tags follow the sources: a treatment, caution or medication action tagged
  ``confirmed`` needs at least one source that can carry ``confirmed`` (not secondary, not read
  only as an abstract, not only listed, not machine-generated). Items of other tables tagged
  above their sources are counted in ``notes`` (their owners decide).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from calcidx.errors import KnowledgeError
from calcidx.knowledge import hpo
from calcidx.knowledge.loader import data_dir, load_bundle_from
from calcidx.knowledge.schema import Cited, KnowledgeBundle, Treatment

__all__ = ["ValidationReport", "validate_bundle"]


@dataclass
class ValidationReport:
    """What ``validate_bundle`` found: problems (must be empty) and counts of what was checked."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    hpo_release: str = ""
    bundle_version: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def _cited_items(bundle: KnowledgeBundle) -> Iterable[tuple[str, Cited]]:
    tables: dict[str, Iterable[Cited]] = {
        "disease": bundle.disease.values(),
        "subtypes": bundle.subtypes.values(),
        "subforms": bundle.subforms.values(),
        "conditions": bundle.conditions.values(),
        "exposures": bundle.exposures.values(),
        "features": bundle.features.values(),
        "analytes": bundle.analytes.values(),
        "workup": bundle.workup.values(),
        "lab_phenotypes": bundle.lab_phenotypes,
        "rules": bundle.rules.values(),
        "lookalikes": bundle.lookalikes.values(),
        "treatments": bundle.treatments.values(),
        "therapies": bundle.therapies.values(),
        "cautions": bundle.cautions.values(),
        "calcification_terms": bundle.calcification_terms,
        "medications": bundle.medications.values(),
        "safety_conditions": bundle.safety_conditions.values(),
        "interop": bundle.interop.values(),
    }
    for name, items in tables.items():
        for item in items:
            yield name, item
            if name == "analytes":
                analyte = bundle.analytes[getattr(item, "id")]  # noqa: B009 - Cited has no id
                for band in analyte.ranges:
                    yield "analytes.ranges", band
                if analyte.plausible is not None:
                    yield "analytes.plausible", analyte.plausible


def _label(name: str, item: object) -> str:
    ident = getattr(item, "id", None) or getattr(item, "hpo", None) or getattr(item, "analyte", "?")
    return f"{name}:{ident}"


def _hpo_ids(bundle: KnowledgeBundle) -> Iterable[tuple[str, str]]:
    for name, table in (
        ("disease", bundle.disease),
        ("subtypes", bundle.subtypes),
        ("conditions", bundle.conditions),
        ("exposures", bundle.exposures),
        ("features", bundle.features),
        ("subforms", bundle.subforms),
        ("lookalikes", bundle.lookalikes),
    ):
        for item in table.values():
            for hpo_id in item.codes.hpo:
                yield f"{name}:{item.id}", hpo_id
    for phen in bundle.lab_phenotypes:
        yield f"lab_phenotypes:{phen.analyte}/{phen.interpretation}", phen.hpo
    for calc in bundle.calcification_terms:
        yield f"calcification_terms:{calc.label}", calc.hpo


#: Treatment kinds that give a medicine (systemic or local): each needs a pregnancy and a lactation caution.
MEDICINE_KINDS = frozenset({"drug", "local"})
#: Tables whose items are clinical claims: each needs a non-code source.
CLAIM_TABLES = frozenset({"treatments", "cautions", "medications", "rules", "analytes.ranges", "analytes.plausible"})
#: Tables this check holds to "evidence follows the sources" and "no code source in refs".
STRICT_TABLES = frozenset({"treatments", "cautions", "medications"})


def _concepts(bundle: KnowledgeBundle) -> set[str]:
    return (
        set(bundle.conditions)
        | set(bundle.exposures)
        | set(bundle.features)
        | set(bundle.medications)
        | set(bundle.safety_conditions)
    )


def _check_evidence(bundle: KnowledgeBundle, report: ValidationReport) -> None:
    """Code sources never as evidence; evidence tags no stronger than the sources."""
    refs_table = bundle.references
    above: dict[str, list[str]] = {}
    for name, item in _cited_items(bundle):
        label = _label(name, item)
        for ref in item.code_refs:
            if ref not in refs_table:
                report.problems.append(f"{label}: code reference {ref!r} is not in references.yaml")
            elif not refs_table[ref].is_code_source:
                report.problems.append(f"{label}: {ref!r} in code_refs is not a code source (kind ontology)")
        known = [refs_table[r] for r in item.refs if r in refs_table]
        evidence = [r for r in known if not r.is_code_source]
        if name in STRICT_TABLES:
            for source in known:
                if source.is_code_source:
                    report.problems.append(
                        f"{label}: {source.id!r} is a code source, not evidence; move it to code_refs"
                    )
        if name in CLAIM_TABLES and known and not evidence:
            report.problems.append(f"{label}: a clinical claim with no non-code source (only {item.refs})")
        if item.evidence == "confirmed" and evidence and all(r.supports == "secondary" for r in evidence):
            if name in STRICT_TABLES:
                report.problems.append(
                    f"{label}: tagged confirmed but every source is secondary, abstract-only, listed or generated"
                )
            else:
                above.setdefault(name, []).append(label)
    for name, labels in sorted(above.items()):
        report.notes.append(
            f"{name}: {len(labels)} item(s) tagged confirmed whose sources support secondary at most: "
            + ", ".join(labels)
        )


def _check_lab_items(where: str, items: list[str], bundle: KnowledgeBundle, problems: list[str]) -> None:
    for item in items:
        analyte, sep, interp = item.partition(":")
        if not sep or analyte not in bundle.analytes or interp not in ("low", "normal", "high"):
            problems.append(f"{where}: lab condition {item!r} must be analyte:low|normal|high with a known analyte")


def _check_cross_refs(bundle: KnowledgeBundle, problems: list[str]) -> None:
    concepts = _concepts(bundle)
    for sub in bundle.subforms.values():
        for code in sub.subtypes:
            if code not in bundle.subtypes:
                problems.append(f"subforms:{sub.id}: unknown subtype {code!r}")
    for look in bundle.lookalikes.values():
        for cid in [*look.features_for, *look.decisive, *look.suspected_when]:
            if cid not in concepts:
                problems.append(f"lookalikes:{look.id}: unknown concept {cid!r}")
        for wid in look.workup:
            if wid not in bundle.workup:
                problems.append(f"lookalikes:{look.id}: unknown workup item {wid!r}")
        problems += [
            f"lookalikes:{look.id}: site_from names {eid!r}, not an exposure recorded at its site (at_site)"
            for eid in look.site_from
            if eid not in bundle.exposures or not bundle.exposures[eid].at_site
        ]
    problems += [
        f"exposures:{exp.id}: locates unknown exposure {e!r}"
        for exp in bundle.exposures.values()
        for e in exp.locates
        if e not in bundle.exposures
    ]
    problems += [
        f"analytes:{a.id}: implies_when_low names unknown concept {a.implies_when_low!r}"
        for a in bundle.analytes.values()
        if a.implies_when_low and a.implies_when_low not in concepts
    ]
    for phen in bundle.lab_phenotypes:
        if phen.analyte not in bundle.analytes:
            problems.append(f"lab_phenotypes: unknown analyte {phen.analyte!r}")
    for item in bundle.workup.values():
        for analyte in item.analytes:
            if analyte not in bundle.analytes:
                problems.append(f"workup:{item.id}: unknown analyte {analyte!r}")
    for feature in bundle.features.values():
        for cid in feature.implies:
            if cid not in bundle.conditions and (cid not in bundle.features or cid == feature.id):
                problems.append(
                    f"features:{feature.id}: implied concept {cid!r} is not in conditions.yaml or another feature"
                )
    for condition in bundle.safety_conditions.values():
        for cid in condition.implies:
            if cid not in concepts:
                problems.append(f"safety_conditions:{condition.id}: unknown implied concept {cid!r}")
    for caution in bundle.cautions.values():
        when = caution.when
        for cid in [
            *when.conditions_any,
            *when.medications_any,
            *when.unless_any,
            *when.ended_any,
            *when.current_any,
            *when.egfr_met_by,
            *when.causes_only_any,
        ]:
            if cid not in concepts:
                problems.append(f"cautions:{caution.id}: unknown concept {cid!r}")
        for cid in when.egfr_unknown_with:
            if cid not in concepts:
                problems.append(f"cautions:{caution.id}: unknown concept {cid!r}")
        for tid in when.given_any:
            if tid not in bundle.therapies:
                problems.append(f"cautions:{caution.id}: unknown therapy {tid!r}")
        for cid in when.suspected_any:  # a suspected look-alike, or a concept
            if cid not in concepts and cid not in bundle.lookalikes:
                problems.append(f"cautions:{caution.id}: unknown suspected concept {cid!r}")
        _check_lab_items(f"cautions:{caution.id}", when.labs_any, bundle, problems)
        _check_lab_items(f"cautions:{caution.id}", when.egfr_unknown_with_labs, bundle, problems)
    for med in bundle.medications.values():
        exposure = bundle.exposures.get(med.id)
        if exposure is not None and exposure.kind not in ("medication", "infusion"):
            problems.append(f"medications:{med.id}: shares its id with a non-medication exposure")
        if med.review_in and not med.review_action:
            problems.append(f"medications:{med.id}: review_in needs a review_action")
        problems += [f"medications:{med.id}: unknown caution {c!r}" for c in med.cautions if c not in bundle.cautions]
    for treatment in bundle.treatments.values():
        _check_treatment(bundle, treatment, concepts, problems)
    for therapy in bundle.therapies.values():
        problems += [
            f"therapies:{therapy.id}: unknown option {o!r}" for o in therapy.options if o not in bundle.treatments
        ]
        shared = bundle.treatments.get(therapy.id)
        if shared is not None and therapy.id not in therapy.options:
            problems.append(f"therapies:{therapy.id}: shares its id with an option, so it must list that option")
    for entry in bundle.interop.values():
        if entry.kind == "code_system" and not entry.uri:
            problems.append(f"interop:{entry.id}: a code system needs its uri")
        if entry.kind == "analyte_set":
            problems.extend(
                f"interop:{entry.id}: unknown analyte {a!r}" for a in entry.items if a not in bundle.analytes
            )
        elif entry.kind != "code_system" and (entry.system not in bundle.interop or not entry.map):
            problems.append(f"interop:{entry.id}: a map needs entries and a known code system, not {entry.system!r}")
    _check_rules(bundle, concepts, problems)


#: rule parameters that name concepts (each must exist)
_CONCEPT_LIST_PARAMS = ("for_calciphylaxis", "for_calciphylaxis_when_painful", "pain", "for_metastatic")


def _check_rules(bundle: KnowledgeBundle, concepts: set[str], problems: list[str]) -> None:
    """Rule data that names other data: concepts, work-up items, analytes, references, tables."""
    refs = set(bundle.references)
    for item in bundle.workup.values():
        for cid in item.skip_if_present:
            if cid not in concepts:
                problems.append(f"workup:{item.id}: skip_if_present names unknown concept {cid!r}")
        for cid in item.repeat_after:
            if cid not in concepts:
                problems.append(f"workup:{item.id}: repeat_after names unknown concept {cid!r}")
        if bool(item.repeat_after) != bool(item.repeat_reason):
            problems.append(f"workup:{item.id}: repeat_after and repeat_reason go together")
        for sub in item.skip_for_subforms:
            if sub not in bundle.subforms:
                problems.append(f"workup:{item.id}: skip_for_subforms names unknown subform {sub!r}")
    for analyte in bundle.analytes.values():
        for alert in analyte.alerts:
            problems += [f"analytes:{analyte.id}: alert reference {r!r} unknown" for r in alert.refs if r not in refs]
    for rule in bundle.rules.values():
        for pattern in rule.patterns:
            for lab_id in pattern.labs:
                if lab_id not in bundle.analytes:
                    problems.append(f"rules:{rule.id}/{pattern.id}: unknown analyte {lab_id!r}")
            for cid in pattern.exposures_any:
                if cid not in concepts:
                    problems.append(f"rules:{rule.id}/{pattern.id}: unknown concept {cid!r}")
            problems += [
                f"rules:{rule.id}/{pattern.id}: reference {r!r} unknown" for r in pattern.refs if r not in refs
            ]
        for threshold in rule.thresholds:
            problems += [f"rules:{rule.id}: threshold reference {r!r} unknown" for r in threshold.refs if r not in refs]
        for name in ("renal_settings", "nonrenal_settings", *_CONCEPT_LIST_PARAMS):
            for cid in rule.words(name) if name in rule.params else []:
                if cid not in concepts:
                    problems.append(f"rules:{rule.id}: {name} names unknown concept {cid!r}")
        for entry in rule.words("drains_to") if "drains_to" in rule.params else []:
            source, arrow, target = entry.partition("->")
            if not arrow or not source.split() or not target.split():
                problems.append(f"rules:{rule.id}: drains_to entry {entry!r} must read '<from words> -> <to words>'")
        for name in ("ctd_panel_workup", "first_line_workup"):
            for wid in rule.words(name) if name in rule.params else []:
                if wid not in bundle.workup:
                    problems.append(f"rules:{rule.id}: {name} names unknown work-up item {wid!r}")
    table = bundle.resolution
    if table is None:
        problems.append("rules.yaml: no 'resolution' (precedence and certainty tables)")
        return
    problems += [f"rules.yaml resolution: reference {r!r} unknown" for r in table.refs if r not in refs]
    for code in table.order:
        if code not in bundle.subtypes:
            problems.append(f"rules.yaml resolution: order names unknown subtype {code!r}")
    axes = table.certainty
    for cause in axes.cause_levels:
        row = axes.table.get(cause, {})
        missing = [level for level in axes.calcinosis_levels if level not in row]
        if missing:
            problems.append(f"rules.yaml resolution: certainty[{cause}] lacks {missing}")


def _check_treatment(bundle: KnowledgeBundle, treatment: Treatment, concepts: set[str], problems: list[str]) -> None:
    for cid in treatment.cautions:
        if cid not in bundle.cautions:
            problems.append(f"treatments:{treatment.id}: unknown caution {cid!r}")
    for sub in treatment.subforms:
        if sub not in bundle.subforms:
            problems.append(f"treatments:{treatment.id}: unknown subform {sub!r}")
    for cid in treatment.conditions:
        if cid not in concepts:
            problems.append(f"treatments:{treatment.id}: unknown concept {cid!r}")
    if treatment.dose and not treatment.dose_refs:
        problems.append(f"treatments:{treatment.id}: a dose needs dose_refs naming its source")
    _check_lab_items(f"treatments:{treatment.id}", treatment.requires.labs_any, bundle, problems)
    if treatment.kind in MEDICINE_KINDS and treatment.recommended:
        known = [bundle.cautions[c] for c in treatment.cautions if c in bundle.cautions]
        for field in ("pregnant", "lactating"):
            if not any(getattr(c.when, field) is True for c in known):
                problems.append(
                    f"treatments:{treatment.id}: a medicine offered to patients needs a cited caution for "
                    f"{field} patients (cautions.yaml, when: {{{field}: true}}), or recommended: false"
                )


def validate_bundle(folder: Path | None = None, *, check_hpo: bool = True) -> ValidationReport:
    """Validate the knowledge data in ``folder`` (default: the shipped bundle)."""
    report = ValidationReport()
    try:
        bundle = load_bundle_from(folder or data_dir())
    except KnowledgeError as exc:
        report.problems.append(str(exc))
        return report
    report.bundle_version = bundle.info.version
    problems = report.problems

    seen: dict[str, str] = {}
    for name, table in (
        ("conditions", bundle.conditions),
        ("exposures", bundle.exposures),
        ("features", bundle.features),
        ("lookalikes", bundle.lookalikes),
        ("safety_conditions", bundle.safety_conditions),
    ):
        for item_id in table:
            if item_id in seen:
                problems.append(f"id {item_id!r} is used in both {seen[item_id]} and {name}")
            seen[item_id] = name

    for name, item in _cited_items(bundle):
        refs = list(item.refs)
        refs += list(getattr(item, "dose_refs", []) or [])
        refs += list(getattr(item, "loinc_refs", []) or [])
        for ref in refs:
            if ref not in bundle.references:
                problems.append(f"{_label(name, item)}: reference {ref!r} is not in references.yaml")
    for analyte in bundle.analytes.values():
        if (analyte.loinc or analyte.loinc_read) and not analyte.loinc_refs:
            problems.append(f"analytes:{analyte.id}: LOINC codes need loinc_refs naming their source")
        symbols = {unit.symbol for unit in analyte.units}
        if analyte.units and analyte.canonical_unit not in symbols:
            problems.append(f"analytes:{analyte.id}: canonical unit {analyte.canonical_unit!r} not among units")
        source = bundle.analytes.get(analyte.ranges_from) if analyte.ranges_from else None
        if analyte.ranges_from and (source is None or source.canonical_unit != analyte.canonical_unit):
            problems.append(f"analytes:{analyte.id}: ranges_from {analyte.ranges_from!r} is no analyte in its unit")

    _check_cross_refs(bundle, problems)
    _check_evidence(bundle, report)

    if check_hpo:
        release = hpo.loaded_release()
        report.hpo_release = release
        if release != bundle.info.hpo_release:
            problems.append(
                f"bundle.yaml records HPO release {bundle.info.hpo_release!r} but hpo3 ships {release!r}: "
                "re-validate the HPO ids and update hpo_release"
            )
        for where, hpo_id in _hpo_ids(bundle):
            found = hpo.term(hpo_id)
            if found is None:
                problems.append(f"{where}: HPO id {hpo_id!r} does not exist in release {release}")
            elif found.is_obsolete:
                problems.append(f"{where}: HPO id {hpo_id!r} is obsolete in release {release}")

    report.counts = {
        "references": len(bundle.references),
        "subtypes": len(bundle.subtypes),
        "subforms": len(bundle.subforms),
        "conditions": len(bundle.conditions),
        "exposures": len(bundle.exposures),
        "features": len(bundle.features),
        "analytes": len(bundle.analytes),
        "workup": len(bundle.workup),
        "rules": len(bundle.rules),
        "lookalikes": len(bundle.lookalikes),
        "treatments": len(bundle.treatments),
        "cautions": len(bundle.cautions),
        "medications": len(bundle.medications),
    }
    return report
