"""The extractor: text -> ``Document`` of one ``Case`` per patient.

``build_pipeline`` assembles the spaCy pipeline on ``spacy.blank("en")`` in a fixed order (all
components are declared in ``components.py``); ``extract`` runs it and builds the cases.
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Iterable, Iterator
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_suffix_regex

from calcidx.case.model import Case, Document, DocumentInfo, KnowledgeVersion, Provenance
from calcidx.errors import InputError
from calcidx.extract import components as comp
from calcidx.extract.cases import EXTRACTOR, CaseBuilder, CasePatterns, DocRecords
from calcidx.extract.diagnosis import (
    abbreviation_map,
    find_diagnoses,
    header_diagnoses,
    self_statements,
    title_diagnoses,
)
from calcidx.extract.kind import document_kind
from calcidx.extract.language import language_warning
from calcidx.extract.lexicon import RecurringWords
from calcidx.extract.patients import Mode, Patients, names_the_group
from calcidx.extract.prefilter import fold, search
from calcidx.extract.rules import load_rules, load_zone_rules
from calcidx.extract.sections import Layout, Sentence, one_case
from calcidx.extract.table_rows import (
    MAX_ROWS,
    document_with_rows,
    numbered_clauses,
    patient_table_rows,
    row_note,
    with_row_evidence,
)
from calcidx.extract.textmap import TextMap, normalise
from calcidx.extract.vocabulary import Vocabulary
from calcidx.knowledge.loader import load_bundle

__all__ = [
    "MAX_CHARACTERS",
    "MODES",
    "Mode",
    "build_pipeline",
    "extract",
    "extract_batch",
    "pipeline_for",
    "run_pipeline",
]

#: How ``extract`` reads a text: ``article`` (a published report: find its patients), ``note`` (a
#: clinical note or form: one patient) or ``auto`` (decide from the text).
MODES: tuple[Mode, ...] = ("auto", "article", "note")

#: Largest text ``extract`` accepts (a long case report with references is ~100,000 characters).
MAX_CHARACTERS = 5_000_000

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_PMID = re.compile(r"\bPMID:?\s*(\d{5,9})\b")
# an abstract sentence about a group ("patients with", "cases of") states no diagnosis of this case
_MANY_PATIENTS = re.compile(r"\b(?:patients|cases)\s+(?:with|of)\b", re.IGNORECASE)

#: a full stop after a token that is one letter ("D." in "vitamin D.")
_INITIAL_STOP = r"(?<=^[A-Za-z])\."
#: a full stop after a capital that follows a digit or a small letter ("CKD 5D.", "IgA."), which
#: the English rules (a full stop after a small letter or a digit) leave on the word
_MIXED_STOP = r"(?<=[a-z0-9][A-Z])\."

PIPE_NAMES = (
    "calcidx_layout",
    "calcidx_demographics",
    "calcidx_concepts",
    "calcidx_context",
    "calcidx_lab_cues",
    "calcidx_patients",
)


def build_pipeline(vocabulary: Vocabulary | None = None) -> Language:
    """The extractor's spaCy pipeline on ``spacy.blank("en")`` (no model download).

    Args:
        vocabulary: the clinical vocabulary to match; the knowledge bundle's when None.
    """
    nlp = spacy.blank("en")
    # a run-in header joined by a dash ("Physical examination.—Indurated plaques"): the dash after
    # the full stop splits, as a dash between two words already does
    # ... and a note's test glued to its result ("Calcium=2.8mmol/l", "PO4=2.1"): an equals sign
    # between a test's name and a number splits
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[.:])[—–](?=[A-Za-z])", r"(?<=[A-Za-z0-9])=(?=[\d<>])"]
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # The English suffix rules keep a single letter and its full stop as one token (an initial):
    # then "vitamin D." or "protein S." at the end of a sentence would not match "vitamin D"; nor
    # would "CKD 5D." match "CKD 5D".
    tokenizer.suffix_search = compile_suffix_regex([*(nlp.Defaults.suffixes or ()), _INITIAL_STOP, _MIXED_STOP]).search
    # English contractions written without their apostrophe ("im", "id", "cannot") are split only
    # in lower and title case, never in capitals: "IM injections" stayed one token where the term
    # "im injections" was split ("i", "m"), so the case-blind term never matched. Clinical text
    # uses these letters as abbreviations (IM, ID), so they are plain words in every case.
    tokenizer.rules = {
        key: value for key, value in (tokenizer.rules or {}).items() if not (key.isalpha() and len(value) > 1)
    }
    name = "default" if vocabulary is None else comp.register_vocabulary(vocabulary)
    for pipe in PIPE_NAMES:
        nlp.add_pipe(pipe, config={"vocabulary": name} if pipe == "calcidx_concepts" else {})
    nlp.max_length = MAX_CHARACTERS + 1
    # Bind the vocabulary object now, while the name refers to it (a later registration under
    # the same name must not change this pipeline's terms).
    _vocabulary_of(nlp)
    return nlp


@functools.cache
def _default_pipeline() -> Language:
    return build_pipeline(None)


#: The last pipeline built for each vocabulary name, kept with the vocabulary object itself: a
#: second vocabulary with the same name gets its own pipeline, never the first one's terms.
_PIPELINES: dict[str, tuple[Vocabulary, Language]] = {}


def _pipeline(vocabulary: Vocabulary | None) -> Language:
    if vocabulary is None:
        return _default_pipeline()
    found = _PIPELINES.get(vocabulary.name)
    if found is None or found[0] is not vocabulary:
        found = _PIPELINES[vocabulary.name] = (vocabulary, build_pipeline(vocabulary))
    return found[1]


def run_pipeline(nlp: Language, text: str, mode: Mode = "auto") -> spacy.tokens.Doc:
    """Run the pipeline on ``text``, telling the patients component the reading ``mode``."""
    doc = nlp.make_doc(text)
    doc.user_data[comp.MODE] = mode
    doc.user_data[comp.TEXT] = text  # doc.text would rebuild it from the tokens
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def pipeline_for(vocabulary: Vocabulary) -> Language:
    """A new pipeline matching ``vocabulary`` (the shipped one shares the default pipeline)."""
    from calcidx.extract.vocabulary import default_vocabulary

    if vocabulary is default_vocabulary():
        return _default_pipeline()
    return build_pipeline(vocabulary)


def _vocabulary_of(nlp: Language) -> Vocabulary:
    component = nlp.get_pipe("calcidx_concepts")
    assert isinstance(component, comp.ConceptComponent)
    return component._ensure()[1]


def extract(
    text: str,
    *,
    vocabulary: Vocabulary | None = None,
    source: str | None = None,
    format: str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
    mode: Mode = "auto",
) -> Document:
    """Read a case report, case series or clinical note into a ``Document``.

    Args:
        text: the document text; every evidence offset refers to it.
        vocabulary: the clinical vocabulary (tests pass a small one); the knowledge bundle's if None.
        nlp: a pipeline built by ``build_pipeline`` (the runtime's); overrides ``vocabulary``.
        mode: ``article`` (a published report: find its patients), ``note`` (a clinical note or
            form: the whole text is one patient) or ``auto`` (decide from the text).
        source: where the text came from (a path or URL), recorded in provenance.
        format: the input format the reader saw (``text``, ``pdf``, ``html``, ``xml``).
        title: the title, when the reader knows it.

    Returns:
        The document's kind and one ``Case`` per patient, each fact with its evidence.

    Raises:
        InputError: the text is not a string, is empty or is larger than ``MAX_CHARACTERS``, or
            ``mode`` is not one of ``MODES``.
    """
    _check_text(text)
    if mode not in MODES:
        raise InputError(f"mode {mode!r} is not allowed; use one of: {', '.join(MODES)}")
    nlp = nlp or _pipeline(vocabulary)
    textmap = normalise(text)
    with _ONE_AT_A_TIME:
        # Built outside the zone: the matcher's keys must outlive it.
        vocab = _vocabulary_of(nlp)
        # The memory zone frees the strings and lexemes this document added to the shared vocab once
        # the Document (plain pydantic data) is built, so memory stays flat over many documents.
        with nlp.memory_zone():
            doc = run_pipeline(nlp, textmap.clean, mode)
            document = document_from_doc(doc, vocab, textmap=textmap, source=source, format=format, title=title)
        _recurring(nlp).learn([textmap.clean])
    return _from_table_rows(document, text, nlp)


def extract_batch(texts: Iterable[str], *, nlp: Language, batch_size: int = 32) -> Iterator[Document]:
    """Extract many texts through ``nlp.pipe`` (one memory zone per batch), in input order.

    Raises:
        InputError: a text is not a string, is empty or is too long (checked per batch, before it runs).
    """
    with _ONE_AT_A_TIME:
        vocabulary = _vocabulary_of(nlp)
    batch: list[TextMap] = []
    for text in texts:
        _check_text(text)
        batch.append(normalise(text))
        if len(batch) >= batch_size:
            yield from _run_batch(nlp, vocabulary, batch)
            batch = []
    if batch:
        yield from _run_batch(nlp, vocabulary, batch)


def _run_batch(nlp: Language, vocabulary: Vocabulary, batch: list[TextMap]) -> list[Document]:
    with _ONE_AT_A_TIME:
        with nlp.memory_zone():
            docs = nlp.pipe([textmap.clean for textmap in batch], batch_size=len(batch))
            documents = [
                document_from_doc(doc, vocabulary, textmap=textmap) for doc, textmap in zip(docs, batch, strict=True)
            ]
        _recurring(nlp).learn(textmap.clean for textmap in batch)
    return [
        _from_table_rows(document, textmap.original, nlp) for document, textmap in zip(documents, batch, strict=True)
    ]


def _from_table_rows(document: Document, original: str, nlp: Language) -> Document:
    """``document`` with its patients read from the rows of a table of patients, when no running text
    describes any (``table_rows``); unchanged otherwise."""
    if document.cases or ("|" not in original and "\t" not in original):
        return document
    header = load_zone_rules()["patient_table_header"]
    rows = patient_table_rows(original, lambda line: header.search(line) is not None)
    if not rows:
        return document
    info = document.document
    provenance = Provenance(source=info.source, title=info.title, doi=info.doi, pmid=info.pmid, extractor=EXTRACTOR)
    clauses = numbered_clauses(original, rows)
    cases: list[Case] = []
    for index, row in enumerate(rows[:MAX_ROWS], start=1):
        note = row_note(row, index, original, clauses.get(index, []))
        read = extract(note.text, nlp=nlp, mode="note")
        if read.cases:
            case = with_row_evidence(read.cases[0], row, original, index, note)
            cases.append(case.model_copy(update={"provenance": provenance}))
    return document_with_rows(document, cases, len(rows), MAX_ROWS) if cases else document


#: One pipeline run at a time in a process. spaCy's memory zones and shared vocabulary are not
#: thread-safe: a zone that ends frees the strings of a document another thread is still reading
#: (a Dask worker with two threads crashed with spaCy's E018). A CPU-bound pipeline gains nothing
#: from threads under the GIL; processes (workers) are how it runs in parallel.
_ONE_AT_A_TIME = threading.RLock()


#: Per pipeline, the recurring words kept in its vocabulary across memory zones.
_RECURRING: weakref.WeakKeyDictionary[Language, RecurringWords] = weakref.WeakKeyDictionary()


def _recurring(nlp: Language) -> RecurringWords:
    found = _RECURRING.get(nlp)
    if found is None:
        found = _RECURRING[nlp] = RecurringWords(nlp)
    return found


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise InputError(f"extract() takes a str, not {type(text).__name__}; read files with calcidx.service")
    if not text.strip():
        raise InputError("the text is empty: give a case report, case series or clinical note")
    if len(text) > MAX_CHARACTERS:
        raise InputError(
            f"the text has {len(text):,} characters; the limit is {MAX_CHARACTERS:,} "
            "(split it into one document per report)"
        )


def document_from_doc(
    doc: spacy.tokens.Doc,
    vocabulary: Vocabulary,
    *,
    textmap: TextMap | None = None,
    source: str | None = None,
    format: str | None = None,
    title: str | None = None,
) -> Document:
    """Build the ``Document`` from a Doc the pipeline has processed (its patients included)."""
    rules = load_rules()
    text = comp.doc_text(doc)
    layout: Layout = doc.user_data[comp.LAYOUT]
    records = DocRecords(
        text=text,
        mentions=doc.user_data[comp.MENTIONS],
        triggers=doc.user_data[comp.TRIGGERS],
        cues=doc.user_data[comp.CUES],
        states=doc.user_data[comp.STATES],
        textmap=textmap,
    )
    found: Patients = doc.user_data[comp.PATIENTS]
    patients = found.patients
    warnings = list(found.warnings)
    foreign = language_warning(text, rules.english_words, rules.other_language_words)
    if foreign:
        warnings.append(foreign)
    elif found.reason and not patients:
        warnings.append(f"no case: {found.reason}")
    folded = fold(text)
    doi = search(_DOI, text, folded)
    pmid = search(_PMID, text, folded)
    doi_value = doi.group(1).rstrip(".,;)") if doi else None
    provenance = Provenance(
        source=source,
        title=title,
        doi=doi_value,
        pmid=pmid.group(1) if pmid else None,
        extractor=EXTRACTOR,
    )
    abbrs = abbreviation_map(doc.user_data[comp.ABBREVIATIONS])
    abstract = [
        s for s in layout.sentences if not s.header and s.category == "abstract" and not _MANY_PATIENTS.search(s.text)
    ]
    # a banner header above the title ("CASE REPORT") stays in the front matter: the title follows it
    first_section = next((s.start for s in layout.sentences if s.header and s.category != "front"), len(text))
    # a patient read from a title line alone (``title_only``) does not end the title: it is the title
    first_patient = min(
        (p.sentences[0].start for p in patients if p.sentences and not found.title_only), default=len(text)
    )
    title_end = min(first_section, first_patient, 3000)
    zone_rules = load_zone_rules()
    # a caption about someone else ("... from another series") states nothing of this report's patients,
    # nor does a front line that cites another report ("We read with interest the report by Smith et al.
    # describing calciphylaxis in a 60-year-old woman on dialysis")
    titles = [
        s
        for s in layout.sentences
        if (
            s.category == "front"
            and s.end <= title_end
            and len(s.text.split()) <= 25
            and search(zone_rules["front_cites_another_report"], s.text, s.folded) is None
        )
        or (s.caption and search(zone_rules["caption_elsewhere"], s.text, s.folded) is None)
    ]
    if found.title_only:
        titles.extend(s for p in patients for s in p.sentences if s not in titles)
    doc_diagnoses = [
        *find_diagnoses(abstract, records.mentions, abbrs=abbrs),
        *title_diagnoses(
            titles,
            records.mentions,
            abbrs,
            _lone_lines(layout.sentences, titles),
            capitals_mark_titles=not one_case(text),
        ),
        *header_diagnoses(layout.sentences, records.mentions, abbrs),
        *self_statements(layout.sentences, records.mentions, abbrs),
    ]
    builder = CaseBuilder(rules, vocabulary, records, abbrs, _case_patterns(doc))
    builder.patients_in_document = len(patients)
    builder.patient_titles = [s for s in titles if not s.caption and zone_rules["title_patient"].search(s.text)]
    builder.group_titles = _group_titles(titles, zone_rules["title_group"], len(patients))
    builder.headings = {
        after.start: before.text
        for before, after in zip(layout.sentences, layout.sentences[1:], strict=False)
        if before.header and not after.header
    }
    cases = [builder.build(patient, doc_diagnoses, provenance) for patient in patients]
    info = DocumentInfo(
        kind=document_kind(
            layout,
            len(cases),
            cohort=bool(found.reason and found.reason.startswith("the text reads as a review")),
            series=bool(found.reason and found.reason.startswith("the text summarises a series")),
        ),
        title=title,
        source=source,
        doi=doi_value,
        pmid=pmid.group(1) if pmid else None,
        characters=len(textmap.original) if textmap else len(text),
        format=format,
    )
    warnings.extend(_empty_case_warning(case) for case in cases if _read_nothing(case))
    kb = load_bundle().info
    stamp = KnowledgeVersion(bundle=kb.name, bundle_version=kb.version, hpo_release=kb.hpo_release)
    return Document(document=info, cases=cases, knowledge=stamp, warnings=warnings)


def _read_nothing(case: Case) -> bool:
    """No fact of the patient was read: no age, sex, lesion, finding, exposure, result or study."""
    patient = case.patient
    return (
        patient.age_years is None
        and patient.age_range is None
        and patient.sex is None
        and not (case.lesions or case.findings or case.exposures or case.labs or case.imaging or case.histology)
    )


def _empty_case_warning(case: Case) -> str:
    return (
        f"patient {case.patient_index}: nothing about this patient was read (no age, sex, lesion, finding or "
        "result): check the text (patients given in a table are read as running text, not row by row)"
    )


def _group_titles(titles: list[Sentence], rule: re.Pattern[str], patients: int) -> list[Sentence]:
    """Title lines that describe exactly the document's patients as one group with what they share
    ("... in two brothers with Werner syndrome" over two patients; "... in siblings with X" over any
    number of them)."""
    return [s for s in titles if not s.caption and names_the_group(s.text, rule, patients)]


def _lone_lines(sentences: list[Sentence], candidates: list[Sentence]) -> frozenset[int]:
    """The starts of the ``candidates`` that are the only sentence of their line (paragraph), and of
    the text's first sentence: a title run into the text ("Non-uremic calciphylaxis with primary
    hyperparathyroidism. A 64-year-old woman ...", or any text with its line breaks lost) still opens
    it (``title_diagnoses`` keeps it only when it has no verb and does not speak in general)."""
    wanted = {s.paragraph for s in candidates}
    counts: dict[int, int] = {}
    for sentence in sentences:
        if sentence.paragraph in wanted:
            counts[sentence.paragraph] = counts.get(sentence.paragraph, 0) + 1
    first = sentences[0] if sentences and _VERB_WITH_OBJECT.search(sentences[0].text) is None else None
    return frozenset(s.start for s in candidates if counts.get(s.paragraph) == 1 or s is first)


#: a past tense with its object ("predated the infusion"): a sentence, never a title run into the text
_VERB_WITH_OBJECT = re.compile(r"\b[a-z]{3,}ed\s+(?:the|a|an|his|her|their|its|our)\b")


def _case_patterns(doc: spacy.tokens.Doc) -> CasePatterns | None:
    """The field-reader patterns the patients component of ``doc``'s pipeline compiled."""
    found = doc.user_data.get(comp.CASE_PATTERNS)
    return found if isinstance(found, CasePatterns) else None
