# path: tests/test_files.py
def test_write(tmp_path):
    # ok: python-standards/open-encoding
    with open(tmp_path / "a.txt", "w") as f:
        f.write("payload")
