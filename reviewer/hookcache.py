"""Result cache for rules-only `reviewer-check`: a retried commit answers without re-running the rules.

The key is everything the result depends on: the reviewer version, the tree
of HEAD and the tree of the index (`git write-tree`: the exact staged
content), the filenames of the chunk, the whole configuration, and the size
and modification time of every rule file the run would load. Model findings
are not cached here (the engine has its own cache, keyed by prompt).
Entries live in the repository's git folder, never in the working tree.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from reviewer.config import Config

KEEP = 64  # entries; the oldest are pruned


def _git(root: Path, *args: str) -> Optional[str]:
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    return proc.stdout.decode("utf-8", "surrogateescape").strip() if proc.returncode == 0 else None


def _rule_stamp(root: Path, config: "Config") -> list[tuple[str, int, int]]:
    from reviewer import rules

    stamp = []
    for folder, _pack in rules.sources(root, config.rules):
        for path in rules.rule_files(folder):
            st = path.stat()
            stamp.append((str(path), st.st_size, st.st_mtime_ns))
    return stamp


def key(root: Path, config: "Config", paths: Optional[tuple[str, ...]]) -> Optional[str]:
    """The cache key for this run, or None when the index cannot be hashed (e.g. a merge conflict)."""
    from reviewer import __version__
    from reviewer.config import as_dict

    index_tree = _git(root, "write-tree")
    if not index_tree:
        return None
    head_tree = _git(root, "rev-parse", "--verify", "-q", "HEAD^{tree}") or "no-head"
    parts = [__version__, head_tree, index_tree, sorted(paths) if paths is not None else None,
             as_dict(config), _rule_stamp(root, config)]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def folder(root: Path) -> Optional[Path]:
    where = _git(root, "rev-parse", "--git-path", "reviewer/hook-cache")
    if where is None:
        return None
    path = Path(where)
    return path if path.is_absolute() else root / path


def get(root: Path, cache_key: str) -> Optional[dict[str, Any]]:
    where = folder(root)
    if where is None:
        return None
    try:
        value = json.loads((where / cache_key).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or half-written by a crashed run: recompute
    return value if isinstance(value, dict) else None


def put(root: Path, cache_key: str, value: dict[str, Any]) -> None:
    from reviewer.fsutil import atomic_write

    where = folder(root)
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        atomic_write(where / cache_key, json.dumps(value).encode("utf-8"))
        entries = sorted(where.iterdir(), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only costs time
