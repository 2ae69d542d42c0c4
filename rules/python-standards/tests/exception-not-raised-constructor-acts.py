# An exception class of the repository whose constructor acts (shows a panel, logs) is built for that:
# GitSavvy's `GitSavvyError(msg, show_panel=False)  # just for logging`. One whose constructor only sets
# itself up, with its own methods too (f5-common-python's `InstallError` calls `self._set_msg(args)`), is still an
# exception built and dropped.
import logging

log = logging.getLogger(__name__)


class PanelError(Exception):
    def __init__(self, msg, show_panel=True):
        super().__init__(msg)
        self.message = msg
        if show_panel:
            show_error_panel(msg)
        log.error(msg)


class QuietError(PanelError):
    pass


class PlainError(Exception):
    def __init__(self, msg, code=0):
        super(PlainError, self).__init__(msg)
        self.code = code


class SetupError(Exception):
    def __init__(self, *args):
        self._set_msg(args)
        super().__init__(self.msg)

    def _set_msg(self, args):
        self.msg = " ".join(args)


def show_error_panel(msg):
    print(msg)


def move_commit(entry, rebase):
    try:
        rebase(entry)
    except Exception as e:
        # ok: python-standards/exception-not-raised
        PanelError("Unable to move commit: {}".format(e))
        # ok: python-standards/exception-not-raised
        QuietError(str(e), show_panel=False)
        # expect: python-standards/exception-not-raised
        PlainError(str(e), code=1)
        # expect: python-standards/exception-not-raised
        SetupError("Improper list of input arguments", str(e))
