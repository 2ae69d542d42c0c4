"""Stand-in `docstrings` task: a fixed docstring under every undocumented `def` of a changed file.

Set STANDIN_INTERRUPT=1 to raise KeyboardInterrupt after the first file is written.
"""

from __future__ import annotations

import os
import re

from reviewer.fsutil import atomic_write
from reviewer.tasks import TaskContext, TaskOutput


def run(ctx: TaskContext) -> TaskOutput:
    written = 0
    for change in ctx.changes.files:
        lines = (ctx.text(change.path) or "").splitlines(keepends=True)
        out: list[str] = []
        for i, line in enumerate(lines):
            out.append(line)
            m = re.match(r"(\s*)def .*:\s*$", line)
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if m and not nxt.startswith('"""'):
                out.append(f'{m.group(1)}    """Stand-in docstring."""\n')
        if out != lines and ctx.options.get("write"):
            atomic_write(ctx.root / change.path, "".join(out).encode())
            written += 1
            if os.environ.get("STANDIN_INTERRUPT"):
                raise KeyboardInterrupt
    return TaskOutput(notes=[f"stand-in wrote {written} file(s)"])
