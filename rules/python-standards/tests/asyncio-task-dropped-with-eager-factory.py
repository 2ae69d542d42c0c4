import asyncio


def setup(loop):
    # asyncio's eager factory keeps no reference: a dropped task may still be collected
    loop.set_task_factory(asyncio.eager_task_factory)


async def claim(swap):
    # expect: python-standards/asyncio-task-dropped
    asyncio.create_task(swap.claim())
