"""Module docstring stays as it is."""

import contextlib
from typing import Iterator, Optional


def parse_header(line: str, sep: str = ":", *, strict: bool = False) -> tuple[str, str]:
    if sep not in line:
        raise ValueError(f"no {sep!r} in {line!r}")
    if strict and not line.isascii():
        raise errors.EncodingError(line)
    key, _, value = line.partition(sep)
    return key.strip(), value.strip()


def walk(root, *patterns, **options) -> Iterator[str]:
    for p in patterns:
        yield root + p


def untyped_returner(a, b=None):
    def helper():
        return 1
    return a or b


def no_return(items: list[int]) -> None:
    items.clear()


def documented(x):
    """Already documented: left alone."""
    return x


def reraise(x):
    try:
        return int(x)
    except ValueError as err:
        raise err
    except TypeError:
        raise


class Config:
    def __init__(self, path: str, debug: bool = False) -> None:
        self.path = path

    def load(self) -> dict:
        return {}

    @staticmethod
    def from_env(name: str) -> "Config":
        return Config(name)

    @classmethod
    def default(cls, debug=False):
        return cls("x", debug)
