"""Progress for model stages: a rich bar on a terminal, one line per stage otherwise (CI logs)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional


class Stage:
    """Advance with `step(n)`; the bar (if any) closes when the stage's `with` block ends."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar, self._task = bar, task

    def step(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)


def _is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def stage(status: Callable[[str], None], label: str, total: Optional[int] = None) -> Iterator[Stage]:
    """Report one stage: `label` as a line (no TTY) or as a transient rich progress bar (TTY)."""
    if _is_tty():
        try:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
        except ImportError:
            pass
        else:
            columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn()]
            with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task(label, total=total)
                yield Stage(bar, task)
            status(label + ": done")
            return
    status(label)
    yield Stage()
