"""Labelled findings in a unit directly inside a library-named folder, by whether `Contexts.library_copy` takes
the unit for another project's copy (its own release and another author), for findings the bundled and
vendored folders do not already skip. A one-off scan of the labels (run from anywhere): it reads the fetched
mirrors (/work/.mirror), writes each commit's packaging and license files to a scratch folder as a checkout
has them, and asks the contexts as a review of that commit would. The pass it served is in
docs/precision-history.md.
"""
import collections
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from mirrors import show  # noqa: E402
from reviewer.config import RulesConfig  # noqa: E402
from reviewer.rules import context  # noqa: E402

ROOT_FILES = ("setup.py", "setup.cfg", "pyproject.toml", "LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING")


contexts = {}
out = collections.Counter()
examples = collections.defaultdict(collections.Counter)
for lab, d, commit in mirrors.labelled(lambda lab: context._library_unit(lab["path"]) is not None):
    if d is None:
        out[("no mirror", lab["verdict"])] += 1
        continue
    key = (lab["project"], commit)
    if key not in contexts:
        tmp = Path(tempfile.mkdtemp(prefix="libcopy-"))
        for name in ROOT_FILES:
            text = show(d, commit, name)
            if text is not None:
                (tmp / name).write_text(text)
        files = mirrors.files(d, commit)
        contexts[key] = context.from_config(RulesConfig(), tmp, lambda files=files: files,
                                            lambda p, d=d, c=commit: show(d, c, p))
    ctx = contexts[key]
    text = show(d, commit, lab["path"])
    if ctx.third_party(lab["path"], text):
        what = "skipped already (vendored, bundled, generated)"
    elif "copied" in ctx.kinds(lab["path"], text) and not ctx.library_copy(lab["path"], text):
        what = "copied already (a notice under another license)"
    elif ctx.library_copy(lab["path"], text):
        what = "copied: its own release and another author (new)"
    else:
        what = "reported"
    out[(what, lab["verdict"])] += 1
    examples[(what, lab["verdict"])][(lab["project"], "/".join(lab["path"].split("/")[:3]))] += 1
for k in sorted(out):
    print(k, out[k], examples[k].most_common(8))
