"""The GitHub API calls this tool makes, through PyGithub.

PyGithub's GithubRetry retries 5xx answers and secondary rate limits with
backoff (it honours Retry-After); 403/404 and 422 are raised as ApiError for
the caller to handle (fork tokens are read-only; 422 is a rejected anchor).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from reviewer.errors import BackendError, UsageError
from reviewer.github.review import Existing

if TYPE_CHECKING:
    from github.PullRequest import PullRequest

DEFAULT_API_URL = "https://api.github.com"


class ApiError(Exception):
    """An API answer the caller decides about (403, 404, 422...)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message

    @property
    def read_only(self) -> bool:
        return self.status in (401, 403, 404)


@dataclass(frozen=True)
class Pacing:
    """Retry backoff and the pause between writes (GitHub asks for about 1 s); tests set both to 0."""

    backoff: float = 1.0
    between_writes: float = 1.0
    retries: int = 5

    @classmethod
    def from_env(cls) -> "Pacing":
        raw = os.environ.get("REVIEWER_GITHUB_PACE")
        if raw is None:
            return cls()
        try:
            value = float(raw)
        except ValueError:
            raise UsageError(f"REVIEWER_GITHUB_PACE must be a number of seconds, not {raw!r}") from None
        return cls(backoff=value, between_writes=value)


def _wrap(exc: Exception) -> Exception:
    from github import GithubException

    if isinstance(exc, GithubException):
        data = exc.data if isinstance(exc.data, dict) else {}
        message = str(data.get("message") or exc.message or "")
        errors = data.get("errors")
        if errors:
            message += f" ({errors})"
        return ApiError(exc.status, message)
    return BackendError(f"GitHub API request failed: {type(exc).__name__}: {exc}")


def _log_to_current_stderr() -> None:
    """PyGithub binds a StreamHandler to the stderr of import time; its retry notes should go to today's."""
    import logging
    import sys

    for handler in logging.getLogger("github").handlers:
        if type(handler) is logging.StreamHandler:
            handler.stream = sys.stderr  # not setStream(): it flushes the old stream, which may be closed


class Client:
    """One pull request (or none) of one repository."""

    def __init__(self, token: str, repository: str, api_url: str = DEFAULT_API_URL, pacing: Optional[Pacing] = None):
        try:
            from github import Auth, Github, GithubRetry
        except ImportError:
            raise UsageError("the GitHub integration needs PyGithub: pip install 'reviewer[github]'") from None
        _log_to_current_stderr()
        pacing = pacing or Pacing()
        retry = GithubRetry(total=pacing.retries, backoff_factor=pacing.backoff,
                            secondary_rate_wait=max(pacing.backoff, 0.0) * 60)
        self._gh = Github(auth=Auth.Token(token), base_url=api_url.rstrip("/"), retry=retry, timeout=30,
                          seconds_between_requests=None, seconds_between_writes=pacing.between_writes or None)
        self.repository = repository
        self._repo: Any = None
        self._comments: dict[int, Any] = {}  # listed review comments, by id, for deletion

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - mapped to ApiError/BackendError in one place
            raise _wrap(exc) from None

    def pull(self, number: int) -> "PullRequest":
        if self._repo is None:
            self._repo = self._gh.get_repo(self.repository, lazy=True)
        return self._call(self._repo.get_pull, number)  # type: ignore[no-any-return]

    def files(self, pull: "PullRequest") -> list[tuple[str, Optional[str]]]:
        return self._call(lambda: [(f.filename, f.patch) for f in pull.get_files()])  # type: ignore[no-any-return]

    def review_comments(self, pull: "PullRequest") -> list[Existing]:
        def read() -> list[Existing]:
            listed = list(pull.get_review_comments())
            self._comments.update((c.id, c) for c in listed)
            return [Existing(c.id, c.path, c.body or "", c.in_reply_to_id) for c in listed]

        return self._call(read)  # type: ignore[no-any-return]

    def review_bodies(self, pull: "PullRequest") -> list[str]:
        return self._call(lambda: [r.body or "" for r in pull.get_reviews()])  # type: ignore[no-any-return]

    def create_review(self, pull: "PullRequest", commit_sha: str, body: str, event: str,
                      comments: list[dict[str, Any]]) -> int:
        commit = self._call(self._repo.get_commit, commit_sha)
        review = self._call(pull.create_review, commit=commit, body=body, event=event, comments=comments)
        return int(review.id)

    def delete_review_comment(self, pull: "PullRequest", comment_id: int) -> None:
        comment = self._comments.get(comment_id) or self._call(pull.get_review_comment, comment_id)
        self._call(comment.delete)

    def upsert_issue_comment(self, pull: "PullRequest", marker: str, body: str) -> tuple[str, Optional[str]]:
        """Update the comment holding `marker`, or create it. Returns (created|updated|unchanged, url)."""
        def run() -> tuple[str, Optional[str]]:
            for c in pull.get_issue_comments():
                if marker in (c.body or ""):
                    if c.body == body:
                        return "unchanged", c.html_url
                    c.edit(body)
                    return "updated", c.html_url
            c = pull.create_issue_comment(body)
            return "created", c.html_url

        return self._call(run)  # type: ignore[no-any-return]

    def issue_comment_body(self, pull: "PullRequest", marker: str) -> Optional[str]:
        """The body of this tool's comment holding `marker` (the summary comment), or None."""
        def run() -> Optional[str]:
            for c in pull.get_issue_comments():
                if marker in (c.body or ""):
                    return str(c.body)
            return None

        return self._call(run)  # type: ignore[no-any-return]
