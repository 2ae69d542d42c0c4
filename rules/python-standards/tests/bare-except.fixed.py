try:
    run()
# expect: python-standards/bare-except
except Exception:
    log()

try:
    run()
# ok: python-standards/bare-except
except Exception:
    log()

try:
    run()
# ok: python-standards/bare-except
except (KeyError, ValueError) as exc:
    log(exc)
