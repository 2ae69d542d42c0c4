"""`reviewer eval`: true and false positives counted per rule, through a scripted model server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from tests.conftest import GitRepo
from tests.scripted_server import Ask, ScriptedServer, finding, scripted  # noqa: F401 - fixture

OFF = "python-bugs/off-by-one"
RES = "python-bugs/unclosed-resource"
# Lines (1-based): 3 and 6 expect OFF; 9 is `ok` for OFF; 12 expects RES; 14 is ok for RES.
CASE = """def a(xs):
    # expect: python-bugs/off-by-one
    for i in range(1, len(xs)):  # FLAG-OFF
        print(xs[i])
    # expect: python-bugs/off-by-one
    return xs[len(xs)]
def b(xs):
    # ok: python-bugs/off-by-one
    for i in range(len(xs)):  # FLAG-OFF
        print(xs[i])
    # expect: python-bugs/unclosed-resource
    f = open("x")
    # ok: python-bugs/unclosed-resource
    return f  # FLAG-RES
"""


def _script(ask: Ask) -> list[dict[str, Any]]:
    out = []
    if OFF in ask.rules:
        out += [finding(OFF, n) for n in ask.lines_with("# FLAG-OFF")]
    if RES in ask.rules:
        out += [finding(RES, n) for n in ask.lines_with("# FLAG-RES")]
    return out


def test_eval_counts_true_and_false_positives(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                              scripted: Callable[..., ScriptedServer]) -> None:
    repo.write("cases/loops.py", CASE)
    repo.commit("cases")
    server = scripted(review=_script, confidence=lambda q: 0.2 if q.line == 14 else 0.9)
    r = cli("eval", "cases", "--no-examples", "--server", server.url, "--format", "json", cwd=repo.path)
    assert r.code == 0, r
    data = json.loads(r.out)
    rules = {s["rule"]: s for s in data["rules"]}
    # OFF: found on 3 (tp) and 9 (an `ok` line: fp), missed on 6 (fn).
    assert (rules[OFF]["tp"], rules[OFF]["fp"], rules[OFF]["fn"]) == (1, 1, 1)
    assert rules[OFF]["precision"] == 0.5 and rules[OFF]["recall"] == 0.5
    # RES: the finding on 14 is below min_confidence, so it does not count; 12 is missed.
    assert (rules[RES]["tp"], rules[RES]["fp"], rules[RES]["fn"]) == (0, 0, 1)
    assert rules[RES]["precision"] is None and rules[RES]["recall"] == 0.0
    assert (data["total"]["tp"], data["total"]["fp"], data["total"]["fn"]) == (1, 1, 2)
    [ask] = server.asks  # the whole file, one request, with just the annotated rules
    assert sorted(ask.rules) == [OFF, RES] and (ask.first, ask.last) == (1, 14)
    assert "expect" not in ask.user and "# ok" not in ask.user  # the labels never reach the model

    text = cli("eval", "cases", "--no-examples", "--server", server.url, cwd=repo.path)
    assert any(line.split() == [OFF, "1", "1", "1", "1", "0.50", "0.50"] for line in text.out.splitlines()), text.out


def test_eval_runs_the_rules_own_examples(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                          scripted: Callable[..., ScriptedServer]) -> None:
    repo.commit("empty")
    # A model that flags the first added line of anything it is asked about, for any rule.
    server = scripted(review=lambda a: [finding(a.rules[0], a.first)], confidence=lambda q: 0.9)
    r = cli("eval", "--rule", OFF, "--server", server.url, "--format", "json", cwd=repo.path)
    assert r.code == 0, r
    [score] = json.loads(r.out)["rules"]
    assert score["rule"] == OFF and score["cases"] == 2  # its bad and its good example
    assert (score["tp"], score["fp"], score["fn"]) == (1, 1, 0)  # the bad one found; the good one flagged too
    assert {a.path for a in server.asks} == {f"examples/{OFF}/bad-1.py", f"examples/{OFF}/good-1.py"}


def test_eval_without_a_model_says_so_and_exits_3(cli, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.commit("empty")
    r = cli("eval", "--model", str(tmp_path / "absent"), cwd=repo.path)
    assert r.code == 3
    assert r.err.startswith("reviewer: error: eval needs a model (no model at ") and "--server" in r.err
    r = cli("eval", "--no-model-such-flag", cwd=repo.path)
    assert r.code == 2


def test_rules_test_runs_judge_examples_through_the_model(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                                          scripted: Callable[..., ScriptedServer]) -> None:
    repo.commit("empty")
    no_model = cli("rules", "test", cwd=repo.path)
    assert f"skip {OFF}: judge-only, needs a model (--model / --server)" in no_model.out
    # A model that is right: it flags the bad examples only.
    right = scripted(review=lambda a: [finding(a.rules[0], a.first)] if "/bad-" in a.path else [])
    r = cli("rules", "test", "--server", right.url, cwd=repo.path)
    assert r.code == 0, r.out
    assert f"ok   {OFF} (model: 1/1 bad flagged, 0/1 good flagged)" in r.out
    assert "needs a model" not in r.out
    # A model that flags everything fails every judge rule on its good example.
    eager = scripted(review=lambda a: [finding(a.rules[0], a.first)])
    r = cli("rules", "test", "--server", eager.url, cwd=repo.path)
    assert r.code == 1
    assert f"FAIL {OFF} (model: 1/1 bad flagged, 1/1 good flagged)" in r.out
