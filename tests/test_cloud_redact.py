"""Redaction: every secret shape is masked, ordinary code is left alone, only kinds and counts come back."""

from __future__ import annotations

import pytest

from reviewer.engine.redact import describe, redact

SECRETS = {
    "aws": ('aws_id = "AKIAIOSFODNN7EXAMPLE"', "AKIAIOSFODNN7EXAMPLE"),
    "github": ("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
    "anthropic": ("client = Anthropic(api_key=sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2)", "sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2"),
    "assignment": ('db_password = "hunter2hunter2"', "hunter2hunter2"),
    "dict": ('{"api_key": "q8Wz3kLm9Pv2"}', "q8Wz3kLm9Pv2"),
    "url": ('DSN = "postgres://app:s3cr3t-pw@db.internal:5432/app"', "s3cr3t-pw"),
    "env": ("STRIPE_SECRET=whsec_live_4eC39HqLyjWDarjtT1zdp7dc", "whsec_live_4eC39HqLyjWDarjtT1zdp7dc"),
    "env-export": ("export AUTH_TOKEN=abc123def456", "abc123def456"),
    "diff-line": ("+SESSION_SECRET=plain-but-secret", "plain-but-secret"),
    "slack": ('hook = "xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx"',
              "xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx"),
}


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_secret_is_masked(name: str) -> None:
    line, secret = SECRETS[name]
    r = redact(f"def f():\n    pass\n{line}\nx = 1\n")
    assert secret not in r.text
    assert "[REDACTED:" in r.text and r.count >= 1
    assert "def f():\n    pass\n" in r.text and r.text.endswith("x = 1\n")  # the rest is untouched


def test_private_key_block_is_masked_whole() -> None:
    body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK"
    text = f"KEY = '''\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n'''\nprint(KEY)\n"
    r = redact(text)
    assert "MIIEow" not in r.text and "BEGIN RSA" not in r.text
    assert r.kinds.get("private key") == 1 and "print(KEY)" in r.text


def test_ordinary_code_is_left_alone() -> None:
    code = (
        "def fingerprint(password: str) -> str:\n"
        "    return hashlib.md5(password.encode('utf-8')).hexdigest()\n"
        "token = secrets.token_urlsafe(32)\n"
        "if values == None:\n"
        "    return values[len(values)]\n"
        "url = 'https://example.com/path'\n"
        "password = get_password()\n"
    )
    r = redact(code)
    assert r.text == code and r.count == 0


def test_kinds_and_counts_never_values() -> None:
    r = redact('a = "AKIAIOSFODNN7EXAMPLE"\nb = "AKIAIOSFODNN7EXAMPLE"\npassword = "hunter2hunter2"\n')
    assert r.count == 3
    summary = describe(r.kinds)
    assert summary.startswith("3 secret(s) masked (") and "AKIA" not in summary and "hunter2" not in summary


def test_redaction_is_idempotent() -> None:
    once = redact('password = "hunter2hunter2"\nAPI_KEY=abcdef123456\n')
    twice = redact(once.text)
    assert twice.text == once.text and twice.count == 0


def test_quoted_words_are_not_high_entropy_secrets() -> None:
    # detect-secrets' entropy plugins apply their limit outside analyze_string: ordinary quoted words
    # (a prompt's 'verdict "confirm"', a dict key) must reach the cloud as written.
    text = 'verdict "confirm" or "rewrite"; put it in "message", with "confidence" and "reason".\nmode = "deadbeef"\n'
    r = redact(text)
    assert r.text == text and r.count == 0


def test_high_entropy_quoted_string_is_still_masked() -> None:
    value = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A="
    r = redact(f'blob = "{value}"\n')
    assert value not in r.text and r.count == 1


# --- the corpus: fake secrets and look-alikes, framed by the real prompt builders ---------------------------

import dataclasses  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import tomllib  # noqa: E402
import uuid  # noqa: E402
from base64 import b64encode  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Iterator  # noqa: E402

CORPUS = Path(__file__).parent / "data" / "redaction"
_CLASSES = {
    "alnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "hex": "0123456789abcdef", "HEX": "0123456789ABCDEF", "lower": "abcdefghijklmnopqrstuvwxyz",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "digits": "0123456789",
    "b64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "b64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-",
    "base32": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "upalnum": "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "lowalnum": "abcdefghijklmnopqrstuvwxyz0123456789", "bech32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
    "pw": "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*-_",
}
_GEN = re.compile(r"«([^»]*)»")


def _expand(spec: str, rng: random.Random) -> str:
    """A value from its shape: `«hex:32»` draws 32 hex digits, `«basic»` a Basic credential, `«x»` is x."""
    def one(m: "re.Match[str]") -> str:
        token = m.group(1)
        if ":" in token and token.split(":")[0] in _CLASSES:
            name, n = token.split(":")
            chars = _CLASSES[name]
            out = "".join(rng.choice(chars) for _ in range(int(n)))
            if name == "pw":  # a password has at least a digit, a capital and a sign
                out = out[:-3] + rng.choice("23456789") + rng.choice("ABCDEFGH") + rng.choice("!#%*")
            return out
        if token == "basic":
            pw = "".join(rng.choice(_CLASSES["pw"]) for _ in range(14))
            return b64encode(f"svc-user:{pw}".encode()).decode()
        if token == "uuid":
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        return token  # a literal piece: `gh«p»_` keeps `ghp_` itself out of this repository

    return _GEN.sub(one, spec)


@dataclasses.dataclass(frozen=True)
class Entry:
    index: int
    kind: str
    path: str
    text: str  # the file's content
    value: str  # the secret ("" for a look-alike)
    line: int  # the line the secret starts on


def corpus() -> tuple[list[Entry], list[Entry]]:
    secrets, lookalikes = [], []
    data = tomllib.loads((CORPUS / "secrets.toml").read_text(encoding="utf-8"))
    for i, raw in enumerate(data["secret"]):
        rng = random.Random(f"secret-{i}")
        value = _expand(raw["value"].strip("\n"), rng)
        template = raw["text"].strip("\n")
        assert template.count("«secret»") == 1, raw["kind"]
        text = _expand(template.replace("«secret»", "\0"), rng).replace("\0", value)
        line = text[: text.index(value)].count("\n") + 1
        secrets.append(Entry(i, raw["kind"], f"s{i:03d}/{raw['file']}", text + "\n", value, line))
    data = tomllib.loads((CORPUS / "lookalikes.toml").read_text(encoding="utf-8"))
    for i, raw in enumerate(data["lookalike"]):
        text = _expand(raw["text"].strip("\n"), random.Random(f"lookalike-{i}"))
        lookalikes.append(Entry(i, raw["kind"], f"l{i:03d}/{raw['file']}", text + "\n", "", 1))
    return secrets, lookalikes


def leaked(entry: Entry, sent: str) -> bool:
    """Whether any 10-character piece of the secret (each line, for a multi-line key) reached `sent`."""
    rest = entry.text.replace(entry.value, "")  # pieces that also occur outside the secret prove nothing
    for part in re.split(r"\n|\\n", entry.value):
        width = min(10, len(part))
        for i in range(0, len(part) - width + 1):
            piece = part[i:i + width]
            if piece in sent and piece not in rest:
                return True
    return False


def frame_pipe(text: str) -> str:
    """`12 | line`: the frame the issue reported, which defeated line-anchored patterns."""
    return "\n".join(f"{n} | {s}" for n, s in enumerate(text.splitlines(), 40))


def test_corpus_size() -> None:
    secrets, lookalikes = corpus()
    assert len(secrets) >= 120 and len({e.kind for e in secrets}) >= 45 and len(lookalikes) >= 60
    for e in secrets:  # the generated values really have their shapes (a corpus bug would flatter the figures)
        assert e.value and e.value in e.text and "«" not in e.text, e.kind


@pytest.mark.parametrize("frame", [lambda t: t, frame_pipe, lambda t: "\n".join("+" + s for s in t.splitlines())],
                         ids=["raw", "pipe", "diff"])
def test_corpus_redacted_in_every_frame(frame: Any) -> None:
    secrets, lookalikes = corpus()
    leaks = [e.kind for e in secrets if leaked(e, redact(frame(e.text)).text)]
    masked = [e.kind for e in lookalikes if redact(frame(e.text)).count]
    assert leaks == [] and len(masked) <= 2, (leaks, masked)


@pytest.fixture(scope="module")
def corpus_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, list[Entry], list[Entry]]]:
    """A git repository with each corpus entry staged in its own file, and the task context over it."""
    from reviewer import pipeline
    from reviewer.config import CloudConfig, Config
    from reviewer.git import DiffMode
    from reviewer.tasks import TaskContext

    root = tmp_path_factory.mktemp("corpus")
    secrets, lookalikes = corpus()
    filler_top = "import os\n\n\ndef setup() -> None:\n    return None\n\n"
    for e in secrets + lookalikes:
        p = root / e.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(filler_top + e.text + "\n# end\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    config = dataclasses.replace(Config(), cloud=CloudConfig(policy="escalate", max_escalations=10_000))
    changes, collected = pipeline.collect(root, DiffMode(staged=True), config)
    ctx = TaskContext(config=config, changes=changes, snapshot=collected.snapshot, root=root)
    yield ctx, secrets, lookalikes


FILLER_LINES = 6  # the lines of `filler_top` before each entry's text


def _user_texts(stub: Any) -> list[str]:
    """The user messages the stub received (the system prompts are fixed text, checked to arrive unchanged)."""
    from reviewer.engine import escalate, prompts

    for req in stub.requests:
        assert "".join(b["text"] for b in req["system"]) in (escalate.SYSTEM, prompts.SYSTEM, prompts.VERIFY_SYSTEM)
    return [req["messages"][0]["content"] for req in stub.requests]


def test_corpus_through_the_cloud_escalation_request(corpus_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real path: escalate.py frames each entry's lines, cloud.py redacts, the SDK sends to a loopback stub."""
    from reviewer.config import CloudConfig
    from reviewer.engine.cloud import AnthropicBackend
    from reviewer.engine.escalate import escalate_findings
    from reviewer.records import Finding, Severity, Source
    from tests.anthropic_stub import AnthropicStub

    ctx, secrets, lookalikes = corpus_repo
    entries = secrets + lookalikes
    findings = [Finding("model/hardcoded-secret", "model", e.path, FILLER_LINES + e.line, FILLER_LINES + e.line,
                        Severity.WARNING, "possible hard-coded secret", confidence=0.5, source=Source.MODEL)
                for e in entries]
    with AnthropicStub(CloudConfig().model) as stub:
        backend = AnthropicBackend(ctx.config.cloud, key="test-key", base_url=stub.url)
        kept, _routed, notes = escalate_findings(ctx, findings, backend)
        sent = _user_texts(stub)
    assert len(sent) == len(entries) and not stub.violations, notes
    by_path = {e.path: e for e in entries}
    texts: dict[str, str] = {}
    for text in sent:
        m = re.search(r"at (\S+):\d+-\d+", text)
        assert m is not None
        texts[m.group(1)] = text
    leaks = [e.kind for e in secrets if leaked(e, texts[e.path])]
    masked = [by_path[p].kind for p, t in texts.items() if p.startswith("l") and "[REDACTED:" in t]
    print(f"\nredaction corpus, escalation requests: {len(secrets)} fake secrets in {len({e.kind for e in secrets})} "
          f"kinds, {len(leaks)} leaked; {len(lookalikes)} look-alikes, {len(masked)} masked")  # docs/cloud.md
    assert leaks == [], leaks
    assert len(masked) <= 2, masked
    assert any("secret(s) masked" in n for n in notes)


def test_corpus_through_the_cloud_review_and_verify_requests(corpus_repo: Any) -> None:
    """`policy = "always"`: prompts.py's review window and verification question, sent through cloud.py."""
    from reviewer.config import CloudConfig
    from reviewer.engine import prompts
    from reviewer.engine.base import Request
    from reviewer.engine.cloud import AnthropicBackend
    from reviewer.errors import BackendError
    from tests.anthropic_stub import AnthropicStub

    ctx, secrets, lookalikes = corpus_repo
    entries = {e.path: e for e in secrets + lookalikes}
    requests: list[Request] = []
    questions = []
    for change in ctx.changes.files:
        e = entries[change.path]
        for hunk in change.hunks:
            window = prompts.window_of(hunk, list(hunk.lines))
            requests.append(prompts.review_request(window, [], "", 400))
            questions.append(prompts.verify_question(None, "model/hardcoded-secret", change.path,
                                                     FILLER_LINES + e.line, "a secret", list(hunk.lines)))
    with AnthropicStub(CloudConfig().model) as stub:
        backend = AnthropicBackend(ctx.config.cloud, key="test-key", base_url=stub.url)
        backend.complete(requests)
        for q in questions:
            try:
                backend.confidence([q])
            except BackendError:  # the stub answers a verdict, not yes/no: what was sent is what counts here
                pass
        sent = _user_texts(stub)
    assert len(sent) == 2 * len(entries) and not stub.violations
    leaks, masked = [], []
    for text in sent:
        m = re.search(r"File:? (\S+)", text)
        assert m is not None, text[:200]
        e = entries[m.group(1)]
        if e.value and leaked(e, text):
            leaks.append(e.kind)
        if not e.value and "[REDACTED:" in text:
            masked.append(e.kind)
    print(f"\nredaction corpus, review and verify requests: {len(leaks)} leaked, {len(masked)} look-alike "
          "request(s) masked")  # docs/cloud.md
    assert leaks == [], leaks
    assert len(set(masked)) <= 2, masked


def test_private_key_cut_by_the_prompt_window_is_masked() -> None:
    """A window that ends inside a key, or starts inside one, still sends no key material."""
    rng = random.Random("cut")
    body = ["".join(rng.choice(_CLASSES["b64"]) for _ in range(64)) for _ in range(4)]
    head = ["-----BEGIN RSA PRIVATE KEY-----", *body[:2]]
    tail = [*body[2:], "-----END RSA PRIVATE KEY-----", "print('after')"]
    for lines in (head, tail):
        framed = "\n".join(f"{n:>5} + {s}" for n, s in enumerate(lines, 30)) + "\n```\nReport violations."
        r = redact(framed)
        assert not any(b[:16] in r.text for b in body), r.text
        assert r.text.endswith("```\nReport violations.")  # the prompt after the key is not swallowed
    assert "print('after')" in redact("\n".join(tail)).text


def test_certificate_body_is_not_masked() -> None:
    rng = random.Random("cert")
    body = ["".join(rng.choice(_CLASSES["b64"]) for _ in range(64)) for _ in range(3)]
    text = "\n".join(["-----BEGIN CERTIFICATE-----", *body, "-----END CERTIFICATE-----"])
    assert redact(text).count == 0


def test_token_at_the_start_of_an_unframed_line() -> None:
    token = "12345678" + ":AA" + "x" * 33  # a Telegram bot token: digits and a colon, like a line-number frame
    assert token not in redact(f"{token}\n").text


def test_builtin_rules_reach_the_cloud_unmasked() -> None:
    """The rules block of every review prompt talks about tokens and passwords: none of it is a secret."""
    from reviewer.engine import prompts
    from reviewer.rules import builtin_dir, load_folder

    rules = [r for d in sorted(builtin_dir().iterdir()) if d.is_dir() for r in load_folder(d)]
    block = prompts.rules_block(rules)
    assert len(rules) > 20 and "password" in block
    assert redact(block).text == block
