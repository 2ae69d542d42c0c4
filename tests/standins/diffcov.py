"""Stand-in `coverage` task: percent of added lines executed, from a coverage.py JSON report."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.tasks import TaskContext, TaskOutput


def run(ctx: TaskContext) -> TaskOutput:
    files = json.loads(Path(ctx.options["coverage_file"]).read_text())["files"]
    hit = total = 0
    for change in ctx.changes.files:
        data = files.get(change.path)
        if data is None:
            continue
        measured = set(data["executed_lines"]) | set(data["missing_lines"])
        added = change.added_lines & measured
        total += len(added)
        hit += len(added & set(data["executed_lines"]))
    return TaskOutput(section={"percent": 100.0 * hit / total if total else None})
