def check(value):
    # expect: python-standards/type-comparison
    if type(value) == dict:
        return 1
    # ok: python-standards/type-comparison
    if isinstance(value, dict):
        return 2
    return 0
