"""Codes for the exchange standards, read from the knowledge base and never made up.

``Terminology`` wraps a ``KnowledgeBundle``: it spells a knowledge item's codes the way FHIR
(``Coding``: system URI + code) and Phenopackets (``OntologyClass``: CURIE + label) want them, and
reads codes back to knowledge ids. Code system URIs, CURIE prefixes, the value sets of the
standards and UCUM spellings all come from ``knowledge/data/interop.yaml``; clinical codes come
from the knowledge items that own them. A code the knowledge does not hold is never guessed: the
reverse look-ups answer None and the importers report it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from calcidx.errors import KnowledgeError
from calcidx.knowledge.names import name_index
from calcidx.knowledge.schema import Analyte, Codes, InteropEntry, KnowledgeBundle

__all__ = ["CODE_FIELDS", "PATIENT_STATUSES", "Known", "PatientStatus", "Terminology"]

#: The ``Codes`` fields in the order exports list them (first = preferred).
CODE_FIELDS: tuple[str, ...] = ("hpo", "orpha", "omim", "doid", "icd10", "snomed", "loinc", "chebi", "mesh", "umls")

KnownKind = Literal[
    "disease",
    "subtype",
    "subform",
    "medication",
    "safety_condition",
    "condition",
    "exposure",
    "feature",
    "lookalike",
    "analyte",
    "treatment",
    "inherited",
]


@dataclass(frozen=True)
class Known:
    """What a code stands for in the knowledge base."""

    kind: KnownKind
    id: str
    label: str


class Terminology:
    """Code look-ups in both directions over one knowledge bundle."""

    def __init__(self, bundle: KnowledgeBundle) -> None:
        self.bundle = bundle
        self._entries = bundle.interop
        self._by_uri: dict[str, str] = {}
        self._by_prefix: dict[str, str] = {}
        for entry in self._entries.values():
            if entry.kind == "code_system" and entry.uri:
                self._by_uri[entry.uri] = entry.id
                if entry.prefix:
                    self._by_prefix[entry.prefix.upper()] = entry.id
        self._index: dict[tuple[str, str], Known] = {}
        self._build_index()
        self._names = name_index(bundle)

    # --- code systems ---
    def entry(self, entry_id: str) -> InteropEntry:
        """The ``interop.yaml`` entry with this id.

        Raises:
            KnowledgeError: the data file lacks it (a packaging bug).
        """
        try:
            return self._entries[entry_id]
        except KeyError as exc:
            raise KnowledgeError(f"interop.yaml has no entry {entry_id!r}") from exc

    def uri(self, system: str) -> str:
        """The FHIR system URI of a code system id (``loinc`` -> its URI)."""
        uri = self.entry(system).uri
        if uri is None:
            raise KnowledgeError(f"interop.yaml: {system!r} has no uri")
        return uri

    def system_of_uri(self, uri: str | None) -> str | None:
        """The code system id of a FHIR system URI, or None when the knowledge does not know it."""
        return self._by_uri.get(uri or "")

    def value(self, map_id: str, key: str) -> str | None:
        """``map[key]`` of a value map (None when the map has no entry for ``key``)."""
        return self.entry(map_id).map.get(key)

    def reverse(self, map_id: str, code: str) -> str | None:
        """The CalciDx value a value map sends to ``code`` (first match), or None."""
        for key, value in self.entry(map_id).map.items():
            if value == code:
                return key
        return None

    def coding(self, map_id: str, key: str) -> dict[str, str] | None:
        """A FHIR ``Coding`` for ``key`` through a value map, or None."""
        entry = self.entry(map_id)
        code = entry.map.get(key)
        if code is None or entry.system is None:
            return None
        out = {"system": self.uri(entry.system), "code": code}
        if key in entry.display:
            out["display"] = entry.display[key]
        return out

    # --- item codes ---
    def fhir_codings(self, codes: Codes) -> list[dict[str, str]]:
        """A knowledge item's codes as FHIR ``Coding``s: the first code of each system the interop
        table names (a CodeableConcept's codings should mean the same thing; later codes of one
        system are often narrower or broader entries)."""
        out: list[dict[str, str]] = []
        for field in CODE_FIELDS:
            values = getattr(codes, field)
            if values and field in self._entries:
                out.append({"system": self.uri(field), "code": values[0]})
        return out

    def own_coding(self, kind: str, item_id: str, display: str | None = None) -> dict[str, str]:
        """The CalciDx coding of a knowledge id (``kind.id``), so uncoded items still round-trip."""
        out = {"system": self.uri("calcidx"), "code": f"{kind}.{item_id}"}
        if display:
            out["display"] = display
        return out

    def curie(self, field: str, code: str) -> str:
        """A code as a CURIE (``HP:...``, ``LOINC:...``, ``ORPHA:...``)."""
        prefix = self.entry(field).prefix
        if prefix is None:
            raise KnowledgeError(f"interop.yaml: {field!r} has no prefix")
        return f"{prefix}:{_bare(code)}"

    def first_curie(self, codes: Codes, fields: tuple[str, ...] = CODE_FIELDS) -> str | None:
        """The preferred code of an item as a CURIE, or None when it has none in ``fields``."""
        for field in fields:
            values = getattr(codes, field)
            if values and field in self._entries:
                return self.curie(field, values[0])
        return None

    def own_curie(self, kind: str, item_id: str) -> str:
        """A CalciDx id as a CURIE in the CalciDx namespace."""
        return f"{self.entry('calcidx').prefix}:{kind}.{item_id}"

    def lookup(self, system_uri: str | None, code: str | None) -> Known | None:
        """What a FHIR (system, code) pair stands for, or None."""
        system = self.system_of_uri(system_uri)
        if system is None or not code:
            return None
        return self._find(system, code)

    def lookup_curie(self, curie: str | None) -> Known | None:
        """What a CURIE (prefix, colon, code) stands for, or None."""
        if not curie or ":" not in curie:
            return None
        prefix, _, code = curie.partition(":")
        system = self._by_prefix.get(prefix.upper())
        return None if system is None else self._find(system, code)

    def _find(self, system: str, code: str) -> Known | None:
        if system == "calcidx":
            kind, _, item_id = code.partition(".")
            return self._own(kind, item_id)
        return self._index.get((system, _bare(code)))

    def _own(self, kind: str, item_id: str) -> Known | None:
        kb = self.bundle
        tables: dict[str, dict[str, Any]] = {
            "disease": kb.disease,
            "subtype": kb.subtypes,
            "condition": kb.conditions,
            "exposure": kb.exposures,
            "feature": kb.features,
            "lookalike": kb.lookalikes,
            "analyte": kb.analytes,
            "treatment": kb.named_treatments(),
            "subform": kb.subforms,
            "medication": kb.medications,
            "safety_condition": kb.safety_conditions,
        }
        table = tables.get(kind)
        if table is None or item_id not in table:
            return None
        return Known(kind=kind, id=item_id, label=str(table[item_id].label))  # type: ignore[arg-type]

    def _build_index(self) -> None:
        kb = self.bundle
        # Earlier tables win a shared code: a finding's HPO term names the finding, not a disease.
        groups: list[tuple[KnownKind, dict[str, Any]]] = [
            ("feature", kb.features),
            ("condition", kb.conditions),
            ("exposure", kb.exposures),
            ("medication", kb.medications),
            ("safety_condition", kb.safety_conditions),
            ("lookalike", kb.lookalikes),
            ("disease", kb.disease),
            ("subtype", kb.subtypes),
            ("treatment", kb.named_treatments()),
        ]
        for kind, table in groups:
            for item in table.values():
                codes: Codes = item.codes
                for field in CODE_FIELDS:
                    for code in getattr(codes, field):
                        self._index.setdefault((field, _bare(code)), Known(kind, item.id, item.label))
        for analyte in kb.analytes.values():
            for code in [*analyte.loinc, *analyte.loinc_read]:
                self._index.setdefault(("loinc", code), Known("analyte", analyte.id, analyte.label))

    def by_name(self, text: str | None, *, drug: bool = False) -> Known | None:
        """The knowledge item a free-text name is, when a record's code is not in the knowledge
        (``knowledge.names``: the whole text is one of its names, or a drug's text starts with one)."""
        found = self._names.find(text, drug=drug)
        return None if found is None else Known(found.kind, found.id, found.label)  # type: ignore[arg-type]

    # --- units ---
    def ucum(self, analyte: Analyte | None, unit: str | None) -> str | None:
        """The UCUM code of a unit as printed, from the analyte's unit table or the derived-unit map."""
        if not unit:
            return None
        if analyte is not None:
            for known in analyte.units:
                if known.symbol == unit:
                    return known.ucum
        return self.value("derived_units", unit)

    def unit_from_ucum(self, analyte: Analyte | None, code: str | None) -> str | None:
        """The unit symbol CalciDx uses for a UCUM code (first match), or None."""
        if not code or analyte is None:
            return None
        for known in analyte.units:
            if known.ucum == code or known.symbol == code:
                return known.symbol
        return None


@dataclass(frozen=True)
class PatientStatus:
    """A yes/no state of the patient that an EHR records as a coded Observation and that decides
    which treatments are safe (pregnancy, breastfeeding).

    Its codes are two ``interop.yaml`` maps named after it: ``<name>_status_code`` (one key,
    ``<name>_status``: the Observation code) and ``<name>_status_value`` (keys ``<field>`` and
    ``not_<field>``: the values meaning yes and no).
    """

    field: Literal["pregnant", "lactating"]  #: the ``Patient`` field it sets
    name: str  #: in messages and map names ("pregnancy")

    @property
    def value_map(self) -> str:
        return f"{self.name}_status_value"

    def code(self, codes: Terminology) -> dict[str, str] | None:
        """The Observation's ``Coding``."""
        return codes.coding(f"{self.name}_status_code", f"{self.name}_status")

    def is_status(self, codes: Terminology, code: dict[str, Any] | None) -> bool:
        """Whether an Observation ``code`` (a CodeableConcept) is this status."""
        wanted = self.code(codes)
        return wanted is not None and any(
            c.get("system") == wanted["system"] and c.get("code") == wanted["code"]
            for c in (code or {}).get("coding") or []
        )

    def read(self, codes: Terminology, value: dict[str, Any] | None) -> bool | None:
        """Yes or no from a coded value (a CodeableConcept); None for any other value."""
        system = codes.entry(self.value_map).system
        uri = codes.uri(system) if system else None
        for coding in (value or {}).get("coding") or []:
            if coding.get("system") == uri:
                key = codes.reverse(self.value_map, str(coding.get("code")))
                if key in (self.field, f"not_{self.field}"):
                    return key == self.field
        return None

    def value(self, codes: Terminology, yes: bool) -> dict[str, str] | None:
        """The ``Coding`` of yes or no."""
        return codes.coding(self.value_map, self.field if yes else f"not_{self.field}")


#: Pregnancy (US Core / IPS codes) and breastfeeding (LOINC breastfeeding status) statuses.
PATIENT_STATUSES = (
    PatientStatus(field="pregnant", name="pregnancy"),
    PatientStatus(field="lactating", name="lactation"),
)


def _bare(code: str) -> str:
    """The code without its CURIE prefix (the part after the colon); FHIR codes keep it as printed."""
    return code.split(":", 1)[1] if ":" in code else code
