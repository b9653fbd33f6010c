"""Stated diagnoses keep the service's concordance label (agrees, differs, findings_undecided, no_subtype).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 15:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("stated_diagnoses") as batch_op:
        batch_op.add_column(sa.Column("concordance", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stated_diagnoses") as batch_op:
        batch_op.drop_column("concordance")
