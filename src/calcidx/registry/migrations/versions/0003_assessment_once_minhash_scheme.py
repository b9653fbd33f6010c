"""The assessment's JSON is stored once (in ``cases.data``), and each signature names its scheme.

``assessments.data`` repeated ``cases.data -> assessment`` (the assessed case's JSON holds its
assessment): the column goes, and ``downgrade`` fills it again from ``cases.data``.
``documents.minhash_scheme`` names how ``documents.minhash`` was computed; signatures stored before
this revision are of scheme 1 (``calcidx.registry.minhash.SCHEME`` is the current one), and only
signatures of one scheme are compared.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("minhash_scheme", sa.Integer(), nullable=True))
    op.execute(sa.text("UPDATE documents SET minhash_scheme = 1 WHERE minhash IS NOT NULL"))
    with op.batch_alter_table("assessments") as batch_op:
        batch_op.drop_column("data")


def downgrade() -> None:
    with op.batch_alter_table("assessments") as batch_op:
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))
    connection = op.get_bind()
    cases = sa.table("cases", sa.column("id", sa.Integer()), sa.column("data", sa.JSON()))
    assessments = sa.table("assessments", sa.column("case_id", sa.Integer()), sa.column("data", sa.JSON()))
    rows = connection.execute(sa.select(cases.c.id, cases.c.data)).all()
    for case_id, data in rows:
        assessment = (data or {}).get("assessment") if isinstance(data, dict) else None
        connection.execute(assessments.update().where(assessments.c.case_id == case_id).values(data=assessment))
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("minhash_scheme")
