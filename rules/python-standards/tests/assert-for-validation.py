def scale(x, factor):
    # expect: python-standards/assert-for-validation
    assert factor > 0
    return x * factor


def total(items):
    result = sum(items)
    # ok: python-standards/assert-for-validation
    assert result is not None
    return result
