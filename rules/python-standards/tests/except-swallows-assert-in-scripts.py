# path: scripts/test_scheduling_history_retriever.py
def retrieve(pushes, cache):
    for push in pushes:
        try:
            value = (tuple(push.revs), push.backedoutby)
            cache.put(push.rev, value)
            assert len(value) == 2
            yield value
        # ok: python-standards/except-swallows-assert
        except Exception:
            cache.put(push.rev, "ERROR")
