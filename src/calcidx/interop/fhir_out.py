"""An assessed case as a FHIR R4 ``Bundle`` (type ``collection``), checked with fhir.resources.

What goes where (codes only from the knowledge base, ``interop.yaml`` for the FHIR value sets):

* ``Patient``: sex, and the age at presentation as a CalciDx extension (a report gives an age,
  never a birth date).
* ``Condition`` for calcinosis cutis (ICD-10 and HPO codings from ``disease.yaml`` plus the subtype
  coding) with ``verificationStatus`` from the certainty; one ``differential`` Condition per
  competing subtype and per differential candidate; one Condition per reported condition with the
  verification status of its assertion (absent -> ``refuted``).
* ``Observation`` per lab (LOINC, UCUM quantity, reference range, interpretation L/N/H), per
  derived value (with its method), per finding (HPO, ``valueBoolean`` false when absent).
* ``FamilyMemberHistory`` for findings reported in relatives.
* ``MedicationStatement`` / ``Procedure`` for medications, exposures and treatments (treatments
  give the calcinosis Condition as their reason).
* ``ClinicalImpression`` with every rationale step (rule id@version, facts, sources) and the
  withheld treatments; ``Provenance`` naming the source document and the pipeline stamp.

Each resource made from a Case item carries a CalciDx extension naming the Case list it came from
and the assertion status, so ``case_from_fhir_bundle`` reads back exactly what was written.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from calcidx.assess.model import AssessedCase, AssessedDocument, Assessment, DerivedLab, RuleStep
from calcidx.case.model import Case, Document, Finding, Lab, Lesion, Medication, Observation, TreatmentGiven
from calcidx.interop import _pipeline
from calcidx.interop._contract import alternatives, withheld_reason
from calcidx.interop.codes import PATIENT_STATUSES, PatientStatus, Terminology
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["ASSERTION_EXTENSION", "LIST_EXTENSION", "FhirWriter", "to_fhir_bundle", "validate_fhir_bundle"]

#: Extension names (under the CalciDx URI of ``interop.yaml``).
ASSERTION_EXTENSION = "assertion"
LIST_EXTENSION = "case-list"
AGE_EXTENSION = "age"
#: an age told only as a span ("in her sixties"): a Range in completed years, both ends included
AGE_RANGE_EXTENSION = "age-range"
_NS = uuid.UUID("6f1c2f0e-4a8e-4f38-9a57-2f1f6f2b8c11")


def extension_url(terminology: Terminology, name: str) -> str:
    """The URL of a CalciDx FHIR extension."""
    return f"{terminology.uri('calcidx')}:extension:{name}"


def to_fhir_bundle(x: Case | Document | AssessedCase | AssessedDocument, *, validate: bool = True) -> dict[str, Any]:
    """A FHIR R4 Bundle (JSON dict) of every case of ``x`` (assessed first when it is not).

    Args:
        x: a Case, Document, AssessedCase or AssessedDocument.
        validate: parse the result with the fhir.resources R4B models (raises on a bad resource).

    Returns:
        The Bundle as a JSON-ready dict.
    """
    document = _pipeline.assessed_document(x)
    writer = FhirWriter(_pipeline.knowledge_bundle(), document)
    bundle = writer.bundle()
    if validate:
        validate_fhir_bundle(bundle)
    return bundle


def validate_fhir_bundle(bundle: dict[str, Any]) -> None:
    """Parse a Bundle with the fhir.resources R4B models (raises ``pydantic.ValidationError``)."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)


