"""What a project says it is: the words that make it an offensive security tool (reviewer.rules.purpose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.rules import purpose

# Each from the project's own README or packaging.
TOOLS = [
    "sqlmap is an open source penetration testing tool that automates the process of detecting and exploiting",
    "AWS exploitation framework, designed for testing the security of Amazon Web Services environments.",
    "Pwntools CTF framework and exploit development library.",
    "A web application vulnerability scanner",
    "Kubernetes security weaknesses hunter for humans",
    "Hunt for security weaknesses in Kubernetes clusters",
    "Automated All-in-One OS Command Injection Exploitation Tool",
    "ssh mitm server for security audits supporting publickey authentication",
]
NOT_TOOLS = [
    # users, not what the code does
    "An interactive, SSL/TLS-capable intercepting proxy for penetration testers and software developers.",
    "Service owners can generate asset reports, Red Teamers can discover attack paths",
    # defensive libraries and scanners of known vulnerabilities, whose requests go to their own services
    "Keeps track of failed login attempts and protects Django sites against brute-force attacks",
    "Safety CLI is a Python dependency vulnerability scanner",
    "Bandit is a tool designed to find common security issues in Python code.",
    "Paramiko is a pure-Python implementation of the SSHv2 protocol, providing both client and server",
]


@pytest.mark.parametrize("text", TOOLS)
def test_an_offensive_tool_says_so(text: str) -> None:
    assert purpose.says_security_tool(text)


@pytest.mark.parametrize("text", NOT_TOOLS)
def test_other_projects_do_not(text: str) -> None:
    assert purpose.says_security_tool(text) is None


def test_only_the_readme_opening_and_the_packaging_count(tmp_path: Path) -> None:
    far = "# tool\n\n" + "An HTTP client.\n" * 400 + "It is used in penetration testing engagements.\n"
    (tmp_path / "README.md").write_text(far, encoding="utf-8")
    assert purpose.security_tool(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "t"\nkeywords = ["pentesting", "http"]\n',
                                             encoding="utf-8")
    assert purpose.security_tool(tmp_path) == "pyproject.toml [project] keywords: 'pentesting'"
    (tmp_path / "pyproject.toml").write_text("[project\n", encoding="utf-8")  # not TOML: says nothing
    (tmp_path / "setup.cfg").write_text("[metadata]\ndescription = Exploitation Framework for Embedded Devices\n",
                                        encoding="utf-8")
    assert purpose.security_tool(tmp_path) == "setup.cfg [metadata] description: 'Exploitation Framework'"
