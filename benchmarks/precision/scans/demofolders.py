"""What the examples globs added in the twenty-seventh pass (`Demo*/*`, `*/demos/*`, `*/example/*` in
`rules.example_files`) move into the examples context: every labelled finding whose path the new globs name and
the old ones did not, with its verdict and whether its rule skips or softens examples; and, at the head of every
fetched mirror, each folder the new globs name (to see what shipped code they would take)."""
import collections
import subprocess

from mirrors import MIRRORS, labels

from reviewer.config import RulesConfig
from reviewer.rules.context import _glob_hit

NEW = ("Demo*/*", "*/demos/*", "*/example/*")
# the globs before: "Demo*/*" took the place of "Demo/*" and "Demos/*"
OLD = tuple(g for g in RulesConfig().example_files if g not in NEW) + ("Demo/*", "Demos/*")
table = collections.Counter()
for lab in labels():
    if _glob_hit(lab["path"], NEW) and not _glob_hit(lab["path"], OLD):
        table[lab["project"], lab["rule"].split("/")[-1], lab["verdict"]] += 1
        print(lab["project"], lab["path"], lab["rule"], lab["verdict"])
print("\n| project | rule | verdict | findings |\n|---|---|---|---|")
for (project, rule, verdict), n in sorted(table.items()):
    print(f"| {project} | {rule} | {verdict} | {n} |")

print("\nfolders at the mirrors' heads:")
for mirror in sorted(MIRRORS.iterdir()):
    d = mirror / "repo"
    d = d / ".git" if (d / ".git").is_dir() else d
    if not d.is_dir():
        continue
    names = subprocess.run(["git", "--git-dir", str(d), "ls-tree", "-r", "--name-only", "HEAD"],
                           capture_output=True, text=True).stdout.split("\n")
    hits = [p for p in names if p.endswith(".py") and _glob_hit(p, NEW) and not _glob_hit(p, OLD)]
    for folder in sorted({p.split("/")[0] if p.startswith("Demo") else p[:p.find(s) + len(s)]
                          for p in hits for s in ("/demos/", "/example/") if s in p or p.startswith("Demo")}):
        print(mirror.name, folder)
