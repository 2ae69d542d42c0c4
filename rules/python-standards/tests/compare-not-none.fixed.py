def check(value):
    # expect: python-standards/compare-not-none
    if value.name is not None:
        return 1
    # ok: python-standards/compare-not-none
    if value is not None:
        return 2
