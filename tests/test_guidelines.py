"""Team guidelines in prose: parsing into judge rules, and a guideline reaching the model's prompt and its finding."""

from __future__ import annotations

import json
from typing import Any, Callable

from reviewer import guidelines
from reviewer.config import RulesConfig
from tests.conftest import GitRepo
from tests.scripted_server import Ask, ScriptedServer, finding, scripted  # noqa: F401 - fixture

GUIDELINES = """# Acme engineering guidelines

How we write code here.

- Every public function has type hints.
- Log with the `logging` module,
  never with print.

## Error messages
Errors name the failing value and what was expected.

## api/** Handlers
- Handlers log the request id with every error they raise.

### Timeouts
Outgoing calls always pass a timeout.

```
## not a heading, inside a fence
- not a bullet
```
"""


def test_sections_and_top_level_bullets_become_scoped_judge_rules() -> None:
    rules = {r.id: r for r in guidelines.parse(GUIDELINES, "g.md")}
    assert list(rules) == [
        "guidelines/every-public-function-has-type-hints",
        "guidelines/log-with-the-logging-module-never-with-print",
        "guidelines/error-messages",
        "guidelines/handlers-log-the-request-id-with-every-error",
        "guidelines/timeouts",
    ]
    log = rules["guidelines/log-with-the-logging-module-never-with-print"]
    assert log.description.startswith("Log with the `logging` module, never with print.")  # continuation joined
    assert log.judge and log.kind.value == "judge" and log.pack == "guidelines" and log.line == 6
    assert "*.py" in log.files  # unscoped: every source file with a known language
    assert rules["guidelines/error-messages"].description == "Errors name the failing value and what was expected."
    assert rules["guidelines/handlers-log-the-request-id-with-every-error"].files == ("api/**",)
    assert rules["guidelines/timeouts"].files == ("api/**",)  # a subsection inherits its section's scope
    assert "fence" not in " ".join(r.description for r in rules.values() if r.id != "guidelines/timeouts")


def test_heading_scopes_and_slugs() -> None:
    assert guidelines.split_scope("`src/*.py`, lib/**: Library code") == (("src/*.py", "lib/**"), "Library code")
    assert guidelines.split_scope("Naming") == ((), "Naming")
    assert guidelines.slugify("Don't use `eval()` -- ever!") == "don-t-use-eval-ever"
    same = guidelines.parse("- Be kind.\n- Be kind.\n", "g.md")
    assert [r.id for r in same] == ["guidelines/be-kind", "guidelines/be-kind-2"]


def test_configured_files_missing_or_outside_are_skipped_with_a_note(repo: GitRepo) -> None:
    repo.write("docs/standards.md", "- Prefer pathlib.\n")
    cfg = RulesConfig(guidelines=(".reviewer/guidelines.md", "docs/standards.md", "docs/absent.md", "../x.md"),
                      disable=("guidelines/nothing",))
    rules, notes = guidelines.load(repo.path, cfg)
    assert [r.id for r in rules] == ["guidelines/prefer-pathlib"]
    assert notes == ["guidelines file docs/absent.md not found: skipped",
                     "guidelines file ../x.md is outside the repository: skipped"]
    rules, _ = guidelines.load(repo.path, RulesConfig(guidelines=("docs/standards.md",), disable=("guidelines",)))
    assert rules == []
    import warnings

    from reviewer import rules as rulesmod

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rulesmod.load(repo.path, RulesConfig(disable=("guidelines", "guidelines/prefer-pathlib", "no-such-pack")))
    assert [str(w.message) for w in caught] == ["rules: 'no-such-pack' names no known rule or pack"]


def _flag_raise(ask: Ask) -> list[dict[str, Any]]:
    gid = "guidelines/handlers-log-the-request-id-with-every-error"
    return [finding(gid, n, "the error does not carry the request id") for n in ask.lines_with("raise ")
            if gid in ask.rules]


def test_a_guideline_reaches_the_prompt_and_its_finding_is_attributed_to_it(
        cli, repo: GitRepo, scripted: Callable[..., ScriptedServer]) -> None:  # type: ignore[no-untyped-def]
    repo.write(".reviewer/guidelines.md", GUIDELINES)
    repo.write("api/users.py", "def get(uid):\n    return uid\n")
    repo.write("lib/util.py", "def twice(x):\n    return 2 * x\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("api/users.py", "def get(uid):\n    if uid < 0:\n        raise ValueError(uid)\n    return uid\n")
    repo.write("lib/util.py", "def twice(x):\n    if x is None:\n        raise ValueError(x)\n    return 2 * x\n")
    repo.commit("change")
    server = scripted(review=_flag_raise, confidence=lambda q: 0.9 if q.rule.startswith("guidelines/") else 0.1)
    r = cli("review", "--base", "main", "--server", server.url, "--format", "json", cwd=repo.path)
    assert r.code == 0, r
    by_path = {a.path: a for a in server.asks}
    api, lib = by_path["api/users.py"], by_path["lib/util.py"]
    gid = "guidelines/handlers-log-the-request-id-with-every-error"
    assert gid in api.rules and "Handlers log the request id with every error they raise." in api.user
    assert gid not in lib.rules and "request id" not in lib.user  # scoped to api/**
    assert "guidelines/error-messages" in lib.rules and "Errors name the failing value" in lib.user
    assert "python-bugs/off-by-one" in api.rules  # next to the built-in judge rules
    reported = [f for f in json.loads(r.out)["findings"] if f["source"] == "model"]
    assert [(f["rule"], f["pack"], f["path"], f["line"], f["severity"], f["confidence"]) for f in reported] == \
        [(gid, "guidelines", "api/users.py", 3, "warning", 0.9)]
    assert reported[0]["message"] == "the error does not carry the request id"
    listing = cli("rules", "list", "--server", server.url, cwd=repo.path)
    assert f"{gid} " in listing.out and "guidelines " in listing.out


def test_without_a_model_the_note_counts_the_guidelines_too(cli: Any, repo: GitRepo) -> None:
    repo.write("app.py", "X = 1\n")
    repo.commit("base")
    repo.write(".reviewer/guidelines.md", "- Log with `structlog`, never `print`.\n- Name booleans `is_*`.\n")
    repo.write("app.py", "X = 1\nY = 2\n")
    repo.commit("change")
    plain = cli("review", "--range", "HEAD~1..HEAD", "--no-model", "--format", "json", cwd=repo.path)
    notes = json.loads(plain.out)["notes"]
    (note,) = [n for n in notes if n.startswith("needs a model:")]
    assert "guidelines" in note and "model review is off" in note
    repo.git("rm", "-q", ".reviewer/guidelines.md")
    repo.commit("no guidelines")
    fewer = json.loads(cli("review", "--range", "HEAD~1..HEAD", "--no-model", "--format", "json",
                           cwd=repo.path).out)["notes"]
    count = int(note.split(": ")[1].split()[0])
    (other,) = [n for n in fewer if n.startswith("needs a model:")]
    assert int(other.split(": ")[1].split()[0]) == count - 2
