"""The project's own ruff/flake8/bandit configuration suppresses the rules its ignored codes map to."""

from __future__ import annotations

import os
from pathlib import Path

from reviewer.rules import lintconfig

from .conftest import GitRepo, feature_branch, review_json

BARE = "def f():\n    try:\n        g()\n    except:\n        h()\n"


def _ids(root: Path, path: str) -> set[str]:
    return {i for e in lintconfig.load(root).for_path(path) for i in e.ids}


def test_ruff_prefixes_and_per_file_ignores_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff.lint]\nextend-ignore = ["E7"]\n'
        '[tool.ruff.lint.per-file-ignores]\n"tests/*" = ["S101"]\n"scripts/**" = ["T201"]\n"src/**/cli_*.py" = ["T201"]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert {"python-standards/bare-except", "python-standards/compare-to-none",
            "python-standards/type-comparison"} <= ids
    assert "python-standards/assert-for-validation" not in ids
    assert "python-standards/assert-for-validation" in _ids(tmp_path, "tests/test_a.py")
    assert "python-standards/print-in-library" in _ids(tmp_path, "scripts/tool/run.py")
    assert "python-standards/print-in-library" not in _ids(tmp_path, "pkg/mod.py")
    # `**` is any number of folders, none included
    assert "python-standards/print-in-library" in _ids(tmp_path, "src/cli_main.py")
    assert "python-standards/print-in-library" in _ids(tmp_path, "src/a/b/cli_main.py")


