"""Whether a test helper's parameter default is ever used: a call in the repository that leaves it out.

A mutable default is shared between calls only when some call leaves the argument out. A library's
callers are its users, outside the repository; a test helper's callers are the tests, inside it. So
a rule that says `callers: tests` (mutable-default) is reported in a test file only when some call of
the helper, in any Python file of the repository, leaves the parameter out. A helper that no test
calls, or that every call gives the argument, shares nothing (eve's test helpers, held-out round 21).

Python's ast reads both sides, by name: no types. A call through `*args` or `**kwargs` may pass
anything: it is not evidence either way. A method called as `obj.name(...)` gets `self` for free; it
counts through `self`, `cls` or `super()` only inside its class or a subclass, and not through an
attribute chain or an imported name (see _counts). A helper reached only through such a chain
(`self.api.post(url)`) looks unused: that finding is then not reported.
"""

from __future__ import annotations

import ast
import builtins
import io
import re
import tokenize
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Union

_Def = Union[ast.FunctionDef, ast.AsyncFunctionDef]
# A name built as a statement in this many places, and never raised, caught or subclassed, is no exception
# (Sources.used_as_no_exception): one forgotten `raise` is a slip, the same one in three places a practice.
MIN_STATEMENTS = 3
_BUILTIN_EXCEPTIONS = frozenset(n for n in dir(builtins) if isinstance(getattr(builtins, n), type)
                                and issubclass(getattr(builtins, n), BaseException))


@dataclass(frozen=True)
class Target:
    function: str  # the def's name
    param: str
    index: Optional[int]  # position among the positional parameters; None for keyword-only
    method: bool  # a method of a class (first parameter self or cls): `obj.name(...)` skips it
    owner: Optional[str] = None  # the class a method is defined in


def _defs(tree: ast.AST) -> Iterator[tuple[_Def, Optional[str]]]:
    """Every def, and the name of the class whose body it sits in directly (None if none)."""
    stack: list[tuple[ast.AST, Optional[str]]] = [(tree, None)]
    while stack:
        node, owner = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield child, owner
            stack.append((child, child.name if isinstance(child, ast.ClassDef) else None))


def _calls(tree: ast.AST) -> Iterator[tuple[ast.Call, Optional[str]]]:
    """Every call, and the name of the innermost class around it (None if none)."""
    stack: list[tuple[ast.AST, Optional[str]]] = [(tree, None)]
    while stack:
        node, owner = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call):
                yield child, owner
            stack.append((child, child.name if isinstance(child, ast.ClassDef) else owner))


