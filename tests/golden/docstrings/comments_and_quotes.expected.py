#!/usr/bin/env python3
# A leading comment block.

'''Module docstring in single quotes.'''

x = {'a': 1}  # trailing comment


def first():  # comment on the def line
    """First.

    Returns:
        The result.
    """
    # a comment before the first statement
    return 'single quotes stay'


def spaced():
    """Spaced.

    Returns:
        The result.
    """

    # blank line, then a comment


    return  x['a']   # odd spacing is kept


def ellipsis_body():
    """Ellipsis body."""
    ...


def pass_body():
    """Pass body."""
    pass


def one_liner(a, b):  # trailing comment survives
    """One liner.

    Args:
        a: The a.
        b: The b.

    Returns:
        The result.
    """
    return a + b


def semicolons():
    """Semicolons.

    Returns:
        The result.
    """
    x = 1; y = 2; return x + y


class Empty:
    """Empty."""
    ...
