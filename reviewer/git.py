"""Git access: the repository root, the diff text for each mode, file contents.

Everything here goes through GitPython. The diff is produced with fixed
options (no colour, no external diff, no textconv, a/ b/ prefixes, rename
detection) so that a user's git configuration cannot change what we parse.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Protocol

from reviewer import fsutil
from reviewer.errors import UsageError
from reviewer.records import Skipped

if TYPE_CHECKING:
    import subprocess

    import git as gitpython

# Options that make `git diff` output independent of user configuration.
_CONFIG = [
    "-c", "diff.mnemonicprefix=no",
    "-c", "diff.noprefix=no",
    "-c", "diff.external=",
    "-c", "core.quotepath=off",
    "-c", "color.ui=never",
]
_DIFF_FLAGS = ["--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/"]
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


@dataclass(frozen=True)
class DiffMode:
    """Which changes to review. Exactly one of the fields selects the mode."""

    staged: bool = False
    worktree: bool = False
    base: Optional[str] = None  # "" means: pick the default base
    range: Optional[str] = None
    diff_file: Optional[str] = None  # path, or "-" for standard input

    def describe(self) -> str:
        if self.staged:
            return "staged changes"
        if self.worktree:
            return "uncommitted changes"
        if self.range:
            return f"range {self.range}"
        if self.diff_file:
            return "diff from standard input" if self.diff_file == "-" else f"diff file {self.diff_file}"
        return f"branch against {self.base or 'its base'}"


class Snapshot(Protocol):
    """The new side of a diff: file contents by repository-relative path."""

    def read(self, path: str) -> Optional[bytes]:
        """Bytes of `path` on the new side, or None when it does not exist there (or may not be read)."""

    # Optional, used by pipeline.collect when a snapshot has them (the ones below all do):
    #   refused(path) -> Optional[str]: why `path` is not read at all (outside the repository, a link)
    #   prefetch(paths) -> None: read these paths' contents in one go (`read` works without it)
    #   paths() -> list[str]: every file on the new side (rules.callers looks for a helper's calls)


@dataclass(frozen=True)
class Collected:
    diff: bytes
    root: Path
    base: Optional[str]
    head: Optional[str]
    snapshot: Snapshot
    missing: tuple[Skipped, ...] = ()  # files whose contents the clone lacks (`_diff`), not reviewed
    imported: tuple[tuple[str, str], ...] = ()  # (path, merge) brought unchanged by an unrelated history (`imported`)
    reverted: tuple[str, ...] = ()  # the commits the range reverts, when it does nothing else (`reverted`)


def _import_git() -> "object":
    # GitPython raises ImportError at import time when no git executable is found.
    try:
        import git
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise UsageError(f"git is not available: {exc}") from None
    return git


def open_repo(path: Path) -> "gitpython.Repo":
    git = _import_git()
    try:
        return git.Repo(path, search_parent_directories=True)  # type: ignore[attr-defined, no-any-return]
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):  # type: ignore[attr-defined]
        raise UsageError(f"{path} is not inside a git repository (run `git init`, or pass --diff-file)") from None


def repo_root(repo: "gitpython.Repo") -> Path:
    if repo.working_tree_dir is None:
        raise UsageError("bare repositories have no working tree to review")
    return Path(repo.working_tree_dir)


def _git(repo: "gitpython.Repo", *args: str) -> bytes:
    git = _import_git()
    try:
        out = repo.git.execute(["git", *_CONFIG, *args], stdout_as_string=False)
    except git.GitCommandError as exc:  # type: ignore[attr-defined]
        stderr = (exc.stderr or "").strip().splitlines()
        detail = stderr[-1].removeprefix("stderr: ").strip("' ") if stderr else str(exc)
        raise UsageError(f"git {args[0]} failed: {detail}") from None
    assert isinstance(out, bytes)
    return out


def has_head(repo: "gitpython.Repo") -> bool:
    try:
        repo.head.commit
    except ValueError:
        return False
    return True


def _rev_ok(repo: "gitpython.Repo", rev: str) -> bool:
    git = _import_git()
    try:
        repo.git.rev_parse("--verify", "--quiet", rev + "^{commit}")
    except git.GitCommandError:  # type: ignore[attr-defined]
        return False
    return True


def _remotes(repo: "gitpython.Repo") -> list[str]:
    """Remote names, `origin` first when there is one."""
    names = [r.name for r in repo.remotes]
    return sorted(names, key=lambda n: (n != "origin", n))


def default_base(repo: "gitpython.Repo") -> str:
    """The upstream of the current branch, else <remote>/HEAD (origin first), else main/master."""
    candidates = []
    if not repo.head.is_detached:
        candidates.append("@{upstream}")
    for remote in _remotes(repo) or ["origin"]:
        candidates += [f"{remote}/HEAD", f"{remote}/main", f"{remote}/master"]
    candidates += ["main", "master"]
    for rev in candidates:
        if _rev_ok(repo, rev):
            return rev
    raise UsageError("cannot find a base to diff against (no upstream, remote HEAD, main or master): pass --base REF")


def _fetch_hint(repo: "gitpython.Repo", base: str) -> str:
    """How to get a missing ref, for the remotes this repository really has.

    `origin/main` is branch `main` of remote `origin`; with no remote at all
    there is nothing to fetch from.
    """
    remotes = _remotes(repo)
    remote, _, branch = base.partition("/")
    if branch and remote in remotes:
        return f"fetch it (git fetch {remote} {branch})"
    if not remotes:
        return ("fetch it: this repository has no remote to fetch from (git remote add origin URL first), "
                "or pass --base with a branch or commit that exists here")
    if len(remotes) == 1:
        return f"fetch it (git fetch {remotes[0]} {base})"
    return f"fetch it from one of the remotes {', '.join(remotes)} (git fetch REMOTE {base})"


def _unshallow_hint(repo: "gitpython.Repo") -> str:
    remotes = _remotes(repo)
    fetch = f"git fetch --unshallow {remotes[0]}" if remotes else "a clone with full history (this one has no remote)"
    return f"fetch more history ({fetch}, or actions/checkout with fetch-depth: 0)"


def merge_base(repo: "gitpython.Repo", base: str) -> str:
    if not _rev_ok(repo, base):
        raise UsageError(f"unknown revision {base!r}: check the name, or {_fetch_hint(repo, base)}")
    git = _import_git()
    try:
        return str(repo.git.merge_base(base, "HEAD")).strip()
    except git.GitCommandError:  # type: ignore[attr-defined]
        shallow = str(repo.git.rev_parse("--is-shallow-repository")).strip() == "true"
        if shallow:
            raise UsageError(
                f"no merge-base between {base} and HEAD in this shallow clone: {_unshallow_hint(repo)}"
            ) from None
        raise UsageError(f"{base} and HEAD have no common history: pass --range A..B instead") from None


_REGULAR = ("100644", "100755")
_LINK = "120000"


class _ObjectSnapshot:
    """Files as git stores them: one listing of path -> (mode, object id), blobs read in one batch.

    Looking paths up one at a time in GitPython's tree objects re-parses a
    folder's tree for every file (quadratic in a folder's size); one listing
    and one `git cat-file --batch` for every changed file keep it linear.
    """

    def __init__(self, repo: "gitpython.Repo") -> None:
        self._repo = repo
        self._entries: Optional[dict[str, tuple[str, str]]] = None
        self._blobs: dict[str, bytes] = {}
        # Paths whose object git could not give: a clone that lacks it (a mirror that left its largest files
        # out, a partial clone that cannot fetch, a damaged object store). Read as absent, and said in a note.
        self.missing: list[str] = []

    def _listing(self) -> bytes:
        raise NotImplementedError

    def _parse(self, out: bytes) -> dict[str, tuple[str, str]]:
        raise NotImplementedError

    @property
    def entries(self) -> dict[str, tuple[str, str]]:
        if self._entries is None:
            self._entries = self._parse(self._listing())
        return self._entries

    def paths(self) -> list[str]:
        """Every regular file on this side (links and submodules left out)."""
        return [p for p, entry in self.entries.items() if entry[0] in _REGULAR]

    def refused(self, path: str) -> Optional[str]:
        problem = fsutil.relative_problem(path)
        if problem is not None:
            return problem
        entry = self.entries.get(path)
        if entry is not None and entry[0] == _LINK:
            return "is a symbolic link: not read or written"
        return None

    def _blob(self, path: str) -> Optional[str]:
        if fsutil.relative_problem(path) is not None:
            return None
        entry = self.entries.get(path)
        return entry[1] if entry is not None and entry[0] in _REGULAR else None

    def prefetch(self, paths: Iterable[str]) -> None:
        wanted = {p: sha for p in paths if p not in self._blobs and (sha := self._blob(p)) is not None}
        if not wanted:
            return
        by_sha = _cat_file_batch(self._repo, sorted(set(wanted.values())))
        for p, sha in wanted.items():
            if sha in by_sha:
                self._blobs[p] = by_sha[sha]

    def read(self, path: str) -> Optional[bytes]:
        if path in self._blobs:
            return self._blobs[path]
        sha = self._blob(path)
        if sha is None:
            return None
        from git.exc import GitError

        try:
            data = self._repo.odb.stream(bytes.fromhex(sha)).read()
        except (ValueError, OSError, GitError):  # "<sha> missing": the clone does not have the object
            if path not in self.missing:
                self.missing.append(path)
            return None
        assert isinstance(data, bytes)
        return data


class TreeSnapshot(_ObjectSnapshot):
    """Files as they are in a commit (one `git ls-tree -r` for the listing)."""

    def __init__(self, repo: "gitpython.Repo", rev: str) -> None:
        super().__init__(repo)
        self._rev = repo.commit(rev).hexsha

    def _listing(self) -> bytes:
        return _git(self._repo, "ls-tree", "-r", "-z", "--full-tree", self._rev)

    def _parse(self, out: bytes) -> dict[str, tuple[str, str]]:
        # ls-tree fields: mode, kind, sha
        return {name: (f[0], f[2]) for f, name in _records(out) if f[1] == "blob"}


class IndexSnapshot(_ObjectSnapshot):
    """Files as they are staged (one `git ls-files --stage` for the listing; merge stages other than 0 ignored)."""

    def _listing(self) -> bytes:
        return _git(self._repo, "ls-files", "--stage", "-z")

    def _parse(self, out: bytes) -> dict[str, tuple[str, str]]:
        # ls-files --stage fields: mode, sha, stage
        return {name: (f[0], f[1]) for f, name in _records(out) if f[2] == "0"}


def _records(out: bytes) -> Iterator[tuple[list[str], str]]:
    """(space-separated fields, path) of each NUL-terminated `FIELDS<TAB>PATH` record of ls-tree/ls-files -z."""
    for record in out.split(b"\0"):
        if record:
            info, _, name = record.partition(b"\t")
            yield info.decode("ascii").split(" "), name.decode("utf-8", "surrogateescape")


def read_objects(root: Path, names: list[str]) -> list[Optional[bytes]]:
    """Contents of many objects named like `REV:PATH`, in order, through one `git cat-file --batch`.

    None for a name git cannot resolve (and for a name with a newline, which the batch protocol
    cannot carry). One process for all, where one `git cat-file blob` per file costs a fork each.
    """
    usable = [n for n in names if "\n" not in n and "\r" not in n]
    if not usable:
        return [None] * len(names)
    proc = _cat_file(["-C", str(root)], "--batch", usable)
    found: dict[str, Optional[bytes]] = {}
    out, pos = proc.stdout, 0
    for name in usable:
        if pos >= len(out):
            break
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            found[name] = None
            if len(header) == 3:  # another object type: skip its contents
                pos += int(header[2]) + 1
            continue
        size = int(header[2])
        found[name] = out[pos:pos + size]
        pos += size + 1
    return [found.get(n) for n in names]


def commit_day(root: Path, rev: str) -> Optional[str]:
    """The day `rev` was committed (`YYYY-MM-DD`, the committer date), or None when git cannot say."""
    import subprocess

    if not rev or rev.startswith("-"):
        return None
    proc = subprocess.run(["git", "-C", str(root), "show", "-s", "--format=%cs", rev, "--"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    day = proc.stdout.decode("ascii", "replace").strip()
    return day if proc.returncode == 0 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def _cat_file(where: list[str], mode: str, names: list[str]) -> "subprocess.CompletedProcess[bytes]":
    """One `git cat-file --batch` / `--batch-check` process for many object names, one per line."""
    import subprocess

    return subprocess.run(["git", *where, "cat-file", mode],
                          input="".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def _cat_file_batch(repo: "gitpython.Repo", shas: list[str]) -> dict[str, bytes]:
    """Contents of many objects through one `git cat-file --batch` process."""
    proc = _cat_file(["--git-dir", str(repo.git_dir)], "--batch", shas)
    if proc.returncode != 0:
        raise UsageError(f"git cat-file failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    out, pos, found = proc.stdout, 0, {}
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii").split(" ")
        pos = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        found[header[0]] = out[pos:pos + size]
        pos += size + 1
    return found


class DiskSnapshot:
    """Files as they are in the working tree, read only inside the repository (fsutil.read_inside)."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def refused(self, path: str) -> Optional[str]:
        return fsutil.refused(self._root, path)

    def prefetch(self, paths: Iterable[str]) -> None:
        return None

    def paths(self) -> list[str]:
        """What git lists in the working tree (tracked, and untracked but not ignored); [] outside git."""
        from reviewer import sandbox

        try:
            return sandbox.repository_files(self._root)
        except UsageError:
            return []

    def read(self, path: str) -> Optional[bytes]:
        try:
            return fsutil.read_inside(self._root, path)
        except OSError:  # UnsafePath included: outside the root, or through a link
            return None


