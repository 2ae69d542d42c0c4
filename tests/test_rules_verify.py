"""The fix verifier shared by rule fixes and model-written fixes (reviewer/rules/verify.py)."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer import rules as rulesmod
from reviewer.config import RulesConfig
from reviewer.records import Finding, Severity, Source, Suggestion
from reviewer.rules import verify

from .conftest import spy

ALL, _ = rulesmod.load(Path("/nonexistent"), RulesConfig())
PY = [r for r in ALL if rulesmod.applies_to(r, "m.py")]

TEXT = "import yaml\n\n\ndef f(p):\n    return yaml.load(p)\n"


def _finding(rule: str, start: int, end: int, replacement: str) -> Finding:
    return Finding(rule, rule.split("/")[0], "m.py", start, end, Severity.WARNING, "m", 0.9, Source.MODEL,
                   suggestion=Suggestion("m.py", start, end, replacement))


def test_a_fix_that_does_not_parse_is_withheld_with_its_reason() -> None:
    f = _finding("python-bugs/x", 5, 5, "    return yaml.load(p")
    (out,) = verify.withhold_unverified("m.py", TEXT, [f], PY, allowed={4, 5})
    assert out.suggestion is None and out.fix_withheld.startswith("the fixed file does not parse")


def test_a_fix_outside_the_changed_lines_is_withheld() -> None:
    f = _finding("python-bugs/x", 1, 1, "import yaml  # ok")
    (out,) = verify.withhold_unverified("m.py", TEXT, [f], PY, allowed={4, 5})
    assert out.suggestion is None and "outside the changed lines" in out.fix_withheld


def test_a_fix_that_makes_another_rule_fire_is_withheld() -> None:
    # Replacing the body with eval() trades one problem for another that a rule knows.
    f = _finding("python-bugs/x", 5, 5, "    return eval(p)")
    (out,) = verify.withhold_unverified("m.py", TEXT, [f], PY, allowed={4, 5})
    assert out.suggestion is None and "eval" in out.fix_withheld


def test_a_correct_fix_is_kept() -> None:
    f = _finding("python-standards/yaml-load", 5, 5, "    return yaml.safe_load(p)")
    (out,) = verify.withhold_unverified("m.py", TEXT, [f], PY, allowed={4, 5})
    assert out.suggestion == f.suggestion and out.fix_withheld == ""


def test_a_fix_after_which_the_rule_still_matches_is_withheld() -> None:
    f = _finding("python-standards/yaml-load", 5, 5, "    return yaml.load(p)  # fixed")
    (out,) = verify.withhold_unverified("m.py", TEXT, [f], PY, allowed={4, 5})
    assert out.suggestion is None and "still matches" in out.fix_withheld


TEAM_RULE = """id: no-print
title: "Use the logger, not print()"
severity: warning
description: A team rule whose fix template is broken (it drops the closing parenthesis).
rule:
  pattern: print($A)
fix: log.info($A
"""


def test_review_withholds_a_broken_team_fix_and_keeps_a_good_one(cli, repo) -> None:  # type: ignore[no-untyped-def]
    repo.write("m.py", "import yaml\n")
    repo.commit("base")
    (repo.path / ".reviewer" / "rules" / "team").mkdir(parents=True)
    (repo.path / ".reviewer" / "rules" / "team" / "no-print.yaml").write_text(TEAM_RULE)
    repo.write("m.py", "import yaml\n\n\ndef f(p):\n    print(p)\n    return yaml.load(p)\n")
    repo.commit("change")
    res = cli("review", "--range", "HEAD~1..HEAD", "--no-model", "--format", "json", cwd=repo.path)
    by_rule = {x["rule"]: x for x in json.loads(res.out)["findings"]}
    bad, good = by_rule["team/no-print"], by_rule["python-standards/yaml-load"]
    assert bad["suggestion"] is None and bad["fix_withheld"].startswith("the fixed file does not parse")
    assert good["suggestion"]["replacement"] == "    return yaml.safe_load(p)" and good["fix_withheld"] is None


THREE = "import yaml\n\n\n" + "".join(f"def f{i}(p):\n    return yaml.load(p)\n\n\n" for i in range(3))


def test_many_fixes_in_a_file_are_checked_together(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The real matcher runs; the count shows one combined pass, not two per fix.
    from reviewer.rules import match as rules_match

    calls = spy(monkeypatch, rules_match, "match_text", lambda *a, **k: 1)
    fixes = [_finding("python-standards/yaml-load", n, n, "    return yaml.safe_load(p)") for n in (5, 9, 13)]
    out = verify.withhold_unverified("m.py", THREE, fixes, PY)
    assert [f.suggestion for f in out] == [f.suggestion for f in fixes] and not any(f.fix_withheld for f in out)
    assert len(calls) == 2  # the file's signature before, and the file with all three fixes


def test_one_bad_fix_among_good_ones_is_withheld_alone() -> None:
    fixes = [_finding("python-standards/yaml-load", 5, 5, "    return yaml.safe_load(p)"),
             _finding("python-bugs/x", 9, 9, "    return eval(p)"),
             _finding("python-standards/yaml-load", 13, 13, "    return yaml.safe_load(p)")]
    out = verify.withhold_unverified("m.py", THREE, fixes, PY)
    assert out[0].suggestion is not None and out[2].suggestion is not None
    assert out[1].suggestion is None and "eval" in out[1].fix_withheld

