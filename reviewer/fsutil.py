"""Safe file writes: anything that rewrites a user's file goes through here."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits.

    The bytes go to a temporary file in the same folder (same filesystem), are
    flushed to disk, and the temporary file is renamed over the target. An
    interruption leaves either the old file or the new one, never half of one.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def ensure_state_dir(folder: Path) -> None:
    """Create reviewer's local-state folder; a `.reviewer/` one ignores itself in git."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if folder.name == ".reviewer" and not ignore.exists():
        ignore.write_text("# reviewer's local state (cache, ledger): never commit\n*\n", encoding="utf-8")
