"""With a model: the prompt carries what the prose must be grounded in, and the checks keep bad prose out.

The model is a scripted OpenAI-compatible server on 127.0.0.1 (tests/docstring_helpers.py) whose
answers are chosen from the request, reached through the real HTTP backend (`--server URL`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator

import pytest

from reviewer.source import definitions

from .conftest import GitRepo
from .docstring_helpers import ScriptedServer

BASE = '''\
"""Numeric helpers."""


class Scaler:
    """Multiplies sequences by a fixed factor, keeping their length."""

    def apply(self, values):
        """Scale every value.

        Parameters
        ----------
        values : list
            Numbers to scale.

        Returns
        -------
        list
            The scaled numbers.
        """
        return [v * 2 for v in values]
'''

CHANGE = BASE + '''
    def scale(self, values: list[float], factor: float = 2.0) -> list[float]:
        if factor <= 0:
            raise ValueError("factor must be positive")
        return [v * factor for v in values]


def pop(cache: dict, key: str):
    return cache.pop(key)


def report(values):
    return Scaler().scale(values, factor=3.0)
'''

GOOD = {
    "Scaler.scale": {"summary": "Multiply each value by a positive factor",
                     "params": {"values": "numbers to multiply, in order",
                                "factor": "how many times larger each output is than its input"},
                     "returns": "a new list as long as the input",
                     "raises": {"ValueError": "when the factor is zero or negative"}},
    "pop": {"summary": "Remove an entry from a cache dictionary and hand it back",
            "params": {"cache": "mapping that loses the entry", "key": "which entry to take out"},
            "returns": "what was stored under that entry"},
    "report": {"summary": "Triple the given numbers through a fresh scaler",
               "params": {"values": "numbers to triple"}, "returns": "the tripled numbers"},
}


@pytest.fixture
def project(repo: GitRepo) -> GitRepo:
    repo.write(".reviewer.toml", "cache = false\n")
    repo.write("num.py", BASE)
    repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("num.py", CHANGE)
    repo.commit("change")
    return repo


@pytest.fixture
def server() -> Iterator[Callable[[Callable[[str, str], str]], ScriptedServer]]:
    started: list[ScriptedServer] = []

    def start(answer: Callable[[str, str], str]) -> ScriptedServer:
        s = ScriptedServer(answer)
        started.append(s)
        return s

    yield start
    for s in started:
        s.close()


def _docs(path: Path) -> dict[str, str]:
    return {d.qualname: d.docstring or "" for d in definitions(path.read_text())}


def test_prompt_carries_source_signature_raises_class_doc_style_and_call_sites(cli, project: GitRepo,  # type: ignore[no-untyped-def]
                                                                                server) -> None:
    s = server(lambda name, _user: json.dumps(GOOD[name]))
    r = cli("docstrings", "--write", "--server", s.url, cwd=project.path)
    assert r.code == 0, r
    prompt = s.prompts()["Scaler.scale"]
    # The function's full source, its signature with annotations and defaults, what it raises.
    assert "    def scale(self, values: list[float], factor: float = 2.0) -> list[float]:\n" \
           "        if factor <= 0:\n            raise ValueError(\"factor must be positive\")\n" \
           "        return [v * factor for v in values]\n" in prompt
    assert "Signature: def scale(values: list[float], factor: float = 2.0) -> list[float]" in prompt
    assert "Raises (from the code): ValueError" in prompt
    # The class's docstring, the module's style from its documented neighbour, and a call site.
    assert "Multiplies sequences by a fixed factor, keeping their length." in prompt
    assert "Docstring style: numpy (detected from 1 documented definition(s) in this module)" in prompt
    assert "Scale every value." in prompt  # the neighbour, for tone
    assert "num.py:33: return Scaler().scale(values, factor=3.0)" in prompt
    assert "Raises (from the code): nothing" in s.prompts()["pop"]
    # Written, grounded in the model's prose, in the module's style; sections from the code.
    docs = _docs(project.path / "num.py")
    assert docs["Scaler.scale"].startswith("Multiply each value by a positive factor.\n")
    assert "factor : float, optional\n            How many times larger each output" in docs["Scaler.scale"]
    assert "Raises\n        ------\n        ValueError\n            When the factor is zero or negative." \
        in docs["Scaler.scale"]
    assert "docstrings: prose written by model: scripted-docs-model" in r.out
    assert "docstring not written" not in r.out


@pytest.mark.parametrize("name, bad, reason", [
    ("pop", {"summary": "Pop.", "params": {"cache": "The cache.", "key": "The key."}, "returns": "The result."},
     "is not a sentence"),
    ("pop", {"summary": "Pop the key from the cache", "params": {"cache": "The cache.", "key": "The key."},
             "returns": "The result."}, "only repeats the name"),
    ("pop", {"summary": "Remove an entry and hand it back", "params": {"cache": "mapping that loses it",
             "key": "which entry, unlike `default`"}, "returns": "the stored value"},
     "mentions `default`, which the code does not have"),
    ("pop", {"summary": "Remove an entry and hand it back", "params": {"cache": "mapping that loses it",
             "key": "which entry; a KeyError is raised for unknown ones"}, "returns": "the stored value"},
     "mentions KeyError, which the code never raises or names"),
    # A parameter the code does not have: the server ignored the schema, the answer is refused.
    ("pop", {"summary": "Remove an entry and hand it back", "params": {"cache": "mapping that loses it",
             "k": "which entry"}, "returns": "the stored value"}, "does not match the schema"),
    ("Scaler.scale", {"summary": "Multiply each value by a positive factor " + "and more " * 12,
                      "params": {"values": "numbers to multiply", "factor": "how much larger each output is"},
                      "returns": "a new list", "raises": {"ValueError": "for a factor below one"}},
     "it must fit on the first line"),
])
def test_name_echo_and_wrong_parameter_docstrings_are_not_written(cli, project: GitRepo, server,  # type: ignore[no-untyped-def]
                                                                  name: str, bad: dict, reason: str) -> None:
    s = server(lambda n, _user: json.dumps(bad if n == name else GOOD[n]))
    r = cli("docstrings", "--write", "--server", s.url, cwd=project.path)
    assert r.code == 0, r
    line = next(ln for ln in r.out.splitlines() if "docstring not written" in ln)
    assert line.startswith(f"num.py:") and f" {name}: docstring not written: " in line and reason in line, line
    docs = _docs(project.path / "num.py")
    assert docs[name] == ""  # not written
    others = {n for n in GOOD if n != name}
    assert all(docs[n] for n in others)  # the file's other docstrings still are
    assert "wrote 2 docstring(s) to num.py" in r.out


def test_check_with_write_passes_when_only_rejections_remain(cli, project: GitRepo, server) -> None:  # type: ignore[no-untyped-def]
    s = server(lambda _n, _user: json.dumps({"summary": "Pop."}))
    r = cli("docstrings", "--write", "--check", "--server", s.url, cwd=project.path)
    assert r.code == 0, r  # nothing was rewritten: like black, --check fails only on a rewrite
    assert project.git("status", "--porcelain") == ""
    assert r.out.count("docstring not written") == 3
    listing = cli("docstrings", "--check", cwd=project.path)
    assert listing.code == 1  # they are still undocumented
