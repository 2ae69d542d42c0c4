"""GitHub Actions workflow commands: `::error file=F,line=L,endLine=E,col=C,title=T::message`.

Escaping follows @actions/core: in the message `%`, CR and LF are encoded;
property values also encode `:` and `,`. GitHub shows at most 10 error and
10 warning annotations per step and 50 per job, so errors come first and a
closing notice says how many there are and where to find them all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.escape import visible

if TYPE_CHECKING:
    from reviewer.pipeline import Result
    from reviewer.records import Finding

STEP_LIMIT = 10  # per type (error, warning) per step
JOB_LIMIT = 50
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


# Control characters other than CR/LF (which the command encodes) and the bidi overrides: shown as escapes,
# so a file name or message cannot write terminal sequences into the job log.
_CONTROL = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def escape_data(text: str) -> str:
    text = _CONTROL.sub(lambda m: visible(m.group(0)), text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f: "Finding") -> str:
    """The workflow command line for one finding."""
    props = [("file", f.path), ("line", str(f.line)), ("endLine", str(max(f.end_line, f.line)))]
    if f.column > 1:
        props.append(("col", str(f.column)))
    props.append(("title", f"{f.rule} ({f.severity})"))
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{_COMMAND[str(f.severity)]} {joined}::{escape_data(f.message or f.rule)}"


def render(result: "Result", color: bool) -> str:
    findings = sorted(result.findings, key=lambda f: (-int(f.severity), f.path, f.line))
    lines = [command(f) for f in findings]
    counts = {k: sum(1 for f in findings if str(f.severity) == k) for k in ("error", "warning", "info")}
    if counts["error"] > STEP_LIMIT or counts["warning"] > STEP_LIMIT or len(findings) > JOB_LIMIT:
        lines.append(
            "::notice title=reviewer::"
            + escape_data(f"{len(findings)} finding(s) ({counts['error']} error, {counts['warning']} warning, "
                          f"{counts['info']} info); GitHub shows at most {STEP_LIMIT} error and {STEP_LIMIT} warning "
                          f"annotations per step and {JOB_LIMIT} per job: the job summary lists them all")
        )
    return "".join(line + "\n" for line in lines)
