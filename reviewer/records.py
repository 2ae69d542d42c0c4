"""Immutable records that flow between the pipeline's stages.

Records are data only: no I/O, no behaviour beyond small derived properties.
Line numbers are 1-based and refer to the new side of the diff unless a name
says otherwise.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple, Optional


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_level` is the failing test."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Hunk:
    """One hunk of a file's diff, indexed by new-file line numbers."""

    path: str
    old_start: int
    old_len: int
    new_start: int
    new_len: int
    added: frozenset[int]
    context: frozenset[int]
    # The new side of the hunk: (line number, text without newline) for added
    # and context lines, in order.
    lines: tuple[tuple[int, str], ...] = ()
    # Old-side line numbers removed by this hunk.
    removed: frozenset[int] = frozenset()

    @property
    def new_end(self) -> int:
        """Last new-file line the hunk covers (new_start - 1 when it covers none)."""
        return self.new_start + self.new_len - 1

    def contains(self, line: int) -> bool:
        return self.new_start <= line <= self.new_end


class FileStatus(str, enum.Enum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"


@dataclass(frozen=True)
class FileChange:
    path: str  # new path (old path for a deleted file), repository-relative, '/'-separated
    old_path: Optional[str]
    status: FileStatus
    hunks: tuple[Hunk, ...]
    binary: bool = False
    language: Optional[str] = None
    # True when the file's diff was not valid UTF-8 and was decoded with replacement.
    lossy: bool = False

    @property
    def added_lines(self) -> frozenset[int]:
        out: set[int] = set()
        for h in self.hunks:
            out |= h.added
        return frozenset(out)

    @property
    def hunk_lines(self) -> frozenset[int]:
        """Every new-side line inside a hunk (added or context)."""
        out: set[int] = set()
        for h in self.hunks:
            out |= h.added | h.context
        return frozenset(out)


@dataclass(frozen=True)
class Skipped:
    """Something the run did not look at, and why. Reports always list these."""

    path: str
    reason: str


@dataclass(frozen=True)
class ChangeSet:
    files: tuple[FileChange, ...]
    base: Optional[str] = None
    head: Optional[str] = None
    skipped: tuple[Skipped, ...] = ()
    # The commits this change reverts, when it is nothing but reverts (reviewer.git.reverted).
    reverted: tuple[str, ...] = ()
    # Files that were reviewed with a caveat (e.g. decoded with replacement).
    notes: tuple[Skipped, ...] = ()

    def get(self, path: str) -> Optional[FileChange]:
        for f in self.files:
            if f.path == path:
                return f
        return None

    @property
    def changed_line_count(self) -> int:
        return sum(len(f.added_lines) for f in self.files)


@dataclass(frozen=True)
class FileCoverage:
    """Coverage of one file; arcs are (from, to) with coverage.py's sign convention."""

    path: str
    executed: frozenset[int]
    missing: frozenset[int]
    executed_arcs: Optional[frozenset[tuple[int, int]]] = None
    missing_arcs: Optional[frozenset[tuple[int, int]]] = None


@dataclass(frozen=True)
class Suggestion:
    """Replace new-file lines start_line..end_line (inclusive) with `replacement`."""

    path: str
    start_line: int
    end_line: int
    replacement: str


@dataclass(frozen=True)
class Edit:
    """A docstring inserted into a definition (the docstrings task)."""

    path: str
    line: int  # the `def` / `class` line, new side of the diff
    name: str  # qualified name inside the module, e.g. "Parser.feed"
    docstring: str  # the literal as inserted, quotes included
    written_by: str  # "model" or "template": who wrote the prose
    suggestion: Optional[Suggestion] = None  # the same edit as a committable suggestion


class Source(str, enum.Enum):
    """Which engine produced a finding."""

    RULE = "rule"
    MODEL = "model"
    CLOUD = "cloud"


@dataclass(frozen=True)
class Finding:
    rule: str
    pack: str
    path: str
    line: int
    end_line: int
    severity: Severity
    message: str
    confidence: float = 1.0
    source: Source = Source.RULE
    suggestion: Optional[Suggestion] = None
    column: int = 1
    # Text of the flagged code, normalised; feeds a fingerprint that survives
    # rebases (it does not contain the line number).
    snippet: str = ""
    fingerprint: str = field(default="", compare=False)
    # Why a fix was not offered (reviewer.rules.verify): it failed a check before it could be shown.
    fix_withheld: str = ""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", make_fingerprint(self.rule, self.path, self.snippet or self.message))


def make_fingerprint(rule: str, path: str, text: str) -> str:
    normalised = " ".join(text.split())
    digest = hashlib.sha256(f"{rule}\0{path}\0{normalised}".encode("utf-8", "replace")).hexdigest()
    return digest[:16]


class Why(str, enum.Enum):
    """Why a finding is or is not reported (nothing is dropped silently)."""

    REPORTED = "reported"
    OUTSIDE_DIFF = "outside diff"
    SUPPRESSED = "suppressed"
    BELOW_CONFIDENCE = "below confidence"
    ESCALATED = "escalated"
    REJECTED_BY_CLOUD = "rejected by cloud"
    DISABLED = "disabled"
    MOVED = "moved code"  # the flagged lines also appear among the diff's removed lines (moved or reflowed)
    ALREADY_THERE = "already there"  # the flagged code is on the lines its hunk replaces: the diff did not add it
    RESTORED = "restored by a revert"  # the change reverts commits, and the flagged code is as it was before them
    DEFAULT_UNUSED = "default never used"  # a test helper's default that no call leaves out (rules.callers)
    NOT_AN_EXCEPTION = "not an exception"  # the repository defines the called name as no exception (rules.callers)
    # the repository builds the name alone on a line in several places and never raises or catches it (rules.callers)
    NEVER_RAISED = "never raised here"
    # the repository defines it as a class whose constructor acts (shows, logs): building it is for that (rules.callers)
    CONSTRUCTOR_ACTS = "its constructor acts"
    NEVER_CALLED = "code nothing calls"  # in a private function the repository names only in its def (rules.callers)
    TASKS_KEPT = "tasks kept by the project"  # the repository installs its own task factory (rules.callers)
    SECURITY_TOOL = "a security tool"  # the project calls itself a penetration-testing tool (rules.purpose)
    PROJECT_STYLE = "the project writes == None"  # nearly all its comparisons with None use == / != (rules.practice)
    FOLDER_STYLE = "its plugin writes == None"  # so does the plugin folder it sits in, in a plugin collection
    SCRIPTS_STYLE = "its scripts write == None"  # so does the top-level folder of scripts it sits in (no package)
    # its own code defines an object that equals None (`__eq__`): `is None` would miss it (rules.practice)
    NULL_OBJECT = "the project's object equals None"
    LEN_AS_KEY = "the project indexes by len"  # it writes x[len(x)] in many places: no list is read so (rules.practice)
    WARNINGS_OFF = "the project's tests hide warnings"  # its pytest configuration hides every warning (rules.lintconfig)
    YAML_PYTHON_TAGS = "the project's YAML uses Python tags"  # its own YAML files need the full loader (rules.practice)
    YAML_OWN_TAGS = "the project's YAML uses its own tags"  # its code registers constructors there (rules.practice)


@dataclass(frozen=True)
class Routed:
    finding: Finding
    reported: bool
    why: Why


class RuleKind(str, enum.Enum):
    PATTERN = "pattern"  # deterministic: ast-grep finds it, confidence 1.0
    JUDGE = "judge"  # the model reads each changed hunk against the rule
    PATTERN_JUDGE = "pattern+judge"  # ast-grep finds candidates, the model confirms them


class PinnedBelow(NamedTuple):
    """A rule's `when_pinned_below` (reviewer.rules.pins): where the project holds `package` below `version`,
    the rule reports at `severity`. `released`, the day that version came out (`YYYY-MM-DD`), lets a change
    dated before it count as held below too when the project does not pin the package: it installed what
    was out then (a 2017 `yaml.load(f)` ran on PyYAML 3, where no TypeError existed)."""

    package: str
    version: tuple[int, ...]
    severity: "Severity"
    released: Optional[str] = None


@dataclass(frozen=True)
class Rule:
    """A rule loaded from YAML (rules are data, never code)."""

    id: str  # "pack/name", e.g. "python-crypto/weak-hash"
    pack: str
    title: str
    severity: Severity
    language: str
    description: str  # the text the model reads
    files: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # The ast-grep rule object (pattern/kind/inside/has/...), with `constraints` and `utils` if any.
    matcher: Optional[Mapping[str, Any]] = None
    fix: Optional[str] = None  # ast-grep rewrite template
    judge: Optional[str] = None  # a yes/no question for the model
    source: str = ""  # the YAML file it came from
    # (kind, code) pairs from the rule's `examples`, kind "bad" or "good"; shown to the model and in docs.
    examples: tuple[tuple[str, str], ...] = ()
    # Line of the rule's `id:` in `source`, for located messages.
    line: int = 0
    # Canonical `calls:`/`names:` resolved through each file's imports (reviewer.rules.resolve.Refs).
    refs: Optional[Any] = None
    # An ast-grep rule the matched node must also satisfy for the `fix` to be offered.
    fix_when: Optional[Mapping[str, Any]] = None
    # Per-context treatment, e.g. (("tests", "skip"), ("entry_points", "skip")) (reviewer.rules.context).
    context: tuple[tuple[str, str], ...] = ()
    # Off unless `rules.enable` names it (a style nit a team opts into).
    default_enabled: bool = True
    # A pattern+judge candidate no model confirmed: "info" (reported at info) or "skip" (not reported).
    unconfirmed: str = "info"
    # Rule ids ("pack/name") whose finding on the same node replaces this rule's: one comment, not two.
    defers_to: tuple[str, ...] = ()
    # The oldest Python the rule's advice works on (`requires_python: "3.2"`): not run where the project
    # supports an older one (reviewer.rules.pyversion).
    requires_python: Optional[tuple[int, int]] = None
    # The Python where what the rule flags starts to matter (`python_since: "3.12"`: a deprecation):
    # not run where the newest Python the project names is older (reviewer.rules.pyversion).
    python_since: Optional[tuple[int, int]] = None
    # A cheap ast-grep rule (kinds and fields, few patterns) some node of a file must match for `matcher`
    # to match there: checked first, so the costly rule is compiled only for files that pass.
    gate: Optional[Mapping[str, Any]] = None
    # "tests": in test files, reported only when a call in the repository leaves the flagged parameter out
    # (reviewer.rules.callers); a parameter-default rule only.
    callers: Optional[str] = None
    # "exception": a finding on a call stays unless the repository defines the called name as a function or a
    # class that derives from no exception (reviewer.rules.callers.Sources.not_an_exception).
    callee: Optional[str] = None
    # "custom-task-factory": not reported when the repository installs its own asyncio task factory
    # (reviewer.rules.callers.installs_task_factory), which keeps every task it makes; "security-tool": not
    # reported when the project calls itself an offensive security tool (reviewer.rules.purpose).
    unless_project: Optional[str] = None
    # One of the same kinds: where the project has it, the finding stays and its fix is withheld (`yaml-load`'s
    # `yaml.safe_load` would not read a project's own YAML tags).
    fix_unless_project: Optional[str] = None
    # (package, version, severity, released): where the project holds `package` below `version`, or a change
    # predates `released` and nothing pins it, the rule reports at `severity` (`yaml-load`'s TypeError needs
    # PyYAML 6; reviewer.rules.pins).
    when_pinned_below: Optional["PinnedBelow"] = None

    @property
    def kind(self) -> RuleKind:
        if self.matcher is not None and self.judge:
            return RuleKind.PATTERN_JUDGE
        return RuleKind.PATTERN if self.matcher is not None else RuleKind.JUDGE
