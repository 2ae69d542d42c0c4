"""A test-only task shaped like the docstrings task: its section carries committable suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reviewer.records import Suggestion
from reviewer.tasks import TaskContext, TaskOutput


@dataclass
class Section:
    edits: list[Suggestion] = field(default_factory=list)

    @property
    def suggestions(self) -> list[Suggestion]:
        return list(self.edits)

    def as_dict(self) -> dict[str, Any]:
        return {"generator": "template (no model)", "coverage": {"documented": 0, "total": len(self.edits),
                                                                 "percent": 0.0},
                "edits": [{"path": s.path, "line": s.start_line} for s in self.edits], "failures": []}


def run(ctx: TaskContext) -> TaskOutput:
    section = Section()
    for change in ctx.changes.files:
        for n, line in enumerate((ctx.text(change.path) or "").splitlines(), start=1):
            if line.startswith("def ") and n in change.added_lines:
                doc = f'    """Docstring for {line[4:line.index("(")]}."""\n'
                section.edits.append(Suggestion(change.path, n, n, line + "\n" + doc))
    return TaskOutput(section=section)
