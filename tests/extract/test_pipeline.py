from __future__ import annotations

from pathlib import Path

import pytest

from calcidx.case.model import Case, Document
from calcidx.errors import InputError
from calcidx.extract.pipeline import build_pipeline, extract
from calcidx.extract.vocabulary import Vocabulary


def _run(text: str, vocab: Vocabulary) -> Document:
    return extract(text, vocabulary=vocab)


def _finding(case: Case, concept: str) -> list[str]:
    return [f.assertion for f in [*case.findings, *case.exposures] if f.concept == concept]


def _evidence_is_exact(document: Document, text: str) -> None:
    for case in document.cases:
        for item in [*case.findings, *case.exposures, *case.labs, *case.lesions, *case.imaging, *case.histology]:
            for ev in item.evidence:
                assert text[ev.start : ev.end] == ev.text


def test_pipeline_has_calcidx_components(vocab: Vocabulary) -> None:
    nlp = build_pipeline(vocab)
    assert nlp.pipe_names == [
        "calcidx_layout",
        "calcidx_demographics",
        "calcidx_concepts",
        "calcidx_context",
        "calcidx_lab_cues",
        "calcidx_patients",
    ]
    # every component's requirements are met by the components before it
    problems = nlp.analyze_pipes()["problems"]
    assert all(not missing for missing in problems.values()), problems


def test_the_doc_carries_sections_concepts_and_zones_as_spans(vocab: Vocabulary) -> None:
    from calcidx.extract.pipeline import run_pipeline

    nlp = build_pipeline(vocab)
    text = (
        "Nodules in scleroderma\nIntroduction\nCalcinosis is common in scleroderma [1].\n"
        "Case presentation\nA 50-year-old woman with systemic sclerosis had no fever. "
        "Calcinosis is a rare disorder [2].\nDiscussion\nOthers have seen this."
    )
    doc = run_pipeline(nlp, text)
    assert {span.label_ for span in doc.spans["sections"]} >= {"case", "discussion"}
    concepts = {span.text: span for span in doc.spans["concepts"]}
    assert concepts["systemic sclerosis"]._.calcidx_assertion == "present"
    assert concepts["fever"]._.calcidx_assertion == "absent"
    assert concepts["fever"]._.calcidx_trigger == "no"
    zones = {span.text: span for span in doc.spans["patient_zones"]}
    assert zones["A 50-year-old woman with systemic sclerosis had no fever."]._.calcidx_patient == 1
    assert zones["Others have seen this."]._.calcidx_patient is None
    assert zones["Others have seen this."]._.calcidx_zone.startswith("dropped")
    assert any(s.text.startswith("A 50-year-old woman") for s in doc.sents)


def test_single_case_report(fixtures: Path, vocab: Vocabulary) -> None:
    text = (fixtures / "single_dystrophic.txt").read_text()
    document = _run(text, vocab)
    assert document.document.kind == "case_report"
    assert document.document.doi == "10.9999/jid.2031.0042"
    assert len(document.cases) == 1
    case = document.cases[0]
    assert case.patient.age_years == 62
    assert case.patient.sex == "male"
    assert _finding(case, "systemic_sclerosis") == ["present"]
    assert _finding(case, "local_trauma") == ["absent"]
    assert "absent" in _finding(case, "fever")
    assert _finding(case, "renal_disease") == ["absent"]
    # "was negative for X": X is absent, the patient is not
    assert _finding(case, "hyperparathyroidism") == ["absent"]
    # Introduction, Discussion, captions and references must not leak into the patient
    assert _finding(case, "dermatomyositis") == []
    assert _finding(case, "sle") == []
    assert _finding(case, "dialysis") == []
    assert case.stated_subtype == "dystrophic"
    assert case.diagnosis_as_written is not None and "dystrophic calcinosis cutis" in case.diagnosis_as_written
    labs = {(lab.analyte, lab.value): lab for lab in case.labs}
    calcium = labs[("calcium", 9.1)]
    assert calcium.unit == "mg/dL"
    assert (calcium.reference_low, calcium.reference_high) == (8.5, 10.5)
    assert labs[("pth", 92.0)].interpretation == "high"
    assert labs[("alkaline_phosphatase", None)].interpretation == "normal"
    assert labs[("phosphate", None)].interpretation == "normal"
    sites = {lesion.site: lesion.laterality for lesion in case.lesions}
    assert sites.get("both forearms") == "bilateral"
    assert sites.get("left index finger") == "left"
    assert any("von_kossa_positive" in obs.concepts for obs in case.histology)
    assert any(obs.modality == "radiograph" for obs in case.imaging)
    assert [t.concept for t in case.treatments] == ["diltiazem"]
    _evidence_is_exact(document, text)