def test_flake8_sections_ruff_toml_and_bandit_skips(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text(
        "[metadata]\nname = x\n[flake8]\nignore = E203,E722\nper-file-ignores =\n"
        "    tests/*:E711\n    */__init__.py:F401\n")
    (tmp_path / "ruff.toml").write_text('ignore = ["B006"]\n')
    (tmp_path / "pyproject.toml").write_text('[tool.bandit]\nskips = ["B324"]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert {"python-standards/bare-except", "python-standards/mutable-default", "python-crypto/weak-hash"} <= ids
    assert "python-standards/compare-to-none" not in ids
    assert "python-standards/compare-to-none" in _ids(tmp_path, "tests/test_x.py")
    sources = {e.source for e in lintconfig.load(tmp_path).entries}
    assert "setup.cfg [flake8] ignore: E722" in sources and "ruff.toml ignore: B006" in sources


def test_unreadable_or_hostile_configuration_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff\nignore = [")  # not TOML
    (tmp_path / "tox.ini").write_text("[flake8\nignore")  # not INI
    outside = tmp_path.parent / f"{tmp_path.name}-outside.cfg"
    outside.write_text("[flake8]\nignore = E722\n")
    os.symlink(outside, tmp_path / "setup.cfg")  # a link out of the repository is not followed
    assert lintconfig.load(tmp_path).entries == []
    outside.unlink()


def test_review_honours_the_project_config_and_says_so(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature_branch(repo, {"mod.py": BARE}, base={"setup.cfg": "[flake8]\nignore = E722\n"})
    data = review_json(cli, repo, "--audit")  # bare-except waits for the model; --audit lists it
    assert not [f for f in data["findings"] if f["rule"] == "python-standards/bare-except"]
    assert any(f["rule"] == "python-standards/bare-except" and f["why"] == "suppressed" for f in data["not_reported"])
    assert any("setup.cfg [flake8] ignore: E722" in n for n in data["notes"]), data["notes"]
    repo.write(".reviewer.toml", "[rules]\nproject_ignores = false\n")
    data = review_json(cli, repo, "--audit")  # bare-except waits for the model; --audit lists it
    assert [f["line"] for f in data["findings"] if f["rule"] == "python-standards/bare-except"] == [4]


def test_linter_excludes_are_read_with_each_tools_semantics(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff]\nextend-exclude = ["mitmproxy/contrib/", "legacy_*.py", "tests/**/functional/"]\n'
        '[tool.mypy]\nexclude = ["^src/"]\n')  # another tool's `exclude`: not ours to honour
    (tmp_path / ".flake8").write_text("[flake8]\nexclude = .git,build,./docs/conf.py\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("exclude: ^(profiling/|tests/data/)\nrepos: []\n")
    p = lintconfig.load(tmp_path)
    assert p.excluded("mitmproxy/contrib/wbxml/ASWBXML.py") == \
        "pyproject.toml [tool.ruff] extend-exclude: mitmproxy/contrib/"
    assert p.excluded("pkg/legacy_io.py") is not None  # a bare name matches in any folder
    assert p.excluded("build/lib/x.py") is not None and p.excluded("docs/conf.py") is not None
    assert p.excluded("tests/data/cases/fmt.py") == ".pre-commit-config.yaml exclude: ^(profiling/|tests/data/)"
    # `**` is any number of folders, none included (pylint's fixtures: tests/functional/, tests/x/functional/)
    assert p.excluded("tests/functional/f/debug.py") is not None and p.excluded("tests/a/b/functional/x.py")
    for kept in ("src/app.py", "mitmproxy/contrib.py", "docs/index.py", "tests/test_data.py", "src/functional/x.py"):
        assert p.excluded(kept) is None, kept


def test_a_ruff_or_flake8_hooks_own_exclude_is_read_and_other_hooks_are_not(tmp_path: Path) -> None:
    # the shapes of black's and multidict's configurations: a verbose regex, a vendored folder
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: https://github.com/pycqa/flake8\n  rev: 7.0.0\n  hooks:\n"
        "  - id: flake8\n    exclude: ^src/blib2to3/\n"
        "- repo: https://github.com/astral-sh/ruff-pre-commit\n  rev: v0.6.0\n  hooks:\n"
        "  - id: ruff-check\n    exclude: |\n      (?x) ^\n        tools/upgrade\\.py\n      $\n"
        "- repo: https://github.com/pre-commit/mirrors-mypy\n  rev: v1.0\n  hooks:\n"
        "  - id: mypy\n    exclude: ^src/\n"
        "  - id: bad-regex\n    exclude: '('\n")
    p = lintconfig.load(tmp_path)
    assert p.excluded("src/blib2to3/pgen2/driver.py") == ".pre-commit-config.yaml hook flake8 exclude: ^src/blib2to3/"
    assert p.excluded("tools/upgrade.py") is not None
    for kept in ("src/black/__init__.py", "tools/upgrade_py.py", "src/app.py"):  # mypy's exclude is not a linter's
        assert p.excluded(kept) is None, kept


def test_a_lint_hooks_command_line_excludes_and_ignores_are_read(tmp_path: Path) -> None:
    """emmet's ruff hook: `args: [--fix, --ignore, "D,E501", --exclude, "__init__.py,emmet-cli-legacy"]`."""
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: https://github.com/charliermarsh/ruff-pre-commit\n  rev: v0.12.0\n  hooks:\n"
        "  - id: ruff\n    args: [--fix, --ignore, 'D,E722', --exclude, '__init__.py,emmet-cli-legacy,*_resources.py']\n"
        "- repo: https://github.com/pycqa/flake8\n  rev: 7.0.0\n  hooks:\n"
        "  - id: flake8\n    args: ['--extend-exclude=docs/conf.py', '--extend-ignore=T201']\n"
        "- repo: local\n  hooks:\n  - id: mypy\n    args: [--exclude, src/]\n")
    p = lintconfig.load(tmp_path)
    assert p.excluded("emmet-cli-legacy/emmet/cli/tasks.py") == \
        ".pre-commit-config.yaml hook ruff args --exclude: emmet-cli-legacy"
    assert p.excluded("pkg/sub/__init__.py") is not None and p.excluded("pkg/app_resources.py") is not None
    assert p.excluded("docs/conf.py") == ".pre-commit-config.yaml hook flake8 args --extend-exclude: docs/conf.py"
    for kept in ("emmet-api/emmet/api/core.py", "src/app.py", "pkg/resources.py"):  # mypy's args are not a linter's
        assert p.excluded(kept) is None, kept
    ids = {i for e in p.entries for i in e.ids}
    assert {"python-standards/bare-except", "python-standards/print-in-library"} <= ids
    sources = {e.source for e in p.entries}
    assert ".pre-commit-config.yaml hook ruff args --ignore: E722" in sources
    # an option at the end with no value, and a hook whose args are not a list, are ignored
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: r\n  rev: v1\n  hooks:\n  - id: ruff\n    args: [--ignore]\n"
        "  - id: flake8\n    args: --exclude=src\n")
    p = lintconfig.load(tmp_path)
    assert p.entries == [] and p.excluded("src/app.py") is None


def test_review_skips_files_the_project_excludes_from_linting(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature_branch(repo, {"pkg/contrib/vendored_lib.py": BARE, "pkg/own.py": BARE},
                   base={"pyproject.toml": '[tool.ruff]\nextend-exclude = ["pkg/contrib/"]\n'})
    data = review_json(cli, repo, "--audit")  # bare-except waits for the model; --audit lists it
    assert {f["path"] for f in data["findings"] if f["rule"] == "python-standards/bare-except"} == {"pkg/own.py"}
    (skip,) = [s for s in data["skipped"] if s["path"] == "pkg/contrib/vendored_lib.py"]
    assert "extend-exclude: pkg/contrib/" in skip["reason"]


def test_a_subprojects_own_ruff_configuration_governs_its_files(tmp_path: Path) -> None:
    """opentrons' `analyses-snapshot-testing/pyproject.toml` excludes its `files/` protocol fixtures from ruff, as
    ruff reads the nearest configuration (held-out round 680: 8 findings there judged noise). A subfolder's
    pyproject.toml without ruff settings is passed over, as ruff does; its globs are relative to its own folder."""
    (tmp_path / "ast").mkdir()
    (tmp_path / "ast" / "pyproject.toml").write_text(
        '[tool.ruff]\nexclude = ["files"]\n[tool.ruff.lint]\nignore = ["E711"]\n'
        '[tool.ruff.lint.per-file-ignores]\n"tests/*" = ["S101"]\n"conftest.py" = ["B006"]\n')
    (tmp_path / "ast" / "api").mkdir()
    (tmp_path / "ast" / "api" / "pyproject.toml").write_text('[project]\nname = "api"\n')
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "ruff.toml").write_text('[lint]\nextend-ignore = ["E722"]\n')
    project = lintconfig.load(tmp_path)
    assert "exclude: files" in (project.excluded("ast/files/protocols/p.py") or "")
    assert "ast/pyproject.toml" in (project.excluded("ast/src/files/p.py") or "")  # a bare name, at any depth
    assert project.excluded("ast/src/p.py") is None and project.excluded("files/p.py") is None
    assert "python-standards/compare-to-none" in _ids(tmp_path, "ast/api/x.py")  # passed over to ast/
    assert "python-standards/compare-to-none" not in _ids(tmp_path, "api/x.py")
    assert "python-standards/assert-for-validation" in _ids(tmp_path, "ast/tests/test_x.py")
    assert "python-standards/assert-for-validation" not in _ids(tmp_path, "tests/test_x.py")
    assert "python-standards/mutable-default" in _ids(tmp_path, "ast/deep/er/conftest.py")
    assert _ids(tmp_path, "other/x.py") >= {"python-standards/bare-except"}
    assert "python-standards/bare-except" not in _ids(tmp_path, "ast/x.py")


def test_review_skips_what_a_subprojects_ruff_configuration_excludes(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature_branch(repo, {"snap/files/protocol.py": BARE, "snap/own.py": BARE},
                   base={"snap/pyproject.toml": '[tool.ruff]\nexclude = ["files"]\n'})
    data = review_json(cli, repo, "--audit")
    assert {f["path"] for f in data["findings"] if f["rule"] == "python-standards/bare-except"} == {"snap/own.py"}
    (skip,) = [s for s in data["skipped"] if s["path"] == "snap/files/protocol.py"]
    assert "snap/pyproject.toml [tool.ruff] exclude: files" in skip["reason"]


MUTABLE = "def collect(item, into=[]):\n    into.append(item)\n    return into\n"


def test_pylint_disables_from_its_first_config_file_and_command_lines(tmp_path: Path) -> None:
    # pylint reads the first of pylintrc, .pylintrc, pyproject.toml [tool.pylint], setup.cfg [pylint.*]
    (tmp_path / ".pylintrc").write_text("[MESSAGES CONTROL]\ndisable = C0114,\n    dangerous-default-value,\n    W0702\n")
    (tmp_path / "setup.cfg").write_text("[pylint.messages_control]\ndisable = singleton-comparison\n")
    ids = _ids(tmp_path, "pkg/mod.py")
    assert {"python-standards/mutable-default", "python-standards/bare-except"} <= ids
    assert "python-standards/compare-to-none" not in ids  # setup.cfg is not read: .pylintrc came first
    (tmp_path / ".pylintrc").unlink()
    assert "python-standards/compare-to-none" in _ids(tmp_path, "pkg/mod.py")
    # pyproject's table, and `disable = all` with an `enable` list: everything mapped but what is enabled
    (tmp_path / "setup.cfg").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.messages_control]\ndisable = ["all"]\nenable = ["W0102", "unspecified-encoding"]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/bare-except" in ids and "python-standards/eval-exec" in ids
    assert "python-standards/mutable-default" not in ids and "python-standards/open-encoding" not in ids
    # a pyproject.toml without [tool.pylint] lets pylint look further; a pylint command line counts too
    # (qlib runs `make pylint` in CI with `--disable=...,W0102,...`); a comment does not
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "Makefile").write_text(
        "# pylint --disable=W0702\nlint:\n\tpylint --disable=C0104,W0102 --const-rgx='[a-z_]' pkg\n"
        "\tpylint --disable=C0104,W0102 scripts\n")
    entries = lintconfig.load(tmp_path).entries
    assert [e.source for e in entries] == ["Makefile pylint --disable: W0102"]
    assert entries[0].ids == ("python-standards/mutable-default",)
    # a pre-commit pylint hook's args
    (tmp_path / "Makefile").unlink()
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local\n  hooks:\n  - id: pylint\n    args: ['--disable', 'eval-used,C0114']\n")
    assert _ids(tmp_path, "pkg/mod.py") == {"python-standards/eval-exec"}


