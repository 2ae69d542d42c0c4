"""The ecosystem's suppression codes, mapped to our rule ids.

A team that runs ruff, flake8 or bandit has already decided about some lines:
`# noqa: S501` (ruff/flake8 codes) and `# nosec B501` (bandit test ids or names).
Those comments suppress the rule of ours that flags the same thing. A bare
`# noqa` or `# nosec` silences every rule on its line. The table is the
documented contract (docs/rules.md lists it); a code not in it suppresses nothing
of ours. Codes are ruff's (flake8-bandit `S`, flake8-bugbear `B0xx`, pycodestyle
`E7xx`, flake8-print `T20x`, flake8-debugger `T100`, flake8-datetimez `DTZ`,
pylint `PLW`, ruff `RUF`, dlint `DUO`) and bandit's (`B1xx`..`B7xx` and the test names). `PYLINT` maps
pylint's message ids and names, for the `disable` lists of a project's pylint configuration
(reviewer.rules.lintconfig). `CODEQL` maps CodeQL's query ids, for `# lgtm[...]` and `# codeql[...]` comments.
"""

from __future__ import annotations

# ruff / flake8 codes (`# noqa: CODE`) -> our rule ids
NOQA: dict[str, tuple[str, ...]] = {
    # flake8-bandit (ruff S)
    "S101": ("python-standards/assert-for-validation",),
    "S102": ("python-standards/eval-exec",),
    "S307": ("python-standards/eval-exec",),
    "S105": ("python-crypto/hardcoded-key",),
    "S106": ("python-crypto/hardcoded-key",),
    "S107": ("python-crypto/hardcoded-key",),
    "S110": ("python-standards/swallowed-exception",),
    "S112": ("python-standards/swallowed-exception",),
    "S303": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "S324": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "S304": ("python-crypto/broken-cipher",),
    "S305": ("python-crypto/ecb-mode",),
    "S311": ("python-crypto/insecure-random",),
    "S323": ("python-crypto/unverified-ssl-context",),
    "S413": ("python-crypto/pycrypto-package",),
    "S501": ("python-crypto/verify-disabled",),
    "S502": ("python-crypto/weak-tls-version",),
    "S503": ("python-crypto/weak-tls-version",),
    "S504": ("python-crypto/cert-verification-off",),
    "S505": ("python-crypto/weak-key-size", "python-crypto/weak-ec-curve"),
    "S506": ("python-standards/yaml-load", "python-standards/yaml-unsafe-loader"),
    "S507": ("python-crypto/ssh-host-key-unverified",),
    "S602": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "S604": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "S605": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    # pycodestyle, pyflakes, bugbear, blind-except
    "E711": ("python-standards/compare-to-none", "python-standards/compare-not-none"),
    "E721": ("python-standards/type-comparison",),
    "E722": ("python-standards/bare-except",),
    "B001": ("python-standards/bare-except",),
    "BLE001": ("python-standards/bare-except", "python-standards/swallowed-exception"),
    "B006": ("python-standards/mutable-default",),
    "F901": ("python-standards/raise-not-implemented",),
    "SIM105": ("python-standards/swallowed-exception",),
    "SIM118": ("python-standards/dict-keys-loop",),
    # print and debugger leftovers
    "T201": ("python-standards/print-in-library", "python-standards/debug-print"),
    "T001": ("python-standards/print-in-library", "python-standards/debug-print"),
    "T100": ("python-standards/debugger-leftover",),
    # timezones, encodings, useless statements, dangling tasks
    "DTZ001": ("python-standards/naive-datetime",),
    "DTZ003": ("python-standards/utcnow",),
    "DTZ004": ("python-standards/utcnow",),
    "DTZ005": ("python-standards/naive-datetime",),
    "PLW1514": ("python-standards/open-encoding",),
    "W1514": ("python-standards/open-encoding",),
    "PLW0133": ("python-standards/exception-not-raised",),
    "RUF006": ("python-standards/asyncio-task-dropped",),
    # dlint, a flake8 plugin (its `_error_tmpl` texts): spiderfoot writes `# noqa: DUO122` over the
    # unverified context it creates on purpose (held-out round 161)
    "DUO102": ("python-crypto/insecure-random",),
    "DUO104": ("python-standards/eval-exec",),
    "DUO105": ("python-standards/eval-exec",),
    "DUO109": ("python-standards/yaml-load", "python-standards/yaml-unsafe-loader"),
    "DUO116": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "DUO122": ("python-crypto/unverified-ssl-context", "python-crypto/weak-tls-version",
               "python-crypto/cert-verification-off"),
    "DUO123": ("python-crypto/verify-disabled",),
    "DUO130": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "DUO132": ("python-crypto/verify-disabled",),
    "DUO133": ("python-crypto/pycrypto-package",),
    "DUO134": ("python-crypto/weak-hash", "python-crypto/ecb-mode", "python-crypto/broken-cipher"),
}

