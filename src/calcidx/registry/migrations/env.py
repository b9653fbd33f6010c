"""Alembic environment of the registry: run by ``calcidx.registry.database.migrate``.

The caller passes an open connection in ``config.attributes["connection"]``; nothing here reads a
URL from a file or the environment.
"""

from __future__ import annotations

from alembic import context

from calcidx.registry.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the registry migrations through calcidx.registry.database.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
