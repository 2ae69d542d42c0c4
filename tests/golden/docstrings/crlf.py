# golden: style=google
import os


def crlf_function(path, mode="r"):
    # comment
    return open(path, mode)


class CrlfClass:
    def method(self):
        return os.sep

    def one(self): return 1
