# A method named `breakpoint` does not shadow the builtin in the module's functions.


class Session:
    def breakpoint(self):
        return 1


def load(path):
    # expect: python-standards/debugger-leftover
    breakpoint()
    return path


def run(breakpoint):
    # ok: python-standards/debugger-leftover
    breakpoint()  # a parameter: the caller's function
