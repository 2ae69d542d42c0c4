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
    assert len(calls) <= 1  # at most the fixes applied together, parsed once; never one parse per fix
    good = text + "        pass\n"
    (kept,) = verify.withhold_unverified("m.py", good, [_finding(2)], [])
    assert kept.suggestion is not None and not kept.fix_withheld


# Files tree-sitter recovers from without complaint but CPython rejects, and modern syntax both accept.
BROKEN = ["def f(x):\n    with open(x) as fh:\n", "x = (1,\n", "if x\n    pass\n", "y = 'abc\n", "f(\n"]
# PEP 695 (3.12) and PEP 701 (3.12) syntax: tree-sitter must accept it although this interpreter may not.
NEWER = ["type X = int\n", "def f[T](x: T) -> T:\n    return x\n", "class A[T: int]:\n    pass\n", 'f"{"a"}"\n']
VALID = ["match p:\n    case [1, *rest]:\n        pass\n", "try:\n    pass\nexcept* ValueError:\n    pass\n",
         "with (open(a) as f, open(b) as g):\n    pass\n", "if (n := 10) > 5:\n    pass\n",
         "def g(a, /, b, *, c):\n    pass\n", "class B:\n    '''doc'''\n"]


def test_tree_sitter_says_broken_only_where_cpython_rejects_the_file() -> None:
    import ast

    from reviewer.rules import match

    for text in BROKEN:
        assert match.surely_broken(match.parse(text)), text
    for text in VALID:
        ast.parse(text)  # valid here
        assert not match.surely_broken(match.parse(text)), text
    for text in NEWER:
        assert not match.surely_broken(match.parse(text)), text


def test_a_review_of_a_cut_off_file_withholds_fixes_without_parsing_it_again(  # type: ignore[no-untyped-def]
        cli, monkeypatch, repo) -> None:
    import json

    from .conftest import feature_branch

    head = "import os\n\n\ndef f(x):\n    if x == None:\n        return os.sep\n"
    feature_branch(repo, {"m.py": head + "    with open(x) as fh:\n", "ok.py": head})
    parses = spy(monkeypatch, verify, "_parses", lambda path, text: path)
    regions = spy(monkeypatch, verify, "_regions", lambda path, text: path)
    r = cli("review", "--base", "main", "--no-model", "--format", "json", "--fail-level", "none", cwd=repo.path)
    assert r.code == 0, r
    by_path = {f["path"]: f for f in json.loads(r.out)["findings"] if f["rule"] == "python-standards/compare-to-none"}
    assert by_path["m.py"]["suggestion"] is None and by_path["m.py"]["fix_withheld"] == verify.UNPARSED
    assert by_path["ok.py"]["suggestion"] is not None and by_path["ok.py"]["fix_withheld"] is None
    # The cut-off file was judged from the match's own parse; the good one is parsed once, with its fix applied.
    assert parses == ["ok.py"] and regions == []
