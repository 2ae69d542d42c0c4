"""The SQLite result cache: hits make no model calls; keys change with what changes answers; processes share it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer.engine import schema, with_cache
from reviewer.engine.base import Request, YesNo
from reviewer.engine.cache import CachingBackend, ResultCache
from reviewer.engine.local import TransformersBackend

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = schema.findings_schema(["a/x"], 1, 9)


@pytest.fixture(scope="module")
def local(tiny_model_path: Path) -> TransformersBackend:
    return TransformersBackend(str(tiny_model_path))


def test_warm_rerun_makes_zero_model_calls(local: TransformersBackend, tmp_path: Path) -> None:
    reqs = [Request("sys", f"hunk {i}", schema=SCHEMA, max_new_tokens=32) for i in range(4)]
    qs = [YesNo("sys", f"finding {i}?") for i in range(3)]
    db = tmp_path / ".reviewer" / "cache.sqlite"
    cold = with_cache(local, db)
    first, p1 = cold.complete(reqs), cold.confidence(qs)
    assert not any(c.cached for c in first)
    calls = local.calls
    warm = with_cache(local, db)  # a new process would open the same file the same way
    second, p2 = warm.complete(reqs), warm.confidence(qs)
    assert local.calls == calls  # zero model calls
    assert all(c.cached for c in second)
    assert [c.text for c in second] == [c.text for c in first] and p2 == p1
    assert (db.parent / ".gitignore").read_text().strip().endswith("*")
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_partial_hits_only_send_the_misses(local: TransformersBackend, tmp_path: Path) -> None:
    cached = CachingBackend(local, ResultCache(tmp_path / "c.sqlite"))
    cached.complete([Request("sys", "a", schema=SCHEMA, max_new_tokens=32)])
    out = cached.complete([Request("sys", "a", schema=SCHEMA, max_new_tokens=32),
                           Request("sys", "b", schema=SCHEMA, max_new_tokens=32)])
    assert [c.cached for c in out] == [True, False]
    assert (cached.hits, cached.misses) == (1, 2)


def test_key_covers_schema_prompt_and_decoding(local: TransformersBackend, tmp_path: Path) -> None:
    cached = CachingBackend(local, ResultCache(tmp_path / "c.sqlite"))
    base = Request("sys", "a", schema=SCHEMA, max_new_tokens=32)
    cached.complete([base])
    variants = [Request("other", "a", schema=SCHEMA, max_new_tokens=32),
                Request("sys", "a", schema=schema.findings_schema(["a/x"], 1, 8), max_new_tokens=32),
                Request("sys", "a", schema=SCHEMA, max_new_tokens=33)]
    assert not any(c.cached for c in cached.complete(variants))
    sampled = TransformersBackend(local.model_id, temperature=0.7)
    assert not CachingBackend(sampled, ResultCache(tmp_path / "c.sqlite")).complete([base])[0].cached


def test_unusable_cache_is_reported_and_bypassed(local: TransformersBackend, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    warnings: list[str] = []
    cached = CachingBackend(local, ResultCache(bad, warnings.append))
    out = cached.complete([Request("sys", "x", schema=SCHEMA, max_new_tokens=32)])
    assert out[0].error is None and not out[0].cached
    assert warnings and "running without it" in warnings[0]
    assert bad.read_bytes() == b"this is not sqlite" * 100  # never overwritten


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reviewer.engine.cache import ResultCache
    cache = ResultCache(Path(sys.argv[1]), lambda m: sys.exit("cache warning: " + m))
    tag = sys.argv[2]
    for i in range(150):
        cache.put_many("complete", {f"{tag}-{i}": {"text": tag, "n": i}})
        assert cache.get_many([f"{tag}-{i}"])[f"{tag}-{i}"]["n"] == i
    print("done")
""")


def test_two_processes_write_the_same_cache_at_once(tmp_path: Path) -> None:
    db = tmp_path / ".reviewer" / "cache.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env) for tag in ("p1", "p2", "p3")]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == b"done", err.decode()
    keys = [f"{t}-{i}" for t in ("p1", "p2", "p3") for i in range(150)]
    found = ResultCache(db).get_many(keys)
    assert len(found) == 450
