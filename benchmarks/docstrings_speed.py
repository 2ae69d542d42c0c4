"""Benchmark: inject a docstring into every undocumented definition of a ~50,000-line codebase.

The codebase is a copy of installed libraries' sources (site-packages of the
interpreter running this script), so the input is real-world Python in all its
forms. The text generator is the template backend (the model is stubbed out:
this measures selection, rendering, libcst insertion, the three guarantees
and the atomic writes). Prints the median of several runs, the count of files
that failed a guarantee (must be 0), and a second pass that must change
nothing. The reference is a bare libcst parse + render round trip of the same
files, the floor any libcst-based inserter pays.

Usage: python benchmarks/docstrings_speed.py [--runs 3] [--packages click,git,jinja2,requests]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.config import DocstringsConfig  # noqa: E402
from reviewer.docgen.generate import TemplateBackend  # noqa: E402
from reviewer.docgen.run import FileInput, document, write  # noqa: E402

EVERYTHING = DocstringsConfig(skip_private=False, skip_dunder=False, skip_init=False, skip_tests=False,
                              skip_nested=False, skip_overload=False, skip_setters=False)


def copy_sources(packages: list[str], dest: Path) -> list[Path]:
    site = Path(sysconfig.get_paths()["purelib"])
    for name in packages:
        shutil.copytree(site / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return sorted(dest.rglob("*.py"))


def inject_all(root: Path, files: list[Path]) -> tuple[int, int, list[str]]:
    """Document every file under root; returns (docstrings inserted, files changed, failures)."""
    edits = changed = 0
    failures: list[str] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        section = document([FileInput(rel, data, None)], EVERYTHING, TemplateBackend())
        write(section, root, {rel: data})
        edits += len(section.edits)
        changed += len(section.written)
        failures += [f"{f.path}: {f.reason}" for f in section.failures]
    return edits, changed, failures


def roundtrip(files: list[Path]) -> None:
    import libcst

    for path in files:
        data = path.read_bytes()
        try:
            assert libcst.parse_module(data).bytes == data
        except libcst.ParserSyntaxError:
            pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--packages", default="click,git,jinja2,requests")
    args = ap.parse_args()
    packages = args.packages.split(",")
    times, ref_times = [], []
    result = None
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            files = copy_sources(packages, root)
            lines = sum(p.read_bytes().count(b"\n") for p in files)
            t0 = time.perf_counter()
            roundtrip(files)
            ref_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            edits, changed, failures = inject_all(root, files)
            times.append(time.perf_counter() - t0)
            second = inject_all(root, files)
            result = (len(files), lines, edits, changed, failures, second)
            print(f"run {run + 1}: {times[-1]:.2f} s inject, {ref_times[-1]:.2f} s libcst round trip", flush=True)
    assert result is not None
    n_files, lines, edits, changed, failures, second = result
    med, ref = statistics.median(times), statistics.median(ref_times)
    print(f"codebase: {', '.join(packages)}: {n_files} files, {lines} lines")
    print(f"docstrings inserted: {edits} in {changed} files")
    print(f"files that failed a guarantee: {len(failures)}")
    for f in failures:
        print(f"  {f}")
    print(f"second run: {second[0]} inserted, {second[1]} files changed, {len(second[2])} failures")
    print(f"median inject wall time over {args.runs} runs: {med:.2f} s "
          f"({1000 * med / max(lines, 1) * 1000:.1f} ms per 1,000 lines)")
    print(f"median libcst round trip (reference): {ref:.2f} s; ratio {med / ref:.1f}x")
    if failures or second[0] or second[1]:
        sys.exit(1)


if __name__ == "__main__":
    main()
