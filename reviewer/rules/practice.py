"""What the project's own code does nearly everywhere, where that decides whether a rule's comment is worth making.

Two practices are read, each over the repository's Python files, only when a rule that asks has a finding.

`x == None` works unless `x` overloads `__eq__`; PEP 8 asks for `is None`, and in a project that writes
`is None` a reviewer asks for it in a new line that does not (633 such findings of `compare-to-none` and
`compare-not-none` were judged worth saying). A project that writes `== None` nearly everywhere has
chosen its style. Flowblade (held-out round 220) writes it 884 times against 16
`is None`, with no linter configured, and its maintainer's flake8 clean-ups leave those comparisons
alone: a comment on each new one, or 878 on the day the tool is adopted, is noise (all 897 judged so).
Rules that say `unless_project: none-by-equality` are not reported in a repository whose own Python files
(not vendored, generated or copied files, whose style is their upstream's) compare with None by `==` / `!=` at least `MIN_EQUALITY` times and by `is` at most once for every
`RATIO` such comparisons; each finding is listed as not reported, "the project writes == None". A
project that mixes the two (manuskript: 111 against 63, whose maintainer is turning them back into
`is None`) is still told. On the 1,682 labelled findings of the two rules whose repository is cloned here,
this takes out flowblade's 897 and nothing else (manuskript, 114 against 60, and pymunk, 62 against 59,
are the only others with more `==` than `is`). In a repository of plugins side by side, the same count is made per
plugin folder (reviewer.tasks.review `_folder_styles`): oddluck's limnoria-plugins keeps SpiderDave's UNO plugin,
forked, in its author's `== None` style while its other plugins write `is None`. So is it, in any repository, per
top-level folder of scripts (no package and no packaging below it): hlt-confdb's `parser/`.

`x[len(x)]`: on a list it raises IndexError the first time it runs, so a repository that writes it in
`MIN_LEN_INDEX` places or more is not indexing lists there. pyomo (held-out
round 232) writes `disjuncts[len(disjuncts)]` twenty times: its indexed components create the entry a
read names, or are numbered from 1 (a ConstraintList's last entry), and the offered `x[-1]` would break
them. Rules that say `unless_project: len-as-key` are not reported there, "the project indexes by len".

A project may also compare with `==` because its own null object equals None. Volatility 2 returns a
`NoneObject` where a memory read fails, and that class says `def __eq__(self, other): return other is None`;
its `obj.py` tells contributors not to write `is None`, and a maintainer's commit turned `is not None` back
into `!= None`. There `x == None` is how the code catches the null object, and `x is None` would let it
through: the fix would break the check, and which of the comparisons may meet the null object the code
alone cannot tell (held-out round 344: of 394 such findings, judged one by one by what the value can be,
234 were noise). `null_object` finds such a class in the project's own files (not its tests, not vendored
copies: bazarr's bundled SQLAlchemy test suite has one) and makes `none-by-equality` moot too, "the
project's object equals None". On the 1,194 projects cloned here only volatility defines one.

`yaml.load(f, Loader=yaml.Loader)` builds arbitrary objects, and `SafeLoader` is the usual advice; but a
project whose own YAML files (outside its tests) carry Python tags (`!!python/name:numpy.float32`) needs the
full loader to read them, and the advice would break it. westpa (held-out round 276) chose `yaml.Loader` over
`safe_load` for that reason, in the commit the rule flagged; its sample configuration uses the tag. Rules
that say `unless_project: yaml-python-tags` are not reported in a repository with such a file (`.yml`,
`.yaml`, or a `.cfg` that holds YAML, as westpa's `west.cfg` does), "the project's YAML uses Python tags"; so
are they in one whose own Python code registers a YAML tag on the default loaders (`yaml.add_constructor("!FileSpec",
...)` with no safe `Loader=`, a `YAMLObject` with a `yaml_tag`): OpenCue's pyoutline persists its outlines with its
own `!FileSpec` tag and reads them back with `yaml.Loader` (`yaml_own_tags`), "the project's YAML uses its own tags".
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

# droopescan (held-out round 565) writes `!= None` 11 times against one `is None`: its 7 findings judged noise
# as its house style. Of the 124 labelled projects of these rules cloned here, 10 takes out droopescan only.
MIN_EQUALITY = 10
RATIO = 9  # at least nine `== None` for each `is None`: nine in ten
# Around each `None` (found with str.find: a repository is megabytes, and a regex that may start anywhere
# costs ten times more): `== None` / `!= None` before it or `None ==` after it, or `is` / `is not` before it.
_EQ_BEFORE = re.compile(r"[=!]=[ \t]*\Z")
_EQ_AFTER = re.compile(r"[ \t]*[=!]=(?!=)")
_IS_BEFORE = re.compile(r"(?:^|\W)is[ \t]+(?:not[ \t]+)?\Z")
_WORD = re.compile(r"\w")


def none_counts(text: str) -> tuple[int, int]:
    """(comparisons with None by `==` / `!=`, by `is` / `is not`) in `text`."""
    equality = identity = 0
    at = text.find("None")
    while at >= 0:
        end = at + 4
        if not (at and _WORD.match(text, at - 1)) and not _WORD.match(text, end):
            before = text[max(0, at - 16):at]
            if _EQ_BEFORE.search(before) or _EQ_AFTER.match(text, end):
                equality += 1
            elif _IS_BEFORE.search(before):
                identity += 1
        at = text.find("None", end)
    return equality, identity


def compares_with_none(text: str) -> bool:
    """Whether `text` compares anything with None, by `==` / `!=` or by `is`: only such a file can count for
    or against a style (a caller asks the costlier questions, such as whether the file is a copy, only then)."""
    return "None" in text and none_counts(text) != (0, 0)


def none_by_equality(texts: Iterable[str]) -> Optional[str]:
    """How the repository shows that it compares with None by `==` / `!=` as its style, or None if it does not."""
    return none_by_equality_counts(map(none_counts, texts))


def none_by_equality_counts(counts: Iterable[tuple[int, int]]) -> Optional[str]:
    """`none_by_equality` from each file's `none_counts`, for a caller that has them already."""
    equality = identity = 0
    for eq, ident in counts:
        equality += eq
        identity += ident
    if equality >= MIN_EQUALITY and equality >= RATIO * identity:
        return f"{equality} comparisons with None by == or != against {identity} by `is`"
    return None