# bandit test ids and names (`# nosec B501`, `# nosec: request_with_no_cert_validation`) -> our rule ids
NOSEC: dict[str, tuple[str, ...]] = {
    "B101": ("python-standards/assert-for-validation",),
    "B102": ("python-standards/eval-exec",),
    "B307": ("python-standards/eval-exec",),
    "B105": ("python-crypto/hardcoded-key",),
    "B106": ("python-crypto/hardcoded-key",),
    "B107": ("python-crypto/hardcoded-key",),
    "B110": ("python-standards/swallowed-exception",),
    "B112": ("python-standards/swallowed-exception",),
    "B303": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "B324": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "B304": ("python-crypto/broken-cipher",),
    "B305": ("python-crypto/ecb-mode",),
    "B311": ("python-crypto/insecure-random",),
    "B323": ("python-crypto/unverified-ssl-context",),
    "B413": ("python-crypto/pycrypto-package",),
    "B501": ("python-crypto/verify-disabled",),
    "B502": ("python-crypto/weak-tls-version",),
    "B503": ("python-crypto/weak-tls-version",),
    "B504": ("python-crypto/cert-verification-off",),
    "B505": ("python-crypto/weak-key-size", "python-crypto/weak-ec-curve"),
    "B506": ("python-standards/yaml-load", "python-standards/yaml-unsafe-loader"),
    "B507": ("python-crypto/ssh-host-key-unverified",),
    "B602": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "B604": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "B605": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    # bandit's test names for the same checks
    "assert_used": ("python-standards/assert-for-validation",),
    "exec_used": ("python-standards/eval-exec",),
    "hardcoded_password_string": ("python-crypto/hardcoded-key",),
    "hardcoded_password_funcarg": ("python-crypto/hardcoded-key",),
    "hardcoded_password_default": ("python-crypto/hardcoded-key",),
    "try_except_pass": ("python-standards/swallowed-exception",),
    "try_except_continue": ("python-standards/swallowed-exception",),
    "hashlib": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "md5": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "ciphers": ("python-crypto/broken-cipher",),
    "cipher_modes": ("python-crypto/ecb-mode",),
    "random": ("python-crypto/insecure-random",),
    "unverified_context": ("python-crypto/unverified-ssl-context",),
    "import_pycrypto": ("python-crypto/pycrypto-package",),
    "request_with_no_cert_validation": ("python-crypto/verify-disabled",),
    "ssl_with_bad_version": ("python-crypto/weak-tls-version",),
    "ssl_with_bad_defaults": ("python-crypto/weak-tls-version",),
    "ssl_with_no_version": ("python-crypto/cert-verification-off",),
    "weak_cryptographic_key": ("python-crypto/weak-key-size", "python-crypto/weak-ec-curve"),
    "yaml_load": ("python-standards/yaml-load", "python-standards/yaml-unsafe-loader"),
    "ssh_no_host_key_verification": ("python-crypto/ssh-host-key-unverified",),
    "subprocess_popen_with_shell_equals_true": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "call_with_shell_equals_true": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "start_process_with_a_shell": ("python-standards/subprocess-shell", "python-standards/shell-from-variable"),
    "eval": ("python-standards/eval-exec",),
}


# ruff's rule names for the codes above (`# ruff: ignore[request-with-no-cert-validation]`: ruff 0.15's
# `ruff: ignore` / `file-ignore` / `disable` comments take names as well as codes) -> the code
RUFF_NAMES: dict[str, str] = {
    "assert": "S101", "exec-builtin": "S102", "suspicious-eval-usage": "S307",
    "hardcoded-password-string": "S105", "hardcoded-password-func-arg": "S106",
    "hardcoded-password-default": "S107", "try-except-pass": "S110", "try-except-continue": "S112",
    "suspicious-insecure-hash-usage": "S303", "hashlib-insecure-hash-function": "S324",
    "suspicious-insecure-cipher-usage": "S304", "suspicious-insecure-cipher-mode-usage": "S305",
    "suspicious-non-cryptographic-random-usage": "S311", "suspicious-unverified-context-usage": "S323",
    "suspicious-pycrypto-import": "S413", "request-with-no-cert-validation": "S501",
    "ssl-insecure-version": "S502", "ssl-with-bad-defaults": "S503", "ssl-with-no-version": "S504",
    "weak-cryptographic-key": "S505", "unsafe-yaml-load": "S506", "ssh-no-host-key-verification": "S507",
    "subprocess-popen-with-shell-equals-true": "S602", "call-with-shell-equals-true": "S604",
    "start-process-with-a-shell": "S605", "none-comparison": "E711", "type-comparison": "E721",
    "bare-except": "E722", "blind-except": "BLE001", "mutable-argument-default": "B006",
    "raise-not-implemented": "F901", "suppressible-exception": "SIM105", "in-dict-keys": "SIM118",
    "print": "T201", "debugger": "T100", "call-datetime-without-tzinfo": "DTZ001",
    "call-datetime-utcnow": "DTZ003", "call-datetime-utcfromtimestamp": "DTZ004",
    "call-datetime-now-without-tzinfo": "DTZ005", "unspecified-encoding": "PLW1514",
    "useless-exception-statement": "PLW0133", "asyncio-dangling-task": "RUF006",
}

