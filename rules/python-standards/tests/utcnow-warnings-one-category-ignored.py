# pytest addopts: -W ignore::DeprecationWarning:botocore
# Ignoring one module's deprecations (pipelinewise's botocore filter) hides nothing else: the project
# still hears of its own deprecated calls.
from datetime import datetime

# expect: python-standards/utcnow
created_at = datetime.utcnow()
