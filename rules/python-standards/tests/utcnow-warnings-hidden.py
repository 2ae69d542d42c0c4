# pytest addopts: --strict-markers -p no:warnings
# The project's pytest configuration hides every warning from its test runs (notifications-api's
# `addopts = -p no:warnings`): it has declined to hear of deprecations, the news `utcnow` brings.
from datetime import datetime

# ok: python-standards/utcnow
created_at = datetime.utcnow()
