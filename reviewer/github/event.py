"""The workflow event: which pull request, which commits, and whether a review can be posted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from reviewer.errors import UsageError
from reviewer.git import DiffMode

SUPPORTED = ("pull_request", "pull_request_target", "push", "workflow_dispatch")
ZERO_SHA = "0" * 40
CHECKOUT_FIX = (
    "add `fetch-depth: 0` to the actions/checkout step (`with:` then `fetch-depth: 0`) so the base, "
    "the head and their merge-base are in the clone"
)


@dataclass(frozen=True)
class Event:
    name: str
    repository: str  # owner/name
    number: Optional[int] = None  # the pull request, when there is one
    base_sha: Optional[str] = None
    head_sha: Optional[str] = None
    base_ref: Optional[str] = None  # workflow_dispatch input or the pull request's base branch
    fork: bool = False

    @property
    def is_pull_request(self) -> bool:
        return self.number is not None

    @property
    def review_only(self) -> bool:
        """pull_request_target runs with a write token on the base: never run the head's code."""
        return self.name == "pull_request_target"


def load(path: Path, name: Optional[str], repository: str) -> Event:
    """Read GITHUB_EVENT_PATH; `name` is GITHUB_EVENT_NAME (inferred from the payload when unset)."""
    from reviewer.fsutil import load_json

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the event file {path}: {exc.strerror}") from None
    payload = load_json(raw, f"the event file {path}")
    if not isinstance(payload, dict):
        raise UsageError(f"the event file {path} does not hold a JSON object")
    name = name or _infer(payload)
    if name not in SUPPORTED:
        raise UsageError(f"event {name!r} is not supported (use one of {', '.join(SUPPORTED)})")
    repository = repository or str(_get(payload, "repository", "full_name") or "")
    if name.startswith("pull_request"):
        return _pull_request(name, payload, repository)
    if name == "push":
        before, after = payload.get("before"), payload.get("after")
        if not all(v is None or _is_sha(v) for v in (before, after)):
            raise UsageError("the push event's before and after must be commit ids")
        base = None if before in (None, ZERO_SHA) else str(before)
        return Event(name, repository, base_sha=base, head_sha=str(after) if after else None)
    inputs = payload.get("inputs") or {}
    base_ref = inputs.get("base") if isinstance(inputs, Mapping) else None
    return Event(name, repository, base_ref=str(base_ref) if base_ref else None)


def _is_sha(value: Any) -> bool:
    # A commit id (letters and digits only: never an option or a revision expression).
    return isinstance(value, str) and 4 <= len(value) <= 64 and value.isascii() and value.isalnum()


def _infer(payload: Mapping[str, Any]) -> str:
    if "pull_request" in payload:
        return "pull_request"
    if "before" in payload and "after" in payload:
        return "push"
    return "workflow_dispatch"


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _pull_request(name: str, payload: Mapping[str, Any], repository: str) -> Event:
    pr = payload.get("pull_request")
    number = _get(payload, "pull_request", "number") or payload.get("number")
    base, head = _get(pr, "base", "sha"), _get(pr, "head", "sha")
    if not isinstance(number, int) or not base or not head:
        raise UsageError("the pull_request event has no number, base.sha or head.sha")
    if not (_is_sha(base) and _is_sha(head)):
        raise UsageError("the pull_request event's base.sha and head.sha must be commit ids")
    head_repo = _get(pr, "head", "repo", "full_name")
    fork = bool(head_repo) and head_repo != _get(pr, "base", "repo", "full_name")
    return Event(name, repository, number, str(base), str(head), _get(pr, "base", "ref"), fork)


def diff_mode(event: Event, start: Path, base_override: Optional[str] = None) -> DiffMode:
    """What to review for this event; checks that the commits and their merge-base are in the clone."""
    if event.is_pull_request and not base_override:
        assert event.base_sha and event.head_sha
        _require(start, event.base_sha, "the pull request's base")
        _require(start, event.head_sha, "the pull request's head")
        _require_merge_base(start, event.base_sha, event.head_sha)
        # The head commit, not HEAD: actions/checkout checks out a merge commit for pull_request
        # events, and GitHub anchors review comments to the head's line numbers.
        return DiffMode(range=f"{event.base_sha}...{event.head_sha}")
    if event.name == "push" and event.base_sha and event.head_sha and not base_override:
        _require(start, event.base_sha, "the commit before the push")
        _require(start, event.head_sha, "the pushed commit")
        return DiffMode(range=f"{event.base_sha}..{event.head_sha}")
    return DiffMode(base=base_override or event.base_ref or "")


def _require(start: Path, sha: str, what: str) -> None:
    from reviewer.git import open_repo

    repo = open_repo(start)
    try:
        repo.git.rev_parse("--verify", "--quiet", sha + "^{commit}")
    except Exception:  # noqa: BLE001 - GitCommandError; GitPython is imported lazily
        raise UsageError(f"{what} ({sha[:12]}) is not in this clone: {CHECKOUT_FIX}") from None


def _require_merge_base(start: Path, base: str, head: str) -> None:
    from reviewer.git import open_repo

    repo = open_repo(start)
    try:
        repo.git.merge_base(base, head)
    except Exception:  # noqa: BLE001 - GitCommandError
        raise UsageError(f"no merge-base between {base[:12]} and {head[:12]} in this clone: {CHECKOUT_FIX}") from None
