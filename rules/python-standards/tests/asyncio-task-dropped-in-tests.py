# path: tests/test_server.py
import asyncio


async def test_interrupt(server):
    # ok: python-standards/asyncio-task-dropped
    asyncio.create_task(interrupt_running(server))
    await server.serve()