def collect(start: Path, mode: DiffMode, context: int = 3) -> Collected:
    """Produce the diff bytes for `mode` and a snapshot of the new side."""
    if mode.diff_file is not None:
        return _collect_diff_file(start, mode.diff_file)
    repo = open_repo(start)
    root = repo_root(repo)
    flags = [*_DIFF_FLAGS, f"-U{context}"]
    if mode.staged:
        # With no commits yet, `git diff --cached` compares against the empty tree.
        head = repo.head.commit.hexsha if has_head(repo) else None
        diff, missing = _diff(repo, flags, ["--cached"])
        return Collected(diff, root, head, None, IndexSnapshot(repo), missing)
    if mode.worktree:
        against = "HEAD" if has_head(repo) else EMPTY_TREE
        diff, missing = _diff(repo, flags, [against])
        return Collected(diff, root, against, None, DiskSnapshot(root), missing)
    if not has_head(repo):
        raise UsageError("this repository has no commits yet: use --staged to review what is staged")
    if mode.range:
        return _collect_range(repo, root, mode.range, flags)
    base = mode.base or default_base(repo)
    mb = merge_base(repo, base)
    head = repo.head.commit.hexsha
    diff, missing = _diff(repo, flags, [mb, head])
    return Collected(diff, root, mb, head, TreeSnapshot(repo, head), missing, imported(repo, mb, head),
                     reverted(repo, mb, head))


