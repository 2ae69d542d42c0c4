import asyncio
from asyncio import ensure_future as spawn


async def notify_all(users, tg):
    for user in users:
        # expect: python-standards/asyncio-task-dropped
        asyncio.create_task(notify(user))
        # expect: python-standards/asyncio-task-dropped
        spawn(notify(user))
        # ok: python-standards/asyncio-task-dropped
        task = asyncio.create_task(notify(user))
        background.add(task)
        # ok: python-standards/asyncio-task-dropped
        await asyncio.create_task(notify(user))
        # ok: python-standards/asyncio-task-dropped
        tg.create_task(notify(user))
