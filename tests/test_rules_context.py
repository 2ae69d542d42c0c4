"""Contexts (tests, entry points, vendored), the ecosystem's noqa/nosec, and severity without a model."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.records import Rule, Severity
from reviewer.rules import context as rules_context, suppress

from .conftest import GitRepo, feature_branch, review_json


_branch = feature_branch


_review = review_json


def _hits(data: dict) -> set[tuple[str, str, int]]:  # type: ignore[type-arg]
    return {(f["path"], f["rule"], f["line"]) for f in data["findings"]}


VERIFY_OFF = "import requests\nr = requests.get(url, verify=False)\n"


def test_vendored_folders_are_skipped_with_a_reason(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    _branch(repo, {"pkg/_vendor/six.py": VERIFY_OFF, "pkg/extern/x.py": VERIFY_OFF, "pkg/client.py": VERIFY_OFF,
                   "pkg/ours/lib.py": VERIFY_OFF})
    data = _review(cli, repo)
    assert {p for p, _r, _l in _hits(data)} == {"pkg/client.py", "pkg/ours/lib.py"}
    skipped = {s["path"]: s["reason"] for s in data["skipped"]}
    assert skipped["pkg/_vendor/six.py"] == rules_context.VENDORED_SKIP
    assert "pkg/extern/x.py" in skipped
    # Configurable: folder names and globs.
    repo.write(".reviewer.toml", '[rules]\nvendored = ["pkg/ours/*"]\n')
    data = _review(cli, repo)
    assert {p for p, _r, _l in _hits(data)} == {"pkg/client.py", "pkg/_vendor/six.py", "pkg/extern/x.py"}


def test_test_files_skip_the_rules_that_say_so(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    test_code = VERIFY_OFF + "def test_x(n):\n    assert n > 0\n    breakpoint()\n"
    _branch(repo, {"tests/test_client.py": test_code, "test_other.py": test_code, "client.py": VERIFY_OFF})
    data = _review(cli, repo)
    assert _hits(data) == {
        ("client.py", "python-crypto/verify-disabled", 2),
        # debugger-leftover says nothing about tests: a leftover breakpoint is one there too
        ("tests/test_client.py", "python-standards/debugger-leftover", 5),
        ("test_other.py", "python-standards/debugger-leftover", 5),
    }
    repo.write(".reviewer.toml", '[rules]\ntest_files = ["tests/*"]\n')
    data = _review(cli, repo)
    assert ("test_other.py", "python-crypto/verify-disabled", 2) in _hits(data)


def test_entry_points_may_print(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    code = "def main():\n    print('hello')\n"
    _branch(repo, {"pyproject.toml": '[project]\nname = "t"\n[project.scripts]\nt = "tool.run:main"\n',
                   "src/tool/run.py": code, "src/tool/cli.py": code, "src/tool/lib.py": code,
                   "src/tool/script.py": code + "\nif __name__ == '__main__':\n    main()\n"})
    data = _review(cli, repo)
    # print-in-library needs the model to confirm a candidate (unconfirmed: skip): a rules-only run does not
    # run it and says so ...
    assert _hits(data) == set()
    assert any("wait for the model and did not run" in n for n in data["notes"]), data["notes"]
    # ... and --audit shows that only the library module's print is a candidate.
    data = _review(cli, repo, "--audit")
    assert _hits(data) == {("src/tool/lib.py", "python-standards/print-in-library", 2)}


def test_noqa_and_nosec_suppress_through_the_code_map(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import requests\n"
        "a = requests.get(u, verify=False)  # noqa: S501\n"
        "b = requests.get(u, verify=False)  # nosec B501\n"
        "c = requests.get(u, verify=False)  # noqa\n"
        "d = requests.get(u, verify=False)  # nosec\n"
        "e = requests.get(u, verify=False)  # noqa: E501\n"
        "f = requests.get(u,\n"
        "                 verify=False)  # nosec: request_with_no_cert_validation\n"
        "g = requests.get(u, verify=False)  # NOQA:S501,E501\n"
        "h = 'not a comment # noqa'; i = requests.get(u, verify=False)\n"
    )
    _branch(repo, {"client.py": code})
    data = _review(cli, repo)
    assert _hits(data) == {("client.py", "python-crypto/verify-disabled", 6),
                           ("client.py", "python-crypto/verify-disabled", 10)}
    suppressed = sorted(f["line"] for f in data["not_reported"] if f["why"] == "suppressed")
    assert suppressed == [2, 3, 4, 5, 8, 9]
    # Other tools' comments are theirs too: never reported as unused by us.
    assert not [f for f in data["findings"] if f["rule"] == "reviewer/unused-suppression"]


def test_file_level_flake8_and_ruff_noqa(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    body = "try:\n    run()\nexcept:\n    log()\nx = requests.get(u, verify=False)\n"
    _branch(repo, {
        "a.py": "# flake8: noqa\nimport requests\n" + body,  # kombu's compat.py: the whole file is skipped
        "b.py": "import requests\n# ruff: noqa: S501\n" + body,  # only S501 (verify-disabled), file-wide
        "c.py": "import requests\n" + body,
    })
    data = _review(cli, repo, "--audit")
    assert {(p, r) for p, r, _ in _hits(data)} == {
        ("b.py", "python-standards/bare-except"),
        ("c.py", "python-standards/bare-except"), ("c.py", "python-crypto/verify-disabled")}
    suppressed = sorted((f["path"], f["rule"]) for f in data["not_reported"] if f["why"] == "suppressed")
    assert suppressed == [("a.py", "python-crypto/verify-disabled"), ("a.py", "python-standards/bare-except"),
                          ("b.py", "python-crypto/verify-disabled")]


def test_noqa_covers_the_lines_of_a_multi_line_finding() -> None:
    from reviewer.records import Finding

    f = Finding("python-crypto/verify-disabled", "python-crypto", "m.py", 3, 5, Severity.ERROR, "m")
    for line, covered in ((2, False), (3, True), (5, True), (6, False)):
        (sup,) = suppress._ecosystem(line, "# noqa: S501")
        assert (sup.covers(f) is not None) is covered


def test_pattern_judge_without_a_model_is_info_and_never_fails(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # slice-drops-last has no `unconfirmed: skip`: without a model it reports at info
    _branch(repo, {"lib.py": "def keep(rows):\n    backup = rows[:-1]\n    return backup\n"})
    data = _review(cli, repo)
    (f,) = [f for f in data["findings"] if f["rule"] == "off-by-one/slice-drops-last"]
    assert (f["severity"], f["confidence"]) == ("info", 0.5) and f["message"].endswith("(unconfirmed: no model)")
    r = cli("review", "--no-model", "--base", "main", "--fail-level", "warning", cwd=repo.path)
    assert r.code == 0, r.out


def test_unconfirmed_skip_waits_for_the_model_unless_audit(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # eval-exec says `unconfirmed: skip`: without a model it does not run, and --audit (or rules.audit) shows it.
    _branch(repo, {"lib.py": "def run(expr):\n    return eval(expr)\n"})
    data = _review(cli, repo)
    assert not [f for f in data["findings"] + data["not_reported"] if f["rule"] == "python-standards/eval-exec"]
    assert any("wait for the model and did not run" in n for n in data["notes"]), data["notes"]
    r = cli("review", "--no-model", "--base", "main", "--format", "json", "--audit", "--fail-level", "info",
            cwd=repo.path)
    (f,) = [f for f in json.loads(r.out)["findings"] if f["rule"] == "python-standards/eval-exec"]
    assert (f["severity"], f["confidence"]) == ("info", 0.5) and f["message"].endswith("(unconfirmed: no model)")
    assert r.code == 1  # it is reported: at --fail-level info it fails the run
    repo.write(".reviewer.toml", "[rules]\naudit = true\n")
    data = _review(cli, repo)
    assert [f for f in data["findings"] if f["rule"] == "python-standards/eval-exec"]


def test_no_fix_is_offered_in_a_test_file(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    code = "import yaml\n\n\ndef test_load(text):\n    return yaml.load(text)\n"
    _branch(repo, {"tests/test_load.py": code, "load.py": code})
    data = _review(cli, repo)
    by_path = {f["path"]: f for f in data["findings"] if f["rule"] == "python-standards/yaml-load"}
    assert by_path["load.py"]["suggestion"] is not None
    assert by_path["tests/test_load.py"]["suggestion"] is None
    assert "test file" in by_path["tests/test_load.py"]["fix_withheld"]


def test_context_treatment_order() -> None:
    rule = Rule(id="a/b", pack="a", title="t", severity=Severity.ERROR, language="python", description="d",
                context=(("tests", "info"), ("entry_points", "skip")))
    assert rules_context.treatment(rule, frozenset()) == "report"
    assert rules_context.treatment(rule, frozenset({"tests"})) == "info"
    assert rules_context.treatment(rule, frozenset({"tests", "entry_points"})) == "skip"


PACK_RULE = """\
id: no-verify
title: t
severity: error
description: d
rule: {kind: keyword_argument, regex: '^verify=False$'}
context: {tests: skip}
"""


def test_rules_test_honours_a_declared_path(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "team"
    (pack / "tests").mkdir(parents=True)
    (pack / "r.yaml").write_text(PACK_RULE)
    (pack / "tests" / "r.py").write_text("# expect: team/no-verify\nget(u, verify=False)\n"
                                         "# ok: team/no-verify\nget(u, verify=True)\n")
    (pack / "tests" / "r_in_tests.py").write_text("# path: tests/test_get.py\n"
                                                  "# ok: team/no-verify\nget(u, verify=False)\n")
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 0 and "ok   team/no-verify (1 expect, 2 ok, 0 fixed)" in r.out, r.out
    # An `expect` in a file declared as a test is a miss: the rule does not run there.
    (pack / "tests" / "r_in_tests.py").write_text("# path: tests/test_get.py\n"
                                                  "# expect: team/no-verify\nget(u, verify=False)\n")
    r = cli("rules", "test", str(pack), cwd=tmp_path)
    assert r.code == 1 and "tests/r_in_tests.py:3: missed" in r.out, r.out


def test_moved_or_reflowed_code_is_not_new(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    base = ("import requests\n\n\ndef fetch(url):\n    return requests.get(url, timeout=5, verify=False)\n")
    repo.write("client.py", base)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    # The same call reflowed by a formatter and moved into a helper, plus one really new line.
    repo.write("client.py", ("import requests\n\n\ndef _get(url):\n    return requests.get(\n"
                             "        url,\n        timeout=5,\n        verify=False,\n    )\n\n\n"
                             "def fetch(url):\n    return _get(url)\n\n\n"
                             "def post(url):\n    return requests.post(url, verify=False)\n"))
    repo.commit("change")
    data = _review(cli, repo)
    assert _hits(data) == {("client.py", "python-crypto/verify-disabled", 17)}
    moved = [(f["line"], f["why"]) for f in data["not_reported"] if f["rule"] == "python-crypto/verify-disabled"]
    assert moved == [(8, "moved code")]
    # Looking at whole files, nothing is hidden.
    data = _review(cli, repo, "--filter-mode", "file")
    assert {ln for _p, _r, ln in _hits(data)} == {8, 17}


def test_enabled_false_and_unconfirmed_skip(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    head = "title: t\nseverity: error\ndescription: d\n"
    repo.write(".reviewer/rules/team/opt-in.yaml", "id: opt-in\n" + head + "enabled: false\n"
               "rule: {pattern: legacy_seal($$$A)}\n")
    repo.write(".reviewer/rules/team/needs-model.yaml", "id: needs-model\n" + head + "unconfirmed: skip\n"
               "judge: is it bad?\nrule: {pattern: old_api($$$A)}\n")
    repo.write(".reviewer/rules/team/soft.yaml", "id: soft\n" + head + "judge: is it bad?\n"
               "rule: {pattern: other_api($$$A)}\n")
    _branch(repo, {"app.py": "a = legacy_seal(1)\nb = old_api(2)\nc = other_api(3); d = other_api(4)\n"})
    data = _review(cli, repo)
    assert _hits(data) == {("app.py", "team/soft", 3)}  # one finding per rule and line
    assert not [f for f in data["not_reported"] if f["rule"].startswith("team/")]  # needs-model did not run
    assert any("wait for the model and did not run" in n for n in data["notes"])
    assert ("app.py", "team/needs-model", 2) in _hits(_review(cli, repo, "--audit"))
    repo.write(".reviewer.toml", '[rules]\nenable = ["team/opt-in"]\n')
    assert ("app.py", "team/opt-in", 1) in _hits(_review(cli, repo))


def test_unconfirmed_needs_a_pattern_and_a_judge(tmp_path: Path) -> None:
    import pytest

    from reviewer import rules as rulesmod
    from reviewer.errors import UsageError

    path = tmp_path / "team" / "r.yaml"
    path.parent.mkdir()
    path.write_text("id: r\ntitle: t\nseverity: info\ndescription: d\nrule: {pattern: x}\nunconfirmed: skip\n")
    with pytest.raises(UsageError, match=r"r\.yaml:6: `unconfirmed` is for pattern\+judge rules"):
        rulesmod.parse_file(path, "team")


def test_defers_to_makes_one_comment_not_two(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # weak-hash defers to weak-password-hash: with --audit both run; a stored password verifier gets the
    # latter's comment only, and any other MD5 (a service's token scheme) stays weak-hash's candidate.
    code = ("import hashlib\n\n\ndef hash_password(password):\n    return hashlib.md5(password).hexdigest()\n\n\n"
            "def subsonic_token(password, salt):\n    return hashlib.md5(password + salt).hexdigest()\n")
    _branch(repo, {"auth.py": code})
    r = cli("review", "--no-model", "--base", "main", "--format", "json", "--audit", "--fail-level", "none",
            cwd=repo.path)
    hits = {(f["rule"], f["line"]) for f in json.loads(r.out)["findings"]}
    assert ("python-crypto/weak-password-hash", 5) in hits and ("python-crypto/weak-hash", 5) not in hits
    assert ("python-crypto/weak-hash", 9) in hits and ("python-crypto/weak-password-hash", 9) not in hits


def test_defers_to_is_validated_and_matches_the_same_node_only(tmp_path: Path) -> None:
    import pytest

    from reviewer import rules as rulesmod
    from reviewer.errors import UsageError
    from reviewer.rules import match

    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "call.yaml").write_text("id: call\ntitle: t\nseverity: info\ndescription: d\n"
                                      "rule: {pattern: f($X)}\ndefers_to: [arg]\n")
    (folder / "arg.yaml").write_text("id: arg\ntitle: t\nseverity: info\ndescription: d\nrule: {pattern: f(1)}\n")
    rules = rulesmod.load_folder(folder)
    assert {r.id: r.defers_to for r in rules}["team/call"] == ("team/arg",)
    got = {(m.rule.id, m.line) for m in match.match_text("f(1)\nf(2)\n", rules)}
    assert got == {("team/arg", 1), ("team/call", 2)}
    (folder / "bad.yaml").write_text("id: bad\ntitle: t\nseverity: info\ndescription: d\nrule: {pattern: x}\n"
                                     "defers_to: {a: 1}\n")
    with pytest.raises(UsageError, match=r"bad\.yaml:6: `defers_to` must be a rule id or a list of rule ids"):
        rulesmod.parse_file(folder / "bad.yaml", "team")
    (folder / "bad.yaml").write_text("id: bad\ntitle: t\nseverity: info\ndescription: d\nrule: {pattern: x}\n"
                                     "defers_to: [no-such-rule]\n")
    with pytest.raises(UsageError, match=r"bad\.yaml:1: defers_to names no known rule 'team/no-such-rule'"):
        rulesmod.check_unique(rulesmod.load_folder(folder))


HELPER = ("class Client:\n"
          "    def patch(self, url, headers=[]):\n"
          "        headers.append(('Content-Type', 'json'))\n"
          "        return url, headers\n\n\n"
          "def post(client, url, *, data={}):\n"
          "    data['sent'] = True\n"
          "    return client, url, data\n")


def test_a_test_helpers_default_is_reported_only_when_a_call_leaves_it_out(  # type: ignore[no-untyped-def]
        cli, repo: GitRepo) -> None:
    # Every call gives the argument (by position past `self`, or by keyword): the defaults are never used.
    _branch(repo, {"tests/helpers.py": HELPER,
                   "tests/test_api.py": ("from unittest import mock\n\nfrom tests.helpers import Client, post\n\n\n"
                                         "def test_patch():\n    Client().patch('/u', [])\n\n\n"
                                         "def test_post():\n    post(None, '/u', data={})\n\n\n"
                                         # Not Client.patch: a sibling class's own method, the test client's,
                                         # mock's; nor a call through *args (it may pass anything).
                                         "class TestOther:\n    def patch(self, url):\n        return url\n\n"
                                         "    def test_it(self, args):\n        self.patch('/x')\n"
                                         "        self.client.patch('/y')\n        mock.patch('os.getcwd')\n"
                                         "        post(*args)\n")})
    data = _review(cli, repo)
    assert not [f for f in data["findings"] if f["rule"] == "python-standards/mutable-default"]
    unused = sorted((f["line"], f["why"]) for f in data["not_reported"] if f["rule"] == "python-standards/mutable-default")
    assert unused == [(2, "default never used"), (7, "default never used")]
    # A call that leaves the argument out (the method through `self`, the function without `data=`).
    repo.write("tests/test_more.py", ("from tests.helpers import Client, post\n\n\n"
                                      "class TestIt(Client):\n    def test_patch(self):\n        self.patch('/v')\n\n\n"
                                      "def test_post():\n    post(None, '/v')\n"))
    repo.commit("callers that rely on the defaults")
    data = _review(cli, repo)
    assert {(f["path"], f["line"]) for f in data["findings"] if f["rule"] == "python-standards/mutable-default"} \
        == {("tests/helpers.py", 2), ("tests/helpers.py", 7)}


def test_outside_tests_a_default_is_reported_whoever_calls_it(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # A library's callers are its users: no call in the repository is no evidence.
    _branch(repo, {"pkg/helpers.py": HELPER})
    data = _review(cli, repo)
    assert {f["line"] for f in data["findings"] if f["rule"] == "python-standards/mutable-default"} == {2, 7}


def test_callers_needs_tests_and_a_rule(tmp_path: Path) -> None:
    import pytest

    from reviewer import rules as rulesmod
    from reviewer.errors import UsageError

    head = "id: r\ntitle: t\nseverity: warning\ndescription: d\n"
    for body in ("rule: {kind: default_parameter}\ncallers: everywhere\n", "judge: q\ncallers: tests\n"):
        path = tmp_path / "team" / "r.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(head + body)
        with pytest.raises(UsageError, match="r.yaml:6: `callers` must be `tests`"):
            rulesmod.parse_file(path, "team")


def test_callers_reads_constructors_keywords_and_positions() -> None:
    from reviewer.rules import callers

    helper = ("class Stub:\n    def __init__(self, ids=[]):\n        self.ids = ids\n\n\n"
              "def run(a, b=[], *, c={}):\n    b.append(a)\n    c[a] = b\n")
    init, = callers.targets_at(helper, 2)
    b, c = sorted(callers.targets_at(helper, 6), key=lambda t: t.param)
    assert (init.function, init.param, init.index, init.method, init.owner) == ("__init__", "ids", 1, True, "Stub")
    assert (b.index, c.index, b.method) == (1, None, False)

    def left_out(target: callers.Target, code: str) -> bool:
        return callers.left_out(target, callers.Sources([helper, code]))

    assert left_out(init, "Stub()") and not left_out(init, "Stub([1])") and not left_out(init, "Stub(ids=[])")
    assert left_out(b, "run(1)") and not left_out(b, "run(1, [])") and not left_out(b, "run(1, b=[])")
    assert left_out(c, "run(1, [])") and not left_out(c, "run(1, c={})") and not left_out(c, "run(*xs, **kw)")


def test_error_rules_report_at_info_in_documentation_and_examples(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    bad = "class Shape:\n    def area(self):\n        raise NotImplemented()\n"
    _branch(repo, {"doc/data/messages/n/notimplemented-raised/bad.py": bad, "shapes/base.py": bad})
    data = _review(cli, repo)
    found = {f["path"]: f["severity"] for f in data["findings"] if f["rule"] == "python-standards/raise-not-implemented"}
    assert found == {"doc/data/messages/n/notimplemented-raised/bad.py": "info", "shapes/base.py": "error"}
