"""Insert docstrings with libcst, then prove nothing else changed before anyone writes.

libcst round-trips a file byte for byte, so everything we do not touch
(comments, blank lines, quote style, CRLF, tabs, the encoding cookie) stays as
it was. `inject` returns the new bytes only after the guarantees hold:

1. the new source parses;
2. its AST equals the old one once the inserted docstrings are taken out;
3. a second run finds nothing to do (every target now has a non-blank docstring
   and no other definition changed state).

A file that fails a check is never returned for writing: the caller gets the
reason instead.
"""

from __future__ import annotations

import ast
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from reviewer import pysafe, source

# Given the body's indentation, the docstring literal (first line unindented, '\n' newlines).
Render = Callable[[str], str]


class GuaranteeError(Exception):
    """The rewritten source broke a guarantee; the message says which."""


@dataclass(frozen=True)
class Injected:
    data: bytes  # the new file
    lines: Mapping[int, int]  # old `def` line -> new line of the docstring's first line


def inject(data: bytes, renders: Mapping[int, Render]) -> Injected:
    """Insert a docstring into each definition whose `def`/`class` line is a key of `renders`.

    Raises GuaranteeError when the result fails a check, SyntaxError when the
    input does not parse.
    """
    import libcst as cst

    old_tree = source.parse(data)
    old_defs = source.definitions(old_tree)
    targets = {d.line: d for d in old_defs if d.line in renders}
    missing = set(renders) - set(targets)
    if missing:
        raise GuaranteeError(f"no definition starts on line(s) {sorted(missing)}")
    try:
        with pysafe.guarded():  # source.parse above already refused what is too deep for libcst
            module = cst.parse_module(data)
    except cst.ParserSyntaxError as exc:
        raise GuaranteeError(f"libcst cannot parse the file: {exc.message}") from None
    if module.bytes != data:
        # Everything we do not touch must come back byte for byte; libcst cannot promise that for
        # some files (old Mac CR-only line endings), so those are not edited at all.
        raise GuaranteeError("libcst does not reproduce this file byte for byte (CR-only line endings?)")
    by_index = {d.index: (d.name, renders[d.line]) for d in targets.values()}
    inserter = _make_transformer()(module, by_index)
    try:
        with pysafe.guarded():
            new_module = module.visit(inserter)
    except cst.CSTValidationError as exc:
        raise GuaranteeError(f"the docstring is not a valid string literal: {exc}") from None
    if inserter.done != set(by_index):
        lines = sorted(d.line for d in targets.values() if d.index not in inserter.done)
        raise GuaranteeError(f"could not place docstrings on line(s) {lines}")
    new = new_module.bytes
    verify(data, new, {d.index for d in targets.values()})
    new_defs = source.definitions(source.parse(new))
    return Injected(new, {d.line: new_defs[d.index].body_start for d in targets.values()})


def verify(old: bytes, new: bytes, target_indexes: set[int]) -> None:
    """Check the three guarantees; raise GuaranteeError naming the first one broken."""
    old_tree = source.parse(old)
    try:
        new_tree = source.parse(new)
    except SyntaxError as exc:
        raise GuaranteeError(f"the rewritten file does not parse: {exc.msg} (line {exc.lineno})") from None
    before = source.definitions(old_tree)
    after = source.definitions(new_tree)
    old_nodes, new_nodes = source.def_nodes(old_tree), source.def_nodes(new_tree)
    if len(old_nodes) != len(new_nodes):
        raise GuaranteeError("the rewritten file has a different number of definitions")
    for i in target_indexes:
        _strip_docstring(old_nodes[i])
        if not _strip_docstring(new_nodes[i], require=True):
            raise GuaranteeError(f"{new_nodes[i].name}: no docstring was inserted")
    if ast.dump(old_tree) != ast.dump(new_tree):
        raise GuaranteeError("the rewritten file's AST differs from the original beyond the inserted docstrings")
    for i, (b, a) in enumerate(zip(before, after)):
        if i in target_indexes:
            if not a.has_docstring:
                raise GuaranteeError(f"{a.qualname}: the inserted docstring is blank; a second run would change it")
        elif a.has_docstring != b.has_docstring or a.docstring != b.docstring:
            raise GuaranteeError(f"{a.qualname}: an untargeted docstring changed")


def _strip_docstring(node: source.DefNode, require: bool = False) -> bool:
    doc = source.docstring_node(node)
    if doc is None:
        return False
    if require and not str(doc.value.value).strip():  # type: ignore[attr-defined]
        return False
    node.body = node.body[1:] or [ast.Pass()]
    return True


