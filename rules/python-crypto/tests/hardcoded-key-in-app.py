# path: app/settings.py
# the same line in the application itself is a finding
# expect: python-crypto/hardcoded-key
SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
