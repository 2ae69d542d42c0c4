"""Whether "code nothing calls" can be told by name: for each labelled finding (its project fetched), the
chain of functions and classes around its line, and whether one of them (not a dunder, a test or a decorated
one) is named nowhere else in the repository at that commit (`git grep -w`: one hit, its own `def`). Judges
call findings in such code noise (CheckM's `_refineMarkerSet`, tsrc's `StatusFooter`, bmtk's helpers): 316
labels' reasons say dead, unused or uncalled. Measured in the twenty-seventh pass over the 5,598 labels whose
project was fetched: named nowhere else, 101 worth saying and 71 noise (private names: 1 and 6), so the rules
do not use it: a library's public function that nothing in its repository calls is its users' API. Prints
each such label and a table."""
import ast
import collections
import subprocess

from mirrors import labelled, texts


def chain(text, line):
    """The functions and classes that hold `line`, outermost first ([] at module level or unparsable)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    out, node = [], tree
    while True:
        inner = [c for c in ast.iter_child_nodes(node) if getattr(c, "lineno", 0) <= line <= getattr(c, "end_lineno", 0)]
        if not inner:
            return out
        node = inner[0]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(node)


counts: dict = {}
table = collections.Counter()
for lab, d, commit in labelled(lambda l: True):
    if d is None:
        continue
    commit = commit.replace("tree:", "")
    text = texts(d, commit, [lab["path"]]).get(lab["path"])
    if not text:
        continue
    dead = None
    for node in chain(text, lab["line"]):
        if node.name.startswith(("__", "test")) or node.decorator_list:
            break
        if (d, commit, node.name) not in counts:
            grep = subprocess.run(["git", "--git-dir", d, "grep", "-w", "-c", "-F", node.name, commit],
                                  capture_output=True, text=True).stdout
            counts[(d, commit, node.name)] = sum(int(x.rsplit(":", 1)[1]) for x in grep.splitlines() if x)
        if counts[(d, commit, node.name)] <= 1:
            dead = node.name
            break
    kind = "module" if not chain(text, lab["line"]) else "named nowhere else" if dead else "named elsewhere"
    table[(kind, "private" if dead and dead.startswith("_") else "", lab["verdict"])] += 1
    if dead:
        print(lab["verdict"], lab["project"], lab["path"], lab["line"], dead, lab["rule"], sep="\t")
print()
for key, n in sorted(table.items()):
    print(*key, n)
