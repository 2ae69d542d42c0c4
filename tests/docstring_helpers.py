"""Helpers for the docstring tests: run the injection on bytes with a given configuration."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Optional

from reviewer.config import DocstringsConfig
from reviewer.docgen.generate import TemplateBackend
from reviewer.docgen.run import DocstringsSection, FileInput, document

_HEADER = re.compile(rb"^# golden: (.*)$", re.M)


def golden_config(data: bytes) -> DocstringsConfig:
    """Configuration from a `# golden: key=value ...` line (defaults otherwise)."""
    m = _HEADER.search(data)
    values: dict[str, Any] = {}
    if m:
        for item in m.group(1).decode().split():
            key, value = item.split("=", 1)
            values[key] = {"true": True, "false": False}.get(value, int(value) if value.isdigit() else value)
    return dataclasses.replace(DocstringsConfig(), **values)


def inject_all(data: bytes, cfg: Optional[DocstringsConfig] = None, backend: Any = None,
               changed: Optional[frozenset[int]] = None, path: str = "case.py") -> DocstringsSection:
    """Document every selected definition of `data` (all lines count as changed unless given)."""
    return document([FileInput(path, data, changed)], cfg or golden_config(data), backend or TemplateBackend())
