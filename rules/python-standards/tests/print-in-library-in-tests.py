# path: tests/test_show.py
def test_show(capsys):
    # ok: python-standards/print-in-library
    print("debugging the test")
