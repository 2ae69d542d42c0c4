"""Run untrusted code (model-written candidate tests) isolated from the job.

Whatever the mode, the code runs

- with an environment built from an allow-list (no tokens, keys or cloud
  credentials reach it; HOME and TMPDIR point into the scratch folder),
- in a scratch copy of the repository (the files git lists: tracked, and
  untracked but not ignored), never in the repository itself,
- and every process it started is killed when the run ends: its process
  group, then any process still carrying the run's marker variable.

The operating system does the rest where it can, best first:

- `bubblewrap`: new user, PID, network, IPC and UTS namespaces; the root
  file system read-only, /tmp, HOME and the real repository hidden behind
  empty tmpfs mounts, only the scratch folder writable; no network at all;
  the PID namespace dies with the run, taking every descendant with it.
- `unshare` (util-linux): new user, network, PID and mount namespaces: no
  network, every descendant dies with the run; file writes are guarded in
  Python only (below).
- `best-effort`: neither is usable. A `sitecustomize` audit hook refuses,
  inside Python, internet sockets and writes or deletions outside the
  scratch folder; a program started through a shell escapes that guard.

`REVIEWER_SANDBOX=bubblewrap|unshare|best-effort` forces a mode (a forced mode
that cannot run here is an error); otherwise the best available one is used
and reports say which.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from reviewer.errors import UsageError

BWRAP, UNSHARE, BEST_EFFORT = "bubblewrap", "unshare", "best-effort"
MODES = (BWRAP, UNSHARE, BEST_EFFORT)
MARKER_VAR = "REVIEWER_SANDBOX_RUN"

# Only these variables reach the candidate (an allow-list: a new secret's name cannot slip through).
ALLOWED_ENV = ("PATH", "LANG", "LANGUAGE", "TZ", "TERM", "SYSTEMROOT", "PYTHONHASHSEED", "PYTHONUTF8")

_DETAIL = {
    BWRAP: "bubblewrap: no network, read-only file system except the scratch copy, HOME and the repository "
           "hidden, PID namespace (every descendant killed), environment from an allow-list",
    UNSHARE: "unshare: no network (network namespace), PID namespace (every descendant killed), environment "
             "from an allow-list, scratch copy as the working folder; file writes outside it refused in Python only",
    BEST_EFFORT: "best-effort (neither bubblewrap nor unshare usable here): environment from an allow-list, "
                 "scratch copy as the working folder, process group and marker kill; network and writes outside "
                 "the scratch copy refused in Python only",
}


@dataclass(frozen=True)
class Isolation:
    mode: str

    @property
    def detail(self) -> str:
        return _DETAIL[self.mode]


def _probe(argv: Sequence[str]) -> bool:
    try:
        proc = subprocess.run([*argv, "true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


_BWRAP_PROBE = ("bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-all",
                "--die-with-parent", "--")
_UNSHARE = ("unshare", "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child", "--mount-proc", "--")


@lru_cache(maxsize=None)
def available(mode: str) -> bool:
    """Whether `mode` works on this machine (user namespaces may be switched off, bwrap not installed)."""
    if mode == BEST_EFFORT:
        return True
    if not sys.platform.startswith("linux"):
        return False
    if mode == BWRAP:
        return shutil.which("bwrap") is not None and _probe(_BWRAP_PROBE)
    if mode == UNSHARE:
        return shutil.which("unshare") is not None and _probe(_UNSHARE)
    return False


def detect() -> Isolation:
    """The mode to use: REVIEWER_SANDBOX when set, else the best one available."""
    forced = os.environ.get("REVIEWER_SANDBOX", "").strip()
    if forced:
        if forced not in MODES:
            raise UsageError(f"REVIEWER_SANDBOX must be one of {', '.join(MODES)}, not {forced!r}")
        if not available(forced):
            raise UsageError(f"REVIEWER_SANDBOX={forced} cannot run on this machine "
                             "(not installed, or user namespaces are switched off)")
        return Isolation(forced)
    return Isolation(next(m for m in MODES if available(m)))


# --- the scratch copy ------------------------------------------------------------------------

def repository_files(root: Path) -> list[str]:
    """Files to copy: what git lists (tracked, plus untracked but not ignored); ignored files (.env,
    virtual environments, .reviewer/) stay behind."""
    proc = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise UsageError(f"{root} is not a git repository: candidate tests run in a scratch copy of one")
    names = {n for n in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if n}
    return sorted(names)


def copy_tree(root: Path, files: Sequence[str], dest: Path) -> None:
    """Copy `files` (repository-relative) from `root` into `dest`; a symlink is copied only when it points
    inside the repository, as a copy of its target (nothing in the scratch copy leads back out)."""
    real_root = root.resolve()
    for name in files:
        src = root / name
        target = dest / name
        try:
            resolved = src.resolve()
            if not src.is_file() or not (resolved == real_root or real_root in resolved.parents):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(resolved, target)
            shutil.copymode(resolved, target)
        except OSError:
            continue  # vanished or unreadable: the candidate runs without it


# --- the environment -------------------------------------------------------------------------

def environment(base: dict[str, str], home: Path, tmp: Path, pythonpath: Sequence[str], marker: str,
                writable: Sequence[str], guard_network: bool, guard_files: bool) -> dict[str, str]:
    env = {k: v for k, v in base.items() if k in ALLOWED_ENV or k.startswith("LC_")}
    env.setdefault("PATH", os.defpath)
    env.update(HOME=str(home), TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join(pythonpath))
    env[MARKER_VAR] = marker
    env["REVIEWER_SANDBOX_WRITABLE"] = os.pathsep.join(writable)
    env["REVIEWER_SANDBOX_GUARD"] = ",".join(n for n, on in (("net", guard_network), ("files", guard_files)) if on)
    return env


GUARD = '''"""reviewer's best-effort sandbox guard (an audit hook: it cannot be removed once installed)."""
import os
import sys


