# golden: skip_private=true skip_dunder=true skip_init=true skip_tests=true skip_nested=true min_lines=2
from typing import overload


def _private(x):
    return x


class Point:
    def __init__(self, x: float, y: float = 0.0) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"

    def norm(self) -> float:
        total = self.x ** 2 + self.y ** 2
        return total ** 0.5

    def trivial(self): return 1


class Documented:
    """Has a docstring; its __init__ stays undocumented."""

    def __init__(self, a):
        self.a = a


@overload
def convert(x: int) -> int: ...
@overload
def convert(x: str) -> str: ...
def convert(x):
    value = x
    return value


def test_something():
    assert convert(1) == 1


class TestThing:
    def check(self):
        assert True


def outer(values):
    def inner(v):
        doubled = v * 2
        return doubled
    return [inner(v) for v in values]