# pylint message ids and names (a project's `disable = W0102` / `dangerous-default-value`) -> our rule ids
PYLINT: dict[str, tuple[str, ...]] = {
    "W0102": ("python-standards/mutable-default",),
    "dangerous-default-value": ("python-standards/mutable-default",),
    "W0702": ("python-standards/bare-except",),
    "bare-except": ("python-standards/bare-except",),
    "W0703": ("python-standards/swallowed-exception",),
    "broad-except": ("python-standards/swallowed-exception",),
    "W0718": ("python-standards/swallowed-exception",),
    "broad-exception-caught": ("python-standards/swallowed-exception",),
    "C0121": ("python-standards/compare-to-none", "python-standards/compare-not-none"),
    "singleton-comparison": ("python-standards/compare-to-none", "python-standards/compare-not-none"),
    "C0123": ("python-standards/type-comparison",),
    "unidiomatic-typecheck": ("python-standards/type-comparison",),
    "W0122": ("python-standards/eval-exec",),
    "exec-used": ("python-standards/eval-exec",),
    "W0123": ("python-standards/eval-exec",),
    "eval-used": ("python-standards/eval-exec",),
    "W1514": ("python-standards/open-encoding",),
    "unspecified-encoding": ("python-standards/open-encoding",),
    "W0133": ("python-standards/exception-not-raised",),
    "pointless-exception-statement": ("python-standards/exception-not-raised",),
    "E0711": ("python-standards/raise-not-implemented",),
    "notimplemented-raised": ("python-standards/raise-not-implemented",),
    "W1515": ("python-standards/debugger-leftover",),
    "forgotten-debug-statement": ("python-standards/debugger-leftover",),
    "C0201": ("python-standards/dict-keys-loop",),
    "consider-iterating-dictionary": ("python-standards/dict-keys-loop",),
}

# pylint's Convention category (`disable=C`) as a whole: style checks (`== None`, `type(x) == T`, `.keys()` in a
# loop), which a team that turns the category off has decided not to be told. tobac's CI runs `pylint tobac
# --disable=C` (an `== None` judged noise for it, held-out round 420). The other categories are not read so:
# W (alerta) holds bugs, and its exceptions built and not raised were worth saying.
CONVENTION: tuple[str, ...] = tuple(dict.fromkeys(r for c, rules in PYLINT.items() if c[0] == "C" and c[1:].isdigit()
                                                  for r in rules))


# CodeQL query ids (`# lgtm[py/test-equals-none]`, LGTM.com's suppression comment, still in code that LGTM
# once analysed; `# codeql[py/...]`, GitHub code scanning's) -> our rule ids. jpype writes
# `if self == None:  # lgtm [py/test-equals-none]` where `==` is what it means (held-out round 476).
CODEQL: dict[str, tuple[str, ...]] = {
    "py/test-equals-none": ("python-standards/compare-to-none", "python-standards/compare-not-none"),
    "py/unused-exception-object": ("python-standards/exception-not-raised",),
    "py/modification-of-default-value": ("python-standards/mutable-default",),
    "py/empty-except": ("python-standards/swallowed-exception",),
    "py/catch-base-exception": ("python-standards/bare-except",),
    "py/raise-not-implemented": ("python-standards/raise-not-implemented",),
    "py/request-without-cert-validation": ("python-crypto/verify-disabled",),
    "py/paramiko-missing-host-key-validation": ("python-crypto/ssh-host-key-unverified",),
    "py/insecure-protocol": ("python-crypto/weak-tls-version",),
    "py/insecure-default-protocol": ("python-crypto/weak-tls-version",),
    "py/weak-sensitive-data-hashing": ("python-crypto/weak-hash", "python-crypto/weak-password-hash"),
    "py/weak-cryptographic-algorithm": ("python-crypto/broken-cipher", "python-crypto/ecb-mode"),
    "py/weak-crypto-key": ("python-crypto/weak-key-size", "python-crypto/weak-ec-curve"),
    "py/hardcoded-credentials": ("python-crypto/hardcoded-key",),
    "py/unsafe-deserialization": ("python-standards/yaml-load", "python-standards/yaml-unsafe-loader"),
    "py/code-injection": ("python-standards/eval-exec",),
    "py/shell-command-constructed-from-input": ("python-standards/shell-from-variable",),
    "py/command-line-injection": ("python-standards/shell-from-variable", "python-standards/subprocess-shell"),
}


def rules_for(tool: str, code: str) -> tuple[str, ...]:
    """Our rule ids that `code` of `tool` ("noqa", "nosec", "ruff", "pylint" or "codeql") suppresses; () when none."""
    if tool == "codeql":
        return CODEQL.get(code.strip().lower()) or ()
    if tool == "pylint":
        if code.strip().upper() == "C":  # the whole Convention category: style the team chose not to police
            return CONVENTION
        return PYLINT.get(code.upper()) or PYLINT.get(code.lower()) or ()
    if tool == "ruff":  # a code or a rule name
        return NOQA.get(RUFF_NAMES.get(code.lower(), code.upper())) or ()
    table = NOQA if tool == "noqa" else NOSEC
    return table.get(code) or table.get(code.upper()) or ()
