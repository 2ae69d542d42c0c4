"""Golden files: tests/golden/docstrings/<case>.py -> <case>.expected.py, with the template generator.

The template generator stands in for the model so that the bytes are exact;
what these cases test is selection, section building and insertion. Set
UPDATE_GOLDEN=1 to rewrite the expected files (then read the diff!).
"""

from __future__ import annotations

import ast
import dataclasses
import os
from pathlib import Path
from typing import Optional

import pytest

from reviewer.docgen.insert import verify
from reviewer.source import definitions

from .docstring_helpers import golden_config, inject_all

GOLDEN = Path(__file__).parent / "golden" / "docstrings"
CASES = sorted(p for p in GOLDEN.glob("*.py") if not p.name.endswith(".expected.py"))


def _pairs() -> list[tuple[Path, Optional[str], Path]]:
    """(input, style or None, expected): `<case>.expected.py` uses the case's own `# golden:` header;
    `<case>.<style>.expected.py` is the same input rendered in that style."""
    out = []
    for case in CASES:
        plain = case.with_name(case.stem + ".expected.py")
        if plain.exists():
            out.append((case, None, plain))
        for expected in sorted(GOLDEN.glob(case.stem + ".*.expected.py")):
            out.append((case, expected.name.split(".")[1], expected))
    return out


PAIRS = _pairs()


@pytest.mark.parametrize("case,style,expected_path", PAIRS,
                         ids=[f"{c.stem}-{s}" if s else c.stem for c, s, _e in PAIRS])
def test_golden(case: Path, style: Optional[str], expected_path: Path) -> None:
    data = case.read_bytes()
    cfg = golden_config(data)
    if style:
        cfg = dataclasses.replace(cfg, style=style)
    section = inject_all(data, cfg)
    assert not section.failures, section.failures
    new = section.new_data.get("case.py", data)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_bytes(new)
    assert new == expected_path.read_bytes()
    # The expected file is itself a fixed point: nothing left to document.
    again = inject_all(new, cfg)
    assert not again.edits and not again.failures
    assert again.missing == []


def test_every_case_has_an_expected_output() -> None:
    assert {c for c, _s, _e in PAIRS} == set(CASES)


def test_every_case_changes_something_or_says_why() -> None:
    unchanged = [e.name for c, _s, e in PAIRS if e.read_bytes() == c.read_bytes()]
    assert unchanged == []


def test_crlf_and_tabs_and_cookie_are_kept() -> None:
    crlf = (GOLDEN / "crlf.expected.py").read_bytes()
    assert b"\n" not in crlf.replace(b"\r\n", b"")
    tabs = (GOLDEN / "tabs.expected.py").read_bytes()
    assert b'\t"""Tabbed.' in tabs and b'\t\t"""Method.' in tabs and b"\n    " not in tabs.split(b'"""')[0]
    cookie = (GOLDEN / "encoding_cookie.expected.py").read_bytes()
    assert cookie.startswith(b"# -*- coding: latin-1 -*-\n")
    assert "crème brûlée".encode("latin-1") in cookie and b'    """Caf\xe9 name.\n' in cookie


def test_one_line_bodies_become_blocks() -> None:
    text = (GOLDEN / "comments_and_quotes.expected.py").read_text()
    assert "def one_liner(a, b):  # trailing comment survives\n    \"\"\"One liner." in text
    assert "\n    return a + b\n" in text
    assert "def semicolons():\n    \"\"\"Semicolons.\n" in text and "\"\"\"\n    x = 1; y = 2; return x + y\n" in text
    assert "class Empty:\n    \"\"\"Empty.\"\"\"\n    ...\n" in text


def test_expected_files_differ_from_inputs_only_by_docstrings() -> None:
    for case, _style, expected in PAIRS:
        old = case.read_bytes()
        new = expected.read_bytes()
        before = definitions(old)
        targets = {d.index for d, a in zip(before, definitions(new)) if a.docstring != d.docstring}
        verify(old, new, targets)  # raises on any other difference
        assert all(not d.has_docstring for d in before if d.index in targets)


def test_skips_follow_configuration() -> None:
    data = (GOLDEN / "skips.py").read_bytes()
    section = inject_all(data)
    reasons = {c.definition.qualname: c.skip for _p, c in section.candidates}
    assert reasons["_private"] == "private name"
    assert reasons["Point.__init__"].startswith("__init__")
    assert reasons["Point.__repr__"] == "dunder method"
    assert reasons["Point.trivial"].startswith("body shorter")
    assert reasons["test_something"] == reasons["TestThing"] == "test function"
    assert reasons["outer.inner"] == "nested function"
    assert [c.skip for _p, c in section.candidates if c.definition.name == "convert"][:2] == ["@overload stub"] * 2
    assert {e.name for e in section.edits} == {"Point", "Point.norm", "convert", "outer"}
    point = next(e for e in section.edits if e.name == "Point")
    assert "x (float)" in point.docstring and "Defaults to 0.0." in point.docstring  # from __init__
    # Documented class with an undocumented __init__: the class's docstring is kept, nothing added.
    assert "Documented" not in {e.name for e in section.edits}
    off = inject_all((GOLDEN / "skips_off.py").read_bytes())
    assert {e.name for e in off.edits} >= {"_private", "Point.__init__", "Point.__repr__", "Point.size",
                                            "convert", "test_something", "test_something.inner"}
    assert golden_config(data).min_lines == 2


def test_backslashes_make_a_raw_docstring_and_triple_quotes_never_leak() -> None:
    new = (GOLDEN / "backslashes.expected.py").read_text()
    tree = ast.parse(new)
    docs = [ast.get_docstring(n, clean=False) for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert all(docs)
    assert 'r"""Split lines.' in new and r'Defaults to "\n".' in docs[0] and r'Defaults to r"\d+".' in docs[0]
    assert '"""' not in docs[1] and "'''" not in docs[1]


def test_file_libcst_cannot_round_trip_is_left_untouched() -> None:
    data = b"def f():\r    return 1\r"  # CR-only line endings: libcst would drop the last CR
    section = inject_all(data)
    assert section.new_data == {} and section.edits == []
    assert [f.reason for f in section.failures] == [
        "left untouched: libcst does not reproduce this file byte for byte (CR-only line endings?)"]
