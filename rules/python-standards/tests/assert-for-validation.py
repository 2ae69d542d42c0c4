def scale(x, factor):
    # expect: python-standards/assert-for-validation
    assert factor > 0
    return x * factor


def total(items):
    result = sum(items)
    # ok: python-standards/assert-for-validation
    assert result is not None
    return result


def send(req, timeout):
    # ok: python-standards/assert-for-validation
    assert isinstance(timeout, float)
    # ok: python-standards/assert-for-validation
    assert _is_prepared(req)
    # ok: python-standards/assert-for-validation
    assert req is not None
    # ok: python-standards/assert-for-validation
    assert not isinstance(req, str)
    # expect: python-standards/assert-for-validation
    assert timeout > 0 and req.url
    return req