def test_a_ci_pylint_command_line_but_not_a_whole_category(tmp_path: Path) -> None:
    # a GitHub Actions step that runs pylint says what the team turned off, as a Makefile's does
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "lint.yml").write_text(
        "jobs:\n  lint:\n    steps:\n      - run: pip install pylint\n"
        "      - run: pylint --disable=W0102,R src/\n")
    entries = lintconfig.load(tmp_path).entries
    assert [e.source for e in entries] == [".github/workflows/lint.yml pylint --disable: W0102"]
    # the Convention category is style alone: tobac's `pylint tobac --disable=C` (an `== None` judged noise)
    (tmp_path / ".github" / "workflows" / "lint.yml").write_text(
        "jobs:\n  lint:\n    steps:\n      - run: pylint tobac --disable=C --exit-zero\n")
    assert _ids(tmp_path, "tobac/plotting.py") == {"python-standards/compare-to-none", "python-standards/compare-not-none",
                                                   "python-standards/type-comparison", "python-standards/dict-keys-loop"}
    (tmp_path / ".github" / "workflows" / "lint.yml").unlink()
    # a step that runs only a few checks (`--disable all --enable ...`) is not the project's policy
    (tmp_path / ".github" / "workflows" / "lint.yml").write_text(
        "jobs:\n  lint:\n    steps:\n      - run: pylint --disable all --enable missing-module-docstring src\n"
        "      - run: pylint src\n")
    assert not lintconfig.load(tmp_path).entries
    # a whole category is no decision about one check (alerta's `disable=W` and its exceptions built and
    # not raised, all judged worth saying)
    (tmp_path / "pylintrc").write_text("[MESSAGES CONTROL]\ndisable=R,W\n")
    assert not _ids(tmp_path, "pkg/mod.py")
    # pylint reads `disable` in any section of a pylintrc (Nagstamon's `[MASTER] disable=R,C,W`)
    (tmp_path / "pylintrc").write_text("[MASTER]\ndisable=R,C,W\n")
    assert "python-standards/compare-to-none" in _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/exception-not-raised" not in _ids(tmp_path, "pkg/mod.py")
    # ... and of setup.cfg only in sections named for pylint
    (tmp_path / "pylintrc").unlink()
    (tmp_path / "setup.cfg").write_text("[flake8]\ndisable=C\n[pylint.MASTER]\ndisable=W0102\n")
    assert _ids(tmp_path, "pkg/mod.py") == {"python-standards/mutable-default"}
    (tmp_path / "setup.cfg").unlink()


