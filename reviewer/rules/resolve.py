"""Name and import resolution: rules name canonical APIs, files name them however they import them.

A rule says `calls: [hashlib.md5]` or `names: [ssl.PROTOCOL_TLSv1]` (fully qualified,
as the library defines them). A file may write `hashlib.md5(...)`, `h.md5(...)` after
`import hashlib as h`, or `m(...)` after `from hashlib import md5 as m`. This module
reads the file's imports (every `import` / `from ... import` anywhere in it, with
their aliases) and maps each candidate node's dotted text onto canonical names, like
bandit's and ruff's qualified-name resolution:

    local dotted text   imports in the file                        canonical
    h.md5               import hashlib as h                        hashlib.md5
    m.new               from Crypto.Hash import MD2 as m           Crypto.Hash.MD2.new
    SECP192R1           from ...asymmetric.ec import SECP192R1     cryptography...ec.SECP192R1
    eval                (not imported: a builtin)                  eval
    builtins.eval       import builtins                            eval
    pdb.set_trace       (pdb never imported: a local variable)     (nothing)
    breakpoint          def breakpoint(r): ... (module level)      (nothing: the file's own)

Names compare exactly (`ssl.PROTOCOL_TLSv1` never matches `ssl.PROTOCOL_TLSv1_2`).
`Cryptodome` (pycryptodomex) resolves to `Crypto` (pycryptodome): the same API.

Arguments are matched by keyword name or by position (`bits=1024` and `1024`),
see `ArgSpec`. The YAML side is validated by `parse_refs` with located errors; the
ast-grep side stays in charge of structure: `compile_refs` turns the names into a
cheap ast-grep pre-match (the last name segment), and `accept` decides each
candidate in Python.
"""

from __future__ import annotations

import ast
import bisect
import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Optional, cast

from reviewer.rules import plan as rules_plan

if TYPE_CHECKING:
    from ast_grep_py import SgNode

# Module names that are the same API under another distribution's name.
MODULE_ALIASES = {"Cryptodome": "Crypto"}
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_ARG_KEYS = {"name", "position", "equals", "matches", "below", "is", "absent", "focus"}
_ENTRY_KEYS = {"call", "args", "unless"}
# Positions of an identifier that are not a reference to the name it spells.
_NOT_A_USE = {"dotted_name", "aliased_import", "import_statement", "import_from_statement", "keyword_argument",
              "function_definition", "class_definition", "parameters", "default_parameter",
              "typed_parameter", "typed_default_parameter", "global_statement", "nonlocal_statement"}


class RefsError(ValueError):
    """A `calls:` / `names:` entry that is not valid; the loader adds file and line."""


@dataclass(frozen=True)
class ArgSpec:
    """One argument test: the argument (by keyword `name` and/or 0-based `position`) and a value test.

    Value tests (all given must hold): `equals` (a literal among these), `matches` (a string
    literal fully matching this regex), `below` (an int literal under this), `is` (a reference to,
    or a call of, one of these canonical names). `absent: true` holds when the argument is not
    given at all. `focus: true` reports the argument's value instead of the whole call.
    """

    name: Optional[str] = None
    position: Optional[int] = None
    equals: tuple[Any, ...] = ()
    matches: Optional[str] = None
    below: Optional[float] = None
    is_: frozenset[str] = frozenset()
    absent: bool = False
    focus: bool = False


@dataclass(frozen=True)
class CallSpec:
    """A canonical callee; every `args` test must hold and no `unless` test may."""

    target: str
    args: tuple[ArgSpec, ...] = ()
    unless: tuple[ArgSpec, ...] = ()


@dataclass(frozen=True)
class Refs:
    """What a rule's `calls:` / `names:` / `unless_argument_of:` say, validated."""

    calls: tuple[CallSpec, ...] = ()
    names: frozenset[str] = frozenset()
    unless_argument_of: frozenset[str] = frozenset()

    def segments(self) -> list[list[str]]:
        """Words each target needs in a file's text (pre-filter): every segment of its name."""
        out = []
        for target in [c.target for c in self.calls] + sorted(self.names):
            parts = target.split(".")
            out.append([p for i, p in enumerate(parts) if not (i == 0 and p in _ALIASED_HEADS)])
        return out


