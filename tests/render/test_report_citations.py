"""Every citation a report prints resolves in its reference list, and only cited references are
listed (terminal, Markdown and JSON), on the demo case and on cases that print many sections."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from calcidx.assess.api import assess
from calcidx.assess.model import AssessedDocument
from calcidx.case.model import Case
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.render.report import markdown_report, text_report

ROOT = Path(__file__).resolve().parents[2]
_TOKEN = re.compile(r"\[([^\[\]]+)\]")


def _keys(text: str, known: set[str]) -> list[str]:
    return [k.strip() for m in _TOKEN.finditer(text) for k in m.group(1).split(",") if k.strip() in known]


def _cases() -> list[tuple[str, Any]]:
    demo = json.loads((ROOT / "examples" / "case-idiopathic-fingertips.json").read_text())
    calciphylaxis = {
        "patient": {"age_years": 61, "sex": "female", "pregnant": False},
        "findings": [
            {"concept": c}
            for c in ["dialysis", "retiform_purpura", "necrotic_ulcer", "vascular_calcification_histology"]
        ],
        "medications": [{"name": "warfarin", "concept": "warfarin"}],
        "labs": [{"analyte": "phosphate", "interpretation": "high"}, {"analyte": "pth", "interpretation": "high"}],
    }
    dystrophic = {
        "patient": {"age_years": 6, "sex": "female"},
        "findings": [{"concept": c} for c in ["juvenile_dermatomyositis", "firm_white_yellow_papules"]],
    }
    return [("demo", demo), ("calciphylaxis", calciphylaxis), ("child-jdm", dystrophic)]


def _doc(raw: Any) -> AssessedDocument:
    if "cases" in raw:
        from calcidx.case.model import Document

        return assess(Document.model_validate(raw))
    return assess(Case.model_validate(raw))


def _split(text: str, marker: str) -> tuple[str, str]:
    body, _, refs = text.partition(marker)
    return body, refs


@pytest.mark.parametrize(("name", "raw"), _cases(), ids=[c[0] for c in _cases()])
def test_terminal_report_lists_exactly_what_it_cites(bundle: KnowledgeBundle, name: str, raw: Any) -> None:
    doc = _doc(raw)
    known = set(bundle.references)
    text = text_report(doc, width=400)  # wide: no wrapped citation tokens
    body, refs = _split(text, "References (every source cited above, and only those):")
    cited = set(_keys(body, known))
    listed = set(re.findall(r"^\[([A-Z0-9][A-Za-z0-9-]*)\] ", refs, flags=re.M))
    assert cited, name
    assert cited == listed, (name, cited - listed, listed - cited)


@pytest.mark.parametrize(("name", "raw"), _cases(), ids=[c[0] for c in _cases()])
def test_markdown_report_lists_exactly_what_it_cites(bundle: KnowledgeBundle, name: str, raw: Any) -> None:
    doc = _doc(raw)
    known = set(bundle.references)
    body, refs = _split(markdown_report(doc), "## References")
    cited = set(_keys(body, known))
    listed = set(re.findall(r"^- \[([A-Z0-9][A-Za-z0-9-]*)\] ", refs, flags=re.M))
    assert cited and cited == listed, (name, cited - listed, listed - cited)


@pytest.mark.parametrize(("name", "raw"), _cases(), ids=[c[0] for c in _cases()])
def test_json_report_lists_exactly_what_it_cites(bundle: KnowledgeBundle, name: str, raw: Any) -> None:
    doc = _doc(raw).model_dump(mode="json")
    known = set(bundle.references)
    cited: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "refs":
                    cited.update(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            cited.update(_keys(value, known))

    walk(doc["cases"])
    listed = {entry["id"] for entry in doc["references"]}
    assert cited and cited == listed, (name, cited - listed, listed - cited)
    assert all(entry["citation"] for entry in doc["references"])


def test_demo_lists_bio_and_ck_it_quotes_and_nothing_uncited(bundle: KnowledgeBundle) -> None:
    """The issue's demo finding: [BIO] and [CK] were printed but not listed; 29 of 39 listed were uncited."""
    doc = _doc(_cases()[0][1])
    text = text_report(doc, width=400)
    body, refs = _split(text, "References (every source cited above, and only those):")
    for key in ("BIO", "CK"):
        if f"[{key}]" in body or f" {key}]" in body:
            assert re.search(rf"^\[{key}\] ", refs, flags=re.M), key
    listed = re.findall(r"^\[([A-Z0-9][A-Za-z0-9-]*)\] ", refs, flags=re.M)
    assert all(key in _keys(body, set(bundle.references)) for key in listed)


def test_calciphylaxis_report_shows_the_review_action(bundle: KnowledgeBundle) -> None:
    doc = _doc(_cases()[1][1])
    assert doc.cases[0].assessment.subtype.code == "calciphylaxis"
    text = text_report(doc, width=400)
    assert "Actions on current medication" in text and "Review warfarin" in text
    markdown = markdown_report(doc)
    assert "### Actions on current medication" in markdown


def test_differential_never_cites_code_sources(bundle: KnowledgeBundle) -> None:
    code_sources = {key for key, ref in bundle.references.items() if ref.is_code_source}
    for _, raw in _cases():
        doc = _doc(raw)
        body, _ = _split(text_report(doc, width=400), "References (")
        assert not set(_keys(body, set(bundle.references))) & code_sources
        md_body, _ = _split(markdown_report(doc), "## References")
        assert not set(_keys(md_body, set(bundle.references))) & code_sources


def test_the_heading_names_the_kind_of_document_and_counts_its_cases() -> None:
    from calcidx.case.model import Document, DocumentInfo

    one = Case.model_validate(_cases()[2][1])
    series = assess(Document(document=DocumentInfo(kind="case_series"), cases=[one, one]))
    assert text_report(series).startswith("CalciDx assessment: case series, 2 cases")
    assert markdown_report(series).startswith("# CalciDx assessment (case series, 2 cases)")
    # a record of one patient (a Case JSON, a FHIR record, the form) is no kind of document
    assert text_report(assess(one)).startswith("CalciDx assessment: 1 case\n")


def test_the_terminal_differential_says_where_it_leaves_candidates_out() -> None:
    raw = {
        "patient": {"age_years": 49, "sex": "female"},
        "findings": [{"concept": c} for c in ["systemic_lupus_erythematosus", "pain", "ulceration"]],
        "lesions": [{"site": "thigh"}],
    }
    doc = _doc(raw)
    a = doc.cases[0].assessment
    looks = [item for item in a.differential if item.kind == "lookalike"]
    assert len(looks) > 5, "more look-alikes than the terminal shows"
    text = text_report(doc, width=200)
    body = text[text.index("Differential") :]
    assert f"(+{len(looks) - 5} more look-alikes in --format json)" in body
    # the note stands right after the fifth look-alike shown, before any inherited cause
    inherited = [item for item in a.differential if item.kind != "lookalike"]
    assert inherited, "inherited causes are ranked too"
    assert body.index(looks[4].label) < body.index("more look-alikes") < body.index(inherited[0].label)


def test_the_terminal_heads_a_case_with_pregnancy_or_breastfeeding() -> None:
    """They decide which options are offered, so the report says them where the page does."""
    raw = {
        "patient": {"age_years": 30, "sex": "female", "lactating": True},
        "findings": [{"concept": "systemic_sclerosis"}],
    }
    assert "Patient 1: 30 years, female, breastfeeding" in text_report(_doc(raw), width=200)
