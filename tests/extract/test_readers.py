from __future__ import annotations

from pathlib import Path

import pytest

from calcidx.errors import InputError
from calcidx.extract.readers import read_bytes, read_path
from calcidx.service.formats import detect_format

REPORT = (
    "Case presentation\n\nA 61-year-old woman with systemic sclerosis had hard nodules on both hands. "
    "She denied trauma."
)


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = read_path(path)
    assert result.format == "text"
    assert result.text == REPORT
    assert result.warnings == []


def test_non_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("A 30-year-old man with café-au-lait spots.".encode("latin-1"))
    result = read_path(path)
    assert "\ufffd" in result.text
    assert result.warnings and "UTF-8" in result.warnings[0]


@pytest.mark.parametrize("data", [b"", b"   \n\t"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="empty"):
        read_path(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="binary"):
        read_path(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_path(tmp_path)


def test_huge_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"calcinosis " * 2_000_000)  # 22 MB
    with pytest.raises(InputError, match="limit"):
        read_path(path)


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Case presentation", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(
        0,
        6,
        "A 48-year-old man with dermatomyositis presented with calci-\nnosis of the elbows.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    result = read_path(path)
    assert result.format == "pdf"
    assert "48-year-old man with dermatomyositis" in result.text
    assert "calcinosis" in result.text  # hyphenated line break joined


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a drawing, no text: like a scan
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match="no text layer: run OCR first"):
        read_path(path)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(InputError):
        read_path(path)


