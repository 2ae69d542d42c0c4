"""Test proposal reports: text, markdown (kept tests as collapsed code blocks) and json.

Target labels (file names), failure output and the tests themselves are untrusted (the pull request
chooses its file names, the model writes the code): they go through reviewer/escape.py.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Callable

from reviewer.errors import UsageError
from reviewer.escape import cell, cell_code, code_block, html_text, prose, terminal

if TYPE_CHECKING:
    from reviewer.tasks.testgen import Candidate, TestsSection


def _first_line(text: str) -> str:
    for line in reversed(text.strip().splitlines()):
        if line.strip():
            return line.strip()[:160]
    return ""


def _isolation(section: "TestsSection") -> str:
    from reviewer.sandbox import MODES, Isolation

    return Isolation(section.isolation).detail if section.isolation in MODES else str(section.isolation)


def _funnel(section: "TestsSection") -> str:
    return "funnel: " + ", ".join(f"{k} {v}" for k, v in section.funnel().items())


def _outcome(c: "Candidate") -> str:
    if c.verdict.status == "kept":
        covered = [f"line {n}" for n in sorted(c.verdict.covered_lines)]
        covered += [f"arc {a}->{b}" for a, b in sorted(c.verdict.covered_arcs)]
        return f"kept (passed {c.verdict.runs} run(s); executes {', '.join(covered)})"
    detail = _first_line(c.verdict.detail)
    return c.verdict.status + (f": {detail}" if detail else "")


def text(section: "TestsSection") -> str:
    if section.unavailable:
        return f"{terminal(section.unavailable)}\n"
    lines = [f"{terminal(c.target.label())} attempt {c.attempt}: {terminal(_outcome(c))}" for c in section.candidates]
    for c in section.kept:
        lines += ["", f"# proposed test for {terminal(c.target.label())}"]
        lines += [terminal(line) for line in c.code.rstrip().split("\n")]
    lines += [f"note: {terminal(n)}" for n in section.notes]
    if section.isolation:
        lines.append(f"isolation: {_isolation(section)}")
    lines.append(_funnel(section))
    return "\n".join(lines) + "\n"


def markdown(section: "TestsSection") -> str:
    if section.unavailable:
        return f"> {prose(section.unavailable)}\n"
    out = ["## Proposed tests", "", "| Target | Attempt | Outcome |", "|---|---|---|"]
    out += [f"| {cell_code(c.target.label())} | {c.attempt} | {cell(_outcome(c))} |" for c in section.candidates]
    out.append("")
    for c in section.kept:
        out += [f"<details><summary>Test for <code>{html_text(c.target.label())}</code></summary>", "",
                code_block(c.code.rstrip() + "\n", "python"), "", "</details>", ""]
    if section.isolation:
        out += [f"Isolation: {prose(_isolation(section))}", ""]
    out.append(_funnel(section))
    return "\n".join(out) + "\n"


def as_json(section: "TestsSection") -> str:
    return json.dumps(section.as_dict(), indent=2) + "\n"


FORMATS: dict[str, Callable[["TestsSection"], str]] = {"text": text, "markdown": markdown, "json": as_json}


def render(section: "TestsSection", fmt: str) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return FORMATS[fmt](section)
