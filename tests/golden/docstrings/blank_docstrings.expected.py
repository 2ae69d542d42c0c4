def empty_docstring(a):
    """Empty docstring.

    Args:
        a: The a.

    Returns:
        The result.
    """
    return a


def whitespace_docstring():
    """Whitespace docstring.

    Returns:
        The result.
    """
    return 1


def one_line_blank():
    """One line blank."""


class BlankClass:
    """Blank class."""
    x = 1
