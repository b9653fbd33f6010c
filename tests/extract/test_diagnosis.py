"""The authors' stated diagnosis: statements, where they stand, and what they name."""

from __future__ import annotations

import pytest

from calcidx.case.model import Case
from calcidx.extract.diagnosis import is_generic, load_diagnosis_rules, named_subtype
from calcidx.extract.pipeline import extract


def _case(text: str) -> Case:
    document = extract(text)
    assert document.cases, text
    return document.cases[0]


def test_every_statement_rule_matches_its_examples() -> None:
    rules = load_diagnosis_rules()
    assert len({s.id for s in rules.statements}) == len(rules.statements)
    for statement in rules.statements:
        assert statement.examples, statement.id
        for example in statement.examples:
            match = statement.pattern.search(example)
            assert match is not None and match.group("dx"), (statement.id, example)


def _raw_rules() -> dict[str, list[str]]:
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("calcidx.extract").joinpath("data/diagnosis.yaml").read_text("utf-8"))
    return {
        "examples": list(raw["dropped_after_examples"]),
        "not": list(raw["dropped_after_not"]),
        "denied": list(raw["denied_statement_examples"]),
        "not_denied": list(raw["denied_statement_not"]),
    }


@pytest.mark.parametrize("sentence", _raw_rules()["examples"])
def test_a_diagnosis_considered_and_dropped_is_no_statement(sentence: str) -> None:
    case = _case(f"A 50-year-old woman had hard nodules on the thighs. {sentence}")
    assert case.stated is None or case.stated.subtype is None, case.stated


@pytest.mark.parametrize("line", _raw_rules()["denied"])
def test_an_impression_whose_words_deny_it_states_nothing(line: str) -> None:
    case = _case(f"55F with a painful leg ulcer.\nImpression: {line}")
    assert case.stated is None or case.stated.subtype is None, case.stated


@pytest.mark.parametrize("line", _raw_rules()["not_denied"])
def test_an_impression_with_a_hedge_still_states_it(line: str) -> None:
    case = _case(f"55F with a painful leg ulcer.\nImpression: {line}")
    assert case.stated is not None and case.stated.subtype is not None, line


@pytest.mark.parametrize("sentence", _raw_rules()["not"])
def test_a_diagnosis_made_or_confirmed_is_a_statement(sentence: str) -> None:
    case = _case(f"A 50-year-old woman had hard nodules on the thighs. {sentence}")
    assert case.stated is not None and case.stated.subtype is not None, sentence


@pytest.mark.parametrize(
    ("phrase", "subtype"),
    [
        ("dystrophic calcinosis cutis", "dystrophic"),
        ("idiopathic scrotal calcinosis", "idiopathic"),
        ("iatrogenic neonatal calcinosis cutis", "iatrogenic"),
        ("calcinosis cutis of the dystrophic type", "dystrophic"),
        ("calcinosis cutis (idiopathic)", "idiopathic"),
        ("calcific uraemic arteriolopathy", "calciphylaxis"),
        ("non-uremic calciphylaxis", "calciphylaxis"),
        ("metastatic calcification (calciphylaxis)", "calciphylaxis"),
        ("post-traumatic calcinosis cutis", "dystrophic"),
        ("metastatic breast carcinoma", None),
        ("calcinosis cutis in a woman with metastatic breast carcinoma", None),
        ("idiopathic hypercalcaemia with calcinosis", None),
        ("idiopathic thrombocytopenic purpura", None),
    ],
)
def test_a_subtype_word_counts_only_on_a_calcification_head(phrase: str, subtype: str | None) -> None:
    assert named_subtype(phrase) == subtype


@pytest.mark.parametrize(
    "sentence",
    [
        "Metastatic calcification has been reported in many patients with renal failure.",
        "Idiopathic calcinosis cutis is a rare entity in children [4].",
        "Most cases of iatrogenic calcinosis follow calcium gluconate infusion.",
        "Smith et al described dystrophic calcinosis in two sisters.",
    ],
)
def test_sentences_about_the_literature_are_generic(sentence: str) -> None:
    assert is_generic(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We report a rare case of idiopathic calcinosis cutis.",
        "Our patient had calcinosis cutis, which has been reported in dermatomyositis.",
    ],
)
def test_sentences_about_this_case_are_not_generic(sentence: str) -> None:
    assert not is_generic(sentence)


