"""Incremental pull request review end to end: a real git repository, the fake GitHub API and a scripted
OpenAI-compatible model server, both on 127.0.0.1.

The model server answers every hunk with one finding at the hunk's first line (read from the request's
schema) and records the prompts, so the tests see exactly which code the model was asked about.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from reviewer.github import incremental
from tests.conftest import GitRepo
from tests.fake_github import FakeGitHub

JUDGE_RULE = """id: careful
title: Careful code
severity: warning
language: python
description: Changed code should be careful.
judge: Is this changed code careless?
"""


class ScriptedModel:
    """/v1/chat/completions: a finding for the schema's first rule at the schema's first line."""

    def __init__(self) -> None:
        self.prompts: list[str] = []
        model = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, data: Any) -> None:
                raw = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                self._send({"object": "list", "data": [{"id": "scripted", "object": "model"}]})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                user = next(m["content"] for m in body["messages"] if m["role"] == "user")
                model.prompts.append(user)
                schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
                if schema is None:  # yes/no verification
                    content = "yes"
                else:
                    item = schema["properties"]["findings"]["items"]["properties"]
                    content = json.dumps({"findings": [{"rule": item["rule"]["enum"][0],
                                                        "line": item["line"]["minimum"],
                                                        "message": "careless change"}]})
                self._send({"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 5}})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def pr_files(repo: GitRepo, base: str, head: str) -> list[dict[str, Any]]:
    out = []
    for name in repo.git("diff", "--name-only", f"{base}...{head}").split():
        diff = repo.git("diff", f"{base}...{head}", "--", name)
        out.append({"filename": name, "patch": diff[diff.index("@@"):]})
    return out


class Pull:
    def __init__(self, repo: GitRepo, tmp: Path, fake: FakeGitHub) -> None:
        self.repo, self.tmp, self.fake = repo, tmp, fake
        repo.write("app.py", "".join(f"x{i} = {i}\n" for i in range(40)))
        repo.write(".reviewer/rules/careful.yaml", JUDGE_RULE)
        repo.write(".reviewer.toml", "cache = false\n")
        self.base = repo.commit("base")
        repo.git("checkout", "-q", "-b", "feature")
        repo.write("first.py", "def first_change():\n    return 1\n")
        self.head = repo.commit("first")
        self.sync()

    def sync(self) -> None:
        self.fake.files = pr_files(self.repo, self.base, self.head)

    def push(self, name: str, text: str) -> None:
        self.repo.write(name, text)
        self.head = self.repo.commit(f"add {name}")
        self.sync()

    def force_push(self, name: str, text: str) -> None:
        self.repo.git("reset", "-q", "--hard", "HEAD~1")
        self.push(name, text)

    def event(self) -> Path:
        path = self.tmp / "event.json"
        side = {"repo": {"full_name": "octo/app"}}
        path.write_text(json.dumps({"number": 7, "pull_request": {
            "number": 7, "base": {"sha": self.base, "ref": "main", **side},
            "head": {"sha": self.head, "ref": "feature", **side}}}))
        return path


@pytest.fixture
def setup(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Pull, FakeGitHub, ScriptedModel]]:
    fake = FakeGitHub().start()
    model = ScriptedModel()
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REPOSITORY": "octo/app", "GITHUB_TOKEN": "t0ken",
           "GITHUB_API_URL": fake.url, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "REVIEWER_GITHUB_PACE": "0"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    yield Pull(repo, tmp_path, fake), fake, model
    fake.stop()
    model.close()


def run(cli: Any, pull: Pull, model: ScriptedModel) -> Any:
    res = cli("github", "--event-path", str(pull.event()), "--tasks", "review", "--server", model.url,
              "--fail-level", "none", cwd=pull.repo.path)
    assert res.code == 0, res
    return res


def prompted(model: ScriptedModel, start: int) -> str:
    return "\n".join(model.prompts[start:])


def summary(fake: FakeGitHub) -> str:
    [comment] = fake.issue_comments
    return str(comment["body"])


def test_second_push_reviews_only_the_new_commit(cli: Any, setup: tuple[Pull, FakeGitHub, ScriptedModel]) -> None:
    pull, fake, model = setup
    run(cli, pull, model)
    assert "first_change" in prompted(model, 0)
    first_head = pull.head
    assert f"<!-- reviewer:reviewed head={first_head} failing=0 -->" in summary(fake)
    assert "Reviewed the whole pull request" in summary(fake)
    posted = [c["path"] for c in fake.review_comments]
    assert posted == ["first.py"]

    pull.push("second.py", "def second_change():\n    return 2\n")
    before = len(model.prompts)
    run(cli, pull, model)
    asked = prompted(model, before)
    assert "second_change" in asked and "first_change" not in asked  # only the new commit
    assert model.prompts[before:] and all("second_change" in p for p in model.prompts[before:])
    text = summary(fake)
    assert f"Reviewed only the commits since the last review: `{first_head[:12]}..{pull.head[:12]}`" in text
    assert f"head={pull.head} failing=0" in text and f"head={first_head}" not in text
    # The new finding is posted; the first one stays (its code was not reviewed this time).
    assert sorted(c["path"] for c in fake.review_comments) == ["first.py", "second.py"]
    assert fake.calls("DELETE") == []


def test_unchanged_pull_request_makes_no_model_call(cli: Any, setup: tuple[Pull, FakeGitHub, ScriptedModel]) -> None:
    pull, fake, model = setup
    run(cli, pull, model)
    calls, writes = len(model.prompts), len(fake.writes())
    res = run(cli, pull, model)
    assert len(model.prompts) == calls  # 0 model calls
    assert len(fake.writes()) == writes  # nothing posted or edited
    assert "No new commits since the last review" in res.err
    assert "No new commits since the last review" in (pull.tmp / "summary.md").read_text()


def test_force_push_reviews_the_whole_pull_request(cli: Any, setup: tuple[Pull, FakeGitHub, ScriptedModel]) -> None:
    pull, fake, model = setup
    pull.push("second.py", "def second_change():\n    return 2\n")
    run(cli, pull, model)
    assert len(fake.review_comments) == 2
    pull.force_push("third.py", "def third_change():\n    return 3\n")  # second.py's commit is gone
    before = len(model.prompts)
    run(cli, pull, model)
    asked = prompted(model, before)
    assert "first_change" in asked and "third_change" in asked and "second_change" not in asked
    text = summary(fake)
    assert "Reviewed the whole pull request" in text and "force-push or rebase" in text
    # Fingerprint dedup: first.py's comment is not posted again; second.py's is outdated and removed.
    assert sorted(c["path"] for c in fake.review_comments) == ["first.py", "third.py"]


def test_a_failing_last_review_is_reviewed_again_in_full(cli: Any, setup: tuple[Pull, FakeGitHub, ScriptedModel]) -> None:
    pull, fake, model = setup
    res = cli("github", "--event-path", str(pull.event()), "--tasks", "review", "--server", model.url,
              "--fail-level", "warning", cwd=pull.repo.path)
    assert res.code == 1 and "failing=1" in summary(fake)
    # Unchanged: nothing reviewed, and the recorded verdict stands (a re-run cannot turn the check green).
    before = len(model.prompts)
    again = cli("github", "--event-path", str(pull.event()), "--tasks", "review", "--server", model.url,
                "--fail-level", "warning", cwd=pull.repo.path)
    assert again.code == 1 and len(model.prompts) == before
    # A commit on top of a failing review: the whole pull request again, so the first finding still counts.
    pull.push("second.py", "def second_change():\n    return 2\n")
    res = cli("github", "--event-path", str(pull.event()), "--tasks", "review", "--server", model.url,
              "--fail-level", "warning", cwd=pull.repo.path)
    assert res.code == 1
    assert "first_change" in prompted(model, before) and "reached the fail level" in summary(fake)


def test_merge_of_the_base_branch_reviews_the_whole_pull_request(repo: GitRepo) -> None:
    repo.write("a.py", "a = 1\n")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("b.py", "b = 1\n")
    last = repo.commit("feature")
    repo.git("checkout", "-q", "main")
    repo.write("c.py", "c = 1\n")
    repo.commit("main moves")
    repo.git("checkout", "-q", "feature")
    repo.git("merge", "-q", "--no-edit", "main")
    head = repo.git("rev-parse", "HEAD").strip()
    scope = incremental.decide(repo.path, base, head, incremental.State(last, False))
    assert (scope.kind, scope.range) == (incremental.FULL, f"{base}...{head}")
    assert "merge commits" in scope.reason
    missing = incremental.decide(repo.path, base, head, incremental.State("ab" * 20, False))
    assert missing.kind == incremental.FULL and "not in this clone" in missing.reason


def test_state_marker_round_trip() -> None:
    state = incremental.State("0123456789abcdef0123456789abcdef01234567", True)
    assert incremental.read_state(f"<!-- reviewer:summary -->\nbody\n{state.marker()}\n") == state
    assert incremental.read_state("<!-- reviewer:summary -->\nno state here") is None
