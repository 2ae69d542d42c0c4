# path: examples/asyncio/wamp/rawsocket/backend.py
from datetime import datetime


async def on_join(session):
    # ok: python-standards/utcnow
    session.publish("com.myapp.hello", "Hello, world! Time is %s" % datetime.utcnow())
