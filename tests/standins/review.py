"""Stand-in `review` task: an error finding on every added line containing FORBIDDEN."""

from __future__ import annotations

from reviewer.records import Finding, Severity
from reviewer.tasks import TaskContext, TaskOutput


def run(ctx: TaskContext) -> TaskOutput:
    out = TaskOutput(notes=[f"stand-in backend={ctx.config.model.backend} server={ctx.config.model.server}"])
    for change in ctx.changes.files:
        text = (ctx.text(change.path) or "").splitlines()
        for n in sorted(change.added_lines):
            if "FORBIDDEN" in text[n - 1]:
                out.findings.append(Finding("standin/forbidden", "standin", change.path, n, n, Severity.ERROR,
                                            "FORBIDDEN is not allowed"))
    return out
