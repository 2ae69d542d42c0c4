# path: test/sql/test_types.py
def all_dialects():
    for name in NAMES:
        try:
            yield load(name)
        # ok: python-standards/swallowed-exception
        except Exception:
            pass
