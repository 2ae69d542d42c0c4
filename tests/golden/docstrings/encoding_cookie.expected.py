# -*- coding: latin-1 -*-
"""Café module: latin-1 bytes must stay latin-1."""


def café_name():
    """Café name.

    Returns:
        The result.
    """
    return "crème brûlée"