def _install():
    guard = set(filter(None, os.environ.get("REVIEWER_SANDBOX_GUARD", "").split(",")))
    roots = [os.path.realpath(p) for p in os.environ.get("REVIEWER_SANDBOX_WRITABLE", "").split(os.pathsep) if p]
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    inet = {getattr(__import__("socket"), n, -1) for n in ("AF_INET", "AF_INET6")} if "net" in guard else set()

    def inside(path):
        try:
            p = os.path.realpath(os.fsdecode(path))
        except Exception:
            return False
        return p == os.devnull or any(p == r or p.startswith(r + os.sep) for r in roots)

    def refuse(what):
        raise PermissionError("reviewer sandbox: " + what + " is not allowed for a candidate test")

    path_events = {"os.remove", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.chown", "os.utime",
                   "os.symlink", "os.link", "shutil.rmtree", "os.rename", "os.replace"}

    def hook(event, args):
        if "files" in guard:
            if event == "open" and args and not isinstance(args[0], int):
                mode, flags = (args[1] if len(args) > 1 else "r") or "r", (args[2] if len(args) > 2 else 0) or 0
                writing = any(c in str(mode) for c in "wax+") or bool(flags & write_flags)
                if writing and not inside(args[0]):
                    refuse("writing " + repr(args[0]) + " outside the scratch copy")
            elif event in path_events:
                for a in args[:2]:
                    if isinstance(a, (str, bytes, os.PathLike)) and not inside(a):
                        refuse(event + " on " + repr(a) + " outside the scratch copy")
        if inet and event in ("socket.connect", "socket.sendto", "socket.bind", "socket.sendmsg"):
            if getattr(args[0], "family", None) in inet:
                refuse("network access")
        if inet and event == "socket.getaddrinfo":
            refuse("network access (name lookup)")

    sys.addaudithook(hook)


