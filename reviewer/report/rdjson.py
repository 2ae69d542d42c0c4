"""reviewdog's Diagnostic Format (rdjson): one DiagnosticResult object.

`reviewdog -f=rdjson` reads it; `rdjsonl` (one Diagnostic a line) is in
reviewer/report/rdjsonl.py. Suggestions replace whole lines: the range runs
from column 1 of the first line to column 1 of the line after the last.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.pipeline import Result
    from reviewer.records import Finding

SOURCE = {"name": "reviewer"}
_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def diagnostic(f: "Finding") -> dict[str, Any]:
    """One rdjson Diagnostic for a finding."""
    out: dict[str, Any] = {
        "message": f.message or f.rule,
        "location": {
            "path": f.path,
            "range": {"start": {"line": f.line, "column": max(f.column, 1)},
                      "end": {"line": max(f.end_line, f.line)}},
        },
        "severity": _SEVERITY[str(f.severity)],
        "source": SOURCE,
        "code": {"value": f.rule},
    }
    s = f.suggestion
    if s is not None:
        text = s.replacement if not s.replacement or s.replacement.endswith("\n") else s.replacement + "\n"
        out["suggestions"] = [{
            "range": {"start": {"line": s.start_line, "column": 1}, "end": {"line": s.end_line + 1, "column": 1}},
            "text": text,
        }]
    return out


def as_dict(result: "Result") -> dict[str, Any]:
    return {"source": SOURCE, "diagnostics": [diagnostic(f) for f in result.findings]}


def render(result: "Result", color: bool) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"
