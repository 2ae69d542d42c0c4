"""Unified diff text -> ChangeSet (pure: no I/O).

Each file's section is decoded on its own, so one non-UTF-8 file does not
taint the others; a file that needed replacement characters is marked
`lossy` and the report says so.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Iterable, Optional

from reviewer.errors import UsageError
from reviewer.records import ChangeSet, FileChange, FileStatus, Hunk, Skipped

_FILE_START = re.compile(rb"^diff --git ", re.MULTILINE)
_SUBMODULE_MODE = re.compile(r"^(?:new file mode|deleted file mode|index [0-9a-f]+\.\.[0-9a-f]+) 160000", re.M)

LANGUAGES = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".tsx": "tsx", ".go": "go", ".rs": "rust", ".java": "java",
    ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp", ".hpp": "cpp", ".rb": "ruby",
    ".kt": "kotlin", ".swift": "swift", ".cs": "csharp", ".sh": "bash", ".php": "php",
}


def language_of(path: str) -> Optional[str]:
    dot = path.rfind(".")
    return LANGUAGES.get(path[dot:].lower()) if dot >= 0 else None


def _sections(data: bytes) -> list[bytes]:
    starts = [m.start() for m in _FILE_START.finditer(data)]
    if not starts:
        return [data] if data.strip() else []
    head = data[: starts[0]]
    out = [data[s:e] for s, e in zip(starts, starts[1:] + [len(data)])]
    if head.strip():
        out[0] = head + out[0]
    return out


def _decode(section: bytes) -> tuple[str, bool]:
    try:
        return section.decode("utf-8"), False
    except UnicodeDecodeError:
        return section.decode("utf-8", errors="replace"), True


def _strip_prefix(name: Optional[str]) -> Optional[str]:
    if name is None or name == "/dev/null":
        return None
    name = name.rstrip("\t")  # GNU diff appends a tab before a timestamp
    if "\t" in name:
        name = name.split("\t", 1)[0]
    if name.startswith(('"a/', '"b/')) and name.endswith('"'):
        name = _unquote(name[1:-1])
    return name[2:] if name.startswith(("a/", "b/")) else name


def _unquote(text: str) -> str:
    # git's C-style quoting: octal escapes for bytes, backslash escapes.
    raw = text.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1", "replace")
    return raw.decode("utf-8", "replace")


def _content(value: str) -> str:
    """A diff line's text without its line ending (`\\n`, or `\\r\\n` in a CRLF file)."""
    if value.endswith("\n"):
        value = value[:-1]
    return value[:-1] if value.endswith("\r") else value


def _hunk(path: str, h: "object") -> Hunk:
    added: set[int] = set()
    context: set[int] = set()
    removed: set[int] = set()
    lines: list[tuple[int, str]] = []
    for line in h:  # type: ignore[attr-defined]
        kind = line.line_type  # unidiff's is_added / is_context / is_removed, read once (20,000 lines: 10 ms)
        if kind == "+":
            added.add(line.target_line_no)
        elif kind == " ":
            context.add(line.target_line_no)
        elif kind == "-":
            removed.add(line.source_line_no)
            continue
        else:
            continue
        lines.append((line.target_line_no, _content(line.value)))
    return Hunk(
        path=path,
        old_start=h.source_start,  # type: ignore[attr-defined]
        old_len=h.source_length,  # type: ignore[attr-defined]
        new_start=h.target_start,  # type: ignore[attr-defined]
        new_len=h.target_length,  # type: ignore[attr-defined]
        added=frozenset(added),
        context=frozenset(context),
        lines=tuple(lines),
        removed=frozenset(removed),
    )


def split_lines(text: str) -> list[str]:
    """Lines as git counts them: split on `\\n` only, each keeping its `\\n`.

    `str.splitlines` also splits on `\\r`, form feeds, `\\v`, `\\x1c`-`\\x1e`, U+0085 and
    U+2028/U+2029, which are content to git (a LICENSE with form feeds, a string literal
    holding U+2028) and would shift every later line of the hunk.
    """
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def git_lines(text: str) -> list[str]:
    """`text`'s lines numbered as git numbers them, without their `\\n` / `\\r\\n` endings.

    The drop-in for `str.splitlines()` wherever a line number must agree with a diff's.
    """
    return [_content(line) for line in split_lines(text)]


