"""Prompts for model review: which files and rules, how a hunk is shown, how long hunks are split.

A prompt shows one window of a hunk with new-file line numbers (`+` marks
added lines), the head of the enclosing function or class (stdlib `ast` for
Python), and the rules that apply to the file (id, description, the judge
question). A hunk whose prompt would not fit `model.max_prompt_tokens` is
split at function/class boundaries; a piece that still does not fit is
listed as skipped, never dropped silently. Generated, vendored and lock
files are skipped with a reason.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from reviewer.diff import git_lines
from reviewer.engine.base import Request, YesNo
from reviewer.engine.schema import MAX_FINDINGS, MAX_FIX, MAX_MESSAGE, findings_schema
from reviewer.records import FileChange, Hunk, Rule, Skipped

if TYPE_CHECKING:
    from reviewer.rules.context import Contexts

CONTEXT_HEAD_LINES = 12
_DEF_LINE = re.compile(r"^\s*(async\s+def|def|class|function|func|fn|public|private|protected|static)\b")

SYSTEM = (
    "You are a careful code reviewer. You review one change against the rules given, and report only real "
    "violations of those rules in the changed lines (marked +). Cite the new-file line number of the violating "
    "line and explain the problem in one sentence. When the fix is small and certain, also give `fix`: the "
    "corrected code that replaces lines `line` to `end_line` (whole lines, with their indentation). When nothing "
    "violates a rule, answer with an empty list."
)
VERIFY_SYSTEM = "You check code review findings. Answer with one word: yes or no."


def skip_reason(path: str, text: Optional[str], vendored: Optional[Sequence[str]] = None,
                contexts: Optional["Contexts"] = None) -> Optional[str]:
    """Why the model should not review `path` (generated, vendored, lock file), or None.

    The rules skip the same files (`reviewer.rules.context.Contexts.third_party`). `contexts` is the run's
    `Contexts` (with the repository's `.gitattributes`); without it, one is made from `vendored`
    (`rules.vendored`; None means its default).
    """
    from reviewer.rules.context import Contexts, DEFAULT_VENDORED

    if contexts is None:
        contexts = Contexts(vendored=tuple(DEFAULT_VENDORED if vendored is None else vendored))
    why = contexts.third_party(path, text)
    return f"{why}: not reviewed by the model" if why else None


def rules_for(rules: Sequence[Rule], change: FileChange) -> list[Rule]:
    """Rules whose language and file globs match the changed file."""
    out = []
    for rule in rules:
        if rule.language and change.language and rule.language != change.language:
            continue
        if rule.language and change.language is None:
            continue
        if rule.files and not any(_match(change.path, g) for g in rule.files):
            continue
        if any(_match(change.path, g) for g in rule.exclude):
            continue
        out.append(rule)
    return out


def _match(path: str, glob: str) -> bool:
    # A glob without "/" matches the file name anywhere, like .gitignore.
    return fnmatch.fnmatch(path, glob) or ("/" not in glob and fnmatch.fnmatch(path.rsplit("/", 1)[-1], glob))


@dataclass(frozen=True)
class Window:
    """A contiguous piece of a hunk's new side that is reviewed in one prompt."""

    path: str
    first: int
    last: int
    lines: tuple[tuple[int, str, bool], ...]  # (line number, text, added)

    @property
    def has_added(self) -> bool:
        return any(added for _n, _t, added in self.lines)


def window_of(hunk: Hunk, lines: Sequence[tuple[int, str]]) -> Window:
    return Window(hunk.path, lines[0][0], lines[-1][0], tuple((n, t, n in hunk.added) for n, t in lines))


def definitions(text: Optional[str], language: Optional[str]) -> list[tuple[int, int, str]]:
    """(first line incl. decorators, last line, label) of every function and class, outermost first."""
    if text is None:
        return []
    if language == "python":
        try:
            from reviewer import pysafe

            tree = pysafe.parse(text)
        except (SyntaxError, ValueError):  # pysafe.Refused is a ValueError: too deep to parse safely
            return []
        out = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                kind = "class" if isinstance(node, ast.ClassDef) else "function"
                out.append((start, node.end_lineno or node.lineno, f"{kind} {node.name}"))
        return sorted(out)
    # Other languages: a line that looks like a definition starts a piece (no end known).
    return [(i, i, "definition") for i, line in enumerate(git_lines(text), 1) if _DEF_LINE.match(line)]


def enclosing(defs: Sequence[tuple[int, int, str]], first: int, last: int) -> Optional[tuple[int, int, str]]:
    """The innermost definition containing lines first..last."""
    inside = [d for d in defs if d[0] <= first and last <= d[1] and d[0] != d[1]]
    return max(inside, key=lambda d: d[0]) if inside else None


def context_block(text: Optional[str], defs: Sequence[tuple[int, int, str]], window: Window) -> str:
    """The head of the enclosing definition, when it starts above the window."""
    found = enclosing(defs, window.first, window.last)
    if text is None or found is None or found[0] >= window.first:
        return ""
    start, end, label = found
    all_lines = git_lines(text)
    stop = min(window.first - 1, start + CONTEXT_HEAD_LINES - 1)
    shown = [f"{n:>5}   {all_lines[n - 1]}" for n in range(start, stop + 1) if n - 1 < len(all_lines)]
    if stop < window.first - 1:
        shown.append("  ...")
    return f"The change is inside {label} (lines {start}-{end}); its beginning:\n```\n" + "\n".join(shown) + "\n```\n\n"


def rules_block(rules: Sequence[Rule], compact: bool = False) -> str:
    """The rules as the model reads them; `compact`: only each rule's question (or title), for small budgets."""
    parts = []
    for r in rules:
        if compact:
            parts.append(f"- {r.id} ({r.severity}): {' '.join((r.judge or r.title).split())}")
            continue
        text = f"- {r.id} ({r.severity}): {' '.join(r.description.split())}"
        if r.judge:
            text += f"\n  Question: {' '.join(r.judge.split())}"
        parts.append(text)
    return "Rules:\n" + "\n".join(parts) + "\n\n"


def hunk_block(window: Window) -> str:
    body = "\n".join(f"{n:>5} {'+' if added else ' '} {text}" for n, text, added in window.lines)
    return f"The change (new-file line numbers; + marks added lines), lines {window.first}-{window.last}:\n```\n{body}\n```\n"


def review_request(window: Window, rules: Sequence[Rule], context: str, max_new_tokens: int,
                   compact: bool = False) -> Request:
    user = (f"File: {window.path}\n\n" + rules_block(rules, compact) + context + hunk_block(window)
            + f"\nReport violations of the rules above on lines {window.first}-{window.last} as JSON "
            f"(at most {MAX_FINDINGS}, messages under {MAX_MESSAGE} characters; a fix under {MAX_FIX} "
            "characters, or none).")
    schema = findings_schema([r.id for r in rules], window.first, window.last)
    return Request(SYSTEM, user, schema=schema, max_new_tokens=max_new_tokens, paths=(window.path,), purpose="review")


def split_windows(hunk: Hunk, defs: Sequence[tuple[int, int, str]],
                  fits: Callable[[Window], bool]) -> tuple[list[Window], list[Skipped]]:
    """The hunk as one window if it fits, else pieces cut at definition starts, packed greedily."""
    lines = list(hunk.lines)
    if not lines:
        return [], []
    whole = window_of(hunk, lines)
    if fits(whole):
        return ([whole] if whole.has_added else []), []
    starts = {d[0] for d in defs}
    segments: list[list[tuple[int, str]]] = [[]]
    for item in lines:
        if item[0] in starts and segments[-1]:
            segments.append([])
        segments[-1].append(item)
    windows: list[Window] = []
    skipped: list[Skipped] = []
    current: list[tuple[int, str]] = []
    for seg in segments:
        if current and fits(window_of(hunk, current + seg)):
            current += seg
            continue
        if current:
            windows.append(window_of(hunk, current))
        current = seg
        if not fits(window_of(hunk, current)):
            piece = window_of(hunk, current)
            if piece.has_added:
                skipped.append(Skipped(hunk.path, f"lines {piece.first}-{piece.last}: one definition is too long "
                                                  "for model.max_prompt_tokens; not reviewed by the model"))
            current = []
    if current:
        windows.append(window_of(hunk, current))
    return [w for w in windows if w.has_added], skipped


def verify_question(rule: Optional[Rule], rule_id: str, path: str, line: int, message: str,
                    code: Sequence[tuple[int, str]]) -> YesNo:
    """A yes/no question: is this finding a real violation of its rule?"""
    about = f"Rule {rule_id}"
    if rule is not None:
        about += f": {' '.join(rule.description.split())}"
        if rule.judge:
            about += f"\nQuestion: {' '.join(rule.judge.split())}"
    body = "\n".join(f"{n:>5}{'>' if n == line else ' '} {t}" for n, t in code)
    user = (f"{about}\n\nFile {path} (new-file line numbers; > marks line {line}):\n```\n{body}\n```\n\n"
            f"Reported: {message}\nIs this a real violation of {rule_id} at line {line}? Answer yes or no.")
    return YesNo(VERIFY_SYSTEM, user, paths=(path,))