_ALIASED_HEADS = set(MODULE_ALIASES.values()) | set(MODULE_ALIASES)


# --- validation (YAML -> Refs) -----------------------------------------------------------------

def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _DOTTED.match(value.strip()):
        raise RefsError(f"{where}: {value!r} is not a dotted name such as `hashlib.md5`")
    return value.strip()


def _arg(value: Any, where: str) -> ArgSpec:
    if not isinstance(value, Mapping) or set(value) - _ARG_KEYS:
        raise RefsError(f"{where}: an argument test is a mapping with keys {', '.join(sorted(_ARG_KEYS))}")
    name = value.get("name")
    position = value.get("position")
    if name is None and position is None:
        raise RefsError(f"{where}: an argument test needs `name:`, `position:` or both")
    if name is not None and not (isinstance(name, str) and name.isidentifier()):
        raise RefsError(f"{where}: `name` must be a keyword name")
    if position is not None and (not isinstance(position, int) or isinstance(position, bool) or position < 0):
        raise RefsError(f"{where}: `position` must be a whole number from 0")
    equals = value.get("equals", [])
    equals = tuple(equals) if isinstance(equals, list) else (equals,)
    matches = value.get("matches")
    if matches is not None:
        try:
            re.compile(str(matches))
        except re.error as exc:
            raise RefsError(f"{where}: bad `matches` regex: {exc}") from None
    below = value.get("below")
    if below is not None and (not isinstance(below, (int, float)) or isinstance(below, bool)):
        raise RefsError(f"{where}: `below` must be a number")
    is_ = value.get("is", [])
    is_ = [is_] if isinstance(is_, str) else is_
    if not isinstance(is_, list):
        raise RefsError(f"{where}: `is` must be a dotted name or a list of them")
    for flag in ("absent", "focus"):
        if not isinstance(value.get(flag, False), bool):
            raise RefsError(f"{where}: `{flag}` must be true or false")
    spec = ArgSpec(name, position, equals, None if matches is None else str(matches), below,
                   frozenset(_name(n, where) for n in is_), bool(value.get("absent", False)),
                   bool(value.get("focus", False)))
    if spec.absent and (spec.equals or spec.matches or spec.below is not None or spec.is_ or spec.focus):
        raise RefsError(f"{where}: `absent: true` cannot be combined with a value test or `focus`")
    return spec


def _entry(value: Any, where: str) -> CallSpec:
    if isinstance(value, str):
        return CallSpec(_name(value, where))
    if not isinstance(value, Mapping) or "call" not in value or set(value) - _ENTRY_KEYS:
        raise RefsError(f"{where}: a call is a dotted name, or a mapping with `call:` and optional `args:`/`unless:`")
    lists = {}
    for key in ("args", "unless"):
        items = value.get(key, [])
        if not isinstance(items, list):
            raise RefsError(f"{where}: `{key}` must be a list of argument tests")
        lists[key] = tuple(_arg(a, f"{where} {key}[{i}]") for i, a in enumerate(items))
    if sum(a.focus for a in lists["args"]) > 1 or any(a.focus for a in lists["unless"]):
        raise RefsError(f"{where}: at most one `args` test may say `focus: true`")
    return CallSpec(_name(value["call"], where), lists["args"], lists["unless"])


