# path: invenio_oauthclient/alembic/bff1f190b9bd_add_timestamp_oauthclient.py
# An Alembic revision script outside a `versions/` folder (Invenio's `<package>/alembic/`): its `down_revision` and
# `upgrade()` say what it is, a migration applied once.
from datetime import datetime

from alembic import op

revision = "bff1f190b9bd"
down_revision = "97bbc733896c"


def upgrade():
    """Upgrade database."""
    # ok: python-standards/utcnow
    current_date = datetime.utcnow()
    op.execute(f"UPDATE oauthclient_remoteaccount SET created = '{current_date}'")
