"""Module docstring stays as it is."""

import contextlib
from typing import Iterator, Optional


def parse_header(line: str, sep: str = ":", *, strict: bool = False) -> tuple[str, str]:
    """Parse header.

    :param line: The line.
    :type line: str
    :param sep: The sep. Defaults to ":".
    :type sep: str
    :param strict: The strict. Defaults to False.
    :type strict: bool
    :returns: The result.
    :rtype: tuple[str, str]
    :raises ValueError: If ValueError is raised.
    :raises errors.EncodingError: If EncodingError is raised.
    """
    if sep not in line:
        raise ValueError(f"no {sep!r} in {line!r}")
    if strict and not line.isascii():
        raise errors.EncodingError(line)
    key, _, value = line.partition(sep)
    return key.strip(), value.strip()


def walk(root, *patterns, **options) -> Iterator[str]:
    """Walk.

    :param root: The root.
    :param patterns: The patterns.
    :param options: The options.
    :yields: The values produced.
    :ytype: str
    """
    for p in patterns:
        yield root + p


def untyped_returner(a, b=None):
    """Untyped returner.

    :param a: The a.
    :param b: The b. Defaults to None.
    :returns: The result.
    """
    def helper():
        return 1
    return a or b


def no_return(items: list[int]) -> None:
    """No return.

    :param items: The items.
    :type items: list[int]
    """
    items.clear()


def documented(x):
    """Already documented: left alone."""
    return x


def reraise(x):
    """Reraise.

    :param x: The x.
    :returns: The result.
    """
    try:
        return int(x)
    except ValueError as err:
        raise err
    except TypeError:
        raise


class Config:
    """Config.

    :param path: The path.
    :type path: str
    :param debug: The debug. Defaults to False.
    :type debug: bool
    """

    def __init__(self, path: str, debug: bool = False) -> None:
        self.path = path

    def load(self) -> dict:
        """Load.

        :returns: The result.
        :rtype: dict
        """
        return {}

    @staticmethod
    def from_env(name: str) -> "Config":
        """From env.

        :param name: The name.
        :type name: str
        :returns: The result.
        :rtype: Config
        """
        return Config(name)

    @classmethod
    def default(cls, debug=False):
        """Default.

        :param debug: The debug. Defaults to False.
        :returns: The result.
        """
        return cls("x", debug)