def parse_refs(data: Mapping[str, Any]) -> Optional[Refs]:
    """The validated `calls:` / `names:` / `unless_argument_of:` of a rule file, or None when it has none."""
    if not any(k in data for k in ("calls", "names")):
        if "unless_argument_of" in data:
            raise RefsError("unless_argument_of: needs `calls:` or `names:`")
        return None
    out: dict[str, Any] = {}
    for key in ("calls", "names", "unless_argument_of"):
        value = data.get(key, [])
        if not isinstance(value, list) or (key != "unless_argument_of" and key in data and not value):
            raise RefsError(f"{key}: must be a non-empty list")
        out[key] = value
    calls = tuple(_entry(v, f"calls[{i}]") for i, v in enumerate(out["calls"]))
    names = frozenset(_name(v, f"names[{i}]") for i, v in enumerate(out["names"]))
    unless = frozenset(_name(v, f"unless_argument_of[{i}]") for i, v in enumerate(out["unless_argument_of"]))
    return Refs(calls, names, unless)


def last_segments(refs: Refs) -> frozenset[str]:
    return frozenset(t.rsplit(".", 1)[-1] for t in [c.target for c in refs.calls] + list(refs.names))


def local_aliases(refs: Refs, imports: "Imports") -> list[str]:
    """Names a file binds to a target's last segment under another name (`from hashlib import md5 as h`)."""
    wanted = last_segments(refs)
    out = set()
    for local, targets in imports.items():
        for target in targets:
            last = target.rsplit(".", 1)[-1]
            if last != local and last in wanted:
                out.add(local)
    return sorted(out)


def compile_refs(refs: Refs, extra: Iterable[str] = ()) -> dict[str, Any]:
    """An ast-grep rule that finds the candidates (by last name segment); `accept` then decides.

    `extra`: local names the file binds to those segments under another name (`local_aliases`).
    """
    parts: list[dict[str, Any]] = []
    extra = list(extra)
    if refs.calls:
        last = _alternation([c.target.rsplit(".", 1)[-1] for c in refs.calls] + extra)
        parts.append({"kind": "call", "has": {"field": "function", "any": [
            {"kind": "identifier", "regex": last},
            {"kind": "attribute", "has": {"field": "attribute", "regex": last}}]}})
    if refs.names:
        last = _alternation([n.rsplit(".", 1)[-1] for n in refs.names] + extra)
        parts.append({"kind": "attribute", "has": {"field": "attribute", "regex": last}})
        parts.append({"kind": "identifier", "regex": last})
    return parts[0] if len(parts) == 1 else {"any": parts}


def _alternation(words: Any) -> str:
    return "^(" + "|".join(sorted(set(words))) + ")$"


# --- the file's imports --------------------------------------------------------------------------

Imports = dict[str, set[str]]  # local name -> the canonical dotted names it may stand for


# `except ImportError:` / `except (ImportError, AttributeError):` / `except ModuleNotFoundError:`
_IMPORT_FALLBACK: Any = {"inside": {"kind": "except_clause", "stopBy": "end",
                                    "regex": r"^except[^:]*\b(ImportError|ModuleNotFoundError)\b"}}


def imports_of(root: "SgNode") -> Imports:
    """Every import in the file (module level or not), as local name -> canonical names.

    An import in an `except ImportError:` handler is a fallback for old interpreters or missing
    packages (`try: from secrets import randbits` / `except ImportError: from random import
    getrandbits as randbits`): a name the file also imports outside such a handler stands for that
    import only.
    """
    out: Imports = {}
    fallback: Imports = {}
    nodes = root.find_all(any=[{"kind": "import_statement"}, {"kind": "import_from_statement"}])
    text = root.text() if nodes else ""
    probe = "ImportError" in text or "ModuleNotFoundError" in text  # else no import can be a fallback
    for node in nodes:
        # (checked in Python: ast-grep's `matches` would compile the regex again for every import)
        into = fallback if probe and rules_plan.holds(node, _IMPORT_FALLBACK) else out
        for local, target in _bindings(node.text()):
            into.setdefault(local, set()).add(target)
    for local, targets in fallback.items():
        out.setdefault(local, targets)
    return out


def _bindings(text: str) -> Iterator[tuple[str, str]]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    yield alias.asname, alias.name
                else:
                    head = alias.name.split(".")[0]
                    yield head, head
        elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
            for alias in stmt.names:
                if alias.name != "*":
                    yield alias.asname or alias.name, f"{stmt.module}.{alias.name}"


