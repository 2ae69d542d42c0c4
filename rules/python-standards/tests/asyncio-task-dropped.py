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


def delete_later(message, delay):
    async def inner_call():
        try:
            await asyncio.sleep(delay)
            await message.delete()
        except HTTPException:
            pass

    # ok: python-standards/asyncio-task-dropped
    asyncio.create_task(inner_call())


def delete_later_unguarded(message, delay):
    async def inner_call():
        await asyncio.sleep(delay)
        await message.delete()

    # expect: python-standards/asyncio-task-dropped
    asyncio.create_task(inner_call())


def on_voice_update(coro):
    # ok: python-standards/asyncio-task-dropped
    asyncio.create_task(logging_coroutine(coro, info="voice state update"))
    # expect: python-standards/asyncio-task-dropped
    asyncio.create_task(blog_post(coro))


def poll_accessory(loop, accessory):
    # ok: python-standards/asyncio-task-dropped
    asyncio.ensure_future(loop.run_in_executor(None, accessory.run))
    # ok: python-standards/asyncio-task-dropped
    asyncio.ensure_future(asyncio.wrap_future(pool.submit(accessory.run)))
    # expect: python-standards/asyncio-task-dropped
    asyncio.ensure_future(accessory.run_async())
