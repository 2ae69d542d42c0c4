"""`reviewer install-hooks` / `reviewer uninstall-hooks`: plain git hooks for teams without pre-commit.

The scripts live in hooks/ (a plain folder, not a Python package) and are
copied into the folder git runs hooks from (`git rev-parse --git-path hooks`,
which honours core.hooksPath and worktrees). A hook this command did not
write is never overwritten without --force, and then it is kept as a backup
that uninstall-hooks puts back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Optional

import click

from reviewer.errors import UsageError

HOOK_NAMES = ("pre-commit", "pre-push")
# Every script in hooks/ carries this line; it is how uninstall knows a hook is ours.
MARKER = "reviewer-managed git hook"
BACKUP_SUFFIX = ".reviewer-backup"
_UNSAFE = set('"$`\\\n')


def hooks_dir(start: Path) -> Path:
    """The folder git runs hooks from, created if missing."""
    proc = subprocess.run(["git", "rev-parse", "--git-path", "hooks"], cwd=start, capture_output=True, check=False)
    if proc.returncode != 0:
        raise UsageError(f"{start} is not inside a git repository (run `git init` first)")
    folder = Path(proc.stdout.decode("utf-8", "surrogateescape").strip())
    folder = folder if folder.is_absolute() else start / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def script_source(name: str) -> str:
    """The text of hooks/NAME: from a source checkout, else from the installed data files."""
    here = Path(__file__).resolve().parent.parent.parent / "hooks" / name
    shared = [Path(sysconfig.get_path("data")), Path(sys.prefix), Path(sys.base_prefix)]
    for path in (here, *(p / "share" / "reviewer" / "hooks" / name for p in shared)):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise UsageError(f"cannot find the {name} hook script of this installation (reinstall reviewer)")


def render(text: str, python: str = sys.executable) -> str:
    """Bake in the interpreter that has reviewer installed, unless its path would need quoting."""
    return text.replace("@PYTHON@", python if python and not (set(python) & _UNSAFE) else "python3")


def is_ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _write(path: Path, text: str) -> None:
    from reviewer.fsutil import atomic_write

    atomic_write(path, text.encode("utf-8"))
    os.chmod(path, 0o755)


@click.command("install-hooks")
@click.option("--force", is_flag=True, help="Replace hooks reviewer did not write (they are kept as NAME.reviewer-backup).")
@click.option("--hook", "names", type=click.Choice(HOOK_NAMES), multiple=True,
              help="Install only this hook (repeatable). [default: pre-commit and pre-push]")
@click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in this folder.")
def install(force: bool, names: tuple[str, ...], repo: Optional[Path]) -> None:
    """Install plain git hooks: pre-commit reviews the staged diff, pre-push gates diff coverage."""
    folder = hooks_dir((repo or Path.cwd()).resolve())
    names = names or HOOK_NAMES
    targets = {name: folder / name for name in names}
    foreign = [n for n, p in targets.items() if (p.exists() or p.is_symlink()) and not is_ours(p)]
    if foreign and not force:
        raise UsageError(f"{', '.join(str(targets[n]) for n in foreign)} already there and not written by "
                         "reviewer: rerun with --force to replace them (they are kept as backups)")
    for name in foreign:
        backup = targets[name].with_name(name + BACKUP_SUFFIX)
        if backup.exists() or backup.is_symlink():
            raise UsageError(f"{backup} already exists: move it away, then rerun")
    texts = {name: render(script_source(name)) for name in names}  # all found before anything is touched
    for name, path in targets.items():
        if name in foreign:
            os.replace(path, path.with_name(name + BACKUP_SUFFIX))
            click.echo(f"kept your {name} hook as {path.with_name(name + BACKUP_SUFFIX)}")
        _write(path, texts[name])
        click.echo(f"installed {path}")


@click.command("uninstall-hooks")
@click.option("-C", "--repo", "repo", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run as if started in this folder.")
def uninstall(repo: Optional[Path]) -> None:
    """Remove the git hooks install-hooks wrote, putting back any hook it had replaced."""
    folder = hooks_dir((repo or Path.cwd()).resolve())
    for name in HOOK_NAMES:
        path = folder / name
        backup = path.with_name(name + BACKUP_SUFFIX)
        if not (path.exists() or path.is_symlink()):
            continue
        if not is_ours(path):
            click.echo(f"left {path} alone: reviewer did not write it")
            continue
        if backup.exists() or backup.is_symlink():
            os.replace(backup, path)
            click.echo(f"restored {path} from {backup.name}")
        else:
            path.unlink()
            click.echo(f"removed {path}")
