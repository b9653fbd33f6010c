"""A FHIR R4 ``Bundle`` (Patient, Condition, Observation, MedicationStatement, Procedure,
FamilyMemberHistory, Provenance) read into ``Case``s.

Codes are looked up in the knowledge base (``codes.Terminology``); a code it does not hold is
reported in ``Document.warnings`` and the resource is left out, never guessed from its text.
Resources that CalciDx itself wrote as conclusions (the calcinosis Condition, differential
candidates, derived values, the ClinicalImpression) are not facts and are not read back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from calcidx.case.io import describe_validation_error
from calcidx.case.model import (
    AgeRange,
    Case,
    Document,
    DocumentInfo,
    Finding,
    Lab,
    Medication,
    Provenance,
    TreatmentGiven,
)
from calcidx.errors import InputError
from calcidx.interop import _pipeline
from calcidx.interop.codes import PATIENT_STATUSES, Known, Terminology
from calcidx.interop.fhir_out import (
    AGE_EXTENSION,
    AGE_RANGE_EXTENSION,
    ASSERTION_EXTENSION,
    LIST_EXTENSION,
    extension_url,
)
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["case_from_fhir_bundle", "document_from_fhir_bundle", "is_fhir_bundle"]

_ASSERTIONS = {"present", "absent", "possible", "historical", "family", "hypothetical"}
_CONCLUSIONS = {"assessment", "derived"}


def is_fhir_bundle(raw: object) -> bool:
    """Whether a parsed JSON value is a FHIR Bundle."""
    return isinstance(raw, dict) and raw.get("resourceType") == "Bundle"


def case_from_fhir_bundle(bundle: dict[str, Any]) -> Case:
    """The one patient of a FHIR Bundle as a ``Case`` (unknown codes are dropped; see
    ``document_from_fhir_bundle`` for the warnings).

    Raises:
        InputError: not a valid Bundle, or it holds no patient / more than one.
    """
    document = document_from_fhir_bundle(bundle)
    if len(document.cases) != 1:
        raise InputError(f"FHIR Bundle: expected one patient, found {len(document.cases)}")
    return document.cases[0]


def document_from_fhir_bundle(
    bundle: dict[str, Any], where: str = "FHIR Bundle", *, knowledge: KnowledgeBundle | None = None
) -> Document:
    """Every patient of a FHIR Bundle as a ``Case``, with a warning per code that was not used.

    Raises:
        InputError: the Bundle does not parse with the FHIR R4B models, or names no Patient.
    """
    if not is_fhir_bundle(bundle):
        raise InputError(f"{where}: expected a FHIR Bundle (resourceType 'Bundle')")
    from fhir.resources.R4B.bundle import Bundle

    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:
        raise InputError(f"not a valid FHIR R4 Bundle: {describe_validation_error(exc, where)}") from exc
    return _Reader(bundle, where, knowledge or _pipeline.knowledge_bundle()).read()


class _Reader:
    def __init__(self, bundle: dict[str, Any], where: str, knowledge: KnowledgeBundle) -> None:
        self.codes = Terminology(knowledge)
        self.kb = self.codes.bundle
        self.where = where
        self.warnings: list[str] = []
        self.entries = [e for e in bundle.get("entry") or [] if isinstance(e.get("resource"), dict)]
        self.cases: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, str] = {}
        self.calcinosis_refs: set[str] = set()

    def read(self) -> Document:
        for index, entry in enumerate(self.entries):
            resource = entry["resource"]
            if resource["resourceType"] == "Patient":
                self._patient(entry, index)
        if not self.cases:
            raise InputError(f"{self.where}: no Patient resource; a Bundle needs the patient it describes")
        for entry in self.entries:
            resource = entry["resource"]
            if resource["resourceType"] == "Condition" and self._list(resource) == "assessment":
                self._note_calcinosis(entry)
        provenance = Provenance(source=self.where)
        for index, entry in enumerate(self.entries):
            resource = entry["resource"]
            kind = resource["resourceType"]
            label = f"{self.where}: entry[{index}] {kind}"
            if kind == "Provenance":
                provenance = self._provenance(resource) or provenance
                continue
            handler = getattr(self, f"_read_{kind}", None)
            if handler is None or kind == "Patient":
                continue
            case = self._case_of(resource, label)
            if case is not None:
                handler(resource, case, label)
        cases = []
        for data in self.cases.values():
            data["provenance"] = provenance
            try:
                cases.append(Case.model_validate(data))
            except ValidationError as exc:
                raise InputError(describe_validation_error(exc, self.where)) from exc
        info = DocumentInfo(kind="other", source=self.where, format="fhir", doi=provenance.doi, pmid=provenance.pmid)
        return Document(document=info, cases=cases, warnings=self.warnings)

    # --- helpers ---
    def _ext(self, resource: dict[str, Any], name: str) -> Any:
        url = extension_url(self.codes, name)
        for ext in resource.get("extension") or []:
            if ext.get("url") == url:
                for key, value in ext.items():
                    if key.startswith("value"):
                        return value
        return None

    def _list(self, resource: dict[str, Any]) -> str | None:
        value = self._ext(resource, LIST_EXTENSION)
        return value if isinstance(value, str) else None

    def _age_range(self, span: dict[str, Any]) -> AgeRange | None:
        """An age-range extension's Range (completed years, both ends included) as a span, or None
        with a warning."""
        years = self.codes.value("age_units", "years")
        values: list[float] = []
        for end in ("low", "high"):
            quantity = span.get(end) or {}
            value = quantity.get("value")
            if quantity.get("code") in (None, years) and isinstance(value, int | float):
                values.append(float(value))
        if len(values) != 2 or values[1] < values[0]:
            self.warnings.append(f"{self.where}: Patient age range {span!r} not read (low and high in years)")
            return None
        return AgeRange.through(values[0], values[1])

    def _patient(self, entry: dict[str, Any], index: int) -> None:
        resource = entry["resource"]
        patient: dict[str, Any] = {}
        gender = resource.get("gender")
        if gender in {"female", "male"}:
            patient["sex"] = gender
        age = self._ext(resource, AGE_EXTENSION)
        if isinstance(age, dict) and isinstance(age.get("value"), int | float):
            unit = age.get("code")
            if unit == self.codes.value("age_units", "months"):
                patient["age_years"] = round(float(age["value"]) / 12, 4)
            elif unit in {None, self.codes.value("age_units", "years")}:
                patient["age_years"] = float(age["value"])
            else:
                self.warnings.append(f"{self.where}: Patient age unit {unit!r} not read (years or months)")
        elif resource.get("birthDate"):
            patient["age_years"] = self._age_from_birth(str(resource["birthDate"]))
        elif isinstance(span := self._ext(resource, AGE_RANGE_EXTENSION), dict):
            patient["age_range"] = self._age_range(span)
        case: dict[str, Any] = {"patient": patient, "findings": [], "exposures": [], "labs": []}
        for name in ("medications", "treatments", "lesions", "imaging", "histology"):
            case[name] = []
        for ident in resource.get("identifier") or []:
            if ident.get("system") == self.codes.uri("calcidx") + ":case" and ident.get("value"):
                case["case_id"] = ident["value"]
        key = entry.get("fullUrl") or f"Patient/{resource.get('id', index)}"
        self.cases[key] = case
        if resource.get("id"):
            self.aliases[f"Patient/{resource['id']}"] = key
        self.aliases[key] = key

    def _age_from_birth(self, birth: str) -> float | None:
        try:
            born = date.fromisoformat(
                birth if len(birth) == 10 else f"{birth[:7]}-01" if len(birth) == 7 else f"{birth}-07-01"
            )
        except ValueError:
            self.warnings.append(f"{self.where}: Patient birthDate {birth!r} is not a date; age left unknown")
            return None
        today = datetime.now(UTC).date()
        self.warnings.append(f"{self.where}: age computed from birthDate {birth} as of {today.isoformat()}")
        return round((today - born).days / 365.25, 2)

    def _case_of(self, resource: dict[str, Any], label: str) -> dict[str, Any] | None:
        subject = resource.get("subject") or resource.get("patient") or {}
        ref = subject.get("reference") if isinstance(subject, dict) else None
        if ref is None and len(self.cases) == 1:
            return next(iter(self.cases.values()))
        key = self.aliases.get(ref or "")
        if key is None and ref and "/" in ref:
            key = self.aliases.get("Patient/" + ref.rsplit("/", 1)[-1])
        if key is None:
            self.warnings.append(f"{label}: subject {ref!r} is not a Patient of this Bundle; skipped")
            return None
        return self.cases[key]

    def _known(self, concept: dict[str, Any] | None, label: str) -> Known | None:
        """The knowledge item a CodeableConcept names; warns about each code not known."""
        if not isinstance(concept, dict):
            return None
        unknown = []
        found: Known | None = None
        for coding in self._codings(concept):
            known = self.codes.lookup(coding.get("system"), coding.get("code"))
            if known is not None:
                found = found or known
            elif coding.get("system") != self.codes.uri("calcidx"):
                unknown.append(f"{coding.get('system')}|{coding.get('code')}")
        if found is None:
            shown = ", ".join(unknown) if unknown else f"text only ({concept.get('text')!r})"
            found, name = self._by_name(concept)
            if found is None:
                self.warnings.append(f"{label}: code {shown} is not in the knowledge base; not used")
            else:
                self.warnings.append(
                    f"{label}: code {shown} is not in the knowledge base; read by its name {name!r} as {found.label}"
                )
        return found

    def _names(self, concept: dict[str, Any]) -> list[str]:
        """A CodeableConcept's text, then its codings' displays (non-empty, stripped)."""
        names = [concept.get("text"), *(c.get("display") for c in self._codings(concept))]
        return [n.strip() for n in names if isinstance(n, str) and n.strip()]

    def _by_name(self, concept: dict[str, Any], *, drug: bool = False) -> tuple[Known | None, str | None]:
        """The knowledge item a CodeableConcept's text or a coding's display names, and that name."""
        for name in self._names(concept):
            found = self.codes.by_name(name, drug=drug)
            if found is not None:
                return found, name
        return None, None

    def _note_calcinosis(self, entry: dict[str, Any]) -> None:
        resource = entry["resource"]
        if entry.get("fullUrl"):
            self.calcinosis_refs.add(entry["fullUrl"])
        if resource.get("id"):
            self.calcinosis_refs.add(f"Condition/{resource['id']}")

    def _is_for_calcinosis(self, resource: dict[str, Any]) -> bool:
        if self._list(resource) == "treatments":
            return True
        for reason in resource.get("reasonReference") or []:
            if reason.get("reference") in self.calcinosis_refs:
                return True
        for reason in resource.get("reasonCode") or []:
            known = self._quiet(reason)
            if known is not None and known.kind in {"disease", "subtype"}:
                return True
        return False

    def _codings(self, concept: dict[str, Any]) -> list[dict[str, Any]]:
        """The codings, CalciDx's own id first: it names the exact item where an external code
        (one HPO term for two findings) is shared."""
        codings = [c for c in concept.get("coding") or [] if isinstance(c, dict)]
        own = self.codes.uri("calcidx")
        return sorted(codings, key=lambda c: c.get("system") != own)

    def _quiet(self, concept: dict[str, Any]) -> Known | None:
        for coding in self._codings(concept):
            known = self.codes.lookup(coding.get("system"), coding.get("code"))
            if known is not None:
                return known
        return None

    def _assertion(self, resource: dict[str, Any], default: str) -> str:
        value = self._ext(resource, ASSERTION_EXTENSION)
        return value if value in _ASSERTIONS else default

    @staticmethod
    def _site(resource: dict[str, Any]) -> str | None:
        """Where a finding was: ``bodySite`` (one or a list), or a medication's ``dosage.site``."""
        sites = resource.get("bodySite")
        for site in sites if isinstance(sites, list) else [sites]:
            if isinstance(site, dict) and site.get("text"):
                return str(site["text"])
        for dosage in resource.get("dosage") or []:
            text = (dosage.get("site") or {}).get("text")
            if text:
                return str(text)
        return None

    def _add_finding(
        self, case: dict[str, Any], known: Known, assertion: str, text: str | None, where: str, site: str | None = None
    ) -> None:
        finding = Finding(concept=known.id, label=text or known.label, assertion=assertion, site=site)
        target = (
            where if where in {"findings", "exposures"} else ("exposures" if known.kind == "exposure" else "findings")
        )
        case[target].append(finding)

    # --- resources ---
    def _read_Condition(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        if self._list(resource) in _CONCLUSIONS:
            return
        codes = [c.get("code") for c in (resource.get("verificationStatus") or {}).get("coding") or []]
        if "entered-in-error" in codes or "differential" in codes:
            return
        known = self._known(resource.get("code"), label)
        if known is None:
            return
        if known.kind in {"disease", "subtype"}:
            self._stated(resource, case)
            return
        if known.kind not in {"condition", "lookalike", "feature", "exposure", "safety_condition"}:
            self.warnings.append(f"{label}: {known.label} is a {known.kind}, not a condition; not used")
            return
        assertion = "present"
        for code in codes:
            assertion = self.codes.reverse("assertion_verification", str(code)) or assertion
        clinical = {str(c.get("code")) for c in (resource.get("clinicalStatus") or {}).get("coding") or []}
        if assertion == "present" and clinical & set(self.codes.entry("clinical_status_ended").map.values()):
            assertion = "historical"  # inactive, in remission or resolved: the condition has ended
        self._add_finding(
            case, known, self._assertion(resource, assertion), None, self._list(resource) or "", self._site(resource)
        )

    def _stated(self, resource: dict[str, Any], case: dict[str, Any]) -> None:
        """A calcinosis diagnosis in the record: the diagnosis as written (and its subtype if coded)."""
        concept = resource.get("code") or {}
        case["diagnosis_as_written"] = concept.get("text") or next(
            (c.get("display") for c in concept.get("coding") or [] if c.get("display")), None
        )
        for coding in concept.get("coding") or []:
            if coding.get("system") != self.codes.uri("calcidx"):
                continue
            kind, _, item = str(coding.get("code")).partition(".")
            if kind == "subtype" and item in self.kb.subtypes:
                case["stated_subtype"] = item
            if kind == "subform" and item in self.kb.subforms:
                case["stated_subform"] = item
        for note in resource.get("note") or []:
            if str(note.get("text", "")).startswith("Outcome: "):
                case["outcome"] = note["text"].removeprefix("Outcome: ")

    def _read_AllergyIntolerance(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        """An allergy to a drug the knowledge guards against ("minocycline allergy") withholds it."""
        verification = {c.get("code") for c in (resource.get("verificationStatus") or {}).get("coding") or []}
        clinical = {c.get("code") for c in (resource.get("clinicalStatus") or {}).get("coding") or []}
        if verification & {"refuted", "entered-in-error"} or clinical & {"inactive", "resolved"}:
            return
        names = self._names(resource.get("code") or {})
        for name in names:
            for phrase in (f"{name} allergy", f"allergy to {name}", f"{name} hypersensitivity"):
                known = self.codes.by_name(phrase)
                if known is not None and known.kind in {"safety_condition", "condition"}:
                    self._add_finding(case, known, "present", f"allergy to {name}", "findings")
                    return
        shown = names[0] if names else None
        self.warnings.append(f"{label}: an allergy to {shown!r} the knowledge does not guard against; not used")

    def _read_FamilyMemberHistory(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        for condition in resource.get("condition") or []:
            known = self._known(condition.get("code"), label)
            if known is not None:
                self._add_finding(case, known, "family", None, self._list(resource) or "", self._site(resource))

    def _read_Observation(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        if self._list(resource) in _CONCLUSIONS or resource.get("status") in {"entered-in-error", "cancelled"}:
            return
        where = self._list(resource)
        categories = {c.get("code") for cat in resource.get("category") or [] for c in cat.get("coding") or []}
        if where == "lesions":
            self._lesion(resource, case)
            return
        if where in {"imaging", "histology"} or (
            where is None and "imaging" in categories and "valueString" in resource
        ):
            self._study(resource, case, where or "imaging", label)
            return
        status = next((s for s in PATIENT_STATUSES if s.is_status(self.codes, resource.get("code"))), None)
        if status is not None:
            value = status.read(self.codes, resource.get("valueCodeableConcept"))
            if value is None:
                shown = self._names(resource.get("valueCodeableConcept") or {}) or ["without a known value"]
                self.warnings.append(f"{label}: {status.name} status {shown[0]!r}; {status.name} left unknown")
            else:
                case["patient"][status.field] = value
            return
        if self._blood_pressure(resource, case, label) or self._ejection_fraction(resource, case, label):
            return
        known = self._known(resource.get("code"), label)
        if known is None:
            return
        if known.kind == "analyte":
            self._lab(resource, case, known, label)
            return
        if known.kind not in {"feature", "condition", "exposure", "lookalike", "safety_condition"}:
            self.warnings.append(f"{label}: {known.label} is a {known.kind}; not read as a finding")
            return
        value = resource.get("valueBoolean")
        assertion = "absent" if value is False else "present"
        concept = known
        if isinstance(resource.get("valueCodeableConcept"), dict):
            assertion = "present"
        self._add_finding(
            case, concept, self._assertion(resource, assertion), None, self._list(resource) or "", self._site(resource)
        )

    def _is_code(self, concept: Any, key: str, table: str = "blood_pressure_codes") -> bool:
        """Whether a CodeableConcept holds the code of ``key`` in the interop ``table``."""
        wanted = self.codes.coding(table, key)
        return (
            wanted is not None
            and isinstance(concept, dict)
            and any(
                c.get("system") == wanted["system"] and c.get("code") == wanted["code"]
                for c in concept.get("coding") or []
            )
        )

    def _blood_pressure(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> bool:
        """A blood-pressure Observation (the panel with a systolic component, or a systolic value):
        a systolic pressure below a safety condition's ``systolic_below`` (hypotension) is that
        condition, as a reading in free text is. True when the Observation was one (read or not)."""
        if self._is_code(resource.get("code"), "panel"):
            quantity = next(
                (
                    c.get("valueQuantity")
                    for c in resource.get("component") or []
                    if self._is_code(c.get("code"), "systolic")
                ),
                None,
            )
        elif self._is_code(resource.get("code"), "systolic"):
            quantity = resource.get("valueQuantity")
        else:
            return False
        if not isinstance(quantity, dict) or not isinstance(quantity.get("value"), int | float):
            self.warnings.append(f"{label}: a blood pressure with no systolic value; not used")
            return True
        units = self.codes.entry("blood_pressure_units").map
        # the UCUM code decides where there is one; else the printed unit
        if (quantity["code"] not in units.values()) if quantity.get("code") else (quantity.get("unit") not in units):
            shown = quantity.get("code") or quantity.get("unit")
            allowed = ", ".join(units.values())
            self.warnings.append(f"{label}: a systolic blood pressure in {shown!r}; only {allowed} is read; not used")
            return True
        systolic = float(quantity["value"])
        for item in self.kb.shown_by_systolic(systolic):
            known = Known(kind="safety_condition", id=item.id, label=item.label)
            text = f"systolic blood pressure {systolic:g} mmHg"
            self._add_finding(case, known, self._assertion(resource, "present"), text, "findings")
        return True

    def _ejection_fraction(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> bool:
        """A left ventricular ejection fraction Observation: a value at or below a safety condition's
        ``ejection_fraction_at_most`` (HFrEF) is that condition, as "LVEF 30%" in free text is. True
        when the Observation was one (read or not)."""
        if not self._is_code(resource.get("code"), "lvef", "ejection_fraction_codes"):
            return False
        quantity = resource.get("valueQuantity")
        if not isinstance(quantity, dict) or not isinstance(quantity.get("value"), int | float):
            self.warnings.append(f"{label}: an ejection fraction with no value; not used")
            return True
        units = self.codes.entry("ejection_fraction_units").map
        shown = quantity.get("code") or quantity.get("unit")
        if shown not in units.values() and shown not in units:
            allowed = ", ".join(units.values())
            self.warnings.append(f"{label}: an ejection fraction in {shown!r}; only {allowed} is read; not used")
            return True
        percent = float(quantity["value"])
        for item in self.kb.shown_by_ejection_fraction(percent):
            known = Known(kind="safety_condition", id=item.id, label=item.label)
            text = f"left ventricular ejection fraction {percent:g} %"
            self._add_finding(case, known, self._assertion(resource, "present"), text, "findings")
        return True

    def _lesion(self, resource: dict[str, Any], case: dict[str, Any]) -> None:
        lesion: dict[str, Any] = {"morphology": [], "kinds": [], "symptoms": []}
        site = (resource.get("bodySite") or {}).get("text")
        if site:
            lesion["site"] = site
        laterality = self._ext(resource, "laterality")
        if laterality in {"left", "right", "bilateral"}:
            lesion["laterality"] = laterality
        for note in resource.get("note") or []:
            name, _, value = str(note.get("text", "")).partition(": ")
            if name in {"morphology", "kinds", "symptoms"}:
                lesion[name].append(value)
            elif name in {"size", "count", "onset", "duration"}:
                lesion[name] = value
        case["lesions"].append(lesion)

    def _study(self, resource: dict[str, Any], case: dict[str, Any], where: str, label: str) -> None:
        concepts = []
        for component in resource.get("component") or []:
            known = self._known(component.get("code"), label)
            if known is not None:
                concepts.append(known.id)
        text = resource.get("valueString") or (resource.get("code") or {}).get("text") or where
        modality = (resource.get("code") or {}).get("text")
        case[where].append({"modality": modality, "text": text, "concepts": concepts})

    def _lab(self, resource: dict[str, Any], case: dict[str, Any], known: Known, label: str) -> None:
        analyte = self.kb.analytes[known.id]
        lab: dict[str, Any] = {"analyte": analyte.id, "name": (resource.get("code") or {}).get("text")}
        for coding in (resource.get("code") or {}).get("coding") or []:
            if coding.get("system") == self.codes.uri("loinc"):
                lab["loinc"] = coding.get("code")
        quantity = resource.get("valueQuantity")
        if isinstance(quantity, dict):
            lab["value"] = quantity.get("value")
            lab["unit"] = self._unit(quantity, analyte, label)
            if lab["unit"] is None and lab["value"] is not None:
                return
            if quantity.get("comparator"):
                lab["comparator"] = quantity["comparator"]
        elif isinstance(resource.get("valueString"), str):
            lab["qualitative"] = resource["valueString"]
        for band in (resource.get("referenceRange") or [])[:1]:
            if isinstance(band.get("low"), dict):
                lab["reference_low"] = band["low"].get("value")
            if isinstance(band.get("high"), dict):
                lab["reference_high"] = band["high"].get("value")
            if band.get("text"):
                lab["reference_range"] = band["text"]
        for concept in resource.get("interpretation") or []:
            for coding in concept.get("coding") or []:
                if coding.get("system") == self.codes.uri("v3_interpretation"):
                    value = self.codes.reverse("lab_interpretation", str(coding.get("code")))
                    if value is None:
                        self.warnings.append(f"{label}: interpretation {coding.get('code')!r} not read (L, N or H)")
                    lab["interpretation"] = value
        try:
            case["labs"].append(Lab.model_validate(lab))
        except ValidationError as exc:
            self.warnings.append(describe_validation_error(exc, label) + "; not used")

    def _unit(self, quantity: dict[str, Any], analyte: Any, label: str) -> str | None:
        if quantity.get("system") == self.codes.uri("ucum"):
            unit = self.codes.unit_from_ucum(analyte, quantity.get("code"))
            if unit is not None:
                return unit
        printed = quantity.get("unit")
        if printed and any(u.symbol == printed for u in analyte.units):
            return str(printed)
        allowed = ", ".join(u.symbol for u in analyte.units) or "none"
        self.warnings.append(
            f"{label}: unit {quantity.get('code') or printed!r} is not a unit of {analyte.id} in the knowledge base "
            f"(allowed: {allowed}); the value is not used"
        )
        return None

    def _read_MedicationStatement(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        concept = resource.get("medicationCodeableConcept") or {}
        name = concept.get("text") or next(
            (c.get("display") for c in concept.get("coding") or [] if c.get("display")), None
        )
        where = self._list(resource)
        if self._is_for_calcinosis(resource):
            known = self._quiet(concept)
            status = self._ext(resource, "treatment-status") or {
                "intended": "planned",
                "stopped": "stopped",
                "on-hold": "stopped",
            }.get(resource.get("status", ""), "given")
            response = next(
                (n["text"].removeprefix("Response: ") for n in resource.get("note") or [] if n.get("text")), None
            )
            case["treatments"].append(
                TreatmentGiven(
                    name=name or (known.label if known else "unnamed treatment"),
                    concept=known.id if known and known.kind == "treatment" else None,
                    status=status,
                    response=response,
                )
            )
            return
        status = resource.get("status")
        default = {"not-taken": "absent", "completed": "historical", "stopped": "historical"}.get(
            status or "", "present"
        )
        assertion = self._assertion(resource, default)
        if where == "exposures":
            known = self._known(concept, label)
            if known is not None:
                self._add_finding(case, known, assertion, None, "exposures", self._site(resource))
            return
        known = self._quiet(concept)
        if known is None:
            known, by_name = self._by_name(concept, drug=True)
            if known is not None:
                self.warnings.append(
                    f"{label}: medication code not in the knowledge base; read by its name {by_name!r}"
                )
        if not name and known is None:
            self.warnings.append(f"{label}: medication without a name or a known code; not used")
            return
        dose = next((d.get("text") for d in resource.get("dosage") or [] if d.get("text")), None)
        case["medications"].append(
            Medication(
                name=name or (known.label if known else ""),
                concept=known.id if known and known.kind in {"exposure", "treatment", "medication"} else None,
                dose=dose,
                assertion=assertion,
            )
        )

    def _read_Procedure(self, resource: dict[str, Any], case: dict[str, Any], label: str) -> None:
        concept = resource.get("code") or {}
        if self._is_for_calcinosis(resource):
            known = self._quiet(concept)
            status = self._ext(resource, "treatment-status") or {
                "preparation": "planned",
                "stopped": "stopped",
                "not-done": "planned",
            }.get(resource.get("status", ""), "given")
            case["treatments"].append(
                TreatmentGiven(
                    name=concept.get("text") or (known.label if known else "unnamed procedure"),
                    concept=known.id if known and known.kind == "treatment" else None,
                    status=status,
                    response=(resource.get("outcome") or {}).get("text"),
                )
            )
            return
        known = self._known(concept, label)
        if known is not None:
            assertion = "absent" if resource.get("status") == "not-done" else "present"
            self._add_finding(
                case,
                known,
                self._assertion(resource, assertion),
                None,
                self._list(resource) or "",
                self._site(resource),
            )

    def _provenance(self, resource: dict[str, Any]) -> Provenance | None:
        doi = pmid = title = None
        for entity in resource.get("entity") or []:
            what = entity.get("what") or {}
            title = title or what.get("display")
            ident = what.get("identifier") or {}
            value = str(ident.get("value") or "")
            if value.startswith("https://doi.org/"):
                doi = value.removeprefix("https://doi.org/")
            elif "pubmed" in str(ident.get("system") or ""):
                pmid = value
        if not (doi or pmid or title):
            return None
        return Provenance(source=self.where, title=title, doi=doi, pmid=pmid)
