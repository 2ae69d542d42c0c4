import functools


def decorator(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@decorator
@functools.lru_cache(maxsize=None)
def cached(n: int) -> int:
    return n * 2


@decorator
async def fetch(url: str, timeout: float = 1.5) -> bytes:
    async with open_session() as s:
        return await s.get(url, timeout=timeout)


async def stream(source):
    async for chunk in source:
        yield chunk


class Outer:
    class Middle:
        class Inner:
            async def run(self, task) -> bool:
                await task
                return True

    @property
    def size(self) -> int:
        return 3

    @size.setter
    def size(self, value: int) -> None:
        self._size = value
