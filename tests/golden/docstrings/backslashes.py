def split_lines(text, sep="\n", pattern=r"\d+"):
    return text.split(sep)


def quotes(q='"""', other="'''"):
    return q + other


def annotated(path: 'Literal["a\\b"]') -> "str":
    return path
