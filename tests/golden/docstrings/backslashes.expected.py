def split_lines(text, sep="\n", pattern=r"\d+"):
    r"""Split lines.

    Args:
        text: The text.
        sep: The sep. Defaults to "\n".
        pattern: The pattern. Defaults to r"\d+".

    Returns:
        The result.
    """
    return text.split(sep)


def quotes(q='"""', other="'''"):
    """Quotes.

    Args:
        q: The q.
        other: The other.

    Returns:
        The result.
    """
    return q + other


def annotated(path: 'Literal["a\\b"]') -> "str":
    r"""Annotated.

    Args:
        path (Literal["a\b"]): The path.

    Returns:
        str: The result.
    """
    return path