def _collect_range(repo: "gitpython.Repo", root: Path, spec: str, flags: list[str]) -> Collected:
    if "..." in spec:
        a, b = spec.split("...", 1)
        b = b or "HEAD"
        a = merge_base_of(repo, a, b)
    elif ".." in spec:
        a, b = spec.split("..", 1)
        b = b or "HEAD"
    else:
        raise UsageError(f"--range wants A..B or A...B, not {spec!r}")
    for rev in (a, b):
        if not _rev_ok(repo, rev):
            raise UsageError(f"unknown revision {rev!r} in --range {spec}")
    head = repo.commit(b).hexsha
    base = repo.commit(a).hexsha
    diff, missing = _diff(repo, flags, [a, b])
    return Collected(diff, root, base, head, TreeSnapshot(repo, head), missing, imported(repo, base, head),
                     reverted(repo, base, head))


def imported(repo: "gitpython.Repo", base: str, head: str) -> tuple[tuple[str, str], ...]:
    """Files whose content at `head` a merge of an unrelated history brought into `base..head` unchanged.

    `git merge --allow-unrelated-histories` imports another repository with its history: viral-ngs brought
    viral-core, viral-classify and viral-phylo in so in 2026, 420 files in one merge (held-out round 318).
    The diff from the first parent shows every imported line as added, but none was written in this change:
    it is the other repository's code, reviewed (or not) there. A file whose blob at `head` is the blob
    at the same path in such a merge's unrelated parent is that code; a file changed after the import is
    reviewed as usual. The import may sit on a branch the range merges: rqt's pull request merged a branch
    that had imported rqt_py_common's repository (held-out round 603). Cheap when there is none: a range brings
    an unrelated history only if it holds a root commit (one `rev-list` over the range); then each merge in
    the range is asked, and its parents that share no history with `base` are the imported side.
    Returns (path, merge) pairs, the merge abbreviated.
    """
    try:
        if not _git(repo, "rev-list", "--max-parents=0", f"{base}..{head}").strip():
            return ()
        merges = _git(repo, "rev-list", "--merges", "--parents", f"{base}..{head}").decode("ascii").split("\n")
    except UsageError:
        return ()
    unrelated: list[tuple[str, str]] = []  # (merge, parent)
    for line in merges:
        merge, first, *others = line.split() or ["", ""]
        for other in others:
            try:
                _git(repo, "merge-base", first, other)
                continue
            except UsageError:  # no common ancestor: one side is an imported history
                pass
            for parent in (first, other):
                try:
                    _git(repo, "merge-base", base, parent)  # shares history with `base`: the project's own side
                except UsageError:
                    unrelated.append((merge, parent))
    if not unrelated:
        return ()
    at_head = _tree_blobs(repo, head)
    out: dict[str, str] = {}
    for merge, parent in unrelated:
        for path, blob in _tree_blobs(repo, parent).items():
            if at_head.get(path) == blob:
                out.setdefault(path, merge[:12])
    return tuple(sorted(out.items()))


