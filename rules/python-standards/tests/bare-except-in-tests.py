# path: tests/test_sftp.py
def test_upload(sftp):
    try:
        sftp.put("a", "b")
    finally:
        try:
            sftp.remove("b")
        # ok: python-standards/bare-except
        except:
            pass
