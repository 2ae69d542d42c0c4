"""Which definitions need a docstring: changed, undocumented, and not skipped by configuration.

The switches follow interrogate's: private names, dunder methods, `__init__`
(documented on the class instead), `@overload` stubs, property setters, test
functions, nested functions, and bodies shorter than `min_lines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Union

from reviewer.config import DocstringsConfig
from reviewer.source import Definition


@dataclass(frozen=True)
class Candidate:
    """A changed definition and what selection decided about it."""

    definition: Definition
    skip: Optional[str]  # why it is not counted (None: counted)
    # For a class documented in place of its __init__: that __init__.
    init: Optional[Definition] = None

    @property
    def needs_docstring(self) -> bool:
        return self.skip is None and not self.definition.has_docstring


def skip_reason(d: Definition, cfg: DocstringsConfig) -> Optional[str]:
    """Why configuration leaves `d` out of the count, or None when it counts."""
    if d.name == "__init__" and d.kind == "method":
        return "__init__ (documented on the class)" if cfg.skip_init else None
    if cfg.skip_dunder and d.is_dunder:
        return "dunder method"
    if cfg.skip_private and d.is_private:
        return "private name"
    if cfg.skip_overload and d.is_overload:
        return "@overload stub"
    if cfg.skip_setters and d.is_property_setter:
        return "property setter"
    if cfg.skip_tests and is_test(d):
        return "test function"
    if cfg.skip_nested and d.nested:
        return "nested function"
    if cfg.min_lines and d.kind != "class" and d.body_lines < cfg.min_lines:
        return f"body shorter than min_lines={cfg.min_lines}"
    return None


def is_test(d: Definition) -> bool:
    """pytest's default collection names: `test*` functions, `Test*` classes and their methods."""
    if d.kind == "class":
        return d.name.startswith("Test")
    if d.name.startswith("test"):
        return True
    return d.kind == "method" and (d.parent or "").rsplit(".", 1)[-1].startswith("Test")


def candidates(defs: Sequence[Definition], changed: Union[frozenset[int], set[int], None],
               cfg: DocstringsConfig) -> list[Candidate]:
    """Definitions whose span meets `changed` (None: every definition), with their verdicts.

    With skip_init, a changed undocumented `__init__` brings in its class, whose
    docstring then documents the constructor's parameters.
    """
    by_qual = {d.qualname: d for d in defs}
    inits = {d.parent: d for d in defs if d.name == "__init__" and d.kind == "method" and d.parent is not None}
    out: dict[int, Candidate] = {}
    for d in defs:
        if changed is not None and not d.intersects(changed):
            continue
        if d.kind == "method" and d.name == "__init__" and cfg.skip_init and d.parent in by_qual:
            cls = by_qual[d.parent]
            if cls.index not in out:
                out[cls.index] = Candidate(cls, skip_reason(cls, cfg), _init_for(cls, inits, cfg))
        if d.index not in out:
            init = _init_for(d, inits, cfg) if d.kind == "class" else None
            out[d.index] = Candidate(d, skip_reason(d, cfg), init)
    return [out[i] for i in sorted(out)]


def _init_for(cls: Definition, inits: dict[str, Definition], cfg: DocstringsConfig) -> Optional[Definition]:
    init = inits.get(cls.qualname)
    if init is None or not cfg.skip_init or init.has_docstring:
        return None
    return init
