"""Model-written fixes are verified before anyone sees them (reviewer.rules.verify), through a scripted server."""

from __future__ import annotations

import json
from typing import Any, Callable

from reviewer import config as configmod, pipeline
from reviewer.git import DiffMode
from reviewer.github import comments
from tests.conftest import GitRepo
from tests.scripted_server import Ask, ScriptedServer, finding, scripted  # noqa: F401 - fixture

BASE = "import hashlib\n\n\ndef total(scores):\n    t = 0\n    for s in scores:\n        t += s\n    return t\n\n\n" \
       "def key(data):\n    return data.hex()\n"
CHANGE = ("import hashlib\n\n\ndef total(scores):\n    t = 0\n    for i in range(1, len(scores)):\n"
          "        t += scores[i]\n    return t\n\n\ndef key(data):\n    return hashlib.sha256(data).hexdigest()\n")
# Line numbers in CHANGE: 6 range(1, ...), 7 t += scores[i] (both added), 8 return t (context), 12 sha256 (added).


def _fixes(ask: Ask) -> list[dict[str, Any]]:
    [loop] = ask.lines_with("range(1, len(")
    [body] = ask.lines_with("t += scores[i]")
    [digest] = ask.lines_with("sha256")
    return [
        finding("python-bugs/off-by-one", loop, "skips the first score", fix="    for i in range(len(scores)):"),
        finding("python-bugs/wrong-variable", body, "unparseable fix", fix="        t += scores[i"),
        finding("python-bugs/exception-handling", body, "fix reaches a context line", end_line=body + 1,
                fix="        t += scores[i]\n    return int(t)"),
        finding("python-standards/api-misuse", digest, "fix that a rule rejects",
                fix="    return hashlib.md5(data).hexdigest()"),
    ]


def _repo(repo: GitRepo) -> GitRepo:
    repo.write("calc.py", BASE)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("calc.py", CHANGE)
    repo.commit("change")
    return repo


def test_only_verified_model_fixes_are_offered(cli, repo: GitRepo,  # type: ignore[no-untyped-def]
                                              scripted: Callable[..., ScriptedServer]) -> None:
    _repo(repo)
    server = scripted(review=_fixes, confidence=lambda q: 0.9)
    r = cli("review", "--base", "main", "--server", server.url, "--format", "json", "--fail-level", "none",
            cwd=repo.path)
    assert r.code == 0, r
    model = {f["rule"]: f for f in json.loads(r.out)["findings"] if f["source"] == "model" and f["pack"] != "off-by-one"}
    good = model["python-bugs/off-by-one"]
    assert good["suggestion"] == {"start_line": 6, "end_line": 6, "replacement": "    for i in range(len(scores)):"}
    assert good["fix_withheld"] is None
    broken = model["python-bugs/wrong-variable"]
    assert broken["suggestion"] is None and broken["fix_withheld"].startswith("the fixed file does not parse")
    outside = model["python-bugs/exception-handling"]
    assert outside["suggestion"] is None and outside["fix_withheld"] == "the fix reaches outside the changed lines"
    assert (outside["line"], outside["end_line"]) == (7, 8)
    rejected = model["python-standards/api-misuse"]
    assert rejected["suggestion"] is None and rejected["fix_withheld"] == "the fix makes python-crypto/weak-hash fire"
    # Every finding is still reported, with its message: only the fix is held back.
    assert {f["message"] for f in model.values()} == {"skips the first score", "unparseable fix",
                                                      "fix reaches a context line", "fix that a rule rejects"}

    text = cli("review", "--base", "main", "--server", server.url, "--fail-level", "none", cwd=repo.path).out
    assert "    verified fix, replaces line 6:\n    |     for i in range(len(scores)):\n" in text
    for withheld in ("t += scores[i\n", "int(t)", "md5"):
        assert withheld not in text

    cfg = configmod.override(configmod.load(None, repo.path), model__server=server.url)
    result = pipeline.run(cfg, repo.path, DiffMode(base="main"), ("review",))
    [offered] = [f for f in result.findings if f.rule == "python-bugs/off-by-one"]
    body = comments.inline_body(offered, as_suggestion=True)
    assert "```suggestion\n    for i in range(len(scores)):\n```" in body
