def kind(value):
    # expect: python-standards/type-comparison
    if isinstance(value, dict):
        return "mapping"
    # ok: python-standards/type-comparison
    if isinstance(value, list):
        return "list"
    # ok: python-standards/type-comparison
    return type(value) is int
