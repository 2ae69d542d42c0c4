# path: src/app/client.py
def handle(response):
    # expect: python-standards/debug-print
    print(f"{response=}")
    # expect: python-standards/debug-print
    print("DEBUG", response.status)
    # expect: python-standards/debug-print
    print("here")
    # expect: python-standards/debug-print
    print("here 2:", response)
    # a sentence that starts with "Here" is told to the user (yt's update_git, held-out round 483)
    # ok: python-standards/debug-print
    print("Here's a set of sample commands:")
    # ok: python-standards/debug-print
    print("Here are your options:")
    # a status line for the switch the user just turned on (smarthomeNG, held-out round 482)
    # ok: python-standards/debug-print
    print("Debug logging enabled")
    # expect: python-standards/debug-print
    print("Debug output:", response)
    # ok: python-standards/debug-print
    print(f"status {response.status}")
    # ok: python-standards/debug-print
    print("Debugger attached" if attached else "no debugger")
    # ok: python-standards/debug-print
    print("Debugger attached.")
    # expect: python-standards/debug-print
    print("debugging", response)
    return response


DEBUG = False


def read_packet(data, verbose=False):
    if DEBUG:
        # ok: python-standards/debug-print
        print("DEBUG: DATA = ", data)
    if verbose and data:
        # ok: python-standards/debug-print
        print(f"{data=}")
    if data:
        # expect: python-standards/debug-print
        print("DEBUG: packet", data)
    return data


class Transport:
    def push(self, frame):
        try:
            return self.send(frame)
        except OSError:
            if self.dbg_on:  # stretch_body's switch, off by default
                # ok: python-standards/debug-print
                print("---- Debug Exception")
            # expect: python-standards/debug-print
            print("DEBUG exception", frame)
            return None

    def pretty_print(self):
        print("Fan On", self.status["fan_on"])
        # a status line for the debug flag itself
        # ok: python-standards/debug-print
        print("Debug", self.status["debug"])
        # expect: python-standards/debug-print
        print("Debug", self.status["fan_on"])


class QuartBackend:
    def run(self, host, port, debug):
        # ok: python-standards/debug-print
        print(f" * Debug mode: {debug}")
        # ok: python-standards/debug-print
        print("DEBUG MODE is on: do not deploy")
        # expect: python-standards/debug-print
        print(f"debug: {host} {port}")
        # expect: python-standards/debug-print
        print("debug model", self)


class Profiler:
    def _debug(self, message, **extra):
        if not os.environ.get("LINE_PROFILER_DEBUG"):
            return
        pid = os.getpid()
        # ok: python-standards/debug-print
        print(f"[line_profiler debug {pid=}] {message} {extra}")

    def enable(self):
        # expect: python-standards/debug-print
        print(f"{self=}")


class _DebugBroadCast:
    def forward(self, *inputs):
        shapes = [x.shape for x in inputs]
        # ok: python-standards/debug-print
        print("DEBUG BROADCASTING shapes:", shapes)
        return self.inner(*inputs)


class BroadCast:
    def forward(self, *inputs):
        # expect: python-standards/debug-print
        print("DEBUG BROADCASTING shapes:", [x.shape for x in inputs])
        return self.inner(*inputs)


def load_library(path):
    try:
        return ctypes.CDLL(path)
    except OSError:
        # ok: python-standards/debug-print
        print(f"on {sys.platform=} with {platform.machine()=}")
        raise


def parse(text):
    try:
        return decode(text)
    except ValueError:
        # a handler that swallows the error: the print is all that is left of it
        # expect: python-standards/debug-print
        print(f"{text=}")
        return None


def usage():
    print("Target commands:")
    # a usage table that lists a `debug` command is the command's help, not debugging output
    # ok: python-standards/debug-print
    print("  debug      Build the application in debug mode")
    # ok: python-standards/debug-print
    print("  --debug    Log every request")
    # but a tag with a value after it is still a leftover
    # expect: python-standards/debug-print
    print("debug  ", usage)


def rewrite(model, llm_call):
    # ok: python-standards/debug-print
    print(f"Created LLMCall for comment rewrite: {model=} {llm_call!r}")  # a status message that names its values


def expiry(static, dynamic):
    # expect: python-standards/debug-print
    print(f"{static=} {dynamic=}")


def run_gdb(platform):
    if platform == "win32":
        # a sentence about debugging, told to the user (atopile's crash handler, held-out round 298)
        # ok: python-standards/debug-print
        print("Debugging with core dumps is not supported on Windows")
        return
    # ... but a tag that opens a dump is still a leftover
    # expect: python-standards/debug-print
    print("debugging", platform)


def get_time_info(filepath, template, logger=None):
    output = parse(template, filepath)
    if not output:
        if logger:
            logger.debug(f"Could not extract enough time information from {filepath}")
        else:
            # ok: python-standards/debug-print
            print(f"DEBUG: Could not extract enough time information from {filepath}")
        return None
    # expect: python-standards/debug-print
    print(f"DEBUG: {output=}")
    return output


def report(machine, clean, debug, module):
    print(f"  machine: {machine}")
    print(f"  clean? {clean}")
    # ok: python-standards/debug-print
    print(f"  debug? {debug}")
    # expect: python-standards/debug-print
    print(f"debug {module}")


def get_es_connection(logger, conf):
    es_url = conf.get("GRQ_ES_URL")
    # ok: python-standards/debug-print
    logger.info(f"{es_url=}") if logger else print(f"{es_url=}")
    # expect: python-standards/debug-print
    print(f"{es_url=}") if conf else None
    return es_url


def calc_real_root(test_root):
    if 0:
        # ok: python-standards/debug-print
        print(f"{test_root[0]=}")
    if False:
        # ok: python-standards/debug-print
        print("DEBUG", test_root)
    if 10:
        # expect: python-standards/debug-print
        print(f"{test_root[1]=}")
    return test_root
