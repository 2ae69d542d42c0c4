"""The JSON output: a stable, documented contract (docs/output.md), version 1."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.pipeline import Result
    from reviewer.records import Finding

VERSION = 1


def finding_dict(f: "Finding") -> dict[str, Any]:
    s = f.suggestion
    return {
        "rule": f.rule,
        "pack": f.pack,
        "path": f.path,
        "line": f.line,
        "end_line": f.end_line,
        "column": f.column,
        "severity": str(f.severity),
        "message": f.message,
        "confidence": round(f.confidence, 4),
        "source": f.source.value,
        "suggestion": None
        if s is None
        else {"start_line": s.start_line, "end_line": s.end_line, "replacement": s.replacement},
        "fix_withheld": f.fix_withheld or None,
        "fingerprint": f.fingerprint,
    }


def as_dict(result: "Result") -> dict[str, Any]:
    out: dict[str, Any] = {
        "version": VERSION,
        "findings": [finding_dict(f) for f in result.findings],
        "not_reported": [
            {**finding_dict(r.finding), "why": r.why.value} for r in result.routed if not r.reported
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "notes": list(result.notes),
        "summary": result.summary(),
    }
    for name, section in result.sections.items():
        to_dict = getattr(section, "as_dict", None)
        out[name] = to_dict() if callable(to_dict) else section
    return out


def render(result: "Result", color: bool) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"
