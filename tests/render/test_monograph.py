"""The monograph: no uncited sentence, every citation resolves, subtype pages, HTML, CLI."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from calcidx.cli.monograph_cmd import register
from calcidx.errors import InputError
from calcidx.knowledge.schema import KnowledgeBundle
from calcidx.render.monograph import build_monograph, monograph_sentences, render_monograph, split_sentences

CITATION = re.compile(r"\[(\d+(?:, \d+)*)\]\.$")
# A sentence end inside a chunk: ". X" not preceded by a known abbreviation.
INNER_END = re.compile(r"(?<!e\.g)(?<!i\.e)(?<!\bvs)(?<!et al)(?<!approx)(?<!\bcf)(?<!\bDr)(?<!\bno)[.!?]\s+[A-Z]")


def _body_and_refs(markdown: str) -> tuple[list[str], list[str]]:
    """Prose lines (headings dropped) and the numbered reference lines of a rendered monograph."""
    body, refs = markdown.split("\n## References\n", 1)
    lines = [line.removeprefix("- ").strip() for line in body.splitlines()]
    prose = [line for line in lines if line and not line.startswith("#")]
    ref_lines = [line for line in refs.splitlines() if re.match(r"^\d+\. ", line)]
    return prose, ref_lines


def _chunks(line: str) -> list[str]:
    """Split a prose line after every citation: each chunk must be one cited sentence."""
    return [chunk.strip() for chunk in re.split(r"(?<=\]\.)\s+", line) if chunk.strip()]


@pytest.mark.parametrize("subtype", [None, "dystrophic", "metastatic", "idiopathic", "iatrogenic", "calciphylaxis"])
def test_no_uncited_sentence_and_every_citation_resolves(bundle: KnowledgeBundle, subtype: str | None) -> None:
    text = render_monograph(bundle, fmt="md", subtype=subtype)
    prose, ref_lines = _body_and_refs(text)
    numbers = [int(line.split(".", 1)[0]) for line in ref_lines]
    assert numbers == list(range(1, len(numbers) + 1)), "references are numbered 1..n"
    cited: set[int] = set()
    for line in prose:  # the bundle stamp follows the references, outside the prose
        for chunk in _chunks(line):
            match = CITATION.search(chunk)
            assert match, f"uncited sentence: {chunk!r}"
            assert not INNER_END.search(chunk[: match.start()]), f"a sentence inside is uncited: {chunk!r}"
            refs = [int(n) for n in match.group(1).split(", ")]
            assert all(1 <= n <= len(numbers) for n in refs), f"citation does not resolve: {chunk!r}"
            cited.update(refs)
    assert cited == set(numbers), "every listed reference is cited at least once"


def test_sentence_helper_matches_rendering(bundle: KnowledgeBundle) -> None:
    sentences = monograph_sentences(bundle)
    mono = build_monograph(bundle)
    assert sentences, "the monograph has sentences"
    for sentence in sentences:
        assert sentence.citations, f"uncited: {sentence.text!r}"
        assert all(1 <= n <= len(mono.references) for n in sentence.citations)
    text = render_monograph(bundle)
    for sentence in sentences[:50]:
        numbers = ", ".join(str(n) for n in sentence.citations)
        assert f"{sentence.text} [{numbers}]." in text


def test_sentences_only_from_the_knowledge_base(bundle: KnowledgeBundle) -> None:
    """Every cited reference key exists, and the monograph covers every section it promises."""
    mono = build_monograph(bundle)
    assert set(mono.references) <= set(bundle.references)
    titles = [s.title for s in mono.sections]
    for expected in (
        "Description",
        "Subtypes and sub-forms",
        "Signs and symptoms",
        "Work-up",
        "Imaging and histology",
        "Differential diagnosis",
        "Treatment by subtype",
        "Codes",
        "Published figures",
    ):
        assert expected in titles
    text = render_monograph(bundle)
    for look in bundle.lookalikes.values():
        assert look.label in text
    for subform in bundle.subforms.values():
        assert subform.label in text
    assert "LOINC" in text


def test_subtype_page_is_about_that_subtype(bundle: KnowledgeBundle) -> None:
    text = render_monograph(bundle, subtype="calciphylaxis")
    assert text.startswith(f"# {bundle.subtypes['calciphylaxis'].label}")
    assert bundle.subtypes["dystrophic"].label not in text.split("## References")[0]
    with pytest.raises(KeyError):
        render_monograph(bundle, subtype="nonsense")


def test_html_is_standalone_and_escaped(bundle: KnowledgeBundle) -> None:
    page = render_monograph(bundle, fmt="html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and 'src="' not in page
    # every citation link points at a reference in the page
    targets = set(re.findall(r'href="#ref-(\d+)"', page))
    ids = set(re.findall(r'id="ref-(\d+)"', page))
    assert targets and targets <= ids
    # visible text has no raw '<' from the data: everything was escaped
    for sentence in monograph_sentences(bundle)[:30]:
        assert html.escape(sentence.text) in page


def test_split_sentences_keeps_abbreviations() -> None:
    assert split_sentences("Seen e.g. on the hands. Rare in SLE.") == ["Seen e.g. on the hands.", "Rare in SLE."]
    assert split_sentences("One sentence") == ["One sentence"]


def _cli() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:  # a callback keeps "monograph" as a named sub-command
        pass

    return app


def test_cli_writes_markdown_and_html(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_cli(), ["monograph"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Calcinosis cutis")
    out = tmp_path / "page.html"
    result = runner.invoke(_cli(), ["monograph", "--format", "html", "--subtype", "metastatic", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "pdf"], "--format 'pdf' is not allowed; use one of: md, html"),
        (["--subtype", "weird"], "--subtype 'weird' is not a subtype; use one of:"),
    ],
)
def test_cli_bad_options_raise_input_error(args: list[str], needle: str) -> None:
    result = CliRunner().invoke(_cli(), ["monograph", *args])
    assert isinstance(result.exception, InputError)
    assert needle in str(result.exception)


def test_cli_bad_format_exits_1_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from calcidx.cli.main import main; main()", "monograph", "--format", "pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0
    assert "md, html" in proc.stderr


# --- Issue 7: every monograph sentence traces to the item field whose sources it cites ---------


def _field_refs(bundle: KnowledgeBundle, source: str) -> set[str]:
    """The refs of the item field named ``table:id.field`` (how the monograph must cite it)."""
    import re as _re

    table, _, rest = source.partition(":")
    ident, _, field = rest.rpartition(".") if "." in rest else (rest, "", "")
    if table == "codes":
        item = (
            bundle.concept(ident)
            or bundle.treatments.get(ident)
            or bundle.subforms.get(ident)
            or bundle.lookalikes.get(ident)
            or bundle.subtypes.get(ident)
            or bundle.disease.get(ident)
        )
        assert item is not None, source
        coded = {r for r in item.refs if bundle.references[r].is_code_source}
        return set(item.code_refs) or coded or set(item.refs)
    if table == "analytes":
        analyte = bundle.analytes[ident]
        if field == "loinc":
            return set(analyte.loinc_refs or analyte.refs)
        match = _re.fullmatch(r"ranges\[(\d+)\]", field)
        assert match, source
        return set(analyte.ranges[int(match.group(1))].refs)
    if table == "treatments":
        treatment = bundle.treatments[ident]
        return set(treatment.dose_refs or treatment.refs) if field == "dose" else set(treatment.refs)
    tables: dict[str, Any] = {
        "cautions": bundle.cautions,
        "subtypes": bundle.subtypes,
        "subforms": bundle.subforms,
        "disease": bundle.disease,
        "conditions": bundle.conditions,
        "exposures": bundle.exposures,
        "features": bundle.features,
        "workup": bundle.workup,
        "lookalikes": bundle.lookalikes,
        "rules": bundle.rules,
    }
    return set(tables[table][ident].refs)


@pytest.mark.parametrize("subtype", [None, "dystrophic", "calciphylaxis"])
def test_every_citation_traces_to_the_field_it_quotes(bundle: KnowledgeBundle, subtype: str | None) -> None:
    sentences = monograph_sentences(bundle, subtype=subtype)
    assert len(sentences) > 50
    for sentence in sentences:
        assert sentence.source, sentence.text
        allowed: set[str] = set()
        for source in sentence.source:
            allowed |= _field_refs(bundle, source)
        assert set(sentence.keys) <= allowed, (sentence.source, set(sentence.keys) - allowed, sentence.text[:80])


def test_code_sources_cite_only_codes(bundle: KnowledgeBundle) -> None:
    code_sources = {key for key, ref in bundle.references.items() if ref.is_code_source}
    for sentence in monograph_sentences(bundle):
        if sentence.section == "Codes":
            continue
        # a clinical sentence may cite a code source only when its item has no other source
        if set(sentence.keys) & code_sources:
            assert set(sentence.keys) <= code_sources | {r for s in sentence.source for r in _field_refs(bundle, s)}, (
                sentence.text
            )
    codes = [s for s in monograph_sentences(bundle) if s.section == "Codes"]
    diltiazem = [s for s in codes if s.text.startswith("Diltiazem:")]
    assert diltiazem and set(diltiazem[0].keys) == {"CHEBI-HPO-IMPORT"}  # not the clinical trials


def test_no_internal_notes_or_extraction_vocabulary(bundle: KnowledgeBundle) -> None:
    text = render_monograph(bundle)
    for word in ("UNCONFIRMED", "CLINICAL.md", "knowledge base", "not encoded", "also described as", "TODO"):
        assert word not in text, word


def test_treatment_sentences_name_when_a_caution_applies(bundle: KnowledgeBundle) -> None:
    text = render_monograph(bundle, subtype="dystrophic")
    assert "Contraindicated (in pregnancy): Bisphosphonates can cause fetal harm" in text
    assert "Not offered (under 18 years): Diltiazem" in text
    assert "Contraindicated (under 28 days; taking or given intravenous calcium" in text
    assert "Dose as reported (patients aged 18 years and over): 240-480 mg/day" in text


def test_monograph_lists_only_cited_references(bundle: KnowledgeBundle) -> None:
    mono = build_monograph(bundle)
    cited = {
        key
        for section in mono.sections
        for group in [*section.paragraphs, *section.bullets]
        for s in group
        for key in s.refs
    }
    assert cited == set(mono.references)


def test_a_figure_is_credited_only_to_the_source_it_names(bundle: KnowledgeBundle) -> None:
    sentences = monograph_sentences(bundle, subtype="dystrophic")
    recurrence = [s for s in sentences if s.text.startswith("Local recurrence is common (SEED-004)")]
    assert recurrence and all(s.keys == ("SEED-004",) for s in recurrence)
    mayo = [s for s in sentences if "28 excised" in s.text]
    assert mayo and all(s.keys == ("BALIN",) for s in mayo)
