# golden: skip_private=false skip_dunder=false skip_init=false skip_tests=false skip_nested=false skip_overload=false skip_setters=false
from typing import overload


def _private(x):
    return x


class Point:
    def __init__(self, x: float, y: float = 0.0) -> None:
        self.x = x

    def __repr__(self) -> str:
        return "Point"

    @property
    def size(self) -> int:
        return 3

    @size.setter
    def size(self, value: int) -> None:
        self._size = value


@overload
def convert(x: int) -> int: ...
def convert(x):
    return x


def test_something():
    def inner():
        return 1
    assert inner() == 1
