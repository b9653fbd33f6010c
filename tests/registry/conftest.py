"""Registry fixtures: a fresh registry on SQLite and on PostgreSQL, and small synthetic corpora.

The PostgreSQL URL comes from ``CALCIDX_TEST_POSTGRES_URL`` (``make test`` starts a server with
``scripts/ci/postgres.sh`` and sets it). Without it the PostgreSQL cases are skipped locally and
fail in CI (``CI=true``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from calcidx.registry.database import Registry, open_registry
from calcidx.registry.models import Base
from tests.registry.synthetic import write_reports

POSTGRES_ENV = "CALCIDX_TEST_POSTGRES_URL"


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{POSTGRES_ENV} is not set in CI: run scripts/ci/postgres.sh (make postgres) first")
        pytest.skip(f"{POSTGRES_ENV} not set: run `make postgres` to test against PostgreSQL")
    return url


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or the test PostgreSQL database wiped clean."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'registry.sqlite'}"
        return
    url = _postgres_url()
    _reset_postgres(url)
    yield url
    _reset_postgres(url)


@pytest.fixture
def registry(registry_url: str) -> Iterator[Registry]:
    """An open, migrated, empty registry (SQLite and PostgreSQL)."""
    reg = open_registry(registry_url)
    yield reg
    reg.close()


@pytest.fixture
def sqlite_registry(tmp_path: Path) -> Iterator[Registry]:
    """An open, migrated, empty SQLite registry (for tests about one backend's processes)."""
    reg = open_registry(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six synthetic case reports, one unreadable PDF, and one text about something else."""
    folder = tmp_path_factory.mktemp("corpus")
    write_reports(folder / "reports", 6, seed=3)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not a PDF body")
    (folder / "other.txt").write_text(
        "Hip fracture in older adults\n\nWe followed 200 patients after surgery for a fractured hip and "
        "measured walking speed at six months.\n",
        encoding="utf-8",
    )
    return folder
