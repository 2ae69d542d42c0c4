"""Markdown: the job summary (GITHUB_STEP_SUMMARY) and the pull request's summary comment.

Sections that tasks add to the result (coverage, proposed tests, docstrings)
are rendered from their `as_dict()`: scalars as a list, anything larger
collapsed in a <details> block, so a new task shows up without a new reporter.
Untrusted text (paths, rule ids, messages, notes) goes through reviewer.escape:
paths and ids as code spans, the rest as inert prose (docs/github.md).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, Optional

from reviewer.escape import cell, cell_code, code_span, html_text, longest_backtick_run, prose

if TYPE_CHECKING:
    from reviewer.pipeline import Result
    from reviewer.records import Finding

MAX_ROWS = 200  # table rows; the rest are counted, not listed (the comment body is capped at 65,536)
LOCAL_ONLY = "all inference ran locally; nothing left the machine"
NO_MODEL = "no model ran (rules only); nothing left the machine"
CLOUD_ON = "cloud escalation was on: what left the machine, redacted, is in the ledger (`reviewer cost`)"
_ICON = {"error": "🔴 error", "warning": "🟠 warning", "info": "🔵 info"}
_TITLES = {"coverage": "Diff coverage", "tests": "Proposed tests", "docstrings": "Docstrings"}


__all__ = ["cell", "code_span", "longest_backtick_run", "prose", "render", "render_body"]


def findings_table(findings: "list[Finding]", limit: Optional[int] = None) -> list[str]:
    limit = MAX_ROWS if limit is None else limit
    if not findings:
        return ["No findings on the changed lines."]
    lines = ["| Severity | Location | Rule | Message |", "| --- | --- | --- | --- |"]
    for f in findings[:limit]:
        where = f"{f.path}:{f.line}" + (f"-{f.end_line}" if f.end_line > f.line else "")
        lines.append(f"| {_ICON[str(f.severity)]} | {cell_code(where)} | {cell_code(f.rule)} | {prose(f.message)} |")
    if len(findings) > limit:
        lines.append(f"\n…and {len(findings) - limit} more (see the SARIF or JSON output for all of them).")
    return lines


def _plain(section: Any) -> Any:
    to_dict = getattr(section, "as_dict", None)
    return to_dict() if callable(to_dict) else section


# Sections whose task ships its own Markdown renderer ("module:function", called with the section).
SECTION_MARKDOWN: dict[str, str] = {
    "coverage": "reviewer.report.coverage:markdown",
    "tests": "reviewer.report.tests:markdown",
}


def _own_renderer(name: str) -> Optional[Callable[[Any], str]]:
    target = SECTION_MARKDOWN.get(name)
    if target is None:
        return None
    from reviewer.lazy import load

    return load(target)  # None: not in this build, so the section is rendered generically


def section_lines(name: str, section: Any) -> list[str]:
    """A task's section: its own renderer when it has one, else generically from its as_dict()."""
    own = _own_renderer(name)
    if own is not None:
        text = own(section).rstrip("\n").replace("\n## ", "\n### ")
        return [("#" + text) if text.startswith("## ") else text, ""]
    data = _plain(section)
    if name == "docstrings" and isinstance(data, dict):
        return _docstrings(data)
    title = _TITLES.get(name, name.replace("_", " ").capitalize())
    out = [f"### {title}", ""]
    if isinstance(data, dict):
        scalars = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool)) or v is None}
        for k, v in scalars.items():
            out.append(f"- {cell(str(k).replace('_', ' '))}: {cell(str(v))}")
        rest = {k: v for k, v in data.items() if k not in scalars}
        if rest:
            out.append("")
            out += _details(f"{title}: details", rest)
    elif isinstance(data, (list, tuple)):
        out += _details(f"{title}: {len(data)} item(s)", data)
    else:
        out.append(cell(str(data)))
    return out + [""]


def _docstrings(data: dict[str, Any]) -> list[str]:
    cov = data.get("coverage") if isinstance(data.get("coverage"), dict) else {}
    edits = data.get("edits") or []
    out = ["### Docstrings", ""]
    if cov and cov.get("total"):
        pct = cov.get("percent")
        out.append(f"- {cov.get('documented', 0)} of {cov['total']} changed definition(s) documented"
                   + (f" ({pct}%)" if pct is not None else ""))
    out.append(f"- {len(edits)} docstring(s) suggested" + (f" ({cell(str(data['generator']))})" if data.get("generator") else ""))
    failures = data.get("failures") or []
    if failures:
        out.append(f"- {len(failures)} could not be added")
    rest = {k: v for k, v in data.items() if k in ("targets", "failures") and v}
    if rest:
        out += [""] + _details("Docstrings: details", rest)
    return out + [""]


def _details(summary: str, data: Any) -> list[str]:
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    fence = "`" * max(3, longest_backtick_run(text) + 1)
    return ["<details>", f"<summary>{html_text(summary)}</summary>", "", f"{fence}json", text, fence, "", "</details>"]


def cost_line(result: "Result") -> str:
    """Tokens local versus cloud, and whether anything left the machine."""
    cost = result.sections.get("cost")
    if cost is None:
        if getattr(result, "cloud_used", False):
            return f"Privacy: {CLOUD_ON}."
        if not getattr(result, "model_used", True):
            return f"Privacy: {NO_MODEL}."
        return f"Privacy: {LOCAL_ONLY}."
    data = _plain(cost)
    if isinstance(data, dict):
        text = data.get("summary") or ", ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in data.items()
                                                 if isinstance(v, (str, int, float)))
        return f"Cost and privacy: {cell(str(text))}."
    return f"Cost and privacy: {cell(str(data))}."


def render_body(result: "Result", title: str = "reviewer") -> str:
    summary = result.summary()
    by = summary["by_severity"]
    lines = [f"## {title}", ""]
    if not result.changes.files and not result.skipped:
        lines.append("Nothing to review: the diff is empty.")
    else:
        lines.append(f"**{summary['findings']} finding(s)** ({by['error']} error, {by['warning']} warning, "
                     f"{by['info']} info) in {summary['files']} file(s), {summary['changed_lines']} changed line(s).")
    lines.append("")
    lines += findings_table(result.findings)
    hidden = summary["not_reported"]
    if hidden:
        lines += ["", "Not reported: " + ", ".join(f"{n} {why}" for why, n in sorted(hidden.items())) + "."]
    if result.skipped:
        lines += ["", "Skipped:"] + [f"- {code_span(s.path)}: {prose(s.reason)}" for s in result.skipped]
    if result.notes:
        lines += ["", "Notes:"] + [f"- {prose(n)}" for n in result.notes]
    lines.append("")
    for name, section in result.sections.items():
        if name != "cost":
            lines += section_lines(name, section)
    lines.append(f"<sub>{cost_line(result)}</sub>")
    return "\n".join(lines) + "\n"


def render(result: "Result", color: bool) -> str:
    return render_body(result)
