"""reviewer.source: definitions, spans, docstrings and signature facts."""

from __future__ import annotations

import pytest

from reviewer.source import definitions, enclosing

CODE = '''\
import typing


@decorator
@other(1)
async def fetch(url: str, /, retries: int = 3, *parts, timeout: "float" = 1.0, **kw) -> bytes:
    """Fetch."""
    if not url:
        raise ValueError("empty")
    try:
        return await get(url)
    except OSError as err:
        raise err
    except KeyError:
        raise
    raise errors.Timeout


class Box(Base, metaclass=Meta):
    ""

    def __init__(self, size):
        self.size = size

    @property
    def area(self):
        return self.size ** 2

    @area.setter
    def area(self, value):
        self.size = value ** 0.5

    def items(self) -> typing.Iterator[int]:
        def helper():
            yield 1
        yield from helper()

    class Inner: pass


@typing.overload
def conv(x: int) -> int: ...
def conv(x): return None
'''


@pytest.fixture(scope="module")
def defs():  # type: ignore[no-untyped-def]
    return {d.qualname: d for d in definitions(CODE)}


def test_spans_and_kinds(defs) -> None:  # type: ignore[no-untyped-def]
    f = defs["fetch"]
    assert (f.start, f.line, f.end, f.body_start) == (4, 6, 16, 7)
    assert f.kind == "function" and f.is_async and f.decorators == ("decorator", "other")
    assert defs["Box"].kind == "class" and defs["Box"].bases == ("Base",)
    assert defs["Box.__init__"].kind == "method" and defs["Box.__init__"].parent == "Box"
    assert defs["Box.items.helper"].nested and defs["Box.items.helper"].kind == "function"
    assert defs["Box.Inner"].body_lines == 1 and not defs["Box.Inner"].nested


def test_docstrings_blank_counts_as_missing(defs) -> None:  # type: ignore[no-untyped-def]
    assert defs["fetch"].has_docstring and defs["fetch"].docstring == "Fetch."
    assert defs["Box"].docstring == "" and not defs["Box"].has_docstring
    assert defs["Box.area"].docstring is None


def test_signature_facts(defs) -> None:  # type: ignore[no-untyped-def]
    f = defs["fetch"]
    assert [(p.name, p.kind, p.annotation, p.default) for p in f.params] == [
        ("url", "positional_only", "str", None),
        ("retries", "positional", "int", "3"),
        ("parts", "var_positional", None, None),
        ("timeout", "keyword_only", "float", "1.0"),
        ("kw", "var_keyword", None, None),
    ]
    assert [p.display for p in f.params][-2:] == ["timeout", "**kw"]
    assert f.returns == "bytes" and f.returns_value and not f.yields
    # `raise err` re-raises a variable and a bare `raise` names nothing: neither is listed.
    assert f.raises == ("ValueError", "errors.Timeout")


def test_yields_do_not_leak_from_nested_scopes(defs) -> None:  # type: ignore[no-untyped-def]
    assert defs["Box.items"].yields  # `yield from` in its own body
    assert defs["Box.items.helper"].yields
    assert not defs["Box.area"].yields
    assert defs["conv"].returns_value is False  # `return None` is no value


def test_flags(defs) -> None:  # type: ignore[no-untyped-def]
    overloads = [d for d in definitions(CODE) if d.name == "conv"]
    assert [d.is_overload for d in overloads] == [True, False]
    setters = [d for d in definitions(CODE) if d.name == "area"]
    assert [d.is_property_setter for d in setters] == [False, True]
    assert defs["Box.__init__"].is_dunder and not defs["Box.__init__"].is_private


def test_enclosing_is_innermost(defs) -> None:  # type: ignore[no-untyped-def]
    all_defs = definitions(CODE)
    assert enclosing(all_defs, 5).qualname == "fetch"  # a decorator line
    assert enclosing(all_defs, 35).qualname == "Box.items.helper"
    assert enclosing(all_defs, 36).qualname == "Box.items"
    assert enclosing(all_defs, 19).qualname == "Box"
    assert enclosing(all_defs, 1) is None


def test_indexes_are_stable_and_bytes_with_cookie_work() -> None:
    data = "# -*- coding: latin-1 -*-\ndef caf\xe9(x='\xe9'): pass\n".encode("latin-1")
    (d,) = definitions(data)
    assert d.name == "caf\xe9" and d.params[0].default == "'\xe9'" and d.index == 0
