"""The disease monograph, generated from the knowledge base: every sentence cites its sources.

Sentences are built only from knowledge-base items (their text fields, labels and codes) and
cite only the sources of the field they quote: ``refs`` for clinical text, ``dose_refs`` for a
dose, ``loinc_refs`` for LOINC codes, the caution's ``refs`` for a caution, and the code sources
(``code_refs``, or the ontology files among ``refs``) for a codes sentence. Every sentence keeps
its provenance (``Sentence.source``: table, item id and field), so a test can trace each
citation back to the item field that carries it. Citations are numbered in order of first use
and resolve to the numbered reference list at the end, which lists only cited references.
Items whose evidence tag is ``secondary`` or ``synthesized`` say so in the sentence. Extraction
vocabulary (feature synonyms) and internal notes never appear.

``monograph_sentences`` returns the same sentences with their citation numbers and provenance,
so a test can prove that none is uncited and every number resolves.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from calcidx.knowledge.schema import (
    Analyte,
    Caution,
    Cited,
    Codes,
    KnowledgeBundle,
    Reference,
    ReferenceRange,
    Treatment,
)

__all__ = [
    "CitedSentence",
    "Monograph",
    "build_monograph",
    "monograph_sentences",
    "render_monograph",
    "split_sentences",
]

Format = Literal["md", "html"]

_ABBREVIATIONS = ("e.g", "i.e", "vs", "et al", "approx", "cf", "Dr", "no", "St", "Fig", "spp", "ca")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_CODE_LABELS: dict[str, str] = {
    "icd10": "ICD-10",
    "hpo": "HPO",
    "snomed": "SNOMED CT",
    "omim": "OMIM",
    "orpha": "ORPHA",
    "doid": "DOID",
    "mesh": "MeSH",
    "umls": "UMLS",
    "chebi": "ChEBI",
    "loinc": "LOINC",
}
_WHEN_TEXT: dict[str, str] = {
    "every_patient": "every patient",
    "metabolic": "when a metabolic cause is considered",
    "ctd_suspected": "when a connective tissue disease is suspected",
    "unexplained": "when no cause is found",
    "calciphylaxis": "when calciphylaxis is suspected",
    "tumoral": "for tumoral deposits",
    "lookalike": "when a look-alike must be excluded",
    "histology": "to confirm on tissue",
    "imaging": "to map the deposits",
}
_FEATURE_GROUPS: dict[str, str] = {
    "lesion": "Lesions",
    "symptom": "Symptoms",
    "sign": "Signs",
    "family": "Family history",
    "demographic": "Who is affected",
}


def split_sentences(text: str) -> list[str]:
    """Split a knowledge-base text into sentences (abbreviations such as "e.g." do not split)."""
    pieces: list[str] = []
    buffer = ""
    for part in _SPLIT.split(text.strip()):
        buffer = f"{buffer} {part}" if buffer else part
        if any(buffer.endswith(f"{abbr}.") for abbr in _ABBREVIATIONS):
            continue
        pieces.append(buffer)
        buffer = ""
    if buffer:
        pieces.append(buffer)
    return [piece.strip() for piece in pieces if piece.strip()]


@dataclass(frozen=True)
class Sentence:
    """One sentence of the monograph, the reference keys it rests on and where it came from.

    ``source`` names the item fields the sentence quotes, as ``table:id.field`` (several for a
    sentence that joins items, e.g. a list of associated conditions).
    """

    text: str
    refs: tuple[str, ...]
    source: tuple[str, ...] = ()


@dataclass(frozen=True)
class CitedSentence:
    """A sentence as rendered: its text (without citation), citation numbers, keys and provenance."""

    section: str
    text: str
    citations: tuple[int, ...]
    keys: tuple[str, ...] = ()
    source: tuple[str, ...] = ()


@dataclass
class Section:
    """A titled part of the monograph: paragraphs and bullet lists of sentences."""

    title: str
    level: int = 2
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    bullets: list[list[Sentence]] = field(default_factory=list)


@dataclass
class Monograph:
    """The monograph before rendering: a title, sections and the reference keys they cite."""

    title: str
    sections: list[Section]
    references: list[str]  # reference keys, numbered from 1 in this order

    def number(self, key: str) -> int:
        return self.references.index(key) + 1


# -- sentence builders ------------------------------------------------------------------------


def _tag(item: Cited) -> str:
    if item.evidence == "secondary":
        return " (secondary source)"
    if item.evidence == "synthesized":
        return " (synthesized from the cited sources)"
    return ""


def _sentences(
    text: str, refs: Iterable[str], tag: str = "", source: str = "", *, attributed: bool = False
) -> list[Sentence]:
    """The sentences of ``text``, each citing ``refs``; ``tag`` marks the first one.

    ``attributed``: the text names its sources inline ("... (BALIN)"); a sentence that names
    some of ``refs`` cites only those, so a figure is never credited to a source that lacks it.
    """
    keys = tuple(dict.fromkeys(refs))
    where = (source,) if source else ()
    out: list[Sentence] = []
    for position, piece in enumerate(split_sentences(text)):
        body = piece.rstrip()
        body = body[:-1] if body.endswith((".", ";", ":")) else body
        cited = keys
        if attributed:
            named = tuple(key for key in keys if re.search(rf"(?<![A-Za-z0-9-]){re.escape(key)}(?![A-Za-z0-9-])", body))
            cited = named or keys
        out.append(Sentence(text=f"{body}{tag if position == 0 else ''}", refs=cited, source=where))
    return out


def _code_refs(kb: KnowledgeBundle, item: Cited) -> tuple[str, ...]:
    """The sources of an item's codes: its ``code_refs``, else the code sources among its refs,
    else its refs (a clinical source that prints the code, e.g. an ICD-10 code on a page)."""
    if item.code_refs:
        return tuple(item.code_refs)
    coded = [r for r in item.refs if r in kb.references and kb.references[r].is_code_source]
    return tuple(coded or item.refs)


def _also(label: str, synonyms: Sequence[str], words: str) -> str:
    """ " (also called a, b, c)" with synonyms that differ from the label, or nothing."""
    others = [syn for syn in synonyms if syn.lower() != label.lower()][:3]
    return f" ({words} {', '.join(others)})" if others else ""


def _codes_text(codes: Codes) -> str:
    parts = [f"{_CODE_LABELS[key]} {', '.join(values)}" for key, values in codes.model_dump().items() if values]
    return "; ".join(parts)


def _join(labels: Sequence[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"


def _range_text(band: ReferenceRange, unit: str) -> str:
    if band.low is not None and band.high is not None:
        value = f"{band.low:g}-{band.high:g} {unit}"
    elif band.high is not None:
        value = f"up to {band.high:g} {unit}"
    else:
        value = f"at least {band.low:g} {unit}"
    who: list[str] = []
    if band.age_min is not None or band.age_max is not None:
        low = f"{band.age_min:g}" if band.age_min is not None else "0"
        who.append(f"age {low}-{band.age_max:g} years" if band.age_max is not None else f"age {low} years and over")
    if band.sex:
        who.append(band.sex)
    return f"{value} ({', '.join(who)})" if who else value


# -- sections ---------------------------------------------------------------------------------


def _description(kb: KnowledgeBundle, subtypes: list[str]) -> Section:
    section = Section("Description")
    if len(subtypes) == 1:
        sub = kb.subtypes[subtypes[0]]
        section.paragraphs.append(_sentences(sub.definition, sub.refs, _tag(sub), f"subtypes:{sub.id}.definition"))
        return section
    for disease in kb.disease.values():
        also = _also(disease.label, disease.synonyms, "also called")
        body = _sentences(disease.definition, disease.refs, _tag(disease), f"disease:{disease.id}.definition")
        if body:
            head = body[0]
            body[0] = Sentence(f"{disease.label}{also}: {head.text[0].lower()}{head.text[1:]}", head.refs, head.source)
        section.paragraphs.append(body)
    for code in subtypes:
        sub = kb.subtypes[code]
        first = _sentences(sub.definition, sub.refs, _tag(sub), f"subtypes:{sub.id}.definition")[:1]
        section.paragraphs.append(
            [Sentence(f"{sub.label}: {s.text[0].lower()}{s.text[1:]}", s.refs, s.source) for s in first]
        )
    return section


def _subtypes(kb: KnowledgeBundle, subtypes: list[str]) -> list[Section]:
    sections = [Section("Subtypes and sub-forms")]
    for code in subtypes:
        sub = kb.subtypes[code]
        section = Section(sub.label, level=3)
        where = f"subtypes:{sub.id}"
        section.paragraphs.append(_sentences(sub.definition, sub.refs, _tag(sub), f"{where}.definition"))
        section.paragraphs.append(
            [
                *_sentences(
                    f"Serum calcium and phosphate: {sub.calcium_phosphate}.",
                    sub.refs,
                    _tag(sub),
                    f"{where}.calcium_phosphate",
                ),
                *_sentences(
                    f"Local tissue damage: {sub.tissue_damage}.", sub.refs, _tag(sub), f"{where}.tissue_damage"
                ),
            ]
        )
        for form in kb.subforms.values():
            if code not in form.subtypes:
                continue
            if form.subtypes[0] != code and len(subtypes) > 1:
                first = kb.subtypes[form.subtypes[0]].label.lower() if form.subtypes[0] in kb.subtypes else ""
                text = f"Sub-form {form.label} is filed here by some sources (described under {first})"
                section.bullets.append([Sentence(text, tuple(form.refs), (f"subforms:{form.id}.subtypes",))])
                continue
            parents = [kb.subtypes[p].label.lower() for p in form.subtypes if p in kb.subtypes]
            also = _also(form.label, form.synonyms, "also called")
            lead = f"Sub-form {form.label}{also}, filed under {_join(parents)}"
            where = f"subforms:{form.id}"
            bullet = [
                Sentence(f"{lead}{_tag(form)}", tuple(form.refs), (f"{where}.subtypes",)),
                *_sentences(form.definition, form.refs, source=f"{where}.definition"),
            ]
            if form.disagreement:
                bullet += _sentences(
                    f"Where sources disagree: {form.disagreement}", form.refs, source=f"{where}.disagreement"
                )
            section.bullets.append(bullet)
        by_category: dict[str, list[tuple[str, list[str], str]]] = {}
        for cond in kb.conditions.values():
            if cond.points_to == code:
                by_category.setdefault(cond.category, []).append(
                    (cond.label, list(cond.refs), f"conditions:{cond.id}.points_to")
                )
        for category, items in by_category.items():
            refs = [r for _, item_refs, _ in items for r in item_refs]
            text = f"Associated conditions ({category.replace('_', ' ')}): {_join([label for label, _, _ in items])}"
            section.bullets.append([Sentence(text, tuple(dict.fromkeys(refs)), tuple(where for _, _, where in items))])
        for exp in kb.exposures.values():
            if exp.points_to == code:
                section.bullets.append(
                    [
                        Sentence(
                            f"Associated exposure ({exp.kind}): {exp.label}{_tag(exp)}",
                            tuple(exp.refs),
                            (f"exposures:{exp.id}.points_to",),
                        )
                    ]
                )
        sections.append(section)
    return sections


def _features(kb: KnowledgeBundle, categories: Iterable[str], title: str) -> Section:
    section = Section(title)
    wanted = list(categories)
    chosen = [f for f in kb.features.values() if f.category in wanted]
    for feature in sorted(chosen, key=lambda f: (wanted.index(f.category), f.label)):
        group = _FEATURE_GROUPS.get(feature.category, feature.category.capitalize())
        section.bullets.append(
            [
                Sentence(
                    f"{group}: {feature.label}{_tag(feature)}", tuple(feature.refs), (f"features:{feature.id}.label",)
                )
            ]
        )
    return section


def _analyte_sentences(analyte: Analyte) -> list[Sentence]:
    out: list[Sentence] = []
    where = f"analytes:{analyte.id}"
    if analyte.loinc:
        refs = analyte.loinc_refs or analyte.refs
        out.append(Sentence(f"{analyte.label}: LOINC {', '.join(analyte.loinc)}", tuple(refs), (f"{where}.loinc",)))
    for position, band in enumerate(analyte.ranges):
        text = f"{analyte.label} reference interval {_range_text(band, analyte.canonical_unit)}{_tag(band)}"
        out.append(Sentence(text, tuple(band.refs), (f"{where}.ranges[{position}]",)))
    return out


def _workup(kb: KnowledgeBundle, subtype: str | None) -> Section:
    section = Section("Work-up")
    for item in kb.workup.values():
        if subtype and not ({"every_patient", subtype} & set(item.when)):
            continue
        when = _join([_WHEN_TEXT.get(w, w.replace("_", " ")) for w in item.when])
        loinc = f" (LOINC {', '.join(item.loinc)})" if item.loinc else ""
        bullet = [
            Sentence(f"{item.label}{loinc}, {when}{_tag(item)}", tuple(item.refs), (f"workup:{item.id}.when",)),
            *_sentences(f"It answers: {item.question}", item.refs, source=f"workup:{item.id}.question"),
        ]
        for analyte_id in item.analytes:
            if analyte_id in kb.analytes:
                bullet += _analyte_sentences(kb.analytes[analyte_id])
        section.bullets.append(bullet)
    return section


def _differential(kb: KnowledgeBundle, subtype: str | None) -> Section:
    section = Section("Differential diagnosis")
    forms = {f.id for f in kb.subforms.values() if subtype in f.subtypes} if subtype else set()
    for look in kb.lookalikes.values():
        if subtype and not (set(look.applies_to) & ({subtype, "all"} | forms)):
            continue
        tag = _tag(look)
        where = f"lookalikes:{look.id}"
        evidence = [r for r in look.refs if r not in kb.references or not kb.references[r].is_code_source]
        bullet = [
            Sentence(f"{look.label}{tag}", tuple(evidence or look.refs), (f"{where}.label",)),
            *_sentences(look.distinguishing, evidence or look.refs, source=f"{where}.distinguishing"),
            *_sentences(f"Test that tells it apart: {look.test}", evidence or look.refs, source=f"{where}.test"),
        ]
        section.bullets.append(bullet)
    return section


_CAUTION_WORD = {"contraindicated": "Contraindicated", "withhold": "Not offered", "caution": "Caution"}


def _treatment_bullet(kb: KnowledgeBundle, treatment: Treatment) -> list[Sentence]:
    tag = _tag(treatment)
    where = f"treatments:{treatment.id}"
    verdict = "" if treatment.recommended else ", not recommended"
    bullet = [
        Sentence(
            f"{treatment.label}: evidence {treatment.evidence_level}{verdict}{tag}",
            tuple(treatment.refs),
            (f"{where}.evidence_level",),
        )
    ]
    if treatment.requires.labs_any:
        needs = " or ".join(
            f"{kb.analytes[a].label.lower() if a in kb.analytes else a} {i}"
            for a, _, i in (item.partition(":") for item in treatment.requires.labs_any)
        )
        bullet += _sentences(f"Only when {needs}", treatment.refs, source=f"{where}.requires")
    if treatment.dose:
        ages = f" (patients aged {treatment.dose_age_min:g} years and over)" if treatment.dose_age_min else ""
        bullet += _sentences(
            f"Dose as reported{ages}: {treatment.dose}", treatment.dose_refs or treatment.refs, source=f"{where}.dose"
        )
    if treatment.response:
        bullet += _sentences(
            f"Reported response: {treatment.response}", treatment.refs, source=f"{where}.response", attributed=True
        )
    if treatment.age_min is not None:
        why = f": {treatment.age_min_reason}" if treatment.age_min_reason else ""
        bullet.append(
            Sentence(
                f"Not for patients under {treatment.age_min:g} years{why}", tuple(treatment.refs), (f"{where}.age_min",)
            )
        )
    for caution_id in treatment.cautions:
        caution = kb.cautions.get(caution_id)
        if caution is not None:
            kind = _CAUTION_WORD[caution.effect]
            bullet += _sentences(
                f"{kind}{_when(kb, caution)}: {caution.text}",
                caution.refs,
                _tag(caution),
                f"cautions:{caution.id}.text",
            )
    return bullet


def _label_of(kb: KnowledgeBundle, concept_id: str) -> str:
    concept = kb.concept(concept_id)
    return (concept.label if concept else concept_id).lower()


def _when(kb: KnowledgeBundle, caution: Caution) -> str:
    """ " (under 12 years; in pregnancy; with dialysis; phosphate high)": when it applies, or nothing."""
    when = caution.when
    parts: list[str] = []
    if when.age_below is not None:
        age = when.age_below
        parts.append(f"under {round(age * 365.25)} days" if age < 1 / 12 else f"under {age:g} years")
    if when.age_at_least is not None:
        parts.append(f"aged {when.age_at_least:g} years or more")
    if when.pregnant:
        parts.append("in pregnancy")
    if when.lactating:
        parts.append("when breastfeeding")
    if when.egfr_below is not None:
        met = [_label_of(kb, c) for c in when.egfr_met_by]
        parts.append(f"eGFR below {when.egfr_below:g}" + (f" or {' or '.join(met)}" if met else ""))
    for name, ids in (("with", when.conditions_any), ("taking or given", when.medications_any)):
        if ids:
            labels = [_label_of(kb, c) for c in ids]
            parts.append(f"{name} {', '.join(labels[:3])}{' or similar' if len(labels) > 3 else ''}")
    if when.unless_any:
        parts.append(f"unless {', '.join(_label_of(kb, c) for c in when.unless_any)}")
    for item in when.labs_any:
        analyte, _, interpretation = item.partition(":")
        label = kb.analytes[analyte].label if analyte in kb.analytes else analyte
        parts.append(f"{label} {interpretation}")
    return f" ({'; '.join(parts)})" if parts else ""


def _treatments(kb: KnowledgeBundle, subtypes: list[str]) -> list[Section]:
    ordered = sorted(kb.treatments.values(), key=lambda t: (t.rank, t.label))
    sections = [Section("Treatment by subtype")]
    general = [t for t in ordered if not t.subtypes and not t.subforms]
    if general:
        section = Section("Whatever the subtype", level=3)
        section.bullets = [_treatment_bullet(kb, t) for t in general]
        sections.append(section)
    for code in subtypes:
        forms = {f.id for f in kb.subforms.values() if code in f.subtypes}
        chosen = [t for t in ordered if code in t.subtypes or (not t.subtypes and set(t.subforms) & forms)]
        if not chosen:
            continue
        section = Section(kb.subtypes[code].label, level=3)
        section.bullets = [_treatment_bullet(kb, t) for t in chosen]
        sections.append(section)
    return sections


def _codes(kb: KnowledgeBundle, subtype: str | None) -> Section:
    section = Section("Codes")
    items: list[tuple[str, Codes, Cited]] = []
    if not subtype:
        items += [(disease.label, disease.codes, disease) for disease in kb.disease.values()]
    else:
        sub = kb.subtypes[subtype]
        items.append((sub.label, sub.codes, sub))
    for feature in kb.features.values():
        if not subtype and (feature.codes.icd10 or "calcinosis_confirmation" in feature.role):
            items.append((feature.label, feature.codes, feature))
    for form in kb.subforms.values():
        if not subtype or subtype in form.subtypes:
            items.append((form.label, form.codes, form))
    for cond in kb.conditions.values():
        if not subtype or cond.points_to == subtype:
            items.append((cond.label, cond.codes, cond))
    for look in kb.lookalikes.values():
        if not subtype or subtype in look.applies_to:
            items.append((look.label, look.codes, look))
    for treatment in kb.treatments.values():
        if not subtype or subtype in treatment.subtypes:
            items.append((treatment.label, treatment.codes, treatment))
    seen: set[str] = set()
    for label, codes, item in items:
        text = _codes_text(codes)
        if not text or label in seen:
            continue
        seen.add(label)
        ident = getattr(item, "id", label)
        section.bullets.append([Sentence(f"{label}: {text}", _code_refs(kb, item), (f"codes:{ident}",))])
    return section


def _figures(kb: KnowledgeBundle, subtypes: list[str]) -> Section:
    section = Section("Published figures")
    for treatment in sorted(kb.treatments.values(), key=lambda t: (t.rank, t.label)):
        if treatment.response and re.search(r"\d", treatment.response):
            if treatment.subtypes and not set(treatment.subtypes) & set(subtypes):
                continue
            section.bullets.append(
                _sentences(
                    f"{treatment.label}: {treatment.response}",
                    treatment.refs,
                    _tag(treatment),
                    f"treatments:{treatment.id}.response",
                    attributed=True,
                )
            )
    for rule in kb.rules.values():
        numbers = {k: v for k, v in rule.params.items() if isinstance(v, float | int)}
        if numbers and re.search(r"\d", rule.statement):
            section.bullets.append(
                _sentences(f"{rule.title}: {rule.statement}", rule.refs, _tag(rule), f"rules:{rule.id}.statement")
            )
    return section


#: Words that mark a project-internal note (a remark to the maintainers, not a claim of a source).
INTERNAL_NOTE = re.compile(r"CLINICAL\.md|UNCONFIRMED|\bnot encoded\b|\bknowledge base\b|\bTODO\b")


def _drop_internal(sections: list[Section]) -> None:
    """Remove sentences that are internal notes (they are not what the cited sources say)."""
    for section in sections:
        section.paragraphs = [kept for group in section.paragraphs if (kept := _public(group))]
        section.bullets = [kept for group in section.bullets if (kept := _public(group))]


def _public(group: list[Sentence]) -> list[Sentence]:
    return [sentence for sentence in group if not INTERNAL_NOTE.search(sentence.text)]


def _drop_empty(sections: list[Section]) -> list[Section]:
    """Drop sections without sentences, keeping a heading whose subsections have some."""
    kept: list[Section] = []
    for position, section in enumerate(sections):
        following = sections[position + 1] if position + 1 < len(sections) else None
        has_children = following is not None and following.level > section.level
        if section.paragraphs or section.bullets or has_children:
            kept.append(section)
    return kept


def build_monograph(bundle: KnowledgeBundle, *, subtype: str | None = None) -> Monograph:
    """Assemble the monograph (all subtypes, or one subtype's page) and number its references.

    Raises:
        KeyError: ``subtype`` is not a subtype id of the bundle.
    """
    if subtype is not None and subtype not in bundle.subtypes:
        raise KeyError(subtype)
    subtypes = [subtype] if subtype else list(bundle.subtypes)
    title = bundle.subtypes[subtype].label if subtype else "Calcinosis cutis"
    sections = [
        _description(bundle, subtypes),
        *_subtypes(bundle, subtypes),
        _features(bundle, list(_FEATURE_GROUPS), "Signs and symptoms"),
        _workup(bundle, subtype),
        _features(bundle, ["imaging", "histology"], "Imaging and histology"),
        _differential(bundle, subtype),
        *_treatments(bundle, subtypes),
        _codes(bundle, subtype),
        _figures(bundle, subtypes),
    ]
    _drop_internal(sections)
    sections = _drop_empty(sections)
    references: list[str] = []
    for section in sections:
        for group in [*section.paragraphs, *section.bullets]:
            for sentence in group:
                for key in sentence.refs:
                    if key not in references:
                        references.append(key)
    return Monograph(title=title, sections=sections, references=references)


def monograph_sentences(bundle: KnowledgeBundle, *, subtype: str | None = None) -> list[CitedSentence]:
    """Every sentence of the monograph with its citation numbers (for tests and audits)."""
    mono = build_monograph(bundle, subtype=subtype)
    return [
        CitedSentence(section.title, s.text, tuple(sorted({mono.number(k) for k in s.refs})), s.refs, s.source)
        for section in mono.sections
        for group in [*section.paragraphs, *section.bullets]
        for s in group
    ]


# -- rendering --------------------------------------------------------------------------------


def _cite(mono: Monograph, sentence: Sentence) -> str:
    numbers = sorted({mono.number(key) for key in sentence.refs})
    return f"[{', '.join(str(n) for n in numbers)}]"


def _reference_text(ref: Reference) -> str:
    parts = [ref.citation.rstrip(".") + "."]
    if ref.doi:
        parts.append(f"doi:{ref.doi}.")
    if ref.pmid:
        parts.append(f"PMID {ref.pmid}.")
    if ref.url:
        parts.append(ref.url)
    if ref.supports == "secondary":
        parts.append("(Secondary source.)")
    return " ".join(parts)


def _md(mono: Monograph, bundle: KnowledgeBundle) -> str:
    def line(group: list[Sentence]) -> str:
        return " ".join(f"{s.text} {_cite(mono, s)}." for s in group)

    out = [f"# {mono.title}", ""]
    for section in mono.sections:
        out += [f"{'#' * section.level} {section.title}", ""]
        for para in section.paragraphs:
            out += [line(para), ""]
        if section.bullets:
            out += [f"- {line(bullet)}" for bullet in section.bullets]
            out.append("")
    out += ["## References", ""]
    for number, key in enumerate(mono.references, start=1):
        out.append(f"{number}. {_reference_text(bundle.references[key])}")
    info = bundle.info
    out += ["", f"Knowledge bundle {info.name} {info.version} ({info.released}); HPO release {info.hpo_release}."]
    return "\n".join(out) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;"
    "color:#1b1b1b}h1,h2,h3{line-height:1.2}sup a,a.cite{text-decoration:none}"
    "ol.refs li{margin-bottom:.4rem}footer{color:#555;font-size:.9rem}"
)


def _html(mono: Monograph, bundle: KnowledgeBundle) -> str:
    esc = html.escape

    def sentence(s: Sentence) -> str:
        numbers = sorted({mono.number(key) for key in s.refs})
        links = ", ".join(f'<a class="cite" href="#ref-{n}">{n}</a>' for n in numbers)
        return f"{esc(s.text)} [{links}]."

    def line(group: list[Sentence]) -> str:
        return " ".join(sentence(s) for s in group)

    body = [f"<h1>{esc(mono.title)}</h1>"]
    for section in mono.sections:
        body.append(f"<h{section.level}>{esc(section.title)}</h{section.level}>")
        body += [f"<p>{line(para)}</p>" for para in section.paragraphs]
        if section.bullets:
            body.append("<ul>" + "".join(f"<li>{line(b)}</li>" for b in section.bullets) + "</ul>")
    body.append("<h2>References</h2>")
    items = [
        f'<li id="ref-{n}">{esc(_reference_text(bundle.references[key]))}</li>'
        for n, key in enumerate(mono.references, start=1)
    ]
    body.append('<ol class="refs">' + "".join(items) + "</ol>")
    info = bundle.info
    body.append(
        f"<footer>Knowledge bundle {esc(info.name)} {esc(info.version)} ({esc(info.released)}); "
        f"HPO release {esc(info.hpo_release)}.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(mono.title)}: CalciDx monograph</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def render_monograph(bundle: KnowledgeBundle, *, fmt: Format = "md", subtype: str | None = None) -> str:
    """Render the monograph as Markdown or as a standalone HTML page.

    Args:
        bundle: the knowledge bundle.
        fmt: ``md`` or ``html`` (HTML has inline CSS, escaped text and no external assets).
        subtype: a subtype id for that subtype's page; None for the whole disease.

    Raises:
        KeyError: ``subtype`` is not a subtype id; ValueError: ``fmt`` is not md or html.
    """
    mono = build_monograph(bundle, subtype=subtype)
    if fmt == "md":
        return _md(mono, bundle)
    if fmt == "html":
        return _html(mono, bundle)
    raise ValueError(f"format {fmt!r} is not md or html")