def test_the_pylintrc_ci_names_with_rcfile(tmp_path: Path) -> None:
    # walinuxagent's workflow sets `PYLINT_OPTIONS="--rcfile=ci/pylintrc --jobs=0"` and runs `pylint $PYLINT_OPTIONS`;
    # `ci/pylintrc` says `disable=C` (four `!= None` judged noise, held-out round 524)
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "pylintrc").write_text("[MESSAGES CONTROL]\ndisable=C, # (C) convention\n  W0102\n")
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(
        "jobs:\n  lint:\n    steps:\n      - run: |\n          PYLINT_OPTIONS=\"--rcfile=ci/pylintrc --jobs=0\"\n"
        "          pylint $PYLINT_OPTIONS azurelinuxagent\n")
    ids = _ids(tmp_path, "azurelinuxagent/common/utils.py")
    assert {"python-standards/compare-to-none", "python-standards/mutable-default"} <= ids
    assert "ci/pylintrc [MESSAGES CONTROL] disable: C" in {e.source for e in lintconfig.load(tmp_path).entries}
    # an `--rcfile` on a line that is not about pylint, or a file outside the repository, says nothing
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(
        "jobs:\n  lint:\n    steps:\n      - run: tool --rcfile=ci/pylintrc\n      - run: pylint --rcfile=../pylintrc x\n")
    assert _ids(tmp_path, "azurelinuxagent/common/utils.py") == set()