_REVERTS = re.compile(r"^This reverts commit ([0-9a-f]{7,40})\b", re.MULTILINE)


def reverted(repo: "gitpython.Repo", base: str, head: str) -> tuple[str, ...]:
    """The commits `base..head` reverts, when each of its commits but merges is a `git revert` (its message says
    "This reverts commit <id>."); () when one is anything else, or the range holds no commit.

    A revert puts back code the project ran before the reverted commit: diyhue's revert of a refactor restores
    four `!= None` word for word, and libretime's revert of its move to aware datetimes restores eight
    `utcnow()` calls on purpose (held-out rounds 533 and 469). Read from the messages, at most 50 commits."""
    try:
        out = _git(repo, "log", "--no-merges", "--format=%B%x00", "-n", "51", f"{base}..{head}")
    except UsageError:
        return ()
    messages = [m for m in out.decode("utf-8", "replace").split("\0") if m.strip()]
    found: list[str] = []
    for message in messages[:50] if len(messages) <= 50 else ():
        shas = _REVERTS.findall(message.strip())
        if not shas:
            return ()
        found += shas
    return tuple(dict.fromkeys(found))


def _tree_blobs(repo: "gitpython.Repo", rev: str) -> dict[str, str]:
    """Path -> blob id of every file in `rev`'s tree."""
    blobs: dict[str, str] = {}
    for entry in _git(repo, "ls-tree", "-r", "-z", "--full-tree", rev).split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == b"blob":
            blobs[path.decode("utf-8", "surrogateescape")] = fields[2].decode("ascii")
    return blobs