# `def __eq__(self, other):` whose first statement answers True for None: `return other is None`,
# `return (other is None)`, or `if other is None: return True` (comments and one-line docstrings before it)
_NULL_EQ = re.compile(r"def[ \t]+__eq__\([ \t]*self[ \t]*,[ \t]*(\w+)[^)]*\)[^:\n]*:[ \t]*\n"
                      r"(?:[ \t]*(?:#[^\n]*|\"\"\"[^\n]*\"\"\"|'{3}[^\n]*'{3})?\n)*"
                      r"[ \t]+(?:return[ \t]*\(?[ \t]*\1[ \t]+is[ \t]+None\b"
                      r"|if[ \t]+\(?[ \t]*\1[ \t]+is[ \t]+None[ \t]*\)?[ \t]*:[ \t]*(?:\n[ \t]*)?return[ \t]+True\b)")


def null_object(named: Iterable[tuple[str, str]]) -> Optional[str]:
    """Where the project's own code defines an object that equals None (`__eq__` says so), or None.

    `named` holds (path, text) of the files to look in: the caller leaves out tests and vendored copies."""
    for path, text in named:
        if "__eq__" in text:
            m = _NULL_EQ.search(text)
            if m:
                return f"{path}:{text.count(chr(10), 0, m.start()) + 1} defines an object that equals None"
    return None


MIN_LEN_INDEX = 10
_LEN_INDEX = re.compile(r"([A-Za-z_][\w.]*)\[[ \t]*len\([ \t]*\1[ \t]*\)[ \t]*\]")


YAML_SUFFIXES = (".yml", ".yaml", ".cfg")
MAX_YAML_FILES = 400  # read at most this many of them: a data repository may hold thousands
# A Python tag where a YAML node starts: after a key's colon, a list's dash, a flow bracket or comma.
_PYTHON_TAG = re.compile(r"(?:^|[:\[{,-])[ \t]*!!python/(?:name|object|module|tuple|apply|new)\b", re.M)


def yaml_python_tags(texts: Iterable[str]) -> Optional[str]:
    """How the repository shows that its own YAML needs the full loader (a Python tag), or None."""
    for text in texts:
        if "!!python/" in text:
            m = _PYTHON_TAG.search(text)
            if m:
                return f"a Python tag ({m.group(0).strip(' :[{,-')!s})"
    return None


# A YAML tag of the project's own, registered on the loaders PyYAML registers it on by default (Loader, FullLoader,
# UnsafeLoader; not SafeLoader): `yaml.add_constructor("!FileSpec", ...)`, `add_multi_constructor`, or a
# `yaml.YAMLObject` subclass's `yaml_tag`. OpenCue's pyoutline (held-out round 717) persists its outlines so and
# reads them back with `yaml.Loader`: 4 findings judged noise. Not when the call names a safe loader.
_OWN_CONSTRUCTOR = re.compile(r"\byaml\.add_(?:multi_)?constructor\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_DEFAULT_LOADER = re.compile(r"\bLoader[ \t]*=[ \t]*yaml\.(?:Full|Unsafe)?Loader\b")
_YAML_OBJECT = re.compile(r"^class\s+\w+\s*\([^)]*\bYAMLObject\b[^)]*\)\s*:(?:(?!^class\b)[\s\S])*?^\s+yaml_tag\s*=", re.M)
_SAFE_YAML_LOADER = re.compile(r"^\s+yaml_loader\s*=[^\n]*Safe", re.M)


def yaml_own_tags(texts: Iterable[str]) -> Optional[str]:
    """How the repository's own Python code shows that its YAML carries tags only the full loader reads: it
    registers a constructor of its own there (`yaml.add_constructor` without a safe `Loader=`, a `YAMLObject`
    subclass with a `yaml_tag` and no safe `yaml_loader`), or None."""
    for text in texts:
        if "add_constructor" in text or "add_multi_constructor" in text:
            for m in _OWN_CONSTRUCTOR.finditer(text):  # PyYAML's own function: not a loader class's method
                if "Loader" not in m.group(1) or _DEFAULT_LOADER.search(m.group(1)):
                    return "its own YAML constructor (`" + " ".join(m.group(0).split())[:60] + "`)"
        if "YAMLObject" in text and "yaml_tag" in text and not _SAFE_YAML_LOADER.search(text) \
                and _YAML_OBJECT.search(text):
            return "a YAMLObject with its own yaml_tag"
    return None


def len_as_key(texts: Iterable[str]) -> Optional[str]:
    """How the repository shows that `x[len(x)]` is its idiom (no list is read that way), or None."""
    places = sum(len(_LEN_INDEX.findall(text)) for text in texts if "[len(" in text)
    return f"`x[len(x)]` in {places} places" if places >= MIN_LEN_INDEX else None


# The `unless_project` kinds read from the repository's own code, each with what decides it.
PRACTICES: dict[str, Callable[[Iterable[str]], Optional[str]]] = {
    "none-by-equality": none_by_equality,
    "len-as-key": len_as_key,
}
