from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from calcidx.errors import InputError
from calcidx.registry.pipeline import document_id
from calcidx.registry.prefilter import default_prefilter
from calcidx.registry.sources import Broken, Item, Skip, expand_paths, iter_documents
from tests.registry.synthetic import medline_xml, write_reports


def test_medline_gzip_is_streamed_article_by_article(tmp_path: Path) -> None:
    path = tmp_path / "pubmed26n0001.xml.gz"
    relevant = medline_xml(path, 120, relevant_every=10)
    entries = list(iter_documents([path], default_prefilter().check))
    items = [e for e in entries if isinstance(e, Item)]
    skips = [e for e in entries if isinstance(e, Skip)]
    assert len(entries) == 120
    assert len(items) == relevant == 12
    assert len(skips) == 108
    first = items[0]
    assert first.pmid == "90000000" and first.doi == "10.9999/synthetic.90000000" and first.year == 1990
    assert first.location.endswith("#PMID:90000000")
    assert first.id == document_id(first.data)
    assert first.data.startswith(b"<PubmedArticle>")
    assert len({e.id for e in entries}) == 120


def test_truncated_xml_keeps_what_was_read_and_records_the_rest(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xml"
    medline_xml(whole, 20, relevant_every=5)
    data = whole.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    entries = list(iter_documents([cut], default_prefilter().check))
    assert isinstance(entries[-1], Broken)
    assert "not well-formed XML" in entries[-1].reason
    assert 5 <= len(entries) - 1 < 20


def test_jsonl_lines_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps(
            {"text": "A woman with calcinosis cutis on the elbows.", "pmid": "1", "doi": "10.1/x", "year": 2001}
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "A trial of statins in 300 adults."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = list(iter_documents([path], default_prefilter().check))
    assert [type(e).__name__ for e in entries] == ["Item", "Broken", "Broken", "Skip"]
    item = entries[0]
    assert isinstance(item, Item)
    assert item.pmid == "1" and item.year == 2001 and item.location.endswith("#line:1")
    assert "'text'" in entries[2].reason  # type: ignore[union-attr]


def test_folders_globs_and_missing_paths(tmp_path: Path) -> None:
    write_reports(tmp_path / "a", 3)
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK")
    assert len(expand_paths([str(tmp_path / "a")])) == 3
    assert len(expand_paths([str(tmp_path / "a" / "report-00000[01].txt")])) == 2
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([str(tmp_path / "missing")])
    with pytest.raises(InputError, match="matches no ingestible file"):
        expand_paths([str(tmp_path / "*.pdf")])
    with pytest.raises(InputError, match="unsupported file type"):
        expand_paths([str(tmp_path / "a" / "notes.docx")])


def test_corrupt_gzip_is_a_broken_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml.gz"
    path.write_bytes(gzip.compress(b"<PubmedArticleSet>")[:10])
    entries = list(iter_documents([path], default_prefilter().check))
    assert len(entries) == 1 and isinstance(entries[0], Broken)
