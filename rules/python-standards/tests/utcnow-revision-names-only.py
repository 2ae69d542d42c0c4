# path: app/releases/notes.py
# Ordinary code that only names a revision (no `upgrade()`): not a migration.
from datetime import datetime

down_revision = "1.2"


def stamp():
    # expect: python-standards/utcnow
    return datetime.utcnow().isoformat()
