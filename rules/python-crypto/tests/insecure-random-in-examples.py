# path: docs/scripts/clirecording/clidirector.py
import random


def press_key(self, key, count=1, pause=0.2):
    for _ in range(count):
        # ok: python-crypto/insecure-random
        real_pause = random.uniform(0, pause) + 0.4 * pause
        self.send(key, real_pause)
