"""Python source facts: definitions, their spans, docstrings and signatures.

Built on the standard library's `ast` only, so it is cheap to import and any
task can reuse it (docstring injection, model prompts, test generation).
Line numbers are 1-based, as in `ast`.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence, Union

DefNode = Union[ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef]
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


@dataclass(frozen=True)
class Param:
    """One parameter of a function signature."""

    name: str
    # positional_only | positional | var_positional | keyword_only | var_keyword
    kind: str
    annotation: Optional[str] = None
    default: Optional[str] = None

    @property
    def display(self) -> str:
        """The name as written in a signature (`*args`, `**kwargs`)."""
        prefix = {"var_positional": "*", "var_keyword": "**"}.get(self.kind, "")
        return prefix + self.name


@dataclass(frozen=True)
class Definition:
    """A function, method or class and the facts a docstring needs."""

    name: str
    qualname: str  # dotted path inside the module: "Outer.method", "f.<locals>.g" style without <locals>
    kind: str  # function | method | class
    start: int  # first line, decorators included
    line: int  # the `def` / `class` line
    end: int  # last line of the body
    body_start: int  # line of the first statement of the body
    index: int  # position in `definitions()` order; stable between two parses of equal code
    is_async: bool = False
    decorators: tuple[str, ...] = ()
    docstring: Optional[str] = None  # None when absent
    nested: bool = False  # defined inside a function
    parent: Optional[str] = None  # qualname of the enclosing definition
    params: tuple[Param, ...] = ()
    returns: Optional[str] = None  # the return annotation, as written
    yields: bool = False
    returns_value: bool = False  # a `return <value>` that is not `return None`
    raises: tuple[str, ...] = ()  # exception names from `raise` statements in the body
    bases: tuple[str, ...] = ()

    @property
    def has_docstring(self) -> bool:
        """True when a docstring exists and is not blank (a blank one counts as missing)."""
        return bool(self.docstring and self.docstring.strip())

    @property
    def is_private(self) -> bool:
        return self.name.startswith("_") and not self.is_dunder

    @property
    def is_dunder(self) -> bool:
        return len(self.name) > 4 and self.name.startswith("__") and self.name.endswith("__")

    @property
    def is_overload(self) -> bool:
        return any(d in ("overload", "typing.overload", "typing_extensions.overload") for d in self.decorators)

    @property
    def is_property_setter(self) -> bool:
        return any(d.endswith((".setter", ".deleter")) for d in self.decorators)

    @property
    def body_lines(self) -> int:
        """Lines from the first body statement to the end (1 for a one-line body)."""
        return self.end - self.body_start + 1

    def intersects(self, lines: Union[frozenset[int], set[int]]) -> bool:
        """True when any of `lines` falls within start..end (decorators included)."""
        return any(self.start <= n <= self.end for n in lines)


def parse(text: Union[str, bytes], filename: str = "<source>") -> ast.Module:
    """Parse source; bytes honour an encoding cookie.

    Raises SyntaxError, or pysafe.Refused (a ValueError) for a file too big or
    too deeply nested to parse and walk safely.
    """
    from reviewer import pysafe

    return pysafe.parse(text, filename=filename)


def definitions(tree: Union[ast.Module, str, bytes], text: Union[str, bytes, None] = None) -> list[Definition]:
    """Every function, method and class, outermost first, in source order.

    Given source text (as `tree` or `text`), defaults and annotations are
    quoted as written; from a bare tree they are `ast.unparse`d.
    """
    module = tree if isinstance(tree, ast.Module) else parse(tree)
    if text is None and not isinstance(tree, ast.Module):
        text = tree
    out: list[Definition] = []
    from reviewer import pysafe

    with pysafe.guarded():  # the walk recurses; a tree built by hand has had no depth check
        _collect(module.body, "", None, False, False, out, _Quoter(decode(text) if isinstance(text, bytes) else text))
    return out


def decode(data: bytes) -> str:
    """Source bytes as text, honouring an encoding cookie (replacement on bad bytes)."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding, errors="replace")
    except (SyntaxError, LookupError):
        return data.decode("utf-8", errors="replace")


def def_nodes(module: ast.Module) -> list[DefNode]:
    """The definition nodes in the same order as `definitions()`."""
    out: list[DefNode] = []

    def walk(body: Sequence[ast.stmt]) -> None:
        for node in _statements(body):
            if isinstance(node, (*_FUNCS, ast.ClassDef)):
                out.append(node)
                walk(node.body)

    walk(module.body)
    return out


def enclosing(defs: Sequence[Definition], line: int) -> Optional[Definition]:
    """The innermost definition whose span (decorators included) contains `line`."""
    best: Optional[Definition] = None
    for d in defs:
        if d.start <= line <= d.end and (best is None or d.start >= best.start):
            best = d
    return best


def docstring_node(node: DefNode) -> Optional[ast.Expr]:
    """The statement holding the docstring, when the body starts with a string literal."""
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first
    return None


# --- internals ------------------------------------------------------------------------------

