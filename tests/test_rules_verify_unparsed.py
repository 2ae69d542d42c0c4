"""A file that does not parse before a fix gets no fix, with the reason, and is parsed once (not once per fix)."""

from __future__ import annotations

from reviewer.records import Finding, Severity, Suggestion
from reviewer.rules import verify

from .conftest import spy


def _finding(line: int) -> Finding:
    return Finding("python-standards/compare-to-none", "python-standards", "m.py", line, line, Severity.WARNING,
                   "m", suggestion=Suggestion("m.py", line, line, "    if x is None:"))


def test_no_fix_is_offered_in_a_file_that_does_not_parse(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = "def f(x):\n    if x == None:\n        return 1\n    with open(x) as fh:\n"  # cut off mid-block
    calls = spy(monkeypatch, verify, "_parses", lambda path, t: t)
    out = verify.withhold_unverified("m.py", text, [_finding(2), _finding(2)], [])
    assert [f.suggestion for f in out] == [None, None]
    assert {f.fix_withheld for f in out} == {verify.UNPARSED}
    assert calls == []  # decided from the one parse of the file, not one parse per fix
    good = text + "        pass\n"
    (kept,) = verify.withhold_unverified("m.py", good, [_finding(2)], [])
    assert kept.suggestion is not None and not kept.fix_withheld
