# golden: skip_private=false skip_dunder=false skip_init=false skip_tests=false skip_nested=false skip_overload=false skip_setters=false
from typing import overload


def _private(x):
    """Private.

    Args:
        x: The x.

    Returns:
        The result.
    """
    return x


class Point:
    """Point."""

    def __init__(self, x: float, y: float = 0.0) -> None:
        """Init.

        Args:
            x (float): The x.
            y (float): The y. Defaults to 0.0.
        """
        self.x = x

    def __repr__(self) -> str:
        """Repr.

        Returns:
            str: The result.
        """
        return "Point"

    @property
    def size(self) -> int:
        """Size.

        Returns:
            int: The result.
        """
        return 3

    @size.setter
    def size(self, value: int) -> None:
        """Size.

        Args:
            value (int): The value.
        """
        self._size = value


@overload
def convert(x: int) -> int:
    """Convert.

    Args:
        x (int): The x.

    Returns:
        int: The result.
    """
    ...
def convert(x):
    """Convert.

    Args:
        x: The x.

    Returns:
        The result.
    """
    return x


def test_something():
    """Test something."""
    def inner():
        """Inner.

        Returns:
            The result.
        """
        return 1
    assert inner() == 1
