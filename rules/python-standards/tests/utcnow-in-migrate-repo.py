# path: lib/rucio/db/sqla/migrate_repo/versions/d1189a09c6e0_oauth2_0_and_jwt_feature_support_adding_.py
# sqlalchemy-migrate's folder name, which alembic projects keep: a migration, applied once as written.
import datetime

import sqlalchemy as sa


def upgrade():
    # ok: python-standards/utcnow
    sa.Column("expired_at", sa.DateTime, default=datetime.datetime.utcnow() + datetime.timedelta(seconds=3600))
