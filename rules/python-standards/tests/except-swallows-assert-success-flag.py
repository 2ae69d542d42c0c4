# The try's body records success after its checks: a failed assertion leaves the flag as it was, and the test
# asserts the flag afterwards (Pyro4's SharedProxyThread, held-out round 346). A flag set before the check
# records nothing.
import threading


class SharedProxyThread(threading.Thread):
    def __init__(self, proxy):
        super().__init__()
        self.proxy = proxy
        self.terminate = False
        self.error = True

    def run(self):
        try:
            while not self.terminate:
                reply = self.proxy.multiply(5, 11)
                assert reply == 55
            self.error = False
        # ok: python-standards/except-swallows-assert
        except:
            print("Something went wrong in the thread")


def test_started_flag_records_nothing(proxy):
    started = False
    try:
        started = True
        assert proxy.multiply(5, 11) == 55
    # expect: python-standards/except-swallows-assert
    except Exception:
        pass
    return started
