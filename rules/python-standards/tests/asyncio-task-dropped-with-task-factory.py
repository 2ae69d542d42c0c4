import asyncio

_running_tasks = set()


def _set_custom_task_factory(loop):
    """Keep a strong reference to every task until it completes (electrum's util.py)."""
    default = loop.get_task_factory() or asyncio.Task

    def factory(loop_, coro, **kwargs):
        task = default(coro, loop=loop_, **kwargs)
        _running_tasks.add(task)
        task.add_done_callback(_running_tasks.discard)
        return task

    loop.set_task_factory(factory)


async def claim(swap):
    # ok: python-standards/asyncio-task-dropped
    asyncio.create_task(swap.claim())
