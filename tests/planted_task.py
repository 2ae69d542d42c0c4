"""A test-only task that plants findings in the real diff, so the GitHub tests do not depend on rule packs.

It reads the new side of each changed file (through the real TaskContext) and flags:
`md5` on any line (error, with a one-line suggestion), a `# BEGIN`..`# END` block
(warning, with a multi-line suggestion) and `TODO` (info, no suggestion).
"""

from __future__ import annotations

from reviewer.records import Finding, Severity, Suggestion
from reviewer.tasks import TaskContext, TaskOutput

BLOCK_REPLACEMENT = "ab = (1, 2)  # ```` four backticks\n"


def run(ctx: TaskContext) -> TaskOutput:
    out = TaskOutput()
    for change in ctx.changes.files:
        text = ctx.text(change.path) or ""
        lines = text.splitlines()
        begin = None
        for n, line in enumerate(lines, start=1):
            if "md5" in line:
                out.findings.append(Finding(
                    "test/weak-hash", "test", change.path, n, n, Severity.ERROR, "md5 is a weak hash",
                    snippet=line, suggestion=Suggestion(change.path, n, n, line.replace("md5", "sha256") + "\n")))
            if "TODO" in line:
                out.findings.append(Finding("test/todo", "test", change.path, n, n, Severity.INFO,
                                            "a TODO left in the change", snippet=line))
            if line.strip() == "# BEGIN":
                begin = n
            if line.strip() == "# END" and begin is not None:
                block = "\n".join(lines[begin - 1:n])
                out.findings.append(Finding(
                    "test/block", "test", change.path, begin, n, Severity.WARNING, "merge these assignments",
                    snippet=block, suggestion=Suggestion(change.path, begin, n, BLOCK_REPLACEMENT)))
                begin = None
    return out


def markdown(section: object) -> str:
    """A section renderer, for the Markdown reporter's per-task renderer registry."""
    return f"## Planted\n\nplanted: {section}\n"
