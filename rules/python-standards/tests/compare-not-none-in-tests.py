# path: tests/test_style.py
def test_color_set():
    # ok: python-standards/compare-not-none
    assert style.color != None
