"""Progress: one line per stage without a terminal (CI logs), a rich bar on one."""

from __future__ import annotations

import pytest

from reviewer.engine import progress


def test_one_line_per_stage_without_a_tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_is_tty", lambda: False)
    lines: list[str] = []
    with progress.stage(lines.append, "model: generating 3 answer(s) in 1 batch(es)", total=3) as bar:
        bar.step(3)
    assert lines == ["model: generating 3 answer(s) in 1 batch(es)"]


def test_rich_bar_on_a_tty(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(progress, "_is_tty", lambda: True)
    lines: list[str] = []
    with progress.stage(lines.append, "model: verifying 2 finding(s)", total=2) as bar:
        bar.step()
        bar.step()
        assert bar._bar is not None and bar._bar.tasks[0].completed == 2
    assert lines == ["model: verifying 2 finding(s): done"]