def test_the_codes_a_ci_flake8_or_ruff_line_ignores(tmp_path: Path) -> None:
    # keripy's workflow runs GitHub's starter lint (`--select=E9,F63,F7,F82`, which decides nothing) and then
    # `flake8 . --exit-zero --ignore=E7,...`: its `== None` judged noise (held-out round 545). A line that names
    # files ignores the codes there only; one whose files come from a variable is not read.
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / "ibllib" / "qc").mkdir(parents=True)
    (tmp_path / "ibllib" / "qc" / "camera.py").write_text("")
    workflow = tmp_path / ".github" / "workflows" / "ci.yml"
    workflow.write_text("jobs:\n  lint:\n    steps:\n      - run: |\n"
                        "          flake8 . --count --select=E9,F63,F7,F82 --show-source --statistics\n"
                        "          flake8 . --count --exit-zero --ignore=E7,F841 --max-line-length=127\n")
    assert {"python-standards/compare-to-none", "python-standards/bare-except"} <= _ids(tmp_path, "src/keri/x.py")
    workflow.write_text("jobs:\n  lint:\n    steps:\n      - run: |\n"
                        "          flake8 . --count --select=E9,F63,F7,F82 --show-source --statistics\n"
                        "          python -m flake8 --select D --ignore E ibllib/qc/camera.py\n"
                        "          flake8 --ignore E722 {[tox]source_dir}\n")
    assert "python-standards/compare-to-none" in _ids(tmp_path, "ibllib/qc/camera.py")
    assert _ids(tmp_path, "ibllib/qc/other.py") == set()
    (tmp_path / "tox.ini").write_text("[testenv:lint]\ncommands = ruff check --extend-ignore E722 ibllib\n")
    assert _ids(tmp_path, "ibllib/qc/other.py") == {"python-standards/bare-except"}
    # two commands on one line: the second's ignores count too
    (tmp_path / "tox.ini").write_text("[testenv:lint]\ncommands = ruff check ibllib && flake8 --ignore E722 ibllib\n")
    assert _ids(tmp_path, "ibllib/qc/other.py") == {"python-standards/bare-except"}


