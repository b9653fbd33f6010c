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
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"


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


def test_a_registry_at_the_first_migration_is_upgraded(registry_url: str) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    engine = create_engine(registry_url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("calcidx.registry") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    assert "concordance" not in {c["name"] for c in inspect(engine).get_columns("stated_diagnoses")}
    engine.dispose()
    registry = open_registry(registry_url)
    try:
        assert "concordance" in {c["name"] for c in inspect(registry.engine).get_columns("stated_diagnoses")}
    finally:
        registry.close()


def _at_revision(url: str, revision: str, *, down: bool = False) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("calcidx.registry") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
    engine.dispose()


def test_revision_3_keeps_the_assessment_once_and_names_old_signatures(registry_url: str) -> None:
    import json

    from sqlalchemy import create_engine, inspect

    _at_revision(registry_url, "0002")
    assessment = {"subtype": {"code": "dystrophic", "certainty": "probable"}, "rationale": ["a reason"]}
    case = {"patient": {"age_years": 40}, "assessment": assessment}
    engine = create_engine(registry_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO ingestion_runs (id, started_at, status, stamp, inputs, workers, reprocess, seen, stored,"
                " unchanged, skipped, failed) VALUES (1, CURRENT_TIMESTAMP, 'completed', 's', '[]', 1, false, 1, 1,"
                " 0, 0, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, created_at, characters, minhash) VALUES"
                " ('d1', CURRENT_TIMESTAMP, 10, '[1, 2, 3]'), ('d2', CURRENT_TIMESTAMP, 0, NULL)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO extractions (id, document_id, run_id, stamp, status, current, warnings, created_at)"
                " VALUES (1, 'd1', 1, 's', 'ok', true, '[]', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text("INSERT INTO cases (id, extraction_id, document_id, patient_index, data) VALUES (1, 1, 'd1', 1, :d)"),
            {"d": json.dumps(case)},
        )
        connection.execute(
            text(
                "INSERT INTO assessments (case_id, subtype, associated_conditions, data)"
                " VALUES (1, 'dystrophic', '[]', :d)"
            ),
            {"d": json.dumps(assessment)},
        )
    engine.dispose()
    registry = open_registry(registry_url)  # upgrades to the newest revision
    try:
        assert "data" not in {c["name"] for c in inspect(registry.engine).get_columns("assessments")}
        with registry.engine.connect() as connection:
            schemes = dict(connection.execute(text("SELECT id, minhash_scheme FROM documents")).all())
            assert schemes == {"d1": 1, "d2": None}
            assert connection.execute(text("SELECT subtype FROM assessments")).scalar_one() == "dystrophic"
    finally:
        registry.close()
    _at_revision(registry_url, "0002", down=True)
    engine = create_engine(registry_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT data FROM assessments")).scalar_one()
            assert (json.loads(stored) if isinstance(stored, str) else stored) == assessment
    finally:
        engine.dispose()
