"""copies.py CODE_ROOT OUT: for each labelled finding of a project with a fetched mirror (/work/.mirror), whether
the `copied` context of the reviewer at CODE_ROOT (a checkout of any commit) marks its file at that commit, as
JSON lines (project, commit, path, line, rule, verdict, copied). Run it for two commits and compare the files:
the labels a change of the context takes out or puts back. The pass it served is in docs/precision-history.md."""
import json
import sys
import tempfile
from pathlib import Path

code = sys.argv[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402
sys.path.insert(0, code)
for m in [m for m in sys.modules if m.startswith('reviewer')]: del sys.modules[m]
from reviewer.config import RulesConfig  # noqa: E402
from reviewer.rules import context  # noqa: E402
print(context.__file__, file=sys.stderr)
ROOT_FILES = ("setup.py", "setup.cfg", "pyproject.toml", "LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING", "README.md", "README.rst", "package.xml", "addon.xml", "LICENCE", "COPYING.txt", "LICENSE.rst")
contexts = {}
out = open(sys.argv[2], 'w')
projects = mirrors.projects()
for lab, d, commit in mirrors.labelled(lambda lab: lab["path"].endswith(".py")):
    if d is None:
        continue
    key = (lab["project"], commit)
    if key not in contexts:
        tmp = Path(tempfile.mkdtemp(prefix="copyscan-")) / lab["project"]
        tmp.mkdir()
        for name, text in mirrors.texts(d, commit, list(ROOT_FILES)).items():
            (tmp / name).write_text(text)
        files = mirrors.files(d, commit)
        contexts[key] = context.from_config(RulesConfig(), tmp, lambda files=files: files,
                                            lambda p, d=d, c=commit: mirrors.show(d, c, p))
    ctx = contexts[key]
    text = mirrors.show(d, commit, lab["path"])
    copied = text is not None and "copied" in ctx.kinds(lab["path"], text)
    out.write(json.dumps([lab["project"], lab["commit"], lab["path"], lab["line"], lab["rule"], lab["verdict"], copied]) + "\n")
    out.flush()
