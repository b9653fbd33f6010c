"""The server-rendered pages through the real app (no JavaScript involved)."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

import calcidx
from calcidx.knowledge.loader import load_bundle
from tests.api.conftest import CALCIPHYLAXIS_NOTE, form_token, make_client


def _post_report(client: TestClient, text: str, **extra: str) -> tuple[int, str]:
    data = {"text": text, "form_token": form_token(client), **extra}
    response = client.post("/report", data=data, files={"file": ("", b"", "application/octet-stream")})
    return response.status_code, response.text


def test_report_page_shows_the_call_and_the_highlights(client: TestClient) -> None:
    status, page = _post_report(client, CALCIPHYLAXIS_NOTE)
    assert status == 200
    expected = calcidx.assess(CALCIPHYLAXIS_NOTE).cases[0]
    assert f'data-subtype="{expected.assessment.subtype.code}"' in page
    assert html.escape(expected.assessment.subtype.label) in page
    # Every finding of the library is highlighted with its kind and assertion.
    absent = [f for f in [*expected.findings, *expected.exposures] if f.assertion == "absent"]
    family = [f for f in expected.findings if f.assertion == "family"]
    assert absent and family, "the example note has an absent and a family finding"
    for finding in absent:
        assert re.search(rf'class="ev k-\w+ a-absent"[^>]*data-concept="{finding.concept}"', page), finding.concept
    for finding in family:
        assert re.search(rf'class="ev k-\w+ a-family"[^>]*data-concept="{finding.concept}"', page), finding.concept
    # The hover/focus text names the trigger of the negation.
    assert "cue: \u201cno history of\u201d" in html.unescape(page)
    # Citations link to the reference list; labels, not ids.
    assert re.search(r'href="/references#ref-[\w-]+"', page)
    assert "end_stage_renal_disease" not in re.sub(r'data-concept="[^"]*"', "", page)


def test_report_page_shows_the_treatments_the_text_describes(client: TestClient) -> None:
    text = (
        "A 63-year-old man on haemodialysis had painful retiform purpura of the thighs. Biopsy showed "
        "calcification of small subcutaneous vessels. Calcium carbonate was stopped and sevelamer was "
        "started. He was treated with intravenous sodium thiosulphate."
    )
    status, page = _post_report(client, text)
    assert status == 200
    assert "Treatments the text describes: Sevelamer; Sodium thiosulfate." in page
    assert re.search(r'class="ev k-treatment a-present"[^>]*data-concept="sodium_thiosulfate"', page)


def test_report_page_keeps_the_text_exactly(client: TestClient) -> None:
    text = "Line one: a 30-year-old man.\r\nLine two: <b>calcified</b> nodules & a scar on the knee."
    status, page = _post_report(client, text)
    assert status == 200
    shown = re.search(r'<div class="report-text">(.*?)</div>', page, re.S)
    assert shown
    plain = html.unescape(re.sub(r'<span class="tip".*?</span>|<[^>]+>', "", shown.group(1)))
    assert plain == text.replace("\r\n", "\n")
    assert "<b>calcified</b>" not in page


def test_printable_view(client: TestClient) -> None:
    status, page = _post_report(client, CALCIPHYLAXIS_NOTE, view="print")
    assert status == 200
    assert 'class="print-view"' in page
    assert '<details class="sources" open>' in page


def test_report_page_bad_input_reshows_the_form(client: TestClient) -> None:
    status, page = _post_report(client, "   ")
    assert status == 422 and "the text is empty" in page and '<textarea id="text"' in page
    forged = client.post("/report", data={"text": CALCIPHYLAXIS_NOTE, "form_token": "1.abc"})
    assert forged.status_code == 403 and "expired" in forged.text
    missing = client.post("/report", data={"text": CALCIPHYLAXIS_NOTE})
    assert missing.status_code == 403
    with make_client(max_text_chars=200) as small:
        status, page = _post_report(small, CALCIPHYLAXIS_NOTE)
        assert status == 413 and "limit of 200" in page


def test_upload_on_the_page(client: TestClient) -> None:
    data = {"text": "", "form_token": form_token(client)}
    files = {"file": ("note.txt", CALCIPHYLAXIS_NOTE.encode(), "text/plain")}
    response = client.post("/report", data=data, files=files)
    assert response.status_code == 200 and 'data-subtype="calciphylaxis"' in response.text
    files = {"file": ("scan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")}
    bad = client.post("/report", data=data, files=files)
    assert bad.status_code == 422 and "scan.pdf" in bad.text


def test_findings_form_validates_with_clear_messages(client: TestClient) -> None:
    token = form_token(client, "/form")
    empty = client.post("/form", data={"form_token": token})
    assert empty.status_code == 422 and "Enter at least one thing" in empty.text
    bad = client.post(
        "/form",
        data={
            "form_token": token,
            "age": "forty",
            "sex": "male",
            "pregnant": "yes",
            "lab0_analyte": "calcium",
            "lab0_value": "2.4",
            "lab0_unit": "furlongs",
        },
    )
    assert bad.status_code == 422
    text = html.unescape(bad.text)
    assert "Age: 'forty' is not a number" in text
    assert "Pregnancy: cannot be yes when sex is male" in text
    assert "choose a unit: mg/dL, mmol/L" in text
    assert 'href="#lab0_unit"' in bad.text and 'aria-invalid="true"' in bad.text
    assert 'value="forty"' in bad.text, "answers are kept"


def test_findings_form_carries_what_decides_treatment_safety(client: TestClient) -> None:
    from calcidx.api.findings_form import parse_form

    bundle = load_bundle()
    answers = {
        "age": "34",
        "sex": "female",
        "lactating": "yes",
        "sites": "fingertips",
        "f:systemic_sclerosis": "present",
        "f:cardiac_conduction_disease": "present",
        "f:tetracycline_allergy": "present",
        "medications": "Warfarin 5 mg daily\nsomething unknown",
    }
    result = parse_form(answers, bundle)
    assert result.case is not None, result.errors
    assert result.case.patient.lactating is True
    assessed = calcidx.assess(result.case).cases[0]
    assert [m.concept for m in assessed.medications] == ["warfarin", None]
    withheld = {t.id for t in assessed.assessment.withheld_treatments}
    assert {"diltiazem", "minocycline"} <= withheld
    # the page offers the safety conditions, and a man cannot be breastfeeding
    page = client.get("/form").text
    assert 'name="f:cardiac_conduction_disease"' in page and 'name="lactating"' in page
    bad = parse_form({"sex": "male", "lactating": "yes", "age": "40"}, bundle)
    assert bad.errors == {"lactating": "Breastfeeding: cannot be yes when sex is male"}
    # the report says who the options were chosen for
    shown = client.post("/form", data={"form_token": form_token(client, "/form"), **answers})
    assert shown.status_code == 200 and "female, breastfeeding" in html.unescape(shown.text)


def test_findings_form_assesses_like_the_library(client: TestClient) -> None:
    from calcidx.case.model import Case, Finding, Lab, Lesion, Medication, Patient

    bundle = load_bundle()
    concept = next(c for c in bundle.conditions.values() if c.points_to == "calciphylaxis" or c.id == "dialysis")
    data = {
        "form_token": form_token(client, "/form"),
        "age": "61",
        "sex": "male",
        "sites": "thigh, abdomen",
        f"f:{concept.id}": "present",
        "lab0_analyte": "phosphate",
        "lab0_value": "2.4",
        "lab0_unit": "mmol/L",
        "medications": "warfarin",
    }
    response = client.post("/form", data=data)
    assert response.status_code == 200
    case = Case(
        patient=Patient(age_years=61, sex="male"),
        lesions=[Lesion(site="thigh"), Lesion(site="abdomen")],
        findings=[Finding(concept=concept.id)],
        labs=[Lab(analyte="phosphate", name="Phosphate", value=2.4, unit="mmol/L")],
        medications=[Medication(name="warfarin")],
    )
    assert "warfarin" in bundle.exposures
    expected = calcidx.assess(case).cases[0].assessment.subtype
    assert f'data-subtype="{expected.code}"' in response.text
    assert 'class="report-text"' not in response.text


def test_monograph_and_references_pages(client: TestClient) -> None:
    page = client.get("/monograph/calciphylaxis")
    assert page.status_code == 200 and 'aria-current="page"' in page.text
    numbers = set(re.findall(r'href="#mref-(\d+)"', page.text))
    assert numbers and all(f'id="mref-{n}"' in page.text for n in numbers)
    assert client.get("/monograph/volcanic").status_code == 404
    refs = client.get("/references").text
    assert refs.count('<dt id="ref-') == len(load_bundle().references)