def test_a_pygrep_hook_that_forbids_a_rules_fix_turns_the_rule_off(tmp_path: Path) -> None:
    # allura's local `tz-functions` hook fails on `.now(`: "use .utcnow() rather than .now()", naive UTC everywhere
    # (112 `utcnow()` findings judged noise, held-out round 564). A pygrep hook on something else says nothing.
    hook = ("repos:\n-   repo: local\n    hooks:\n      - id: tz-functions\n        language: pygrep\n"
            "        types: [python]\n        entry: '{entry}'\n")
    (tmp_path / ".pre-commit-config.yaml").write_text(hook.format(entry="\\.now\\(|\\.fromtimestamp\\("))
    assert _ids(tmp_path, "Allura/allura/model/auth.py") == {"python-standards/utcnow"}
    (tmp_path / ".pre-commit-config.yaml").write_text(hook.format(entry="print\\(|breakpoint\\("))
    assert _ids(tmp_path, "Allura/allura/model/auth.py") == set()


def test_review_honours_a_pylint_disable(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    feature_branch(repo, {"mod.py": MUTABLE}, base={".pylintrc": "[MESSAGES CONTROL]\ndisable=W0102\n"})
    data = review_json(cli, repo)
    assert not [f for f in data["findings"] if f["rule"] == "python-standards/mutable-default"]
    assert any(f["rule"] == "python-standards/mutable-default" and f["why"] == "suppressed" for f in data["not_reported"])
    assert any(".pylintrc [MESSAGES CONTROL] disable: W0102" in n for n in data["notes"]), data["notes"]


def test_bandit_ini_section_and_exclude_dirs(tmp_path: Path) -> None:
    # manila runs `bandit -r manila --ini tox.ini`; bandit excludes a path a pattern occurs in
    (tmp_path / "tox.ini").write_text("[tox]\nenvlist = py3\n[bandit]\nexclude = tests,hitachi,./ssh_utils.py\n"
                                      "skips = B101\n")
    ssh = "python-crypto/ssh-host-key-unverified"
    assert ssh in _ids(tmp_path, "manila/share/drivers/hitachi/hnas/ssh.py")
    assert ssh in _ids(tmp_path, "manila/ssh_utils.py")
    assert ssh not in _ids(tmp_path, "manila/share/drivers/netapp/ssh.py")
    assert "python-standards/assert-for-validation" in _ids(tmp_path, "manila/api.py")  # skips B101
    # ... only the rules bandit has an id for: pycodestyle's E711 is not bandit's to exclude
    assert "python-standards/compare-to-none" not in _ids(tmp_path, "manila/tests/test_api.py")
    sources = {e.source for e in lintconfig.load(tmp_path).entries}
    assert "tox.ini [bandit] exclude: hitachi" in sources and "tox.ini [bandit] skips: B101" in sources
    (tmp_path / "tox.ini").unlink()
    (tmp_path / ".bandit").write_text("[bandit]\nexclude = test\n")
    assert ssh in _ids(tmp_path, "osbuild/testutil/net.py")
    (tmp_path / ".bandit").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.bandit]\nexclude_dirs = ["tests/", "scripts/*"]\n')
    assert ssh in _ids(tmp_path, "pkg/tests/test_ssh.py") and ssh in _ids(tmp_path, "scripts/deploy.py")
    assert ssh not in _ids(tmp_path, "pkg/ssh.py")
    assert lintconfig.load(tmp_path).for_path("pkg/ssh.py") == []


