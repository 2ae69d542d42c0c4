# path: sublack/formatter.py
# A module with a release of its own whose docstring names the repository of the tool it drives, not its own:
# the repository's name (black) does not contain the module's (formatter), so it is the project's own code and
# is reviewed (compare-to-none-in-upstream-copy.py is a copy).
"""Format the current view with https://github.com/psf/black."""

__version__ = "2.1.0"


def black_args(line_length):
    # expect: python-standards/compare-to-none
    if line_length == None:
        return []
    return ["--line-length", str(line_length)]
