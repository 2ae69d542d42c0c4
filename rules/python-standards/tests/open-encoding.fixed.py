def read(path):
    # expect: python-standards/open-encoding
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    # expect: python-standards/open-encoding
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    # ok: python-standards/open-encoding
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    # ok: python-standards/open-encoding
    with open(path, "rb") as fh:
        data = fh.read()
    # ok: python-standards/open-encoding
    with open(path, mode="wb") as fh:
        fh.write(data)
    return text


def copy(path, mode, data):
    # ok: python-standards/open-encoding
    with open(path, mode) as fh:
        fh.write(data)
    # ok: python-standards/open-encoding
    with open(path, mode=mode) as fh:
        fh.write(data)
    # ok: python-standards/open-encoding
    with open(path, "r" + suffix) as fh:
        return fh.read()
    # ok: python-standards/open-encoding
    with open(path, "r", -1, "utf-8") as fh:
        return fh.read()
    # expect: python-standards/open-encoding
    with open(path, newline="", encoding="utf-8") as fh:
        return fh.read()


def mirror():
    # ok: python-standards/open-encoding
    return open(1, "w", closefd=False)


def load_key(key_file, known_hosts_path):
    # ok: python-standards/open-encoding
    with open(key_file) as f:
        return f.read()
