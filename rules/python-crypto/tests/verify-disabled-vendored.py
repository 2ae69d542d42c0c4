# path: src/mypkg/_vendor/legacy_client/api.py
import requests

# ok: python-crypto/verify-disabled
r = requests.get(url, verify=False)
