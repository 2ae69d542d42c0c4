# path: included_dependencies/cloudscraper/interpreters/v8.py
# FanFicFare's copy of cloudscraper: vendored code, fixed upstream, not here.
def eval(body):
    try:
        return run(body)
    except Exception:
        # ok: python-standards/exception-not-raised
        ValueError("Error executing Cloudflare IUAM Javascript")
