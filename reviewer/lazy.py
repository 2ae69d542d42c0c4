"""Lazy imports for the explicit registries (commands, tasks, reporters)."""

from __future__ import annotations

import importlib
from typing import Any, Optional


def load(target: str) -> Optional[Any]:
    """Import "module:attribute" on first use; None when that module is not part of this build.

    An ImportError from *inside* the module (a missing dependency) is not
    swallowed: it says what to install, and callers must not mistake it for
    "not built".
    """
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None
    return getattr(module, attr) if attr else module