class FhirWriter:
    """Builds the Bundle of one assessed document."""

    def __init__(self, bundle: KnowledgeBundle, document: AssessedDocument) -> None:
        self.kb = bundle
        self.codes = Terminology(bundle)
        self.document = document
        self.entries: list[dict[str, Any]] = []
        ids = ",".join(c.case_id or "" for c in document.cases)
        self._seed = f"{document.document.source or document.document.title or 'calcidx'}/{ids}"

    # --- plumbing ---
    def _ref(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_NS, f'{self._seed}/{key}')}"

    def _add(self, key: str, resource: dict[str, Any]) -> str:
        full_url = self._ref(key)
        resource["id"] = full_url.removeprefix("urn:uuid:")
        self.entries.append({"fullUrl": full_url, "resource": resource})
        return full_url

    def _ext(self, name: str, value: str) -> dict[str, str]:
        return {"url": extension_url(self.codes, name), "valueCode": value}

    def _concept(self, concept_id: str, label: str | None) -> dict[str, Any]:
        """CodeableConcept of a knowledge concept (its codes + the CalciDx id), or text only."""
        known = self.kb.concept(concept_id)
        kind = self.kb.kind_of(concept_id)
        codings: list[dict[str, str]] = []
        text = label
        if known is not None:
            codings = self.codes.fhir_codings(known.codes)
            text = text or known.label
        elif concept_id in self.kb.lookalikes:
            look = self.kb.lookalikes[concept_id]
            codings = self.codes.fhir_codings(look.codes)
            text = text or look.label
        if kind is not None:
            codings.append(self.codes.own_coding(kind, concept_id, text))
        out: dict[str, Any] = {"text": text or concept_id}
        if codings:
            out["coding"] = codings
        return out

    def bundle(self) -> dict[str, Any]:
        """The Bundle of every case."""
        for index, case in enumerate(self.document.cases, start=1):
            self._case(case, f"case{index}")
        out: dict[str, Any] = {
            "resourceType": "Bundle",
            "id": str(uuid.uuid5(_NS, self._seed)),
            "type": "collection",
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if self.entries:  # FHIR JSON has no empty arrays: a document without patients has no entry
            out["entry"] = self.entries
        return out

    # --- one case ---
    def _case(self, case: AssessedCase, key: str) -> None:
        patient = self._patient(case, key)
        subject = {"reference": patient}
        a = case.assessment
        targets = [patient]
        calcinosis = self._calcinosis(a, key, subject)
        targets.append(calcinosis)
        conditions: dict[str, str] = {}
        for position, finding in enumerate(case.findings):
            ref = self._finding(finding, f"{key}/finding{position}", subject, "findings")
            if ref:
                targets.append(ref)
                if finding.concept in self.kb.conditions:
                    conditions[finding.concept] = ref
        for position, finding in enumerate(case.exposures):
            ref = self._finding(finding, f"{key}/exposure{position}", subject, "exposures")
            if ref:
                targets.append(ref)
        for condition_id in a.associated_conditions:
            if condition_id not in conditions:
                conditions[condition_id] = self._associated(condition_id, f"{key}/associated/{condition_id}", subject)
                targets.append(conditions[condition_id])
        if conditions:
            condition_entry = self.entries[[e["fullUrl"] for e in self.entries].index(calcinosis)]["resource"]
            condition_entry["evidence"] = [
                {"detail": [{"reference": conditions[c]} for c in a.associated_conditions if c in conditions]}
            ]
            if not condition_entry["evidence"][0]["detail"]:
                del condition_entry["evidence"]
        if case.stated_subtype or case.diagnosis_as_written or case.stated_subform:
            targets.append(self._stated(case, f"{key}/stated", subject))
        for status in PATIENT_STATUSES:
            value = getattr(case.patient, status.field)
            if value is not None:
                targets.append(self._status(status, value, f"{key}/{status.name}", subject))
        for position, lesion in enumerate(case.lesions):
            targets.append(self._lesion(lesion, f"{key}/lesion{position}", subject))
        for kind, items in (("imaging", case.imaging), ("histology", case.histology)):
            for position, obs in enumerate(items):
                targets.append(self._study(obs, kind, f"{key}/{kind}{position}", subject))
        targets += self._alternatives(a, key, subject)
        targets += self._differential(a, key, subject)
        lab_refs: dict[str, str] = {}
        for position, lab in enumerate(case.labs):
            ref = self._lab(lab, f"{key}/lab{position}", subject)
            lab_refs.setdefault(lab.analyte, ref)
            targets.append(ref)
        for derived in a.derived_labs:
            targets.append(self._derived(derived, f"{key}/derived/{derived.id}", subject, lab_refs))
        for position, med in enumerate(case.medications):
            targets.append(self._medication(med, f"{key}/med{position}", subject))
        for position, treatment in enumerate(case.treatments):
            targets.append(self._treatment(treatment, f"{key}/treatment{position}", subject, calcinosis))
        targets.append(self._impression(case, key, subject, calcinosis, conditions))
        self._provenance(case, key, targets)

    def _patient(self, case: Case, key: str) -> str:
        p = case.patient
        resource: dict[str, Any] = {"resourceType": "Patient", "gender": p.sex or "unknown"}
        if case.case_id:
            resource["identifier"] = [{"system": self.codes.uri("calcidx") + ":case", "value": case.case_id}]
        if p.age_years is not None:
            resource["extension"] = [
                {
                    "url": extension_url(self.codes, AGE_EXTENSION),
                    "valueAge": self._years(round(p.age_years, 4)),
                }
            ]
        elif p.age_range is not None:  # "in her sixties": 60 to 69
            span = {"low": self._years(p.age_range.low), "high": self._years(p.age_range.last_year)}
            resource["extension"] = [{"url": extension_url(self.codes, AGE_RANGE_EXTENSION), "valueRange": span}]
        return self._add(f"{key}/patient", resource)

    def _years(self, value: float) -> dict[str, Any]:
        """An age in years as a UCUM quantity."""
        return {
            "value": value,
            "unit": "years",
            "system": self.codes.uri("ucum"),
            "code": self.codes.value("age_units", "years"),
        }

    def _verification(self, status: str) -> dict[str, Any]:
        coding = self.codes.coding("subtype_certainty", status)
        return {"coding": [coding]} if coding else {"text": status}

    def _calcinosis(self, a: Assessment, key: str, subject: dict[str, str]) -> str:
        codings = self._disease_codings()
        code = a.subtype.code
        if code in self.kb.subtypes:
            sub = self.kb.subtypes[code]
            codings.append(self.codes.own_coding("subtype", code, sub.label))
            codings += self.codes.fhir_codings(sub.codes)
        if code == "not_calcinosis":
            status = "refuted"
        elif code == "undetermined" or a.subtype.certainty is None:
            status = "unconfirmed"
        else:
            status = a.subtype.certainty
        resource: dict[str, Any] = {
            "resourceType": "Condition",
            "verificationStatus": self._verification(status),
            "code": {"coding": codings, "text": a.subtype.label},
            "subject": subject,
            "extension": [self._ext(LIST_EXTENSION, "assessment")],
        }
        if a.subform is not None:
            resource["note"] = [
                {"text": f"Sub-form: {a.subform.label}" + (f" ({a.subform.note})" if a.subform.note else "")}
            ]
        return self._add(f"{key}/calcinosis", resource)

    def _disease_codings(self) -> list[dict[str, str]]:
        disease = next(iter(self.kb.disease.values()))
        return [*self.codes.fhir_codings(disease.codes), self.codes.own_coding("disease", disease.id, disease.label)]

    def _stated(self, case: Case, key: str, subject: dict[str, str]) -> str:
        """The diagnosis as the source states it (a fact of the record, not CalciDx's conclusion)."""
        codings = self._disease_codings()
        if case.stated_subtype in self.kb.subtypes:
            sub = self.kb.subtypes[case.stated_subtype]
            codings.append(self.codes.own_coding("subtype", sub.id, sub.label))
        if case.stated_subform in self.kb.subforms:
            form = self.kb.subforms[case.stated_subform]
            codings.append(self.codes.own_coding("subform", form.id, form.label))
        text = case.diagnosis_as_written or next(iter(self.kb.disease.values())).label
        resource: dict[str, Any] = {
            "resourceType": "Condition",
            "code": {"coding": codings, "text": text},
            "subject": subject,
            "verificationStatus": {"coding": [self.codes.coding("assertion_verification", "present")]},
            "extension": [self._ext(LIST_EXTENSION, "stated")],
        }
        if case.outcome:
            resource["note"] = [{"text": f"Outcome: {case.outcome}"}]
        return self._add(key, resource)

    def _lesion(self, lesion: Lesion, key: str, subject: dict[str, str]) -> str:
        exts = [self._ext(LIST_EXTENSION, "lesions")]
        if lesion.laterality:
            exts.append(self._ext("laterality", lesion.laterality))
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [self.codes.coding("observation_categories", "lesion")]}],
            "code": {"coding": self._disease_codings(), "text": "Skin or subcutaneous lesion"},
            "subject": subject,
            "valueBoolean": True,
            "extension": exts,
        }
        if lesion.site:
            resource["bodySite"] = {"text": lesion.site}
        notes = [f"{name}: {value}" for name, value in _lesion_fields(lesion)]
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        return self._add(key, resource)

    def _study(self, obs: Observation, kind: str, key: str, subject: dict[str, str]) -> str:
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [self.codes.coding("observation_categories", kind)]}],
            "code": {"text": obs.modality or kind},
            "subject": subject,
            "valueString": obs.text,
            "extension": [self._ext(LIST_EXTENSION, kind)],
        }
        if obs.concepts:
            resource["component"] = [
                {"code": self._concept(concept, None), "valueBoolean": True} for concept in obs.concepts
            ]
        return self._add(key, resource)

    def _finding(self, finding: Finding, key: str, subject: dict[str, str], where: str) -> str | None:
        kb = self.kb
        concept = self._concept(finding.concept, finding.label)
        exts = [self._ext(LIST_EXTENSION, where), self._ext(ASSERTION_EXTENSION, finding.assertion)]
        if finding.assertion == "family":
            resource: dict[str, Any] = {
                "resourceType": "FamilyMemberHistory",
                "status": "completed",
                "patient": subject,
                "relationship": {"coding": [self.codes.coding("family_relationship", "family")]},
                "condition": [{"code": concept}],
                "extension": exts,
            }
            return self._add(key, resource)
        if (
            finding.concept in kb.conditions
            or finding.concept in kb.lookalikes
            or finding.concept in kb.safety_conditions
            or finding.assertion == "hypothetical"
        ):
            status = self.codes.value("assertion_verification", finding.assertion)
            resource = {
                "resourceType": "Condition",
                "code": concept,
                "subject": subject,
                "extension": exts,
            }
            coding = self.codes.coding("assertion_verification", finding.assertion) if status else None
            if coding:
                resource["verificationStatus"] = {"coding": [coding]}
            if finding.site:
                resource["bodySite"] = [{"text": finding.site}]
            return self._add(key, resource)
        exposure = kb.exposures.get(finding.concept)
        if exposure is not None and exposure.kind == "medication":
            return self._medication_resource(concept, finding.assertion, None, key, subject, exts, site=finding.site)
        if exposure is not None and exposure.kind in {"procedure", "transplant"}:
            resource = {
                "resourceType": "Procedure",
                "status": "not-done" if finding.assertion == "absent" else "completed",
                "code": concept,
                "subject": subject,
                "extension": exts,
            }
            if finding.site:
                resource["bodySite"] = [{"text": finding.site}]
            return self._add(key, resource)
        category = self.codes.coding("observation_categories", "finding")
        resource = {
            "resourceType": "Observation",
            "status": "preliminary" if finding.assertion == "possible" else "final",
            "code": concept,
            "subject": subject,
            "valueBoolean": finding.assertion != "absent",
            "extension": exts,
        }
        if category:
            resource["category"] = [{"coding": [category]}]
        if finding.trigger:
            resource["note"] = [{"text": f"{finding.assertion} (cue: {finding.trigger})"}]
        if finding.site:
            resource["bodySite"] = {"text": finding.site}
        return self._add(key, resource)

    def _associated(self, condition_id: str, key: str, subject: dict[str, str]) -> str:
        resource = {
            "resourceType": "Condition",
            "code": self._concept(condition_id, None),
            "subject": subject,
            "verificationStatus": {"coding": [self.codes.coding("assertion_verification", "present")]},
            "extension": [self._ext(LIST_EXTENSION, "assessment")],
        }
        return self._add(key, resource)

    def _alternatives(self, a: Assessment, key: str, subject: dict[str, str]) -> list[str]:
        refs = []
        for code, certainty in alternatives(a):
            if code not in self.kb.subtypes:
                continue
            sub = self.kb.subtypes[code]
            codings = [self.codes.own_coding("subtype", code, sub.label), *self.codes.fhir_codings(sub.codes)]
            resource: dict[str, Any] = {
                "resourceType": "Condition",
                "verificationStatus": self._verification("differential"),
                "code": {"coding": codings, "text": sub.label},
                "subject": subject,
                "extension": [self._ext(LIST_EXTENSION, "assessment")],
            }
            if certainty:
                resource["note"] = [{"text": f"Competing subtype, certainty {certainty}"}]
            refs.append(self._add(f"{key}/alternative/{code}", resource))
        return refs

    def _differential(self, a: Assessment, key: str, subject: dict[str, str]) -> list[str]:
        refs = []
        for item in a.differential:
            codings: list[dict[str, str]] = []
            for field, values in item.codes.items():
                if field in self.kb.interop and values:
                    codings.append({"system": self.codes.uri(field), "code": values[0]})
            if item.kind == "lookalike":
                codings.append(self.codes.own_coding("lookalike", item.id, item.label))
            resource: dict[str, Any] = {
                "resourceType": "Condition",
                "verificationStatus": self._verification("differential"),
                "code": {"text": item.label, **({"coding": codings} if codings else {})},
                "subject": subject,
                "extension": [self._ext(LIST_EXTENSION, "assessment")],
            }
            notes = [f"Differential rank {item.rank} ({item.kind})"]
            if item.features_for:
                notes.append("For: " + "; ".join(item.features_for))
            if item.features_against:
                notes.append("Against: " + "; ".join(item.features_against))
            if item.test:
                notes.append(f"Decisive test: {item.test}")
            resource["note"] = [{"text": n} for n in notes]
            refs.append(self._add(f"{key}/differential/{item.id}", resource))
        return refs

    def _lab(self, lab: Lab, key: str, subject: dict[str, str]) -> str:
        analyte = self.kb.analytes.get(lab.analyte)
        codings: list[dict[str, str]] = []
        loinc = lab.loinc or (analyte.loinc[0] if analyte and analyte.loinc else None)
        if loinc:
            codings.append({"system": self.codes.uri("loinc"), "code": loinc})
        if analyte is not None:
            codings.append(self.codes.own_coding("analyte", analyte.id, analyte.label))
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [self.codes.coding("observation_categories", "lab")]}],
            "code": {"text": lab.name or (analyte.label if analyte else lab.analyte), "coding": codings},
            "subject": subject,
            "extension": [self._ext(LIST_EXTENSION, "labs")],
        }
        if not codings:
            del resource["code"]["coding"]
        if lab.value is not None:
            resource["valueQuantity"] = self._quantity(lab.value, lab.unit, analyte)
            if lab.comparator and lab.comparator != "=":
                resource["valueQuantity"]["comparator"] = lab.comparator
        elif lab.qualitative:
            resource["valueString"] = lab.qualitative
        if lab.reference_low is not None or lab.reference_high is not None:
            band: dict[str, Any] = {}
            if lab.reference_low is not None:
                band["low"] = self._quantity(lab.reference_low, lab.unit, analyte)
            if lab.reference_high is not None:
                band["high"] = self._quantity(lab.reference_high, lab.unit, analyte)
            if lab.reference_range:
                band["text"] = lab.reference_range
            resource["referenceRange"] = [band]
        elif lab.reference_range:
            resource["referenceRange"] = [{"text": lab.reference_range}]
        if lab.interpretation:
            coding = self.codes.coding("lab_interpretation", lab.interpretation)
            if coding:
                resource["interpretation"] = [{"coding": [coding]}]
        return self._add(key, resource)

    def _quantity(self, value: float, unit: str | None, analyte: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"value": value}
        if unit:
            out["unit"] = unit
            ucum = self.codes.ucum(analyte, unit)
            if ucum:
                out["system"] = self.codes.uri("ucum")
                out["code"] = ucum
        return out

    def _derived(self, derived: DerivedLab, key: str, subject: dict[str, str], labs: dict[str, str]) -> str:
        # No LOINC here: the knowledge records the corrected-calcium LOINC for another property
        # (moles) than the value computed (mass), and none for the Ca x P product.
        analyte = self.kb.analytes.get(derived.id)
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [self.codes.coding("observation_categories", "lab")]}],
            "code": {"text": derived.label, "coding": [self.codes.own_coding("derived", derived.id, derived.label)]},
            "subject": subject,
            "method": {"text": derived.method},
            "extension": [self._ext(LIST_EXTENSION, "derived")],
        }
        if derived.value is not None:
            resource["valueQuantity"] = self._quantity(derived.value, derived.unit, analyte)
        if derived.interpretation in {"low", "normal", "high"}:
            resource["interpretation"] = [{"coding": [self.codes.coding("lab_interpretation", derived.interpretation)]}]
        notes = [f"Sources: {', '.join(derived.refs)}"] if derived.refs else []
        if derived.caveat:
            notes.append(derived.caveat)
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        if labs:
            resource["derivedFrom"] = [{"reference": ref} for ref in labs.values()]
        return self._add(key, resource)

    def _medication_resource(
        self,
        concept: dict[str, Any],
        assertion: str,
        dose: str | None,
        key: str,
        subject: dict[str, str],
        exts: list[dict[str, str]],
        *,
        site: str | None = None,
    ) -> str:
        status = {"absent": "not-taken", "historical": "completed", "present": "active"}.get(assertion, "unknown")
        resource: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "status": status,
            "medicationCodeableConcept": concept,
            "subject": subject,
            "extension": exts,
        }
        if dose or site:
            resource["dosage"] = [{**({"text": dose} if dose else {}), **({"site": {"text": site}} if site else {})}]
        return self._add(key, resource)

    def _medication(self, med: Medication, key: str, subject: dict[str, str]) -> str:
        concept = self._concept(med.concept, med.name) if med.concept else {"text": med.name}
        concept["text"] = med.name
        exts = [self._ext(LIST_EXTENSION, "medications"), self._ext(ASSERTION_EXTENSION, med.assertion)]
        return self._medication_resource(concept, med.assertion, med.dose, key, subject, exts)

    def _status(self, status: PatientStatus, value: bool, key: str, subject: dict[str, str]) -> str:
        """A pregnancy or breastfeeding status Observation: the cautions of an EHR reading it back depend on it."""
        code = status.code(self.codes)
        coding = status.value(self.codes, value)
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "code": {"coding": [code] if code else [], "text": (code or {}).get("display", f"{status.name} status")},
            "subject": subject,
            "valueCodeableConcept": {
                "coding": [coding] if coding else [],
                "text": (coding or {}).get("display", "yes" if value else "no"),
            },
        }
        return self._add(key, resource)

    def _treatment(self, treatment: TreatmentGiven, key: str, subject: dict[str, str], calcinosis: str) -> str:
        known = self.kb.named_treatments().get(treatment.concept or "")
        codings: list[dict[str, str]] = []
        if known is not None:
            codings = [*self.codes.fhir_codings(known.codes), self.codes.own_coding("treatment", known.id, known.label)]
        concept: dict[str, Any] = {"text": treatment.name, **({"coding": codings} if codings else {})}
        exts = [self._ext(LIST_EXTENSION, "treatments"), self._ext("treatment-status", treatment.status)]
        if known is not None and known.kind == "drug":
            status = {"given": "completed", "planned": "intended", "stopped": "stopped"}[treatment.status]
            resource: dict[str, Any] = {
                "resourceType": "MedicationStatement",
                "status": status,
                "medicationCodeableConcept": concept,
                "subject": subject,
                "reasonReference": [{"reference": calcinosis}],
                "extension": exts,
            }
            if treatment.response:
                resource["note"] = [{"text": f"Response: {treatment.response}"}]
            return self._add(key, resource)
        status = {"given": "completed", "planned": "preparation", "stopped": "stopped"}[treatment.status]
        resource = {
            "resourceType": "Procedure",
            "status": status,
            "code": concept,
            "subject": subject,
            "reasonReference": [{"reference": calcinosis}],
            "extension": exts,
        }
        if treatment.response:
            resource["outcome"] = {"text": treatment.response}
        return self._add(key, resource)

    def _impression(
        self, case: AssessedCase, key: str, subject: dict[str, str], calcinosis: str, conditions: dict[str, str]
    ) -> str:
        a = case.assessment
        certainty = f" ({a.subtype.certainty})" if a.subtype.certainty else ""
        findings: list[dict[str, Any]] = [{"itemReference": {"reference": calcinosis}, "basis": "CalciDx assessment"}]
        findings += [
            {"itemReference": {"reference": ref}, "basis": "associated condition"} for ref in conditions.values()
        ]
        findings += [self._step(step) for step in a.rationale]
        notes = [{"text": f"Withheld: {t.label}: {withheld_reason(t)}"} for t in a.withheld_treatments]
        notes += [{"text": f"Warning {w.code}: {w.message}"} for w in a.warnings]
        notes.append({"text": a.disclaimer})
        resource: dict[str, Any] = {
            "resourceType": "ClinicalImpression",
            "status": "completed",
            "subject": subject,
            "description": "CalciDx assessment of calcinosis cutis",
            "summary": f"{a.subtype.label}{certainty}",
            "finding": findings,
            "note": notes,
            "extension": [self._ext(LIST_EXTENSION, "assessment")],
        }
        refs = sorted({ref for step in a.rationale for ref in step.refs})
        protocols = [self._ref_uri(ref) for ref in refs]
        if any(protocols):
            resource["protocol"] = sorted({p for p in protocols if p})
        return self._add(f"{key}/impression", resource)

    def _ref_uri(self, ref: str) -> str | None:
        source = self.kb.references.get(ref)
        if source is None:
            return None
        if source.doi:
            return f"https://doi.org/{source.doi}"
        return source.url

    def _step(self, step: RuleStep) -> dict[str, Any]:
        facts = "; ".join(f"{f.label}" + (f" = {f.value}" if f.value else "") for f in step.facts)
        basis = f"{'fired' if step.fired else 'not fired'}: {step.conclusion}"
        if facts:
            basis += f" Facts: {facts}."
        basis += f" Sources: {', '.join(step.refs)}."
        return {
            "itemCodeableConcept": {
                "text": step.title,
                "coding": [{"system": self.codes.uri("calcidx") + ":rule", "code": step.rule, "display": step.title}],
            },
            "basis": basis,
        }

    def _provenance(self, case: AssessedCase, key: str, targets: list[str]) -> None:
        info = self.document.document
        prov = case.provenance
        identifiers = []
        doi = prov.doi or info.doi
        pmid = prov.pmid or info.pmid
        if doi:
            identifiers.append({"system": "urn:ietf:rfc:3986", "value": f"https://doi.org/{doi}"})
        if pmid:
            identifiers.append({"system": "https://pubmed.ncbi.nlm.nih.gov", "value": pmid})
        display = prov.title or info.title or prov.source or info.source
        entities: list[dict[str, Any]] = []
        candidates: list[dict[str, str] | None] = [*identifiers] if identifiers else [None]
        for ident in candidates:
            what: dict[str, Any] = {}
            if display:
                what["display"] = display
            if ident:
                what["identifier"] = ident
            if what:
                entities.append({"role": "source", "what": what})
        if self.document.doc_id:
            entities.append(
                {
                    "role": "source",
                    "what": {"identifier": {"system": "urn:ietf:rfc:6920", "value": f"sha-256:{self.document.doc_id}"}},
                }
            )
        assembler = self.codes.coding("provenance_roles", "assembler")
        stamp = _pipeline.pipeline_stamp(self.document)
        resource: dict[str, Any] = {
            "resourceType": "Provenance",
            "target": [{"reference": t} for t in targets],
            "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
            "policy": [
                f"{self.codes.uri('calcidx')}:pipeline:{stamp.calcidx_version}:{stamp.extractor_rules}:"
                f"{stamp.knowledge}:{stamp.hpo_release}"
            ],
            "agent": [
                {
                    "type": {"coding": [assembler]} if assembler else {"text": "assembler"},
                    "who": {"display": _pipeline.stamp_text(stamp)},
                }
            ],
        }
        if entities:
            resource["entity"] = entities
        self._add(f"{key}/provenance", resource)


def _lesion_fields(lesion: Lesion) -> list[tuple[str, str]]:
    out = []
    for name in ("size", "count", "onset", "duration"):
        value = getattr(lesion, name)
        if value:
            out.append((name, str(value)))
    for name in ("morphology", "kinds", "symptoms"):
        out += [(name, str(v)) for v in getattr(lesion, name)]
    return out