def test_review_honours_a_bandit_exclude(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    code = ("import paramiko\n\n\ndef connect(host):\n    ssh = paramiko.SSHClient()\n"
            "    ssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n    ssh.connect(host)\n")
    feature_branch(repo, {"svc/ssh_utils.py": code, "svc/pool.py": code},
                   base={"tox.ini": "[bandit]\nexclude = tests,ssh_utils.py\n"})
    data = review_json(cli, repo)
    hits = [f["path"] for f in data["findings"] if f["rule"] == "python-crypto/ssh-host-key-unverified"]
    assert hits == ["svc/pool.py"]
    assert any("tox.ini [bandit] exclude: ssh_utils.py" in n for n in data["notes"]), data["notes"]


def test_a_code_commented_out_of_rufs_select_is_declined(tmp_path: Path) -> None:
    # ckan lists the families it considered and comments out those it declined (held-out round 150)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ruff.lint]\nselect = [\n    # "B",  # likely bugs\n    "E",  # pycodestyle\n'
        '    # "DTZ", # enforce timezone in date objects\n    # "E711",\n]\n'
        '[tool.other]\nselect = [\n  # "T20",\n]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert {"python-standards/utcnow", "python-standards/mutable-default"} <= ids
    assert "python-standards/compare-to-none" not in ids  # still selected by the active "E"
    assert "python-standards/print-in-library" not in ids  # not a ruff table
    sources = {e.source for e in lintconfig.load(tmp_path).entries}
    assert "pyproject.toml [tool.ruff.lint] select: DTZ (commented out)" in sources
    # `ALL` selects everything: nothing commented out is declined; ruff.toml's top level counts too
    (tmp_path / "pyproject.toml").write_text('[tool.ruff.lint]\nselect = ["ALL"]\n# "DTZ" is fine\n')
    (tmp_path / "ruff.toml").write_text('[lint]\nextend-select = [\n  "ALL",\n  # "DTZ",\n]\n')
    assert "python-standards/utcnow" not in _ids(tmp_path, "pkg/mod.py")
    (tmp_path / "ruff.toml").write_text('select = ["E", "F"]  # "B" left out: not a list entry\nextend-select = [\n  # "DTZ003",\n]\n')
    assert "python-standards/utcnow" in _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/mutable-default" not in _ids(tmp_path, "pkg/mod.py")


def test_a_pycodestyle_code_left_out_of_a_select_that_names_others_is_declined(tmp_path: Path) -> None:
    # bbot's `.flake8` selects F and E722 only (held-out round 469): `== None` is its house style
    (tmp_path / ".flake8").write_text("[flake8]\nselect = F,E722\nignore = F403\n")
    ids = _ids(tmp_path, "pkg/mod.py")
    assert {"python-standards/compare-to-none", "python-standards/compare-not-none",
            "python-standards/type-comparison"} <= ids
    assert "python-standards/bare-except" not in ids  # E722 is selected
    sources = {e.source for e in lintconfig.load(tmp_path).entries}
    assert ".flake8 [flake8] select: E711 not selected" in sources
    # extend-select adds to the list
    (tmp_path / ".flake8").write_text("[flake8]\nselect = F,E722\nextend-select = E711\n")
    ids = _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/compare-to-none" not in ids and "python-standards/type-comparison" in ids
    (tmp_path / ".flake8").unlink()
    # ruff: `lint.select` names E4 and E9, not E7; a top-level `extend-select` of E711 still selects it
    (tmp_path / "ruff.toml").write_text('extend-select = ["E711"]\n[lint]\nselect = ["E4", "E9", "F"]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/bare-except" in ids and "python-standards/compare-to-none" not in ids
    # a family the select does not name says nothing: no `E` code listed, and selecting S101 alone
    # does not decline disabled TLS verification
    (tmp_path / "ruff.toml").write_text('[lint]\nselect = ["F", "S101", "B"]\n')
    ids = _ids(tmp_path, "pkg/mod.py")
    assert "python-standards/compare-to-none" not in ids
    assert "python-crypto/verify-disabled" not in ids and "python-standards/yaml-load" not in ids
    (tmp_path / "ruff.toml").write_text('[lint]\nselect = ["ALL"]\n')
    assert _ids(tmp_path, "pkg/mod.py") == set()


def test_pylints_ignore_and_ignore_paths_keep_files_out(tmp_path: Path) -> None:
    # guildai's pylintrc: `ignore-paths=guild/_skopt`, a copy of scikit-optimize (held-out round 160)
    (tmp_path / "pylintrc").write_text("[MAIN]\nignore=CVS,legacy\nignore-paths=guild/_skopt,\n  .*/gen_[a-z]+\\.py\n"
                                       "[MESSAGES CONTROL]\ndisable=W0102\n")
    project = lintconfig.load(tmp_path)
    assert project.excluded("guild/_skopt/sampler/base.py") == "pylintrc [MAIN] ignore-paths: guild/_skopt"
    assert project.excluded("pkg/gen_api.py") is not None
    assert project.excluded("pkg/legacy/old.py") == "pylintrc [MAIN] ignore: legacy"
    assert project.excluded("guild/ops.py") is None and project.excluded("src/guild/_skopt/x.py") is None
    assert project.excluded("CVS/x.py") is None  # pylint's default says nothing of the team
    assert "python-standards/mutable-default" in _ids(tmp_path, "guild/ops.py")
    # pyproject's [tool.pylint.main], as a list
    (tmp_path / "pylintrc").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.pylint.main]\nignore-paths = ["^vendor/"]\n')
    assert lintconfig.load(tmp_path).excluded("vendor/six.py") == "pyproject.toml [tool.pylint.main] ignore-paths: ^vendor/"


def test_pytest_configuration_that_hides_every_warning(tmp_path: Path) -> None:
    """notifications-api's `addopts = -p no:warnings`; one category or one module ignored hides nothing else."""
    assert lintconfig.hidden_warnings(tmp_path) is None
    (tmp_path / "setup.cfg").write_text("[tool:pytest]\naddopts = --strict -p no:warnings\n")
    assert lintconfig.hidden_warnings(tmp_path) == "setup.cfg [tool:pytest] addopts: -p no:warnings"
    # pytest reads the first file that holds its section: tox.ini's [pytest] comes before setup.cfg's
    (tmp_path / "tox.ini").write_text("[tox]\nenvlist = py313\n[pytest]\nfilterwarnings =\n    error\n")
    assert lintconfig.hidden_warnings(tmp_path) is None
    (tmp_path / "tox.ini").write_text("[tox]\nenvlist = py313\n")  # no [pytest]: setup.cfg's counts again
    assert lintconfig.hidden_warnings(tmp_path) is not None
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\nfilterwarnings = ["ignore::DeprecationWarning:botocore", "ignore::UserWarning"]\n')
    assert lintconfig.hidden_warnings(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\nfilterwarnings = ["error", "ignore"]\n')
    assert lintconfig.hidden_warnings(tmp_path) == "pyproject.toml [tool.pytest.ini_options] filterwarnings: ignore"
    (tmp_path / "pyproject.toml").write_text('[tool.pytest]\naddopts = ["-ra", "--disable-warnings"]\n')
    assert lintconfig.hidden_warnings(tmp_path) == "pyproject.toml [tool.pytest] addopts: --disable-warnings"
    # pytest.ini wins whatever it holds, even with no [pytest] section
    (tmp_path / "pytest.ini").write_text("[other]\nx = 1\n")
    assert lintconfig.hidden_warnings(tmp_path) is None
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -W ignore::DeprecationWarning -W error\n")
    assert lintconfig.hidden_warnings(tmp_path) is None
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -q -W ignore\n")
    assert lintconfig.hidden_warnings(tmp_path) == "pytest.ini [pytest] addopts: -W ignore"
    (tmp_path / "pytest.ini").write_text("[pytest\naddopts = -p no:warnings")  # not INI: nothing is read
    assert lintconfig.hidden_warnings(tmp_path) is None


def test_review_does_not_report_a_deprecation_the_projects_tests_hide(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    code = "from datetime import datetime\n\n\ndef stamp():\n    return datetime.utcnow()\n"
    feature_branch(repo, {"app/models.py": code}, base={"pyproject.toml": '[project]\nname = "app"\n'})
    rule = "python-standards/utcnow"

    def places() -> list[int]:
        return [f["line"] for f in review_json(cli, repo)["findings"] if f["rule"] == rule]

    assert places() == [5]
    repo.write("pytest.ini", "[pytest]\ntestpaths = tests\naddopts = -p no:warnings\n")
    repo.commit("quiet tests")
    data = review_json(cli, repo)
    assert [f for f in data["findings"] if f["rule"] == rule] == []
    assert [(f["path"], f["line"], f["why"]) for f in data["not_reported"] if f["rule"] == rule] == \
        [("app/models.py", 5, "the project's tests hide warnings")]
    # one module's deprecations ignored: the project still hears of its own
    repo.write("pytest.ini", "[pytest]\nfilterwarnings =\n    ignore::DeprecationWarning:botocore\n")
    repo.commit("only botocore's")
    assert places() == [5]