def test_stated_diagnosis_with_sentence_place_and_span() -> None:
    text = (
        "A nodule of the elbow\n\nIntroduction\n\nNodules of the elbow have many causes.\n\n"
        "Case report\n\nA 34-year-old woman had a firm nodule on the left elbow for two years. "
        "Serum calcium and phosphate were normal. Excision was performed, and a diagnosis of "
        "idiopathic calcinosis cutis was made.\n"
    )
    case = _case(text)
    stated = case.stated
    assert stated is not None
    assert stated.subtype == "idiopathic" and stated.basis == "named"
    assert stated.cue == "dx.diagnosis_of_was_made"
    assert stated.where == "case"
    assert stated.sentence is not None and stated.sentence.startswith("Excision was performed")
    span = stated.evidence[0]
    assert text[span.start : span.end] == span.text == "idiopathic calcinosis cutis"
    # the legacy fields stay filled for older readers
    assert case.stated_subtype == "idiopathic" and case.diagnosis_as_written == "idiopathic calcinosis cutis"


def test_a_review_sentence_about_other_patients_is_not_the_stated_diagnosis() -> None:
    text = (
        "Case report\n\nA 70-year-old woman on haemodialysis had painful violaceous plaques on the thighs. "
        "Biopsy findings were consistent with calciphylaxis.\n\n"
        "Discussion\n\nMetastatic calcinosis cutis has been reported in several patients with breast "
        "carcinoma [7]. Metastatic breast carcinoma is a known cause of hypercalcaemia.\n"
    )
    stated = _case(text).stated
    assert stated is not None and stated.subtype == "calciphylaxis"


def test_title_names_the_diagnosis() -> None:
    text = (
        "Iatrogenic calcinosis cutis in a preterm neonate: a case report\n\n"
        "Case report\n\nA 12-day-old girl developed a hard white plaque on the dorsum of the right hand.\n"
    )
    stated = _case(text).stated
    assert stated is not None
    assert (stated.subtype, stated.where, stated.cue) == ("iatrogenic", "title", "dx.title")


def test_quiz_answer_after_a_diagnosis_header() -> None:
    text = (
        "What is this nodule?\n\nA 52-year-old man had a yellow nodule over the left elbow that discharged "
        "chalky material.\n\nDiagnosis:\n\nTophaceous gout\n\nGout follows long-standing hyperuricaemia.\n"
    )
    stated = _case(text).stated
    assert stated is not None
    assert stated.subtype == "not_calcinosis" and stated.cue == "dx.header"


@pytest.mark.parametrize(
    ("statement", "subtype", "basis"),
    [
        ("We report a case of calcinosis cutis in dermatomyositis.", "dystrophic", "condition"),
        ("We report a case of calcinosis cutis after calcium gluconate extravasation.", "iatrogenic", "exposure"),
        ("We report a case of calcinosis cutis at sites of nadroparin calcium injection.", "iatrogenic", "exposure"),
        ("We describe a case of milia-like calcinosis cutis.", "idiopathic", "subform"),
        ("We report a case of calcinosis cutis.", None, None),
    ],
)
def test_subtype_implied_by_what_the_statement_names(statement: str, subtype: str | None, basis: str | None) -> None:
    text = f"Abstract\n\n{statement}\n\nCase report\n\nA 40-year-old woman had hard nodules on both knees.\n"
    stated = _case(text).stated
    assert stated is not None
    assert (stated.subtype, stated.basis) == (subtype, basis)


def test_excluded_statements() -> None:
    text = (
        "Case report\n\nA 61-year-old man had an ulcerated nodule on the right thumb. The differential "
        "diagnosis of calciphylaxis was considered. Histology was consistent with dystrophic calcinosis cutis.\n"
    )
    stated = _case(text).stated
    assert stated is not None and stated.subtype == "dystrophic"


@pytest.mark.parametrize(
    ("phrase", "subtype"),
    [
        ("the calcification was felt to be dystrophic", "dystrophic"),
        ("calcinosis cutis was therefore considered idiopathic", "idiopathic"),
        ("the calcified deposits were of the iatrogenic type", "iatrogenic"),
        ("the tumour was metastatic", None),
        ("the patient was idiopathic in her complaints about calcification", None),
    ],
)
def test_a_subtype_word_as_the_predicate_of_a_calcification_head(phrase: str, subtype: str | None) -> None:
    assert named_subtype(phrase) == subtype


@pytest.mark.parametrize(
    ("framing", "subtype"),
    [
        ("This report describes a case study of iatrogenic calcinosis cutis in a preterm boy.", "iatrogenic"),
        ("We present a 47-year-old Korean woman diagnosed with dystrophic calcinosis cutis of the shin.", "dystrophic"),
        ("The aetiology of the calcification was judged to be dystrophic.", "dystrophic"),
        ("The dermatopathologist interpreted the nodule as idiopathic calcinosis cutis.", "idiopathic"),
    ],
)
def test_framing_sentences_of_the_authors_give_the_stated_subtype(framing: str, subtype: str) -> None:
    text = (
        f"Abstract\n\nCalcinosis cutis has several causes. {framing}\n\n"
        "Case report\n\nA 47-year-old woman had hard painless nodules on the right shin for two years.\n"
    )
    stated = _case(text).stated
    assert stated is not None and stated.subtype == subtype, stated