def parse(data: bytes, exclude: Iterable[str] = (), base: Optional[str] = None, head: Optional[str] = None) -> ChangeSet:
    """Parse unified diff bytes. Raises UsageError for text that is not a diff.

    A `diff --git` section that cannot be parsed is listed as skipped with the
    reason, and every other file is still reviewed.
    """
    from unidiff import PatchSet  # type: ignore[attr-defined]

    files: list[FileChange] = []
    skipped: list[Skipped] = []
    notes: list[Skipped] = []
    excludes = tuple(exclude)
    for section in _sections(data):
        text, lossy = _decode(section)
        try:
            patch = PatchSet(split_lines(text))
        except Exception as exc:  # unidiff raises its own error and ValueError/IndexError/... on bad input
            why = f"not a valid unified diff: {_parse_error(exc)}"
            header = _git_header_paths(text.split("\n", 1)[0] + "\n") if section.startswith(b"diff --git ") else None
            name = header and (header[1] or header[0])
            if not name:
                raise UsageError(why) from None
            skipped.append(Skipped(name, f"{why} (file not reviewed)"))
            continue
        if not patch and section.strip() and not section.startswith(b"diff --git "):
            raise UsageError("not a valid unified diff: no file headers (---/+++ or diff --git) found")
        for pf in patch:
            change, skip = _file_change(pf, lossy)
            if change is not None and any(fnmatch.fnmatch(change.path, g) for g in excludes):
                skipped.append(Skipped(change.path, "excluded by configuration"))
                continue
            if skip is not None:
                (notes if change is not None and change.lossy else skipped).append(skip)
            if change is not None:
                files.append(change)
    return ChangeSet(files=tuple(files), base=base, head=head, skipped=tuple(skipped), notes=tuple(notes))


def _parse_error(exc: Exception) -> str:
    from unidiff.errors import UnidiffParseError

    if isinstance(exc, UnidiffParseError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def outside_reason(path: str) -> Optional[str]:
    """Why a diff path points outside the repository (absolute, or a `..` part), else None."""
    if path.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", path):
        return "absolute path in the diff: outside the repository, not reviewed"
    if ".." in re.split(r"[\\/]", path):
        return "'..' in the diff's path: outside the repository, not reviewed"
    return None


def _file_change(pf: "object", lossy: bool) -> tuple[Optional[FileChange], Optional[Skipped]]:
    source = _strip_prefix(pf.source_file)  # type: ignore[attr-defined]
    target = _strip_prefix(pf.target_file)  # type: ignore[attr-defined]
    info = "".join(pf.patch_info or ())  # type: ignore[attr-defined]
    header_paths = _git_header_paths(info)
    if source is None and target is None and header_paths:
        # Binary and mode-only sections have no ---/+++ lines; take the names
        # from `diff --git a/X b/Y` or `rename from/to`.
        source, target = header_paths
        if "new file mode" in info:
            source = None
        if "deleted file mode" in info:
            target = None
    path = target or source
    if path is None:
        return None, None
    for name in (target, source):
        why = outside_reason(name) if name is not None else None
        if why is not None:
            return None, Skipped(path, why)
    if _SUBMODULE_MODE.search(info):
        return None, Skipped(path, "submodule change (not reviewed)")
    if pf.is_binary_file:  # type: ignore[attr-defined]
        return None, Skipped(path, "binary file (not reviewed)")
    if pf.is_removed_file or target is None:  # type: ignore[attr-defined]
        status = FileStatus.DELETED
    elif pf.is_added_file or source is None:  # type: ignore[attr-defined]
        status = FileStatus.ADDED
    elif source != target:
        status = FileStatus.RENAMED
    else:
        status = FileStatus.MODIFIED
    hunks = tuple(_hunk(path, h) for h in pf)  # type: ignore[attr-defined]
    change = FileChange(
        path=path,
        old_path=source if source != path else None,
        status=status,
        hunks=hunks,
        language=language_of(path),
        lossy=lossy,
    )
    skip = None
    if lossy:
        skip = Skipped(path, "not valid UTF-8: decoded with replacement characters")
    elif status is FileStatus.RENAMED and not hunks:
        skip = Skipped(path, f"renamed from {source} without changes")
    elif status in (FileStatus.MODIFIED,) and not hunks:
        skip = Skipped(path, "mode change only")
    return change, skip


_DIFF_GIT = re.compile(r"^diff --git (\"?a/.*?\"?) (\"?b/.*?\"?)\n", re.M)
_RENAME = re.compile(r"^rename from (.*)\nrename to (.*)$", re.M)


def _git_header_paths(info: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    m = _RENAME.search(info)
    if m:
        return m.group(1), m.group(2)
    m = _DIFF_GIT.search(info)
    if m:
        return _strip_prefix(m.group(1)), _strip_prefix(m.group(2))
    return None
