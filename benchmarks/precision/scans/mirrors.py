"""What the label scans share: the projects and labels of benchmarks/precision, and reading a project's files
at a commit from its fetched mirror (/work/.mirror/<owner>+<name>/repo, bare or with a `.git` inside).
Importing it puts the repository root on sys.path, so that a scan imports `reviewer` from this checkout."""
import contextlib
import glob
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

PRECISION = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PRECISION.parents[1]))
MIRRORS = Path("/work/.mirror")


def projects() -> dict:
    """Every project of every list, by name (its `repo`, `head`, ...)."""
    return {p["name"]: p for f in glob.glob(str(PRECISION / "projects*.json")) for p in json.load(open(f))["projects"]}


def labels() -> list:
    return [json.loads(line) for line in open(PRECISION / "labels.jsonl")]


def labelled(keep):
    """(label, its project's mirror git directory or None, the commit id) for each label of a listed project
    that `keep` accepts."""
    repos = projects()
    for lab in labels():
        if lab["project"] in repos and keep(lab):
            yield lab, git_dir(repos[lab["project"]]["repo"]), lab["commit"].split(":")[-1]


def git_dir(repo: str) -> Optional[str]:
    """The git directory of `repo`'s fetched mirror, or None when it was not fetched."""
    d = MIRRORS / repo.replace("/", "+") / "repo"
    d = d / ".git" if (d / ".git").is_dir() else d
    return str(d) if d.exists() else None


def show(d: str, commit: str, path: str) -> Optional[str]:
    """The file's text at the commit, or None when it has no such file."""
    r = subprocess.run(["git", "--git-dir", d, "show", f"{commit}:{path}"], capture_output=True)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def files(d: str, commit: str) -> list:
    return subprocess.run(["git", "--git-dir", d, "ls-tree", "-r", "--name-only", commit],
                          capture_output=True, text=True).stdout.splitlines()


def texts(d: str, commit: str, paths: list) -> dict:
    """The texts of many files at the commit, read with one `git cat-file --batch` (missing ones left out)."""
    batch = subprocess.run(["git", "--git-dir", d, "cat-file", "--batch"],
                           input="".join(f"{commit}:{p}\n" for p in paths).encode(), capture_output=True).stdout
    out, i = {}, 0
    for path in paths:
        nl = batch.index(b"\n", i)
        head = batch[i:nl].split()
        if len(head) < 3 or head[1] != b"blob":  # "<name> missing"
            i = nl + 1
            continue
        size = int(head[2])
        out[path] = batch[nl + 1:nl + 1 + size].decode("utf-8", "replace")
        i = nl + 1 + size + 1
    return out


@contextlib.contextmanager
def checked_out(d: str, commit: str, paths: list):
    """A temporary folder holding those of `paths` that the commit has (a project's configuration files, for
    reading them as the reviewer reads a work tree)."""
    with tempfile.TemporaryDirectory() as tmp:
        for p, t in texts(d, commit, paths).items():
            (Path(tmp) / p).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / p).write_text(t)
        yield Path(tmp)


def print_projects(table) -> None:
    """A scan's closing table: `project: TP n FP m` for a Counter keyed by (project, verdict), then `all:`."""
    print()
    for project in sorted({p for p, _ in table}):
        print(f"{project}: TP {table[(project, 'TP')]} FP {table[(project, 'FP')]}")
    print(f"all: TP {sum(n for (_, v), n in table.items() if v == 'TP')} FP {sum(n for (_, v), n in table.items() if v == 'FP')}")
