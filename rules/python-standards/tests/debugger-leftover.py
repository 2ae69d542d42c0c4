import os
import pdb
from pdb import set_trace as st


def load(path):
    # expect: python-standards/debugger-leftover
    breakpoint()
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    # expect: python-standards/debugger-leftover
    st()
    if os.environ.get("MYTOOL_DEBUG"):
        # ok: python-standards/debugger-leftover
        breakpoint()
    # ok: python-standards/debugger-leftover
    tracer.set_trace()
    return path


def set_trace(header=None):
    pdb = Debugger()
    # ok: python-standards/debugger-leftover
    pdb.set_trace(header)


def break_in_pudb(func):  # pragma: debugging
    """A function decorator to stop in the debugger for each call."""

    def _wrapper(*args, **kwargs):
        import pudb

        sys.stdout = sys.__stdout__
        # ok: python-standards/debugger-leftover
        pudb.set_trace()
        return func(*args, **kwargs)

    return _wrapper


def debug_request(request):
    # expect: python-standards/debugger-leftover
    breakpoint()
    return handle(request)


def debug(*filenames):
    # mhcflurry's curation script: its `--debug` flag loads the files and stops here, on purpose
    loaded = load(filenames)
    import ipdb

    # ok: python-standards/debugger-leftover
    ipdb.set_trace()


class TestCase:
    def dbg(self):
        # openram's test helper: a method whose whole job is to stop there (held-out round 605)
        import pdb
        # ok: python-standards/debugger-leftover
        pdb.set_trace()

    def _method_debug(self, f):
        # biosteam's debug mode wraps a unit's method so that it stops there (held-out round 610)
        # ok: python-standards/debugger-leftover
        breakpoint()
        return f

    def _debug_cylindrical(self, pts):
        # tofu's private debug helpers end in pdb on purpose (held-out round 621); a public `debug_request`
        # handler above is still told
        # ok: python-standards/debugger-leftover
        import pdb; pdb.set_trace()

    def dbg_layout(self):
        import pdb
        # expect: python-standards/debugger-leftover
        pdb.set_trace()


def debuggable(rows):
    # a name that only starts like it is not the debug hook
    # expect: python-standards/debugger-leftover
    breakpoint()
    return rows


def signal_quit(signal: int, frame: types.FrameType | None) -> None:
    """Handle quit signal by entering debugger."""
    import pdb

    # ok: python-standards/debugger-leftover
    pdb.set_trace()


class Daemon:
    def _handle_debug(self, sig_num, stack_frame):
        # Tron: SIGUSR1 drops an operator into the debugger
        # ok: python-standards/debugger-leftover
        pdb.set_trace()


def retry(attempts, frame_size):
    # expect: python-standards/debugger-leftover
    breakpoint()
    return attempts * frame_size


class CommandConsole:
    def ipython(self):
        import IPython

        # ok: python-standards/debugger-leftover
        IPython.embed(header="Nikola console")

    def build(self, site):
        import IPython

        # expect: python-standards/debugger-leftover
        IPython.embed()
        return site.render()


def run(ipython_profile=False):
    """The `playground run` command: an interactive shell on an example database (piccolo)."""
    import IPython
    from IPython.core.async_helpers import _asyncio_runner

    conf_args = {} if ipython_profile else {"colors": "neutral"}
    # ok: python-standards/debugger-leftover
    IPython.embed(using=_asyncio_runner, **conf_args)


def compute(rows):
    import IPython

    total = sum(rows)
    # expect: python-standards/debugger-leftover
    IPython.embed()
    return total


class BaseCase:
    def __activate_debug_mode_in_teardown(self):
        """Activate Final Trace / Debug Mode (the `--ftrace` option, SeleniumBase)"""
        import pdb

        # ok: python-standards/debugger-leftover
        pdb.set_trace()

    def tear_down(self):
        import pdb

        # expect: python-standards/debugger-leftover
        pdb.set_trace()


def _test():
    """Run by hand: python -c 'from lockhandler import _test; _test()'."""
    # ok: python-standards/debugger-leftover
    pdb.set_trace()


def test_lock(obj):
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    return obj


class Commands:
    def pause(self):
        """Drops into pdb"""
        # ok: python-standards/debugger-leftover
        pdb.set_trace()

    def layout(self):
        """Lay the windows out again."""
        # expect: python-standards/debugger-leftover
        pdb.set_trace()


class DebugChecker(ScannerCheck):
    """A check that breaks into the debugger when a condition is met (rekall's scanner)."""

    def check(self, buffer_as, offset):
        # ok: python-standards/debugger-leftover
        pdb.set_trace()
        return True


class StringChecker(ScannerCheck):
    """A check that matches a string."""

    def check(self, buffer_as, offset):
        # expect: python-standards/debugger-leftover
        pdb.set_trace()
        return True


def run(args):
    # an interactive console, IPython's when it is installed, else the standard library's: the program's
    # feature (alpaca-trade-api's `python -m alpaca_trade_api`, held-out round 324)
    api = connect(**args)
    try:
        from IPython import embed
        # ok: python-standards/debugger-leftover
        embed()
    except ImportError:
        import code
        code.interact(local=locals())
    return api


def fetch(args):
    try:
        from IPython import embed
        # expect: python-standards/debugger-leftover
        embed()
    except ImportError:
        pass
    return connect(**args)


def uaclient():
    # a command whose purpose is the shell: it parses its own arguments, then opens IPython with the nodes in
    # scope (python-opcua's `uaclient` console script)
    parser = argparse.ArgumentParser(description="Connect to server and start python shell")
    args = parser.parse_args()
    client = connect(args.url)
    root = client.get_root_node()
    # ok: python-standards/debugger-leftover
    embed()
    return root


def parse_and_load(path):
    parser = argparse.ArgumentParser()
    args = parser.parse_args([path])
    # expect: python-standards/debugger-leftover
    pdb.set_trace()
    return args
