"""Labelled `compare-to-none` / `compare-not-none` findings by the project's share of `is None` among its None
comparisons (its own Python files at the pinned head, not tests or library folders) and whether it configures
a Python linter anywhere (setup.cfg, tox.ini, pyproject.toml, pre-commit, CI files naming flake8, ruff,
pylint, pycodestyle ...). A one-off scan of the labels (run from anywhere), reading the fetched mirrors
(/work/.mirror); the pass it served is in docs/precision-history.md: no bin separates noise from findings
worth saying once flowblade's style and volatility's null object (contexts already) are set aside.
"""
import collections
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mirrors  # noqa: E402  (puts the repository root on sys.path)
from reviewer.rules import practice  # noqa: E402

projs = mirrors.projects()
LINT=re.compile(r'flake8|ruff|pylint|pycodestyle|pyflakes|prospector|wemake')
cache={}
def info(name):
    if name in cache: return cache[name]
    p=projs[name]; d=mirrors.git_dir(p['repo']); h=p['head']
    files=mirrors.files(d, h)
    py=[f for f in files if f.endswith('.py') and not re.search(r'(^|/)(tests?|vendor|_vendor|third_party|lib|libs|ext|extern)/',f)]
    cfgs=[f for f in files if f.split('/')[-1] in ('setup.cfg','tox.ini','.flake8','ruff.toml','.ruff.toml','pyproject.toml','.pylintrc','pylintrc','.pre-commit-config.yaml','Makefile') or f.startswith('.github/workflows/') or f in ('.travis.yml','.gitlab-ci.yml','azure-pipelines.yml')]
    eq=ident=0; lint=False
    for fn,t in mirrors.texts(d, h, py+cfgs).items():
        if fn.endswith('.py'):
            e,s=practice._counts(t); eq+=e; ident+=s
        elif LINT.search(t): lint=True
    cache[name]=(eq,ident,lint); return cache[name]
rows=collections.Counter(); ex=collections.defaultdict(collections.Counter)
for d in mirrors.labels():
    if d['rule'] not in ('python-standards/compare-to-none','python-standards/compare-not-none'): continue
    if d['project'] not in projs or mirrors.git_dir(projs[d['project']]['repo']) is None: continue
    eq,ident,lint=info(d['project'])
    share=ident/(eq+ident) if eq+ident else 1
    b='is>=0.95' if share>=0.95 else 'is 0.8-0.95' if share>=0.8 else 'is 0.5-0.8' if share>=0.5 else 'is<0.5'
    key=(('lint' if lint else 'nolint'),b,d['verdict'])
    rows[key]+=1; ex[key][d['project']]+=1
for k in sorted(rows): print(k, rows[k], ex[k].most_common(5))
