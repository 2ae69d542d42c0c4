"""Rules: loading and validation, `reviewer rules list|test`, team rules, the wheel's built-in packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer import rules as rulesmod
from reviewer.rules import match as rules_match
from reviewer.config import RulesConfig
from reviewer.errors import UsageError
from reviewer.records import RuleKind, Severity

from .conftest import GitRepo

TEAM_RULE = """\
id: no-legacy-seal
title: "Use seal(), not legacy_seal()"
severity: warning
description: legacy_seal uses a retired key.
rule:
  pattern: legacy_seal($$$ARGS)
fix: seal($$$ARGS)
"""
TEAM_TEST = """\
# expect: acme/no-legacy-seal
box = legacy_seal(data, "x")
# ok: acme/no-legacy-seal
box = seal(data, "x")
"""


def _team_repo(repo: GitRepo) -> GitRepo:
    repo.write(".reviewer/rules/acme/no-legacy-seal.yaml", TEAM_RULE)
    repo.write(".reviewer/rules/acme/tests/no-legacy-seal.py", TEAM_TEST)
    repo.write(".reviewer/rules/acme/tests/no-legacy-seal.fixed.py", TEAM_TEST.replace("legacy_seal(", "seal("))
    return repo


def test_every_builtin_rule_passes_its_tests(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("rules", "test", cwd=repo.path)
    assert r.code == 0, r.out
    assert " 0 failed" in r.out
    for pack in ("python-standards", "python-crypto", "off-by-one"):
        assert f"ok   {pack}/" in r.out
    assert "FAIL" not in r.out


def test_builtin_packs_are_big_enough_and_have_fixes() -> None:
    rules = rulesmod.load_all(None, RulesConfig())
    by_pack: dict[str, list[object]] = {}
    for r in rules:
        by_pack.setdefault(r.pack, []).append(r)
    assert len(by_pack["python-standards"]) >= 10
    assert len(by_pack["python-crypto"]) >= 10
    assert len(by_pack["off-by-one"]) >= 5
    assert sum(1 for r in rules if r.fix) >= 12
    assert any(r.kind == RuleKind.PATTERN_JUDGE for r in rules)


def test_rules_list_shows_pack_severity_kind(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    _team_repo(repo)
    repo.write(".reviewer.toml", '[rules]\ndisable = ["off-by-one"]\nseverity = {"acme/no-legacy-seal" = "error"}\n')
    r = cli("rules", "list", cwd=repo.path)
    assert r.code == 0, r
    row = next(line for line in r.out.splitlines() if line.startswith("acme/no-legacy-seal "))
    assert row.split()[1:5] == ["acme", "error", "pattern", "yes"]
    row = next(line for line in r.out.splitlines() if line.startswith("off-by-one/index-len "))
    assert row.split()[-1] == "no"  # disabled by pack
    row = next(line for line in r.out.splitlines() if line.startswith("off-by-one/range-from-one "))
    assert "pattern+judge" in row


def test_team_rule_is_picked_up_and_tested(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    _team_repo(repo)
    r = cli("rules", "test", cwd=repo.path)
    assert r.code == 0, r.out
    assert "ok   acme/no-legacy-seal (1 expect, 1 ok, 1 fixed)" in r.out
    r = cli("rules", "test", ".reviewer/rules", cwd=repo.path)
    assert r.code == 0 and "1 rule(s): 1 passed" in r.out
    # A rule directly in .reviewer/rules/ is in the pack `local`, both in a review and in its tests.
    repo.write(".reviewer/rules/top.yaml", TEAM_RULE.replace("no-legacy-seal", "no-legacy-seal-2"))
    repo.write(".reviewer/rules/tests/top.py", TEAM_TEST.replace("acme/no-legacy-seal", "local/no-legacy-seal-2"))
    repo.write(".reviewer/rules/tests/top.fixed.py", TEAM_TEST.replace("acme/no-legacy-seal", "local/no-legacy-seal-2")
               .replace("legacy_seal(", "seal("))
    for args in (("rules", "test"), ("rules", "test", ".reviewer/rules")):
        r = cli(*args, cwd=repo.path)
        assert r.code == 0 and "ok   local/no-legacy-seal-2" in r.out, r.out


def test_team_rule_runs_in_review(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    _team_repo(repo)
    repo.write("app.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "f")
    repo.write("app.py", "x = 1\nbox = legacy_seal(data, 'k')\n")
    repo.commit("change")
    r = cli("review", "--no-model", "--base", "main", cwd=repo.path)
    assert "app.py:2:7: warning acme/no-legacy-seal" in r.out, r


def test_rules_test_reports_misses_false_alarms_and_bad_fixes(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "team"
    (pack / "tests").mkdir(parents=True)
    (pack / "r.yaml").write_text(TEAM_RULE)
    (pack / "tests" / "r.py").write_text(
        "# expect: team/no-legacy-seal\nok = seal(1)\n# ok: team/no-legacy-seal\nbad = legacy_seal(2)\n")
    (pack / "tests" / "r.fixed.py").write_text("wrong\n")
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 1, r
    assert "FAIL team/no-legacy-seal" in r.out
    assert "tests/r.py:2: missed" in r.out
    assert "tests/r.py:4: false alarm on an `ok` case" in r.out
    assert "tests/r.fixed.py:1: fixed output differs from r.fixed.py at line 1" in r.out


def test_rules_test_rejects_a_fix_that_breaks_the_code(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "team"
    (pack / "tests").mkdir(parents=True)
    (pack / "r.yaml").write_text(TEAM_RULE.replace("fix: seal($$$ARGS)", "fix: seal($$$ARGS"))
    test = TEAM_TEST.replace("acme/", "team/")
    (pack / "tests" / "r.py").write_text(test)
    (pack / "tests" / "r.fixed.py").write_text(test.replace("legacy_seal(data, \"x\")", "seal(data, \"x\""))
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 1 and "tests/r.py:1: the fixes turn this file into invalid Python" in r.out, r.out


def test_rules_test_applies_globs_to_a_declared_path_only(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "team"
    (pack / "tests").mkdir(parents=True)
    (pack / "r.yaml").write_text(TEAM_RULE.replace("fix: seal($$$ARGS)\n", "") + 'exclude: ["scripts/*"]\n')
    case = "# expect: team/no-legacy-seal\nbox = legacy_seal(1)\n# ok: team/no-legacy-seal\nbox = seal(1)\n"
    (pack / "tests" / "anywhere.py").write_text(case)  # no `# path:`: any file the rule looks at
    (pack / "tests" / "lib.py").write_text("# path: src/lib.py\n" + case)
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 0 and "ok   team/no-legacy-seal (2 expect, 2 ok" in r.out, r.out
    # a declared path the rule excludes: the review would not look there, so neither does the test
    (pack / "tests" / "script.py").write_text("# path: scripts/release.py\n" + case)
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 1 and "tests/script.py:3: missed" in r.out, r.out


def test_rules_test_requires_expect_and_ok_cases(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "team"
    pack.mkdir()
    (pack / "r.yaml").write_text(TEAM_RULE)
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 1
    assert "no `# expect:` test case" in r.out and "no `# ok:` test case" in r.out
    assert "has a fix but no `<name>.fixed.py` test" in r.out


BAD_FILES = {
    "unknown key": ("id: a\ntitle: t\nseverity: info\ndescription: d\npatern: x\nrule:\n  pattern: x\n", 5,
                    "unknown key 'patern'"),
    "bad yaml": ("id: a\ntitle: t\nseverity: info\nrule: {pattern: [\n", 5, "invalid YAML"),
    "bad ast-grep": ("id: a\ntitle: t\nseverity: info\ndescription: d\n\nrule:\n  kind: no_such_kind\n", 6,
                     "bad ast-grep rule"),
    "bad severity": ("id: a\ntitle: t\nseverity: fatal\ndescription: d\nrule:\n  pattern: x\n", 3,
                     "unknown severity"),
    "repeated key": ("id: a\ntitle: t\nseverity: info\ndescription: d\nrule:\n  pattern: x\nseverity: error\n", 7,
                     "key 'severity' given twice"),
    "no rule": ("id: a\ntitle: t\nseverity: info\ndescription: d\n", 1, "needs `rule:`"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_rule_file_exits_2_with_location(cli, repo: GitRepo, case: str) -> None:  # type: ignore[no-untyped-def]
    text, line, what = BAD_FILES[case]
    repo.write("x.py", "x = 1\n")
    repo.commit("base")
    repo.write("x.py", "x = 2\n")
    repo.write(".reviewer/rules/team/a.yaml", text)
    for args in (("rules", "list"), ("rules", "test"), ("review", "--no-model", "--worktree")):
        r = cli(*args, cwd=repo.path)
        assert r.code == 2, r
        assert f".reviewer/rules/team/a.yaml:{line}: " in r.err and what in r.err, r.err
        assert "Traceback" not in r.err


def test_shipped_rules_compile_here_and_team_rules_on_every_run(tmp_path: Path) -> None:
    # A run does not compile the shipped packs' ast-grep rules against an empty tree (load_all): this test does,
    # every rule file of every pack, as a run compiles a team's own rules.
    shipped = rulesmod.rule_files(rulesmod.builtin_dir())
    assert len(shipped) > 50
    for path in shipped:
        rulesmod.parse_file(path, path.parent.name, compile_check=True)
    broken = tmp_path / "team" / "a.yaml"
    broken.parent.mkdir()
    broken.write_text("id: a\ntitle: t\nseverity: info\ndescription: d\nrule:\n  pattern: x\n  kind: no_such_kind\n")
    with pytest.raises(UsageError, match=r"a\.yaml:5: bad ast-grep rule"):
        rulesmod.load_all(tmp_path, RulesConfig(paths=("team",)))
    assert rulesmod.parse_file(broken, "team", compile_check=False).id == "team/a"  # as the shipped packs load


def test_duplicate_id_is_located(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write(".reviewer/rules/team/a.yaml", TEAM_RULE)
    repo.write(".reviewer/rules/team/b.yaml", "# same id\n" + TEAM_RULE)
    r = cli("rules", "list", cwd=repo.path)
    assert r.code == 2
    assert "team/b.yaml:2: duplicate rule id 'team/no-legacy-seal'" in r.err


def test_config_enable_disable_and_severity() -> None:
    rules = rulesmod.load_all(None, RulesConfig())
    cfg = RulesConfig(packs=("python-crypto",), enable=("off-by-one/index-len",),
                      disable=("python-crypto/weak-hash",), severity={"python-crypto/ecb-mode": "info"})
    chosen = {r.id: r for r in rulesmod.apply_config(rules, cfg)}
    assert "off-by-one/index-len" in chosen and "off-by-one/range-len-plus-one" not in chosen
    assert "python-crypto/weak-hash" not in chosen and "python-standards/bare-except" not in chosen
    assert chosen["python-crypto/ecb-mode"].severity == Severity.INFO
    with pytest.raises(UsageError, match="unknown severity"):
        rulesmod.apply_config(rules, RulesConfig(severity={"python-crypto/ecb-mode": "loud"}))


def test_config_names_that_match_nothing_are_warned_about(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write(".reviewer.toml", '[rules]\ndisable = ["python-crypto/no-such-rule"]\n')
    r = cli("rules", "list", cwd=repo.path)
    assert r.code == 0
    assert "'python-crypto/no-such-rule' names no known rule or pack" in r.err


def test_fix_becomes_a_whole_line_suggestion() -> None:
    rule = next(r for r in rulesmod.load_all(None, RulesConfig()) if r.id == "python-standards/open-encoding")
    text = "def f(p):\n    with open(p, 'w') as fh:\n        pass\n"
    (m,) = rules_match.match_text(text, [rule])
    s = rules_match.suggestion("a.py", text, m)
    assert s is not None and (s.start_line, s.end_line) == (2, 2)
    assert s.replacement == "    with open(p, 'w', encoding=\"utf-8\") as fh:"


def test_ast_grep_errors_are_short() -> None:
    problem = rules_match.check({"rule": {"kind": "no_such_kind"}})
    assert problem is not None and "no_such_kind" in problem and "backtrace" not in problem.lower()
    assert rules_match.check({"rule": {"pattern": "print($A)"}}) is None


@pytest.mark.slow
def test_wheel_ships_builtin_rules(tmp_path: Path) -> None:
    """Build the wheel and check the packs are inside it as reviewer/builtin_rules/."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(root)], capture_output=True, text=True, check=False,
                          cwd=tmp_path)
    if proc.returncode != 0 and "No module named pip" in proc.stderr:
        pytest.skip("pip is not available in this interpreter")
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in ("python-standards", "python-crypto", "off-by-one"):
        assert any(n.startswith(f"reviewer/builtin_rules/{pack}/") and n.endswith(".yaml") for n in names)
        assert any(n.startswith(f"reviewer/builtin_rules/{pack}/tests/") for n in names)
    assert not any(n.startswith("rules/") for n in names)


