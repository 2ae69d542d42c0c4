def check(value):
    # expect: python-standards/compare-not-none
    if value.name != None:
        return 1
    # ok: python-standards/compare-not-none
    if value is not None:
        return 2


def outer_join(a, b, keys):
    # ok: python-standards/compare-not-none
    exclusive = and_(b[k] != None for k in keys)  # SQL IS NULL through the query builder (data-diff)
    # expect: python-standards/compare-not-none
    lonely = [k for k in keys if b[k] != None]
    # expect: python-standards/compare-not-none
    unknown = any(e.duration != None for e in keys)  # a builtin reads plain truth values
    return exclusive, lonely
