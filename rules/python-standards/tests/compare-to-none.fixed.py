def check(value, other):
    # expect: python-standards/compare-to-none
    if value is None:
        return 1
    # ok: python-standards/compare-to-none
    if value is None:
        return 2
    # expect: python-standards/compare-to-none
    flag = other == None
    # ok: python-standards/compare-to-none
    rows = session.query(User).filter(User.deleted_at == None)
    # ok: python-standards/compare-to-none
    return other == 0


def outer_join(a, b, keys):
    # ok: python-standards/compare-to-none
    exclusive = and_(b[k] == None for k in keys)  # SQL IS NULL through the query builder (data-diff)
    # expect: python-standards/compare-to-none
    lonely = [k for k in keys if b[k] == None]
    # expect: python-standards/compare-to-none
    unknown = any(e.duration == None for e in keys)  # a builtin reads plain truth values
    return exclusive, lonely
