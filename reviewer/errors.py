"""The one fatal error type and the exit codes it maps to.

Every expected failure (bad input, bad configuration, a backend that is down)
is raised as a ReviewerError with a one-line message that tells the user what
to do. The command line turns it into that line and the exit code; nothing
else in the package decides exit codes.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1  # reported findings at or above --fail-level
EXIT_USAGE = 2  # usage or configuration error
EXIT_INTERNAL = 3  # internal or backend failure


class ReviewerError(Exception):
    """A failure the user can act on; `code` is the process exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(ReviewerError):
    """Bad input or configuration (exit 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_USAGE)


class BackendError(ReviewerError):
    """A model backend, server or external tool failed (exit 3)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, EXIT_INTERNAL)