def test_triggers_are_kept(fixtures: Path, vocab: Vocabulary) -> None:
    case = _run((fixtures / "single_dystrophic.txt").read_text(), vocab).cases[0]
    trauma = next(f for f in case.exposures if f.concept == "local_trauma")
    assert trauma.trigger == "denied"


def test_two_patients_with_their_own_facts(fixtures: Path, vocab: Vocabulary) -> None:
    text = (fixtures / "two_infants.txt").read_text()
    document = _run(text, vocab)
    assert document.document.kind == "case_report"
    assert [c.patient_index for c in document.cases] == [1, 2]
    first, second = document.cases
    assert first.patient.age_years == pytest.approx(21 / 365.25, abs=1e-3)
    assert first.patient.sex == "male"
    assert second.patient.age_years == pytest.approx(2 / 12, abs=1e-3)
    assert second.patient.sex == "female"
    assert [lesion.laterality for lesion in first.lesions] == ["right"]
    assert {lesion.laterality for lesion in second.lesions} == {"left"}
    assert _finding(first, "fever") == ["absent"]
    assert _finding(second, "fever") == []
    assert [lab.interpretation for lab in second.labs if lab.analyte == "calcium"] == ["low"]
    assert not [lab for lab in first.labs if lab.analyte == "calcium"]
    assert _finding(first, "iv_calcium") == ["present"] and _finding(second, "iv_calcium") == ["present"]
    _evidence_is_exact(document, text)


def test_disease_summary_has_no_patient(fixtures: Path, vocab: Vocabulary) -> None:
    document = _run((fixtures / "summary_page.txt").read_text(), vocab)
    assert document.cases == []
    assert document.document.kind == "other"


def test_review_without_patient(vocab: Vocabulary) -> None:
    text = "Calcinosis cutis in childhood: a systematic review\n\nWe searched three databases for reports [1]."
    assert _run(text, vocab).document.kind == "review"


def test_five_patients_make_a_series(vocab: Vocabulary) -> None:
    parts = [f"Case {i}. The patient was a {20 + i}-year-old woman with painful nodules." for i in range(1, 6)]
    text = "Case series\n\nCase presentations\n" + "\n".join(parts)
    document = _run(text, vocab)
    assert document.document.kind == "case_series"
    assert [c.patient.age_years for c in document.cases] == [21, 22, 23, 24, 25]


def test_line_broken_sentences_and_offsets(vocab: Vocabulary) -> None:
    text = (
        "Case report\n\nA 45-year-old woman with systemic \n\nsclerosis had hard nodules on the left\n\n"
        "thumb. The levels of parathyroid \n\nhormone and serum calcium were all within the normal range.\n"
    )
    document = _run(text, vocab)
    case = document.cases[0]
    assert _finding(case, "systemic_sclerosis") == ["present"]
    assert {lab.analyte: lab.interpretation for lab in case.labs} == {"pth": "normal", "calcium": "normal"}
    _evidence_is_exact(document, text)
    ss = next(f for f in case.findings if f.concept == "systemic_sclerosis")
    assert ss.evidence[0].text == "systemic \n\nsclerosis"


def test_age_text_without_number(vocab: Vocabulary) -> None:
    document = _run("Case report\n\nA woman in her forties presented with painful nodules on the chin.", vocab)
    patient = document.cases[0].patient
    assert patient.age_years is None
    assert patient.age_text == "in her forties"
    assert patient.sex == "female"


def test_ocr_noise_and_banner_do_not_break_extraction(vocab: Vocabulary) -> None:
    text = (
        "Downloaded from www.example-journal.org on 12 May 2030\n"
        "CASE REPORT\n"
        "Calcinosis cutis at an unusual site\n"
        "Abstract\n"
        "We report a 33-year-old man with hard nodu1es on the scrotum. He had no history of trauma.\n"
        "Keywords: calcinosis; scrotum\n"
    )
    case = _run(text, vocab).cases[0]
    assert case.patient.age_years == 33
    assert _finding(case, "local_trauma") == ["absent"]
    assert any(lesion.site == "scrotum" for lesion in case.lesions)


def test_empty_and_huge_text_are_refused(vocab: Vocabulary) -> None:
    with pytest.raises(InputError, match="empty"):
        extract("   \n ", vocabulary=vocab)
    with pytest.raises(InputError, match="limit"):
        extract("a" * 5_000_001, vocabulary=vocab)
