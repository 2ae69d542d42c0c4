# path: telethon_examples/gui.py
import asyncio


def on_click(result):
    # ok: python-standards/asyncio-task-dropped
    asyncio.create_task(result)