def _statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a body, descending into compound statements that are not scopes."""
    for node in body:
        yield node
        if isinstance(node, _SCOPES):
            continue
        # Source order (a try's handlers come before its else and finally): definitions are
        # numbered in the order a libcst traversal meets them.
        for name in ("body", "handlers", "cases", "orelse", "finalbody"):
            for child in getattr(node, name, None) or []:
                if isinstance(child, (ast.ExceptHandler, ast.match_case)):
                    yield from _statements(child.body)
                else:
                    yield from _statements([child])


def _collect(body: Sequence[ast.stmt], prefix: str, parent: Optional[DefNode], in_func: bool,
             parent_is_class: bool, out: list[Definition], q: "_Quoter") -> None:
    for node in _statements(body):
        if not isinstance(node, (*_FUNCS, ast.ClassDef)):
            continue
        qual = f"{prefix}.{node.name}" if prefix else node.name
        out.append(_definition(node, qual, parent, in_func, parent_is_class, len(out), q))
        _collect(node.body, qual, node, in_func or isinstance(node, _FUNCS),
                 isinstance(node, ast.ClassDef), out, q)


def _definition(node: DefNode, qual: str, parent: Optional[DefNode], nested: bool, in_class: bool,
                index: int, q: "_Quoter") -> Definition:
    decorators = tuple(_unparse(d.func if isinstance(d, ast.Call) else d) for d in node.decorator_list)
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    doc = docstring_node(node)
    common = dict(
        name=node.name, qualname=qual, start=start, line=node.lineno, end=node.end_lineno or node.lineno,
        body_start=node.body[0].lineno, index=index, decorators=decorators,
        docstring=doc.value.value if doc is not None else None,  # type: ignore[attr-defined]
        nested=nested, parent=None if parent is None else _qual_of(qual),
    )
    if isinstance(node, ast.ClassDef):
        return Definition(kind="class", bases=tuple(_unparse(b) for b in node.bases), **common)  # type: ignore[arg-type]
    facts = _BodyFacts()
    for stmt in node.body:
        facts.visit(stmt)
    return Definition(
        kind="method" if in_class else "function", is_async=isinstance(node, ast.AsyncFunctionDef),
        params=_params(node.args, q), returns=_annotation(node.returns, q) if node.returns else None,
        yields=facts.yields, returns_value=facts.returns_value, raises=tuple(dict.fromkeys(facts.raises)),
        **common,  # type: ignore[arg-type]
    )


def _qual_of(qual: str) -> str:
    return qual.rsplit(".", 1)[0]


def _params(args: ast.arguments, q: "_Quoter") -> tuple[Param, ...]:
    out: list[Param] = []
    positional = [*args.posonlyargs, *args.args]
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, (arg, default) in enumerate(zip(positional, defaults)):
        kind = "positional_only" if i < len(args.posonlyargs) else "positional"
        out.append(_param(arg, kind, default, q))
    if args.vararg:
        out.append(_param(args.vararg, "var_positional", None, q))
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults):
        out.append(_param(arg, "keyword_only", kw_default, q))
    if args.kwarg:
        out.append(_param(args.kwarg, "var_keyword", None, q))
    return tuple(out)


def _param(arg: ast.arg, kind: str, default: Optional[ast.expr], q: "_Quoter") -> Param:
    return Param(arg.arg, kind, _annotation(arg.annotation, q) if arg.annotation else None,
                 q(default) if default is not None else None)


def _annotation(node: ast.expr, q: "_Quoter") -> str:
    # A string annotation ("Config") reads better without its quotes.
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return q(node)


class _Quoter:
    """Code of a node as written in the source (one line), else as `ast.unparse` spells it."""

    def __init__(self, text: Optional[str]) -> None:
        self.text = text
        self._lines: Optional[list[bytes]] = None

    def __call__(self, node: ast.AST) -> str:
        line, end = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        if self.text is not None and line is not None and line == end:
            if self._lines is None:
                # Split once (ast.get_source_segment splits the whole text on every call);
                # the same line breaks as the tokenizer, offsets in UTF-8 bytes as in `ast`.
                self._lines = [ln.encode("utf-8") for ln in _LINE_BREAK.split(self.text)]
            if line <= len(self._lines):
                first: int = getattr(node, "col_offset", 0)
                last: Optional[int] = getattr(node, "end_col_offset", None)
                segment: bytes = self._lines[line - 1][first:last]
                return segment.decode("utf-8", errors="replace")
        return ast.unparse(node)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _unparse(node: ast.AST) -> str:
    return ast.unparse(node)


class _BodyFacts(ast.NodeVisitor):
    """yield / return / raise facts of one function body, not of nested scopes."""

    def __init__(self) -> None:
        self.yields = False
        self.returns_value = False
        self.raises: list[str] = []

    def _skip(self, node: ast.AST) -> None:
        return None

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_Lambda = _skip

    def visit_Yield(self, node: ast.Yield) -> None:
        self.yields = True
        self.generic_visit(node)

    def visit_YieldFrom(self, node: ast.YieldFrom) -> None:
        self.yields = True
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            self.returns_value = True
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call):
            exc = exc.func
        # `raise err` re-raises a variable: only names spelled like a class are exception types.
        if isinstance(exc, (ast.Name, ast.Attribute)) and _unparse(exc).rsplit(".", 1)[-1][:1].isupper():
            self.raises.append(_unparse(exc))
        self.generic_visit(node)
