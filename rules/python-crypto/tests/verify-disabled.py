import httpx
import requests

# expect: python-crypto/verify-disabled
r = requests.get(url, verify=False)
# expect: python-crypto/verify-disabled
client = httpx.Client(verify=False, timeout=5)
# ok: python-crypto/verify-disabled
r = requests.get(url, verify="/etc/ssl/ca.pem")
# ok: python-crypto/verify-disabled
r = requests.get(url)
session = requests.Session()
# expect: python-crypto/verify-disabled
session.verify = False


class Client:
    def __init__(self, verify=True):
        self.verify = verify

    def get(self, url, verify=None):
        # ok: python-crypto/verify-disabled
        r = requests.get(url, verify=verify)
        # ok: python-crypto/verify-disabled
        return requests.get(url, verify=self.verify)

    def fetch(self, url):
        if self.insecure:
            # ok: python-crypto/verify-disabled
            return requests.get(url, verify=False)
        return requests.get(url)


class InsecureHTTPAdapter(HTTPAdapter):
    def cert_verify(self, conn, url, verify, cert):
        # ok: python-crypto/verify-disabled
        super().cert_verify(conn=conn, url=url, verify=False, cert=cert)


class Adapter(HTTPAdapter):
    def cert_verify(self, conn, url, verify, cert):
        # expect: python-crypto/verify-disabled
        super().cert_verify(conn=conn, url=url, verify=False, cert=cert)


def token_expiry(id_token):
    from google.auth import jwt

    # ok: python-crypto/verify-disabled
    return jwt.decode(id_token, verify=False)["exp"]


def fetch_token(session, url):
    # expect: python-crypto/verify-disabled
    return session.post(url, data={"grant_type": "client_credentials"}, verify=False).json()


class ChangeEmailForm:
    # ok: python-crypto/verify-disabled
    email = EmailField(validators=[EmailValidation(verify=False)])


def upload(s3_client_factory, region):
    # expect: python-crypto/verify-disabled
    return s3_client_factory("s3", region_name=region, verify=False)


def streams(session, hls_url, log):
    log.warning("SSL certificate verification is disabled.")
    # ok: python-crypto/verify-disabled
    return session.get(hls_url, verify=False)


def releases(session, url, log):
    log.warning("the release index is slow today")
    # expect: python-crypto/verify-disabled
    return session.get(url, verify=False)


def merge_driver(repo, args):
    # ok: python-crypto/verify-disabled
    ours = load_file(repo, args.ours, verify=False)
    # ok: python-crypto/verify-disabled
    return parse_variant_playlist(ours, verify=False)


def clients(base_url, url):
    # expect: python-crypto/verify-disabled
    gh = Github(base_url=base_url, verify=False)
    # expect: python-crypto/verify-disabled
    index = fetch_index(url, verify=False)
    # ok: python-crypto/verify-disabled
    data = self.get_ondisk_files(files, hsh_path, verify=False)
    # expect: python-crypto/verify-disabled
    s3 = boto3.resource("s3", verify=False)
    return gh, index, data, s3


def hub_is_up(address, port, base_url):
    # ok: python-crypto/verify-disabled
    r = requests.get("http://%s:%d%s/hub/api" % (address, port, base_url), verify=False)
    # ok: python-crypto/verify-disabled
    requests.get(f"http://{address}/health", verify=False)
    # expect: python-crypto/verify-disabled
    requests.get(f"https://{address}/health", verify=False)
    return r


# one pool each way, picked by the user's `verify` option (prefect's webhook block)
_http_transport = AsyncHTTPTransport()
# ok: python-crypto/verify-disabled
_insecure_http_transport = AsyncHTTPTransport(verify=False)
# expect: python-crypto/verify-disabled
_shared_transport = AsyncHTTPTransport(verify=False)


def url_ok(url):
    # ok: python-crypto/verify-disabled
    r = httpx.head(url, timeout=3, verify=False)
    if r.status_code in (200, 401, 302):
        # expect: python-crypto/verify-disabled
        return requests.get(url, timeout=3, verify=False).text
    return None


def release_exists(url, token):
    # a HEAD that sends a token hands it to whoever is in the middle
    # expect: python-crypto/verify-disabled
    r = requests.head(url, headers={"Authorization": f"token {token}"}, verify=False)
    return r.status_code == 200