def _imported(tree: ast.AST) -> set[str]:
    """Names a file binds by import (`mock`, `requests`): a call on one is that module's, not a helper's."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return out


def _mutable(node: ast.expr) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set)):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("list", "dict", "set")
            and not node.args and not node.keywords)


def targets_at(text: str, line: int) -> list[Target]:
    """The parameters with a list, dict or set default declared on `line` (1-based); [] if none or no parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    out: list[Target] = []
    for node, owner in _defs(tree):
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)
        method = owner is not None and not static and bool(positional) and positional[0].arg in ("self", "cls")
        with_default = positional[len(positional) - len(args.defaults):]
        pairs: list[tuple[ast.arg, ast.expr, Optional[int]]] = [
            (a, d, positional.index(a)) for a, d in zip(with_default, args.defaults)]
        pairs += [(a, d, None) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
        out += [Target(node.name, a.arg, index, method, owner if method else None)
                for a, d, index in pairs if a.lineno == line and _mutable(d)]
    return out


def _leaves_out(call: ast.Call, target: Target) -> Optional[bool]:
    """True when this call leaves the parameter out, False when it passes it, None when it cannot tell."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    if any(k.arg == target.param for k in call.keywords):
        return False
    if target.index is None:
        return True
    given = len(call.args) + (1 if target.method else 0)  # a method's counted calls all bind self (_counts)
    return given <= target.index


def _base_name(base: ast.expr) -> str:
    """`Base`, `mod.Base` and `Base[T]` by their class name; any other expression (a call) is `?`."""
    if isinstance(base, ast.Subscript):
        base = base.value
    return base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else "?"


def _word(name: str) -> re.Pattern[str]:
    """`name` as a whole identifier: not part of a longer one."""
    return re.compile(r"(?<![A-Za-z0-9_])" + re.escape(name) + r"(?![A-Za-z0-9_])")


def _without_comments(text: str) -> str:
    """The text with its comments blanked (a file that does not tokenize is kept whole)."""
    try:
        comments = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, ValueError):
        return text
    if not comments:
        return text
    lines = text.split("\n")
    for t in comments:
        row, col = t.start
        lines[row - 1] = lines[row - 1][:col]
    return "\n".join(lines)


class Sources:
    """The repository's Python sources; each is parsed once, when a name it may call is first looked for."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._trees: dict[int, Optional[ast.AST]] = {}
        self._bases: Optional[dict[str, set[str]]] = None
        self._defs: dict[str, tuple[Optional[set[str]], bool]] = {}
        self._uses: dict[str, bool] = {}
        self._mentions: dict[str, int] = {}
        self._acts: dict[str, bool] = {}

    def _tree(self, i: int) -> Optional[ast.AST]:
        if i not in self._trees:
            try:
                self._trees[i] = ast.parse(self._texts[i])
            except (SyntaxError, ValueError):
                self._trees[i] = None
        return self._trees[i]

    def mentions(self, name: str) -> int:
        """How many times `name` appears as a word in the sources' code, strings included and comments not: a
        call that is commented out calls nothing (counted once, then remembered)."""
        if name not in self._mentions:
            word = _word(name)
            self._mentions[name] = sum(len(word.findall(_without_comments(text)))
                                       for text in self._texts if name in text)
        return self._mentions[name]

    def calling(self, names: Iterable[str]) -> Iterator[ast.AST]:
        """The parsed sources whose text has `name(` in it, for one of these names."""
        named = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names)) + r")\s*\(")
        for i, text in enumerate(self._texts):
            tree = self._tree(i) if named.search(text) else None
            if tree is not None:
                yield tree

    def _scan(self) -> dict[str, set[str]]:
        """Every class defined here, by name, with the names of its bases (`?` for one that is not a name)."""
        if self._bases is None:
            self._bases = {}
            for i, text in enumerate(self._texts):
                tree = self._tree(i) if "class " in text else None
                for node in ast.walk(tree) if tree is not None else ():
                    if isinstance(node, ast.ClassDef):
                        self._bases.setdefault(node.name, set()).update(_base_name(b) for b in node.bases)
        return self._bases

    def _defined(self, name: str) -> tuple[Optional[set[str]], bool]:
        """The bases of the classes named `name` here (None if no class is), and whether a def is named so.

        Only the files whose text defines the name are parsed: a large repository is not read twice over.
        """
        if name not in self._defs:
            pattern = re.compile(r"^[ \t]*(class|def|async[ \t]+def)[ \t]+" + re.escape(name) + r"\b", re.MULTILINE)
            bases: Optional[set[str]] = None
            function = False
            for i, text in enumerate(self._texts):
                tree = self._tree(i) if pattern.search(text) else None
                for node in ast.walk(tree) if tree is not None else ():
                    if isinstance(node, ast.ClassDef) and node.name == name:
                        bases = (bases or set()) | {_base_name(b) for b in node.bases}
                    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                        function = True
            self._defs[name] = (bases, function)
        return self._defs[name]

    def not_an_exception(self, name: str) -> bool:
        """Whether the repository defines `name`, and no definition of it can be an exception.

        A class is one when each of its bases is `object` or, by name, a class defined here that is none
        either (spyder's `class SpyderInstallerError(object)`, whose constructor logs and exits); a base
        from elsewhere (`Exception`, a library's class) may be an exception, so that class counts as one.
        A name defined only as a function or method is no exception (hupper's `CheckError()`).
        """
        bases, function = self._defined(name)
        if bases is None:
            return function
        seen: set[str] = set()
        todo = [name]
        while todo:
            cls = todo.pop()
            if cls in seen:
                continue
            seen.add(cls)
            for base in (self._defined(cls)[0] or set()) if cls != name else bases:
                if base == "object":
                    continue
                if self._defined(base)[0] is None:
                    return False  # not a class of this repository: may be an exception
                todo.append(base)
        return True

    def constructor_acts(self, name: str) -> bool:
        """Whether the repository defines `name` as a class whose constructor acts: its `__init__` (its own, or
        that of the nearest class defined here that it inherits one from) calls something as a statement of its
        own besides a base's `__init__`. Building one is then for what the constructor does: GitSavvy's
        `GitSavvyError(msg, window=...)  # just for logging` shows the error panel and logs (held-out round 701).
        """
        if name not in self._acts:
            self._acts[name] = False  # a cycle of bases ends here
            pattern = re.compile(r"^[ \t]*class[ \t]+" + re.escape(name) + r"\b", re.MULTILINE)
            acts = False
            for i, text in enumerate(self._texts):
                tree = self._tree(i) if pattern.search(text) else None
                for node in ast.walk(tree) if tree is not None else ():
                    if isinstance(node, ast.ClassDef) and node.name == name:
                        init = next((n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"),
                                    None)
                        if init is not None:
                            acts = acts or _acts(init)
                        else:
                            acts = acts or any(self.constructor_acts(b) for b in map(_base_name, node.bases)
                                               if b not in ("?", "object", name))
            self._acts[name] = acts
        return self._acts[name]

    def used_as_no_exception(self, name: str) -> bool:
        """Whether the repository's own use of `name` says it is no exception: it is built as a statement of
        its own in `MIN_STATEMENTS` places or more, and never raised, caught or subclassed anywhere here.

        datalad-next writes `CapturedException(e)` alone on a line in 17 places, never `raise` or `except`
        with it: datalad's class (another package's, so not read here) logs the exception it captures and
        derives from `object` (held-out round 299). A builtin exception (`ValueError`) is always one.
        """
        if name in _BUILTIN_EXCEPTIONS:
            return False
        if name not in self._uses:
            word = re.escape(name)
            used = re.compile(r"\b(?:raise|except)\b[^\n:]*\b" + word + r"\b|\bclass[ \t]+\w+[ \t]*\([^)]*\b" + word + r"\b")
            statement = re.compile(r"^[ \t]*(?:[A-Za-z_][\w]*\.)*" + word + r"[ \t]*\(", re.MULTILINE)
            statements = 0
            verdict = True
            for text in self._texts:
                if name not in text:
                    continue
                if used.search(text):
                    verdict = False
                    break
                statements += len(statement.findall(text))
            self._uses[name] = verdict and statements >= MIN_STATEMENTS
        return self._uses[name]

    def family(self, owner: str) -> set[str]:
        """`owner` and every class, by name, that inherits from it here (directly or not)."""
        classes = self._scan()
        out = {owner}
        grew = True
        while grew:
            more = {c for c, bases in classes.items() if bases & out} - out
            out |= more
            grew = bool(more)
        return out


def _counts(call: ast.Call, where: Optional[str], target: Target, family: set[str], imported: set[str]) -> bool:
    """Whether `call` may be a call of the target: by name, and for a method through a receiver it may reach.

    A method counts through `self`/`cls`/`super()` inside its class or a subclass (a sibling class's
    own method of that name is another method), or through a plain variable; not through a chain
    (`self.test_client.patch(...)` is the test client's) or an imported name (`mock.patch(...)`).
    """
    func = call.func
    if not target.method:
        return (isinstance(func, ast.Name) and func.id == target.function) or \
            (isinstance(func, ast.Attribute) and func.attr == target.function)
    if target.function == "__init__":  # the constructor: `Stub(...)` of the class or a subclass
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name in family:
            return True
    if not isinstance(func, ast.Attribute) or func.attr != target.function:
        return False
    receiver = func.value
    if isinstance(receiver, ast.Name) and receiver.id in ("self", "cls") or \
            isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
        return where in family
    return isinstance(receiver, ast.Name) and receiver.id not in imported


def left_out(target: Target, sources: Sources) -> bool:
    """Whether any call of the target in the sources leaves `target.param` out."""
    family = sources.family(target.owner) if target.owner else set()
    names = {target.function} | (family if target.function == "__init__" else set())
    for tree in sources.calling(names):
        imported = _imported(tree) if target.method else set()
        for call, where in _calls(tree):
            if _counts(call, where, target, family, imported) and _leaves_out(call, target):
                return True
    return False


def called_at(text: str, line: int) -> tuple[Optional[str], Optional[str]]:
    """The name called by the expression statement that starts on `line` (`Name(...)` or `mod.Name(...)`),
    and the module the file imports that name from (None when it does not import it); (None, None) if none."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None, None
    name = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and node.lineno == line and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            break
    if name is None:
        return None, None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names):
            return name, "." * node.level + (node.module or "")
    return name, None


def in_repository(module: str, paths: Iterable[str]) -> bool:
    """Whether a module a file imports from is the repository's own: relative, or its top package is here."""
    if module.startswith("."):
        return True
    top = module.split(".")[0]
    for p in paths:
        root = p.split("src/", 1)[1] if p.startswith("src/") or "/src/" in p else p  # src/ layouts, monorepos
        if root == f"{top}.py" or root.startswith(f"{top}/"):
            return True
    return False


def _acts(init: ast.FunctionDef) -> bool:
    """Whether a constructor calls something as a statement of its own, other than a base's `__init__` or a
    method of its own (`self._set_msg(args)`: f5-common-python's `InstallError` only sets itself up that way, and
    building it without `raise` was judged a bug); nested functions and classes aside."""
    todo: list[ast.AST] = list(init.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            own = isinstance(func, ast.Attribute) and (
                func.attr == "__init__" or (isinstance(func.value, ast.Name) and func.value.id == "self")
                or (isinstance(func.value, ast.Call) and isinstance(func.value.func, ast.Name)
                    and func.value.func.id == "super"))
            if not own:
                return True
        todo.extend(ast.iter_child_nodes(node))
    return False


def no_exception(text: str, line: int, sources: Sources, paths: Iterable[str]) -> Optional[str]:
    """Why the call on `line` builds no exception, or None when it may be one. The review and `reviewer rules
    test` both ask this; the file is parsed once.

    "defined": the repository defines the called name as no exception (Sources.not_an_exception); a name the
    file imports from outside the repository is that package's, not looked up there. "used": wherever the
    name comes from, the repository builds it alone on a line in several places and never raises, catches or
    subclasses it (Sources.used_as_no_exception). "acts": the repository defines it as a class whose constructor
    does something besides setting itself up (Sources.constructor_acts), which building it is for.
    """
    name, origin = called_at(text, line)
    if name is None:
        return None
    if (origin is None or in_repository(origin, paths)) and sources.not_an_exception(name):
        return "defined"
    if (origin is None or in_repository(origin, paths)) and sources.constructor_acts(name):
        return "acts"
    if sources.used_as_no_exception(name):
        return "used"
    return None


_EAGER = ("eager_task_factory", "create_eager_task_factory")


def installs_task_factory(sources: Sources) -> bool:
    """Whether the repository installs its own asyncio task factory (`loop.set_task_factory(factory)`).

    A project's own factory is there to do something with every task, and the one reason to write one
    is to keep a strong reference to each until it finishes (electrum's `_set_custom_task_factory`): a
    task created and dropped is then not collected mid-run. asyncio's `eager_task_factory` (3.12) keeps
    none, and `None` restores the default: those do not count.
    """
    for tree in sources.calling(["set_task_factory"]):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "set_task_factory" and len(node.args) == 1):
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Call):
                arg = arg.func
            name = arg.id if isinstance(arg, ast.Name) else arg.attr if isinstance(arg, ast.Attribute) else None
            if isinstance(arg, ast.Constant) or name in _EAGER:
                continue
            return True
    return False


