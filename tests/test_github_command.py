"""`reviewer github` end to end: a real git repository, an event file, a fake GitHub API on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from reviewer import tasks
from reviewer.records import make_fingerprint
from tests.conftest import GitRepo
from tests.fake_github import FakeGitHub

BASE_TEXT = "import hashlib\nOLD = hashlib.md5(b'x')\n" + "".join(f"x{i} = {i}\n" for i in range(3, 31))
FEATURE_TAIL = (
    "def digest(data):\n"            # 31
    "    return hashlib.md5(data).hexdigest()\n"  # 32
    "# BEGIN\n"                      # 33
    "a = 1\n"                        # 34
    "b = 2\n"                        # 35
    "# END\n"                        # 36
    "note = 'TODO: later'\n"         # 37
)
MD5_32 = "    return hashlib.md5(data).hexdigest()"


def fp(rule: str, snippet: str) -> str:
    return make_fingerprint(rule, "app.py", snippet)


FP_OLD = fp("test/weak-hash", "OLD = hashlib.md5(b'x')")
FP_32 = fp("test/weak-hash", MD5_32)
FP_BLOCK = fp("test/block", "# BEGIN\na = 1\nb = 2\n# END")
FP_TODO = fp("test/todo", "note = 'TODO: later'")


def pr_files(repo: GitRepo, base: str, head: str) -> list[dict[str, Any]]:
    """What GitHub's pull request files API answers: per file, the base...head diff's hunks."""
    out = []
    names = repo.git("diff", "--name-only", f"{base}...{head}").split()
    for name in names:
        diff = repo.git("diff", f"{base}...{head}", "--", name)
        out.append({"filename": name, "patch": diff[diff.index("@@"):]})
    return out


class PullRequest:
    """A feature branch, a base that moved on, and a detached merge commit like actions/checkout makes."""

    def __init__(self, repo: GitRepo, tmp: Path) -> None:
        self.repo, self.tmp = repo, tmp
        repo.write("app.py", BASE_TEXT)
        repo.write(".reviewer.toml", 'filter_mode = "file"\n')
        repo.commit("base")
        repo.git("checkout", "-q", "-b", "feature")
        repo.write("app.py", BASE_TEXT + FEATURE_TAIL)
        self.head = repo.commit("feature")
        repo.git("checkout", "-q", "main")
        # main moves on after the branch point: the merge commit's line numbers differ from the head's.
        repo.write("app.py", "# licence header\n" + BASE_TEXT)
        self.base = repo.commit("main moves")
        self.checkout_merge()

    def checkout_merge(self) -> None:
        self.repo.git("checkout", "-q", "--detach", self.base)
        self.repo.git("merge", "-q", "--no-edit", self.head)

    def push_feature(self, text: str) -> None:
        self.repo.git("checkout", "-q", "feature")
        self.repo.write("app.py", text)
        self.head = self.repo.commit("feature update")
        self.checkout_merge()

    def force_push_feature(self, text: str) -> None:
        """Rewrite the feature commit (amend + force-push): the last reviewed head is no longer an ancestor."""
        self.repo.git("checkout", "-q", "feature")
        self.repo.git("reset", "-q", "--hard", "HEAD~1")
        self.repo.write("app.py", text)
        self.head = self.repo.commit("feature rewritten")
        self.checkout_merge()

    def event_file(self) -> Path:
        path = self.tmp / "event.json"
        side = {"repo": {"full_name": "octo/app"}}
        path.write_text(json.dumps({"number": 7, "pull_request": {
            "number": 7, "base": {"sha": self.base, "ref": "main", **side},
            "head": {"sha": self.head, "ref": "feature", **side}}}))
        return path


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    yield server
    server.stop()


@pytest.fixture
def pr(repo: GitRepo, tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> PullRequest:
    monkeypatch.setitem(tasks.REGISTRY, "planted", "tests.planted_task")
    p = PullRequest(repo, tmp_path)
    fake.files = pr_files(repo, p.base, p.head)
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_REPOSITORY": "octo/app", "GITHUB_TOKEN": "t0ken",
           "GITHUB_API_URL": fake.url, "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "REVIEWER_GITHUB_PACE": "0"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return p


def run(cli: Any, pr: PullRequest, *args: str) -> Any:
    return cli("github", "--event-path", str(pr.event_file()), "--tasks", "planted", "--no-model",
               *args, cwd=pr.repo.path)


def expected_comments() -> list[dict[str, Any]]:
    return [
        {"path": "app.py", "line": 32, "side": "RIGHT",
         "body": "🔴 **error** `test/weak-hash`: md5 is a weak hash\n\n"
                 "```suggestion\n    return hashlib.sha256(data).hexdigest()\n```\n\n"
                 f"<!-- reviewer:fp={FP_32} -->"},
        {"path": "app.py", "line": 36, "side": "RIGHT", "start_line": 33, "start_side": "RIGHT",
         "body": "🟠 **warning** `test/block`: merge these assignments\n\n"
                 "`````suggestion\nab = (1, 2)  # ```` four backticks\n`````\n\n"
                 f"<!-- reviewer:fp={FP_BLOCK} -->"},
        {"path": "app.py", "line": 37, "side": "RIGHT",
         "body": f"🔵 **info** `test/todo`: a TODO left in the change\n\n<!-- reviewer:fp={FP_TODO} -->"},
    ]


def test_posts_one_review_with_anchored_comments_and_suggestions(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    res = run(cli, pr, "--fail-level", "none")
    assert res.code == 0, res
    posts = fake.calls("POST", "/pulls/7/reviews")
    assert len(posts) == 1
    payload = posts[0].body
    assert payload["commit_id"] == pr.head  # the head, not the merge commit that is checked out
    assert payload["event"] == "COMMENT"
    assert payload["comments"] == expected_comments()
    assert payload["body"] == (
        "**reviewer**: 4 finding(s) on this pull request; 3 new inline comment(s).\n\n"
        "Findings not shown inline:\n\n"
        "- `app.py:2` 🔴 **error** `test/weak-hash`: md5 is a weak hash _(outside the diff hunks)_ "
        f"<!-- reviewer:fp={FP_OLD} -->\n\n"
        "  Suggested replacement for line 2:\n\n  ```\n  OLD = hashlib.sha256(b'x')\n  ```\n"
    )
    # One summary comment, with the hidden marker, the findings table and the privacy line.
    assert len(fake.issue_comments) == 1
    summary = fake.issue_comments[0]["body"]
    assert summary.startswith("<!-- reviewer:summary -->\n## reviewer")
    assert "| 🔴 error | `app.py:32` | `test/weak-hash` | md5 is a weak hash |" in summary
    assert "no model ran (rules only); nothing left the machine" in summary  # --no-model
    # The job summary was written, and no annotations were printed (the review carries them).
    assert "| 🟠 warning | `app.py:33-36` | `test/block` |" in Path(pr.tmp / "summary.md").read_text()
    assert "::error" not in res.out


def test_second_run_posts_nothing_new(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    assert run(cli, pr, "--fail-level", "none").code == 0
    first = len(fake.requests)
    res = run(cli, pr, "--fail-level", "none")
    assert res.code == 0
    later = fake.requests[first:]
    # Same head as the recorded one: nothing reviewed, nothing written.
    assert [r for r in later if r.method != "GET"] == []
    assert len(fake.reviews) == 1 and len(fake.review_comments) == 3 and len(fake.issue_comments) == 1
    assert "No new commits since the last review" in res.err


def test_a_full_rerun_after_a_force_push_posts_nothing_already_there(cli: Any, pr: PullRequest,
                                                                       fake: FakeGitHub) -> None:
    assert run(cli, pr, "--fail-level", "none").code == 0
    pr.force_push_feature(BASE_TEXT + FEATURE_TAIL)  # same content, new commit: a full review
    first = len(fake.requests)
    assert run(cli, pr, "--fail-level", "none").code == 0
    later = fake.requests[first:]
    assert [r for r in later if r.method in ("POST", "DELETE")] == []
    # The summary comment is edited in place, not posted again.
    assert [r.method for r in later if r.method == "PATCH"] == ["PATCH"]
    body = fake.issue_comments[0]["body"]
    assert "Review: 0 new inline comment(s), 0 in the review body, 4 already posted" in body
    assert "Reviewed the whole pull request" in body and "force-push or rebase" in body


def test_fingerprints_survive_a_rebase_that_moves_lines(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    assert run(cli, pr, "--fail-level", "none").code == 0
    # Two lines inserted above the flagged code: every line number moves, no fingerprint changes.
    pr.push_feature(BASE_TEXT + "y = 1\nz = 2\n" + FEATURE_TAIL)
    fake.files = pr_files(pr.repo, pr.base, pr.head)
    before = len(fake.requests)
    assert run(cli, pr, "--fail-level", "none").code == 0
    assert [r for r in fake.requests[before:] if r.method in ("POST", "DELETE")] == []


def test_stale_comments_are_deleted_unless_replied_to(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    assert run(cli, pr, "--fail-level", "none").code == 0
    by_fp = {c["body"].rsplit("fp=", 1)[1].split(" ")[0]: c["id"] for c in fake.review_comments}
    fake.reply_to(by_fp[FP_BLOCK], "I disagree")
    # The TODO and the BEGIN/END block are gone from the rewritten head (a full review: see
    # tests/test_github_incremental.py for a push on top, which keeps them).
    pr.force_push_feature(BASE_TEXT + FEATURE_TAIL.split("# BEGIN")[0])
    fake.files = pr_files(pr.repo, pr.base, pr.head)
    before = len(fake.requests)
    assert run(cli, pr, "--fail-level", "none").code == 0
    deletes = [r.path for r in fake.requests[before:] if r.method == "DELETE"]
    assert deletes == [f"/repos/octo/app/pulls/comments/{by_fp[FP_TODO]}"]
    assert any(c["id"] == by_fp[FP_BLOCK] for c in fake.review_comments)  # has a reply: kept
    assert fake.calls("POST", "/reviews")[1:] == []  # nothing new to say


def test_inline_cap_moves_the_rest_into_the_body(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    assert run(cli, pr, "--fail-level", "none", "--max-comments", "1").code == 0
    payload = fake.calls("POST", "/reviews")[0].body
    assert [c["line"] for c in payload["comments"]] == [32]
    for fingerprint in (FP_BLOCK, FP_TODO):
        assert f"_(over the inline comment cap of 1)_ <!-- reviewer:fp={fingerprint} -->" in payload["body"]
    # Re-run with the default cap: the ones already listed in the body are not repeated.
    before = len(fake.requests)
    assert run(cli, pr, "--fail-level", "none").code == 0
    assert [r for r in fake.requests[before:] if r.method == "POST"] == []


def test_read_only_token_falls_back_to_annotations(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    fake.read_only = True
    res = run(cli, pr)
    assert res.code == 1  # error findings at the default fail-level: the run still fails
    assert fake.reviews == [] and fake.issue_comments == []
    assert "::error file=app.py,line=32,endLine=32,title=test/weak-hash (error)::md5 is a weak hash" in res.out
    assert "::warning file=app.py,line=33,endLine=36,title=test/block (warning)::merge these assignments" in res.out
    assert "::notice file=app.py,line=37" in res.out
    assert "403" in res.err and "annotations" in res.err and "Traceback" not in res.err
    summary = (pr.tmp / "summary.md").read_text()
    assert "| 🔴 error | `app.py:2` | `test/weak-hash` |" in summary and "403" in summary


def test_422_first_collapses_ranges_to_single_lines(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    fake.failures[("POST", r"/reviews$")] = [422]
    assert run(cli, pr, "--fail-level", "none").code == 0
    posts = fake.calls("POST", "/reviews")
    assert len(posts) == 2
    first, second = posts[0].body["comments"], posts[1].body["comments"]
    assert first == expected_comments()
    assert second[0] == first[0] and second[2] == first[2]  # single-line comments unchanged
    block = second[1]
    assert (block["line"], block.get("start_line"), block["side"]) == (36, None, "RIGHT")
    # A suggestion on one line would replace only that line: the fix is shown, not offered as a click.
    assert "suggestion\n" not in block["body"] and "Suggested replacement for lines 33-36:" in block["body"]
    assert f"<!-- reviewer:fp={FP_BLOCK} -->" in block["body"]
    assert len(fake.reviews) == 1 and len(fake.review_comments) == 3


def test_422_twice_moves_comments_into_the_body(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    fake.failures[("POST", r"/reviews$")] = [422, 422]
    assert run(cli, pr, "--fail-level", "none").code == 0
    posts = fake.calls("POST", "/reviews")
    assert len(posts) == 3 and posts[2].body["comments"] == []
    body = posts[2].body["body"]
    for fingerprint in (FP_32, FP_BLOCK, FP_TODO):
        assert f"_(GitHub rejected the inline comment (422))_ <!-- reviewer:fp={fingerprint} -->" in body
    assert f"_(outside the diff hunks)_ <!-- reviewer:fp={FP_OLD} -->" in body
    assert len(fake.reviews) == 1


@pytest.mark.parametrize("status", [500, 403])  # a server error, then a secondary rate limit (Retry-After)
def test_transient_failures_are_retried(cli: Any, pr: PullRequest, fake: FakeGitHub, status: int) -> None:
    fake.failures[("POST", r"/reviews$")] = [status]
    assert run(cli, pr, "--fail-level", "none").code == 0
    assert len(fake.calls("POST", "/reviews")) == 2
    assert len(fake.reviews) == 1 and fake.reviews[0]["id"]
    assert len(fake.review_comments) == 3


def test_request_changes_when_findings_reach_fail_level(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    res = run(cli, pr, "--request-changes", "--fail-level", "error")
    assert res.code == 1
    assert fake.calls("POST", "/reviews")[0].body["event"] == "REQUEST_CHANGES"


def test_sarif_output_written(cli: Any, pr: PullRequest, fake: FakeGitHub, tmp_path: Path) -> None:
    out = tmp_path / "out.sarif"
    assert run(cli, pr, "--fail-level", "none", "--sarif", str(out)).code == 0
    results = json.loads(out.read_text())["runs"][0]["results"]
    assert sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results) == [
        ("test/block", 33), ("test/todo", 37), ("test/weak-hash", 2), ("test/weak-hash", 32)]


def test_push_event_gives_annotations_only(cli: Any, pr: PullRequest, fake: FakeGitHub, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    event = tmp_path / "push.json"
    event.write_text(json.dumps({"before": pr.base, "after": pr.head, "ref": "refs/heads/feature"}))
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    res = cli("github", "--event-path", str(event), "--tasks", "planted", "--no-model", "--fail-level", "none",
              cwd=pr.repo.path)
    assert res.code == 0, res
    assert fake.requests == []
    assert "::error file=app.py,line=32" in res.out


def test_shallow_clone_says_what_to_add_to_checkout(cli: Any, pr: PullRequest, make_repo: Any, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    pr.repo.git("clone", "-q", "--depth", "1", "--branch", "feature", f"file://{pr.repo.path}", str(shallow))
    res = cli("github", "--event-path", str(pr.event_file()), "--tasks", "planted", "--no-model", cwd=shallow)
    assert res.code == 2
    assert "fetch-depth: 0" in res.err and "Traceback" not in res.err


def test_pull_request_target_runs_review_only(cli: Any, pr: PullRequest, fake: FakeGitHub,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request_target")
    res = run(cli, pr, "--fail-level", "none")
    assert res.code == 0
    assert "review only" in res.err
    # The planted task did not run (it stands for tasks that would run the pull request's code); the
    # review task's rules still see the change.
    for post in fake.calls("POST", "/reviews"):
        assert all("`test/" not in c["body"] for c in post.body["comments"])
        assert "`test/" not in post.body["body"]


def test_server_errors_past_the_retries_still_report_everything(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    fake.failures[("POST", r"/reviews$")] = [500] * 20
    res = run(cli, pr, "--fail-level", "none")
    assert res.code == 3  # a backend failure, said in one line
    assert "Traceback" not in res.err and "reviewer: error:" in res.err
    assert res.out.count("::") >= 8 and "::error file=app.py,line=32" in res.out  # nothing lost
    assert "| 🔴 error | `app.py:32` |" in (pr.tmp / "summary.md").read_text()


def test_no_event_is_a_usage_error(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    res = cli("github", cwd=tmp_path)
    assert res.code == 2 and "no event" in res.err


def test_docstring_suggestions_from_a_section_post_as_suggestion_blocks(cli: Any, pr: PullRequest, fake: FakeGitHub,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in with the docstrings task's section shape (its suggestions), under the task's name.
    monkeypatch.setitem(tasks.REGISTRY, "docstrings", "tests.planted_docs_task")
    res = cli("github", "--event-path", str(pr.event_file()), "--tasks", "docstrings", "--no-model",
              cwd=pr.repo.path)
    assert res.code == 0, res  # info-level suggestions never fail the run
    [comment] = fake.calls("POST", "/reviews")[0].body["comments"]
    replacement = 'def digest(data):\n    """Docstring for digest."""'
    assert comment["line"] == 31 and "start_line" not in comment
    assert comment["body"].startswith("🔵 **info** `docstrings/suggestion`: Add the missing docstring\n\n"
                                      f"```suggestion\n{replacement}\n```\n\n<!-- reviewer:fp=")
    summary = fake.issue_comments[0]["body"]
    assert "### Docstrings" in summary and "1 docstring(s) suggested (template (no model))" in summary


def test_a_file_without_an_api_patch_is_anchored_on_the_local_diff(cli: Any, pr: PullRequest,
                                                                    fake: FakeGitHub) -> None:
    fake.files[0]["hide_patch"] = True  # GitHub leaves out the patch of large files
    assert run(cli, pr, "--fail-level", "none").code == 0
    [post] = fake.calls("POST", "/reviews")  # accepted at once: the anchors match GitHub's hunks
    assert post.body["comments"] == expected_comments()


def test_a_hostile_api_error_message_is_inert_in_the_job_summary(cli: Any, pr: PullRequest,
                                                                  fake: FakeGitHub) -> None:
    # GitHub's error text (or a proxy's in front of it) is not ours: it must not become a mention or a link.
    fake.read_only = True
    fake.read_only_message = "denied @octocat see [here](https://evil.example) <img src=x>"
    run(cli, pr)
    summary = (pr.tmp / "summary.md").read_text()
    assert "denied" in summary
    assert "@octocat" not in summary and "](https://" not in summary and "<img" not in summary


def test_per_rule_cap_reaches_the_plan(cli: Any, pr: PullRequest, fake: FakeGitHub) -> None:
    # Three more md5 calls in the hunk: with a cap of 2 per rule and file, two are inline, the last of
    # them says how many more there are, and the review body lists the rest.
    more = "".join(f"h{i} = hashlib.md5(b'{i}')\n" for i in range(3))
    pr.force_push_feature(BASE_TEXT + FEATURE_TAIL + more)
    fake.files = pr_files(pr.repo, pr.base, pr.head)
    assert run(cli, pr, "--fail-level", "none", "--max-comments-per-rule", "2").code == 0
    payload = fake.calls("POST", "/reviews")[0].body
    md5 = [c for c in payload["comments"] if "`test/weak-hash`" in c["body"]]
    assert [c["line"] for c in md5] == [32, 38]
    assert "The same in 2 more place(s) of this file" in md5[1]["body"]
    assert payload["body"].count("_(the rule has 2 inline comment(s) in this file already)_") == 2
