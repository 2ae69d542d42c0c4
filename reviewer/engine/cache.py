"""SQLite result cache in front of any Backend.

Keyed by sha256 over (model identity and revision, system prompt, user
prompt, schema, decoding settings, reviewer version), so a re-review of an
unchanged diff makes zero model calls and anything that could change an
answer changes the key. WAL mode and a busy timeout make it safe with
several processes at once (pre-commit runs hook chunks in parallel). A cache
that cannot be opened or written is reported once and bypassed; it never
fails a review.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from reviewer import __version__
from reviewer.engine.base import Backend, Completion, Request, YesNo

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    created REAL NOT NULL
)
"""


class ResultCache:
    """A key -> JSON value store in one SQLite file, safe across processes."""

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda _m: None) -> None:
        self.path = Path(path)
        self._warn = warn
        self._lock = threading.Lock()
        self._conn: Optional[sqlite3.Connection] = None
        self.broken: Optional[str] = None

    def _connect(self) -> Optional[sqlite3.Connection]:
        if self._conn is not None or self.broken:
            return self._conn
        try:
            from reviewer.fsutil import ensure_state_dir

            ensure_state_dir(self.path.parent)
            conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            _retry_locked(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            conn.execute("PRAGMA synchronous = NORMAL")
            _retry_locked(lambda: conn.execute(_SCHEMA))
            self._conn = conn
        except (sqlite3.Error, OSError) as exc:
            self._fail(f"result cache {self.path} unusable ({exc}); running without it")
        return self._conn

    def _fail(self, message: str) -> None:
        if not self.broken:
            self.broken = message
            self._warn(message)

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        conn = self._connect()
        if conn is None or not keys:
            return {}
        out: dict[str, Any] = {}
        try:
            with self._lock:
                for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
                    chunk = list(keys[start:start + 500])
                    marks = ",".join("?" * len(chunk))
                    for key, value in conn.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                        out[key] = json.loads(value)
        except (sqlite3.Error, ValueError) as exc:
            self._fail(f"result cache {self.path} unreadable ({exc}); running without it")
            return {}
        return out

    def put_many(self, kind: str, items: dict[str, Any]) -> None:
        conn = self._connect()
        if conn is None or not items:
            return
        now = time.time()
        rows = [(k, kind, json.dumps(v), now) for k, v in items.items()]
        try:
            with self._lock:
                _retry_locked(lambda: conn.executemany(
                    "INSERT OR REPLACE INTO results (key, kind, value, created) VALUES (?, ?, ?, ?)", rows))
        except sqlite3.Error as exc:
            self._fail(f"result cache {self.path} not writable ({exc}); results not cached")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _retry_locked(op: Callable[[], Any], attempts: int = 20) -> Any:
    """Run `op`, retrying while another process holds a lock the busy timeout does not cover."""
    for i in range(attempts):
        try:
            return op()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or i == attempts - 1:
                raise
            time.sleep(0.05 * (i + 1))
    return None


def cache_key(identity: str, kind: str, payload: dict[str, Any]) -> str:
    """sha256 over everything that can change an answer."""
    blob = json.dumps({"v": __version__, "model": identity, "kind": kind, **payload}, sort_keys=True,
                      ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class CachingBackend:
    """Wraps a Backend: hits come back as Completion(cached=True); only misses reach the model."""

    def __init__(self, inner: Backend, cache: ResultCache,
                 status: Callable[[str], None] = lambda _m: None) -> None:
        self.inner = inner
        self.cache = cache
        # Says how many answers came from the cache, so a user can see a warm re-run made no model call.
        self.status = status
        self.name = inner.name
        self.model_id = inner.model_id
        self.leaves_machine = inner.leaves_machine
        self.hits = 0
        self.misses = 0

    def __getattr__(self, name: str) -> Any:  # count_tokens, calls, ... of the wrapped backend
        return getattr(self.inner, name)

    def _identity(self) -> str:
        ident = getattr(self.inner, "cache_identity", None)
        return str(ident()) if callable(ident) else f"{self.inner.name}:{self.inner.model_id}"

    def _decoding(self) -> Any:
        decoding = getattr(self.inner, "decoding", None)
        return decoding() if callable(decoding) else None

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        ident, decoding = self._identity(), self._decoding()
        keys = [cache_key(ident, "complete", {"system": r.system, "user": r.user, "schema": r.schema,
                                               "max_new_tokens": r.max_new_tokens, "decoding": decoding})
                for r in requests]
        found = self.cache.get_many(keys)
        out: list[Optional[Completion]] = [None] * len(requests)
        missing: list[int] = []
        for i, key in enumerate(keys):
            hit = found.get(key)
            if isinstance(hit, dict) and "text" in hit:
                out[i] = Completion(text=hit["text"], input_tokens=int(hit.get("input_tokens", 0)),
                                    output_tokens=int(hit.get("output_tokens", 0)), cached=True)
            else:
                missing.append(i)
        self.hits += len(requests) - len(missing)
        self.misses += len(missing)
        if len(requests) > len(missing):
            self.status(f"model: {len(requests) - len(missing)} answer(s) from the result cache")
        if missing:
            fresh = self.inner.complete([requests[i] for i in missing])
            store: dict[str, Any] = {}
            for i, comp in zip(missing, fresh):
                out[i] = comp
                if getattr(comp, "error", None) is None:  # failures are retried next time, not remembered
                    store[keys[i]] = {"text": comp.text, "input_tokens": comp.input_tokens,
                                      "output_tokens": comp.output_tokens}
            self.cache.put_many("complete", store)
        return [c for c in out if c is not None]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        ident, decoding = self._identity(), self._decoding()
        keys = [cache_key(ident, "yesno", {"system": q.system, "user": q.user, "decoding": decoding})
                for q in questions]
        found = self.cache.get_many(keys)
        out: list[Optional[float]] = [None] * len(questions)
        missing = []
        for i, key in enumerate(keys):
            if isinstance(found.get(key), (int, float)):
                out[i] = float(found[key])
            else:
                missing.append(i)
        self.hits += len(questions) - len(missing)
        self.misses += len(missing)
        if len(questions) > len(missing):
            self.status(f"model: {len(questions) - len(missing)} confidence(s) from the result cache")
        if missing:
            fresh = self.inner.confidence([questions[i] for i in missing])
            for i, p in zip(missing, fresh):
                out[i] = p
            self.cache.put_many("yesno", {keys[i]: p for i, p in zip(missing, fresh)})
        return [p if p is not None else 0.0 for p in out]