_PRIVATE = re.compile(r"^_[A-Za-z0-9_]*[A-Za-z0-9]$")  # `_helper`, not a dunder such as `__init__`
_PRIVATE_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(_[A-Za-z0-9_]*[A-Za-z0-9])\b", re.MULTILINE)


def _private_around(tree: ast.Module, line: int) -> Optional[str]:
    """The outermost function around `line` when it is private and only the repository can call it, or None.

    A module's `_helper`, or a `_helper` method of a class that derives from nothing: a subclass's private
    method may be a hook its base calls (`socketserver`'s, a framework's). Not a decorated def: the decorator
    may register it (`@app.route`, `@atexit.register`). A def nested in another is reached through its
    parent, so only the outermost one is asked about."""

    def visit(body: list[ast.stmt], owner: Optional[ast.ClassDef]) -> Optional[str]:
        for node in body:
            if not node.lineno <= line <= (getattr(node, "end_lineno", None) or node.lineno):
                continue
            if isinstance(node, ast.ClassDef):
                return visit(node.body, node)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                based = owner is not None and (owner.keywords or any(
                    not (isinstance(b, ast.Name) and b.id == "object") for b in owner.bases))
                if node.decorator_list or based or not _PRIVATE.match(node.name):
                    return None
                return node.name
        return None

    return visit(tree.body, None)