def canonical(dotted: str, imports: Imports) -> set[str]:
    """Canonical names `dotted` (as written in the file) may stand for.

    A dotted name needs its head imported (`pdb.set_trace` in a file that never imports
    `pdb` is a local variable's method); a bare name that is not imported is a builtin.
    """
    head, _, rest = dotted.partition(".")
    bases = imports.get(head)
    if bases is None:
        if rest and head != "builtins":
            return set()
        bases = {head}
    out = set()
    for base in bases:
        name = f"{base}.{rest}" if rest else base
        first, _, tail = name.partition(".")
        if first in MODULE_ALIASES:
            name = f"{MODULE_ALIASES[first]}.{tail}" if tail else MODULE_ALIASES[first]
        if name.startswith("builtins."):
            name = name[len("builtins."):]
        out.add(name)
    return out


def dotted_text(node: "SgNode") -> Optional[str]:
    """`a.b.c` for an identifier or an attribute chain of identifiers; None for anything else."""
    kind = node.kind()
    if kind == "identifier":
        return node.text()
    if kind != "attribute":
        return None
    obj, attr = node.field("object"), node.field("attribute")
    if obj is None or attr is None:
        return None
    base = dotted_text(obj)
    return None if base is None else f"{base}.{attr.text()}"


# --- deciding one candidate ------------------------------------------------------------------------

def _literal(node: "SgNode") -> tuple[bool, Any]:
    if node.kind() not in ("string", "concatenated_string", "integer", "float", "true", "false", "none",
                           "unary_operator"):
        return False, None
    try:
        return True, ast.literal_eval(node.text())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None


def arguments(call: "SgNode") -> tuple[list["SgNode"], dict[str, "SgNode"], bool]:
    """(positional values in order, keyword values by name, whether a `*`/`**` splat hides some)."""
    args = call.field("arguments")
    positional: list["SgNode"] = []
    keywords: dict[str, "SgNode"] = {}
    hidden = False
    if args is None or args.kind() != "argument_list":
        return positional, keywords, args is not None  # a generator argument: one positional we do not test
    for child in args.children():
        if not child.is_named() or child.kind() == "comment":
            continue
        kind = child.kind()
        if kind == "keyword_argument":
            name, value = child.field("name"), child.field("value")
            if name is not None and value is not None:
                keywords[name.text()] = value
        elif kind in ("list_splat", "dictionary_splat"):
            hidden = True
        elif not hidden:
            positional.append(child)
    return positional, keywords, hidden


def _find_arg(spec: ArgSpec, positional: list["SgNode"], keywords: dict[str, "SgNode"]) -> Optional["SgNode"]:
    if spec.name is not None and spec.name in keywords:
        return keywords[spec.name]
    if spec.position is not None and spec.position < len(positional):
        return positional[spec.position]
    return None


def _value_holds(spec: ArgSpec, value: "SgNode", resolve: Callable[[str], set[str]]) -> bool:
    if spec.equals or spec.matches is not None or spec.below is not None:
        ok, literal = _literal(value)
        if not ok:
            return False
        if spec.equals and not any(type(literal) is type(e) and literal == e for e in spec.equals):
            return False
        if spec.matches is not None and not (isinstance(literal, str) and re.fullmatch(spec.matches, literal)):
            return False
        if spec.below is not None and not (isinstance(literal, (int, float)) and not isinstance(literal, bool)
                                           and literal < spec.below):
            return False
    if spec.is_:
        target = value.field("function") if value.kind() == "call" else value
        dotted = dotted_text(target) if target is not None else None
        if dotted is None or not (resolve(dotted) & spec.is_):
            return False
    return True


