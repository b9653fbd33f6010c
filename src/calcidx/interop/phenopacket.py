"""GA4GH Phenopacket v2 out and in, checked by parsing with the ``phenopackets`` package.

Out (one phenopacket per case):

* ``subject``: id, sex, age at last encounter (ISO 8601 duration).
* ``phenotypicFeatures``: HPO-coded findings, ``excluded`` when reported absent; ``historical``
  findings keep that in ``description``. Findings reported as possible, hypothetical or in a
  relative are not features of this patient and are left out (Phenopackets has no such status);
  lab results interpreted high or low add their HPO phenotype (``lab_phenotypes.yaml``).
* ``measurements``: LOINC assay, quantity with its UCUM unit and reference range; the
  interpretation, which the schema has no field for, is kept in ``description``.
* ``diseases``: the subtype (``excluded`` when not calcinosis) and the conditions of the case.
* ``medicalActions``: treatments given (drug agents, procedures) or stopped (a regimen with status
  ``DISCONTINUED``) and the reported response; planned treatments are not actions taken and the
  schema has no status for them, so they are left out.
* ``metaData``: the resources (with the HPO release and knowledge version) and the source's PMID
  and DOI as ``externalReferences``.

Items without a code in the knowledge base use a CalciDx CURIE (declared in ``metaData``), never
an invented external code. In: the same, with unknown CURIEs reported, never guessed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from calcidx import __version__
from calcidx.assess.model import AssessedCase, AssessedDocument
from calcidx.case.model import AgeRange, Case, Document, DocumentInfo, Finding, Lab, Provenance, TreatmentGiven
from calcidx.errors import InputError
from calcidx.interop import _pipeline
from calcidx.interop.codes import Known, Terminology
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = [
    "case_from_phenopacket",
    "document_from_phenopacket",
    "is_phenopacket",
    "to_phenopacket",
    "to_phenopackets",
    "validate_phenopacket",
]

SCHEMA_VERSION = "2.0"
_SEX = {"female": "FEMALE", "male": "MALE"}
_INTERPRETATION = re.compile(r"\binterpretation: (low|normal|high)\b")
_ASSERTION = re.compile(r"\bassertion: (historical)\b")
_REGIMEN = {"stopped": "DISCONTINUED", "given": "STARTED"}


def is_phenopacket(raw: object) -> bool:
    """Whether a parsed JSON value looks like a Phenopacket (``subject`` or features with ``metaData``)."""
    return isinstance(raw, dict) and "metaData" in raw and ("subject" in raw or "phenotypicFeatures" in raw)


def validate_phenopacket(packet: dict[str, Any]) -> None:
    """Parse with the ``phenopackets`` v2 protobuf classes (raises ``ParseError`` on a bad field)."""
    from google.protobuf.json_format import ParseDict
    from phenopackets.schema.v2.phenopackets_pb2 import Phenopacket

    ParseDict(packet, Phenopacket())


def to_phenopackets(x: Case | Document | AssessedCase | AssessedDocument) -> list[dict[str, Any]]:
    """One Phenopacket (JSON dict) per case of ``x``, each validated with the phenopackets package."""
    document = _pipeline.assessed_document(x)
    codes = Terminology(_pipeline.knowledge_bundle())
    packets = []
    for index, case in enumerate(document.cases, start=1):
        packet = _Writer(codes, document, case, index).packet()
        validate_phenopacket(packet)
        packets.append(packet)
    return packets


def to_phenopacket(x: Case | Document | AssessedCase | AssessedDocument) -> dict[str, Any]:
    """The Phenopacket of a single case (the first case of a document with several).

    Raises:
        InputError: the document holds no case.
    """
    packets = to_phenopackets(x)
    if not packets:
        raise InputError("nothing to export: the document holds no case")
    return packets[0]


class _Writer:
    def __init__(self, codes: Terminology, document: AssessedDocument, case: AssessedCase, index: int) -> None:
        self.codes = codes
        self.kb = codes.bundle
        self.document = document
        self.case = case
        self.index = index
        self.prefixes: set[str] = set()

    def _term(self, curie: str, label: str) -> dict[str, str]:
        self.prefixes.add(curie.split(":", 1)[0])
        return {"id": curie, "label": label}

    def packet(self) -> dict[str, Any]:
        case = self.case
        ident = case.case_id or f"{self.document.document.source or 'case'}-{self.index}"
        subject: dict[str, Any] = {"id": ident, "sex": _SEX.get(case.patient.sex or "", "UNKNOWN_SEX")}
        if case.patient.age_years is not None:
            subject["timeAtLastEncounter"] = {"age": {"iso8601duration": _duration(case.patient.age_years)}}
        elif case.patient.age_range is not None:
            # "in her sixties" (60 up to 70): P60Y to P69Y, the end in completed years and included
            span = case.patient.age_range
            start, end = _duration(span.low), _duration(span.last_year)
            subject["timeAtLastEncounter"] = {
                "ageRange": {"start": {"iso8601duration": start}, "end": {"iso8601duration": end}}
            }
        packet: dict[str, Any] = {"id": f"calcidx-{ident}", "subject": subject}
        features = self._features()
        if features:
            packet["phenotypicFeatures"] = features
        measurements = [m for m in (self._measurement(lab) for lab in case.labs) if m]
        if measurements:
            packet["measurements"] = measurements
        packet["diseases"] = self._diseases()
        actions = [a for a in (self._action(t) for t in case.treatments) if a]
        if actions:
            packet["medicalActions"] = actions
        packet["metaData"] = self._meta()
        return packet

    def _features(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for finding in self.case.findings:
            feature = self._feature(finding)
            if feature and feature["type"]["id"] not in seen:
                seen.add(feature["type"]["id"])
                out.append(feature)
        for lab in self.case.labs:
            for phen in self.kb.lab_phenotypes:
                if phen.analyte == lab.analyte and phen.interpretation == lab.interpretation and phen.hpo not in seen:
                    seen.add(phen.hpo)
                    out.append(
                        {
                            "type": self._term(phen.hpo, phen.label),
                            "description": f"from laboratory result: {lab.analyte} {lab.interpretation}",
                        }
                    )
        return out

    def _feature(self, finding: Finding) -> dict[str, Any] | None:
        if finding.assertion not in {"present", "absent", "historical"}:
            return None
        concept = self.kb.concept(finding.concept) or self.kb.lookalikes.get(finding.concept)
        if concept is None or not concept.codes.hpo or finding.concept in self.kb.conditions:
            return None
        feature: dict[str, Any] = {"type": self._term(self.codes.curie("hpo", concept.codes.hpo[0]), concept.label)}
        if finding.assertion == "absent":
            feature["excluded"] = True
        if finding.assertion == "historical":
            feature["description"] = "assertion: historical"
        return feature

    def _measurement(self, lab: Lab) -> dict[str, Any] | None:
        if lab.value is None:
            return None
        analyte = self.kb.analytes.get(lab.analyte)
        label = analyte.label if analyte else lab.analyte
        loinc = lab.loinc or (analyte.loinc[0] if analyte and analyte.loinc else None)
        assay = (
            self._term(self.codes.curie("loinc", loinc), label)
            if loinc
            else self._term(self.codes.own_curie("analyte", lab.analyte), label)
        )
        ucum = self.codes.ucum(analyte, lab.unit)
        unit = self._term(self.codes.curie("ucum", ucum), lab.unit or ucum) if ucum else None
        quantity: dict[str, Any] = {"value": lab.value}
        if unit is None:
            # The schema needs a unit class; a unit the knowledge cannot spell in UCUM is not exported.
            return None
        quantity["unit"] = unit
        if lab.reference_low is not None or lab.reference_high is not None:
            band: dict[str, Any] = {"unit": unit}
            if lab.reference_low is not None:
                band["low"] = lab.reference_low
            if lab.reference_high is not None:
                band["high"] = lab.reference_high
            quantity["referenceRange"] = band
        description = f"{label}" + (f"; interpretation: {lab.interpretation}" if lab.interpretation else "")
        if lab.comparator and lab.comparator != "=":
            description += f"; comparator: {lab.comparator}"
        return {"description": description, "assay": assay, "value": {"quantity": quantity}}

    def _diseases(self) -> list[dict[str, Any]]:
        a = self.case.assessment
        disease = next(iter(self.kb.disease.values()))
        out: list[dict[str, Any]] = []
        code = a.subtype.code
        if code in self.kb.subtypes:
            sub = self.kb.subtypes[code]
            curie = self.codes.first_curie(sub.codes, ("orpha", "omim", "doid")) or self.codes.own_curie(
                "subtype", code
            )
            out.append({"term": self._term(curie, sub.label)})
        else:
            curie = self.codes.first_curie(disease.codes, ("icd10",)) or self.codes.own_curie("disease", disease.id)
            entry: dict[str, Any] = {"term": self._term(curie, disease.label)}
            if code == "not_calcinosis":
                entry["excluded"] = True
            out.append(entry)
        for finding in self.case.findings:
            condition = self.kb.conditions.get(finding.concept) or self.kb.lookalikes.get(finding.concept)
            if condition is None or finding.assertion not in {"present", "absent", "historical"}:
                continue
            if finding.concept not in self.kb.conditions and condition.codes.hpo:
                continue  # a look-alike with an HPO term is written as a phenotypic feature
            curie = self.codes.first_curie(condition.codes, ("orpha", "omim", "doid", "icd10")) or self.codes.own_curie(
                "condition" if finding.concept in self.kb.conditions else "lookalike", finding.concept
            )
            entry = {"term": self._term(curie, condition.label)}
            if finding.assertion == "absent":
                entry["excluded"] = True
            out.append(entry)
        return out

    def _action(self, treatment: TreatmentGiven) -> dict[str, Any] | None:
        known = self.kb.named_treatments().get(treatment.concept or "")
        if known is None or treatment.status == "planned":
            return None  # no code to name it / not an action taken (the schema has no "planned" status)
        curie = self.codes.first_curie(known.codes, ("chebi",)) or self.codes.own_curie("treatment", known.id)
        agent = self._term(curie, known.label)
        action: dict[str, Any]
        if treatment.status != "given":
            action = {"therapeuticRegimen": {"ontologyClass": agent, "regimenStatus": _REGIMEN[treatment.status]}}
        elif known.kind == "drug":
            action = {"treatment": {"agent": agent}}
        else:
            action = {"procedure": {"code": agent}}
        disease = next(iter(self.kb.disease.values()))
        target = self.codes.first_curie(disease.codes, ("icd10",))
        if target:
            action["treatmentTarget"] = self._term(target, disease.label)
        if treatment.response:
            # Free-text response: the knowledge has no response vocabulary, so the CalciDx class
            # "reported response" carries the authors' words as its label.
            action["responseToTreatment"] = self._term(self.codes.own_curie("response", "reported"), treatment.response)
        return action

    def _meta(self) -> dict[str, Any]:
        kb = self.kb
        resources = []
        for entry in kb.interop.values():
            if entry.kind != "code_system" or not entry.prefix or entry.prefix not in self.prefixes:
                continue
            version = {"hpo": kb.info.hpo_release, "calcidx": kb.info.version}.get(entry.id, "unspecified")
            resources.append(
                {
                    "id": entry.id,
                    "name": entry.label or entry.id,
                    "url": entry.resource_url or entry.uri or "",
                    "version": version,
                    "namespacePrefix": entry.prefix,
                    "iriPrefix": entry.iri_prefix or "",
                }
            )
        prov = self.case.provenance
        info = self.document.document
        refs = []
        if prov.pmid or info.pmid:
            pmid = prov.pmid or info.pmid
            refs.append(
                {"id": f"PMID:{pmid}", "reference": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}", "description": "source"}
            )
        if prov.doi or info.doi:
            doi = prov.doi or info.doi
            refs.append({"id": f"DOI:{doi}", "reference": f"https://doi.org/{doi}", "description": "source"})
        title = prov.title or info.title
        if title and refs:
            refs[0]["description"] = title
        meta: dict[str, Any] = {
            "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "createdBy": f"CalciDx {__version__}",
            "resources": resources,
            "phenopacketSchemaVersion": SCHEMA_VERSION,
        }
        if refs:
            meta["externalReferences"] = refs
        return meta


def _duration(age_years: float) -> str:
    """ISO 8601 duration of an age (``P61Y``, ``P0Y9M``)."""
    years = int(age_years)
    months = round((age_years - years) * 12)
    if months == 12:
        years, months = years + 1, 0
    return f"P{years}Y{months}M" if months else f"P{years}Y"


def _age(duration: str) -> float | None:
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", duration)
    if not match or not any(match.groups()):
        return None
    y, m, w, d = (int(g) if g else 0 for g in match.groups())
    return round(y + m / 12 + w / 52.1775 + d / 365.25, 4)


# --- in ---
def case_from_phenopacket(packet: dict[str, Any]) -> Case:
    """A Phenopacket v2 as a ``Case`` (see ``document_from_phenopacket`` for the warnings).

    Raises:
        InputError: the JSON is not a valid Phenopacket v2.
    """
    return document_from_phenopacket(packet).cases[0]


def document_from_phenopacket(
    packet: dict[str, Any], where: str = "Phenopacket", *, knowledge: KnowledgeBundle | None = None
) -> Document:
    """A Phenopacket v2 as a one-case ``Document``, with a warning per term the knowledge lacks.

    Raises:
        InputError: the JSON does not parse as a Phenopacket v2.
    """
    from google.protobuf.json_format import ParseError

    if not isinstance(packet, dict):
        raise InputError(f"{where}: expected a JSON object (a Phenopacket)")
    try:
        validate_phenopacket(packet)
    except ParseError as exc:
        raise InputError(f"{where}: not a valid GA4GH Phenopacket v2: {str(exc).splitlines()[0]}") from exc
    return _Reader(packet, where, knowledge or _pipeline.knowledge_bundle()).read()


class _Reader:
    def __init__(self, packet: dict[str, Any], where: str, knowledge: KnowledgeBundle) -> None:
        self.packet = packet
        self.where = where
        self.codes = Terminology(knowledge)
        self.kb = self.codes.bundle
        self.warnings: list[str] = []
        self.lab_phenotypes = {p.hpo for p in self.kb.lab_phenotypes}

    def _known(self, term: dict[str, Any] | None, label: str) -> Known | None:
        if not isinstance(term, dict):
            return None
        known = self.codes.lookup_curie(term.get("id"))
        if known is None:
            self.warnings.append(
                f"{label}: term {term.get('id')!r} ({term.get('label')}) is not in the knowledge base; not used"
            )
        return known

    def _age_range(self, raw: Any) -> AgeRange | None:
        """A subject's ``ageRange`` (its end in completed years, included) as a span, or None with a warning."""
        ends = raw if isinstance(raw, dict) else {}
        start, end = (_age(str((ends.get(name) or {}).get("iso8601duration", ""))) for name in ("start", "end"))
        if start is None or end is None or end < start:
            self.warnings.append(
                f"{self.where}: subject ageRange {raw!r} needs a start and an end that are ISO 8601 durations, "
                "the end not before the start; not read"
            )
            return None
        return AgeRange.through(start, end)

    def read(self) -> Document:
        p = self.packet
        subject = p.get("subject") or {}
        patient: dict[str, Any] = {}
        sex = {"FEMALE": "female", "MALE": "male"}.get(str(subject.get("sex", "")))
        if sex:
            patient["sex"] = sex
        encounter = subject.get("timeAtLastEncounter") or {}
        duration = (encounter.get("age") or {}).get("iso8601duration")
        if duration:
            age = _age(str(duration))
            if age is None:
                self.warnings.append(f"{self.where}: subject age {duration!r} is not an ISO 8601 duration; not read")
            patient["age_years"] = age
        elif encounter.get("ageRange"):
            patient["age_range"] = self._age_range(encounter["ageRange"])
        findings: list[Finding] = []
        exposures: list[Finding] = []
        for index, feature in enumerate(p.get("phenotypicFeatures") or []):
            term = feature.get("type") or {}
            if term.get("id") in self.lab_phenotypes and "from laboratory result" in str(feature.get("description")):
                continue  # written from a lab value, which the measurements carry
            known = self._known(term, f"{self.where}: phenotypicFeatures[{index}]")
            if known is None:
                continue
            assertion = "absent" if feature.get("excluded") else "present"
            if _ASSERTION.search(str(feature.get("description") or "")):
                assertion = "historical"
            if known.kind not in {"feature", "condition", "exposure", "lookalike", "safety_condition"}:
                self.warnings.append(f"{self.where}: phenotypicFeatures[{index}]: {known.label} is a {known.kind}")
                continue
            target = exposures if known.kind == "exposure" else findings
            target.append(Finding(concept=known.id, label=known.label, assertion=assertion))
        for index, disease in enumerate(p.get("diseases") or []):
            known = self._known(disease.get("term"), f"{self.where}: diseases[{index}]")
            if known is None or known.kind in {"disease", "subtype"}:
                continue
            assertion = "absent" if disease.get("excluded") else "present"
            findings.append(Finding(concept=known.id, label=known.label, assertion=assertion))
        labs = [lab for lab in (self._lab(i, m) for i, m in enumerate(p.get("measurements") or [])) if lab]
        treatments = [t for t in (self._action(i, a) for i, a in enumerate(p.get("medicalActions") or [])) if t]
        provenance = self._provenance()
        case = Case(
            case_id=str(subject.get("id") or p.get("id") or "") or None,
            patient=patient,
            findings=findings,
            exposures=exposures,
            labs=labs,
            treatments=treatments,
            provenance=provenance,
        )
        info = DocumentInfo(
            kind="other", source=self.where, format="phenopacket", doi=provenance.doi, pmid=provenance.pmid
        )
        return Document(document=info, cases=[case], warnings=self.warnings)

    def _lab(self, index: int, measurement: dict[str, Any]) -> Lab | None:
        label = f"{self.where}: measurements[{index}]"
        known = self._known(measurement.get("assay"), label)
        if known is None:
            return None
        if known.kind != "analyte":
            self.warnings.append(f"{label}: {known.label} is not a laboratory analyte; not used")
            return None
        analyte = self.kb.analytes[known.id]
        quantity = (measurement.get("value") or {}).get("quantity")
        if not isinstance(quantity, dict):
            self.warnings.append(f"{label}: only quantities are read; not used")
            return None
        unit_term = quantity.get("unit") or {}
        unit_code = str(unit_term.get("id", "")).partition(":")[2]
        unit = self.codes.unit_from_ucum(analyte, unit_code)
        if unit is None:
            self.warnings.append(f"{label}: unit {unit_term.get('id')!r} is not a unit of {analyte.id}; value not used")
            return None
        band = quantity.get("referenceRange") or {}
        description = str(measurement.get("description") or "")
        interpretation = _INTERPRETATION.search(description)
        low, high, value = band.get("low"), band.get("high"), quantity.get("value")
        read: str | None = interpretation.group(1) if interpretation else None
        if read is None and value is not None and (low is not None or high is not None):
            read = (
                "low" if low is not None and value < low else "high" if high is not None and value > high else "normal"
            )
        comparator = re.search(r"comparator: (<=|>=|<|>)", description)
        assay = measurement.get("assay") or {}
        loinc = str(assay.get("id", "")).partition(":")[2] if str(assay.get("id", "")).startswith("LOINC:") else None
        return Lab(
            analyte=analyte.id,
            loinc=loinc,
            value=value,
            unit=unit,
            comparator=comparator.group(1) if comparator else None,
            reference_low=low,
            reference_high=high,
            interpretation=read,
        )

    def _action(self, index: int, action: dict[str, Any]) -> TreatmentGiven | None:
        label = f"{self.where}: medicalActions[{index}]"
        status = "given"
        if "treatment" in action:
            term = (action["treatment"] or {}).get("agent")
        elif "procedure" in action:
            term = (action["procedure"] or {}).get("code")
        elif "therapeuticRegimen" in action:
            regimen = action["therapeuticRegimen"] or {}
            term = regimen.get("ontologyClass")
            status = {v: k for k, v in _REGIMEN.items()}.get(str(regimen.get("regimenStatus")), "given")
            if regimen.get("regimenStatus") == "COMPLETED":
                status = "given"
        else:
            self.warnings.append(f"{label}: only treatments, procedures and regimens are read")
            return None
        if not isinstance(term, dict):
            return None
        known = self._known(term, label)
        response = (action.get("responseToTreatment") or {}).get("label")
        name = str(term.get("label") or (known.label if known else term.get("id")))
        return TreatmentGiven(
            name=name,
            concept=known.id if known and known.kind == "treatment" else None,
            status=status,
            response=response,
        )

    def _provenance(self) -> Provenance:
        doi = pmid = title = None
        for ref in (self.packet.get("metaData") or {}).get("externalReferences") or []:
            ident = str(ref.get("id") or "")
            if ident.upper().startswith("PMID:"):
                pmid = ident.split(":", 1)[1]
                title = title or (ref.get("description") if ref.get("description") != "source" else None)
            elif ident.upper().startswith("DOI:"):
                doi = ident.split(":", 1)[1]
        return Provenance(source=self.where, title=title, doi=doi, pmid=pmid)