def _named_once(text: str, name: str) -> bool:
    """`name` appears once as a word in `text` outside what looks like a comment (a `#` before it on its
    line): a cheap first look that spares most files a parse."""
    count = 0
    for m in _word(name).finditer(text):
        if "#" not in text[text.rfind("\n", 0, m.start()) + 1:m.start()]:
            count += 1
            if count > 1:
                return False
    return count == 1


def never_called(text: str, lines: Iterable[int], sources: Callable[[], Sources]) -> set[int]:
    """Those of `lines` that sit in a private function the repository names nowhere but in its `def`.

    Such a function never runs: tofu's `_compute_etendue_numerical_spectro`, whose one call is commented
    out, and its `_debug_*` helpers nobody calls (held-out round 626). The name is looked for as a word in
    every Python file's code (a call, a reference, a string naming it for `getattr`; not a comment, so not
    a call commented out), so anything that might reach it counts; a name built at run time
    (`getattr(self, "_" + kind)`) is not seen. The file is parsed once, and only when it defines a private
    function that its own text names once (most files call their helpers where they define them); the
    repository (`sources()`) is read only when a line sits in such a function."""
    lonely = [n for n in set(_PRIVATE_DEF.findall(text)) if _named_once(text, n)]
    if not lonely:
        return set()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    out: set[int] = set()
    for line in lines:
        name = _private_around(tree, line)
        if name is not None and name in lonely and sources().mentions(name) <= 1:
            out.add(line)
    return out
