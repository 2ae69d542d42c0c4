# path: integration/_support/parsing.py
# invoke's top-level integration suite: a task whose printed output the test asserts


def use_remainder(c, known, optional):
    # ok: python-standards/debug-print
    print(f"{known=}, {optional=}, remainder={c.remainder!r}")
