"""Packaging glue that pyproject.toml cannot express: ship the top-level rules/ folder
as the package `reviewer.builtin_rules` (see reviewer.rules.builtin_dir)."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["reviewer", "reviewer.*"]) + ["reviewer.builtin_rules"],
    package_dir={"reviewer.builtin_rules": "rules"},
)
