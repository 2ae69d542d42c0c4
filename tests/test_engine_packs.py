"""The built-in model packs through a scripted model server: a default run (no custom rules, no config)
asks the model about every changed Python hunk and reports its findings with their confidences."""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from reviewer import rules as rulesmod
from reviewer.config import RulesConfig
from reviewer.records import RuleKind
from tests.conftest import GitRepo
from tests.scripted_server import Ask, Question, ScriptedServer, finding, scripted  # noqa: F401 - fixture

FILLER = "".join(f"def helper_{i}(x):\n    return x + {i}\n\n\n" for i in range(6))
SCORES_BASE = "def total(scores):\n    t = 0\n    for s in scores:\n        t += s\n    return t\n\n\n" + FILLER + \
    "def best(scores):\n    return max(scores)\n"
SCORES_CHANGE = ("def total(scores):\n    t = 0\n    for i in range(1, len(scores)):\n        t += scores[i]\n"
                 "    return t\n\n\n" + FILLER + "def best(scores):\n    if not scores:\n        return None\n"
                 "    return max(scores)\n")


def _hunks_with_additions(diff: str) -> set[tuple[str, int, int]]:
    """(path, first, last) of every hunk with an added line, read from git's own diff (independent of the product)."""
    out: set[tuple[str, int, int]] = set()
    path, current, plus = "", None, False
    for line in diff.splitlines() + ["@@ end"]:
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else ""
        elif line.startswith("@@"):
            if current is not None and plus and current[0].endswith(".py"):
                out.add(current)
            m = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            current = (path, int(m.group(1)), int(m.group(1)) + int(m.group(2) or 1) - 1) if m else None
            plus = False
        elif line.startswith("+") and not line.startswith("+++"):
            plus = True
    return out


def _changed(repo: GitRepo) -> GitRepo:
    repo.write("pkg/scores.py", SCORES_BASE)
    repo.write("pkg/old.py", "A = 1\nB = 2\nC = 3\n")
    repo.write("README.md", "# demo\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/scores.py", SCORES_CHANGE)
    repo.write("pkg/old.py", "A = 1\nC = 3\n")  # a deletion only: nothing added, nothing to ask
    repo.write("pkg/new.py", "import json\n\n\ndef load(path):\n    f = open(path)\n    return json.load(f)\n")
    repo.write("README.md", "# demo\n\nMore words.\n")
    # A rule pack's test case: planted violations for `reviewer rules test`, never sent to the model.
    repo.write(".reviewer/rules/team/tests/case.py", "for i in range(1, len(xs)):\n    pass\n")
    repo.commit("change")
    return repo


def _flag_off_by_one_and_open(ask: Ask) -> list[dict[str, Any]]:
    out = [finding("python-bugs/off-by-one", n, "range(1, ...) skips the first score")
           for n in ask.lines_with("range(1, len(")]
    out += [finding("python-bugs/unclosed-resource", n, "the file is never closed") for n in ask.lines_with("open(")]
    return out


def _confidence(q: Question) -> float:
    return {"python-bugs/off-by-one": 0.83, "python-bugs/unclosed-resource": 0.31}.get(q.rule, 0.5)


def test_default_run_asks_about_every_changed_python_hunk(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                                          scripted: Callable[..., ScriptedServer]) -> None:
    _changed(repo)
    server = scripted(review=_flag_off_by_one_and_open, confidence=_confidence)
    r = cli("review", "--base", "main", "--server", server.url, "--format", "json", "--fail-level", "none",
            cwd=repo.path)
    assert r.code == 0, r
    expected = {h for h in _hunks_with_additions(repo.git("diff", "-U3", "main...HEAD"))
                if not h[0].startswith(".reviewer/rules/")}
    assert len(expected) == 3  # two hunks in scores.py, the new file; not old.py (deletion), not README.md
    assert {(a.path, a.first, a.last) for a in server.asks} == expected
    judge_ids = {r.id for r in rulesmod.load(None, RulesConfig())[1] if r.kind == RuleKind.JUDGE}
    assert {i for i in judge_ids if i.startswith("python-bugs/")} >= {"python-bugs/off-by-one",
                                                                       "python-bugs/unclosed-resource"}
    for ask in server.asks:
        assert set(ask.rules) == judge_ids  # every built-in judge rule, python-bugs and python-standards
        assert "python-bugs/off-by-one" in ask.user and "Question:" in ask.user
    data = json.loads(r.out)
    model = {(f["rule"], f["path"], f["line"]): f for f in data["findings"] + data["not_reported"]
             if f["source"] == "model"}
    off = model[("python-bugs/off-by-one", "pkg/scores.py", 3)]
    assert off["confidence"] == 0.83 and off["message"] == "range(1, ...) skips the first score"
    assert off in data["findings"]  # above min_confidence: reported
    unclosed = model[("python-bugs/unclosed-resource", "pkg/new.py", 5)]
    assert unclosed["confidence"] == 0.31 and unclosed in data["not_reported"]  # below 0.5: kept, not reported
    assert any(f["source"] == "rule" for f in data["findings"])  # rule findings next to model findings
    asked = {(q.rule, q.line) for q in server.questions}
    assert {("python-bugs/off-by-one", 3), ("python-bugs/unclosed-resource", 5)} <= asked
    text = cli("review", "--base", "main", "--server", server.url, "--fail-level", "none", cwd=repo.path)
    assert "pkg/scores.py:3:1: warning python-bugs/off-by-one range(1, ...) skips the first score " \
           "(confidence 0.83)" in text.out


def test_without_a_model_the_judge_rules_say_they_need_one(cli, repo: GitRepo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _changed(repo)
    r = cli("review", "--base", "main", "--model", str(tmp_path / "no-model"), "--format", "json",
            "--fail-level", "none", cwd=repo.path)
    assert r.code == 0, r
    notes = json.loads(r.out)["notes"]
    assert any(n.startswith("needs a model: 12 judge rule(s) did not run (python-bugs, python-standards)")
               for n in notes), notes
    listing = cli("rules", "list", "--model", str(tmp_path / "no-model"), cwd=repo.path)
    row = next(line for line in listing.out.splitlines() if line.startswith("python-bugs/off-by-one "))
    assert row.rstrip().endswith("needs a model")
    pattern_row = next(line for line in listing.out.splitlines() if line.startswith("off-by-one/range-from-one "))
    assert pattern_row.rstrip().endswith("yes")


def test_a_small_prompt_budget_keeps_every_rule_by_its_question(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                                                scripted: Callable[..., ScriptedServer]) -> None:
    _changed(repo)
    repo.write(".reviewer.toml", "[model]\nmax_prompt_tokens = 1200\n")
    server = scripted()
    r = cli("review", "--base", "main", "--server", server.url, "--format", "json", "--fail-level", "none",
            cwd=repo.path)
    assert r.code == 0, r
    assert len(server.asks) == 3
    assert not [s for s in json.loads(r.out)["skipped"] if "max_prompt_tokens" in s["reason"]]
    for ask in server.asks:
        assert "Question:" not in ask.user  # the descriptions are left out ...
        assert "- python-bugs/off-by-one (warning): Is a changed loop bound" in ask.user  # ... the questions stay
        assert len(ask.rules) == 12
