# path: alembic/versions/66ecf0b2aed5_add_pages_table.py
# A database migration, applied once: its naive UTC value matches the naive column it fills.
import datetime

import sqlalchemy as sa
from alembic import op


def make_timestamp():
    # ok: python-standards/utcnow
    now = datetime.datetime.utcnow()
    return now.isoformat()


def upgrade():
    op.add_column("page", sa.Column("created", sa.Text, default=make_timestamp))