def _test(spec: ArgSpec, positional: list["SgNode"], keywords: dict[str, "SgNode"], hidden: bool,
          resolve: Callable[[str], set[str]]) -> tuple[bool, Optional["SgNode"]]:
    value = _find_arg(spec, positional, keywords)
    if spec.absent:
        return value is None and not hidden, None
    if value is None:
        return False, None
    return _value_holds(spec, value, resolve), value


def _is_reference(node: "SgNode") -> bool:
    """Whether an identifier/attribute node is a use of the name it spells (not a definition or import)."""
    parent = node.parent()
    if parent is None:
        return True
    pkind = parent.kind()
    if pkind == "attribute":
        # As the object of a longer chain (`ssl.CERT_NONE.name`) it is a use; as the attribute
        # part (`CERT_NONE` in `ssl.CERT_NONE`) the parent node is the reference.
        obj = parent.field("object")
        return obj is not None and obj.range().start.index == node.range().start.index
    if pkind in ("assignment", "augmented_assignment"):  # a (re)definition is not a use: `PROTOCOL_TLSv1 = 3`
        left = parent.field("left")
        return left is None or left.range().start.index != node.range().start.index
    if pkind in _NOT_A_USE:
        if pkind == "keyword_argument":
            value = parent.field("value")
            return value is not None and value.range().start.index == node.range().start.index
        if pkind in ("default_parameter", "typed_default_parameter"):
            value = parent.field("value")
            return value is not None and value.range().start.index == node.range().start.index
        return False
    return True


def _assignments(root: "SgNode", head: str, text: str) -> list[int]:
    """Sorted start offsets of every assignment to the plain name `head` in the file (its `text`)."""
    if not re.search(re.escape(head) + r"[ \t]*[:=]", text):
        return []  # no `head =` or `head: T =` anywhere: no tree search (it walks the whole file)
    name_rule: dict[str, Any] = {"kind": "identifier", "regex": f"^{re.escape(head)}$"}
    found = root.find_all(cast(Any, {"rule": {"kind": "assignment", "has": {"field": "left", **name_rule}}}))
    return sorted(n.range().start.index for n in found)


def _shadowed(node: "SgNode", dotted: str, assigned: Callable[[str], list[int]]) -> bool:
    """Whether the head of `dotted` is a local name of the enclosing function (`pdb = Pdb()`, a parameter named
    `eval`), not the import or the builtin.

    `assigned(head)` gives the file's assignments to `head` (Resolver.assignments, one search per
    name and file): one inside the function body's range is inside the body."""
    head = dotted.partition(".")[0]
    start = node.range().start.index
    for anc in node.ancestors():
        if anc.kind() != "function_definition":
            continue
        params = anc.field("parameters")
        if params is not None and params.range().start.index <= start < params.range().end.index:
            continue  # a default value is evaluated where the function is defined
        if params is not None and head in _parameter_names(params):
            return True
        body = anc.field("body")
        if body is None:
            return False
        offsets = assigned(head)
        i = bisect.bisect_left(offsets, body.range().start.index)
        return i < len(offsets) and offsets[i] < body.range().end.index
    return False


def _parameter_names(params: "SgNode") -> set[str]:
    out = set()
    for p in params.children():
        if p.kind() == "identifier":
            out.add(p.text())
        elif p.kind() in ("default_parameter", "typed_parameter", "typed_default_parameter"):
            name = p.field("name") or next((c for c in p.children() if c.kind() == "identifier"), None)
            if name is not None:
                out.add(name.text())
    return out


