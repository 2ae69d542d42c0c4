"""The ledger (LedgerBackend wrapper, concurrent appends) and `reviewer cost` arithmetic to the cent."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
from pathlib import Path
from typing import Sequence

import pytest

from reviewer.config import CloudConfig
from reviewer.engine.base import Completion, Request, YesNo
from reviewer.engine.cloud import AnthropicBackend
from reviewer.engine.ledger import Ledger, LedgerBackend, Prices, read
from reviewer.errors import BackendError
from tests.anthropic_stub import AnthropicStub

PRICES = Prices.from_config(CloudConfig())  # 2 / 10 / 0.2 / 2.5 USD per million


class LocalDouble:
    """A stand-in local backend: the real transformers backend lives on branch `engine` (not merged yet).

    LedgerBackend only sees the Backend protocol, which is what this class implements.
    """

    name = "transformers"
    model_id = "tiny-local"
    leaves_machine = False

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def complete(self, requests: Sequence[Request]) -> list[Completion]:
        if self.fail:
            raise BackendError("out of memory")
        return [Completion("{}", input_tokens=len(r.user), output_tokens=10, cached=r.purpose == "cached")
                for r in requests]

    def confidence(self, questions: Sequence[YesNo]) -> list[float]:
        return [0.5 for _ in questions]


def test_local_calls_are_priced_as_cost_avoided(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.jsonl", PRICES, "claude-sonnet-5-5")
    b = LedgerBackend(LocalDouble(), ledger)
    assert (b.name, b.leaves_machine) == ("transformers", False)
    b.complete([Request("s", "x" * 900_000, paths=("a.py",)), Request("s", "y", purpose="cached")])
    real, cached = list(read(ledger.path))
    assert real["cost_avoided_usd"] == pytest.approx((900_000 * 2 + 10 * 10) / 1e6)  # $1.8001
    assert (real["cost_usd"], real["left_machine"], real["files"]) == (0.0, False, [])
    assert (cached["cached"], cached["cost_avoided_usd"], cached["cost_usd"]) == (True, 0.0, 0.0)
    assert real["priced_as"] == "claude-sonnet-5-5" and real["prices"]["date"] == CloudConfig().price_date


def test_failed_call_is_recorded_and_raised(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.jsonl", PRICES)
    with pytest.raises(BackendError):
        LedgerBackend(LocalDouble(fail=True), ledger).complete([Request("s", "u")])
    [entry] = read(ledger.path)
    assert "out of memory" in entry["error"] and entry["cost_avoided_usd"] == 0.0


def test_confidence_calls_are_recorded_as_estimates(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "l.jsonl", PRICES)
    LedgerBackend(LocalDouble(), ledger).confidence([YesNo("s" * 40, "u" * 40)])
    [entry] = read(ledger.path)
    assert (entry["purpose"], entry["input_tokens"], entry["estimated"]) == ("verify", 20, True)


def test_cloud_calls_record_cache_tokens_files_and_redactions(tmp_path: Path) -> None:
    secret = "AKIAIOSFODNN7EXAMPLE"
    with AnthropicStub(CloudConfig().model) as stub:
        stub.secrets = [secret]
        cloud = AnthropicBackend(dataclasses.replace(CloudConfig(), max_retries=0), key="k", base_url=stub.url)
        ledger = Ledger(tmp_path / "l.jsonl", PRICES)
        b = LedgerBackend(cloud, ledger)
        b.complete([Request("sys", f'key = "{secret}"', paths=("src/a.py",))] * 2)
    assert stub.violations == []
    first, second = read(ledger.path)
    assert (first["left_machine"], first["files"], first["backend"]) == (True, ["src/a.py"], "anthropic")
    assert (first["cache_write_tokens"], second["cache_read_tokens"]) == (1200, 1200)
    # 300 in, 40 out, 1200 cache write: (300*2 + 40*10 + 1200*2.5) / 1e6
    assert first["cost_usd"] == pytest.approx(0.004)
    assert second["cost_usd"] == pytest.approx((300 * 2 + 40 * 10 + 1200 * 0.2) / 1e6)
    assert first["redactions"] and secret not in ledger.path.read_text()


def _append_many(path: str, worker: int) -> None:
    ledger = Ledger(Path(path), PRICES)
    for i in range(150):
        ledger.record(backend="w", model=str(worker), left_machine=True, purpose="p",
                      files=[f"dir{worker}/file{i}_{'x' * 60}.py" for _ in range(80)], input_tokens=i)


def test_concurrent_appends_never_interleave(tmp_path: Path) -> None:
    # Lines of ~6 KB, above PIPE_BUF: one O_APPEND write each keeps them whole.
    path = tmp_path / "l.jsonl"
    procs = [multiprocessing.get_context("fork").Process(target=_append_many, args=(str(path), w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    lines = path.read_text().splitlines()
    assert len(lines) == 600
    entries = [json.loads(line) for line in lines]  # raises on a torn line
    assert sorted(e["model"] for e in entries).count("3") == 150


# --- reviewer cost on a known ledger -----------------------------------------------------------

KNOWN = [
    {"time": "2026-10-01T09:00:00+00:00", "backend": "transformers", "left_machine": False, "input_tokens": 1_000_000,
     "output_tokens": 200_000, "cost_usd": 0.0, "cost_avoided_usd": 4.0, "files": []},
    {"time": "2026-11-02T09:00:00+00:00", "backend": "transformers", "left_machine": False, "input_tokens": 2_500_000,
     "output_tokens": 500_000, "cost_usd": 0.0, "cost_avoided_usd": 10.0, "files": []},
    {"time": "2026-11-02T10:00:00+00:00", "backend": "anthropic", "left_machine": True, "input_tokens": 100_000,
     "output_tokens": 20_000, "cache_read_tokens": 400_000, "cache_write_tokens": 60_000, "cost_usd": 0.63,
     "cost_avoided_usd": 0.0, "files": ["a.py", "b.py"], "redactions": {"aws access key": 2}},
    {"time": "2026-11-03T09:00:00+00:00", "backend": "transformers", "left_machine": False, "cached": True,
     "input_tokens": 1000, "output_tokens": 10, "cost_usd": 0.0, "cost_avoided_usd": 0.0},
    {"time": "2026-11-03T10:00:00+00:00", "backend": "anthropic", "left_machine": True, "error": "timed out",
     "cost_usd": 0.0, "cost_avoided_usd": 0.0, "files": ["c.py"]},
]


def write_known(root: Path) -> None:
    (root / ".reviewer").mkdir(parents=True)
    text = "".join(json.dumps(e) + "\n" for e in KNOWN) + '{"time": "2026-11-04T00:00:00+00:00", "back'  # torn tail
    (root / ".reviewer" / "ledger.jsonl").write_text(text)
    (root / ".reviewer.toml").write_text("[cloud]\nhardware_cost = 7200\namortise_months = 36\npower_cost_per_month = 40\n")


def test_recorded_cost_matches_the_known_ledger() -> None:
    # The third KNOWN line, priced by Ledger's own arithmetic: 0.2 + 0.2 + 0.08 + 0.15 = $0.63.
    assert PRICES.cost(100_000, 20_000, 400_000, 60_000) == pytest.approx(0.63)
    assert PRICES.cost(2_500_000, 500_000) == pytest.approx(10.0)


def test_cost_json_to_the_cent(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write_known(tmp_path)
    res = cli("cost", "-C", str(tmp_path), "--format", "json")
    assert res.code == 0, res
    data = json.loads(res.out)
    assert (data["tokens_local"], data["tokens_cloud"]) == (4_200_000, 580_000)
    assert (data["calls_local"], data["calls_cloud"], data["cache_hits"], data["failed_calls"]) == (2, 1, 1, 1)
    assert round(data["cloud_spend_usd"], 2) == 0.63
    assert round(data["all_cloud_usd"], 2) == 14.63
    assert round(data["saving_percent"], 2) == round(14.0 / 14.63 * 100, 2) == 95.69
    assert round(data["local_share_percent"], 2) == 87.87
    assert data["box_cost_per_month_usd"] == pytest.approx(240.0)  # 7200/36 + 40
    assert round(data["break_even_tokens_per_month"]) == round(240 / (14.63 / 4_780_000))
    assert (data["files_sent"], data["redactions"]) == (2, 2)


def test_cost_since_and_text(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write_known(tmp_path)
    res = cli("cost", "-C", str(tmp_path), "--since", "2026-11-01")
    assert res.code == 0, res
    assert "tokens served locally: 3,000,000" in res.out
    assert "local share: 83.8%" in res.out  # 3.0M / 3.58M
    assert "cloud spend: $0.63" in res.out
    assert "all-cloud cost of the same work: $10.63" in res.out
    assert "saving: $10.00 (94.1%)" in res.out
    assert "break-even for a GPU box ($240.00/month)" in res.out


def test_cost_bad_since_and_empty_ledger(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("cost", "-C", str(tmp_path), "--since", "last tuesday")
    assert res.code == 2 and "is not a date" in res.err
    res = cli("cost", "-C", str(tmp_path))
    assert res.code == 0 and "no model calls recorded" in res.out


def test_cost_text_shows_amounts_under_a_cent(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    # One short escalation costs a fraction of a cent: "$0.00" would read as "nothing was spent".
    base = {"time": "2026-11-23T16:00:00+00:00", "model": "m", "cache_read_tokens": 0, "cache_write_tokens": 0,
            "cached": False, "files": [], "latency_s": 0.1, "prices": {}}
    lines = [dict(base, backend="transformers", left_machine=False, input_tokens=210, output_tokens=1,
                  cost_usd=0.0, cost_avoided_usd=0.00043),
             dict(base, backend="anthropic", left_machine=True, input_tokens=300, output_tokens=40,
                  cost_usd=0.004, cost_avoided_usd=0.0, files=["a.py"])]
    (tmp_path / ".reviewer").mkdir()
    (tmp_path / ".reviewer" / "ledger.jsonl").write_text("".join(json.dumps(e) + "\n" for e in lines))
    res = cli("cost", "-C", str(tmp_path))
    assert res.code == 0, res
    assert "cloud spend: $0.0040" in res.out
    assert "all-cloud cost of the same work: $0.0044" in res.out
    assert "saving: $0.0004 (9.7%)" in res.out
