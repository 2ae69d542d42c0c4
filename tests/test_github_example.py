"""The README's example pull request, reviewed by the real rule packs and posted to the fake GitHub API."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import pytest

from tests.conftest import ROOT, GitRepo
from tests.fake_github import FakeGitHub
from tests.test_github_command import pr_files

pytest.importorskip("reviewer.tasks.review")


def _build_example(dest: Path) -> None:
    spec = importlib.util.spec_from_file_location("example_build", ROOT / "examples" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(dest)


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[GitRepo, FakeGitHub, Path]]:
    dest = tmp_path / "example"
    _build_example(dest)
    repo = GitRepo.__new__(GitRepo)
    repo.path = dest
    base, head = repo.git("rev-parse", "main").strip(), repo.git("rev-parse", "feature").strip()
    event = tmp_path / "event.json"
    side = {"repo": {"full_name": "acme/tools"}}
    event.write_text(json.dumps({"number": 7, "pull_request": {
        "number": 7, "base": {"sha": base, "ref": "main", **side}, "head": {"sha": head, "ref": "feature", **side}}}))
    fake = FakeGitHub(repo="acme/tools").start()
    fake.files = pr_files(repo, base, head)
    for k, v in {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REPOSITORY": "acme/tools", "GITHUB_TOKEN": "t",
                 "GITHUB_API_URL": fake.url, "REVIEWER_GITHUB_PACE": "0", "GITHUB_EVENT_PATH": str(event)}.items():
        monkeypatch.setenv(k, v)
    yield repo, fake, tmp_path
    fake.stop()


def test_example_pull_request_end_to_end(cli: Any, example: tuple[GitRepo, FakeGitHub, Path]) -> None:
    repo, fake, tmp = example
    expected = json.loads(cli("review", "--base", "main", "--no-model", "--format", "json", cwd=repo.path).out)
    findings = expected["findings"]
    assert findings, "the example change plants findings for every pack"

    sarif = tmp / "out.sarif"
    res = cli("github", "--tasks", "review", "--no-model", "--fail-level", "none", "--sarif", str(sarif),
              cwd=repo.path)
    assert res.code == 0, res
    posts = fake.calls("POST", "/pulls/7/reviews")
    assert len(posts) == 1  # one review, accepted by the fake's GitHub-like anchor checks
    comments = posts[0].body["comments"]
    assert len(comments) == len(findings)  # all of them sit on added lines: all inline
    by_fp = {c["body"].rsplit("fp=", 1)[1].split(" ")[0]: c for c in comments}
    for f in findings:
        c = by_fp[f["fingerprint"]]
        assert c["path"] == f["path"] and c["side"] == "RIGHT"
        span = f["suggestion"] or {"start_line": f["line"], "end_line": f["end_line"]}
        assert c["line"] == span["end_line"]
        assert c.get("start_line") == (span["start_line"] if span["start_line"] < span["end_line"] else None)
        assert ("suggestion\n" in c["body"]) == (f["suggestion"] is not None)
    assert any("suggestion\n" in c["body"] for c in comments)

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(json.loads(sarif.read_text()))

    before = len(fake.requests)
    assert cli("github", "--tasks", "review", "--no-model", "--fail-level", "none", cwd=repo.path).code == 0
    assert [r for r in fake.requests[before:] if r.method in ("POST", "DELETE")] == []


def test_example_with_read_only_token_falls_back(cli: Any, example: tuple[GitRepo, FakeGitHub, Path]) -> None:
    repo, fake, _ = example
    fake.read_only = True
    res = cli("github", "--tasks", "review", "--no-model", cwd=repo.path)
    assert res.code == 1  # the example has error findings
    assert fake.reviews == []
    assert "::error file=acme_tools/tokens.py" in res.out and "::warning file=acme_tools/stats.py" in res.out
