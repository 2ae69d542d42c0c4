"""Path containment (issue 14, item 3): nothing is read or written outside the repository or through a link.

Real git repositories, real symbolic links, the real command line. Helper code in reviewer/diff.py may
also refuse such paths while parsing; these tests check the outcome at read and write time, whoever
refuses first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer import fsutil
from reviewer.config import Config
from reviewer.git import DiffMode
from reviewer.pipeline import collect
from tests.conftest import GitRepo

UNDOCUMENTED = "def add(a, b):\n    return a + b\n"


# --- fsutil: the one containment function ------------------------------------------------------

def test_read_inside_refuses_dotdot_absolute_and_links(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.py").write_text("TOKEN = 'x'\n")
    (root / "ok.py").write_text("a = 1\n")
    (root / "dirlink").symlink_to(outside, target_is_directory=True)
    (root / "filelink.py").symlink_to(outside / "secret.py")
    (root / "inner.py").symlink_to(root / "ok.py")  # even a link that stays inside is not followed

    assert fsutil.read_inside(root, "ok.py") == b"a = 1\n"
    assert fsutil.read_inside(root, "missing.py") is None
    for rel in ("../outside/secret.py", str(outside / "secret.py"), "dirlink/secret.py", "filelink.py",
                "inner.py", "./ok.py", "a//b.py"):
        with pytest.raises(fsutil.UnsafePath):
            fsutil.read_inside(root, rel)
        assert fsutil.refused(root, rel) is not None, rel
    assert fsutil.refused(root, "ok.py") is None and fsutil.refused(root, "missing/x.py") is None


def test_write_inside_never_writes_through_or_replaces_a_link(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    target = outside / "mod.py"
    target.write_text("original\n")
    (root / "pkg").symlink_to(outside, target_is_directory=True)
    (root / "link.py").symlink_to(target)

    for rel in ("pkg/mod.py", "link.py", "../outside/mod.py", str(target)):
        with pytest.raises(fsutil.UnsafePath):
            fsutil.write_inside(root, rel, b"changed\n")
    with pytest.raises(fsutil.UnsafePath):
        fsutil.atomic_write(root / "link.py", b"changed\n")
    assert target.read_text() == "original\n"
    assert (root / "link.py").is_symlink() and os.readlink(root / "link.py") == str(target)
    assert sorted(p.name for p in root.iterdir()) == ["link.py", "pkg"]  # no temporary file left behind

    fsutil.write_inside(root, "new/deep/file.py", b"x = 1\n", make_dirs=True)
    assert (root / "new" / "deep" / "file.py").read_bytes() == b"x = 1\n"


def test_a_fifo_is_not_read_and_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    assert fsutil.read_inside(tmp_path, "pipe.py") is None


# --- reads: --diff-file and the snapshots ------------------------------------------------------

def _outside_setup(repo: GitRepo, tmp_path: Path) -> Path:
    repo.write("inside.py", "x = 1\ny = 2\n")
    repo.commit("base")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.py").write_text("password = 'hunter2'\nz = 3\n")
    (repo.path / "link").symlink_to(outside, target_is_directory=True)
    return outside


def test_diff_file_paths_outside_the_repository_are_skipped_not_read(repo: GitRepo, tmp_path: Path) -> None:
    outside = _outside_setup(repo, tmp_path)
    patch = tmp_path / "evil.patch"
    hunk = "@@ -1 +1,2 @@\n-password = 'old'\n+password = 'hunter2'\n+z = 3\n"
    patch.write_text(
        f"--- a/../outside/x.py\n+++ b/../outside/x.py\n{hunk}"
        f"--- a{outside}/x.py\n+++ b{outside}/x.py\n{hunk}"
        f"--- a/link/x.py\n+++ b/link/x.py\n{hunk}"
        "--- a/inside.py\n+++ b/inside.py\n@@ -1 +1,2 @@\n x = 1\n+y = 2\n"
    )
    changes, collected = collect(repo.path, DiffMode(diff_file=str(patch)), Config())
    assert [f.path for f in changes.files] == ["inside.py"]
    assert len(changes.skipped) == 3, changes.skipped
    for path in ("../outside/x.py", f"{outside}/x.py", "link/x.py"):
        assert collected.snapshot.read(path) is None


def test_review_always_cloud_never_sees_an_outside_file(cli, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _outside_setup(repo, tmp_path)
    patch = tmp_path / "evil.patch"
    patch.write_text("--- a/link/x.py\n+++ b/link/x.py\n@@ -1 +1,2 @@\n-password = 'old'\n"
                     "+password = 'hunter2'\n+z = 3\n")
    repo.write(".reviewer.toml", "[cloud]\npolicy = \"always\"\n")
    r = cli("review", "--no-model", "--diff-file", str(patch), "--format", "json", cwd=repo.path)
    assert r.code == 0, r
    assert "hunter2" not in r.out and "link/x.py" in r.out  # listed as skipped, its text never read


def test_tree_and_index_snapshots_refuse_a_tracked_symlink(repo: GitRepo) -> None:
    repo.write("real.py", UNDOCUMENTED)
    (repo.path / "link.py").symlink_to("real.py")
    repo.commit("base")
    for mode in (DiffMode(range="HEAD~0..HEAD"), DiffMode(staged=True)):
        _, collected = collect(repo.path, mode, Config())
        assert collected.snapshot.refused("link.py") is not None
        assert collected.snapshot.read("link.py") is None
        assert collected.snapshot.read("real.py") == UNDOCUMENTED.encode()


# --- writes: docstrings --write ----------------------------------------------------------------

def test_docstrings_write_leaves_a_tracked_symlink_alone(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("README", "base\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("real.py", UNDOCUMENTED)
    (repo.path / "link.py").symlink_to("real.py")
    repo.commit("add a module and a link to it")
    r = cli("docstrings", "--write", "--generator", "template", "--base", "main", cwd=repo.path)
    assert (repo.path / "link.py").is_symlink() and os.readlink(repo.path / "link.py") == "real.py", r
    assert '"""' in (repo.path / "real.py").read_text()  # the real file is documented, once
    assert (repo.path / "real.py").read_text().count('"""') == 2


