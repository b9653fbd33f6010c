"""Ingestion into SQLite and PostgreSQL: idempotent, reprocessing on a new stamp, failures recorded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from calcidx import service
from calcidx.registry import models as m
from calcidx.registry import pipeline
from calcidx.registry.database import Registry
from calcidx.registry.duplicates import mark_duplicates
from calcidx.registry.ingest import ingest
from calcidx.registry.minhash import NUM_PERM, SCHEME, signature
from calcidx.registry.series import load_cases
from tests.registry.synthetic import report


def counts(registry: Registry) -> dict[str, int]:
    tables = {
        "documents": m.Document,
        "extractions": m.Extraction,
        "cases": m.Case,
        "findings": m.Finding,
        "labs": m.Lab,
        "assessments": m.Assessment,
        "stated": m.StatedDiagnosis,
        "provenance": m.Provenance,
        "skipped": m.SkippedArticle,
    }
    with registry.session() as session:
        return {name: session.scalar(select(func.count()).select_from(table)) or 0 for name, table in tables.items()}


def test_ingest_stores_each_document_with_provenance(registry: Registry, small_corpus: Path) -> None:
    summary = ingest([str(small_corpus)], registry, workers=0)
    assert (summary.seen, summary.stored, summary.failed, summary.skipped) == (8, 6, 1, 1)
    assert summary.failures[0][0].endswith("broken.pdf") and "not a readable PDF" in summary.failures[0][1]
    c = counts(registry)
    assert c["documents"] == 7 and c["extractions"] == 7 and c["skipped"] == 1
    assert c["cases"] >= 6 and c["assessments"] == c["cases"] and c["labs"] > 0 and c["stated"] > 0
    with registry.session() as session:
        doc = session.scalars(select(m.Document).where(m.Document.source.like("%report-000000.txt"))).one()
        data = (small_corpus / "reports" / "report-000000.txt").read_bytes()
        assert doc.id == pipeline.document_id(data) == service.document_id(data)
        extraction = session.scalars(select(m.Extraction).where(m.Extraction.document_id == doc.id)).one()
        assert extraction.stamp == pipeline.pipeline_stamp() == pipeline.stamp_text(service.pipeline_stamp())
        assert extraction.status == "ok" and extraction.current
        assert extraction.kind == "case_report"
        assert extraction.knowledge and "@" in extraction.knowledge
        # the JSON a worker encoded is stored as JSON (an object), equal to the service's own reading
        case = session.scalars(select(m.Case).where(m.Case.document_id == doc.id).order_by(m.Case.id)).first()
        assert case is not None and isinstance(case.data, dict)
        expected = service.assess_input(data, "text/plain", filename=doc.source).model_dump(mode="json")
        assert case.data == expected["cases"][0]
        assessment = session.scalars(select(m.Assessment).where(m.Assessment.case_id == case.id)).one()
        assert case.data["assessment"] == expected["cases"][0]["assessment"]  # stored once, in the case
        assert assessment.subtype == expected["cases"][0]["assessment"]["subtype"]["code"]
        labels = set(session.scalars(select(m.StatedDiagnosis.concordance)))
        assert labels and labels <= {"agrees", "differs", "findings_undecided", "no_subtype"}
        failed = session.scalars(select(m.Extraction).where(m.Extraction.status == "failed")).one()
        assert "PDF" in (failed.error or "")
        run = session.get_one(m.IngestionRun, summary.run_id)
        assert run.status == "completed" and run.stored == 6 and run.failed == 1 and run.skipped == 1


def test_same_input_again_adds_nothing(registry: Registry, small_corpus: Path) -> None:
    ingest([str(small_corpus)], registry, workers=0)
    before = counts(registry)
    again = ingest([str(small_corpus), str(small_corpus / "reports")], registry, workers=0)
    assert again.stored == 0 and again.failed == 0
    assert again.unchanged == 7 and again.skipped == 1
    assert counts(registry) == before


@pytest.fixture
def fresh_runtime() -> Iterator[None]:
    """Forget the process runtime and stamp before and after (a test changes what they are built from)."""
    from calcidx.runtime import reset_runtime

    reset_runtime()
    pipeline.pipeline_stamp.cache_clear()
    yield
    reset_runtime()
    pipeline.pipeline_stamp.cache_clear()


def new_version(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """Make the next runtime carry another calcidx version, hence another pipeline stamp."""
    import calcidx
    import calcidx.runtime
    from calcidx.runtime import reset_runtime

    monkeypatch.setattr(calcidx, "__version__", version)
    monkeypatch.setattr(calcidx.runtime, "__version__", version)
    reset_runtime()
    pipeline.pipeline_stamp.cache_clear()


@pytest.mark.usefixtures("fresh_runtime")
def test_new_stamp_rereads_only_with_reprocess_and_keeps_history(
    registry: Registry, small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = small_corpus / "reports"
    ingest([str(reports)], registry, workers=0)
    first = counts(registry)
    cases_before = len(load_cases(registry)[0])
    new_version(monkeypatch, "0.1.0.post-test")
    plain = ingest([str(reports)], registry, workers=0)
    assert plain.stored == 0 and plain.unchanged == 6
    with registry.session() as session:  # as if stored by an older way of computing signatures
        session.execute(update(m.Document).values(minhash=[0] * NUM_PERM, minhash_scheme=1))
    redo = ingest([str(reports)], registry, workers=0, reprocess=True)
    assert redo.stored == 6
    with registry.session() as session:  # a new reading renews each signature
        for source, sig, scheme in session.execute(
            select(m.Document.source, m.Document.minhash, m.Document.minhash_scheme)
        ):
            assert scheme == SCHEME and sig == signature(Path(source).read_text(encoding="utf-8"))
    after = counts(registry)
    assert after["documents"] == first["documents"]
    assert after["extractions"] == 2 * first["extractions"]
    assert after["cases"] == 2 * first["cases"]  # the old cases stay, as history
    with registry.session() as session:
        stamps = dict(
            session.execute(
                select(m.Extraction.stamp, func.count()).where(m.Extraction.current).group_by(m.Extraction.stamp)
            ).all()
        )
    assert list(stamps) == [pipeline.pipeline_stamp()] and "0.1.0.post-test" in pipeline.pipeline_stamp()
    assert list(stamps.values()) == [6]
    assert len(load_cases(registry)[0]) == cases_before  # a series counts each document once
    again = ingest([str(reports)], registry, workers=0, reprocess=True)
    assert again.stored == 0 and counts(registry) == after


def test_duplicates_same_doi_and_near_identical_text(registry: Registry, tmp_path: Path) -> None:
    text = report(11, seed=5).text
    folder = tmp_path / "dups"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("Discussion", "Comment"), encoding="utf-8")  # other bytes
    other = report(12, seed=5).text
    lines = [
        json.dumps({"text": other, "doi": "10.5555/Same.1"}),
        json.dumps({"text": report(13, seed=5).text, "doi": "https://doi.org/10.5555/same.1"}),
    ]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ingest([str(folder)], registry, workers=0)
    assert summary.stored == 4
    kept, left_out = load_cases(registry)
    assert left_out == 2 and len(kept) == 2
    with registry.session() as session:
        reasons = sorted(session.scalars(select(m.Case.duplicate_reason).where(m.Case.duplicate_of.is_not(None))))
    assert reasons[0].startswith("near-identical text") and reasons[1] == "same DOI 10.5555/same.1"
    everything, none_left = load_cases(registry, filters=_with_duplicates())
    assert len(everything) == 4 and none_left == 0
    # signatures of different schemes are never compared: only the DOI pair is left
    with registry.session() as session:
        session.execute(update(m.Document).where(m.Document.source.like("%b.txt")).values(minhash_scheme=1))
    assert mark_duplicates(registry) == 1
    with registry.session() as session:  # the near-identical flag is cleared, the DOI one kept
        reasons = list(session.scalars(select(m.Case.duplicate_reason).where(m.Case.duplicate_of.is_not(None))))
    assert reasons == ["same DOI 10.5555/same.1"]


def _with_duplicates():  # type: ignore[no-untyped-def]
    from calcidx.registry.series import Filters

    return Filters(include_duplicates=True)


def test_medline_file_items_carry_pmid_doi_and_year(registry: Registry, tmp_path: Path) -> None:
    from tests.registry.synthetic import medline_xml

    path = tmp_path / "pubmed.xml"
    relevant = medline_xml(path, 60, relevant_every=20)
    summary = ingest([str(path)], registry, workers=0)
    assert summary.stored == relevant == 3 and summary.skipped == 57
    with registry.session() as session:
        docs = session.scalars(select(m.Document).order_by(m.Document.pmid)).all()
        assert [d.pmid for d in docs] == ["90000000", "90000020", "90000040"]
        assert docs[1].doi == "10.9999/synthetic.90000020" and docs[1].year == 2010
        locations = session.scalars(select(m.Provenance.location)).all()
        assert all("#PMID:" in loc for loc in locations)
