# path: tests/scripts/test_retriever.py
def test_retrieve(pushes, cache):
    for push in pushes:
        try:
            value = retrieve(push)
            assert len(value) == 2
        # expect: python-standards/except-swallows-assert
        except Exception:
            cache.put(push.rev, "ERROR")
