"""`reviewer github`: the GitHub Action's one command.

Reads the workflow event, reviews the pull request's diff (base...head from
the event), posts one review and the summary comment, writes the job summary,
and exits per --fail-level. Without a pull request (push, workflow_dispatch)
or without write access (fork pull requests), findings become annotations.
On a later push to the same pull request only the new commits are reviewed
(reviewer/github/incremental.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import click

from reviewer.cli import load_config, status_printer
from reviewer.errors import EXIT_FINDINGS, BackendError, UsageError


def _tasks(text: Optional[str]) -> Optional[tuple[str, ...]]:
    if text is None or not text.strip():
        return None
    return tuple(t.strip() for t in text.replace(" ", ",").split(",") if t.strip())


@click.command(name="github")
@click.option("--token", envvar="GITHUB_TOKEN", default=None, help="Token for the API. [env: GITHUB_TOKEN]")
@click.option("--event-path", envvar="GITHUB_EVENT_PATH", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="The event payload. [env: GITHUB_EVENT_PATH]")
@click.option("--event-name", envvar="GITHUB_EVENT_NAME", default=None,
              help="pull_request, pull_request_target, push or workflow_dispatch. [env: GITHUB_EVENT_NAME]")
@click.option("--repository", envvar="GITHUB_REPOSITORY", default="", help="owner/name. [env: GITHUB_REPOSITORY]")
@click.option("--api-url", envvar="GITHUB_API_URL", default="https://api.github.com", show_default=True,
              help="API root (GitHub Enterprise: https://HOST/api/v3). [env: GITHUB_API_URL]")
@click.option("--summary-path", envvar="GITHUB_STEP_SUMMARY", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Append the Markdown job summary here. [env: GITHUB_STEP_SUMMARY]")
@click.option("--tasks", "tasks_text", default=None, metavar="LIST",
              help="Comma-separated: review, docstrings, tests, coverage. [default: from configuration]")
@click.option("--base", default=None, metavar="REF", help="Review against this base instead of the event's.")
@click.option("--fail-level", type=click.Choice(["none", "info", "warning", "error"]), default=None,
              help="Exit 1 when a reported finding is at or above this severity. [default: error]")
@click.option("--max-comments", type=click.IntRange(min=0), default=None,
              help="Inline comments per run; the rest go in the review body. [default: 30]")
@click.option("--max-comments-per-rule", type=click.IntRange(min=0), default=None,
              help="Inline comments of one rule in one file (0: no limit); the rest go in the review body. "
                   "[default: 3]")
@click.option("--request-changes/--no-request-changes", default=None,
              help="REQUEST_CHANGES (instead of COMMENT) when findings reach --fail-level.")
@click.option("--model", default=None, metavar="ID|PATH", help="Hugging Face model id or local folder.")
@click.option("--device", default=None, help="auto, cpu, cuda, cuda:1.")
@click.option("--server", default=None, metavar="URL", help="A shared OpenAI-compatible server (vLLM, `reviewer serve`).")
@click.option("--no-model", is_flag=True, help="Rules only.")
@click.option("--cloud", "cloud_policy", type=click.Choice(["never", "escalate", "always"]), default=None,
              help="When findings may go to the cloud model. [default: never]")
@click.option("--rules", "rules_paths", multiple=True, metavar="PATH", help="Extra rule folders (repeatable).")
@click.option("--coverage-file", default=None, metavar="PATH", help=".coverage, coverage.json or coverage.xml.")
@click.option("--sarif", "sarif_path", default=None, metavar="PATH", help="Also write SARIF 2.1.0 here.")
@click.option("--no-post", is_flag=True, help="Post nothing: annotations and the job summary only.")
@click.option("-C", "--repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in this folder.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file.")
def command(token: Optional[str], event_path: Optional[Path], event_name: Optional[str], repository: str,
            api_url: str, summary_path: Optional[Path], tasks_text: Optional[str], base: Optional[str],
            fail_level: Optional[str], max_comments: Optional[int], max_comments_per_rule: Optional[int],
            request_changes: Optional[bool],
            model: Optional[str], device: Optional[str], server: Optional[str], no_model: bool,
            cloud_policy: Optional[str], rules_paths: tuple[str, ...], coverage_file: Optional[str],
            sarif_path: Optional[str], no_post: bool, repo: Optional[Path], config_path: Optional[Path]) -> None:
    """Review a pull request in GitHub Actions and post the results.

    \b
    One review per run, inline comments with one-click suggestions, one
    summary comment updated in place, annotations when it cannot post.
    """
    from reviewer import pipeline, router
    from reviewer.github import event as eventmod

    if event_path is None:
        raise UsageError("no event: run inside GitHub Actions, or pass --event-path FILE (GITHUB_EVENT_PATH)")
    event = eventmod.load(event_path, event_name, repository)
    cfg, start = load_config(
        repo, config_path, fail_level=fail_level, tasks=_tasks(tasks_text),
        github__max_comments=max_comments, github__max_comments_per_rule=max_comments_per_rule,
        github__request_changes=request_changes,
        model__model=model, model__device=device, model__server=server,
        model__backend="none" if no_model else None, cloud__policy=cloud_policy,
        rules__paths=tuple(rules_paths) or None, coverage__file=coverage_file or None,
    )
    status = status_printer()
    tasks = cfg.tasks
    if event.review_only and tasks != ("review",):
        status("reviewer: pull_request_target runs review only (other tasks would run the pull request's code)")
        tasks = ("review",)
    mode = eventmod.diff_mode(event, start, base)
    scope = _scope(event, start, token, api_url, no_post, base, status)
    if scope is not None and scope.kind == "unchanged":
        _unchanged(scope, summary_path, status)
        if scope.last is not None and scope.last.failing and cfg.fail_level != "none":
            raise SystemExit(EXIT_FINDINGS)
        return
    if scope is not None and scope.kind == "incremental":
        from reviewer.git import DiffMode

        mode = DiffMode(range=scope.range)
    if scope is not None:
        status(f"reviewer: {scope.describe()}")
    result = pipeline.run(cfg, start, mode, tasks, status=status)
    failing = router.fails(result.routed, cfg.fail_level)
    if sarif_path:
        from reviewer.report import sarif

        Path(sarif_path).write_text(sarif.render(result, False), encoding="utf-8")
    error = _post(result, event, cfg, failing, token, api_url, no_post, summary_path, status, scope)
    if error is not None:
        raise error
    if failing:
        raise SystemExit(EXIT_FINDINGS)


def _scope(event: Any, start: Path, token: Optional[str], api_url: str, no_post: bool, base: Optional[str],
           status: Any) -> Any:
    """Incremental review: read the last reviewed head from the summary comment and decide the range.

    None (review as the event says) when nothing can be posted anyway, or --base overrides the range.
    """
    from reviewer.github import comments, incremental
    from reviewer.github.client import ApiError, Client, Pacing

    if no_post or not token or not event.is_pull_request or base or not event.repository:
        return None
    client = Client(token, event.repository, api_url, Pacing.from_env())
    try:
        body = client.issue_comment_body(client.pull(event.number), comments.SUMMARY_MARKER)
    except (ApiError, BackendError) as exc:
        status(f"reviewer: could not read the summary comment ({exc}); reviewing the whole pull request")
        body = None
    return incremental.decide(start, event.base_sha, event.head_sha, incremental.read_state(body))


def _unchanged(scope: Any, summary_path: Optional[Path], status: Any) -> None:
    """Same head as the last review: nothing to review, nothing to post; the recorded verdict stands."""
    line = scope.describe()
    if scope.last is not None and scope.last.failing:
        line += " The last review reached the fail level; its findings are on the pull request."
    status(f"reviewer: {line}")
    if summary_path is not None:
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(f"## reviewer\n\n{line}\n\n")


def _post(result: Any, event: Any, cfg: Any, failing: bool, token: Optional[str], api_url: str, no_post: bool,
          summary_path: Optional[Path], status: Any, scope: Any = None) -> Optional[BackendError]:
    """Post to the pull request, or fall back to annotations; always write the job summary."""
    from reviewer.github.client import ApiError, Client, Pacing
    from reviewer.github.publish import publish
    from reviewer.report import markdown, workflow_commands

    reason: Optional[str] = None
    line = ""
    error: Optional[BackendError] = None
    if no_post:
        reason = "--no-post: annotations only"
    elif not event.is_pull_request:
        reason = f"{event.name} event: no pull request to review, annotations only"
    elif not token:
        reason = "no token (GITHUB_TOKEN or --token): annotations only"
    elif not event.repository:
        raise UsageError("no repository: set GITHUB_REPOSITORY or pass --repository OWNER/NAME")
    else:
        client = Client(token, event.repository, api_url, Pacing.from_env())
        try:
            outcome = publish(result, event, client, cfg, failing, status, scope)
        except ApiError as exc:
            reason = f"GitHub API error {exc.status} ({exc.message}): annotations only"
            error = BackendError(f"could not post to the pull request: GitHub answered {exc.status} ({exc.message})")
        except BackendError as exc:  # retries exhausted, connection refused: still report every finding
            reason = f"{exc.message}: annotations only"
            error = exc
        else:
            reason = outcome.fallback
            for note in outcome.notes:
                status(f"reviewer: {note}")
            line = (f"Posted review: {outcome.inline} inline, {outcome.in_body} in the body, "
                    f"{outcome.already} already there, {outcome.deleted} removed; summary comment {outcome.summary}.")
            if reason is None:
                status(f"reviewer: {line}")
    if reason is not None:
        from reviewer.escape import terminal

        status(f"reviewer: {terminal(reason)}")
        click.echo(workflow_commands.render(result, False), nl=False)
    if summary_path is not None:
        text = markdown.render_body(result) + (f"\n{scope.describe()}\n" if scope is not None else "")
        from reviewer.escape import prose

        # `reason` may carry GitHub's own error text: inert in the job summary like any untrusted text.
        text += (f"\n{line}\n" if line else "") + (f"\n{prose(reason)}\n" if reason else "")
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return error
