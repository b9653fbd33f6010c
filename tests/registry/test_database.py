from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from calcidx.errors import InputError
from calcidx.registry.database import ENV_URL, Registry, default_url, open_registry

TABLES = {
    "assessments",
    "cases",
    "documents",
    "extractions",
    "findings",
    "ingestion_runs",
    "labs",
    "lesions",
    "provenance",
    "skipped_articles",
    "stated_diagnoses",
    "treatments",
}


def test_migrations_create_every_table(registry: Registry) -> None:
    assert set(registry.tables()) >= TABLES
    with registry.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"


def test_opening_twice_keeps_the_schema(registry_url: str) -> None:
    first = open_registry(registry_url)
    first.close()
    second = open_registry(registry_url)
    try:
        assert set(second.tables()) >= TABLES
    finally:
        second.close()


def test_sqlite_uses_write_ahead_log(sqlite_registry: Registry) -> None:
    with sqlite_registry.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_default_url_is_env_or_user_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_URL, "postgresql+psycopg://u:p@127.0.0.1:5/x")
    assert default_url() == "postgresql+psycopg://u:p@127.0.0.1:5/x"
    monkeypatch.delenv(ENV_URL)
    url = default_url()
    assert url.startswith("sqlite:///") and url.endswith("registry.sqlite")
    assert "calcidx" in url


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://u@h/db", "not supported"), ("not a url at all", "not a URL")],
)
def test_bad_urls_are_one_line_input_errors(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        open_registry(url)


def test_unreachable_postgres_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open the registry"):
        open_registry("postgresql+psycopg://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
