"""partofheads.py: the Python files, at the heads of the fetched mirrors (/work/.mirror), that the `copied` context
of this checkout takes for a copy because their notice says they are part of another project than the one the
project's own notices name (`Contexts.part_of_another`), with that name and the project's own. Only files whose
opening says "part of" are asked. The pass it served is in docs/precision-history.md (the forty-second: PyMca's
`EdfFile.py` in Elettra's STP-Core)."""
import glob
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from reviewer.config import RulesConfig  # noqa: E402
from reviewer.rules import context, purpose  # noqa: E402

ROOT_FILES = ("setup.py", "setup.cfg", "pyproject.toml", "LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING", "LICENCE",
              "COPYING.txt", "LICENSE.rst", "package.xml", "addon.xml")
HINT = re.compile(r"(?i)\bpart[ \t]+of\b")
repos = sorted(glob.glob("/work/.mirror/*/repo"))
marked = asked = 0
for repo in repos:
    d = repo + "/.git" if os.path.isdir(repo + "/.git") else repo
    head = subprocess.run(["git", "--git-dir", d, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    if not head:
        continue
    names = [p for p in mirrors.files(d, head) if p.endswith(".py")]
    if not names:
        continue
    tmp = Path(tempfile.mkdtemp(prefix="partof-"))
    for name, text in mirrors.texts(d, head, list(ROOT_FILES)).items():
        (tmp / name).write_text(text)
    listing = mirrors.files(d, head)
    ctx = context.from_config(RulesConfig(), tmp, lambda listing=listing: listing,
                              lambda p, d=d, c=head: mirrors.show(d, c, p))
    for path, text in mirrors.texts(d, head, names).items():
        if not text or not HINT.search(text, 0, 20000) or purpose.part_of(text) is None:
            continue
        asked += 1
        if ctx.part_of_another(text):
            marked += 1
            own = ctx._own_parts()
            print(f"{os.path.basename(os.path.dirname(repo))}\t{path}\t{purpose.part_of(text)}\t"
                  f"own: {sorted(own[0]) if own else None}")
print(f"{len(repos)} mirrors; {asked} files say they are part of a project; {marked} taken for copies", file=sys.stderr)
