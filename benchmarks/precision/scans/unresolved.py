"""Which labelled findings sit in a module whose unconditional relative import names a module that nothing in
the repository provides (reviewer.rules.context.unresolved_import): a module that cannot be imported. Prints
each such label and a table per project (TP/FP)."""
import collections
import sys

from mirrors import files, labelled, print_projects, texts

from reviewer.rules import context

only = set(sys.argv[1:])
table = collections.Counter()
listing, seen = {}, {}
for lab, d, commit in labelled(lambda l: not only or l["project"] in only):
    if d is None:
        continue
    key = (d, commit, lab["path"])
    if key not in seen:
        if (d, commit) not in listing:
            listing.clear()
            listing[(d, commit)] = context.module_names(files(d, commit))
        stems = listing[(d, commit)]
        text = texts(d, commit, [lab["path"]]).get(lab["path"])
        cache = {}

        def read(p, d=d, commit=commit, cache=cache):
            if p not in cache:
                cache[p] = texts(d, commit, [p]).get(p)
            return cache[p]
        seen.clear()
        seen[key] = context.unresolved_import(lab["path"], text, stems, read) if text else None
    missing = seen[key]
    if missing:
        table[(lab["project"], lab["verdict"])] += 1
        print(lab["verdict"], lab["project"], lab["commit"][:14], lab["path"], lab["rule"], missing, sep="\t")
print_projects(table)
