# path: examples/asyncio/asyncio-server.py
import asyncio


class H2Protocol(asyncio.Protocol):
    def data_received(self, data):
        # ok: python-standards/asyncio-task-dropped
        asyncio.ensure_future(self.send_data(data, 1))
