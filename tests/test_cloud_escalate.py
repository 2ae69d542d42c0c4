"""Escalation policy end to end: `reviewer review` on the README's example against a stub Messages API.

Model findings come from tests/cloud_review_task.py, a stand-in for the
engine's review task (branch `engine`, not merged yet): it reports findings
with the confidences each test chooses. Everything else is real: the git
repository built by examples/build.py, the pipeline, the router, the
`anthropic` SDK, HTTP on 127.0.0.1, the ledger file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from reviewer import tasks
from reviewer.config import CloudConfig
from reviewer.records import Source
from tests import cloud_review_task
from tests.anthropic_stub import AnthropicStub

ROOT = Path(__file__).resolve().parent.parent
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
DEPLOY_PASSWORD = "tr0ub4dor-and-3"

M, R = Source.MODEL, Source.RULE
FINDINGS = [
    ("model/off-by-one", "acme_tools/stats.py", "range(len(values) - 1)", 0.55, M),  # band -> confirmed
    ("model/index-error", "acme_tools/stats.py", "values[len(values)]", 0.90, M),  # above the band: stands
    ("model/speculative", "acme_tools/stats.py", "if value < low", 0.10, M),  # below the band: dropped
    ("model/weak-random", "acme_tools/tokens.py", "random.choice", 0.40, M),  # band -> rejected
    ("model/md5", "acme_tools/tokens.py", "hashlib.md5", 0.65, M),  # band -> rewritten
    ("model/hardcoded-secret", "acme_tools/settings.py", "AWS_KEY", 0.50, M),  # band -> confirmed, redacted
    ("model/deploy", "deploy/settings.py", "PASSWORD", 0.50, M),  # band, but cloud.exclude keeps it local
    ("python-crypto/ecb", "acme_tools/tokens.py", "MODE_ECB", 1.0, R),  # a rule: never escalated
]
BAND = {"model/off-by-one", "model/weak-random", "model/md5", "model/hardcoded-secret"}


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The README's example repository, plus a file with a secret and one under an excluded folder."""
    dest = tmp_path / "example"
    subprocess.run([sys.executable, str(ROOT / "examples" / "build.py"), str(dest)], check=True, capture_output=True)
    (dest / "acme_tools" / "settings.py").write_text(f'"""Settings."""\n\nAWS_KEY = "{AWS_KEY}"\nREGION = "eu-west-1"\n')
    (dest / "deploy").mkdir()
    (dest / "deploy" / "settings.py").write_text(f'PASSWORD = "{DEPLOY_PASSWORD}"\n')
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run(["git", "commit", "-qm", "settings"], cwd=dest, check=True)
    # Not committed, so not part of the reviewed diff.
    (dest / ".reviewer.toml").write_text('[cloud]\npolicy = "escalate"\nexclude = ["deploy/**"]\n')
    monkeypatch.setitem(tasks.REGISTRY, "review", "tests.cloud_review_task")
    monkeypatch.setattr(cloud_review_task, "FINDINGS", FINDINGS)
    return dest


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> Iterator[AnthropicStub]:
    with AnthropicStub(CloudConfig().model) as s:
        s.secrets = [AWS_KEY, DEPLOY_PASSWORD]
        s.forbidden = ["deploy/settings.py"]
        s.script = {
            "model/weak-random": {"verdict": "reject", "message": "", "confidence": 0.8, "reason": "not security"},
            "model/md5": {"verdict": "rewrite", "message": "MD5 is not a password hash: use hashlib.scrypt.",
                          "confidence": 0.95, "reason": "clearer"},
        }
        monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", s.url)
        yield s


def review(cli: Any, repo: Path) -> tuple[Any, dict[str, Any]]:
    res = cli("review", "-C", str(repo), "--format", "json", "--fail-level", "none")
    assert res.code == 0, res
    return res, json.loads(res.out)


def by_rule(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["rule"]: f for f in items}


