"""Reporters: one module each, chosen by name from an explicit registry.

A reporter is a function `render(result, color: bool) -> str`; the command
line writes the string. Modules are imported on use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

from reviewer.errors import UsageError

if TYPE_CHECKING:
    from reviewer.pipeline import Result

REGISTRY: dict[str, str] = {
    "text": "reviewer.report.text",
    "json": "reviewer.report.json",
    "sarif": "reviewer.report.sarif",
    "rdjson": "reviewer.report.rdjson",
    "rdjsonl": "reviewer.report.rdjsonl",
    "annotations": "reviewer.report.workflow_commands",
    "markdown": "reviewer.report.markdown",
}


def get(name: str) -> "Callable[[Result, bool], str]":
    if name not in REGISTRY:
        raise UsageError(f"unknown format {name!r} (choose from {', '.join(REGISTRY)})")
    return importlib.import_module(REGISTRY[name]).render  # type: ignore[no-any-return]
