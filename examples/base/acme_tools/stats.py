"""Small statistics helpers."""


def mean(values):
    """Return the arithmetic mean of a non-empty sequence."""
    return sum(values) / len(values)
