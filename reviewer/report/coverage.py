"""Diff coverage reports: text, markdown and json over a CoverageSection."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Callable, Optional

from reviewer.errors import UsageError
from reviewer.escape import cell_code, code_span, prose, terminal

if TYPE_CHECKING:
    from reviewer.tasks.diffcov import CoverageSection


def _ranges(lines: tuple[int, ...]) -> str:
    """1,2,3,7 -> '1-3, 7' (how people read line lists)."""
    out: list[str] = []
    start = prev = None
    for n in lines:
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(f"{start}-{prev}" if start != prev else str(start))
        start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if start != prev else str(start))
    return ", ".join(out)


def _pct(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.2f}%"


def _total(section: "CoverageSection") -> str:
    if section.measured_lines == 0:
        return "no changed line is measured by the coverage data"
    return (f"diff coverage: {_pct(section.percent)} of {section.measured_lines} changed measured line(s) covered"
            + (f"; {section.missing_arc_count} missing branch arc(s) from changed lines" if section.branch else ""))


def text(section: "CoverageSection", fail_under: Optional[float] = None) -> str:
    lines: list[str] = [f"coverage data: {terminal(section.data_file)} ({section.kind})"]
    for f in section.files:
        lines.append(f"{terminal(f.path)}: {_pct(f.percent)} of {len(f.measured)} changed line(s) covered")
        if f.uncovered:
            lines.append(f"  not executed: lines {_ranges(f.uncovered)}")
        for msg in f.arc_messages():
            lines.append(f"  {msg}")
    for path in section.unmeasured:
        lines.append(f"{terminal(path)}: not in the coverage data")
    lines += [f"note: {terminal(n)}" for n in section.notes]
    lines.append(_total(section))
    return "\n".join(lines) + "\n"


def markdown(section: "CoverageSection", fail_under: Optional[float] = None) -> str:
    out = ["## Diff coverage", "", f"**{_total(section)}**", ""]
    if section.files:
        out += ["| File | Covered | Lines not executed | Missing branches |", "|---|---|---|---|"]
        for f in section.files:
            arcs = "<br>".join(f.arc_messages()) or "-"
            out.append(f"| {cell_code(f.path)} | {_pct(f.percent)} | {_ranges(f.uncovered) or '-'} | {arcs} |")
        out.append("")
    if section.unmeasured:
        out.append("Not in the coverage data: " + ", ".join(code_span(p) for p in section.unmeasured))
        out.append("")
    out += [f"> {prose(n)}" for n in section.notes]
    out.append(f"<sub>data: {code_span(section.data_file)} ({section.kind})</sub>")
    return "\n".join(out) + "\n"


def as_json(section: "CoverageSection", fail_under: Optional[float] = None) -> str:
    doc = section.as_dict()
    doc["fail_under"] = fail_under
    return json.dumps(doc, indent=2) + "\n"


FORMATS: dict[str, Callable[..., str]] = {"text": text, "markdown": markdown, "json": as_json}


def render(section: "CoverageSection", fmt: str, fail_under: Optional[float] = None) -> str:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    return FORMATS[fmt](section, fail_under)
