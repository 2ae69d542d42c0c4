"""SARIF 2.1.0 output, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other viewers.

Valid against the OASIS schema (tests/data/sarif-schema-2.1.0.json). GitHub
accepts at most 25,000 results per run; past that the run says so in a
tool notification instead of failing the upload.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from reviewer import __version__
from reviewer.report.keys import occurrence_keys

if TYPE_CHECKING:
    from reviewer.pipeline import Result
    from reviewer.records import Finding

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def level(finding: "Finding") -> str:
    return _LEVELS[str(finding.severity)]


def _rules(findings: "list[Finding]") -> tuple[list[dict[str, Any]], dict[str, int]]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for f in findings:
        if f.rule in index:
            continue
        index[f.rule] = len(rules)
        rules.append({
            "id": f.rule,
            "name": f.rule.rsplit("/", 1)[-1],
            "shortDescription": {"text": f.rule},
            "defaultConfiguration": {"level": level(f)},
            "properties": {"pack": f.pack},
        })
    return rules, index


def _region(start: int, end: int, column: int = 0) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(start, 1), "endLine": max(end, start, 1)}
    if column > 0:
        region["startColumn"] = column
    return region


def _result(f: "Finding", rule_index: int, key: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f),
        "message": {"text": f.message or f.rule},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": _region(f.line, f.end_line, f.column),
            }
        }],
        # Line-independent, so code scanning keeps one alert across rebases.
        "partialFingerprints": {"reviewer/v1": key},
        "properties": {"confidence": round(f.confidence, 4), "source": f.source.value, "pack": f.pack},
    }
    s = f.suggestion
    if s is not None:
        text = s.replacement if not s.replacement or s.replacement.endswith("\n") else s.replacement + "\n"
        out["fixes"] = [{
            "description": {"text": f"Suggested fix for {f.rule}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": s.path, "uriBaseId": "%SRCROOT%"},
                "replacements": [{"deletedRegion": _region(s.start_line, s.end_line), "insertedContent": {"text": text}}],
            }],
        }]
    return out


def as_dict(result: "Result") -> dict[str, Any]:
    """The SARIF log as a dict (one run)."""
    findings = result.findings
    shown = findings[:MAX_RESULTS]
    rules, index = _rules(shown)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "reviewer", "version": __version__,
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], key) for f, key in zip(shown, occurrence_keys(shown))],
    }
    notes = [f"{s.path}: skipped ({s.reason})" for s in result.skipped] + list(result.notes)
    if len(findings) > MAX_RESULTS:
        notes.insert(0, f"{len(findings) - MAX_RESULTS} more finding(s) not included: SARIF uploads take at most "
                        f"{MAX_RESULTS} results per run")
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notes:
        invocation["toolExecutionNotifications"] = [{"message": {"text": n}, "level": "note"} for n in notes]
    run["invocations"] = [invocation]
    if result.root is not None:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": result.root.resolve().as_uri() + "/"}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: "Result", color: bool) -> str:
    return json.dumps(as_dict(result), indent=2, ensure_ascii=False) + "\n"