_install()
del _install
'''


def write_guard(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    return folder


# --- the command -----------------------------------------------------------------------------

def python_prefixes(python: str, root: Optional[Path] = None) -> list[str]:
    """Folders the interpreter needs (kept visible when bubblewrap hides HOME and the repository).

    For this process's own interpreter that includes its import path (site-packages, and folders that
    .pth files add), except anything inside the repository `root`: the scratch copy stands for it.
    """
    out = {sys.prefix, sys.base_prefix, sys.exec_prefix}
    if os.path.realpath(python) == os.path.realpath(sys.executable):
        real_root = os.path.realpath(root) if root is not None else None
        for entry in sys.path:
            path = os.path.realpath(entry) if entry and os.path.isabs(entry) else None
            if path is None or not os.path.isdir(path):
                continue
            if real_root and (path == real_root or path.startswith(real_root + os.sep)):
                continue
            out.add(path)
    for p in (Path(python).absolute(), Path(python).resolve()):
        out.add(str(p.parent.parent))
        # A virtual environment names its base interpreter's folder in pyvenv.cfg (`home = .../bin`).
        with contextlib.suppress(OSError, ValueError):
            for line in (p.parent.parent / "pyvenv.cfg").read_text(encoding="utf-8").splitlines():
                key, _sep, value = line.partition("=")
                if key.strip() == "home" and value.strip():
                    out.add(str(Path(value.strip()).parent))
    with contextlib.suppress(Exception):
        import site

        user = site.getusersitepackages()
        if os.path.isdir(user):
            out.add(user)
    return sorted(p for p in out if p and p != "/")


def wrap(isolation: Isolation, argv: Sequence[str], scratch: Path, cwd: Path, hide: Sequence[str],
         keep: Sequence[str]) -> list[str]:
    """The command line that runs `argv` under `isolation`."""
    if isolation.mode == UNSHARE:
        return [*_UNSHARE, *argv]
    if isolation.mode != BWRAP:
        return [argv[0], "-c", REAPER, *argv]
    cmd = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for path in hide:  # HOME and the real repository: credentials and the original files out of sight
        if path and path != "/" and os.path.isdir(path):
            cmd += ["--tmpfs", path]
    for path in keep:  # the interpreter and its packages, when they live under a hidden folder
        if os.path.isdir(path):
            cmd += ["--ro-bind", path, path]
    cmd += ["--bind", str(scratch), str(scratch), "--chdir", str(cwd), "--unshare-all", "--die-with-parent",
            "--new-session", "--", *argv]
    return cmd


# --- reaping ---------------------------------------------------------------------------------

# Best-effort mode's stand-in for a PID namespace (no cgroup needed): a small parent that makes itself the
# child subreaper (Linux prctl), so descendants that detach (double fork, setsid, a cleared environment)
# are re-parented to it and killed when the test command ends or on SIGTERM.
REAPER = r"""
import ctypes, os, signal, subprocess, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
except Exception:
    pass
def kill_all():
    me = str(os.getpid())
    for _ in range(100):
        kids = []
        for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
            try:
                with open("/proc/%s/stat" % pid) as fh:
                    if fh.read().rsplit(")", 1)[1].split()[1] == me:
                        kids.append(int(pid))
            except (OSError, IndexError, ValueError):
                pass
        if not kids:
            return
        for pid in kids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in kids:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass
child = subprocess.Popen(sys.argv[1:])
def stop(signum, frame):
    kill_all()
    os._exit(124)
signal.signal(signal.SIGTERM, stop)
rc = child.wait()
kill_all()
if rc < 0:
    signal.signal(-rc, signal.SIG_DFL)
    os.kill(os.getpid(), -rc)
sys.exit(rc)
"""

def reap(proc: "subprocess.Popen[bytes]", marker: str) -> int:
    """Kill every process of the run: its process group, then stragglers that still carry the marker
    (a child that started its own session). Returns how many stragglers were killed."""
    if proc.poll() is None:
        # Best-effort mode's reaper kills its detached descendants on SIGTERM; give it a moment.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
    proc.wait()
    return kill_marked(marker)


def kill_marked(marker: str) -> int:
    """SIGKILL every process of this user whose environment holds MARKER_VAR=marker (Linux /proc)."""
    needle = f"{MARKER_VAR}={marker}".encode()
    killed = 0
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return 0
    for _round in range(3):  # a straggler may fork while we look
        found = 0
        for entry in proc_dir.iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                env = (entry / "environ").read_bytes()
            except OSError:
                continue
            if needle in env.split(b"\0"):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(int(entry.name), signal.SIGKILL)
                    found += 1
        killed += found
        if not found:
            break
    return killed


def new_marker() -> str:
    return uuid.uuid4().hex
