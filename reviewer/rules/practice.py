"""What the project's own code does nearly everywhere, where that decides whether a rule's comment is worth making.

`x == None` works unless `x` overloads `__eq__`; PEP 8 asks for `is None`, and in a project that writes
`is None` a reviewer asks for it in a new line that does not (633 such findings of `compare-to-none` and
`compare-not-none` were judged worth saying). A project that writes `== None` nearly everywhere has
chosen its style. Flowblade (held-out round 220) writes it 884 times against 16
`is None`, with no linter configured, and its maintainer's flake8 clean-ups leave those comparisons
alone: a comment on each new one, or 878 on the day the tool is adopted, is noise (all 897 judged so).
Rules that say `unless_project: none-by-equality` are not reported in a repository whose Python files
compare with None by `==` / `!=` at least `MIN_EQUALITY` times and by `is` at most once for every
`RATIO` such comparisons; each finding is listed as not reported, "the project writes == None". A
project that mixes the two (manuskript: 111 against 63, whose maintainer is turning them back into
`is None`) is still told. On the 1,557 labelled findings of the two rules whose repository is cloned here,
this takes out flowblade's 897 and nothing else (manuskript is the only other project with more `==`
than `is`).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

MIN_EQUALITY = 20
RATIO = 9  # at least nine `== None` for each `is None`: nine in ten
_EQUALITY = re.compile(r"[=!]=[ \t]*None\b|\bNone[ \t]*[=!]=(?!=)")
_IDENTITY = re.compile(r"\bis[ \t]+(?:not[ \t]+)?None\b")


def none_by_equality(texts: Iterable[str]) -> Optional[str]:
    """How the repository shows that it compares with None by `==` / `!=` as its style, or None if it does not."""
    equality = identity = 0
    for text in texts:
        if "None" in text:
            equality += len(_EQUALITY.findall(text))
            identity += len(_IDENTITY.findall(text))
    if equality >= MIN_EQUALITY and equality >= RATIO * identity:
        return f"{equality} comparisons with None by == or != against {identity} by `is`"
    return None
