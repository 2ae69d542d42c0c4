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
