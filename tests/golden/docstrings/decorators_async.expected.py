import functools


def decorator(func):
    """Decorator.

    Args:
        func: The func.

    Returns:
        The result.
    """
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@decorator
@functools.lru_cache(maxsize=None)
def cached(n: int) -> int:
    """Cached.

    Args:
        n (int): The n.

    Returns:
        int: The result.
    """
    return n * 2


@decorator
async def fetch(url: str, timeout: float = 1.5) -> bytes:
    """Fetch.

    Args:
        url (str): The url.
        timeout (float): The timeout. Defaults to 1.5.

    Returns:
        bytes: The result.
    """
    async with open_session() as s:
        return await s.get(url, timeout=timeout)


async def stream(source):
    """Stream.

    Args:
        source: The source.

    Yields:
        The values produced.
    """
    async for chunk in source:
        yield chunk


class Outer:
    """Outer."""

    class Middle:
        """Middle."""

        class Inner:
            """Inner."""

            async def run(self, task) -> bool:
                """Run.

                Args:
                    task: The task.

                Returns:
                    bool: The result.
                """
                await task
                return True

    @property
    def size(self) -> int:
        """Size.

        Returns:
            int: The result.
        """
        return 3

    @size.setter
    def size(self, value: int) -> None:
        self._size = value