def _literal_lines(text: str, newline: str) -> str:
    return text.replace("\n", newline)


# The libcst transformer class, built on first use so importing this module stays light.
_TRANSFORMER: Optional[type] = None


def _make_transformer() -> type:
    global _TRANSFORMER
    if _TRANSFORMER is not None:
        return _TRANSFORMER
    import libcst as cst

    class Transformer(cst.CSTTransformer):
        """Numbers definitions in source order (as `source.definitions` does) and documents targets."""

        def __init__(self, module: cst.Module, targets: Mapping[int, tuple[str, Render]]) -> None:
            super().__init__()
            self.module = module
            self.targets = targets
            self.indents: list[str] = []
            self.count = 0
            self.pending: list[Optional[int]] = []
            self.done: set[int] = set()

        # Definitions never live inside these: do not descend (most of a file's nodes).
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
            return False

        def visit_Decorator(self, node: cst.Decorator) -> bool:
            return False

        def visit_Parameters(self, node: cst.Parameters) -> bool:
            return False

        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            self._enter(node)

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            self._enter(node)

        def _enter(self, node: cst.FunctionDef | cst.ClassDef) -> None:
            index = self.count
            self.count += 1
            target = self.targets.get(index)
            # The parser normalises identifiers to NFKC (`Aª` is `Aa` to ast); libcst keeps the spelling.
            if target is not None and target[0] != unicodedata.normalize("NFKC", node.name.value):
                raise GuaranteeError(f"definition #{index} is {node.name.value!r} in libcst, "
                                     f"{target[0]!r} in ast: not inserting")
            self.pending.append(index if target is not None else None)

        def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
            self.indents.append(self.module.default_indent if node.indent is None else node.indent)

        def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock) -> cst.IndentedBlock:
            self.indents.pop()
            return updated

        def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
            return self._document(original, updated)  # type: ignore[return-value]

        def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
            return self._document(original, updated)  # type: ignore[return-value]

        def _document(self, original: cst.CSTNode, updated: cst.CSTNode) -> cst.CSTNode:
            index = self.pending.pop()
            if index is None:
                return updated
            render = self.targets[index][1]
            body = updated.body  # type: ignore[attr-defined]
            # New lines end like the header line they follow: a file with mixed line endings
            # gets no ending it did not already use there (None: the module's default).
            ending = cst.TrailingWhitespace(newline=(body.trailing_whitespace if isinstance(
                body, cst.SimpleStatementSuite) else body.header).newline)
            if isinstance(body, cst.SimpleStatementSuite):
                # `def f(): return 1` becomes a block; a comment after it stays on the header line.
                body = cst.IndentedBlock(
                    header=body.trailing_whitespace,
                    body=[cst.SimpleStatementLine(body=body.body, trailing_whitespace=ending)],
                )
            unit = self.module.default_indent if body.indent is None else body.indent
            indent = "".join(self.indents) + unit
            first: Any = body.body[0] if body.body else None
            blank = (isinstance(first, cst.SimpleStatementLine) and bool(first.body)
                     and isinstance(first.body[0], cst.Expr)
                     and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))
            if blank:
                ending = first.trailing_whitespace  # the replaced literal's line keeps its own ending
            newline = ending.newline.value or self.module.default_newline
            literal = _literal_lines(render(indent), newline)
            # Prose the file's declared encoding cannot hold becomes '?', never an unwritable file.
            literal = literal.encode(self.module.encoding, errors="replace").decode(self.module.encoding)
            string = cst.SimpleString(literal)
            if blank:
                # A blank docstring counts as missing: replace its value, keep the statement.
                expr = first.body[0].with_changes(value=string)
                first = first.with_changes(body=[expr, *first.body[1:]])
                body = body.with_changes(body=[first, *body.body[1:]])
            else:
                doc = cst.SimpleStatementLine(body=[cst.Expr(string)], trailing_whitespace=ending)
                rest = list(body.body)
                if isinstance(updated, cst.ClassDef) and rest and _bare_definition(rest[0]):
                    # PEP 8: a blank line between a class docstring and the first method.
                    blank_line = cst.EmptyLine(indent=False, newline=ending.newline)
                    rest[0] = rest[0].with_changes(leading_lines=[blank_line])
                body = body.with_changes(body=[doc, *rest])
            self.done.add(index)
            return updated.with_changes(body=body)

    def _bare_definition(node: cst.CSTNode) -> bool:
        return isinstance(node, (cst.FunctionDef, cst.ClassDef)) and not node.leading_lines

    _TRANSFORMER = Transformer
    return Transformer
