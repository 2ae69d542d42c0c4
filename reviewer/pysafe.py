"""Guards before any Python parser sees a user's file: one bad file is refused with a reason, never a crash.

Valid Python can still break the parsers this tool uses: a 50,000-term `and`
makes libcst's native parser overflow the C stack (the process dies), a
1,000-term `x + x + ...` makes every recursive walk of the tree (ast.dump,
NodeVisitor, libcst's visitors) raise RecursionError, and a byte that is not
valid in the file's encoding makes libcst raise UnicodeDecodeError. So, per
file and before parsing:

- `check` tokenizes (pure Python, linear, no recursion) and estimates how deep
  the syntax tree will be: open brackets, plus the length of each chain of
  operators, attribute accesses, calls and subscripts at each bracket level,
  plus indentation. Above MAX_DEPTH the file is refused.
- `parse` is `ast.parse` after `check`, with RecursionError and MemoryError
  turned into a refusal.
- `text` decodes strictly in the declared encoding (for tools that rewrite the file).
- `guarded` turns the same errors into a refusal around any other parser call.

A refusal is `Refused`, a ValueError, so callers that already skip a file on
`(SyntaxError, ValueError)` skip it with this reason.
"""

from __future__ import annotations

import ast
import contextlib
import io
from typing import Iterator, Optional, Union

# Tree depth the estimate may reach. Parsing and walking stay far below Python's recursion limit
# (libcst's visitors use several frames per level), and real code rarely goes past 50.
MAX_DEPTH = 200
# Bigger than any hand-written module; a generated one this size is not reviewed as Python.
MAX_BYTES = 8_000_000

_OPEN, _CLOSE = "([{", ")]}"
# Tokens that start a new sibling (the chain at this level starts again).
_RESET = {",", ";", ":=", "="}
# Keywords that nest the expression after them.
_NESTING_WORDS = {"and", "or", "not", "if", "else", "lambda", "await", "in", "is", "yield", "for"}


class Refused(ValueError):
    """A file no parser is given; str() is the reason, for the report."""


def check(source: Union[str, bytes]) -> None:
    """Raise Refused when `source` is too big or too deeply nested to hand to a parser."""
    if source in _PASSED:  # docstrings parse one file several times (plan, insert, verify)
        return
    if len(source) > MAX_BYTES:
        raise Refused(f"too large to parse safely ({len(source):,} bytes > {MAX_BYTES:,})")
    if estimated_depth(source, stop_above=MAX_DEPTH) > MAX_DEPTH:
        raise Refused(f"too deeply nested to parse safely (expression depth over {MAX_DEPTH})")
    _PASSED[source] = None
    if len(_PASSED) > 16:
        del _PASSED[next(iter(_PASSED))]


# The last sources that passed `check` (insertion order: the oldest is dropped first).
_PASSED: dict[Union[str, bytes], None] = {}


def estimated_depth(source: Union[str, bytes], stop_above: Optional[int] = None) -> int:
    """An upper estimate of the syntax tree's depth, from tokens alone.

    Code the tokenizer rejects is estimated up to the error; the parser then
    reports the syntax error itself. With `stop_above`, returns as soon as the
    estimate passes it (a pathological file is not tokenized to its end).
    """
    import tokenize

    text = source if isinstance(source, str) else _lenient(source)
    chains = [0]  # per open bracket level: operators chained so far in the current sibling
    indent = deepest = 0
    previous = ""
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            kind, value = tok.type, tok.string
            if kind == tokenize.OP:
                if value in _OPEN:
                    if previous == "operand":  # a call or subscript: f(x)(y)[0] nests like an operator
                        chains[-1] += 1
                    chains.append(0)
                    previous = ""
                    deepest = max(deepest, indent + sum(chains) + len(chains))
                    if stop_above is not None and deepest > stop_above:
                        break
                    continue
                if value in _CLOSE:
                    if len(chains) > 1:
                        chains.pop()
                    previous = "operand"
                    continue
                if value in _RESET:
                    chains[-1] = 0
                else:
                    chains[-1] += 1
                previous = ""
            elif kind == tokenize.NAME and value in _NESTING_WORDS:
                chains[-1] += 1
                previous = ""
            elif kind in (tokenize.NAME, tokenize.NUMBER, tokenize.STRING):
                previous = "operand"
                continue
            elif kind == tokenize.NEWLINE:
                chains = [0]
                previous = ""
                continue
            elif kind == tokenize.INDENT:
                indent += 2  # a compound statement and its body
            elif kind == tokenize.DEDENT:
                indent = max(0, indent - 2)
            else:
                continue
            deepest = max(deepest, indent + sum(chains) + len(chains))
            if stop_above is not None and deepest > stop_above:
                break
    except (tokenize.TokenError, SyntaxError):
        pass
    return deepest


def parse(source: Union[str, bytes], filename: str = "<source>") -> ast.Module:
    """`ast.parse` after `check`; raises SyntaxError for invalid code, Refused for an unsafe file."""
    check(source)
    with guarded():
        return ast.parse(source, filename=filename, type_comments=False)


def text(data: bytes) -> str:
    """The file's text in its declared encoding, strictly; Refused when a byte is not valid in it."""
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # the first two lines are not UTF-8 and there is no (valid) encoding cookie
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise Refused(f"not valid {encoding}: {_where(data, exc)}") from None


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """Turn what a parser raises on a pathological file (recursion, memory, decoding) into Refused."""
    try:
        yield
    except RecursionError:
        raise Refused("too deeply nested to parse safely (recursion limit reached)") from None
    except MemoryError:
        raise Refused("too large to parse safely (out of memory)") from None
    except UnicodeDecodeError as exc:
        raise Refused(f"not valid {exc.encoding}: {exc.reason}") from None


def reason(exc: BaseException) -> Optional[str]:
    """The refusal text of `exc` when it is one, else None."""
    return str(exc) if isinstance(exc, Refused) else None


def _lenient(data: bytes) -> str:
    from reviewer.source import decode

    return decode(data)


def _where(data: bytes, exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        line = data.count(b"\n", 0, exc.start) + 1
        return f"byte 0x{data[exc.start]:02x} on line {line}"
    return str(exc)