def test_docstrings_write_does_not_follow_a_symlinked_folder(cli, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.write("README", "base\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/mod.py", UNDOCUMENTED)
    repo.commit("add pkg")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "mod.py").write_text(UNDOCUMENTED)
    (repo.path / "pkg" / "mod.py").unlink()
    (repo.path / "pkg").rmdir()
    (repo.path / "pkg").symlink_to(outside, target_is_directory=True)
    r = cli("docstrings", "--write", "--generator", "template", "--base", "main", cwd=repo.path)
    assert (outside / "mod.py").read_text() == UNDOCUMENTED, r
    assert r.code != 0 and "pkg/mod.py" in r.out + r.err and "symbolic link" in r.out + r.err, r


def test_docstrings_hook_leaves_a_staged_symlink_alone(repo: GitRepo, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The pre-commit hook path: a staged link to an undocumented module is neither written through nor replaced.

    The task is the stand-in of tests/standins (it writes with fsutil like the real one) so that no model is needed.
    """
    from reviewer import hooks, tasks

    monkeypatch.setitem(tasks.REGISTRY, "docstrings", "tests.standins.docstrings")
    repo.write("real.py", UNDOCUMENTED)
    repo.commit("base")
    (repo.path / "link.py").symlink_to("real.py")
    repo.git("add", "link.py")
    monkeypatch.chdir(repo.path)
    capsys.readouterr()
    hooks.HOOKS["docstrings"](["--generator=template"])
    out = capsys.readouterr().out
    assert (repo.path / "link.py").is_symlink() and (repo.path / "real.py").read_text() == UNDOCUMENTED, out
    assert "link.py: is a symbolic link" in out
