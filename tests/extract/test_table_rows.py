"""Patients told only as the rows of a table are read, one case per row, with the row as evidence.

Tables written for this project: a series with no running text about its patients gave no case (only a
warning); each row now gives one. A document whose text describes its patients is read as before.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calcidx.extract.pipeline import _default_pipeline, extract_batch
from calcidx.extract.readers import read_bytes
from calcidx.extract.table_rows import TableRow, describe, patient_table_rows
from calcidx.public import assess, extract

PIPES = (
    "Table 1. Patients with calcinosis cutis seen in our clinic\n"
    "Patient | Age/Sex | Underlying disease | Site | Calcium (mg/dL) | Phosphate (mg/dL) | Diagnosis\n"
    "|---|---|---|---|---|---|---|\n"
    "1 | 54/F | Systemic sclerosis | Fingers | 9.2 | 3.9 | Dystrophic\n"
    "2 | 61/M | ESRD on hemodialysis | Thighs | 10.1 | 7.8 | Calciphylaxis\n"
    "3 | 38/F | Dermatomyositis | Elbows | - | - | Dystrophic\n"
)

TABS = (
    "Table 2. Our patients\n"
    "Case\tAge\tSex\tSite\tUnderlying condition\n"
    "1\t9\tF\tElbows, knees\tJuvenile dermatomyositis\n"
    "2\t45\tM\tThighs\tHemodialysis\n"
)


def test_each_row_of_a_patient_table_is_a_case() -> None:
    document = extract(PIPES)
    assert document.document.kind == "case_series"
    assert [(c.patient_index, c.patient.age_years, c.patient.sex) for c in document.cases] == [
        (1, 54.0, "female"),
        (2, 61.0, "male"),
        (3, 38.0, "female"),
    ]
    first = document.cases[0]
    assert "systemic_sclerosis" in {f.concept for f in first.findings}
    assert {lab.analyte: lab.value for lab in first.labs} == {"calcium": 9.2, "phosphate": 3.9}
    assert [lesion.site for lesion in first.lesions] == ["Fingers"]
    assert any("rows of a table" in w for w in document.warnings)
    assert not any(w.startswith("no case") for w in document.warnings)


def test_a_rows_facts_have_the_row_as_evidence() -> None:
    document = extract(PIPES)
    row = "2 | 61/M | ESRD on hemodialysis | Thighs | 10.1 | 7.8 | Calciphylaxis"
    start = PIPES.index(row)
    case = document.cases[1]
    spans = [e for lab in case.labs for e in lab.evidence] + [e for f in case.findings for e in f.evidence]
    assert spans
    assert all((e.start, e.end, e.text) == (start, start + len(row), row) for e in spans)
    assert PIPES[spans[0].start : spans[0].end] == row


def test_the_rows_are_assessed_as_the_table_says() -> None:
    cases = assess(PIPES).cases
    assert [c.assessment.subtype.code for c in cases] == ["dystrophic", "calciphylaxis", "dystrophic"]
    assert [c.assessment.stated.subtype if c.assessment.stated else None for c in cases] == [
        "dystrophic",
        "calciphylaxis",
        "dystrophic",
    ]


def test_a_table_with_tabs_and_separate_age_and_sex_columns() -> None:
    document = extract(TABS)
    assert [(c.patient.age_years, c.patient.sex) for c in document.cases] == [(9.0, "female"), (45.0, "male")]
    assert "juvenile_dermatomyositis" in {f.concept for f in document.cases[0].findings}


def test_running_text_about_the_patients_is_read_instead() -> None:
    text = (
        "We describe two patients. Patient 1 was a 54-year-old woman with systemic sclerosis and calcinosis of "
        "the fingers. Patient 2, a 61-year-old man on hemodialysis, had painful necrotic plaques on the thighs.\n"
        + PIPES
    )
    document = extract(text)
    assert len(document.cases) == 2
    assert not any("rows of a table" in w for w in document.warnings)


def test_a_table_of_results_is_no_table_of_patients() -> None:
    text = "Test | Result | Reference range\nCalcium | 12.1 mg/dL | 8.6-10.2\nPhosphate | 2.1 mg/dL | 2.5-4.5\n"
    assert patient_table_rows(text, lambda header: "age" in header.lower()) == []


def test_the_batch_reader_reads_the_rows_too() -> None:
    (document,) = list(extract_batch([PIPES], nlp=_default_pipeline()))
    assert [c.patient.age_years for c in document.cases] == [54.0, 61.0, 38.0]


@pytest.mark.parametrize(
    ("cell", "opening"),
    [
        ("54/F", "Patient 1: a 54-year-old female."),
        ("3 mo/M", "Patient 1: a 3-month-old male."),
        ("F/70", "Patient 1: a 70-year-old female."),
        ("70, female", "Patient 1: a 70-year-old female."),
    ],
)
def test_an_age_and_sex_cell_is_read(cell: str, opening: str) -> None:
    row = TableRow(0, 10, (("Age/Sex", cell), ("Site", "Thighs")))
    assert describe(row, 1).startswith(opening)


def test_a_row_of_another_width_is_skipped() -> None:
    text = "Patient | Age | Sex | Site\n1 | 50 | F | Hands\n2 | 60 | M\n"
    rows = patient_table_rows(text, lambda header: True)
    assert [dict(r.cells)["Age"] for r in rows] == ["50"]


def test_a_yes_or_no_cell_answers_its_header() -> None:
    text = (
        "Patient | Age/Sex | Dialysis | Warfarin | Site\n1 | 62/F | Yes | No | Thighs\n2 | 55/M | Yes | Yes | Abdomen\n"
    )
    document = extract(text)
    assert [{e.concept: e.assertion for e in c.exposures}.get("warfarin") for c in document.cases] == [
        "absent",
        "present",
    ]


HTML_SERIES = b"""<html><body><h1>Calciphylaxis in peritoneal dialysis: a case series</h1>
<p>Table 1. Patient characteristics</p>
<table>
<tr><th>Patient</th><th>Age/Sex</th><th>Dialysis</th><th>Warfarin</th><th>Site</th><th>Outcome</th></tr>
<tr><td>1</td><td>62/F</td><td>PD 4 y</td><td>Yes</td><td>Thighs</td><td>Died</td></tr>
<tr><td>2</td><td>55/M</td><td>PD 2 y</td><td>No</td><td>Abdomen</td><td>Healed</td></tr>
</table>
<p>All were treated with intravenous sodium thiosulfate.</p></body></html>"""


def test_a_web_pages_table_of_patients_is_read_row_by_row() -> None:
    read = read_bytes(HTML_SERIES, name="series.html")
    assert "1 | 62/F | PD 4 y | Yes | Thighs | Died |" in read.text
    document = extract(read.text)
    assert [
        (c.patient.age_years, {e.concept: e.assertion for e in c.exposures}.get("warfarin")) for c in document.cases
    ] == [
        (62.0, "present"),
        (55.0, "absent"),
    ]


JATS_SERIES = b"""<?xml version="1.0"?>
<article><front><article-meta><article-title>Calciphylaxis in peritoneal dialysis</article-title></article-meta></front>
<body><sec><title>Results</title><p>The patients are listed in Table 1.</p>
<table-wrap id="t1"><label>Table 1</label><caption><p>Patient characteristics</p></caption>
<table><thead><tr><th>Patient</th><th>Age/Sex</th><th>Dialysis</th><th>Warfarin</th><th>Site</th></tr></thead>
<tbody><tr><td>1</td><td>62/F</td><td>PD 4 y</td><td>Yes</td><td>Thighs</td></tr>
<tr><td>2</td><td>55/M</td><td>PD 2 y</td><td>No</td><td>Abdomen</td></tr></tbody></table></table-wrap>
<table-wrap id="t2"><caption><p>Laboratory results</p></caption><table><tr><th>Test</th><th>Value</th></tr>
<tr><td>Calcium</td><td>9.1</td></tr></table></table-wrap>
</sec></body></article>"""


def test_a_jats_table_of_patients_is_read_row_by_row_and_other_tables_left_out() -> None:
    read = read_bytes(JATS_SERIES, name="series.xml")
    assert "1 | 62/F | PD 4 y | Yes | Thighs |" in read.text
    assert "Laboratory results" not in read.text
    assert [c.patient.sex for c in extract(read.text).cases] == ["female", "male"]


SERIES_WITH_NOTES = (
    "Table 1. Clinical features of the three patients\n\n"
    "Patient | Age/Sex | Underlying disease | Site | Treatment\n"
    "1 | 62/F | Limited cutaneous SSc | Fingertips | Diltiazem\n"
    "2 | 45/M | ESRD on haemodialysis | Thighs, abdomen | Sodium thiosulfate\n"
    "3 | 8/F | Juvenile dermatomyositis | Elbows, knees | Bisphosphonate\n\n"
    "Patient 2 had biopsy-proven calciphylaxis; patients 1 and 3 had dystrophic calcinosis cutis confirmed "
    "radiologically. Patient 1 improved but patient 2 died.\n"
)


def test_a_clause_naming_a_rows_patient_is_read_with_that_row() -> None:
    cases = extract(SERIES_WITH_NOTES).cases
    histology = [{c for h in case.histology for c in h.concepts} for case in cases]
    assert "calciphylaxis_histology_reported" in histology[1]
    assert "calciphylaxis_histology_reported" not in histology[0] | histology[2]
    stated = [case.stated.subtype if case.stated else None for case in cases]
    assert stated == ["dystrophic", "calciphylaxis", "dystrophic"]
    # the clause's facts cite its own words, not the row
    evidence = next(h for h in cases[1].histology).evidence[0]
    assert evidence.text.startswith("Patient 2 had biopsy-proven calciphylaxis")
    assert SERIES_WITH_NOTES[evidence.start : evidence.end] == evidence.text


def test_a_clause_that_tells_two_patients_apart_is_read_with_neither() -> None:
    # "Patient 1 improved but patient 2 died": read with either row, it would give both an outcome
    assert [case.outcome for case in extract(SERIES_WITH_NOTES).cases] == [None, None, None]


def test_a_table_of_thousands_of_rows_is_read_up_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import calcidx.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_ROWS", 3)
    rows = "".join(f"{n} | {40 + n}/F | Systemic sclerosis | Fingers\n" for n in range(1, 8))
    document = extract("Patient | Age/Sex | Underlying disease | Site\n" + rows)
    assert len(document.cases) == 3
    assert any("7 rows; only the first 3" in w for w in document.warnings)


@pytest.mark.parametrize("header", ["Age (y)/Sex", "Age (years), sex", "Sex/Age"])
def test_an_age_and_sex_header_with_its_unit(header: str) -> None:
    cell = "F/54" if header.startswith("Sex") else "54/F"
    text = f"Patient | {header} | Underlying disease | Site\n1 | {cell} | Systemic sclerosis | Fingers\n"
    assert [(c.patient.age_years, c.patient.sex) for c in extract(text).cases] == [(54.0, "female")]


@pytest.mark.parametrize("recase", [str.upper, str.lower])
def test_a_table_in_one_letter_case_reads_as_in_mixed_case(recase: Callable[[str], str]) -> None:
    expected = [[f.concept for f in c.findings] for c in extract(SERIES_WITH_NOTES).cases]
    assert [[f.concept for f in c.findings] for c in extract(recase(SERIES_WITH_NOTES)).cases] == expected
