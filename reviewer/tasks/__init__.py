"""Tasks: pure-ish functions over the collected records.

Each task module exposes `run(ctx: TaskContext) -> TaskOutput`. The registry
maps a task name to its module; modules are imported only when the task runs,
so `reviewer --help` and rules-only hooks never import a model stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from reviewer.config import Config
from reviewer.git import Snapshot
from reviewer.records import ChangeSet, Finding, Skipped

if TYPE_CHECKING:
    from reviewer.rules.context import Contexts

REGISTRY: dict[str, str] = {
    "review": "reviewer.tasks.review",
    "docstrings": "reviewer.tasks.docstrings",
    "coverage": "reviewer.tasks.diffcov",
    "tests": "reviewer.tasks.testgen",
}


@dataclass
class TaskContext:
    config: Config
    changes: ChangeSet
    snapshot: Snapshot
    root: Path
    # Shared across tasks in one run (e.g. the loaded model backend).
    shared: dict[str, Any] = field(default_factory=dict)
    # Progress/status lines for the user (stderr); tasks never print directly.
    status: Callable[[str], None] = lambda _msg: None
    options: dict[str, Any] = field(default_factory=dict)

    def text(self, path: str) -> Optional[str]:
        """New-side text of `path`, decoded like the diff (replacement on bad bytes)."""
        cache = self.shared.setdefault("_texts", {})
        if path not in cache:
            data = self.snapshot.read(path)
            cache[path] = None if data is None else data.decode("utf-8", errors="replace")
        return cache[path]  # type: ignore[no-any-return]

    def contexts(self) -> "Contexts":
        """The run's rule contexts (test files, vendored and generated code), read once for every task."""
        if "_contexts" not in self.shared:
            from reviewer.rules.context import from_config

            self.shared["_contexts"] = from_config(self.config.rules, self.root, getattr(self.snapshot, "paths", None),
                                                   self.text, getattr(self.snapshot, "prefetch", None))
        return self.shared["_contexts"]  # type: ignore[no-any-return]


@dataclass
class TaskOutput:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Task-specific results for reporters (docstring edits, coverage, proposals...).
    section: Optional[Any] = None
    # Findings the task itself decided not to report, already routed (e.g. suppressed).
    routed: list[Any] = field(default_factory=list)


def get(name: str) -> Callable[[TaskContext], TaskOutput]:
    from reviewer.errors import UsageError

    if name not in REGISTRY:
        raise UsageError(f"unknown task {name!r} (choose from {', '.join(REGISTRY)})")
    from reviewer.lazy import load

    run = load(REGISTRY[name] + ":run")
    return _not_built(name) if run is None else run


def _not_built(name: str) -> Callable[[TaskContext], TaskOutput]:
    def run(ctx: TaskContext) -> TaskOutput:
        return TaskOutput(notes=[f"task {name!r} is not built yet in this version: skipped"])

    return run