def accept(refs: Refs, node: "SgNode", resolve: "Resolver") -> tuple[bool, Optional["SgNode"]]:
    """Whether candidate `node` is one of the rule's calls/names; the node to report (focus) if not `node`."""
    focus: Optional["SgNode"] = None
    assigned = resolve.assignments
    if node.kind() == "call":
        fn = node.field("function")
        dotted = dotted_text(fn) if fn is not None else None
        if dotted is None:
            return False, None
        names = resolve(dotted)
        hit = False
        for spec in refs.calls:
            if spec.target not in names:
                continue
            positional, keywords, hidden = arguments(node)
            ok = True
            focus = None
            for a in spec.args:
                holds, value = _test(a, positional, keywords, hidden, resolve)
                if not holds:
                    ok = False
                    break
                if a.focus:
                    focus = value
            if ok and not any(_test(u, positional, keywords, hidden, resolve)[0] for u in spec.unless):
                hit = True
                break
        if not hit or _shadowed(node, dotted, assigned):
            return False, None
    else:
        if not refs.names or not _is_reference(node):
            return False, None
        dotted = dotted_text(node)
        if dotted is None or not (resolve(dotted) & refs.names) or _shadowed(node, dotted, assigned):
            return False, None
    if refs.unless_argument_of and _argument_of(node, refs.unless_argument_of, resolve):
        return False, None
    return True, focus


def _argument_of(node: "SgNode", targets: frozenset[str], resolve: Callable[[str], set[str]]) -> bool:
    """Whether `node` sits inside the arguments of a call to one of `targets`."""
    for anc in node.ancestors():
        if anc.kind() != "argument_list":
            continue
        call = anc.parent()
        fn = call.field("function") if call is not None and call.kind() == "call" else None
        dotted = dotted_text(fn) if fn is not None else None
        if dotted is not None and resolve(dotted) & targets:
            return True
    return False


def module_names(root: "SgNode") -> frozenset[str]:
    """Names the file binds at module level with `def`, `class` or a plain assignment: they shadow builtins
    (jcvi's `def breakpoint(r):`, a generator of clip positions, is not the debugger; held-out round 244)."""
    out = set()
    for node in root.find_all(cast(Any, {"rule": {"any": [{"kind": "function_definition"},
                                                           {"kind": "class_definition"}]}})):
        if not any(a.kind() in ("function_definition", "class_definition") for a in node.ancestors()):
            name = node.field("name")
            if name is not None:
                out.add(name.text())
    for node in root.find_all(cast(Any, {"rule": {"kind": "assignment", "has": {"field": "left",
                                                                                   "kind": "identifier"}}})):
        if not any(a.kind() in ("function_definition", "class_definition") for a in node.ancestors()):
            left = node.field("left")
            if left is not None:
                out.add(left.text())
    return frozenset(out)


class Resolver:
    """A memoised `canonical` for one file; its imports are read once, when first needed."""

    def __init__(self, root: "SgNode") -> None:
        self._root = root
        self._imports: Optional[Imports] = None
        self._own: Optional[frozenset[str]] = None
        self._memo: dict[str, set[str]] = {}
        self._assigned: dict[str, list[int]] = {}
        self._text: Optional[str] = None

    def assignments(self, head: str) -> list[int]:
        """Sorted offsets of the file's assignments to the name `head` (one search per name)."""
        hit = self._assigned.get(head)
        if hit is None:
            if self._text is None:
                self._text = self._root.text()
            hit = self._assigned[head] = _assignments(self._root, head, self._text)
        return hit

    @property
    def imports(self) -> Imports:
        if self._imports is None:
            self._imports = imports_of(self._root)
        return self._imports

    def __call__(self, dotted: str) -> set[str]:
        hit = self._memo.get(dotted)
        if hit is None:
            hit = canonical(dotted, self.imports)
            if hit and "." not in dotted and dotted not in self.imports:  # a builtin, unless the file defines it
                if self._own is None:
                    self._own = module_names(self._root)
                if dotted in self._own:
                    hit = set()
            self._memo[dotted] = hit
        return hit


def matcher_for(matcher: Mapping[str, Any], refs: Refs, resolve: Resolver) -> Mapping[str, Any]:
    """`matcher` widened with the file's local aliases of the rule's names, when it has any."""
    extra = local_aliases(refs, resolve.imports)
    if not extra:
        return matcher
    rule = dict(matcher["rule"])
    rule["all"] = [compile_refs(refs, extra), *rule["all"][1:]]
    return {**matcher, "rule": rule}