def test_html_main_text_without_chrome(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>Calcinosis report</title><script>var x=1;</script></head>
    <body><nav>Home | Journals | Log in</nav><header class="site-header">Journal banner</header>
    <article><h1>Calcinosis of the <i>scrotum</i>: a case report</h1>
    <h2>Case presentation</h2><p>A 52-year-old man presented with <b>hard</b> nodules
    on the scrotum.</p><p>He denied trauma.</p>
    <div class="references"><p>1. Smith A. Old paper. 1999;1:1.</p></div></article>
    <footer>Cookie settings</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    result = read_path(path)
    assert result.format == "html"
    assert "A 52-year-old man presented with hard nodules on the scrotum." in result.text
    assert "Calcinosis of the scrotum: a case report" in result.text
    for chrome in ("Home | Journals", "Cookie settings", "var x", "Old paper", "Journal banner"):
        assert chrome not in result.text
    assert "\n\nCase presentation\n\n" in result.text


@pytest.mark.parametrize("suffix", [".txt", ""])
def test_a_web_pages_fragment_is_read_as_html(tmp_path: Path, suffix: str) -> None:
    # copied from a page without its <html> tag and saved as text, or piped in
    fragment = (
        '<div class="article"><h1>Calcinosis cutis in dermatomyositis</h1>'
        "<p>A 9-year-old girl had hard nodules.</p><p>Calcium was 2.3&nbsp;mmol/L.</p></div>"
    )
    path = tmp_path / f"fragment{suffix}"
    path.write_text(fragment, encoding="utf-8")
    result = read_path(path)
    assert result.format == "html"
    assert result.title == "Calcinosis cutis in dermatomyositis"
    assert "<p>" not in result.text and "2.3\u00a0mmol/L" not in result.text and "2.3 mmol/L" in result.text
    assert detect_format(fragment.encode(), None, path.name) == "html"


@pytest.mark.parametrize("text", ["The <b>patient</b> was 45.", "<p>an unclosed tag in a note", "<3 months of pain"])
def test_text_with_a_stray_tag_stays_text(text: str) -> None:
    assert read_bytes(text.encode(), name="note").format == "text"


def test_pubmed_xml(tmp_path: Path) -> None:
    xml = """<?xml version="1.0"?>
    <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>12345678</PMID><Article>
    <ArticleTitle>Calciphylaxis in a dialysis patient.</ArticleTitle>
    <Abstract><AbstractText Label="BACKGROUND">Calciphylaxis is rare.</AbstractText>
    <AbstractText Label="CASE PRESENTATION">A 66-year-old woman on hemodialysis had retiform purpura.</AbstractText>
    </Abstract></Article></MedlineCitation>
    <PubmedData><ArticleIdList><ArticleId IdType="doi">10.1000/xyz</ArticleId></ArticleIdList></PubmedData>
    </PubmedArticle></PubmedArticleSet>"""
    path = tmp_path / "pubmed.xml"
    path.write_text(xml, encoding="utf-8")
    result = read_path(path)
    assert result.format == "xml"
    assert result.pmid == "12345678" and result.doi == "10.1000/xyz"
    assert "Case presentation: A 66-year-old woman on hemodialysis" in result.text


def test_pmc_jats_xml_drops_references() -> None:
    xml = b"""<article xmlns:xlink="http://www.w3.org/1999/xlink"><front><article-meta>
    <article-id pub-id-type="pmid">999</article-id>
    <title-group><article-title>Idiopathic calcinosis</article-title></title-group>
    <abstract><p>We report a girl.</p></abstract></article-meta></front>
    <body><sec><title>Case report</title>
    <p>A 9-year-old girl had nodules.<fig><caption>Figure 1 cap</caption></fig></p></sec></body>
    <back><ref-list><ref>Someone 2001</ref></ref-list></back></article>"""
    result = read_bytes(xml, name="pmc.xml", suffix=".xml")
    assert result.pmid == "999"
    assert "Case report\n\nA 9-year-old girl had nodules." in result.text
    assert "Someone" not in result.text and "Figure 1 cap" not in result.text


def test_unknown_xml_root() -> None:
    with pytest.raises(InputError, match="neither PubMed"):
        read_bytes(b"<?xml version='1.0'?><svg></svg>", name="x.xml", suffix=".xml")


def test_json_is_not_a_report() -> None:
    with pytest.raises(InputError, match="JSON"):
        read_bytes(b'{"patient": {}}', name="case.json", suffix=".json")


def test_deeply_nested_html_keeps_its_text() -> None:
    from calcidx.extract.readers import MAX_NESTING, read_bytes

    depth = MAX_NESTING * 8
    html = "<html><body>" + "<div>" * depth + "A 45-year-old woman had nodules." + "</div>" * depth + "</body></html>"
    assert read_bytes(html.encode(), name="deep.html").text == "A 45-year-old woman had nodules."


def test_announcing_the_report_is_not_a_plan_for_the_patient() -> None:
    from calcidx import extract

    case = extract("Case report\n\nWe will discuss a 51-year-old woman on haemodialysis with painful thighs.").cases[0]
    assert ("dialysis", "present") in {(f.concept, f.assertion) for f in case.findings}
    planned = extract("Case report\n\nA 51-year-old woman had painful thighs; haemodialysis will be started.").cases[0]
    assert ("dialysis", "present") not in {(f.concept, f.assertion) for f in planned.findings}


def test_a_condition_named_in_the_title_is_the_single_patients() -> None:
    from calcidx import extract

    text = (
        "Metastatic calcinosis cutis in a boy with acute lymphoblastic leukaemia\n\n"
        "Case report\n\nA 6-year-old boy had firm papules on the neck. Calcium was 14 mg/dL.\n"
    )
    case = extract(text).cases[0]
    assert ("leukaemia", "present") in {(f.concept, f.assertion) for f in case.findings}


def test_a_condition_the_title_rules_out_is_not_added() -> None:
    from calcidx import extract

    text = (
        "Calciphylaxis without renal failure: a case report\n\n"
        "Case report\n\nA 66-year-old woman on warfarin had painful purple plaques on the thighs.\n"
    )
    case = extract(text).cases[0]
    present = {f.concept for f in case.findings if f.assertion == "present"}
    assert not present & {"chronic_kidney_disease", "end_stage_renal_disease", "acute_kidney_injury"}


def test_title_conditions_are_not_spread_over_several_patients() -> None:
    from calcidx import extract

    text = (
        "Calcinosis cutis in dermatomyositis: two cases\n\n"
        "Case 1: A 40-year-old woman had nodules on the elbows.\n\n"
        "Case 2: A 12-year-old boy had nodules on the knees.\n"
    )
    cases = extract(text).cases
    assert len(cases) == 2
    assert all("dermatomyositis" not in {f.concept for f in c.findings} for c in cases)


@pytest.mark.parametrize(
    ("sentence", "concept"),
    [
        ("He drank heavily and had alcohol-related liver disease.", "alcoholic_liver_disease"),
        (
            "Years after a stem cell transplant she developed sclerotic chronic graft-versus-host disease.",
            "sclerodermoid_gvhd",
        ),
        ("The nodules lay in skin thickened by sclerodermatous GVHD.", "sclerodermoid_gvhd"),
    ],
)
def test_conditions_read_in_the_history(sentence: str, concept: str) -> None:
    from calcidx import extract

    case = extract(f"Case report\n\nA 58-year-old patient had painful nodules. {sentence}").cases[0]
    assert (concept, "present") in {(f.concept, f.assertion) for f in case.findings}


def test_acute_gvhd_is_not_the_sclerotic_form() -> None:
    from calcidx import extract

    case = extract("Case report\n\nA 58-year-old man had acute GVHD of the gut after transplant.").cases[0]
    assert "sclerodermoid_gvhd" not in {f.concept for f in case.findings}
