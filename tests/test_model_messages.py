"""What a new user is told around the model: counts that match the report, each message once, no claim
about a model that did not run (#13 item 6)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import GitRepo

LOOP = "def greet{n}(names):\n    for i in range(len(names) - 1):\n        show(names[i])\n\n\n"


def _loops(repo: GitRepo) -> None:
    # One pattern+judge candidate in old code (outside the diff), one in the change.
    repo.write("app.py", LOOP.format(n=1) + "".join(f"x{i} = {i}\n" for i in range(30)))
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app.py", LOOP.format(n=1) + "".join(f"x{i} = {i}\n" for i in range(30)) + "\n\n" + LOOP.format(n=2))
    repo.commit("feature")


def test_unconfirmed_note_counts_only_reported_findings(cli: Any, repo: GitRepo) -> None:
    _loops(repo)
    # range-len-minus-one waits for the model (unconfirmed: skip); --audit reports its candidates unconfirmed
    res = cli("review", "--base", "main", "--no-model", "--audit", "--format", "json", "--fail-level", "none",
              "--filter-mode", "added", cwd=repo.path)
    assert res.code == 0, res
    doc = json.loads(res.out)
    reported = [f for f in doc["findings"] if f["rule"] == "off-by-one/range-len-minus-one"]
    assert len(reported) == 1
    notes = [n for n in doc["notes"] if "pattern+judge" in n]
    assert notes and notes[0].startswith("1 pattern+judge finding(s) reported unconfirmed"), doc["notes"]
    # With every line in scope both are reported, and the note says 2.
    res = cli("review", "--base", "main", "--no-model", "--audit", "--format", "json", "--fail-level", "none",
              "--filter-mode", "nofilter", cwd=repo.path)
    doc = json.loads(res.out)
    assert any(n.startswith("2 pattern+judge finding(s) reported unconfirmed") for n in doc["notes"]), doc["notes"]


def test_a_missing_model_does_not_claim_held_candidates_were_reported(cli: Any, repo: GitRepo,
                                                                      tmp_path: Path) -> None:
    """A model is configured but missing (model.optional): range-len-minus-one waits for the model, so its
    candidate is not reported, and the notes say so rather than "reported unconfirmed"."""
    _loops(repo)
    res = cli("review", "--base", "main", "--model", str(tmp_path / "none"), "--format", "json",
              "--fail-level", "none", "--filter-mode", "added", cwd=repo.path)
    doc = json.loads(res.out)
    assert not [f for f in doc["findings"] if f["rule"] == "off-by-one/range-len-minus-one"], doc["findings"]
    notes = [n for n in doc["notes"] if "pattern+judge" in n]
    assert not any("reported unconfirmed" in n for n in notes), notes
    assert any(n.startswith("1 pattern+judge candidate(s) not reported") for n in notes), notes
    # With --audit the candidate is reported, unconfirmed, and the note says that instead.
    res = cli("review", "--base", "main", "--model", str(tmp_path / "none"), "--audit", "--format", "json",
              "--fail-level", "none", "--filter-mode", "added", cwd=repo.path)
    doc = json.loads(res.out)
    assert [f["rule"] for f in doc["findings"]].count("off-by-one/range-len-minus-one") == 1
    assert any(n.startswith("1 pattern+judge finding(s) reported unconfirmed") for n in doc["notes"]), doc["notes"]


def test_server_down_is_said_once(cli: Any, repo: GitRepo, tmp_path: Path) -> None:
    _loops(repo)
    # A dead server with the in-process fallback: the fallback finds no model folder either.
    res = cli("review", "--base", "main", "--server", "http://127.0.0.1:9", "--model", str(tmp_path / "none"),
              "--fail-level", "none", cwd=repo.path)
    text = res.out + res.err
    assert text.count("is not answering") == 1, text


def test_markdown_footer_says_no_model_ran(cli: Any, repo: GitRepo) -> None:
    _loops(repo)
    res = cli("review", "--base", "main", "--no-model", "--format", "markdown", "--fail-level", "none",
              cwd=repo.path)
    assert "all inference ran locally" not in res.out
    assert "no model ran (rules only); nothing left the machine" in res.out


def test_docstrings_hook_without_a_model_does_not_say_it_was_turned_off(repo: GitRepo, monkeypatch: Any,
                                                                         capsys: Any) -> None:
    from reviewer import hooks

    repo.write("README.md", "x\n")
    repo.commit("base")
    repo.write(".reviewer.toml", '[docstrings]\ngenerator = "auto"\n')
    repo.write("calc.py", "def double(x):\n    return 2 * x\n")
    repo.git("add", "-A")
    monkeypatch.chdir(repo.path)
    monkeypatch.delenv("REVIEWER_SERVER", raising=False)
    monkeypatch.setattr(hooks, "transformers_installed", lambda: False)
    monkeypatch.setattr(hooks, "say_once", lambda m: print(m))  # every note, not once per pre-commit run
    code = hooks.docstrings_main(["calc.py"])
    out = capsys.readouterr()
    text = out.out + out.err
    # Without a model the hook writes nothing (issue 15), lets the commit through and says what to do.
    assert code == 0 and "calc.py:1: double (function) has no docstring" in text, text
    assert "turned off" not in text and "model.backend = none" not in text, text
    assert "start `reviewer serve` and set REVIEWER_SERVER" in text, text
