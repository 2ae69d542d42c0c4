"""Module docstring stays as it is."""

import contextlib
from typing import Iterator, Optional


def parse_header(line: str, sep: str = ":", *, strict: bool = False) -> tuple[str, str]:
    """Parse header.

    Parameters
    ----------
    line : str
        The line.
    sep : str, optional
        The sep. Default is ":".
    strict : bool, optional
        The strict. Default is False.

    Returns
    -------
    tuple[str, str]
        The result.

    Raises
    ------
    ValueError
        If ValueError is raised.
    errors.EncodingError
        If EncodingError is raised.
    """
    if sep not in line:
        raise ValueError(f"no {sep!r} in {line!r}")
    if strict and not line.isascii():
        raise errors.EncodingError(line)
    key, _, value = line.partition(sep)
    return key.strip(), value.strip()


def walk(root, *patterns, **options) -> Iterator[str]:
    """Walk.

    Parameters
    ----------
    root
        The root.
    *patterns
        The patterns.
    **options
        The options.

    Yields
    ------
    str
        The values produced.
    """
    for p in patterns:
        yield root + p


def untyped_returner(a, b=None):
    """Untyped returner.

    Parameters
    ----------
    a
        The a.
    b : optional
        The b. Default is None.

    Returns
    -------
    object
        The result.
    """
    def helper():
        return 1
    return a or b


def no_return(items: list[int]) -> None:
    """No return.

    Parameters
    ----------
    items : list[int]
        The items.
    """
    items.clear()


def documented(x):
    """Already documented: left alone."""
    return x


def reraise(x):
    """Reraise.

    Parameters
    ----------
    x
        The x.

    Returns
    -------
    object
        The result.
    """
    try:
        return int(x)
    except ValueError as err:
        raise err
    except TypeError:
        raise


class Config:
    """Config.

    Parameters
    ----------
    path : str
        The path.
    debug : bool, optional
        The debug. Default is False.
    """

    def __init__(self, path: str, debug: bool = False) -> None:
        self.path = path

    def load(self) -> dict:
        """Load.

        Returns
        -------
        dict
            The result.
        """
        return {}

    @staticmethod
    def from_env(name: str) -> "Config":
        """From env.

        Parameters
        ----------
        name : str
            The name.

        Returns
        -------
        Config
            The result.
        """
        return Config(name)

    @classmethod
    def default(cls, debug=False):
        """Default.

        Parameters
        ----------
        debug : optional
            The debug. Default is False.

        Returns
        -------
        object
            The result.
        """
        return cls("x", debug)