@pytest.mark.parametrize(
    "sentence",
    [
        "Patients diagnosed with dystrophic calcinosis cutis often have a connective tissue disease [2].",
        "Dystrophic calcification is thought to follow tissue damage.",
    ],
)
def test_framing_rules_do_not_read_the_literature(sentence: str) -> None:
    text = (
        f"Introduction\n\n{sentence}\n\n"
        "Case report\n\nA 39-year-old man had a firm nodule on the left forearm for a year.\n"
    )
    stated = _case(text).stated
    assert stated is None or stated.subtype is None, stated


def test_the_authors_framing_in_the_introduction_is_read() -> None:
    text = (
        "Introduction\n\nCalcinosis cutis has several causes [1]. This paper presents a case report of "
        "dystrophic calcinosis cutis in a teenager, resulting from severe acne.\n\n"
        "Case report\n\nA 15-year-old boy had a firm painless nodule on the chin.\n"
    )
    case = _case(text)
    assert case.stated is not None and case.stated.subtype == "dystrophic"
    assert "acne" in {f.concept for f in case.findings if f.assertion == "present"}


def test_quiz_answer_on_the_header_line() -> None:
    text = (
        "Firm plaques on the calves\n\nA 71-year-old woman on warfarin had painful purple plaques on both calves.\n\n"
        "The Diagnosis: Nonuraemic Calciphylaxis\n\nBiopsy showed calcified arterioles in the subcutis.\n"
    )
    stated = _case(text).stated
    assert stated is not None
    # read as a header, or (an answer line after the case is the patient's: zones.yaml answer_line) as
    # the patient's own "Diagnosis: ..." label
    assert stated.subtype == "calciphylaxis"
    assert stated.cue in ("dx.header", "dx.final_diagnosis_label")


def test_a_long_line_starting_with_diagnosis_is_not_a_quiz_answer() -> None:
    text = (
        "Case report\n\nA 30-year-old man had nodules on the elbows.\n\n"
        "Diagnosis: it took several visits, two biopsies and a long search through old files before anyone "
        "suspected that the nodules might be metastatic calcinosis after all.\n"
    )
    stated = _case(text).stated
    assert stated is None or stated.cue != "dx.header"


def test_a_title_in_capitals_may_end_with_a_full_stop() -> None:
    text = (
        "IDIOPATHIC CALCINOSIS CUTIS OF THE EYELID.\n\n"
        "Case report\n\nA 42-year-old woman had a hard white papule on the upper eyelid.\n"
    )
    stated = _case(text).stated
    assert stated is not None and (stated.subtype, stated.where) == ("idiopathic", "title")


def test_a_sentence_in_the_front_matter_is_not_a_title() -> None:
    text = (
        "Dystrophic calcinosis is common in scleroderma.\n\n"
        "Case report\n\nA 42-year-old woman had a hard white papule on the upper eyelid.\n"
    )
    stated = _case(text).stated
    assert stated is None or stated.where != "title"


def test_the_authors_purpose_statement_names_the_diagnosis() -> None:
    text = (
        "Abstract\n\nObjective: to present a case of systemic lupus erythematosus with calcinosis cutis in a "
        "young woman.\n\nCase report\n\nA 24-year-old woman had hard nodules on the buttocks.\n"
    )
    case = _case(text)
    assert case.stated is not None and case.stated.subtype == "dystrophic"
    assert "systemic_lupus_erythematosus" in {f.concept for f in case.findings if f.assertion == "present"}


@pytest.mark.parametrize(
    "statement",
    [
        "We report a case of tumoral pseudogout over the wrist.",
        "Histology was consistent with calcium pyrophosphate dihydrate deposition disease.",
    ],
)
def test_pseudogout_is_a_look_alike(statement: str) -> None:
    text = f"Case report\n\nA 70-year-old man had a hard swelling beside the wrist joint. {statement}\n"
    stated = _case(text).stated
    assert stated is not None and stated.subtype == "not_calcinosis"


def test_calcinosis_in_a_patient_with_pseudogout_elsewhere_stays_calcinosis() -> None:
    text = (
        "Case report\n\nA 70-year-old woman with long-standing pseudogout of the knees had hard scrotal-like "
        "nodules on the vulva. Histology was consistent with idiopathic calcinosis cutis.\n"
    )
    stated = _case(text).stated
    assert stated is not None and stated.subtype == "idiopathic"
