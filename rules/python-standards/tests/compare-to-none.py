def check(value, other):
    # expect: python-standards/compare-to-none
    if value == None:
        return 1
    # ok: python-standards/compare-to-none
    if value is None:
        return 2
    # ok: python-standards/compare-to-none
    return other == 0
