"""`reviewer cost`: what the ledger says about local versus cloud tokens, and money.

Reads the repository's ledger (config `cloud.ledger`). Cloud spend is the sum
of the recorded `cost_usd`; the all-cloud figure adds `cost_avoided_usd`,
the local calls priced at the cloud prices of their day. Cache hits of the
result cache and failed calls are counted but cost nothing. The break-even
point is the monthly cost of a GPU box (hardware_cost / amortise_months +
power_cost_per_month) divided by the ledger's blended cloud price per token.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional

import click

from reviewer.errors import UsageError

DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class CostSummary:
    calls_local: int
    calls_cloud: int
    cache_hits: int
    failed_calls: int
    tokens_local: int
    tokens_cloud: int
    cache_read_tokens: int
    cache_write_tokens: int
    local_share_percent: float
    cloud_spend_usd: float
    cost_avoided_usd: float
    all_cloud_usd: float
    saving_percent: float
    files_sent: int
    redactions: int
    first: Optional[str]
    last: Optional[str]
    tokens_per_month: Optional[float]
    box_cost_per_month_usd: float
    blended_usd_per_million: float
    break_even_tokens_per_month: Optional[float]


def summarise(entries: Iterable[dict[str, Any]], cloud: Any, since: Optional[datetime] = None) -> CostSummary:
    """Totals over ledger entries at or after `since`."""
    calls = {True: 0, False: 0}
    tokens = {True: 0, False: 0}
    cache_hits = failed = cache_read = cache_write = redactions = 0
    spend = avoided = 0.0
    files: set[str] = set()
    times: list[datetime] = []
    for e in entries:
        when = _parse_time(e.get("time"))
        if when is None or (since is not None and when < since):
            continue
        times.append(when)
        if e.get("cached"):
            cache_hits += 1
            continue
        if e.get("error"):
            failed += 1
            continue
        cloud_call = bool(e.get("left_machine"))
        calls[cloud_call] += 1
        cr, cw = int(e.get("cache_read_tokens", 0)), int(e.get("cache_write_tokens", 0))
        tokens[cloud_call] += int(e.get("input_tokens", 0)) + int(e.get("output_tokens", 0)) + cr + cw
        cache_read += cr
        cache_write += cw
        spend += float(e.get("cost_usd", 0.0))
        avoided += float(e.get("cost_avoided_usd", 0.0))
        files.update(e.get("files") or ())
        redactions += sum((e.get("redactions") or {}).values())
    total = tokens[True] + tokens[False]
    all_cloud = spend + avoided
    # The ledger's own mix of input/output/cache tokens; with no tokens yet, the input price.
    per_million = all_cloud / total * 1_000_000 if total else float(cloud.price_input)
    box = (cloud.hardware_cost / cloud.amortise_months if cloud.amortise_months > 0 else 0.0) + cloud.power_cost_per_month
    per_month: Optional[float] = None
    if times:
        start = since or min(times)
        days = (max(times) - start).total_seconds() / 86400
        per_month = total / max(days, 1.0) * DAYS_PER_MONTH
    return CostSummary(
        calls_local=calls[False], calls_cloud=calls[True], cache_hits=cache_hits, failed_calls=failed,
        tokens_local=tokens[False], tokens_cloud=tokens[True], cache_read_tokens=cache_read,
        cache_write_tokens=cache_write,
        local_share_percent=tokens[False] / total * 100 if total else 0.0,
        cloud_spend_usd=spend, cost_avoided_usd=avoided, all_cloud_usd=all_cloud,
        saving_percent=avoided / all_cloud * 100 if all_cloud else 0.0,
        files_sent=len(files), redactions=redactions,
        first=min(times).isoformat() if times else None, last=max(times).isoformat() if times else None,
        tokens_per_month=per_month, box_cost_per_month_usd=box, blended_usd_per_million=per_million,
        break_even_tokens_per_month=box / per_million * 1_000_000 if box > 0 and per_million > 0 else None,
    )


def _usd(amount: float) -> str:
    """Dollars to the cent; amounts under a cent keep four decimals, so a small run does not read $0.00."""
    if 0 < abs(amount) < 0.01:
        return f"${amount:.4f}"
    return f"${amount:,.2f}"


def render_text(s: CostSummary, ledger: Path, price_date: str) -> str:
    if not (s.calls_local or s.calls_cloud or s.cache_hits or s.failed_calls):
        return f"no model calls recorded in {ledger}\n"
    lines = [
        f"ledger: {ledger} ({s.first} .. {s.last})",
        f"calls: {s.calls_local} local, {s.calls_cloud} cloud, {s.cache_hits} result-cache hit(s), {s.failed_calls} failed",
        f"tokens served locally: {s.tokens_local:,}",
        f"tokens served in the cloud: {s.tokens_cloud:,} (cache read {s.cache_read_tokens:,}, cache write {s.cache_write_tokens:,})",
        f"local share: {s.local_share_percent:.1f}%",
        f"cloud spend: {_usd(s.cloud_spend_usd)}",
        f"all-cloud cost of the same work: {_usd(s.all_cloud_usd)}",
        f"saving: {_usd(s.cost_avoided_usd)} ({s.saving_percent:.1f}%)",
        f"code sent to the cloud: {s.files_sent} file(s); {s.redactions} secret(s) masked before sending",
        f"blended cloud price: ${s.blended_usd_per_million:,.2f} per million tokens (prices as of {price_date}; see docs/cloud.md)",
    ]
    if s.break_even_tokens_per_month is None:
        lines.append("break-even: set cloud.hardware_cost (and power_cost_per_month) to compare with a GPU box")
    else:
        volume = "" if s.tokens_per_month is None else f"; your volume: {s.tokens_per_month:,.0f} tokens/month"
        lines.append(f"break-even for a GPU box (${s.box_cost_per_month_usd:,.2f}/month): "
                     f"{s.break_even_tokens_per_month:,.0f} tokens/month{volume}")
    return "\n".join(lines) + "\n"


def _parse_time(value: Any) -> Optional[datetime]:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def parse_since(text: str) -> datetime:
    t = _parse_time(text)
    if t is None:
        raise UsageError(f"--since: {text!r} is not a date (use YYYY-MM-DD or an ISO time)")
    return t


@click.command(name="cost")
@click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in this folder.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Configuration file (default: .reviewer.toml or [tool.reviewer] in pyproject.toml).")
@click.option("--since", metavar="DATE", default=None, help="Only calls at or after DATE (YYYY-MM-DD or ISO time).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(repo: Optional[Path], config_path: Optional[Path], since: Optional[str], fmt: str) -> None:
    """Tokens served locally versus in the cloud, what that cost, and what it saved."""
    from reviewer.cli import _git_root, load_config
    from reviewer.engine.ledger import read

    cfg, start = load_config(repo, config_path)
    root = _git_root(start) or start
    path = Path(cfg.cloud.ledger)
    path = path if path.is_absolute() else root / path
    summary = summarise(read(path), cfg.cloud, parse_since(since) if since else None)
    if fmt == "json":
        out = {"ledger": str(path), "price_date": cfg.cloud.price_date, **asdict(summary)}
        click.echo(json.dumps(out, indent=2))
    else:
        click.echo(render_text(summary, path, cfg.cloud.price_date), nl=False)
