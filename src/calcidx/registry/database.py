"""Where the registry lives and how to open it: URL, engine, migrations, sessions.

The default is a SQLite file in the user's data directory (write-ahead log on); set
``CALCIDX_DATABASE_URL`` (or pass a URL) for PostgreSQL, e.g.
``postgresql+psycopg://user:password@host:5432/calcidx``. The schema is created and upgraded by
the Alembic migrations shipped in the package, applied when the registry is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from calcidx.errors import InputError
from calcidx.registry.rows import RawJSON

__all__ = ["ENV_URL", "Registry", "default_url", "json_text", "migrate", "open_registry", "redact"]

#: Environment variable naming the registry database (an SQLAlchemy URL).
ENV_URL = "CALCIDX_DATABASE_URL"
ALLOWED = "allowed: sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB"


def default_url() -> str:
    """``CALCIDX_DATABASE_URL`` if set, else a SQLite file in the user's data directory."""
    from_env = os.environ.get(ENV_URL, "").strip()
    if from_env:
        return from_env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("calcidx", appauthor=False))
    return f"sqlite:///{folder / 'registry.sqlite'}"


def redact(url: str) -> str:
    """The URL with its password hidden (for messages)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def json_text(value: Any) -> str:
    """JSON columns' text, written by pydantic-core's serializer (Rust; several times faster than
    the standard library on the registry's large case documents, and the same JSON values).
    Text a worker already encoded (``RawJSON``) is stored as it is."""
    if isinstance(value, RawJSON):
        return str(value)
    return to_json(value).decode("utf-8")


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise InputError(f"database URL {redact(url)!r} is not a URL; {ALLOWED}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30}, json_serializer=json_text)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, json_serializer=json_text)
    raise InputError(f"database URL {redact(url)!r}: {backend!r} is not supported; {ALLOWED}")


def migrate(engine: Engine) -> None:
    """Create or upgrade the registry schema to the newest migration (Alembic, programmatic)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("calcidx.registry") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass
class Registry:
    """An open registry: its URL, engine and session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def tables(self) -> list[str]:
        """Names of the tables in the database."""
        return sorted(inspect(self.engine).get_table_names())

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()


def open_registry(url: str | None = None) -> Registry:
    """Open (and migrate) the registry at ``url``, ``CALCIDX_DATABASE_URL`` or the default file.

    Raises:
        InputError: the URL is malformed, names an unsupported database, or cannot be reached.
    """
    url = url or default_url()
    engine = _engine(url)
    try:
        migrate(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise InputError(f"cannot open the registry at {redact(url)}: {reason}") from exc
    return Registry(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