def test_rule_for_another_language(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write(".reviewer/rules/web/no-console.yaml", (
        "id: no-console\ntitle: console.log left in\nseverity: warning\nlanguage: javascript\n"
        "files: ['*.js']\ndescription: Use the logger.\nrule:\n  pattern: console.log($$$A)\n"))
    repo.write("app.js", "let a = 1;\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "f")
    repo.write("app.js", "let a = 1;\nconsole.log(a);\n// reviewer: ignore[web/no-console]\nconsole.log(2);\n")
    repo.commit("change")
    r = cli("review", "--no-model", "--base", "main", cwd=repo.path)
    assert "app.js:2:1: warning web/no-console" in r.out, r
    assert "app.js:4:" not in r.out and "1 suppressed" in r.out


def test_language_without_default_files_needs_globs(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write(".reviewer/rules/web/r.yaml",
               "id: r\ntitle: t\nseverity: info\nlanguage: javascript\ndescription: d\nrule:\n  pattern: x\n")
    r = cli("rules", "list", cwd=repo.path)
    assert r.code == 2 and "web/r.yaml:4: language 'javascript' has no default files" in r.err


def test_rules_test_rejects_a_missing_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("rules", "test", str(tmp_path / "nope"), cwd=tmp_path)
    assert r.code == 2 and "not a folder of rules" in r.err
