"""Safe file access: anything that reads a repository file by name, or rewrites a user's file, goes through here.

Containment: a repository-relative path is resolved inside the repository root
one component at a time, with `O_NOFOLLOW` on every folder and on the file
itself, relative to the folder already opened (`dir_fd`). So no `..`, no
absolute path, no symbolic link anywhere below the root is ever followed, and
there is no window between checking a path and using it. A symbolic link is
never read through, written through or replaced: such a file is refused with
its reason (UnsafePath), which callers report as a skipped file. (Git itself
never tracks a file beneath a symbolic link, and a tracked link's diff is its
target's name, not the target's text.)
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Any, Optional, Union

from reviewer.errors import UsageError

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class UnsafePath(UsageError, OSError):
    """A path that would leave the repository, or go through or replace a symbolic link.

    A UsageError (exit 2, one line) where nothing catches it, and an OSError so
    that code which skips unreadable files skips this one too, with `reason`.
    """

    def __init__(self, path: str, reason: str) -> None:
        UsageError.__init__(self, f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.strerror = reason


def relative_problem(rel: str) -> Optional[str]:
    """Why `rel` is not a plain repository-relative, '/'-separated path; None when it is one."""
    if not rel:
        return "empty path"
    if "\0" in rel:
        return "the path contains a NUL byte"
    if rel.startswith("/") or os.path.isabs(rel):
        return "absolute path: outside the repository, not read or written"
    parts = rel.split("/")
    if ".." in parts:
        return "'..' in the path: outside the repository, not read or written"
    if any(p in ("", ".") for p in parts):
        return "not a normalised repository path ('.' or empty component): not read or written"
    return None


def _check(rel: str) -> list[str]:
    problem = relative_problem(rel)
    if problem is not None:
        raise UnsafePath(rel, problem)
    return rel.split("/")


def _open_parent(root: Path, rel: str, create: bool = False) -> tuple[int, str]:
    """A descriptor of `rel`'s folder, reached from `root` without following any link; and the file name.

    The root itself is opened normally (it may be reached through links, e.g.
    /tmp on macOS); nothing below it is. FileNotFoundError when a folder is
    missing (unless `create`), UnsafePath when one is a link, NotADirectoryError when one is a file.
    """
    parts = _check(rel)
    fd = os.open(root, _DIR_FLAGS)
    try:
        for i, part in enumerate(parts[:-1]):
            try:
                nfd = os.open(part, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                os.mkdir(part, 0o777, dir_fd=fd)
                nfd = os.open(part, _DIR_FLAGS | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise
                here = "/".join(parts[:i + 1])
                if stat.S_ISLNK(os.stat(part, dir_fd=fd, follow_symlinks=False).st_mode):
                    raise UnsafePath(rel, f"lies under a symbolic link ({here}): not read or written") from None
                raise NotADirectoryError(errno.ENOTDIR, f"{here} is not a folder") from None
            os.close(fd)
            fd = nfd
    except BaseException:
        os.close(fd)
        raise
    return fd, parts[-1]


def refused(root: Path, rel: str) -> Optional[str]:
    """Why `rel` may not be read or written inside `root` (a link, outside it); None when it may (or is absent)."""
    try:
        fd, name = _open_parent(root, rel)
    except UnsafePath as exc:
        return exc.reason
    except OSError:
        return None  # missing: nothing to follow
    try:
        st = os.stat(name, dir_fd=fd, follow_symlinks=False)
    except OSError:
        return None
    finally:
        os.close(fd)
    return "is a symbolic link: not read or written" if stat.S_ISLNK(st.st_mode) else None


def read_inside(root: Path, rel: str) -> Optional[bytes]:
    """The bytes of regular file `rel` under `root`; None when it is missing or not a regular file.

    Raises UnsafePath for a path outside the root or through or at a symbolic link.
    """
    try:
        fd, name = _open_parent(root, rel)
    except (FileNotFoundError, NotADirectoryError):
        return None
    try:
        try:
            # O_NONBLOCK: a FIFO planted under the name must not hang the run (it is refused below).
            ffd = os.open(name, os.O_RDONLY | _NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), dir_fd=fd)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UnsafePath(rel, "is a symbolic link: not read or written") from None
            if exc.errno in (errno.EISDIR, errno.ENXIO):
                return None
            raise
    finally:
        os.close(fd)
    with os.fdopen(ffd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(ffd).st_mode):
            return None
        os.set_blocking(ffd, True)
        return fh.read()


def write_inside(root: Path, rel: str, data: bytes, make_dirs: bool = False) -> Path:
    """Atomically replace (or create) regular file `rel` under `root`; return its path.

    Refuses (UnsafePath) a path outside the root, beneath a link, or that is a
    link itself: the link is left as it was. `make_dirs` creates missing folders.
    """
    fd, name = _open_parent(root, rel, create=make_dirs)
    try:
        _write_at(fd, name, data, rel)
    finally:
        os.close(fd)
    return Path(root) / rel


def atomic_write(path: Union[str, Path], data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits; never through a link.

    The bytes go to a temporary file in the same folder (same filesystem), are
    flushed to disk, and the temporary file is renamed over the target. An
    interruption leaves either the old file or the new one, never half of one.
    A symbolic link at `path` is refused (UnsafePath), not replaced. For a file
    named by a repository-relative path use `write_inside`, which also checks
    every folder on the way.
    """
    path = Path(path)
    fd = os.open(path.parent, _DIR_FLAGS)
    try:
        _write_at(fd, path.name, data, str(path))
    finally:
        os.close(fd)


def _write_at(dir_fd: int, name: str, data: bytes, shown: str) -> None:
    try:
        st: Optional[os.stat_result] = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise UnsafePath(shown, "is a symbolic link: not written through or replaced")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise UnsafePath(shown, "is not a regular file: not written")
    if st is not None:
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = f".{name}.{secrets.token_hex(4)}.tmp"
    tfd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600,
                  dir_fd=dir_fd)
    try:
        with os.fdopen(tfd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except FileNotFoundError:
            pass
        raise


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def load_json(data: Union[bytes, str], what: str) -> Any:
    """Parse untrusted JSON strictly; UsageError (one line, exit 2) naming `what` for anything malformed.

    Refused: bytes that are not UTF-8, NaN/Infinity (not JSON, though Python accepts them), nesting
    deeper than the interpreter's recursion limit (json raises RecursionError before the C stack
    is at risk), and any syntax error.
    """
    import json

    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        return json.loads(text, parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        raise UsageError(f"{what} is not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise UsageError(f"{what} is nested too deeply to be read") from None
    except ValueError as exc:  # json.JSONDecodeError and the NaN/Infinity refusal
        raise UsageError(f"{what} is not JSON: {str(exc).splitlines()[0]}") from None


def ensure_state_dir(folder: Path) -> None:
    """Create reviewer's local-state folder; a `.reviewer/` one ignores itself in git."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if folder.name == ".reviewer" and not ignore.exists():
        ignore.write_text("# reviewer's local state (cache, ledger): never commit\n*\n", encoding="utf-8")
