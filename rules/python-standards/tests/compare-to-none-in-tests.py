# path: tests/test_markup.py
def test_no_match():
    # ok: python-standards/compare-to-none
    assert RE_TAGS.match("[1]") == None
