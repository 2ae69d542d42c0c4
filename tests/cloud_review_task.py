"""A stand-in for the model review task, for the cloud tests only.

The real review task (local model findings with confidences) is built on
branch `engine`, not merged yet. This task does what the real one is meant
to do with the cloud module: it asks `primary_backend(ctx, local)` for its
backend and sends one request per changed file (so `always` routes them to
the cloud, cloud.exclude keeps some local, and the ledger records each call).
Its findings are the ones a test puts in FINDINGS, as
(rule, path, text on the line, confidence, source), so the escalation
policy can be tested through a full `reviewer review`.
"""

from __future__ import annotations

from typing import Sequence

from reviewer.engine.base import Completion, Request, YesNo
from reviewer.engine.escalate import primary_backend
from reviewer.records import Finding, Severity, Source
from reviewer.tasks import TaskContext, TaskOutput

FINDINGS: list[tuple[str, str, str, float, Source]] = []
# (path, answered by the cloud?) for each request of the last run, in request order.
SERVED: list[tuple[str, bool]] = []
SYSTEM = "You review diffs against the team's rules."


class LocalDouble:
    """Stands in for the local transformers backend (branch `engine`): fixed answers, token counts by length."""

    name = "transformers"
    model_id = "local-double"
    leaves_machine = False

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        return [Completion('{"findings": []}', input_tokens=(len(r.system) + len(r.user)) // 4, output_tokens=50,
                           meta={"path": r.paths[0]}) for r in requests]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        return [0.5 for _ in questions]


def run(ctx: TaskContext) -> TaskOutput:
    backend = primary_backend(ctx, LocalDouble())
    requests = [Request(SYSTEM, f"File: {f.path}\n{ctx.text(f.path) or ''}", paths=(f.path,))
                for f in ctx.changes.files]
    completions = backend.complete(requests)
    SERVED[:] = [(r.paths[0], bool(c.meta.get("left_machine"))) for r, c in zip(requests, completions)]
    # The local double echoes its request's path: a completion in the wrong slot would show here.
    assert all(c.meta.get("path", r.paths[0]) == r.paths[0] for r, c in zip(requests, completions))
    out = []
    for rule, path, needle, confidence, source in FINDINGS:
        text = ctx.text(path) or ""
        line = next(i for i, s in enumerate(text.splitlines(), 1) if needle in s)
        out.append(Finding(rule=rule, pack=rule.split("/")[0], path=path, line=line, end_line=line,
                           severity=Severity.WARNING, message=f"{rule} says so", confidence=confidence,
                           source=source, snippet=needle))
    return TaskOutput(findings=out)
