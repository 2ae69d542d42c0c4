"""Line diffs in near-linear time, for files of any size (difflib's opcodes and unified format).

difflib.SequenceMatcher with `autojunk=False` is quadratic when lines repeat
(a 100,000-line function of `x += 1` lines took minutes). Here: common prefix
and suffix are stripped, then lines unique on both sides anchor the match
(patience diff, longest increasing subsequence), recursively inside each gap;
only a gap small enough is left to SequenceMatcher, a larger one without
anchors becomes one replace block (a correct, coarser diff).
"""

from __future__ import annotations

import bisect
import difflib
from typing import Hashable, Iterator, Sequence

Opcode = tuple[str, int, int, int, int]

# Gaps up to this many line pairs (len(a) * len(b)) go to SequenceMatcher.
SMALL = 250_000


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """difflib-style opcodes ('equal', 'replace', 'delete', 'insert') turning `a` into `b`."""
    raw: list[Opcode] = []
    stack: list[tuple[int, int, int, int]] = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        start_a, start_b = alo, blo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > start_a:
            raw.append(("equal", start_a, alo, start_b, blo))
        tail = 0
        while ahi - tail > alo and bhi - tail > blo and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        end = ("equal", ahi - tail, ahi, bhi - tail, bhi) if tail else None
        ahi, bhi = ahi - tail, bhi - tail
        anchors, codes = _gap(a, alo, ahi, b, blo, bhi)
        if anchors:
            # Anchored: sub-gaps are diffed later, in order (the stack is last in, first out).
            later: list[tuple[int, int, int, int]] = []
            pa, pb = alo, blo
            for i, j in anchors:
                later.append((pa, i, pb, j))
                later.append((i, i + 1, j, j + 1))  # the anchor itself: an equal line
                pa, pb = i + 1, j + 1
            later.append((pa, ahi, pb, bhi))
            if end is not None:
                later.append((end[1], end[2], end[3], end[4]))
            stack.extend(reversed(later))
            continue
        raw.extend(codes)
        if end is not None:
            raw.append(end)
    return _merge(raw)


def _gap(a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int,
         bhi: int) -> tuple[list[tuple[int, int]], list[Opcode]]:
    """Anchors (i, j) for a gap, or (no anchors and) the gap's opcodes."""
    if alo == ahi and blo == bhi:
        return [], []
    if alo == ahi:
        return [], [("insert", alo, alo, blo, bhi)]
    if blo == bhi:
        return [], [("delete", alo, ahi, blo, blo)]
    if (ahi - alo) * (bhi - blo) <= SMALL:
        sm = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        return [], [(t, i1 + alo, i2 + alo, j1 + blo, j2 + blo) for t, i1, i2, j1, j2 in sm.get_opcodes()]
    count_a: dict[Hashable, int] = {}
    where_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        count_a[a[i]] = count_a.get(a[i], 0) + 1
        where_a[a[i]] = i
    count_b: dict[Hashable, int] = {}
    where_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        count_b[b[j]] = count_b.get(b[j], 0) + 1
        where_b[b[j]] = j
    pairs = sorted((where_a[line], where_b[line]) for line, n in count_a.items()
                   if n == 1 and count_b.get(line) == 1)
    anchors = _lis(pairs)
    return (anchors, []) if anchors else ([], [("replace", alo, ahi, blo, bhi)])


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by i) whose j also increases."""
    tails: list[int] = []  # j of the last pair of the best run of each length
    tail_index: list[int] = []
    back: list[int] = []
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        back.append(tail_index[pos - 1] if pos else -1)
    out: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _merge(raw: list[Opcode]) -> list[Opcode]:
    out: list[Opcode] = []
    for op in raw:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and out[-1][0] == op[0] and out[-1][2] == op[1] and out[-1][4] == op[3]:
            prev = out[-1]
            out[-1] = (op[0], prev[1], op[2], prev[3], op[4])
        elif out and out[-1][0] != "equal" and op[0] != "equal" and out[-1][2] == op[1] and out[-1][4] == op[3]:
            prev = out[-1]
            out[-1] = ("replace", prev[1], op[2], prev[3], op[4])
        else:
            out.append(op)
    return out


class _Fixed(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """A SequenceMatcher whose opcodes are given, to reuse difflib's hunk grouping."""

    def __init__(self, codes: list[Opcode]) -> None:
        super().__init__(None, [], [])
        self._codes = codes

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._codes)


def unified_diff(a: Sequence[str], b: Sequence[str], fromfile: str = "", tofile: str = "",
                 n: int = 3) -> Iterator[str]:
    """difflib.unified_diff's output (lines keep their own endings), from `opcodes`."""
    started = False
    for group in _Fixed(opcodes(a, b)).get_grouped_opcodes(n):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for line in a[i1:i2]:
                    yield " " + line
                continue
            if tag in {"replace", "delete"}:
                for line in a[i1:i2]:
                    yield "-" + line
            if tag in {"replace", "insert"}:
                for line in b[j1:j2]:
                    yield "+" + line


def _range(start: int, stop: int) -> str:
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1
    return f"{beginning},{length}"