# A clone may lack some files' contents: a partial clone (`--filter=blob:limit=1m`) whose promisor remote
# is gone, a mirror that left its largest files out. `git diff` then stops at the first one ("unable to
# read <sha>"), and one file would abort the whole review. Those files are skipped with this reason instead.
MISSING_CONTENT = "its contents are not in this clone (a partial or filtered clone): not reviewed"


def _diff(repo: "gitpython.Repo", flags: list[str], revs: list[str]) -> tuple[bytes, tuple[Skipped, ...]]:
    """`git diff` of `revs`, and the files left out of it because the clone lacks their contents."""
    try:
        return _git(repo, "diff", *flags, *revs), ()
    except UsageError as exc:
        if "unable to read" not in str(exc):
            raise
        failure = exc
    # the plumbing lists blob ids without reading them (the porcelain `git diff --raw` may still read some)
    if revs[0] == "--cached":
        raw = ["diff-index", "--cached", "-z", "--no-abbrev", "--no-renames", "HEAD" if has_head(repo) else EMPTY_TREE]
    elif len(revs) == 1:
        raw = ["diff-index", "-z", "--no-abbrev", "--no-renames", revs[0]]
    else:
        raw = ["diff-tree", "-r", "-z", "--no-abbrev", "--no-renames", *revs]
    listing = _git(repo, *raw)
    fields = listing.split(b"\0")
    entries: list[tuple[list[str], list[str]]] = []  # (blob ids, paths) per changed file
    at = 0
    while at < len(fields) and fields[at].startswith(b":"):
        meta = fields[at].decode("ascii", "replace").split()
        npaths = 2 if meta[-1][:1] in ("R", "C") else 1
        paths = [p.decode("utf-8", "surrogateescape") for p in fields[at + 1:at + 1 + npaths]]
        entries.append(([s for s in meta[2:4] if s.strip("0")], paths))
        at += 1 + npaths
    wanted = sorted({s for shas, _ in entries for s in shas})
    check = _cat_file(["--git-dir", str(repo.git_dir)], "--batch-check", wanted)
    absent = {line.split()[0] for line in check.stdout.decode("ascii", "replace").splitlines()
              if line.endswith(" missing")}
    lacking = [paths for shas, paths in entries if absent.intersection(shas)]
    if not lacking:
        raise failure
    excluded = sorted({p for paths in lacking for p in paths})
    diff = _git(repo, "diff", *flags, *revs, "--", ".", *(f":(exclude,literal){p}" for p in excluded))
    return diff, tuple(Skipped(paths[-1], MISSING_CONTENT) for paths in lacking)


def merge_base_of(repo: "gitpython.Repo", a: str, b: str) -> str:
    git = _import_git()
    try:
        return str(repo.git.merge_base(a, b)).strip()
    except git.GitCommandError:  # type: ignore[attr-defined]
        raise UsageError(f"no merge-base between {a} and {b}: {_unshallow_hint(repo)}") from None


def _collect_diff_file(start: Path, diff_file: str) -> Collected:
    import sys

    if diff_file == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(diff_file).read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read diff file {diff_file}: {exc.strerror}") from None
    root = start
    git = _import_git()
    try:
        root = repo_root(git.Repo(start, search_parent_directories=True))  # type: ignore[attr-defined]
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, UsageError):  # type: ignore[attr-defined]
        root = Path(os.path.abspath(start))
    return Collected(data, root, None, None, DiskSnapshot(root))
