"""Every Python file with a relative import, at the pinned head of every fetched project: which ones
reviewer.rules.context.unresolved_import calls unimportable (the `unimportable` context). Prints them; the count to stderr."""
import sys, time
from mirrors import projects, git_dir, files, texts
from reviewer.rules import context
t0=time.time(); hits=0; nproj=0
for name,p in sorted(projects().items()):
    d=git_dir(p['repo'])
    if d is None: continue
    head=p['head']
    fl=files(d,head)
    if not fl: continue
    nproj+=1
    stems=context.module_names(fl)
    py=[f for f in fl if f.endswith('.py')]
    tx=texts(d,head,py)
    cache={}
    def read(q):
        if q not in cache: cache[q]=texts(d,head,[q]).get(q)
        return cache[q]
    for f,t in tx.items():
        if 'from .' not in t: continue
        m=context.unresolved_import(f,t,stems,read)
        if m: hits+=1; print(name, f, m, flush=True)
print('projects',nproj,'hits',hits, file=sys.stderr)