def test_escalate_sends_only_the_band(example: Path, stub: AnthropicStub, cli: Any) -> None:
    res, data = review(cli, example)
    assert stub.violations == []  # model, cache_control, no temperature, no secret, no excluded path
    sent = {r for req in stub.requests for r in BAND | {f[0] for f in FINDINGS} if r in req["messages"][0]["content"]}
    assert sent == BAND and len(stub.requests) == len(BAND)
    reported = by_rule(data["findings"])
    assert reported["model/off-by-one"]["source"] == "cloud"
    assert reported["model/hardcoded-secret"]["source"] == "cloud"
    assert reported["model/md5"]["message"] == "MD5 is not a password hash: use hashlib.scrypt."
    assert reported["model/index-error"]["source"] == "model"  # above the band, untouched
    assert reported["model/deploy"]["source"] == "model"  # excluded path, local verdict
    assert reported["python-crypto/ecb"]["source"] == "rule"
    hidden = {f["rule"]: f["why"] for f in data["not_reported"]}
    assert hidden == {"model/speculative": "below confidence", "model/weak-random": "rejected by cloud"}
    notes = "\n".join(data["notes"])
    assert "escalated 4 uncertain finding(s)" in notes and "2 confirmed, 1 rewritten, 1 rejected" in notes
    assert "secret(s) masked" in notes and "kept local by cloud.exclude" in notes
    assert AWS_KEY not in res.out + res.err
    # The ledger: the review task's local calls (one per file), then one line per cloud call.
    ledger = read_ledger(example)
    local = [e for e in ledger if not e["left_machine"]]
    cloud = [e for e in ledger if e["left_machine"]]
    assert len(local) == 5 and all(e["files"] == [] and e["cost_avoided_usd"] > 0 for e in local)
    assert len(cloud) == 4 and {f for e in cloud for f in e["files"]} == {
        "acme_tools/stats.py", "acme_tools/tokens.py", "acme_tools/settings.py"}
    assert cloud[0]["cache_write_tokens"] == 1200 and all(e["cache_read_tokens"] == 1200 for e in cloud[1:])
    assert any(e.get("redactions") for e in cloud) and AWS_KEY not in json.dumps(ledger)
    # `reviewer cost` agrees with the ledger: local share and saving.
    cost = cli("cost", "-C", str(example), "--format", "json")
    assert cost.code == 0, cost
    summary = json.loads(cost.out)
    tok_local = sum(e["input_tokens"] + e["output_tokens"] for e in local)
    tok_cloud = 4 * (300 + 40) + 4 * 1200
    assert (summary["tokens_local"], summary["tokens_cloud"]) == (tok_local, tok_cloud)
    spend = (4 * 300 * 2 + 4 * 40 * 10 + 1200 * 2.5 + 3 * 1200 * 0.2) / 1e6
    assert summary["cloud_spend_usd"] == pytest.approx(spend)
    avoided = sum(e["input_tokens"] * 2 + e["output_tokens"] * 10 for e in local) / 1e6
    assert summary["saving_percent"] == pytest.approx(avoided / (avoided + spend) * 100)
    text = cli("cost", "-C", str(example)).out
    assert f"local share: {tok_local / (tok_local + tok_cloud) * 100:.1f}%" in text and "saving: $" in text


def read_ledger(repo: Path) -> list[dict[str, Any]]:
    path = repo / ".reviewer" / "ledger.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_always_sends_every_request_but_excluded_ones(example: Path, stub: AnthropicStub, cli: Any) -> None:
    (example / ".reviewer.toml").write_text('[cloud]\npolicy = "always"\nexclude = ["deploy/**"]\n')
    res, data = review(cli, example)
    assert stub.violations == [] and len(stub.requests) == 4  # 5 changed files, deploy/ stays local
    ledger = read_ledger(example)
    assert [e["files"] for e in ledger if not e["left_machine"]] == [[]]
    assert sorted(f for e in ledger if e["left_machine"] for f in e["files"]) == [
        "acme_tools/settings.py", "acme_tools/stats.py", "acme_tools/tokens.py", "tests/test_stats.py"]
    assert not any("escalated" in n for n in data["notes"])  # under always the band is not escalated again
    assert dict(cloud_review_task.SERVED) == {
        "acme_tools/settings.py": True, "acme_tools/stats.py": True, "acme_tools/tokens.py": True,
        "tests/test_stats.py": True, "deploy/settings.py": False}
    # The pull-request summary must not claim that everything stayed local.
    md = cli("review", "-C", str(example), "--format", "markdown", "--fail-level", "none").out
    assert "all inference ran locally" not in md and "cloud escalation was on" in md


def test_always_falls_back_to_local_when_the_cloud_fails(example: Path, stub: AnthropicStub, cli: Any) -> None:
    (example / ".reviewer.toml").write_text('[cloud]\npolicy = "always"\nmax_retries = 0\n')
    stub.forbidden = []  # no cloud.exclude in this test: deploy/ may go
    stub.script = {"def mean": ("status", 503)}  # stats.py's request fails
    res, data = review(cli, example)
    assert any("acme_tools/stats.py reviewed locally" in n and "503" in n for n in data["notes"])
    ledger = read_ledger(example)
    assert [e["files"] for e in ledger if e.get("error")] == [["acme_tools/stats.py"]]
    served = dict(cloud_review_task.SERVED)
    assert served.pop("acme_tools/stats.py") is False and all(served.values())


