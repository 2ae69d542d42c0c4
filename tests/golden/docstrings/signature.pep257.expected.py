"""Module docstring stays as it is."""

import contextlib
from typing import Iterator, Optional


def parse_header(line: str, sep: str = ":", *, strict: bool = False) -> tuple[str, str]:
    """Parse header.

    Arguments:
    line -- The line.
    sep -- The sep (default ":").
    strict -- The strict (default False).

    Returns: The result.

    Raises:
    ValueError -- If ValueError is raised.
    errors.EncodingError -- If EncodingError is raised.
    """
    if sep not in line:
        raise ValueError(f"no {sep!r} in {line!r}")
    if strict and not line.isascii():
        raise errors.EncodingError(line)
    key, _, value = line.partition(sep)
    return key.strip(), value.strip()


def walk(root, *patterns, **options) -> Iterator[str]:
    """Walk.

    Arguments:
    root -- The root.
    *patterns -- The patterns.
    **options -- The options.

    Yields: The values produced.
    """
    for p in patterns:
        yield root + p


def untyped_returner(a, b=None):
    """Untyped returner.

    Arguments:
    a -- The a.
    b -- The b (default None).

    Returns: The result.
    """
    def helper():
        return 1
    return a or b


def no_return(items: list[int]) -> None:
    """No return.

    Arguments:
    items -- The items.
    """
    items.clear()


def documented(x):
    """Already documented: left alone."""
    return x


def reraise(x):
    """Reraise.

    Arguments:
    x -- The x.

    Returns: The result.
    """
    try:
        return int(x)
    except ValueError as err:
        raise err
    except TypeError:
        raise


class Config:
    """Config.

    Arguments:
    path -- The path.
    debug -- The debug (default False).
    """

    def __init__(self, path: str, debug: bool = False) -> None:
        self.path = path

    def load(self) -> dict:
        """Load.

        Returns: The result.
        """
        return {}

    @staticmethod
    def from_env(name: str) -> "Config":
        """From env.

        Arguments:
        name -- The name.

        Returns: The result.
        """
        return Config(name)

    @classmethod
    def default(cls, debug=False):
        """Default.

        Arguments:
        debug -- The debug (default False).

        Returns: The result.
        """
        return cls("x", debug)
