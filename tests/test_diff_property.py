"""Property tests for the diff parser: random diffs made by real `git diff`, and malformed ones."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer import diff as diffmod
from reviewer.errors import UsageError

# Short alphabets make repeated lines likely, which is where diff alignment gets interesting.
LINE = st.text(alphabet="ab \t\u00e9x", min_size=0, max_size=6)
FILE = st.lists(LINE, min_size=0, max_size=25)


def git_diff(old: list[str], new: list[str], context: int) -> tuple[bytes, int, int]:
    """Real `git diff --no-index` of two files, plus git's own added/deleted counts."""
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp, "old.py"), Path(tmp, "new.py")
        a.write_bytes("".join(f"{line}\n" for line in old).encode())
        b.write_bytes("".join(f"{line}\n" for line in new).encode())
        base = ["git", "-c", "core.quotepath=off", "diff", "--no-index", "--no-color", "--no-ext-diff"]
        diff = subprocess.run([*base, f"-U{context}", "old.py", "new.py"], cwd=tmp, capture_output=True).stdout
        numstat = subprocess.run([*base, "--numstat", "old.py", "new.py"], cwd=tmp, capture_output=True).stdout
    added, deleted = (int(x) for x in numstat.split()[:2]) if numstat else (0, 0)
    return diff, added, deleted


@settings(max_examples=60, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(old=FILE, new=FILE, context=st.integers(min_value=0, max_value=3))
def test_added_lines_match_git(old: list[str], new: list[str], context: int) -> None:
    diff, git_added, git_deleted = git_diff(old, new, context)
    changes = diffmod.parse(diff)
    if old == new:
        assert changes.files == ()
        return
    (f,) = changes.files
    added = f.added_lines
    removed = set().union(*(h.removed for h in f.hunks)) if f.hunks else set()
    # Same counts as git's own numstat...
    assert (len(added), len(removed)) == (git_added, git_deleted)
    # ...every added line number points at that text in the new file...
    for h in f.hunks:
        for number, text in h.lines:
            assert 1 <= number <= len(new)
            assert text == new[number - 1]
    # ...and what is neither added nor removed is the common part, in order.
    kept_new = [line for i, line in enumerate(new, 1) if i not in added]
    kept_old = [line for i, line in enumerate(old, 1) if i not in removed]
    assert kept_new == kept_old


MUTATIONS = st.lists(
    st.tuples(st.sampled_from(["drop", "dup", "insert", "truncate", "garble"]), st.integers(0, 10_000),
              st.binary(max_size=12)),
    min_size=1, max_size=4,
)


@settings(max_examples=150, derandomize=True, database=None, deadline=None)
@given(old=FILE, new=FILE, mutations=MUTATIONS)
def test_malformed_diffs_never_crash(old: list[str], new: list[str], mutations: list[tuple[str, int, bytes]]) -> None:
    diff, _, _ = git_diff(old, new, 3)
    lines = diff.splitlines(keepends=True) or [b""]
    for kind, pos, junk in mutations:
        i = pos % max(len(lines), 1)
        if kind == "drop" and lines:
            del lines[i]
        elif kind == "dup" and lines:
            lines.insert(i, lines[i])
        elif kind == "insert":
            lines.insert(i, junk + b"\n")
        elif kind == "truncate" and lines:
            lines[i] = lines[i][: len(lines[i]) // 2]
        elif kind == "garble" and lines:
            lines[i] = junk + lines[i]
    try:
        result = diffmod.parse(b"".join(lines))
    except UsageError as exc:
        assert exc.message.startswith("not a valid unified diff")
    else:
        for f in result.files:
            assert all(n >= 0 for n in f.added_lines)


def test_property_tests_are_deterministic() -> None:
    """Every property test in tests/ runs the same inputs everywhere (tests/conftest.py loads this profile)."""
    current = settings()
    assert current.derandomize and current.database is None