def test_cloud_failure_keeps_every_local_verdict(example: Path, stub: AnthropicStub, cli: Any) -> None:
    (example / ".reviewer.toml").write_text('[cloud]\npolicy = "escalate"\nexclude = ["deploy/**"]\nmax_retries = 1\n')
    stub.script = {"model/off-by-one": ("status", 500)}  # the first band finding fails, after one retry
    res, data = review(cli, example)
    assert_local_verdicts(data)
    notes = [n for n in data["notes"] if "could not escalate" in n]
    assert len(notes) == 4 and "answered 500" in notes[0]
    assert len(stub.requests) == 2  # one call and its retry; the rest were not tried


def assert_local_verdicts(data: dict[str, Any]) -> None:
    """What the review says without the cloud: the router's min_confidence (0.5) decides, nothing is lost."""
    reported = by_rule(data["findings"])
    assert all(reported[r]["source"] == "model" for r in BAND - {"model/weak-random"})
    # weak-random (0.40) is under model.min_confidence: the local verdict is "not reported", and it says why.
    assert {f["rule"]: f["why"] for f in data["not_reported"]} == {
        "model/speculative": "below confidence", "model/weak-random": "below confidence"}


def test_malformed_answer_and_timeout_are_per_finding(example: Path, stub: AnthropicStub, cli: Any) -> None:
    stub.script = {"model/md5": ("malformed_answer",), "model/off-by-one": ("malformed_body",)}
    res, data = review(cli, example)
    reported = by_rule(data["findings"])
    assert reported["model/md5"]["source"] == "model" and reported["model/off-by-one"]["source"] == "model"
    assert reported["model/hardcoded-secret"]["source"] == "cloud"  # the others still escalated
    assert sum("could not escalate" in n for n in data["notes"]) == 2


def test_timeout_keeps_local_verdict(example: Path, stub: AnthropicStub, cli: Any) -> None:
    (example / ".reviewer.toml").write_text('[cloud]\npolicy = "escalate"\ntimeout = 0.3\nmax_retries = 0\n')
    stub.script = {"model/off-by-one": ("sleep", 1.5)}
    res, data = review(cli, example)
    assert "model/off-by-one" in by_rule(data["findings"])
    assert any("timed out" in n for n in data["notes"])


def test_no_api_key_warns_once_and_keeps_local(example: Path, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    res, data = review(cli, example)
    assert res.err.count("cloud escalation is off") == 1
    assert_local_verdicts(data)
    assert read_ledger(example) and not any(e["left_machine"] for e in read_ledger(example))


# --- policy never: nothing leaves the machine ------------------------------------------------------

_CONNECTS: list[Any] = []
_RECORDING = [False]


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING[0] and event == "socket.connect":
        _CONNECTS.append(args[1])


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only while _RECORDING is set


def test_never_attempts_no_connection_at_all(example: Path, stub: AnthropicStub, cli: Any) -> None:
    """With a key present and ANTHROPIC_BASE_URL on a loopback stub, `never` makes no connection.

    The audit hook sees every socket.connect in this process, to any address. Loopback counts too: the
    stub listens on 127.0.0.1, so a filter for non-loopback addresses would miss exactly the connection
    a bug would make here. (Subprocesses such as git are outside the hook; they make no connections.)
    """
    (example / ".reviewer.toml").write_text('[cloud]\npolicy = "never"\n')
    _CONNECTS.clear()
    _RECORDING[0] = True
    try:
        res, data = review(cli, example)
    finally:
        _RECORDING[0] = False
    assert _CONNECTS == [] and stub.requests == []
    assert all(f["source"] != "cloud" for f in data["findings"])
    assert read_ledger(example) and not any(e["left_machine"] for e in read_ledger(example))


def test_the_audit_hook_does_see_the_sdk_connect(example: Path, stub: AnthropicStub, cli: Any) -> None:
    # Control for the test above: under `escalate` the same hook records the SDK's loopback connection.
    _CONNECTS.clear()
    _RECORDING[0] = True
    try:
        review(cli, example)
    finally:
        _RECORDING[0] = False
    port = int(stub.url.rsplit(":", 1)[1])
    assert ("127.0.0.1", port) in [tuple(a) for a in _CONNECTS if isinstance(a, tuple)]
