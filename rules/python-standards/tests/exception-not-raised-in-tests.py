# path: tests/test_errors.py
def test_constructor_rejects_keywords():
    with pytest.raises(TypeError):
        # ok: python-standards/exception-not-raised
        ImportError("test", invalid="keyword")
