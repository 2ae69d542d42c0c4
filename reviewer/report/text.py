"""Terminal output: `path:line:col: severity rule message`, coloured on a TTY.

File names, rule ids, messages and notes are untrusted: their control
characters and bidi overrides are shown as escapes (reviewer.escape.terminal),
so a name cannot recolour the terminal, move the cursor or fake a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reviewer.escape import terminal

if TYPE_CHECKING:
    from reviewer.pipeline import Result

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(result: "Result", color: bool) -> str:
    lines: list[str] = []
    for f in result.findings:
        sev = str(f.severity)
        where = f"{terminal(f.path)}:{f.line}:{f.column}:"
        conf = f" (confidence {f.confidence:.2f})" if f.source.value != "rule" else ""
        if color:
            where = click.style(where, bold=True)
            sev = click.style(sev, fg=_COLOURS[sev])
        lines.append(f"{where} {sev} {terminal(f.rule)} {terminal(f.message)}{conf}")
        fix = f.suggestion
        if fix is not None and f.source.value != "rule":
            # A model-written fix reached here only after reviewer.rules.verify passed it.
            span = f"line {fix.start_line}" if fix.end_line <= fix.start_line else \
                f"lines {fix.start_line}-{fix.end_line}"
            lines.append(f"    verified fix, replaces {span}:")
            lines += ["    | " + terminal(row) for row in fix.replacement.split("\n")]
    for s in result.skipped:
        lines.append(f"skipped {terminal(s.path)}: {terminal(s.reason)}")
    for note in result.notes:
        lines.append(f"note: {terminal(note)}")
    summary = result.summary()
    if not result.changes.files and not result.skipped:
        lines.append("nothing to review: the diff is empty")
    else:
        by = summary["by_severity"]
        tail = f"{summary['findings']} finding(s) ({by['error']} error, {by['warning']} warning, {by['info']} info)"
        tail += f" in {summary['files']} file(s), {summary['changed_lines']} changed line(s)"
        hidden = summary["not_reported"]
        if hidden:
            tail += "; not reported: " + ", ".join(f"{n} {why}" for why, n in sorted(hidden.items()))
        lines.append(tail)
    return "\n".join(lines) + "\n"
