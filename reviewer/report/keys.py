"""Per-occurrence keys: the fingerprint, plus `-2`, `-3`... for repeats of the same code in one file.

A fingerprint leaves out the line number (so it survives rebases); two
identical flagged lines in one file therefore share it. Outputs that dedup by
fingerprint (review comments, SARIF alerts) key on the occurrence instead, so
neither copy is lost; the order of repeats within a file is by line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from reviewer.records import Finding


def occurrence_keys(findings: Sequence["Finding"]) -> list[str]:
    """A key for each finding, aligned with `findings`."""
    order = sorted(range(len(findings)), key=lambda i: (findings[i].path, findings[i].line, findings[i].column))
    seen: dict[tuple[str, str, str], int] = {}
    keys = [""] * len(findings)
    for i in order:
        f = findings[i]
        ident = (f.path, f.rule, f.fingerprint)
        seen[ident] = seen.get(ident, 0) + 1
        keys[i] = f.fingerprint if seen[ident] == 1 else f"{f.fingerprint}-{seen[ident]}"
    return keys
