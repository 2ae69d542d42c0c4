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
