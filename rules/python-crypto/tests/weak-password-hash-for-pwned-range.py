# Have I Been Pwned's range API: the service fixes SHA-1, and only the first 5 hex digits leave the machine
import hashlib

import requests

PWNED = "https://api.pwnedpasswords.com/range/"


def check_password(password):
    # ok: python-crypto/weak-password-hash
    passhash = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()
    prefix, suffix = passhash[:5], passhash[5:]
    lines = requests.get(PWNED + prefix, timeout=10).text.splitlines()
    return any(line.split(":")[0] == suffix for line in lines)
