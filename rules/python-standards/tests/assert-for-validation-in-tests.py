# path: tests/test_scale.py
def test_scale(factor=2):
    # ok: python-standards/assert-for-validation
    assert factor > 0
