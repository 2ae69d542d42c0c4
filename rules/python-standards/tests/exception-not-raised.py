def resize(size):
    if size < 0:
        # expect: python-standards/exception-not-raised
        ValueError("size must be positive")
    if size > LIMIT:
        # expect: python-standards/exception-not-raised
        errors.TooLargeError(size)
    if size == 0:
        # ok: python-standards/exception-not-raised
        raise ValueError("size must not be zero")
    # ok: python-standards/exception-not-raised
    err = ValueError("kept for later")
    # ok: python-standards/exception-not-raised
    log_error(ValueError("reported"))
    return size, err


def report(code):
    # ok: python-standards/exception-not-raised
    windll.kernel32.SetLastError(code)
    # ok: python-standards/exception-not-raised
    self._dll.JLINKARM_ClrError()  # a C library's function through ctypes, by its prefix (pylink)
    # ok: python-standards/exception-not-raised
    sdl2.SDL_ClearError()
    # ok: python-standards/exception-not-raised
    lib.Sensors_Set_PctError(code)  # OpenDSS's C API setter through cffi, its verb between underscores
    # expect: python-standards/exception-not-raised
    errors.Sensor_PctError(code)  # no verb: a class
    # ok: python-standards/exception-not-raised
    self._gconsole.WriteError("No parameters for running")  # a GUI console's method (GRASS's wxGUI)
    # expect: python-standards/exception-not-raised
    errors.Http_Error(code)  # a prefix must be upper case: this is a class
    # ok: python-standards/exception-not-raised
    log_error("failed")
    # ok: python-standards/exception-not-raised
    self.OnWsError(self, Exception("closed", code))  # an event callback a client registered (OctoEverywhere)
    # expect: python-standards/exception-not-raised
    errors.OneError(code)  # `On` must start a word
    # ok: python-standards/exception-not-raised
    E.SignalException(RuntimeError("IOC stopping"))  # an event hands the exception to its waiters (cothread)
    # expect: python-standards/exception-not-raised
    errors.SignalingError(code)  # `Signal` must be a word of its own


class Suite:
    def run(self, result, e):
        # ok: python-standards/exception-not-raised
        self._createClassOrModuleLevelException(result, e)


def serialize(builder, error):
    # ok: python-standards/exception-not-raised
    message_fbs.ErrorGen.ErrorAddError(builder, error)
    if not builder:
        # expect: python-standards/exception-not-raised
        ConnectionResetError("peer went away")
    if error is None:
        # expect: python-standards/exception-not-raised
        errors.EndOfStreamError()


def CheckError(result, msg):
    if not result:
        raise ctypes.WinError(ctypes.get_last_error(), msg)


def open_process(access, pid):
    hp = kernel32.OpenProcess(access, False, pid)
    # ok: python-standards/exception-not-raised
    CheckError(hp, "failed to open process")
    if hp is None:
        # expect: python-standards/exception-not-raised
        OSError("no process")
    return hp


class InstallerBaseError(object):
    """Not an exception: building one logs and exits (spyder's installer errors)."""

    def __init__(self, msg):
        log.error(msg)
        raise SystemExit(1)


class InstallerPylspError(InstallerBaseError):
    pass


class PluginLoadError(RuntimeError):
    pass


def start(service, language):
    # ok: python-standards/exception-not-raised
    InstallerPylspError(language)
    # ok: python-standards/exception-not-raised
    service.CheckForInstantiationError()
    if language is None:
        # expect: python-standards/exception-not-raised
        PluginLoadError("no language")


try:
    import helics
    HAS_HELICS = True
except ImportError:
    HAS_HELICS = False
    # ok: python-standards/exception-not-raised
    RuntimeError("HELICS must be installed before running this script")

try:
    import gridappsd
except ImportError:
    # expect: python-standards/exception-not-raised
    ImportError("gridappsd is required")

try:
    import stomp
except ImportError:
    stomp = load_fallback()
    # expect: python-standards/exception-not-raised
    RuntimeError("stomp is required")
