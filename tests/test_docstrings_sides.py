"""`reviewer docstrings` reads the same side of the diff as `reviewer review`, in every mode (#14 item 10).

--staged: what is staged, never unstaged edits; branch mode: what is committed on the branch, never
uncommitted functions; --worktree: the working tree. --write still edits the file on disk and keeps
whatever else is there.
"""

from __future__ import annotations

import pytest

from reviewer.source import definitions

from .conftest import GitRepo

BASE = "X = 1\n"
STAGED = BASE + "\n\ndef staged_fn(a):\n    return a\n"
UNSTAGED = STAGED + "\n\ndef unstaged_fn(b):\n    return b\n"


def _documented(repo: GitRepo) -> set[str]:
    return {d.name for d in definitions((repo.path / "m.py").read_text()) if d.has_docstring}


@pytest.fixture
def staged(repo: GitRepo) -> GitRepo:
    repo.write("m.py", BASE)
    repo.commit("base")
    repo.write("m.py", STAGED)
    repo.git("add", "m.py")
    repo.write("m.py", UNSTAGED)  # an unstaged function on top of the staged one
    return repo


def test_staged_lists_and_writes_only_what_is_staged(cli, staged: GitRepo) -> None:  # type: ignore[no-untyped-def]
    review = cli("review", "--staged", "--no-model", "--format", "json", cwd=staged.path)
    assert review.code in (0, 1), review
    listing = cli("docstrings", "--staged", cwd=staged.path)
    assert "m.py:4: staged_fn (function) has no docstring" in listing.out
    assert "unstaged_fn" not in listing.out
    preview = cli("docstrings", "--staged", "--diff", "--generator", "template", cwd=staged.path)
    assert "staged_fn" in preview.out and '+    """Staged fn.' in preview.out
    assert '+    """Unstaged fn.' not in preview.out
    r = cli("docstrings", "--staged", "--write", "--generator", "template", cwd=staged.path)
    assert r.code == 0, r
    assert _documented(staged) == {"staged_fn"}
    text = (staged.path / "m.py").read_text()
    assert "def unstaged_fn(b):\n    return b\n" in text  # the unstaged work is kept, undocumented
    assert staged.git("show", ":m.py") == STAGED  # the index is untouched
    again = cli("docstrings", "--staged", "--write", "--generator", "template", cwd=staged.path)
    assert "wrote" not in again.out and (staged.path / "m.py").read_text() == text


def test_worktree_mode_documents_the_working_tree(cli, staged: GitRepo) -> None:  # type: ignore[no-untyped-def]
    listing = cli("docstrings", "--worktree", cwd=staged.path)
    assert "staged_fn" in listing.out and "unstaged_fn" in listing.out
    r = cli("docstrings", "--worktree", "--write", "--generator", "template", cwd=staged.path)
    assert r.code == 0, r
    assert _documented(staged) == {"staged_fn", "unstaged_fn"}


def test_branch_mode_documents_committed_changes_only(cli, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("m.py", BASE)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("m.py", STAGED)
    repo.commit("feature")
    repo.write("m.py", UNSTAGED.replace("return a\n", "return a  # edited, uncommitted\n"))
    listing = cli("docstrings", cwd=repo.path)
    assert "staged_fn" in listing.out and "unstaged_fn" not in listing.out
    r = cli("docstrings", "--write", "--generator", "template", cwd=repo.path)
    assert r.code == 0, r
    # The committed function is documented although its changed line was edited again on disk.
    assert _documented(repo) == {"staged_fn"}
    assert "return a  # edited, uncommitted" in (repo.path / "m.py").read_text()


def test_diff_preview_does_not_claim_to_write(cli, staged: GitRepo) -> None:  # type: ignore[no-untyped-def]
    r = cli("docstrings", "--staged", "--diff", "--generator", "template", cwd=staged.path)
    assert "docstrings: generating 1 docstring(s)" in r.err and "writing" not in r.err
    assert (staged.path / "m.py").read_text() == UNSTAGED
