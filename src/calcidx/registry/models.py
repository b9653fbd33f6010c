"""The registry's tables (SQLAlchemy 2, typed declarative mapping).

One ``Document`` per distinct original byte string (its id is the sha256 of those bytes). Each
time a pipeline reads a document it leaves one ``Extraction`` (document x pipeline stamp): the
current one carries the ``Case`` rows; older ones are kept as history. A case has its lesions
(body sites), findings, labs, treatments given, one ``Assessment`` and, when the authors state one,
a ``StatedDiagnosis``. ``Provenance`` records every place a document was seen (path, PMID, DOI);
``SkippedArticle`` lists what the pre-filter set aside; ``IngestionRun`` counts each run.

The schema is created and upgraded by the Alembic migrations in ``calcidx/registry/migrations``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Assessment",
    "Base",
    "Case",
    "Document",
    "Extraction",
    "Finding",
    "IngestionRun",
    "Lab",
    "Lesion",
    "Provenance",
    "SkippedArticle",
    "StatedDiagnosis",
    "Treatment",
]


def utcnow() -> datetime:
    """Now, in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every registry table."""


class IngestionRun(Base):
    """One ``calcidx ingest`` invocation and its counts."""

    __tablename__ = "ingestion_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")
    stamp: Mapped[str] = mapped_column(String(200))
    inputs: Mapped[list[str]] = mapped_column(JSON, default=list)
    workers: Mapped[int] = mapped_column(Integer, default=1)
    scheduler: Mapped[str | None] = mapped_column(String(200))
    reprocess: Mapped[bool] = mapped_column(Boolean, default=False)
    host: Mapped[str | None] = mapped_column(String(200))
    pid: Mapped[int | None] = mapped_column(Integer)
    seen: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class Document(Base):
    """A distinct document: the id is the sha256 (hex) of its original bytes."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingestion_runs.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    doi: Mapped[str | None] = mapped_column(String(255), index=True)
    pmid: Mapped[str | None] = mapped_column(String(32), index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    characters: Mapped[int] = mapped_column(Integer, default=0)
    minhash: Mapped[list[int] | None] = mapped_column(JSON)
    #: How ``minhash`` was computed (``calcidx.registry.minhash.SCHEME``); only equal schemes compare.
    minhash_scheme: Mapped[int | None] = mapped_column(Integer)

    extractions: Mapped[list[Extraction]] = relationship(back_populates="document", cascade="all, delete-orphan")


class Provenance(Base):
    """A place a document was seen: a file path (and item within it), a PMID, a DOI."""

    __tablename__ = "provenance"
    __table_args__ = (UniqueConstraint("document_id", "location", name="uq_provenance_document_location"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingestion_runs.id"))
    location: Mapped[str] = mapped_column(Text)
    pmid: Mapped[str | None] = mapped_column(String(32))
    doi: Mapped[str | None] = mapped_column(String(255))


class Extraction(Base):
    """One reading of a document by one pipeline stamp: ``ok`` with cases, or ``failed`` with the reason."""

    __tablename__ = "extractions"
    __table_args__ = (UniqueConstraint("document_id", "stamp", name="uq_extraction_document_stamp"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingestion_runs.id"))
    stamp: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)
    current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    knowledge: Mapped[str | None] = mapped_column(String(120))
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    document: Mapped[Document] = relationship(back_populates="extractions")
    cases: Mapped[list[Case]] = relationship(back_populates="extraction", cascade="all, delete-orphan")


class Case(Base):
    """One patient of a document, as one pipeline stamp read it."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    patient_index: Mapped[int] = mapped_column(Integer, default=1)
    age_years: Mapped[float | None] = mapped_column(Float)
    sex: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[int | None] = mapped_column(Integer)
    duplicate_reason: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, object]] = mapped_column(JSON)

    extraction: Mapped[Extraction] = relationship(back_populates="cases")
    lesions: Mapped[list[Lesion]] = relationship(cascade="all, delete-orphan")
    findings: Mapped[list[Finding]] = relationship(cascade="all, delete-orphan")
    labs: Mapped[list[Lab]] = relationship(cascade="all, delete-orphan")
    treatments: Mapped[list[Treatment]] = relationship(cascade="all, delete-orphan")
    assessment: Mapped[Assessment | None] = relationship(cascade="all, delete-orphan", uselist=False)
    stated: Mapped[StatedDiagnosis | None] = relationship(cascade="all, delete-orphan", uselist=False)


class Lesion(Base):
    """A lesion of a case: its body site and laterality."""

    __tablename__ = "lesions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    site: Mapped[str | None] = mapped_column(String(120))
    laterality: Mapped[str | None] = mapped_column(String(16))


class Finding(Base):
    """A finding or exposure of a case, with its assertion status."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    concept: Mapped[str] = mapped_column(String(120), index=True)
    assertion: Mapped[str] = mapped_column(String(16))
    site: Mapped[str | None] = mapped_column(String(120))


class Lab(Base):
    """A laboratory value of a case."""

    __tablename__ = "labs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    analyte: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(32))
    interpretation: Mapped[str | None] = mapped_column(String(16))


class Treatment(Base):
    """A treatment the case report says was given, planned or stopped, and the response reported."""

    __tablename__ = "treatments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    concept: Mapped[str | None] = mapped_column(String(120), index=True)
    status: Mapped[str] = mapped_column(String(16))
    response: Mapped[str | None] = mapped_column(Text)


class Assessment(Base):
    """The pathway's assessment of a case, as columns to filter on; its full JSON is the case's
    (``Case.data["assessment"]``), stored once."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    subtype: Mapped[str] = mapped_column(String(32), index=True)
    certainty: Mapped[str | None] = mapped_column(String(16))
    subform: Mapped[str | None] = mapped_column(String(64), index=True)
    associated_conditions: Mapped[list[str]] = mapped_column(JSON, default=list)


class StatedDiagnosis(Base):
    """The authors' own diagnosis of a case, as read from the text."""

    __tablename__ = "stated_diagnoses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    subtype: Mapped[str | None] = mapped_column(String(32))
    subform: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    concordance: Mapped[str | None] = mapped_column(String(32))


class SkippedArticle(Base):
    """A document the pre-filter set aside (no cutaneous-calcification term), listed, not dropped."""

    __tablename__ = "skipped_articles"

    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingestion_runs.id"))
    location: Mapped[str] = mapped_column(Text)
    pmid: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(200))


Index("ix_extractions_document_current", Extraction.document_id, Extraction.current)
