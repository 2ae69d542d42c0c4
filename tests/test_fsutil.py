from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.fsutil import atomic_write


def test_atomic_write_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "script.py"
    target.write_text("old\n")
    os.chmod(target, 0o755)
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert (target.stat().st_mode & 0o777) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["script.py"]


def test_failed_write_leaves_original(tmp_path: Path) -> None:
    target = tmp_path / "a.py"
    target.write_text("keep me\n")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py"]
