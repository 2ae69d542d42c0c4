"""Reading docstrings back (style detection and parsing) and the checks on generated prose."""

from __future__ import annotations

import pytest

from reviewer.docgen import checks, text
from reviewer.docgen import style as stylemod
from reviewer.source import definitions

CODE = '''\
def fetch(url: str, retries: int = 3, *args, timeout: float = 1.0, **headers) -> bytes:
    if retries < 0:
        raise ValueError("retries")
    raise http.HTTPError(url)
'''

GOOD = text.Prose("Download a resource, retrying transient failures",
                  params={"url": "address to download from", "retries": "attempts after the first failure",
                          "args": "passed through to the opener", "timeout": "seconds to wait per attempt",
                          "headers": "extra request headers to send"},
                  returns="the response body", raises={"ValueError": "for a negative retry count",
                                                       "http.HTTPError": "when every attempt failed"})


def _fetch():  # type: ignore[no-untyped-def]
    return definitions(CODE)[0]


@pytest.mark.parametrize("style", text.STYLES)
def test_rendered_docstrings_read_back_in_their_style(style: str) -> None:
    d = _fetch()
    doc = "\n".join(text.content(d, GOOD, style, "    ", 88))
    parsed = stylemod.parse(doc)
    assert parsed.style == style and stylemod.classify(doc) == style
    assert parsed.params == ("url", "retries", "args", "timeout", "headers")
    assert parsed.raises == ("ValueError", "http.HTTPError") and parsed.returns
    assert parsed.summary == "Download a resource, retrying transient failures."
    sh = text.shape(d)
    assert checks.check(d, sh, text.cleaned(GOOD, d), doc, style, CODE, 80) is None


def test_hand_written_variants_are_read() -> None:
    sphinx = "Do it.\n\n:param int n: count\n:type n: int\n:raise KeyError: missing\n:rtype: str\n"
    assert stylemod.parse(sphinx) == stylemod.Parsed("sphinx", "Do it.", ("n",), ("KeyError",), True, False)
    pep = "Form a complex number.\n\nKeyword arguments:\nreal -- the real part (default 0.0)\nimag -- the imaginary part\n"
    assert stylemod.parse(pep).params == ("real", "imag") and stylemod.classify(pep) == "pep257"
    numpy = "Sum.\n\nParameters\n----------\nx, y : int\n    Numbers.\n\nRaises\n------\nTypeError\n    Bad.\n"
    assert stylemod.parse(numpy).params == ("x", "y") and stylemod.parse(numpy).raises == ("TypeError",)
    google = "Sum.\n\nArgs:\n    x (int): First.\n        More about x.\n    *rest: Others.\n\nReturns:\n    int: The sum.\n"
    assert stylemod.parse(google).params == ("x", "rest") and stylemod.parse(google).returns
    assert stylemod.classify("Just prose, with an example:\n\n>>> f(1)\n1\n") is None
    # A wrapped google description that happens to read like a PEP 257 item stays google.
    wrapped = "Do.\n\n    Args:\n        x: the value, which\n            foo -- bar.\n\n    Raises:\n        E: bad.\n"
    assert stylemod.parse(wrapped) == stylemod.Parsed("google", "Do.", ("x",), ("E",), False, False)


def test_detect_takes_the_majority_and_ignores_prose_only_docstrings() -> None:
    numpy = "A.\n\nParameters\n----------\nx : int\n    X.\n"
    google = "B.\n\nArgs:\n    x: X.\n"
    assert stylemod.detect(["Only prose.", numpy, google, numpy, None]) == "numpy"
    assert stylemod.detect([google, numpy]) == "google"  # a tie: the first seen
    assert stylemod.detect(["Only prose.", None]) is None


@pytest.mark.parametrize("sentence, names, echo", [
    ("Pop.", ("pop",), True),
    ("The key.", ("_key",), True),
    ("The result.", ("int",), True),
    ("The values produced.", ("values",), True),
    ("An int.", ("n", "int"), True),
    ("Running totals.", ("running_totals",), True),
    ("If KeyError is raised.", ("KeyError",), True),
    ("Pop an entry from the cache.", ("pop",), False),
    ("The key to look up.", ("key",), False),
    ("Seconds to wait.", ("timeout", "float"), False),
])
def test_echo_finds_sentences_that_only_repeat_names(sentence: str, names: tuple[str, ...], echo: bool) -> None:
    assert (checks.echoes(sentence, *names) is not None) == echo


def _reason(prose: text.Prose, code: str = CODE, room: int = 80, style: str = "google") -> str:
    d = definitions(code)[0]
    doc = "\n".join(text.content(d, prose, style, "    ", 88))
    return checks.check(d, text.shape(d), text.cleaned(prose, d), doc, style, code, room) or ""


def _with(**changes: object) -> text.Prose:
    fields = {"summary": GOOD.summary, "params": dict(GOOD.params), "returns": GOOD.returns,
              "yields": GOOD.yields, "raises": dict(GOOD.raises)}
    fields.update(changes)
    return text.Prose(**fields)  # type: ignore[arg-type]


def test_each_check_names_its_reason() -> None:
    assert _reason(_with(params={**GOOD.params, "verbose": "print more"})) == \
        "describes parameter `verbose`, which does not exist"
    missing = {k: v for k, v in GOOD.params.items() if k != "timeout"}
    assert _reason(_with(params=missing)) == "does not describe parameter `timeout`"
    assert _reason(_with(raises={**GOOD.raises, "OSError": "on a disk error"})) == \
        "has a Raises entry for OSError, which the body does not raise"
    assert _reason(_with(summary="Fetch.")) == 'the summary "Fetch." is not a sentence'
    assert "only repeats the name" in _reason(_with(summary="Fetch the url"))
    assert _reason(_with(params={**GOOD.params, "retries": "The retries."})) == \
        'the text for parameter `retries`, "The retries.", only repeats the name'
    assert "must fit on the first line (40)" in _reason(_with(summary="Download " + "a resource " * 5), room=40)
    assert "is not prose" in _reason(_with(summary="Hashas)]({ zq_x9 ]]] 7a+b"))
    assert "mentions `session`" in _reason(_with(summary="Download with the shared `session`"))
    assert "mentions TimeoutError" in _reason(_with(returns="the body, or TimeoutError"))
    assert _reason(_with(returns="the body as `bytes` from `url`")) == ""  # names the code has are fine


def test_template_prose_passes_the_structural_checks_only() -> None:
    from reviewer.docgen.generate import template_prose

    d = _fetch()
    sh = text.shape(d)
    prose = template_prose({"name": "fetch", "params": [p.name for p in sh.params], "returns": True,
                            "yields": False, "raises": list(sh.raises)})
    doc = "\n".join(text.content(d, prose, "google", "    ", 88))
    assert checks.check(d, sh, text.cleaned(prose, d), doc, "google", CODE, 80, prose_checks=False) is None
    assert checks.check(d, sh, text.cleaned(prose, d), doc, "google", CODE, 80) is not None  # it echoes names
