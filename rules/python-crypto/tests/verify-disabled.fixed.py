import httpx
import requests

# expect: python-crypto/verify-disabled
r = requests.get(url, verify=True)
# expect: python-crypto/verify-disabled
client = httpx.Client(verify=True, timeout=5)
# ok: python-crypto/verify-disabled
r = requests.get(url, verify="/etc/ssl/ca.pem")
# ok: python-crypto/verify-disabled
r = requests.get(url)
