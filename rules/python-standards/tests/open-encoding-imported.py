from gzip import open


def read_archive(path):
    # gzip.open reads bytes by default: `encoding=` would raise ValueError
    # ok: python-standards/open-encoding
    with open(path) as fh:
        return fh.read()

