"""The service: one input dispatcher, document ids and pipeline stamps, typed options, bounded JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

import calcidx
from calcidx.case.model import Case, Document
from calcidx.errors import InputError
from calcidx.runtime import Runtime, get_runtime
from calcidx.service import (
    JSON_FORMATS,
    AssessOptions,
    JsonFormat,
    assess_input,
    assess_read,
    extract_input,
    extract_many,
    load_input,
    pipeline_stamp,
    read_text,
    register_json_format,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-idiopathic-fingertips.json"
REPORT = (
    "Case report\n\nA 61-year-old man with end-stage renal disease on hemodialysis developed painful "
    "calcified nodules on both elbows. Serum phosphate was 2.6 mmol/L."
)


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    return get_runtime()


def test_case_json_is_loaded_as_a_case_with_the_sha256_of_its_bytes(runtime: Runtime) -> None:
    data = EXAMPLE.read_bytes()
    loaded = load_input(data, filename=EXAMPLE.name, runtime=runtime)
    assert loaded.format == "case" and loaded.case is not None and loaded.document is None
    assert loaded.doc_id == hashlib.sha256(data).hexdigest()
    assert loaded.case.case_id  # stable within the document


def test_assessing_a_reading_equals_assessing_the_bytes(runtime: Runtime) -> None:
    html = f"<html><body><article><h1>Elbow nodules</h1><p>{REPORT}</p></article></body></html>"
    xml = (
        "<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>654321</PMID><Article>"
        f"<ArticleTitle>Nodules on dialysis</ArticleTitle><Abstract><AbstractText>{REPORT}</AbstractText>"
        "</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    for data, name, media_type in ((REPORT, "a.txt", "text/plain"), (html, "b.html", None), (xml, "c.xml", None)):
        raw = data.encode("utf-8")
        reading = read_text(raw, media_type, filename=name)
        once = assess_read(raw, reading, filename=name, runtime=runtime)
        assert once.model_dump(mode="json") == assess_input(raw, media_type, filename=name, runtime=runtime).model_dump(
            mode="json"
        )
        assert once.doc_id == hashlib.sha256(raw).hexdigest()
    with pytest.raises(InputError, match="empty"):
        assess_read(b"  ", read_text(REPORT.encode()), filename="blank.txt", runtime=runtime)


def test_text_html_and_pubmed_xml_are_extracted(runtime: Runtime) -> None:
    html = f"<html><body><article><p>{REPORT}</p></article></body></html>"
    xml = (
        "<?xml version='1.0'?><PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>123456</PMID><Article>"
        f"<ArticleTitle>Calcinosis in dialysis</ArticleTitle><Abstract><AbstractText>{REPORT}</AbstractText>"
        "</Abstract></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    for data, fmt in ((REPORT, "text"), (html, "html"), (xml, "xml")):
        loaded = load_input(data, runtime=runtime)
        assert loaded.format == fmt
        assert loaded.document is not None and loaded.document.doc_id == loaded.doc_id
        assert loaded.document.pipeline == runtime.stamp
        assert loaded.document.cases and loaded.document.cases[0].patient.age_years == 61


def test_media_type_decides_over_content(runtime: Runtime) -> None:
    html = "<html><body><p>" + REPORT + "</p></body></html>"
    as_text = load_input(html, "text/plain", runtime=runtime)
    assert as_text.format == "text"
    with pytest.raises(InputError, match="media type 'image/png'"):
        load_input(html, "image/png", runtime=runtime)


def test_assess_input_stamps_the_output_and_takes_typed_options(runtime: Runtime) -> None:
    data = EXAMPLE.read_bytes()
    full = assess_input(data, runtime=runtime)
    assert full.doc_id == hashlib.sha256(data).hexdigest()
    assert full.pipeline == pipeline_stamp(runtime)
    stamp = full.pipeline
    assert stamp is not None and stamp.calcidx_version == calcidx.__version__ and len(stamp.extractor_rules) == 16
    lean = assess_input(data, options=AssessOptions(skip_inherited_differential=True), runtime=runtime)
    assert not any(item.kind == "inherited" for item in lean.cases[0].assessment.differential)
    with pytest.raises(ValueError):
        AssessOptions(skip_inherited=True)  # type: ignore[call-arg]


def test_extract_input_wraps_a_case_in_a_document(runtime: Runtime) -> None:
    document = extract_input(EXAMPLE.read_bytes(), runtime=runtime)
    assert isinstance(document, Document) and len(document.cases) == 1 and document.doc_id


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ('{"patient": {"age_years": NaN}}', "NaN is not a JSON number"),
        ('{"patient": {"age_years": 1e999}}', "out of range"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a":' * 200 + "1" + "}" * 200, "nested too deeply"),
        ("   \n", "empty"),
        ('{"labs": [{"analyte": "calcium", "value": 9, "unit": "furlongs"}]}', "unknown unit 'furlongs'"),
    ],
)
def test_bad_json_is_one_input_error(runtime: Runtime, data: str, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        load_input(data, runtime=runtime)


def test_library_and_cli_check_a_case_the_same_way() -> None:
    case = Case.model_validate({"labs": [{"analyte": "calcium", "value": 9, "unit": "furlongs"}]})
    with pytest.raises(InputError, match="unknown unit"):
        calcidx.assess(case)


def test_extract_many_matches_one_at_a_time(runtime: Runtime) -> None:
    texts = [REPORT, REPORT.replace("61-year-old man", "45-year-old woman"), "Case report\n\nA 9-year-old boy."]
    batched = list(extract_many(texts, runtime=runtime, batch_size=2))
    single = [extract_input(text, "text/plain", runtime=runtime) for text in texts]
    assert [d.model_dump() for d in batched] == [d.model_dump() for d in single]


def test_a_json_format_is_added_with_one_entry(runtime: Runtime) -> None:
    def read_tagged(raw: dict[str, Any], *, where: str, runtime: Runtime) -> Case:
        return Case.model_validate({"patient": {"age_years": raw["age"]}})

    before = list(JSON_FORMATS)
    try:
        register_json_format(JsonFormat("tagged", lambda raw: raw.get("kind") == "tagged", read_tagged))
        loaded = load_input(json.dumps({"kind": "tagged", "age": 33}), runtime=runtime)
        assert loaded.format == "tagged" and loaded.case is not None and loaded.case.patient.age_years == 33
    finally:
        JSON_FORMATS[:] = before


def test_public_functions_do_not_shadow_the_subpackages() -> None:
    import calcidx.assess.api
    from calcidx import assess, extract

    assert calcidx.assess.api is calcidx.assess.api  # the package attribute still resolves
    assert assess.__name__ == "calcidx.assess" and extract.__name__ == "calcidx.extract"
    document = extract(REPORT)
    assert document.cases[0].patient.age_years == 61
    assessed = assess(Case.model_validate_json(EXAMPLE.read_text()))
    assert assessed.cases[0].assessment.subtype.code == "idiopathic"
    assert calcidx.Case is Case and calcidx.AssessOptions is AssessOptions


def test_two_vocabularies_with_one_name_keep_their_own_terms() -> None:
    from calcidx.extract.pipeline import build_pipeline
    from calcidx.extract.pipeline import extract as extract_with
    from calcidx.extract.vocabulary import Vocabulary

    first = Vocabulary.from_mapping("same-name", {"condition": {"gout": ["gout"]}})
    second = Vocabulary.from_mapping("same-name", {"condition": {"sle": ["lupus"]}})
    nlp_first = build_pipeline(first)
    nlp_second = build_pipeline(second)  # registered under the same name after the first was built
    text = "Case report\n\nA 50-year-old man with gout and lupus had calcified nodules."
    assert [f.concept for f in extract_with(text, nlp=nlp_first).cases[0].findings] == ["gout"]
    assert [f.concept for f in extract_with(text, nlp=nlp_second).cases[0].findings] == ["sle"]
    assert [f.concept for f in extract_with(text, vocabulary=first).cases[0].findings] == ["gout"]
