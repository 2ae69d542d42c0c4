import crypt
import hashlib
import hashlib as h
from Crypto.Hash import MD5

# --- a stored or checked password verifier
# expect: python-crypto/weak-password-hash
password_hash = hashlib.md5(password.encode()).hexdigest()
# expect: python-crypto/weak-password-hash
user.password = h.sha1(password + salt).hexdigest()
# expect: python-crypto/weak-password-hash
db.insert(name=name, pw_hash=MD5.new(password).hexdigest())
# expect: python-crypto/weak-password-hash
row = {"hashed_password": hashlib.new("md5", password.encode()).hexdigest()}


def hash_password(password):
    # expect: python-crypto/weak-password-hash
    return hashlib.sha1(password.encode()).hexdigest()


def check_password(user, password):
    # expect: python-crypto/weak-password-hash
    return hashlib.md5(password.encode()).hexdigest() == user.password_hash


# expect: python-crypto/weak-password-hash
y = crypt.crypt(word, crypt.METHOD_MD5)
# expect: python-crypto/weak-password-hash
z = crypt.mksalt(method=crypt.METHOD_CRYPT)

# ok: python-crypto/weak-password-hash
good = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
# ok: python-crypto/weak-password-hash
cache_key = hashlib.md5(url.encode()).hexdigest()
# ok: python-crypto/weak-password-hash
legacy = hashlib.md5(password_reset_url.encode(), usedforsecurity=False)
# ok: python-crypto/weak-password-hash
password_hash = hashlib.sha256(password.encode()).hexdigest()
# ok: python-crypto/weak-password-hash
ab = crypt.mksalt(crypt.METHOD_SHA512)


# --- a service's or a format's scheme the code must reproduce (real code: beets, streamlink, oscrypto, scapy)
def authenticate(session, user, password):
    payload = {
        "username": user,
        # ok: python-crypto/weak-password-hash
        "password": hashlib.sha1(password.encode("utf-8")).hexdigest(),
    }
    return session.post("/Users/AuthenticateByName", json=payload)


def subsonic_token(password, salt):
    # ok: python-crypto/weak-password-hash
    token = hashlib.md5((password + salt).encode("utf-8")).hexdigest()
    return {"t": token, "s": salt}


def evp_bytestokey(password, salt, key_len, iv_len):
    d = d_i = b""
    while len(d) < key_len + iv_len:
        # ok: python-crypto/weak-password-hash
        d_i = hashlib.md5(d_i + password + salt).digest()
        d += d_i
    return d[:key_len], d[key_len:key_len + iv_len]


def response_authenticator(data, shared_secret):
    # ok: python-crypto/weak-password-hash
    return hashlib.md5(data + shared_secret).digest()


# --- NTLM's NT hash is MD4 of the password by protocol (ldap3's ntlm.py)
from Crypto.Hash import MD4


def ntowf_v2(self):
    # ok: python-crypto/weak-password-hash
    password_digest = MD4.new(self._password.encode("utf-16-le")).digest()
    return password_digest


# --- a legacy scheme the stored hash names (mitmproxy's htpasswd): bcrypt is the other branch
def check_password(users, username, password):
    pwhash = users[username]
    if pwhash.startswith("{SHA}"):
        # ok: python-crypto/weak-password-hash
        digest = hashlib.sha1(password.encode("utf-8")).digest()
        return pwhash[5:] == base64.b64encode(digest).decode("ascii")
    return bcrypt.checkpw(password.encode("utf-8"), pwhash.encode("utf-8"))


# --- the scheme the server keeps, by its name (community.postgresql's postgresql_user): SCRAM is the other branch
from hashlib import md5  # noqa: E402


def password_changing(cursor, user, password, current_password):
    default_pw_encryption = get_passwd_encryption(cursor)
    if default_pw_encryption == 'md5':
        # ok: python-crypto/weak-password-hash
        hashed_password = 'md5{0}'.format(md5(to_bytes(password) + to_bytes(user)).hexdigest())
        return hashed_password != current_password
    elif default_pw_encryption == 'scram-sha-256':
        return True


def store_password(user, password, scheme):
    if scheme == 'pbkdf2':
        return
    # expect: python-crypto/weak-password-hash
    user.password_hash = hashlib.md5(password.encode("utf-8")).hexdigest()


def set_password(user, password, legacy):
    if legacy:
        # expect: python-crypto/weak-password-hash
        user.password_hash = hashlib.md5(password.encode("utf-8")).hexdigest()
    else:
        user.password_hash = argon2.hash(password)


def cached_payload(token, cache):
    # ok: python-crypto/weak-password-hash
    token_hash = hashlib.sha1(token.encode("utf-8")).hexdigest()  # a lookup key for a random token (confidant)
    return cache.get(token_hash)


def save_secret(user, secret):
    # expect: python-crypto/weak-password-hash
    user.secret_hash = hashlib.md5(secret.encode()).hexdigest()


# --- a digest handed to a password hasher that hashes it again (django-vue-admin, held-out round 644)
class User(AbstractUser):
    def set_password(self, raw_password):
        # ok: python-crypto/weak-password-hash
        super().set_password(hashlib.md5(raw_password.encode(encoding="UTF-8")).hexdigest())


def store_password(user, password):
    # ok: python-crypto/weak-password-hash
    user.password = make_password(hashlib.md5(password.encode()).hexdigest())


def set_password(self, raw_password):
    # the digest itself is what is stored: still flagged
    # expect: python-crypto/weak-password-hash
    self.password = hashlib.md5(raw_password.encode()).hexdigest()
