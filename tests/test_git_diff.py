"""Diff collection and parsing on real git repositories: every edge case the issue names."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reviewer import diff as diffmod
from reviewer.config import Config
from reviewer.errors import UsageError
from reviewer import git as gitmod
from reviewer.git import DiffMode
from reviewer.pipeline import collect
from reviewer.records import FileStatus

from .conftest import GitRepo


def changes_of(repo: GitRepo, mode: DiffMode):  # type: ignore[no-untyped-def]
    changes, collected = collect(repo.path, mode, Config())
    return changes, collected


def branch_with(repo: GitRepo, files: dict[str, str | bytes]) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    for rel, content in files.items():
        repo.write(rel, content)
    repo.commit("change")


def test_base_mode_added_and_context_lines(repo: GitRepo) -> None:
    repo.write("a.py", "one\ntwo\nthree\nfour\nfive\n")
    repo.commit("base")
    branch_with(repo, {"a.py": "one\ntwo\nTHREE\nfour\nfive\nsix\n"})
    changes, collected = changes_of(repo, DiffMode(base="main"))
    (f,) = changes.files
    assert f.path == "a.py" and f.status is FileStatus.MODIFIED and f.language == "python"
    assert f.added_lines == {3, 6}
    assert f.hunk_lines == {1, 2, 3, 4, 5, 6}
    assert collected.snapshot.read("a.py") == b"one\ntwo\nTHREE\nfour\nfive\nsix\n"
    (h,) = f.hunks
    assert h.removed == {3}
    assert dict(h.lines)[3] == "THREE"


def test_default_base_is_main_when_no_upstream(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    branch_with(repo, {"a.py": "x = 2\n"})
    changes, _ = changes_of(repo, DiffMode(base=""))
    assert changes.files[0].added_lines == {1}


def test_default_base_prefers_upstream(make_repo) -> None:  # type: ignore[no-untyped-def]
    origin = make_repo("origin")
    origin.write("a.py", "x = 1\n")
    origin.commit("base")
    origin.git("checkout", "-q", "-b", "dev")
    origin.write("a.py", "x = 1\ny = 2\n")
    origin.commit("dev work")
    clone_path = origin.path.parent / "clone"
    subprocess.run(["git", "clone", "-q", "-b", "dev", str(origin.path), str(clone_path)], check=True)
    clone = GitRepo.__new__(GitRepo)
    clone.path = clone_path
    clone.write("a.py", "x = 1\ny = 2\nz = 3\n")
    clone.commit("local")
    changes, _ = changes_of(clone, DiffMode(base=""))
    # Against upstream origin/dev, only z = 3 is new (main would also show y = 2).
    assert changes.files[0].added_lines == {3}


def test_rename_with_edit_keys_new_path_and_counts_only_edits(repo: GitRepo) -> None:
    body = "".join(f"line {i}\n" for i in range(1, 21))
    repo.write("old_name.py", body)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "old_name.py", "new_name.py")
    repo.write("new_name.py", body.replace("line 10\n", "line ten\n"))
    repo.commit("rename")
    changes, _ = changes_of(repo, DiffMode(base="main"))
    (f,) = changes.files
    assert (f.path, f.old_path, f.status) == ("new_name.py", "old_name.py", FileStatus.RENAMED)
    assert f.added_lines == {10}


def test_pure_rename_has_nothing_to_review(repo: GitRepo) -> None:
    repo.write("src/a.py", "print('hi')\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "src/a.py", "src/b.py")
    repo.commit("move")
    changes, _ = changes_of(repo, DiffMode(base="main"))
    (f,) = changes.files
    assert f.path == "src/b.py" and f.added_lines == frozenset()
    assert [s.reason for s in changes.skipped] == ["renamed from src/a.py without changes"]


def test_new_and_deleted_files(repo: GitRepo) -> None:
    repo.write("gone.py", "a = 1\nb = 2\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("rm", "-q", "gone.py")
    repo.write("new.py", "totally = 'different'\ncontent = True\n")
    repo.commit("swap")
    changes, _ = changes_of(repo, DiffMode(base="main"))
    by = {f.path: f for f in changes.files}
    assert by["new.py"].status is FileStatus.ADDED and by["new.py"].added_lines == {1, 2}
    assert by["gone.py"].status is FileStatus.DELETED and by["gone.py"].added_lines == frozenset()


def test_binary_file_is_skipped_and_said(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    branch_with(repo, {"logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00binary\x00data"})
    changes, _ = changes_of(repo, DiffMode(base="main"))
    assert changes.files == ()
    assert [(s.path, s.reason) for s in changes.skipped] == [("logo.png", "binary file (not reviewed)")]


def test_mode_only_change(repo: GitRepo) -> None:
    repo.write("run.sh", "echo hi\n", mode=0o644)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("update-index", "--chmod=+x", "run.sh")
    repo.commit("chmod", add=False)
    changes, _ = changes_of(repo, DiffMode(base="main"))
    (f,) = changes.files
    assert f.path == "run.sh" and f.added_lines == frozenset()
    assert [s.reason for s in changes.skipped] == ["mode change only"]


def test_non_utf8_content_is_decoded_with_replacement_and_said(repo: GitRepo) -> None:
    repo.write("legacy.py", b"x = 1\n")
    repo.write("ok.py", "y = 'caf\u00e9'\n")
    repo.commit("base")
    branch_with(repo, {"legacy.py": b"x = 1\nname = '\xe9t\xe9'\n", "ok.py": "y = 'caf\u00e9s'\n"})
    changes, _ = changes_of(repo, DiffMode(base="main"))
    by = {f.path: f for f in changes.files}
    assert by["legacy.py"].lossy and by["legacy.py"].added_lines == {2}
    assert "\ufffd" in dict(by["legacy.py"].hunks[0].lines)[2]
    assert not by["ok.py"].lossy and dict(by["ok.py"].hunks[0].lines)[1] == "y = 'caf\u00e9s'"
    assert [n.path for n in changes.notes] == ["legacy.py"]


def test_crlf_file(repo: GitRepo) -> None:
    repo.write("win.py", b"a = 1\r\nb = 2\r\nc = 3\r\n")
    repo.commit("base")
    branch_with(repo, {"win.py": b"a = 1\r\nb = 20\r\nc = 3\r\nd = 4\r\n"})
    changes, _ = changes_of(repo, DiffMode(base="main"))
    (f,) = changes.files
    assert f.added_lines == {2, 4}
    assert dict(f.hunks[0].lines)[2] == "b = 20"  # no stray carriage return


def test_paths_with_spaces_and_non_ascii(repo: GitRepo) -> None:
    repo.write("my dir/a file.py", "x = 1\n")
    repo.write("donn\u00e9es/\u00e9t\u00e9.py", "y = 1\n")
    repo.commit("base")
    branch_with(repo, {"my dir/a file.py": "x = 2\n", "donn\u00e9es/\u00e9t\u00e9.py": "y = 2\n",
                       "new dir/b c.py": "z = 1\n"})
    changes, collected = changes_of(repo, DiffMode(base="main"))
    paths = sorted(f.path for f in changes.files)
    assert paths == sorted(["my dir/a file.py", "donn\u00e9es/\u00e9t\u00e9.py", "new dir/b c.py"])
    assert all(f.added_lines == {1} for f in changes.files)
    assert collected.snapshot.read("donn\u00e9es/\u00e9t\u00e9.py") == b"y = 2\n"


def test_submodule_change_is_skipped(make_repo) -> None:  # type: ignore[no-untyped-def]
    sub = make_repo("sub")
    sub.write("lib.py", "v = 1\n")
    sub.commit("sub base")
    main = make_repo("main")
    main.write("a.py", "x = 1\n")
    main.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(sub.path), "vendor/sub")
    main.commit("base with submodule")
    main.git("checkout", "-q", "-b", "feature")
    sub.write("lib.py", "v = 2\n")
    new = sub.commit("sub change")
    (main.path / "vendor/sub").joinpath("x")  # the submodule checkout lives here
    main.git("-C", "vendor/sub", "fetch", "-q", "origin")
    main.git("-C", "vendor/sub", "checkout", "-q", new)
    main.write("a.py", "x = 2\n")
    main.commit("bump submodule")
    changes, _ = changes_of(main, DiffMode(base="main"))
    assert [f.path for f in changes.files] == ["a.py"]
    assert [(s.path, s.reason) for s in changes.skipped] == [("vendor/sub", "submodule change (not reviewed)")]


def test_staged_in_repository_without_commits(repo: GitRepo) -> None:
    repo.write("first.py", "print('hello')\n")
    repo.git("add", "first.py")
    changes, collected = changes_of(repo, DiffMode(staged=True))
    (f,) = changes.files
    assert f.status is FileStatus.ADDED and f.added_lines == {1}
    assert collected.snapshot.read("first.py") == b"print('hello')\n"


def test_staged_reads_index_not_worktree(repo: GitRepo) -> None:
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.write("a.py", "x = 2\n")
    repo.git("add", "a.py")
    repo.write("a.py", "x = 3  # unstaged\n")
    changes, collected = changes_of(repo, DiffMode(staged=True))
    assert changes.files[0].added_lines == {1}
    assert collected.snapshot.read("a.py") == b"x = 2\n"


def test_worktree_mode_includes_staged_and_unstaged(repo: GitRepo) -> None:
    repo.write("a.py", "a = 1\n")
    repo.write("b.py", "b = 1\n")
    repo.commit("base")
    repo.write("a.py", "a = 2\n")
    repo.git("add", "a.py")
    repo.write("b.py", "b = 2\n")
    changes, _ = changes_of(repo, DiffMode(worktree=True))
    assert sorted(f.path for f in changes.files) == ["a.py", "b.py"]


def test_range_two_and_three_dots(repo: GitRepo) -> None:
    repo.write("a.py", "a = 1\n")
    first = repo.commit("one")
    repo.write("a.py", "a = 1\nb = 2\n")
    repo.commit("two")
    repo.write("a.py", "a = 1\nb = 2\nc = 3\n")
    repo.commit("three")
    changes, _ = changes_of(repo, DiffMode(range=f"{first}..HEAD"))
    assert changes.files[0].added_lines == {2, 3}
    changes, _ = changes_of(repo, DiffMode(range="HEAD~1...HEAD"))
    assert changes.files[0].added_lines == {3}
    with pytest.raises(UsageError, match="unknown revision"):
        changes_of(repo, DiffMode(range="nope..HEAD"))


def test_detached_head(repo: GitRepo) -> None:
    repo.write("a.py", "a = 1\n")
    repo.commit("base")
    branch_with(repo, {"a.py": "a = 1\nb = 2\n"})
    repo.git("checkout", "-q", "--detach", "HEAD")
    changes, _ = changes_of(repo, DiffMode(base=""))  # falls back to main
    assert changes.files[0].added_lines == {2}


def test_shallow_clone_without_merge_base_says_fetch_more(make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    origin = make_repo("origin")
    origin.write("a.py", "a = 0\n")
    origin.commit("root")
    for i in range(1, 4):
        origin.write("a.py", f"a = {i}\n")
        origin.commit(f"main {i}")
    origin.git("checkout", "-q", "-b", "feature", "HEAD~3")
    for i in range(3):
        origin.write("b.py", f"b = {i}\n")
        origin.commit(f"feature {i}")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{origin.path}", str(clone)],
                   check=True)
    subprocess.run(["git", "checkout", "-q", "feature"], cwd=clone, check=True)
    repo = GitRepo.__new__(GitRepo)
    repo.path = clone
    with pytest.raises(UsageError, match="shallow clone: fetch more history"):
        changes_of(repo, DiffMode(base="origin/main"))


def test_missing_remote_branch_names_the_right_fetch(make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    origin = make_repo("origin")
    origin.write("a.py", "a = 0\n")
    origin.commit("root")
    origin.git("checkout", "-q", "-b", "feature")
    origin.write("a.py", "a = 1\n")
    origin.commit("feature")
    clone = tmp_path / "single"
    # A CI-style checkout of one branch: origin/main was never fetched.
    subprocess.run(["git", "clone", "-q", "--single-branch", "-b", "feature", f"file://{origin.path}", str(clone)],
                   check=True)
    repo = GitRepo.__new__(GitRepo)
    repo.path = clone
    with pytest.raises(UsageError, match=r"\(git fetch origin main\)"):
        changes_of(repo, DiffMode(base="origin/main"))
    with pytest.raises(UsageError, match=r"\(git fetch origin no-such\)"):
        changes_of(repo, DiffMode(base="no-such"))


def test_diff_file_and_malformed_diff(repo: GitRepo, tmp_path: Path) -> None:
    patch = tmp_path / "change.patch"
    patch.write_text("--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,3 @@\n a = 1\n+b = 2\n c = 3\n")
    repo.write("x.py", "a = 1\nb = 2\nc = 3\n")  # the checkout the diff applies to
    changes, _ = changes_of(repo, DiffMode(diff_file=str(patch)))
    assert changes.files[0].path == "x.py" and changes.files[0].added_lines == {2}
    with pytest.raises(UsageError, match="not a valid unified diff"):
        diffmod.parse(b"--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,9 @@\n a\n+b\n")
    with pytest.raises(UsageError, match="not a valid unified diff"):
        diffmod.parse(b"this is not a diff at all\n")


def test_exclude_globs_skip_files(repo: GitRepo) -> None:
    changes = diffmod.parse(
        b"--- a/gen/x_pb2.py\n+++ b/gen/x_pb2.py\n@@ -1 +1 @@\n-a\n+b\n--- a/y.py\n+++ b/y.py\n@@ -1 +1 @@\n-a\n+b\n",
        exclude=["gen/*"],
    )
    assert [f.path for f in changes.files] == ["y.py"]
    assert [(s.path, s.reason) for s in changes.skipped] == [("gen/x_pb2.py", "excluded by configuration")]


# --- lines split as git splits them (only on \n) ----------------------------------------------------------

# str.splitlines breaks lines on all of these; to git (and to Python inside a string literal) they are content.
SPLITLINES_BREAKS = {"form-feed": "\x0c", "vtab": "\x0b", "fs": "\x1c", "gs": "\x1d", "rs": "\x1e",
                     "nel": "\x85", "line-sep": "\u2028", "para-sep": "\u2029"}
MD5 = "import hashlib\npassword_hash = hashlib.md5(password)\n"


def _weak_hashes(out: str) -> set[tuple[str, int]]:
    data = json.loads(out)
    return {(f["path"], f["line"]) for f in data["findings"] if f["rule"] == "python-crypto/weak-password-hash"}


@pytest.mark.parametrize("char", list(SPLITLINES_BREAKS.values()), ids=list(SPLITLINES_BREAKS))
def test_line_break_characters_of_splitlines_are_content(cli, repo: GitRepo, tmp_path: Path, char: str) -> None:  # type: ignore[no-untyped-def]
    repo.write("plain.py", "x = 1\n")
    repo.write("odd.py", "s = 1\n")
    repo.commit("base")
    branch_with(repo, {"plain.py": "x = 1\n" + MD5, "odd.py": f"s = 'p{char}q'\n" + MD5})
    r = cli("review", "--base", "main", "--no-model", "--format", "json", cwd=repo.path)
    assert r.code != 2, r
    # Both files reviewed, the finding on line 3 of each (not shifted by the character).
    assert _weak_hashes(r.out) == {("plain.py", 3), ("odd.py", 3)}, r
    assert json.loads(r.out)["skipped"] == []
    # The same diff through --diff-file, which also compares the diff with the checkout line by line.
    patch = tmp_path / "change.patch"
    patch.write_bytes(subprocess.run(["git", "diff", "main...HEAD"], cwd=repo.path, capture_output=True,
                                     check=True).stdout)
    r = cli("review", "--diff-file", str(patch), "--no-model", "--format", "json", cwd=repo.path)
    assert r.code != 2 and _weak_hashes(r.out) == {("plain.py", 3), ("odd.py", 3)}, r
    changes = diffmod.parse(patch.read_bytes())
    assert dict(changes.get("odd.py").hunks[0].lines)[1] == f"s = 'p{char}q'"  # type: ignore[union-attr]


def test_bare_carriage_returns_are_content(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # An old Mac file: one line to git. Before, unidiff saw a line without +/-/space and the run ended with exit 2.
    repo.write("plain.py", "x = 1\n")
    repo.write("legacy.txt", "a\rb\r")
    repo.commit("base")
    branch_with(repo, {"plain.py": "x = 1\n" + MD5, "legacy.txt": "a\rb\rc\r"})
    r = cli("review", "--base", "main", "--no-model", "--format", "json", cwd=repo.path)
    assert r.code != 2 and _weak_hashes(r.out) == {("plain.py", 3)}, r
    changes, _ = changes_of(repo, DiffMode(base="main"))
    legacy = changes.get("legacy.txt")
    assert legacy is not None and legacy.added_lines == {1}
    assert dict(legacy.hunks[0].lines)[1] == "a\rb\rc"


def test_git_lines_number_like_git() -> None:
    text = "a\x0cb\r\nc\u2028d\re\nlast"
    assert diffmod.git_lines(text) == ["a\x0cb", "c\u2028d\re", "last"]
    assert diffmod.split_lines(text) == ["a\x0cb\r\n", "c\u2028d\re\n", "last"]
    assert diffmod.git_lines("x\n") == ["x"] and diffmod.git_lines("") == []
    # The other places that number a file's or a patch's lines agree with git.
    from reviewer.github.anchors import parse_patch
    from reviewer.rules import suppress

    assert parse_patch("x.py", "@@ -1,2 +1,3 @@\n a\x0cb\n+c\u2028d\n e\n").hunks == (frozenset({1, 2, 3}),)
    sups = suppress.parse("a = '\x0c'\nb = 1  // reviewer: ignore[r1]\n", "x.js")
    assert [(s.line, s.ids) for s in sups] == [(2, ("r1",))]


def test_a_file_that_cannot_be_parsed_is_skipped_and_the_others_reviewed(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("good.py", MD5)
    repo.write("bad.py", "y = 1\n")
    diff = (b"diff --git a/bad.py b/bad.py\n--- a/bad.py\n+++ b/bad.py\n@@ -1,2 +1,9 @@\n y = 1\n+z\n"
            b"diff --git a/good.py b/good.py\nnew file mode 100644\n--- /dev/null\n+++ b/good.py\n@@ -0,0 +1,2 @@\n"
            b"+import hashlib\n+password_hash = hashlib.md5(password)\n")
    r = cli("review", "--diff-file", "-", "--no-model", "--format", "json", cwd=repo.path, stdin=diff)
    assert r.code != 2, r
    data = json.loads(r.out)
    assert _weak_hashes(r.out) == {("good.py", 2)}
    (skip,) = data["skipped"]
    assert skip["path"] == "bad.py" and skip["reason"].startswith("not a valid unified diff: Hunk is shorter")


@pytest.mark.parametrize("path", ["../outside/x.py", "sub/../../outside/x.py", "/abs/x.py"])
def test_diff_paths_outside_the_repository_are_skipped(cli, repo: GitRepo, path: str) -> None:  # type: ignore[no-untyped-def]
    repo.write("good.py", MD5)
    # The outside file exists and holds a finding: it must not be read.
    outside = (repo.path / path) if not path.startswith("/") else None
    if outside is not None:
        outside.parent.mkdir(parents=True, exist_ok=True)
        outside.write_text(MD5)
    new = f"b/{path}" if not path.startswith("/") else path
    diff = (f"--- /dev/null\n+++ {new}\n@@ -0,0 +1,2 @@\n+import hashlib\n+password_hash = hashlib.md5(password)\n"
            "--- /dev/null\n+++ b/good.py\n@@ -0,0 +1,2 @@\n+import hashlib\n+password_hash = hashlib.md5(password)\n").encode()
    r = cli("review", "--diff-file", "-", "--no-model", "--format", "json", cwd=repo.path, stdin=diff)
    assert r.code != 2, r
    data = json.loads(r.out)
    assert _weak_hashes(r.out) == {("good.py", 2)}
    assert [s["path"] for s in data["skipped"]] == [path]
    assert "outside the repository" in data["skipped"][0]["reason"]
    # A rename from outside is refused the same way.
    renamed = diffmod.parse(f"diff --git a/{path} b/in.py\nsimilarity index 100%\nrename from {path}\n"
                            "rename to in.py\n".encode())
    assert renamed.files == () and "outside the repository" in renamed.skipped[0].reason


def _drop_object(repo: GitRepo, rev: str) -> None:
    """Delete a loose object, as a partial clone whose promisor is gone (or a mirror that left its largest
    files out) lacks it: the only way to make such a clone here, with no remote to filter."""
    sha = repo.git("rev-parse", rev).strip()
    (repo.path / ".git" / "objects" / sha[:2] / sha[2:]).unlink()


def test_a_file_whose_contents_the_clone_lacks_is_skipped_not_fatal(repo: GitRepo) -> None:
    repo.write("data/table.bin", b"\x00old" * 10)
    repo.write("data/gone.bin", b"\x03" * 60)
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("rm", "-q", "data/gone.bin")
    for rel, content in {"data/table.bin": b"\x00new" * 10, "data/model.bin": b"\x01" * 50, "a.py": "x = 2\n"}.items():
        repo.write(rel, content)
    repo.commit("change")
    _drop_object(repo, "main:data/table.bin")  # the old side of a modified file
    _drop_object(repo, "feature:data/model.bin")  # the new side of an added one
    _drop_object(repo, "main:data/gone.bin")  # a deleted one (rename detection would read it)
    with pytest.raises(subprocess.CalledProcessError):  # what git itself says: it stops at the first one
        subprocess.run(["git", "-C", str(repo.path), "diff", "main", "feature"], check=True, capture_output=True)
    for mode in (DiffMode(base="main"), DiffMode(range="main..feature")):
        changes, _ = changes_of(repo, mode)
        assert [f.path for f in changes.files] == ["a.py"]
        assert {s.path: s.reason for s in changes.skipped} == {
            p: gitmod.MISSING_CONTENT for p in ("data/table.bin", "data/model.bin", "data/gone.bin")}
    # any other failure of git diff is still an error, said in one line
    with pytest.raises(UsageError):
        changes_of(repo, DiffMode(range="main..nowhere"))


def test_the_review_reports_the_skipped_file_and_goes_on(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("a.py", "x = 1\n")
    repo.commit("base")
    branch_with(repo, {"big.bin": b"\x00" * 100, "b.py": "def f(x):\n    if x == None:\n        return 1\n"})
    _drop_object(repo, "feature:big.bin")
    result = cli("review", "--base", "main", "--no-model", "--format", "json", cwd=repo.path)
    assert result.code == 0, result.err  # the run went on (a warning does not fail it)
    data = json.loads(result.out)
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("b.py", "python-standards/compare-to-none")]
    assert data["skipped"] == [{"path": "big.bin", "reason": gitmod.MISSING_CONTENT}]


def test_a_merge_of_an_unrelated_history_is_not_reviewed_as_new_code(make_repo, cli) -> None:  # type: ignore[no-untyped-def]
    """`git merge --allow-unrelated-histories` imports another repository: its files were not written here.

    viral-ngs imported viral-core so (held-out round 318): 420 files, every line "added" on the first
    parent. Files that come in unchanged are skipped with the merge named; a file the same merge (or a
    later commit) changes, and every file of an ordinary merge, is reviewed as usual."""
    main = make_repo("main")
    main.write("app.py", "def run():\n    return 1\n")
    main.commit("app")
    other = make_repo("other")
    other.write("lib/core.py", "def check(x):\n    return x == None\n")
    other.write("lib/edited.py", "def edited(x):\n    return x\n")
    other.commit("the other repository")
    main.git("fetch", "-q", str(other.path), "HEAD:other")
    main.git("merge", "-q", "--allow-unrelated-histories", "--no-commit", "other")
    main.write("lib/edited.py", "def edited(x):\n    return x != None\n")  # changed in the merge itself
    merge = main.commit("import the other repository with its history")

    changes, _ = changes_of(main, DiffMode(range=f"{merge}^..{merge}"))
    assert [c.path for c in changes.files] == ["lib/edited.py"]
    reasons = {s.path: s.reason for s in changes.skipped}
    assert f"merge {merge[:12]} imported it unchanged" in reasons["lib/core.py"]

    result = cli("review", "--no-model", "--range", f"{merge}^..{merge}", "--format", "json", cwd=main.path)
    found = {(f["path"], f["rule"]) for f in json.loads(result.out)["findings"]}
    assert found == {("lib/edited.py", "python-standards/compare-not-none")}

    # the same import on a branch, reviewed against its base: the same files are left out
    main.git("checkout", "-q", "-b", "feature", f"{merge}^")
    main.git("merge", "-q", "--allow-unrelated-histories", "-m", "import", "other")
    changes, _ = changes_of(main, DiffMode(base="main~1"))
    assert [c.path for c in changes.files] == []
    assert {s.path for s in changes.skipped} == {"lib/core.py", "lib/edited.py"}

    # rqt's pull request: a branch imported the other repository, then a merge brings that branch in;
    # the unrelated merge is not on the first-parent line of the merge reviewed (held-out round 603)
    main.git("checkout", "-q", "-b", "trunk", f"{merge}^")
    main.write("app.py", "def run():\n    return 2\n")
    main.commit("trunk moves on")
    main.git("merge", "-q", "--no-ff", "-m", "merge the import branch", "feature")
    pr = main.git("rev-parse", "HEAD").strip()
    changes, _ = changes_of(main, DiffMode(range=f"{pr}^..{pr}"))
    assert [c.path for c in changes.files] == []
    assert {s.path for s in changes.skipped} == {"lib/core.py", "lib/edited.py"}


def test_an_ordinary_merge_is_reviewed_whole(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("repo")
    repo.write("app.py", "def run():\n    return 1\n")
    repo.commit("app")
    repo.git("checkout", "-q", "-b", "topic")
    repo.write("lib/core.py", "def check(x):\n    return x == None\n")
    repo.commit("a file on a branch")
    repo.git("checkout", "-q", "main")
    repo.write("app.py", "def run():\n    return 2\n")
    repo.commit("main moves on")
    repo.git("merge", "-q", "--no-ff", "-m", "merge topic", "topic")
    merge = repo.git("rev-parse", "HEAD").strip()
    changes, collected = changes_of(repo, DiffMode(range=f"{merge}^..{merge}"))
    assert [c.path for c in changes.files] == ["lib/core.py"]
    assert collected.imported == ()


def test_an_object_missing_from_the_clone_reads_as_absent(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    # A mirror that left its largest files out (cctbx_project's, held-out round 798): the review reads an unchanged
    # file for context (here the package's `__init__.py`, for a copy's notice) whose blob the clone lacks, and
    # stopped with an internal error. The file reads as absent now, a note names it, and the change is reviewed.
    repo.write("pkg/__init__.py", "# the package\n")
    repo.commit("base")
    blob = repo.git("rev-parse", "HEAD:pkg/__init__.py").strip()
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("pkg/mod.py", "def f(x):\n    return x == None\n")
    repo.commit("change")
    loose = repo.path / ".git" / "objects" / blob[:2] / blob[2:]
    loose.chmod(0o644)
    loose.unlink()
    r = cli("review", "--no-model", "--range", "main..feature", "--format", "json", "--fail-level", "none",
            cwd=repo.path)
    assert r.code == 0, r
    data = json.loads(r.out)
    assert [(f["path"], f["rule"]) for f in data["findings"]] == [("pkg/mod.py", "python-standards/compare-to-none")]
    assert [n for n in data["notes"] if "missing from this clone" in n] == [
        "1 file(s) could not be read: their git objects are missing from this clone (a partial or damaged clone?), "
        "so they were read as absent: pkg/__init__.py"]
